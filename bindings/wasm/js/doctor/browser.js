// Browser (and bundler) entry of 'qianming/doctor': fetches its module next to the glue (as
// ../browser.js does); with esbuild, use 'qianming/doctor/init'.
import { loadBrowser } from '../module.js';
import { wasm } from './handle.js';

await loadBrowser(wasm, new URL('../../pkg/qianming_doctor_bg.wasm', import.meta.url), 'qianming/doctor');

export * from './api.js';
