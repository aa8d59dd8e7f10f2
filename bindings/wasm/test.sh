#!/usr/bin/env bash
# The WASM/npm package's whole test: installs what is missing (rustup target, wasm-bindgen-cli,
# binaryen, chromium, npm packages), builds the package, runs the Node tests (every vector case,
# property tests, error kinds), the TypeScript check, the packed package in a fresh project and
# the headless-Chromium playground test.
# Exits non-zero on any failure. Screenshots land in bindings/wasm/artifacts/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=tools.sh
source "$here/tools.sh"

ensure_rust_wasm
ensure_chromium
ensure_node_modules "$here"

bash "$here/build.sh"

cd "$here"
echo "==> node --test (vectors, properties, errors, README examples)"
node --test test/vectors.test.mjs test/properties.test.mjs test/errors.test.mjs test/readme.test.mjs

echo "==> tsc --noEmit"
npx --no-install tsc -p types-test/tsconfig.json

echo "==> npm pack, installed into a fresh project (import by name, tsc)"
bash test/packed.sh

echo "==> playground in headless Chromium"
node --test test/playground.browser.mjs
echo "==> screenshots: $here/artifacts/playground-desktop.png, playground-phone.png"
