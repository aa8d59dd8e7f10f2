// Browser (and bundler) entry of 'qianming/apusic': fetches its module next to the glue (as
// ../browser.js does); with esbuild, use 'qianming/apusic/init'.
import { loadBrowser } from '../module.js';
import { wasm } from './handle.js';

await loadBrowser(wasm, new URL('../../pkg/qianming_apusic_bg.wasm', import.meta.url), 'qianming/apusic');

export * from './api.js';
