#!/usr/bin/env bash
# Benchmarks of the C binding (not part of test.sh): the C ABI against the Rust core, called
# from Rust and from C, and Java through JNA against a hand-written javax.crypto version.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
cd "$here"
echo "== Rust: core vs C ABI (same process)"
cargo bench -p qianming-ffi --bench abi_overhead
echo "== C: the ABI called from C"
make tests >/dev/null
export PKG_CONFIG_PATH="$here/build/stage/lib/pkgconfig"
cc -std=c11 -O2 -Wall -Wextra -Werror $(pkg-config --cflags qianming) -o build/bench_sign bench/bench_sign.c \
  $(pkg-config --libs qianming) -Wl,-rpath,"$here/build/stage/lib"
build/bench_sign
echo "== Java: JNA vs javax.crypto"
bash "$repo/bindings/java/bench.sh"
