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

# Installs a Debian package when a tool is missing and we may (CI runs as root on a clean machine).
provide() {
  local tool=$1 package=$2
  command -v "$tool" >/dev/null 2>&1 && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "ohtop: installing $package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package") >/dev/null
  fi
}

if [[ "${1:-}" == "--test" ]]; then
  shift
  provide java openjdk-17-jdk-headless
  provide mvn maven
  # The end-to-end tests run ohtop in a real terminal inside a private tmux server; they fail without it.
  provide tmux tmux
  command -v tmux >/dev/null 2>&1 ||
    echo "ohtop: tmux is not installed (apt-get install tmux); the end-to-end tests will fail" >&2
  need java "install a Java 17+ JDK (e.g. apt-get install openjdk-17-jdk-headless)"
  need mvn "install Maven 3.8+ (e.g. apt-get install maven)"
  cd "$here"
  # The real agent server for the contract tests, installed once into a cache. Without
  # Python 3.12+ (exit 3) those tests report themselves skipped, with the reason.
  rc=0
  bash src/test/scripts/real-agent-server.sh --install-only || rc=$?
  if [[ $rc -eq 3 ]]; then
    echo "ohtop: no Python 3.12+; the real agent-server contract tests will be skipped" >&2
  elif [[ $rc -ne 0 ]]; then
    echo "ohtop: could not install the real agent server (exit $rc); its contract tests will fail" >&2
  fi
  exec mvn -B verify "$@"
fi

if stale; then
  build
fi
exec java -XX:+UseSerialGC -jar "$jar" "$@"
