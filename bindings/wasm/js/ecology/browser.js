// Browser (and bundler) entry of 'qianming/ecology': fetches its module next to the glue (as
// ../browser.js does); with esbuild, use 'qianming/ecology/init'.
import { loadBrowser } from '../module.js';
import { wasm } from './handle.js';

await loadBrowser(wasm, new URL('../../pkg/qianming_ecology_bg.wasm', import.meta.url), 'qianming/ecology');

export * from './api.js';
