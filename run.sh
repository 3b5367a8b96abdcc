#!/usr/bin/env bash
# ohtop launcher.
#   ./run.sh [ohtop options]   build the jar if it is missing or stale, then run ohtop
#   ./run.sh --demo            ... against the built-in demo server (no account needed)
#   ./run.sh --test [args]     set up what the tests need, then run the whole test suite
#   ./run.sh --bench [--quick] [process|idle|tail|transfer|live|commands]
#                              measure every performance budget against the demo server
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/ohtop.jar"
# Class-data sharing: the classes a session loads, parsed and verified once at build time.
archive="$here/target/ohtop.jsa"
# How the JVM runs ohtop. C1 only: the JIT settles within seconds instead of compiling on for
# minutes of idle watching, and start-up is shorter; ohtop's hot paths are I/O, not CPU.
# -Xshare:auto falls back quietly when the archive does not match the jar. The JDK's HTTP client
# reads 16 KiB at a time by default, which held a loopback download to a third of curl's speed;
# 1 MiB reads keep up with curl (see docs/performance.md). No performance counters (-UsePerfData):
# the JVM would sample them 20 times a second for jstat, which an idle ohtop does not need.
java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -XX:SharedArchiveFile="$archive"
  -Xlog:cds=off -Xlog:cds+dynamic=off -Djdk.httpclient.bufsize=1048576)

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
  local log="$here/target/build.log"
  # Quiet Maven leaves the terminal blank for a minute: say what is happening.
  if [[ -f "$jar" ]]; then
    echo "ohtop: building ohtop (the sources changed, about a minute)..." >&2
  else
    echo "ohtop: building ohtop (first run, about a minute)..." >&2
  fi
  if ! (cd "$here" && mvn -q -B -DskipTests package) >"$log" 2>&1; then
    cat "$log" >&2
    die "build failed (log: $log)"
  fi
  share
}

# The class-data-sharing archive for this jar: the classes a short session loads (the demo's list,
# one conversation's events, help) and those of `ohtop ls` and `ohtop help`, parsed and verified
# once per build instead of at every start.
# The session runs on a pseudo-terminal (util-linux `script`), so the full screen's classes are in
# it; without `script`, `--demo --list` gives a smaller list. About 10 s, once per build; without
# the archive ohtop still runs, only starts slower.
share() {
  local list="$here/target/ohtop.classlist" state
  rm -f "$archive" "$list"
  state="$(mktemp -d)" # the session's log and history are not the user's
  {
    if command -v script >/dev/null 2>&1; then
      # Keys as a user would type them, each after the screen before it is up: open the top
      # conversation's events, back, help, back, quit.
      { sleep 3; printf '\r'; sleep 1.5; printf '\033'; sleep 1; printf '?'; sleep 1; printf '\033'; sleep 1; printf q
        sleep 1; } | XDG_STATE_HOME="$state" script -qec "java -XX:+UseSerialGC \
          -XX:TieredStopAtLevel=1 -Xshare:off -XX:DumpLoadedClassList='$list' -jar '$jar' --demo" /dev/null >/dev/null
    else
      XDG_STATE_HOME="$state" java "${java_opts[@]}" -Xshare:off -XX:DumpLoadedClassList="$list" -jar "$jar" \
        --demo --list >/dev/null
    fi &&
      # The commands' path too (scripts call them in loops): a list against the demo, and help.
      for command in ls help; do
        XDG_STATE_HOME="$state" java "${java_opts[@]}" -Xshare:off -XX:DumpLoadedClassList="$list.$command" \
          -jar "$jar" --demo "$command" >/dev/null && cat "$list.$command" >>"$list" && rm -f "$list.$command"
      done &&
      java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$archive" -cp "$jar"
  } >>"$here/target/build.log" 2>&1 ||
    echo "ohtop: no class-data-sharing archive (see target/build.log); start-up will be slower" >&2
  rm -rf "$state"
}

# The jar and its archive, built when missing or out of date.
ready() {
  if stale || [[ ! -f "$archive" || "$jar" -nt "$archive" ]]; then
    # One build at a time: two launches at once must not write the same jar.
    mkdir -p "$here/target"
    exec 9>"$here/target/.build.lock"
    flock 9
    if stale; then
      build
    elif [[ ! -f "$archive" || "$jar" -nt "$archive" ]]; then
      share # the jar was built by Maven itself (mvn package, ./run.sh --test): its archive is made here
    fi
    flock -u 9
  fi
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
  provide jq jq # the README's command examples, which a test runs as written, pipe into jq
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
  # The real app server (about 1.4 GB, several minutes the first time) beside it, for the
  # app-server contract tests (tag real-app-server); skipped the same way without Python 3.12+.
  rc=0
  bash src/test/scripts/real-app-server.sh --install-only || rc=$?
  if [[ $rc -eq 3 ]]; then
    echo "ohtop: no Python 3.12+; the real app-server contract tests will be skipped" >&2
  elif [[ $rc -ne 0 ]]; then
    echo "ohtop: could not install the real app server (exit $rc); its contract tests will fail" >&2
  fi
  exec mvn -B verify "$@"
fi

if [[ "${1:-}" == "--bench" ]]; then
  shift
  provide tmux tmux
  provide curl curl
  provide /usr/bin/time time # the commands part's CPU and peak memory
  ready
  cd "$here"
  # The skill's Python client for the commands part needs httpx; without it that comparison is skipped.
  bash src/test/scripts/skill-client.sh --install-only ||
    echo "ohtop: could not install httpx for the skill's client; the commands part skips the comparison" >&2
  log="$here/target/build.log"
  (mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test) >"$log" 2>&1 || { cat "$log" >&2; die "could not build the benchmark (log: $log)"; }
  # The same JVM settings as ohtop's own, so that in-process figures are ohtop's.
  # Its commands part also runs ohtop's JVM alone, with these options.
  exec java "${java_opts[@]}" -Xshare:off -Dohtop.bench.javaOptions="$(printf '%s\n' "${java_opts[@]}")" -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
    dev.ohtop.bench.Benchmarks "$@"
fi

ready
# A command cuts long values to their columns only on a terminal; the JVM cannot tell stdout alone.
if [[ -t 1 ]]; then java_opts+=(-Dohtop.stdout=terminal); else java_opts+=(-Dohtop.stdout=pipe); fi
exec java "${java_opts[@]}" -jar "$jar" "$@"
