#!/usr/bin/env bash
# The OpenHands Cloud API skill's own Python client (openhands_api.py, kept outside this repo in
# ../shared/reference/) needs httpx; this installs it into a cached venv, once, for the benchmark
# that times `ohtop ls` beside that client's `search-conversations`.
#
# Usage:
#   skill-client.sh --install-only   install (if needed) and print nothing on stdout
#   skill-client.sh --python         install (if needed) and print the venv's python on stdout
#
# Exit codes: 0 ready, 2 usage error, 3 no Python >= 3.12 found, 4 install failed.
# Environment: OHTOP_CACHE (default ~/.cache/ohtop), OHTOP_PYTHON (force an interpreter),
# OHTOP_SKILL_HTTPX_VERSION (default 0.29.0, the agent server's own).
set -uo pipefail

VERSION="${OHTOP_SKILL_HTTPX_VERSION:-0.29.0}"
CACHE_ROOT="${OHTOP_CACHE:-$HOME/.cache/ohtop}"
VENV="$CACHE_ROOT/skill-client-venv"
MARKER="$VENV/.ohtop-install-ok"

log() { echo "skill-client: $*" >&2; }
die() { local code=$1; shift; log "$*"; exit "$code"; }
# shellcheck source=server-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/server-lib.sh"

case "${1:-}" in
  --install-only) PRINT=0 ;;
  --python) PRINT=1 ;;
  *) die 2 "usage: skill-client.sh --install-only | --python" ;;
esac

installed() { [[ -x "$VENV/bin/python" && "$(cat "$MARKER" 2>/dev/null)" == "httpx==$VERSION" ]]; }

if ! installed; then
  mkdir -p "$CACHE_ROOT" || die 4 "cannot create $CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.skill-client.lock" # one install at a time
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if ! installed; then
    pip_install "$VENV" "httpx==$VERSION" "$CACHE_ROOT/.skill-client.install.log" "a few seconds"
    echo "httpx==$VERSION" >"$MARKER"
  fi
  exec 9>&-
fi
if [[ $PRINT == 1 ]]; then echo "$VENV/bin/python"; fi
exit 0
