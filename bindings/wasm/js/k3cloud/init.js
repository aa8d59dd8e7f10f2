// Explicit initialisation of 'qianming/k3cloud' (as ../init.js for 'qianming'): `init(source)` or
// `initSync(bytes)` with 'qianming/k3cloud.wasm', then the API.
import { wasm } from './handle.js';

export * from './api.js';
export const { init, initSync } = wasm;
