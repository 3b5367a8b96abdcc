#!/usr/bin/env bash
# Start the REAL OpenHands app server (PyPI openhands-ai, pinned) on loopback, with process
# sandboxes (each sandbox an agent-server process, no Docker), for ohtop's contract tests.
#
# Usage:
#   real-app-server.sh --install-only
#   real-app-server.sh --workdir DIR [--port N] [--parent-pid PID] [--timeout SECS]
#
#   --port 0 (or no --port) picks a free loopback port.
#   --workdir DIR        fresh state: DIR/persistence (database, events), DIR/sandboxes (one
#                        folder per sandbox), DIR/tmux, DIR/app-server.log
#   --parent-pid PID     a watchdog stops everything when PID is gone (pass the test JVM's pid).
#
# On success prints ONE line on stdout and keeps running (supervising):
#   READY pid=<server pid> url=http://127.0.0.1:<port> port=<port> log=<file>
# SIGTERM/SIGINT to this script (or the watchdog) stops the server and every process it started:
# its agent servers, their bash commands and tmux servers (found by a tag in their environment,
# since tmux and bash sessions leave the process group).
#
# Exit codes: 0 stopped on request, 2 usage error, 3 no Python >= 3.12 found,
#             4 install failed, 5 server did not become alive in time, 6 server exited on its own.
#
# Environment: OHTOP_CACHE (default ~/.cache/ohtop), OHTOP_PYTHON (force an interpreter),
# OHTOP_APP_SERVER_VERSION (default 1.11.0).
set -uo pipefail

VERSION="${OHTOP_APP_SERVER_VERSION:-1.11.0}"
CACHE_ROOT="${OHTOP_CACHE:-$HOME/.cache/ohtop}"
VENV="$CACHE_ROOT/app-server-$VERSION"
MARKER="$VENV/.ohtop-install-ok"
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "real-app-server: $*" >&2; }
die() { local code=$1; shift; log "$*"; exit "$code"; }
# shellcheck source=server-lib.sh
source "$SCRIPTS/server-lib.sh"

PORT=0 WORKDIR="" PARENT_PID="" TIMEOUT=120 INSTALL_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) PORT="${2:?}"; shift 2 ;;
    --workdir) WORKDIR="${2:?}"; shift 2 ;;
    --parent-pid) PARENT_PID="${2:?}"; shift 2 ;;
    --timeout) TIMEOUT="${2:?}"; shift 2 ;;
    --install-only) INSTALL_ONLY=1; shift ;;
    -h|--help) sed -n '2,24p' "$0" >&2; exit 0 ;;
    *) die 2 "unknown argument: $1 (see --help)" ;;
  esac
done

# ---- (b) install into a cached venv ------------------------------------------
# True when the venv holds exactly openhands-ai==$VERSION and its python is 3.12+ (a venv
# installed by hand into this path, without our marker, is adopted rather than rebuilt).
venv_ok() {
  [[ -x "$VENV/bin/python" ]] && py_ok "$VENV/bin/python" &&
    "$VENV/bin/python" -c 'import sys, importlib.metadata as m; sys.exit(m.version("openhands-ai") != sys.argv[1])' \
      "$VERSION" >/dev/null 2>&1
}
installed() { [[ -f "$MARKER" && -x "$VENV/bin/python" ]]; }
ensure_installed() {
  installed && return 0
  mkdir -p "$CACHE_ROOT" || die 4 "cannot create $CACHE_ROOT"
  # Serialize concurrent installs (parallel test JVMs).
  exec 9>"$CACHE_ROOT/.app-server-$VERSION.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if installed; then exec 9>&-; return 0; fi
  if venv_ok; then
    log "adopting the existing install in $VENV"
  else
    pip_install "$VENV" "openhands-ai==$VERSION" "$CACHE_ROOT/.app-server-$VERSION.install.log" \
    "about 1.4 GB, several minutes"
    venv_ok || die 4 "install finished but openhands-ai $VERSION is not importable from $VENV"
  fi
  "$VENV/bin/python" -m pip freeze >"$VENV/.ohtop-freeze.txt" 2>/dev/null
  echo "$VERSION $(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$MARKER"
  exec 9>&-
}

# Without Python 3.12+ anywhere the venv cannot run either: say so with exit 3.
if ! installed && ! find_python >/dev/null && ! venv_ok; then
  die 3 "$NO_PYTHON"
fi
ensure_installed
if [[ $INSTALL_ONLY == 1 ]]; then log "installed: $VENV"; exit 0; fi

# ---- (c) start the server ------------------------------------------------------
[[ -n "$WORKDIR" ]] || die 2 "--workdir is required"
[[ "$PORT" =~ ^[0-9]+$ ]] || die 2 "--port must be a number"
mkdir -p "$WORKDIR" || die 2 "cannot create workdir $WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
mkdir -p "$WORKDIR/persistence" "$WORKDIR/sandboxes" "$WORKDIR/tmux" "$WORKDIR/home"
LOGFILE="$WORKDIR/app-server.log"

free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
[[ "$PORT" == 0 ]] && PORT=$(free_port)
# Sandboxes take the first free port from here up.
SANDBOX_BASE_PORT=$(free_port)
URL="http://127.0.0.1:$PORT"

# Every process the server starts inherits this environment (ProcessSandboxService copies
# os.environ into each agent server), so the tag finds leftovers even after re-parenting, the
# webhook brings the agent servers' events back to this server (without it none are stored),
# and TMUX_TMPDIR keeps their tmux sockets private. LITELLM_LOCAL_MODEL_COST_MAP stops LiteLLM
# fetching its price list from the internet.
TAG="$$-$(date +%s%N)-$RANDOM"
SERVER_ENV=(
  "OHTOP_APP_SERVER_TAG=$TAG"
  "RUNTIME=process"
  "OH_SANDBOX_KIND=ProcessSandboxServiceInjector"
  "OH_SANDBOX_BASE_PORT=$SANDBOX_BASE_PORT"
  "OH_SANDBOX_BASE_WORKING_DIR=$WORKDIR/sandboxes"
  "OH_SANDBOX_PYTHON_EXECUTABLE=$VENV/bin/python"
  "OH_SANDBOX_AGENT_SERVER_MODULE=loopback_agent_server"
  "PYTHONPATH=$SCRIPTS"
  "OH_PERSISTENCE_DIR=$WORKDIR/persistence"
  "OH_WEBHOOKS_0_BASE_URL=$URL/api/v1/webhooks"
  "SERVE_FRONTEND=false"
  "OH_ENABLE_VSCODE=false"
  "OH_ENABLE_BROWSER=false"
  "TMUX_TMPDIR=$WORKDIR/tmux"
  "HOME=$WORKDIR/home"
  "LITELLM_LOCAL_MODEL_COST_MAP=True"
  "PYTHONUNBUFFERED=1"
  "NO_COLOR=1"
  "OPENHANDS_SUPPRESS_BANNER=1"
)

# setsid: the server and its agent servers get a process group of their own.
cd "$WORKDIR"
setsid env "${SERVER_ENV[@]}" "$VENV/bin/python" "$SCRIPTS/real_app_server.py" --port "$PORT" \
  >"$LOGFILE" 2>&1 </dev/null &
SERVER_PID=$!
WATCHDOG_PID=""

# Sandboxes live only in the server's memory: nothing would stop them after it. Kill every
# process that carries our tag (agent servers, their bash commands and tmux servers);
# stop_server (server-lib.sh) calls this.
cleanup_leftovers() {
  local p
  for p in /proc/[0-9]*; do
    [[ "${p#/proc/}" == "$$" ]] && continue
    grep -qzxF "OHTOP_APP_SERVER_TAG=$TAG" "$p/environ" 2>/dev/null && kill -KILL "${p#/proc/}" 2>/dev/null
  done
}

on_signal() { stop_server; exit 0; }
trap on_signal TERM INT HUP

# ---- (d) watchdog on the parent pid --------------------------------------------
if [[ -n "$PARENT_PID" ]]; then
  (
    trap - TERM INT HUP
    while kill -0 "$PARENT_PID" 2>/dev/null && kill -0 "$SERVER_PID" 2>/dev/null; do sleep 1; done
    if kill -0 "$PARENT_PID" 2>/dev/null; then exit 0; fi
    echo "real-app-server: parent $PARENT_PID gone, stopping server $SERVER_PID" >&2
    kill -TERM $$ 2>/dev/null   # the supervisor's trap stops the server and its sandboxes
  ) &
  WATCHDOG_PID=$!
fi

# ---- wait for the server to answer ---------------------------------------------
started=$SECONDS
wait_alive
log "alive after $((SECONDS - started)) s"

echo "READY pid=$SERVER_PID url=$URL port=$PORT log=$LOGFILE"

# Supervise: `wait` returns early on a trapped signal, then the trap runs.
wait "$SERVER_PID"
rc=$?
stop_server
log "server exited with status $rc (log: $LOGFILE)"
exit 6
