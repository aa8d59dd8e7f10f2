#!/usr/bin/env bash
# The Java (JNA) test: compiles the wrapper and the test with plain javac and runs every vector
# case through libqianming. Called by bindings/c/test.sh, which builds the library first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jna=/usr/share/java/jna.jar
lib="$repo/bindings/c/build/lib"
[[ -f "$lib/libqianming.so" ]] || make -C "$repo/bindings/c" lib
rm -rf "$here/build/classes"
javac -Xlint:all -Werror -cp "$jna" -d "$here/build/classes" "$here"/src/qianming/*.java "$here"/test/*.java
java -Djna.library.path="$lib" -cp "$jna:$here/build/classes" VectorsTest "$repo/vectors"
