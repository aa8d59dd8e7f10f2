// Node entry: reads the .wasm next to the glue with fs and instantiates it synchronously (no
// top-level await, so `require('qianming')` works too where Node can require ES modules).
import { readFileSync } from 'node:fs';
import { wasm } from './handle.js';

wasm.initSync(readFileSync(new URL('../pkg/qianming_wasm_bg.wasm', import.meta.url)));

export * from './api.js';
