#!/usr/bin/env bash
# Java benchmark: JNA (direct mapping, reused buffers) against hand-written javax.crypto.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jna=/usr/share/java/jna.jar
lib="$repo/bindings/c/build/lib"
[[ -f "$lib/libqianming.so" ]] || make -C "$repo/bindings/c" lib
rm -rf "$here/build/bench"
javac -Xlint:all -Werror -cp "$jna" -d "$here/build/bench" "$here"/src/qianming/*.java "$here"/bench/*.java
java -Djna.library.path="$lib" -cp "$jna:$here/build/bench" SignBench
