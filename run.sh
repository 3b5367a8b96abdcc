#!/usr/bin/env bash
# ohtop launcher.
#   ./run.sh [ohtop options]   build the jar if it is missing or stale, then run ohtop
#   ./run.sh --demo            ... against the built-in demo server (no account needed)
#   ./run.sh --test [args]     set up what the tests need, then run the whole test suite
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/ohtop.jar"

die() { echo "ohtop: $*" >&2; exit 2; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed; $2"
}

# True when the jar is missing or any source file is newer than it.
stale() {
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$here/pom.xml" "$here/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

build() {
  need java "install a Java 17+ JDK (e.g. apt-get install openjdk-17-jdk-headless)"
  need mvn "install Maven 3.8+ (e.g. apt-get install maven)"
  mkdir -p "$here/target"
  local log="$here/target/build.log"
  # One build at a time: two launches at once must not write the same jar.
  exec 9>"$here/target/.build.lock"
  flock 9
  if stale; then
    if ! (cd "$here" && mvn -q -B -DskipTests package) >"$log" 2>&1; then
      cat "$log" >&2
      die "build failed (log: $log)"
    fi
  fi
  flock -u 9
}

if [[ "${1:-}" == "--test" ]]; then
  shift
  need java "install a Java 17+ JDK (e.g. apt-get install openjdk-17-jdk-headless)"
  need mvn "install Maven 3.8+ (e.g. apt-get install maven)"
  cd "$here"
  exec mvn -B verify "$@"
fi

if stale; then
  build
fi
exec java -XX:+UseSerialGC -jar "$jar" "$@"
