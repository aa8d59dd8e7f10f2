#!/usr/bin/env bash
# Java benchmark: the qianming jar (JNA, reused buffers) against hand-written javax.crypto.
# Builds the jar with Maven (tests skipped; test.sh runs them), then runs bench/SignBench.java
# with only the jar and JNA on the class path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bash "$here/build-natives.sh"
cd "$here"
mvn -B -ntp -q package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.classpath
jar="$here/target/qianming-$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1).jar"
cp="$jar:$(cat target/runtime.classpath)"
rm -rf target/bench
javac -Xlint:all -Werror -cp "$cp" -d target/bench bench/SignBench.java
java -cp "$cp:target/bench" SignBench
