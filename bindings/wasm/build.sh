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
# Size and speed settings for this build only (profiles live in the root Cargo.toml):
# whole-program LTO, one codegen unit, abort on panic, no debug info.
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_PROFILE_RELEASE_STRIP=debuginfo
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${QIANMING_WASM_OPT_LEVEL:-3}"
# LLVM's inliner at a threshold of 25 instead of 225, for this target only: the module is ~10 %
# smaller for about the same speed (BENCHMARKS.md, 2026-12-03).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} -Cllvm-args=-inline-threshold=${QIANMING_WASM_INLINE_THRESHOLD:-25}"

echo "==> cargo build --target wasm32-unknown-unknown --release -p qianming-wasm"
(cd "$repo" && cargo build --target wasm32-unknown-unknown --release -p qianming-wasm)

# wasm-opt runs on the rustc output, before wasm-bindgen: Debian's binaryen (wasm-opt 108)
# mis-numbers the export of a second table, which breaks the externref table wasm-bindgen
# adds; the glue wasm-bindgen writes afterwards is small.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "==> wasm-opt -Oz"
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers \
    -o "$work/qianming_wasm.wasm" "$target_dir/wasm32-unknown-unknown/release/qianming_wasm.wasm"

echo "==> wasm-bindgen --target web"
rm -rf "$here/pkg"
wasm-bindgen --target web --out-dir "$here/pkg" --out-name qianming_wasm \
    --remove-name-section --remove-producers-section "$work/qianming_wasm.wasm"

# The license texts live once, at the repository root; the npm package carries copies.
cp "$repo/LICENSE-MIT" "$repo/LICENSE-APACHE" "$here/"

bytes=$(wc -c <"$here/pkg/qianming_wasm_bg.wasm")
gz=$(gzip -9 -c "$here/pkg/qianming_wasm_bg.wasm" | wc -c)
echo "==> pkg/qianming_wasm_bg.wasm: $bytes bytes ($gz gzipped)"
