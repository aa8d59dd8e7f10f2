// Node entry of 'qianming/ecology': instantiates its module synchronously (as ../node.js does).
import { readFileSync } from 'node:fs';
import { wasm } from './handle.js';

wasm.initSync(readFileSync(new URL('../../pkg/qianming_ecology_bg.wasm', import.meta.url)));

export * from './api.js';
