#!/usr/bin/env bash
# Benchmarks, one run: the WASM package vs its floor, crypto-js and node:crypto (see
# BENCHMARKS.md). Builds the package first (installing what is missing), then the floor: the
# same crate with the feature `bench-floor` (src/floor.rs), built with the package's settings
# into a module of its own in a temporary folder, so the published .wasm never carries it.
# Pass --json for machine output, --rounds=N for the number of interleaved rounds (default 7).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=tools.sh
source "$here/tools.sh"
ensure_rust_wasm
ensure_node_modules "$here"
bash "$here/build.sh" >&2

target_dir="${CARGO_TARGET_DIR:-$repo/target}"
floor="$(mktemp -d)"
trap 'rm -rf "$floor"' EXIT
# A profile of its own (defined here, inheriting release) keeps the floor build's output apart
# from the package's target/wasm32-unknown-unknown/release; the settings are build.sh's (tools.sh).
export CARGO_PROFILE_BENCHFLOOR_INHERITS=release
export_wasm_profile BENCHFLOOR
echo "==> the floor module (feature bench-floor)" >&2
(cd "$repo" && cargo build -q --target wasm32-unknown-unknown --profile benchfloor -p qianming-wasm --features bench-floor)
optimize_wasm "$target_dir/wasm32-unknown-unknown/benchfloor/qianming_wasm.wasm" "$floor/floor.wasm"
wasm-bindgen --target web --out-dir "$floor" --out-name floor "$floor/floor.wasm"

cd "$here"
QIANMING_FLOOR_GLUE="$floor/floor.js" node bench/bench.mjs "$@"
