// `qianming/qianming.wasm`: the package's WebAssembly module, imported as an asset. What the
// import gives depends on the bundler; with esbuild's `--loader:.wasm=file` (and Vite's `?url`
// suffix) it is the URL the bundle serves the file at, to pass to `init` from 'qianming/init'.
declare const wasmUrl: string;
export default wasmUrl;
