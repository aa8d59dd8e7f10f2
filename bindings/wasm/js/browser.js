// Browser (and bundler) entry: fetches the .wasm next to the glue and instantiates it before
// the module finishes loading (top-level await), so the API is ready once imported. Vite and
// webpack see the `new URL(…, import.meta.url)` and emit the .wasm with the bundle; where
// nothing does (esbuild), use 'qianming/init' and pass the .wasm's URL.
import { init } from './init.js';

const wasm = new URL('../pkg/qianming_wasm_bg.wasm', import.meta.url);
try {
  await init(wasm);
} catch (error) {
  throw new Error(
    `qianming could not load its WebAssembly module from ${wasm} (${error?.message ?? error}); ` +
      "if your bundler does not emit it (esbuild), import from 'qianming/init' and pass the .wasm to init()",
    { cause: error },
  );
}

export * from './api.js';
