// The WebAssembly module of 'qianming/ecology' (module.js).
import * as glue from '../../pkg/qianming_ecology.js';
import { wasmModule } from '../module.js';

export const wasm = wasmModule(glue, 'qianming/ecology');
