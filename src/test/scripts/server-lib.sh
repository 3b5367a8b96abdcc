# What the two real-server launchers (real-agent-server.sh, real-app-server.sh) do alike:
# finding Python 3.12+, installing a pinned package into a cached venv, stopping the server
# and everything it started, waiting for /alive. Sourced, not run. The launcher defines log,
# die and cleanup_leftovers, and sets SERVER_PID, WATCHDOG_PID, URL, LOGFILE and TIMEOUT.

NO_PYTHON="no suitable Python found: need 3.12+ (python3.12/python3.13 on PATH, ~/.pyenv/versions/3.12*|3.13*, or OHTOP_PYTHON)"

py_ok() {  # a pyenv shim may exist and still fail, so run it
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
  local c
  if [[ -n "${OHTOP_PYTHON:-}" ]]; then
    py_ok "$OHTOP_PYTHON" && { echo "$OHTOP_PYTHON"; return 0; }
    log "OHTOP_PYTHON=$OHTOP_PYTHON is not a working Python >= 3.12"; return 1
  fi
  for c in python3.12 python3.13 python3.14 python3; do
    if command -v "$c" >/dev/null 2>&1 && py_ok "$c"; then command -v "$c"; return 0; fi
  done
  for c in "$HOME"/.pyenv/versions/3.12*/bin/python3 "$HOME"/.pyenv/versions/3.13*/bin/python3 \
           "$HOME"/.pyenv/versions/3.14*/bin/python3; do
    if [[ -x "$c" ]] && py_ok "$c"; then echo "$c"; return 0; fi
  done
  return 1
}

# pip_install VENV REQUIREMENT LOG HOW_LONG: a fresh venv holding REQUIREMENT (exit 3 without
# Python 3.12+, 4 when the install fails; the pip output goes to LOG, its end to stderr).
pip_install() {
  local venv=$1 requirement=$2 out=$3 how_long=$4 py
  py=$(find_python) || die 3 "$NO_PYTHON"
  log "installing $requirement into $venv (using $py; $how_long)"
  rm -rf "$venv"
  if ! { "$py" -m venv "$venv" &&
         "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip &&
         "$venv/bin/python" -m pip install -q --disable-pip-version-check "$requirement"; } >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    rm -rf "$venv"
    die 4 "install failed (full log: $out)"
  fi
}

# SIGTERM to the server's process group, SIGKILL after 5 s (a busy server does not finish a
# graceful shutdown in 10 s), then whatever still carries the launcher's tag, twice: a dying
# server may still have been starting a tmux client (seen left behind once).
stop_server() {
  [[ -n "$WATCHDOG_PID" ]] && kill "$WATCHDOG_PID" 2>/dev/null
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null
  fi
  cleanup_leftovers
  sleep 1
  cleanup_leftovers
}

# Waits until $URL/alive answers: exit 6 if the server ends first, 5 after $TIMEOUT seconds.
wait_alive() {
  local deadline=$((SECONDS + TIMEOUT))
  until probe; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -n 30 "$LOGFILE" >&2
      cleanup_leftovers
      die 6 "server exited during startup (log: $LOGFILE)"
    fi
    if (( SECONDS >= deadline )); then
      tail -n 30 "$LOGFILE" >&2
      stop_server
      die 5 "server not alive at $URL/alive after ${TIMEOUT}s (log: $LOGFILE)"
    fi
    sleep 0.2
  done
}

probe() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -m 2 -o /dev/null "$URL/alive" 2>/dev/null
  else
    "$VENV/bin/python" -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
      "$URL/alive" >/dev/null 2>&1
  fi
}
