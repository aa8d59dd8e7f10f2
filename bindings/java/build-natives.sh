#!/usr/bin/env bash
# Builds the two libqianming.so the jar packs, bindings/c/build/lib (linux-x86-64) and
# bindings/c/build/aarch64/lib (linux-aarch64), with `make -C bindings/c lib lib-aarch64`, and
# checks that both export the same qm_* functions. Installs what is missing (fresh machine
# friendly): Maven, a JDK, the aarch64 rustup target and Debian's aarch64 cross gcc.
# Respects CARGO_TARGET_DIR (default: <repo>/target).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export PATH="$HOME/.cargo/bin:$PATH"

sudo_cmd=""
[[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
# Other test scripts may be using apt at the same time: wait for the lock instead of failing.
apt=($sudo_cmd apt-get -o DPkg::Lock::Timeout=600)
missing=()
command -v mvn >/dev/null || missing+=(maven)
command -v javac >/dev/null || missing+=(default-jdk-headless)
for pkg in binutils gcc-aarch64-linux-gnu libc6-dev-arm64-cross; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "java: installing ${missing[*]}"
  "${apt[@]}" update
  "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
fi
target=aarch64-unknown-linux-gnu
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi

make -C "$repo/bindings/c" lib lib-aarch64

exports() { # the qm_* functions a library defines, one per line, sorted
  "$1" -D --defined-only "$2" | awk '$3 ~ /^qm_/ { print $3 }' | sort
}
x86_64="$(exports nm "$repo/bindings/c/build/lib/libqianming.so")"
aarch64="$(exports aarch64-linux-gnu-nm "$repo/bindings/c/build/aarch64/lib/libqianming.so")"
if [[ "$x86_64" != "$aarch64" ]]; then
  diff <(echo "$x86_64") <(echo "$aarch64") >&2 || true
  echo "java: the x86-64 and aarch64 libqianming export different functions (left: x86-64)" >&2
  exit 1
fi
echo "java: both libqianming.so export the same $(echo "$x86_64" | wc -l) qm_* functions"
