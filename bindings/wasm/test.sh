#!/usr/bin/env bash
# The WASM/npm package's whole test: installs what is missing (rustup target, wasm-bindgen-cli,
# binaryen, chromium, redis-server, npm packages), builds the package, runs the Node tests (every
# vector case, property tests, error kinds, the attacks of issue 14, WeCom replies with a drawn
# random prefix, K3Cloud and e-cology (ciphertexts decrypted), the Redis replay store against a
# real redis-server, explicit initialisation), the TypeScript check, the packed package in a
# fresh project, the headless-Chromium playground test, and the packed package built by
# Vite, webpack and esbuild into apps loaded in headless Chromium.
# Exits non-zero on any failure. Screenshots land in bindings/wasm/artifacts/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=tools.sh
source "$here/tools.sh"

ensure_rust_wasm
ensure_chromium
ensure_cjk_fonts
ensure_redis_server
ensure_node_modules "$here"

bash "$here/build.sh"

cd "$here"
echo "==> node --test (vectors, the doctor, properties, errors, attacks, messaging, K3Cloud and e-cology, Redis replay store, explicit init, README examples)"
node --test test/vectors.test.mjs test/doctor.test.mjs test/properties.test.mjs test/errors.test.mjs test/attacks.test.mjs \
    test/messaging.test.mjs test/k3cloud-ecology.test.mjs test/redis.test.mjs test/init.test.mjs test/readme.test.mjs

echo "==> tsc --noEmit"
npx --no-install tsc -p types-test/tsconfig.json

pack_dir="$(mktemp -d)"
trap 'rm -rf "$pack_dir"' EXIT
QIANMING_TARBALL="$(pack_package "$here" "$pack_dir")"
export QIANMING_TARBALL

echo "==> npm pack, installed into a fresh project (import and require by name, tsc)"
bash test/packed.sh

echo "==> playground in headless Chromium"
node --test test/playground.browser.mjs
echo "==> screenshots: $here/artifacts/playground-desktop.png, playground-phone.png"

echo "==> the packed package in Vite, webpack and esbuild apps (production builds) in headless Chromium"
node --test test/bundlers.browser.mjs
