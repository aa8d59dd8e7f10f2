// Type declarations of 'qianming/ecology/init': the API of 'qianming/ecology' plus explicit
// initialisation with its .wasm ('qianming/ecology.wasm'), as 'qianming/init' for the main module.

export * from './index.js';
export { init, initSync } from '../init.js';
