// The WebAssembly module of 'qianming/k3cloud' (module.js).
import * as glue from '../../pkg/qianming_k3cloud.js';
import { wasmModule } from '../module.js';

export const wasm = wasmModule(glue, 'qianming/k3cloud');
