#!/usr/bin/env bash
# libqianming-<version>-<arch>-linux.tar.gz for x86_64 and aarch64 (or the arches given):
# `make -C bindings/c install` (the recipe `make install` uses) into a staged prefix, with a
# relocatable qianming.pc, plus the licences and the C README; the libraries stripped. Checks
# each library's ELF machine and SONAME before packing.
#   bash scripts/dist/c.sh [x86_64] [aarch64]
source "$(dirname "$0")/lib.sh"
mkdir -p "$dist"
arches=("$@")
((${#arches[@]})) || arches=(x86_64 aarch64)
ensure_apt binutils file

for arch in "${arches[@]}"; do
  case "$arch" in
    x86_64) install_target=install; machine='x86-64'; strip=strip ;;
    aarch64) install_target=install-aarch64; machine='ARM aarch64'; strip=aarch64-linux-gnu-strip; ensure_aarch64_cross ;;
    *) echo "c.sh: unknown arch '$arch' (x86_64 or aarch64)" >&2; exit 1 ;;
  esac
  name="libqianming-$version-$arch-linux"
  echo "== $name.tar.gz"
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  # '$${pcfiledir}' reaches the Makefile as '${pcfiledir}': pkg-config's own folder.
  make -s -C "$repo/bindings/c" "$install_target" PREFIX="$stage/$name" PC_PREFIX='$${pcfiledir}/../..' >/dev/null
  cp "$repo/LICENSE-MIT" "$repo/LICENSE-APACHE" "$stage/$name/"
  cp "$repo/bindings/c/README.md" "$stage/$name/README.md"

  lib="$stage/$name/lib"
  # As distributions ship libraries: no debug information (the Rust standard library's, in
  # libqianming.a, is most of its size), no symbols the dynamic linker does not need.
  "$strip" --strip-debug "$lib/libqianming.a"
  "$strip" --strip-unneeded "$lib/libqianming.so.$version"
  file -bL "$lib/libqianming.so" | grep -q "$machine" \
    || { echo "c.sh: $lib/libqianming.so is not $machine: $(file -bL "$lib/libqianming.so")" >&2; exit 1; }
  soname="$(readelf -d "$lib/libqianming.so.$version" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
  [[ $soname == "libqianming.so.${version%%.*}" ]] \
    || { echo "c.sh: SONAME is '$soname', want libqianming.so.${version%%.*}" >&2; exit 1; }
  [[ "$(readlink "$lib/libqianming.so.${version%%.*}")" == "libqianming.so.$version" ]] \
    || { echo "c.sh: libqianming.so.${version%%.*} does not point at libqianming.so.$version" >&2; exit 1; }

  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$stage" -cf - "$name" | gzip -9n > "$dist/$name.tar.gz"
  rm -rf "$stage"
  trap - EXIT
  echo "   $dist/$name.tar.gz (SONAME $soname, $machine)"
  tar -tzf "$dist/$name.tar.gz" | sed 's/^/     /'
done
