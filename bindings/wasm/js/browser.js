// Browser (and bundler) entry: fetches the .wasm next to the glue and instantiates it before
// the module finishes loading (top-level await), so the API is ready once imported. Vite and
// webpack see the `new URL(…, import.meta.url)` and emit the .wasm with the bundle; where
// nothing does (esbuild), use 'qianming/init' and pass the .wasm's URL.
import { loadBrowser } from './module.js';
import { wasm } from './handle.js';

await loadBrowser(wasm, new URL('../pkg/qianming_wasm_bg.wasm', import.meta.url), 'qianming');

export * from './api.js';
