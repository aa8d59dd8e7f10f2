#!/usr/bin/env bash
# The Python artifacts: abi3 wheels for manylinux_2_17 x86_64 and aarch64 (maturin --zig, with
# the ziglang PyPI package as the cross linker; pinned in lib.sh) and the sdist (maturin sdist).
# Each wheel is checked with `auditwheel show`, then installed and run: x86_64 in a fresh venv
# here, aarch64 by Debian's arm64 CPython under qemu (arm64-root.sh).
source "$(dirname "$0")/lib.sh"
mkdir -p "$dist"
source "$(dirname "$0")/wheel-checks.sh"
ensure_apt file
ensure_py_tools
manifest="$repo/bindings/python/Cargo.toml"
for arch in x86_64 aarch64; do
  echo "== wheel for manylinux_2_17 $arch"
  ensure_rust_target "$arch-unknown-linux-gnu"
  maturin build --release --zig --target "$arch-unknown-linux-gnu" --compatibility manylinux2014 \
    --manifest-path "$manifest" --out "$dist"
  wheel="$(ls "$dist"/qianming-"$version"-cp3*-abi3-*manylinux_2_17_"$arch".whl)"
  check_auditwheel "$wheel" "$arch"
  if [[ $arch == x86_64 ]]; then check_wheel_native "$wheel"; else check_wheel_aarch64 "$wheel"; fi
done
echo "== sdist"
maturin sdist --manifest-path "$manifest" --out "$dist"
ls "$dist/qianming-$version.tar.gz"
