// Browser (and bundler) entry of 'qianming/messaging': fetches its module next to the glue (as
// ../browser.js does); with esbuild, use 'qianming/messaging/init'.
import { loadBrowser } from '../module.js';
import { wasm } from './handle.js';

await loadBrowser(wasm, new URL('../../pkg/qianming_messaging_bg.wasm', import.meta.url), 'qianming/messaging');

export * from './api.js';
