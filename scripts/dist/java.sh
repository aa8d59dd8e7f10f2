#!/usr/bin/env bash
# The Java jar (with libqianming for linux-x86-64 and linux-aarch64 inside), its sources and
# Javadoc jars and its pom: bindings/java/build-natives.sh, then `mvn -B -ntp -DskipTests
# package` (bindings/java/test.sh runs the tests: `make test-c`). The jar is checked for both
# native libraries and run by bindings/java/src/it/PrintAppSignature.java with only JNA beside it.
source "$(dirname "$0")/lib.sh"
mkdir -p "$dist"
ensure_apt unzip
echo "== Java jar"
bash "$repo/bindings/java/build-natives.sh"
log="$(mktemp)"
(cd "$repo/bindings/java" && mvn -B -ntp -DskipTests package) >"$log" 2>&1 \
  || { tail -n 60 "$log" >&2; echo "java.sh: mvn package failed (log: $log)" >&2; exit 1; }
rm -f "$log"
target="$repo/bindings/java/target"
for suffix in "" -sources -javadoc; do
  cp "$target/qianming-$version$suffix.jar" "$dist/"
done
cp "$repo/bindings/java/pom.xml" "$dist/qianming-$version.pom"
jar="$dist/qianming-$version.jar"
listing="$(unzip -l "$jar")"
for native in linux-x86-64/libqianming.so linux-aarch64/libqianming.so; do
  [[ $listing == *" $native"* ]] || { echo "java.sh: $jar lacks $native" >&2; exit 1; }
done

jna_version="$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' "$repo/bindings/java/pom.xml")"
jna="$HOME/.m2/repository/net/java/dev/jna/jna/$jna_version/jna-$jna_version.jar"
[[ -f $jna ]] || { echo "java.sh: JNA $jna_version is not in ~/.m2 after the Maven build" >&2; exit 1; }
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$jar:$jna" "$repo/bindings/java/src/it/PrintAppSignature.java"
out="$(cd "$classes" && java -cp "$classes:$jar:$jna" PrintAppSignature)"
expect_seed "$(basename "$jar") on $(java -version 2>&1 | head -n 1)" "$(sed -n 's/^app_signature=//p' <<<"$out")"
