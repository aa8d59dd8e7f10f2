// Type declarations of 'qianming/doctor/init': the API of 'qianming/doctor' plus explicit
// initialisation with its .wasm ('qianming/doctor.wasm'), as 'qianming/init' for the main module.

export * from './index.js';
export { init, initSync } from '../init.js';
