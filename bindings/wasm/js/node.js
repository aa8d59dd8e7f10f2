// Node entry: reads the .wasm next to the glue with fs and instantiates it synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/qianming_wasm.js';

initSync({ module: readFileSync(new URL('../pkg/qianming_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
