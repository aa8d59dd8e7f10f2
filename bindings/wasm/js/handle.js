// The main WebAssembly module, 'qianming' (module.js).
import * as glue from '../pkg/qianming_wasm.js';
import { wasmModule } from './module.js';

export const wasm = wasmModule(glue, 'qianming');
