// Only `vite` (the dev server) needs this line: it pre-bundles dependencies into
// node_modules/.vite/, away from the package's .wasm. `vite build` needs nothing (the test
// builds without this file, then starts the dev server with it).
export default { optimizeDeps: { exclude: ['qianming'] } };
