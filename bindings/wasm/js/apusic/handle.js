// The WebAssembly module of 'qianming/apusic' (module.js).
import * as glue from '../../pkg/qianming_apusic.js';
import { wasmModule } from '../module.js';

export const wasm = wasmModule(glue, 'qianming/apusic');
