#!/usr/bin/env bash
# Start the REAL OpenHands agent server (PyPI openhands-agent-server, pinned) on
# loopback, for ohtop's conformance tests.
#
# Usage:
#   real-agent-server.sh --install-only
#   real-agent-server.sh --port N --workdir DIR --session-key KEY
#                        [--parent-pid PID] [--conversations-dir DIR]
#                        [--log FILE] [--env NAME=VALUE]... [--timeout SECS]
#
#   --port 0 (or no --port) picks a free loopback port.
#   --conversations-dir  where the server persists conversations
#                        (OH_CONVERSATIONS_PATH; default DIR/.oh/conversations)
#   --parent-pid PID     a watchdog kills the server when PID is gone (pass the
#                        test JVM's ProcessHandle.current().pid()).
#   --log FILE           server stdout+stderr (default DIR/.oh/agent-server.log)
#
# On success prints ONE line on stdout and keeps running (supervising):
#   READY pid=<server pid> url=http://127.0.0.1:<port> port=<port> log=<file>
# Stop it with SIGTERM/SIGINT to this script (or close via the watchdog); the
# server is then stopped (SIGTERM, SIGKILL after 5 s; a busy server does not
# finish a graceful shutdown in 10 s) and every process it started is killed.
#
# Exit codes: 0 stopped on request, 2 usage error, 3 no Python >= 3.12 found,
#             4 install failed, 5 server did not become alive in time,
#             6 server exited on its own, 7 port already in use.
#
# Environment: OHTOP_CACHE (default ~/.cache/ohtop), OHTOP_PYTHON (force an
# interpreter), OHTOP_AGENT_SERVER_VERSION (default 1.58.2).
set -uo pipefail

VERSION="${OHTOP_AGENT_SERVER_VERSION:-1.58.2}"
CACHE_ROOT="${OHTOP_CACHE:-$HOME/.cache/ohtop}"
VENV="$CACHE_ROOT/agent-server-$VERSION"
MARKER="$VENV/.ohtop-install-ok"

log() { echo "real-agent-server: $*" >&2; }
die() { local code=$1; shift; log "$*"; exit "$code"; }
# shellcheck source=server-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/server-lib.sh"

PORT=0 WORKDIR="" KEY="" PARENT_PID="" CONV_DIR="" LOGFILE="" TIMEOUT=60
INSTALL_ONLY=0
EXTRA_ENV=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) PORT="${2:?}"; shift 2 ;;
    --workdir) WORKDIR="${2:?}"; shift 2 ;;
    --session-key) KEY="${2:?}"; shift 2 ;;
    --parent-pid) PARENT_PID="${2:?}"; shift 2 ;;
    --conversations-dir) CONV_DIR="${2:?}"; shift 2 ;;
    --log) LOGFILE="${2:?}"; shift 2 ;;
    --env) EXTRA_ENV+=("${2:?}"); shift 2 ;;
    --timeout) TIMEOUT="${2:?}"; shift 2 ;;
    --install-only) INSTALL_ONLY=1; shift ;;
    -h|--help) sed -n '2,30p' "$0" >&2; exit 0 ;;
    *) die 2 "unknown argument: $1 (see --help)" ;;
  esac
done

# ---- (b) install into a cached venv ------------------------------------------
ensure_installed() {
  [[ -f "$MARKER" && -x "$VENV/bin/agent-server" ]] && return 0
  find_python >/dev/null || die 3 "$NO_PYTHON"
  mkdir -p "$CACHE_ROOT" || die 4 "cannot create $CACHE_ROOT"
  # Serialize concurrent installs (parallel test JVMs).
  exec 9>"$CACHE_ROOT/.agent-server-$VERSION.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if [[ -f "$MARKER" && -x "$VENV/bin/agent-server" ]]; then exec 9>&-; return 0; fi
  pip_install "$VENV" "openhands-agent-server==$VERSION" "$CACHE_ROOT/.agent-server-$VERSION.install.log" \
    "takes a minute or two"
  [[ -x "$VENV/bin/agent-server" ]] || die 4 "install finished but $VENV/bin/agent-server is missing"
  "$VENV/bin/python" -m pip freeze >"$VENV/.ohtop-freeze.txt" 2>/dev/null
  echo "$VERSION $(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$MARKER"
  exec 9>&-
}

ensure_installed
if [[ $INSTALL_ONLY == 1 ]]; then log "installed: $VENV"; exit 0; fi

# ---- (c) start the server ------------------------------------------------------
[[ -n "$WORKDIR" ]] || die 2 "--workdir is required"
[[ -n "$KEY" ]] || die 2 "--session-key is required"
[[ "$PORT" =~ ^[0-9]+$ ]] || die 2 "--port must be a number"
mkdir -p "$WORKDIR" || die 2 "cannot create workdir $WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
mkdir -p "$WORKDIR/.oh"
: "${CONV_DIR:=$WORKDIR/.oh/conversations}"
: "${LOGFILE:=$WORKDIR/.oh/agent-server.log}"
mkdir -p "$CONV_DIR" "$(dirname "$LOGFILE")"

if [[ "$PORT" == 0 ]]; then
  PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
elif ! "$VENV/bin/python" -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1])))' "$PORT" 2>/dev/null; then
  # otherwise /alive would be answered by whatever already listens there
  die 7 "port $PORT on 127.0.0.1 is already in use"
fi
URL="http://127.0.0.1:$PORT"

# The server reads its session keys from SESSION_API_KEY (legacy single key)
# or OH_SESSION_API_KEYS_0..n; we set the documented single-key variable only.
# VSCode (default on) and the browser tool are switched off: nothing to serve
# here. LITELLM_LOCAL_MODEL_COST_MAP stops LiteLLM fetching its price list.
# Every process the server starts inherits this tag (the server strips only
# credential variables from child environments), so leftovers can be found
# even after they were re-parented: bash commands and tmux servers run in
# sessions of their own and escape the process-group kill.
TAG="$$-$(date +%s%N)-$RANDOM"
SERVER_ENV=(
  "OHTOP_AGENT_SERVER_TAG=$TAG"
  "SESSION_API_KEY=$KEY"
  "OH_CONVERSATIONS_PATH=$CONV_DIR"
  "OH_BASH_EVENTS_DIR=$WORKDIR/.oh/bash_events"
  "OH_ENABLE_VSCODE=false"
  "OH_ENABLE_BROWSER=false"
  "LITELLM_LOCAL_MODEL_COST_MAP=True"
  "PYTHONUNBUFFERED=1"
  "NO_COLOR=1"
  "OPENHANDS_SUPPRESS_BANNER=1"
)
SERVER_ENV+=("${EXTRA_ENV[@]}")

# setsid: the server (and every bash it spawns) gets its own process group, so
# we can kill the whole tree.
cd "$WORKDIR"
setsid env "${SERVER_ENV[@]}" "$VENV/bin/agent-server" --host 127.0.0.1 --port "$PORT" \
  >"$LOGFILE" 2>&1 </dev/null &
SERVER_PID=$!
WATCHDOG_PID=""

# A graceful server shutdown ends its bash commands and tmux servers (sockets
# under $TMPDIR/openhands-agent-server-<server pid>/); after a SIGKILL they
# would survive, so kill whatever still carries our tag. stop_server (server-lib.sh) calls this.
cleanup_leftovers() {
  local p
  if [[ -d /proc/self ]]; then
    for p in /proc/[0-9]*; do
      grep -qzxF "OHTOP_AGENT_SERVER_TAG=$TAG" "$p/environ" 2>/dev/null &&
        kill -KILL "${p#/proc/}" 2>/dev/null
    done
  fi
  rm -rf "${TMPDIR:-/tmp}/openhands-agent-server-$SERVER_PID"
}

on_signal() { stop_server; exit 0; }
trap on_signal TERM INT HUP

# ---- (d) watchdog on the parent pid --------------------------------------------
if [[ -n "$PARENT_PID" ]]; then
  (
    trap - TERM INT HUP
    while kill -0 "$PARENT_PID" 2>/dev/null && kill -0 "$SERVER_PID" 2>/dev/null; do sleep 1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "real-agent-server: parent $PARENT_PID gone, killing server $SERVER_PID" >&2
      kill -TERM -- "-$SERVER_PID" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$SERVER_PID" 2>/dev/null
      cleanup_leftovers
      kill -TERM $$ 2>/dev/null   # and end this supervisor too
    fi
  ) &
  WATCHDOG_PID=$!
fi

# ---- wait for /alive -----------------------------------------------------------
wait_alive

echo "READY pid=$SERVER_PID url=$URL port=$PORT log=$LOGFILE"

# Supervise: `wait` returns early on a trapped signal, then the trap runs.
wait "$SERVER_PID"
rc=$?
stop_server
if [[ -n "$PARENT_PID" ]] && ! kill -0 "$PARENT_PID" 2>/dev/null; then
  log "parent $PARENT_PID gone; server stopped"
  exit 0
fi
log "server exited with status $rc (log: $LOGFILE)"
exit 6
