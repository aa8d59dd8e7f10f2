#!/usr/bin/env bash
# Benchmarks, one run: the WASM package vs crypto-js and vs node:crypto (see BENCHMARKS.md).
# Builds the package first (installing what is missing). Pass --json for machine output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=tools.sh
source "$here/tools.sh"
ensure_rust_wasm
ensure_node_modules "$here"
bash "$here/build.sh" >&2
cd "$here"
node bench/bench.mjs "$@"
