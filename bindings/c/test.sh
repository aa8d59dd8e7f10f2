#!/usr/bin/env bash
# The C binding's test command (fresh clone friendly): installs what is missing, builds
# libqianming (release), checks the committed header against a fresh cbindgen run (header/: cbindgen 0.29.2 as a
# library over src/ and the functions abi.toml describes), builds the
# C tests against a staged install via pkg-config, runs them plain, under valgrind and built
# with AddressSanitizer + UBSan, builds
# and runs the README's C examples, then runs the Java package's tests (bindings/java/test.sh:
# Maven, the jar with both native libraries, JUnit). Respects CARGO_TARGET_DIR (default: <repo>/target).
# test-aarch64.sh: the same C tests against the aarch64 library, run under qemu-aarch64.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export PATH="$HOME/.cargo/bin:$PATH"

missing=()
for pkg in libcjson-dev valgrind pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update
  $sudo_cmd apt-get install -y "${missing[@]}"
fi

cd "$here"
echo "== Rust: the binding's own tests (status table, panic boundary, allocations)"
cargo test -p qianming-ffi --release
echo "== header"
make check-header
echo "== C tests (built against a staged install via pkg-config)"
make tests
make run-tests
echo "== C tests under valgrind (memcheck)"
make valgrind
echo "== C tests built with -fsanitize=address,undefined (a separate build: ASan cannot run under valgrind)"
make sanitize
echo "== the README's C examples (built via pkg-config, run plain and under valgrind)"
make readme-examples
echo "== aarch64: libqianming cross-built, the C tests run under qemu-aarch64"
bash "$here/test-aarch64.sh"
echo "== Java (Maven: io.github.qianming:qianming, JUnit on each JDK, the jar alone)"
bash "$repo/bindings/java/test.sh"
echo "bindings/c: all tests passed"
