// `qianming/qianming.wasm` (and each subpath's: `qianming/doctor.wasm`, …): a WebAssembly
// module of the package, imported as an asset. What the import gives depends on the bundler;
// with esbuild's `--loader:.wasm=file` (and Vite's `?url` suffix) it is the URL the bundle
// serves the file at, to pass to `init` from 'qianming/init' (or 'qianming/doctor/init', …).
declare const wasmUrl: string;
export default wasmUrl;
