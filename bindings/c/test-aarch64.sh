#!/usr/bin/env bash
# The ARM build, tested: cross-builds libqianming for aarch64-unknown-linux-gnu
# (build/aarch64/lib/libqianming.{so,a}), cross-compiles the C tests against it and runs them
# under qemu-aarch64. Installs what is missing (fresh machine friendly): the rustup target,
# Debian's cross gcc and qemu-user, and libcjson-dev:arm64 through dpkg multiarch.
# Respects CARGO_TARGET_DIR (default: <repo>/target).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export PATH="$HOME/.cargo/bin:$PATH"
target=aarch64-unknown-linux-gnu
started=$SECONDS

if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi

command -v dpkg >/dev/null || { echo "test-aarch64: needs a Debian-like system (dpkg/apt-get)" >&2; exit 1; }
sudo_cmd=""
[[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
# Other test scripts may be using apt at the same time: wait for the lock instead of failing.
apt=($sudo_cmd apt-get -o DPkg::Lock::Timeout=600)
need_update=0
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "test-aarch64: enabling the arm64 architecture (dpkg multiarch) for libcjson-dev:arm64"
  $sudo_cmd dpkg --add-architecture arm64
  need_update=1
fi
missing=()
for pkg in gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user libcjson-dev:arm64 pkg-config file; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  need_update=1
fi
if ((need_update)); then
  "${apt[@]}" update
fi
if ((${#missing[@]})); then
  "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
fi
for tool in aarch64-linux-gnu-gcc qemu-aarch64; do
  command -v "$tool" >/dev/null || { echo "test-aarch64: $tool is missing after installing packages" >&2; exit 1; }
done
qemu-aarch64 -version | head -n 1

cd "$here"
make test-aarch64
echo "test-aarch64: the aarch64 library is $here/build/aarch64/lib/libqianming.so"
echo "test-aarch64: passed in $((SECONDS - started)) s"
