#!/usr/bin/env bash
# Writes src/main/cds/ohtop.classlist: the classes ohtop loads in a short session (the list, one
# conversation's events, help), from which run.sh builds a class-data-sharing archive that cuts
# the JVM's start-up. Run it after changes that load many new classes (it needs tmux and a built
# jar: ./run.sh --version builds one). A list that is out of date is harmless: classes missing from
# it load as usual, and names that no longer exist are skipped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
jar="$here/target/ohtop.jar"
list="$here/src/main/cds/ohtop.classlist"
[[ -f "$jar" ]] || { echo "build the jar first: ./run.sh --version" >&2; exit 2; }
socket="ohtop-classlist-$$"
state="$(mktemp -d)"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$state"' EXIT
tmux -L "$socket" -f /dev/null new-session -d -x 120 -y 40 \
  "XDG_STATE_HOME='$state' java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:DumpLoadedClassList='$list.tmp' -jar '$jar' --demo"
sleep 4
for key in Enter Escape '?' Escape q; do
  tmux -L "$socket" send-keys "$key"
  sleep 1.5
done
for _ in $(seq 50); do
  tmux -L "$socket" has-session 2>/dev/null || break
  sleep 0.2
done
mv "$list.tmp" "$list"
echo "wrote $list ($(grep -vc '^#' "$list") classes)"
