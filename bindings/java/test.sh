#!/usr/bin/env bash
# The Java package's tests: builds both native libraries (build-natives.sh), checks that pom.xml
# has the workspace version, then `mvn -B -ntp verify`: the jar with libqianming for
# linux-x86-64 and linux-aarch64 inside, the JUnit suite on the default JDK and (profile
# second-jdk) on /usr/lib/jvm/temurin-25-jdk-amd64 when it is installed, the Javadoc, and
# UnpackedJarIT (the jar alone, in an empty folder, under a program compiled with --release 8).
# The suite includes the HTTP client integrations against a JDK HttpServer on 127.0.0.1 and
# against `qianming emulate` (EmulatorTest), and the Redis replay store against a real
# redis-server (installed here when missing).
# Called by bindings/c/test.sh; Maven's downloads go to ~/.m2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
started=$SECONDS

bash "$here/build-natives.sh"
# EmulatorTest drives the Java integrations against `qianming emulate` (the repository's build).
(cd "$repo" && cargo build -q -p qianming-cli)

# RedisReplayStoreTest starts its own redis-server (Debian's) on 127.0.0.1.
if ! command -v redis-server >/dev/null; then
  echo "java: installing redis-server (for RedisReplayStoreTest)"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends redis-server
fi

workspace="$(sed -n '/^\[workspace\.package\]/,/^\[/ s/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml")"
pom="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$here/pom.xml" | head -n 1)"
if [[ -z "$workspace" || "$workspace" != "$pom" ]]; then
  echo "java: pom.xml has version '$pom', the workspace (Cargo.toml) '$workspace': make them agree" >&2
  exit 1
fi

second_jdk=/usr/lib/jvm/temurin-25-jdk-amd64
if [[ -x "$second_jdk/bin/java" ]]; then
  echo "java: the suite runs on $(java -version 2>&1 | head -n 1) and on $("$second_jdk/bin/java" -version 2>&1 | head -n 1) ($second_jdk)"
else
  echo "java: the second JDK ($second_jdk) is absent: the suite runs on the default JDK only"
fi

cd "$here"
mvn -B -ntp verify
echo "java: mvn verify passed in $((SECONDS - started)) s"
