#!/usr/bin/env bash
# The Java package's side of the differential test: the CLI's --jsonl input for one operation
# on stdin, what the CLI would write on stdout (same field names), through the jar's public API
# (io.github.qianming.differential.DifferentialDriver, in bindings/java's test sources, so not
# in the published jar). One JVM per operation.
# Usage: driver_java.sh --build            compiles the driver and writes its class path (once)
#        driver_java.sh OPERATION < cases.jsonl
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
java_dir="$(cd "$here/../../bindings/java" && pwd)"
classpath_file="$java_dir/target/differential.classpath"
driver_class="$java_dir/target/test-classes/io/github/qianming/differential/DifferentialDriver.class"

if [[ "${1:-}" == "--build" ]]; then
  # Only the x86-64 library (bindings/c/build/lib) is needed here: skip the check that the
  # distributable jar's aarch64 one exists.
  (cd "$java_dir" && mvn -B -ntp -q test-compile -Dmaven.antrun.skip=true \
    && mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file")
  exit 0
fi
if [[ ! -f "$classpath_file" || ! -f "$driver_class" ]]; then
  echo "driver_java.sh: the Java driver is not built: run $0 --build first" >&2
  exit 1
fi
exec java -cp "$java_dir/target/test-classes:$java_dir/target/classes:$(cat "$classpath_file")" \
  io.github.qianming.differential.DifferentialDriver "$1"
