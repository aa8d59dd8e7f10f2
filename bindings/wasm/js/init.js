// Explicit initialisation: `import { init, kingdee } from 'qianming/init'`, then
// `await init(source)` (or `initSync(bytes)`) with the .wasm as a URL, a fetch Response,
// its bytes or a compiled WebAssembly.Module. For runtimes and bundlers where the automatic
// entries cannot locate the .wasm themselves (esbuild, workers, Deno, a CDN, …). Each subpath
// has its own ('qianming/doctor/init', …), made by the same `wasmModule` (module.js).
import { wasm } from './handle.js';

export * from './api.js';

/**
 * Instantiates the WebAssembly module from `source`; resolves when the API is ready. Calling
 * it again returns the first call's promise (a failed call may be retried).
 */
export const { init, initSync } = wasm;
