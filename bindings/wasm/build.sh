#!/usr/bin/env bash
# Builds the npm package in bindings/wasm: the wasm32 crate (size-tuned release), the
# wasm-bindgen ESM glue (--target web) into pkg/, then wasm-opt -Oz on the .wasm.
# Installs the toolchain pieces it needs when they are missing (see ensure_tools in
# tools.sh). Respects CARGO_TARGET_DIR (default: <repo>/target).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=tools.sh
source "$here/tools.sh"
ensure_rust_wasm

target_dir="${CARGO_TARGET_DIR:-$repo/target}"
# Size and speed settings for this build only (export_wasm_profile in tools.sh).
export_wasm_profile RELEASE

echo "==> cargo build --target wasm32-unknown-unknown --release -p qianming-wasm"
(cd "$repo" && cargo build --target wasm32-unknown-unknown --release -p qianming-wasm)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "==> wasm-opt -Oz"
optimize_wasm "$target_dir/wasm32-unknown-unknown/release/qianming_wasm.wasm" "$work/qianming_wasm.wasm"

echo "==> wasm-bindgen --target web"
rm -rf "$here/pkg"
wasm-bindgen --target web --out-dir "$here/pkg" --out-name qianming_wasm \
    --remove-name-section --remove-producers-section "$work/qianming_wasm.wasm"

# The license texts live once, at the repository root; the npm package carries copies.
cp "$repo/LICENSE-MIT" "$repo/LICENSE-APACHE" "$here/"

bytes=$(wc -c <"$here/pkg/qianming_wasm_bg.wasm")
gz=$(gzip -9 -c "$here/pkg/qianming_wasm_bg.wasm" | wc -c)
echo "==> pkg/qianming_wasm_bg.wasm: $bytes bytes ($gz gzipped)"
