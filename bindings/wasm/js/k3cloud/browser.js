// Browser (and bundler) entry of 'qianming/k3cloud': fetches its module next to the glue (as
// ../browser.js does); with esbuild, use 'qianming/k3cloud/init'.
import { loadBrowser } from '../module.js';
import { wasm } from './handle.js';

await loadBrowser(wasm, new URL('../../pkg/qianming_k3cloud_bg.wasm', import.meta.url), 'qianming/k3cloud');

export * from './api.js';
