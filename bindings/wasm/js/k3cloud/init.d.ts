// Type declarations of 'qianming/k3cloud/init': the API of 'qianming/k3cloud' plus explicit
// initialisation with its .wasm ('qianming/k3cloud.wasm'), as 'qianming/init' for the main module.

export * from './index.js';
export { init, initSync } from '../init.js';
