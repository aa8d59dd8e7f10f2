#!/usr/bin/env bash
# The npm package: bindings/wasm/build.sh (wasm32 crate, wasm-bindgen, wasm-opt), then
# `npm pack` into dist/; the tarball is installed into a fresh project (offline: the package has
# no dependencies) and imported by name, which must give the seed's app_signature; each
# subpath module must import by name too.
# (bindings/wasm/test/packed.sh, run by `make test-wasm`, tests the packed package in depth.)
source "$(dirname "$0")/lib.sh"
mkdir -p "$dist"
command -v npm >/dev/null || { echo "npm.sh: needs Node.js and npm (Node 20.19 or later)" >&2; exit 1; }
echo "== npm package"
bash "$repo/bindings/wasm/build.sh"
tarball="$dist/$(cd "$repo/bindings/wasm" && npm pack --silent --pack-destination "$dist")"
echo "   $tarball"
app="$(mktemp -d)"
trap 'rm -rf "$app"' EXIT
echo '{ "name": "qianming-dist-check", "private": true, "type": "module" }' > "$app/package.json"
(cd "$app" && npm install --silent --no-audit --no-fund --offline "$tarball")
expect_seed "$(basename "$tarball") imported by name in Node $(node --version)" "$(cd "$app" && node --input-type=module -e \
  "import { kingdee } from 'qianming'; console.log(kingdee.appSignature('abc', 'abc123'));")"
# Each subpath module ('qianming/doctor', …: its own .wasm) imports by name from the tarball too.
# shellcheck source=../../bindings/wasm/tools.sh
WASM_MODULES="$(source "$repo/bindings/wasm/tools.sh" && echo "$WASM_MODULES")"
for module in $WASM_MODULES; do
  (cd "$app" && node --input-type=module -e "await import('qianming/$module');") ||
    { echo "npm.sh: qianming/$module does not import from the tarball" >&2; exit 1; }
done
echo "   subpath modules imported by name: $WASM_MODULES"
