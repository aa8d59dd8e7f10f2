// Type declarations of 'qianming/messaging/init': the API of 'qianming/messaging' plus explicit
// initialisation with its .wasm ('qianming/messaging.wasm'), as 'qianming/init' for the main module.

export * from './index.js';
export { init, initSync } from '../init.js';
