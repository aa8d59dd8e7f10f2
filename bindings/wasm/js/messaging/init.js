// Explicit initialisation of 'qianming/messaging' (as ../init.js for 'qianming'): `init(source)` or
// `initSync(bytes)` with 'qianming/messaging.wasm', then the API.
import { wasm } from './handle.js';

export * from './api.js';
export const { init, initSync } = wasm;
