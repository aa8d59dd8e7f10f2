// Browser (and bundler) entry: fetches the .wasm next to the glue and instantiates it before
// the module finishes loading (top-level await), so the API is ready once imported.
import init from '../pkg/qianming_wasm.js';

await init({ module_or_path: new URL('../pkg/qianming_wasm_bg.wasm', import.meta.url) });

export * from './api.js';
