#!/usr/bin/env bash
# The C tarballs as a user's project meets them: builds libqianming-<version>-{x86_64,aarch64}-
# linux.tar.gz (c.sh, into a temporary folder), unpacks each into a fresh prefix and builds
# bindings/c/tests/cmake-consumer there with find_package(qianming 0.1) (shared and static
# targets) and with pkg-config (shared and static), then runs every program: natively on
# x86_64, under qemu-aarch64 on aarch64 (cross-built with Debian's aarch64 gcc). Each must
# print the seed's app_signature; the shared ones must need libqianming.so.0 (the SONAME).
# Also checks that find_package(qianming 0.2) refuses 0.1.x.
source "$(dirname "$0")/lib.sh"
started=$SECONDS
ensure_apt cmake make pkg-config gcc binutils file qemu-user
ensure_aarch64_cross
consumer="$repo/bindings/c/tests/cmake-consumer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
QIANMING_DIST_DIR="$work/dist" bash "$repo/scripts/dist/c.sh" x86_64 aarch64 >"$work/c.log" 2>&1 \
  || { cat "$work/c.log" >&2; echo "test-c: building the tarballs failed" >&2; exit 1; }
passed=0
soname="libqianming.so.${version%%.*}"

# check_program ARCH EXE LINKAGE: runs EXE (qemu for aarch64), compares with the seed, and
# checks that a shared build needs the SONAME and a static one does not need libqianming.
check_program() {
  local arch="$1" exe="$2" linkage="$3" out needed
  if [[ $arch == aarch64 ]]; then
    file -b "$exe" | grep -q 'ARM aarch64' || { echo "test-c: $exe is not aarch64: $(file -b "$exe")" >&2; exit 1; }
    out="$(qemu-aarch64 -L /usr/aarch64-linux-gnu "$exe")"
  else
    out="$("$exe")"
  fi
  expect_seed "$arch $linkage $(basename "$exe")" "$out"
  needed="$(readelf -d "$exe" | sed -n 's/.*(NEEDED).*\[\(libqianming[^]]*\)\]/\1/p')"
  if [[ $linkage == shared && $needed != "$soname" ]]; then
    echo "test-c: $exe needs '$needed', want $soname" >&2; exit 1
  elif [[ $linkage == static && -n $needed ]]; then
    echo "test-c: $exe is linked statically but needs $needed" >&2; exit 1
  fi
  passed=$((passed + 1))
}

cat > "$work/aarch64.cmake" <<'CMAKE'
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
CMAKE

for arch in x86_64 aarch64; do
  prefix="$work/$arch/opt/qianming"
  mkdir -p "$prefix"
  tar -xzf "$work/dist/libqianming-$version-$arch-linux.tar.gz" -C "$prefix" --strip-components=1
  if [[ $arch == aarch64 ]]; then cc=aarch64-linux-gnu-gcc; toolchain=(-DCMAKE_TOOLCHAIN_FILE="$work/aarch64.cmake")
  else cc=cc; toolchain=(); fi

  echo "== $arch: CMake, find_package(qianming 0.1) from $prefix"
  cmake -S "$consumer" -B "$work/$arch/cmake" -DCMAKE_PREFIX_PATH="$prefix" "${toolchain[@]}" >"$work/cmake.log" 2>&1 \
    || { cat "$work/cmake.log" >&2; echo "test-c: cmake configure failed ($arch)" >&2; exit 1; }
  cmake --build "$work/$arch/cmake" >"$work/cmake.log" 2>&1 \
    || { cat "$work/cmake.log" >&2; echo "test-c: cmake build failed ($arch)" >&2; exit 1; }
  check_program "$arch" "$work/$arch/cmake/app_signature_shared" shared
  check_program "$arch" "$work/$arch/cmake/app_signature_static" static

  echo "== $arch: pkg-config qianming from $prefix"
  export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig"
  "$cc" -std=c11 -Wall -Wextra -Werror -o "$work/$arch/pc_shared" "$consumer/main.c" \
    $(pkg-config --cflags --libs qianming) -Wl,-rpath,"$(pkg-config --variable=libdir qianming)"
  check_program "$arch" "$work/$arch/pc_shared" shared
  "$cc" -std=c11 -Wall -Wextra -Werror -o "$work/$arch/pc_static" "$consumer/main.c" $(pkg-config --cflags qianming) \
    "$(pkg-config --variable=libdir qianming)/libqianming.a" $(pkg-config --static --libs qianming | sed 's/-lqianming//')
  check_program "$arch" "$work/$arch/pc_static" static
  unset PKG_CONFIG_LIBDIR
done

echo "== find_package(qianming 0.2) refuses $version"
mkdir -p "$work/newer"
printf 'cmake_minimum_required(VERSION 3.16)\nproject(newer C)\nfind_package(qianming 0.2 REQUIRED)\n' \
  > "$work/newer/CMakeLists.txt"
if cmake -S "$work/newer" -B "$work/newer/build" -DCMAKE_PREFIX_PATH="$work/x86_64/opt/qianming" >"$work/newer.log" 2>&1; then
  cat "$work/newer.log" >&2; echo "test-c: find_package(qianming 0.2) accepted $version" >&2; exit 1
fi
grep -q "$version" "$work/newer.log" || { cat "$work/newer.log" >&2; echo "test-c: cmake's refusal does not name $version" >&2; exit 1; }
echo "   refused: $(grep -m1 -o 'version: [0-9.]*' "$work/newer.log" || echo "$version")"
passed=$((passed + 1))

echo "test-c (dist tarballs) in $((SECONDS - started)) s"
echo "dist: $passed passed, 0 failed"
