// The WebAssembly module of 'qianming/messaging' (module.js).
import * as glue from '../../pkg/qianming_messaging.js';
import { wasmModule } from '../module.js';

export const wasm = wasmModule(glue, 'qianming/messaging');
