// Type declarations of 'qianming/apusic/init': the API of 'qianming/apusic' plus explicit
// initialisation with its .wasm ('qianming/apusic.wasm'), as 'qianming/init' for the main module.

export * from './index.js';
export { init, initSync } from '../init.js';
