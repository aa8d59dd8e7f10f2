// Type declarations of `qianming/init`: the whole API of `qianming` plus explicit
// initialisation. They name the DOM's (or a worker's) `Request`, `Response` and
// `WebAssembly.Module`: compile with the "DOM" or "WebWorker" lib.

export * from './index.js';

/**
 * Where `init` finds the WebAssembly module (`qianming/qianming.wasm` in the package): its
 * URL (fetched), a fetch `Response`, its bytes, or a compiled module.
 */
export type InitSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** The WebAssembly module's bytes, or the module compiled. */
export type InitSyncSource = BufferSource | WebAssembly.Module;

/**
 * Instantiates the WebAssembly module (`source` may also be a promise of one, e.g. `fetch(…)`
 * or a dynamic import of the `.wasm` asset's URL); the API is usable once the promise resolves. Calling it
 * again returns the first call's promise (a call that failed may be retried). Until then every
 * function of the API throws an `Error` saying the package is not initialised.
 */
export function init(source: InitSource | PromiseLike<InitSource>): Promise<void>;

/**
 * Instantiates the WebAssembly module synchronously; does nothing once it is ready, throws while
 * `init` is still loading it. Browsers limit synchronous compilation on the main thread: prefer
 * `init` there.
 */
export function initSync(source: InitSyncSource): void;
