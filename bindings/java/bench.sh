#!/usr/bin/env bash
# Java benchmark (JMH, bench/pom.xml, a module of its own so JMH stays out of the artifact): the
# qianming jar (JNA to libqianming) against hand-written javax.crypto with a cached Mac, for a
# Kingdee request signature and an app_signature, in one run, with the ratios and the machine's
# load. Installs the qianming jar into the local Maven repository first (tests skipped:
# test.sh runs them). Extra arguments go to JMH (e.g. -wi 2 -i 3 for a quick run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/build-natives.sh"
version() { sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$1" | head -n 1; }
if [[ "$(version "$here/pom.xml")" != "$(version "$here/bench/pom.xml")" ]]; then
  echo "java bench: bench/pom.xml's version differs from pom.xml's: make them agree" >&2
  exit 1
fi
cd "$here"
mvn -B -ntp -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
cd bench
mvn -B -ntp -q package
mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath
java -cp "target/classes:$(cat target/runtime.classpath)" io.github.qianming.bench.BenchMain "$@"
