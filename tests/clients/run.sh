#!/usr/bin/env bash
# Runs the Node client conformance suite (pusher-js, pusher, laravel-echo, ws) against a freshly started
# Switchboard configured with tests/clients/switchboard.test.json.
#
#   SB_PORT=16001 tests/clients/run.sh                 # all *.test.mjs
#   tests/clients/run.sh presence.test.mjs api.test.mjs  # only some files
#
# Env: SB_PORT (default 16001), SB_HOST (default 127.0.0.1). The server log is printed when start-up fails
# and kept in $SB_SERVER_LOG (default: a temp file).
# A second server serves TLS on SB_TLS_PORT (default SB_PORT + 1) with a certificate made here by openssl and
# soketi's SOKETI_SSL_CERT / SOKETI_SSL_KEY; Node trusts it through NODE_EXTRA_CA_CERTS (tls.test.mjs).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export SB_HOST="${SB_HOST:-127.0.0.1}"
export SB_PORT="${SB_PORT:-16001}"
export SB_TLS_PORT="${SB_TLS_PORT:-$((SB_PORT + 1))}"
LOG="${SB_SERVER_LOG:-$(mktemp -t switchboard-clients.XXXXXX.log)}"
TLS_LOG="${LOG%.log}-tls.log"
URL="http://${SB_HOST}:${SB_PORT}/"
TLS_DIR="$(mktemp -d -t switchboard-clients-tls.XXXXXX)"

if curl -s -o /dev/null --max-time 2 "$URL"; then
  echo "run.sh: something already answers on $URL; stop it or choose another SB_PORT" >&2
  exit 2
fi

SERVER_PID=""
TLS_PID=""
stop_server() {
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    # the server runs in its own process group (setsid): stop the launcher and the JVM together
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: server $pid still alive after 10 s, sending SIGKILL" >&2
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
  fi
}
cleanup() {
  stop_server "$SERVER_PID"
  stop_server "$TLS_PID"
  rm -rf "$TLS_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$ROOT" || exit 2
SWITCHBOARD_PORT="$SB_PORT" SWITCHBOARD_METRICS_PORT=0 setsid bin/switchboard start --config tests/clients/switchboard.test.json >"$LOG" 2>&1 &
SERVER_PID=$!
echo "run.sh: started switchboard (pid $SERVER_PID) on port $SB_PORT, log $LOG"

# the TLS server: a self-signed certificate for the test host, handed over as a soketi deployment does
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=switchboard-client-tests \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" >/dev/null 2>&1 || { echo "run.sh: openssl failed" >&2; exit 1; }
SWITCHBOARD_PORT="$SB_TLS_PORT" SWITCHBOARD_METRICS_ENABLED=false SOKETI_SSL_CERT="$TLS_DIR/cert.pem" \
  SOKETI_SSL_KEY="$TLS_DIR/key.pem" setsid bin/switchboard start --config tests/clients/switchboard.test.json \
  >"$TLS_LOG" 2>&1 &
TLS_PID=$!
echo "run.sh: started switchboard with TLS (pid $TLS_PID) on port $SB_TLS_PORT, log $TLS_LOG"

# wait_up NAME PID LOG URL [curl options]: bounded wait until URL answers
wait_up() {
  local name="$1" pid="$2" log="$3" url="$4"
  shift 4
  local deadline=$((SECONDS + 30))
  until curl -s -o /dev/null --max-time 2 "$@" "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: $name exited during start-up; log:" >&2
      cat "$log" >&2
      exit 1
    fi
    if (( SECONDS >= deadline )); then
      echo "run.sh: $name did not answer on $url within 30 s; log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "run.sh: $name answers on $url"
}
wait_up switchboard "$SERVER_PID" "$LOG" "$URL"
wait_up "switchboard (TLS)" "$TLS_PID" "$TLS_LOG" "https://${SB_HOST}:${SB_TLS_PORT}/" --cacert "$TLS_DIR/cert.pem"

cd "$HERE" || exit 2
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund || exit 1
fi

if (( $# > 0 )); then
  files=("$@")
else
  files=(*.test.mjs)
fi
NODE_EXTRA_CA_CERTS="$TLS_DIR/cert.pem" node --test --test-concurrency=1 "${files[@]}"
status=$?
echo "run.sh: node --test exited with $status"
exit "$status"
