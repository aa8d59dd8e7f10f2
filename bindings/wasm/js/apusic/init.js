// Explicit initialisation of 'qianming/apusic' (as ../init.js for 'qianming'): `init(source)` or
// `initSync(bytes)` with 'qianming/apusic.wasm', then the API.
import { wasm } from './handle.js';

export * from './api.js';
export const { init, initSync } = wasm;
