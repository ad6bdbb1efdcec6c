#!/usr/bin/env bash
# Runs the Node client conformance suite (pusher-js, pusher, laravel-echo, ws) against a freshly started
# Switchboard configured with tests/clients/switchboard.test.json.
#
#   SB_PORT=16001 tests/clients/run.sh                 # all *.test.mjs
#   tests/clients/run.sh presence.test.mjs api.test.mjs  # only some files
#
# Env: SB_PORT (default 16001), SB_HOST (default 127.0.0.1). The server log is printed when start-up fails
# and kept in $SB_SERVER_LOG (default: a temp file).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export SB_HOST="${SB_HOST:-127.0.0.1}"
export SB_PORT="${SB_PORT:-16001}"
LOG="${SB_SERVER_LOG:-$(mktemp -t switchboard-clients.XXXXXX.log)}"
URL="http://${SB_HOST}:${SB_PORT}/"

if curl -s -o /dev/null --max-time 2 "$URL"; then
  echo "run.sh: something already answers on $URL; stop it or choose another SB_PORT" >&2
  exit 2
fi

SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # the server runs in its own process group (setsid): stop the launcher and the JVM together
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "run.sh: server still alive after 10 s, sending SIGKILL" >&2
      kill -KILL -- "-$SERVER_PID" 2>/dev/null || kill -KILL "$SERVER_PID" 2>/dev/null
    fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$ROOT" || exit 2
SWITCHBOARD_PORT="$SB_PORT" SWITCHBOARD_METRICS_PORT=0 setsid bin/switchboard start --config tests/clients/switchboard.test.json >"$LOG" 2>&1 &
SERVER_PID=$!
echo "run.sh: started switchboard (pid $SERVER_PID) on port $SB_PORT, log $LOG"

deadline=$((SECONDS + 30))
until curl -s -o /dev/null --max-time 2 "$URL"; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "run.sh: switchboard exited during start-up; log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  if (( SECONDS >= deadline )); then
    echo "run.sh: switchboard did not answer on $URL within 30 s; log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.2
done
echo "run.sh: switchboard answers on $URL"

cd "$HERE" || exit 2
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund || exit 1
fi

if (( $# > 0 )); then
  files=("$@")
else
  files=(*.test.mjs)
fi
node --test --test-concurrency=1 "${files[@]}"
status=$?
echo "run.sh: node --test exited with $status"
exit "$status"
