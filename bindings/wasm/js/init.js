// Explicit initialisation: `import { init, kingdee } from 'qianming/init'`, then
// `await init(source)` (or `initSync(bytes)`) with the .wasm as a URL, a fetch Response,
// its bytes or a compiled WebAssembly.Module. For runtimes and bundlers where the automatic
// entries cannot locate the .wasm themselves (esbuild, workers, Deno, a CDN, …). The
// automatic entries (browser.js, node.js) use these two functions too.
import initGlue, { initSync as initGlueSync } from '../pkg/qianming_wasm.js';
import { markReady } from './glue.js';

export * from './api.js';

let loading;
let ready = false;

function missing(source) {
  return source === undefined || source === null;
}

/**
 * Instantiates the WebAssembly module from `source`; resolves when the API is ready. Calling
 * it again returns the first call's promise (a failed call may be retried).
 */
export function init(source) {
  if (loading === undefined) {
    if (missing(source)) {
      return Promise.reject(new TypeError('init() needs the .wasm: a URL, a Response, its bytes or a WebAssembly.Module'));
    }
    loading = (async () => {
      await initGlue({ module_or_path: await source });
      ready = true;
      markReady();
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/**
 * Instantiates the WebAssembly module from its bytes (or a compiled WebAssembly.Module)
 * synchronously; does nothing once the module is ready. (Browsers limit synchronous
 * compilation on the main thread: prefer `init` there.)
 */
export function initSync(source) {
  if (ready) return;
  if (loading !== undefined) throw new Error('init() is already loading the module: await it instead');
  if (missing(source)) {
    throw new TypeError('initSync() needs the .wasm: its bytes or a WebAssembly.Module');
  }
  initGlueSync({ module: source });
  ready = true;
  loading = Promise.resolve();
  markReady();
}
