// One WebAssembly module of the package as its API sees it, made by `wasmModule` for the main
// module ('qianming') and for each subpath's ('qianming/doctor', 'qianming/messaging', …), so
// initialisation works the same way everywhere:
//   * `core` refuses every use until the module is instantiated, then is the wasm-bindgen glue
//     (without the stand-in, a call made too early fails deep inside the glue);
//   * `init` / `initSync` instantiate it (explicit initialisation, 'qianming/…/init');
//   * `loadBrowser` is what the automatic browser entries (browser.js) run; the Node entries
//     (node.js) read the .wasm and call `initSync`.

/** The glue of the first module instantiated: its error constructors serve every module. */
let firstReady;

function notReady(entry) {
  return new Proxy(
    {},
    {
      get() {
        throw new Error(
          `${entry} is not initialised: await init(…) (or call initSync(…)) from '${entry}/init' ` +
            `before using it, or import '${entry}', which initialises itself`,
        );
      },
    },
  );
}

function missing(source) {
  return source === undefined || source === null;
}

/**
 * The module whose wasm-bindgen glue (`--target web`) is `glue`, imported as `entry` (for the
 * messages).
 */
export function wasmModule(glue, entry) {
  let loading;
  let ready = false;
  const module = {
    /** The glue's exports once the module is instantiated; until then, the stand-in. */
    core: notReady(entry),

    /**
     * Instantiates the module from `source` (a URL, a Response, its bytes or a compiled
     * WebAssembly.Module, or a promise of one); resolves when the API is ready. Calling it
     * again returns the first call's promise (a failed call may be retried).
     */
    init(source) {
      if (loading === undefined) {
        if (missing(source)) {
          return Promise.reject(
            new TypeError('init() needs the .wasm: a URL, a Response, its bytes or a WebAssembly.Module'),
          );
        }
        loading = (async () => {
          await glue.default({ module_or_path: await source });
          markReady();
        })();
        loading.catch(() => {
          loading = undefined;
        });
      }
      return loading;
    },

    /**
     * Instantiates the module from its bytes (or a compiled WebAssembly.Module)
     * synchronously; does nothing once the module is ready. (Browsers limit synchronous
     * compilation on the main thread: prefer `init` there.)
     */
    initSync(source) {
      if (ready) return;
      if (loading !== undefined) throw new Error('init() is already loading the module: await it instead');
      if (missing(source)) {
        throw new TypeError('initSync() needs the .wasm: its bytes or a WebAssembly.Module');
      }
      glue.initSync({ module: source });
      loading = Promise.resolve();
      markReady();
    },
  };
  function markReady() {
    ready = true;
    module.core = glue;
    firstReady ??= glue;
  }
  return module;
}

/**
 * The glue of any module that is ready (for errors every module builds alike, such as
 * `invalid_unicode`), else a stand-in that says the package is not initialised.
 */
export function anyCore() {
  return firstReady ?? notReady('qianming');
}

/**
 * Browsers and bundlers: fetches the .wasm at `url` and instantiates it. Vite and webpack see
 * the entry's `new URL(…, import.meta.url)` and emit the .wasm with the bundle; where nothing
 * does (esbuild), the error points at `<entry>/init`.
 */
export async function loadBrowser(module, url, entry) {
  try {
    await module.init(url);
  } catch (error) {
    throw new Error(
      `${entry} could not load its WebAssembly module from ${url} (${error?.message ?? error}); ` +
        `if your bundler does not emit it (esbuild), import from '${entry}/init' and pass the .wasm to init()`,
      { cause: error },
    );
  }
}
