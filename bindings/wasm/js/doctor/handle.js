// The WebAssembly module of 'qianming/doctor' (module.js).
import * as glue from '../../pkg/qianming_doctor.js';
import { wasmModule } from '../module.js';

export const wasm = wasmModule(glue, 'qianming/doctor');
