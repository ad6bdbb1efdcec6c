#!/usr/bin/env bash
# The AOT cache end to end: scripts/aot-cache.sh trains one against a real server, then bin/switchboard must
# start with it (the JVM says it opened and used it) and serve a Pusher client and the HTTP API. A jar newer
# than the cache must make the launcher leave the cache out. Skipped on JDKs without AOT caches (< 25).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/lib/jdk.sh
. "$ROOT/scripts/lib/jdk.sh"
# shellcheck source=../../scripts/lib/server.sh
. "$ROOT/scripts/lib/server.sh"
switchboard_find_jdk
major="$(switchboard_java_major "$JAVA_HOME/bin/java")"
if ((${major%%.*} < 25)); then
  echo "aot: JDK $major has no AOT cache; skipped"
  exit 0
fi
PORT=6291
work="$(mktemp -d /tmp/switchboard-aot-test.XXXXXX)"
cp -p "$ROOT/target/switchboard.jar" "$work/switchboard.jar"
export SWITCHBOARD_JAR="$work/switchboard.jar"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "aot: FAIL: $*" >&2
  [[ -f "$work/server.log" ]] && tail -20 "$work/server.log" >&2
  exit 1
}

"$ROOT/scripts/aot-cache.sh" --port "$PORT"
[[ -s "$work/switchboard.aot" ]] || fail "no cache at $work/switchboard.aot"

start() {  # starts bin/switchboard with -Xlog:aot on $PORT and waits until it answers
  JAVA_OPTS="-Xlog:aot=info" SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$PORT" \
    SWITCHBOARD_METRICS_PORT="$((PORT + 3600))" "$ROOT/bin/switchboard" start >"$work/server.log" 2>&1 &
  pid=$!
  switchboard_wait_http "$PORT" "$pid" 30 || fail "server exited or did not answer within 30 s"
}
stop() {
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

start
grep -q "Opened AOT cache $work/switchboard.aot" "$work/server.log" || fail "the launcher did not use the cache"
if grep -Eq "\[(warning|error)\]\[aot\]" "$work/server.log"; then fail "the JVM rejected the cache"; fi
# real traffic: signed API publishes, 10 Pusher subscribers that must get them; the bench exits non-zero on loss
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$ROOT/bench/target/switchboard-bench.jar" \
  --scenario S4 --duration 2 --port "$PORT" --app-id app-id --key app-key --secret app-secret \
  >"$work/bench.log" 2>&1 || { cat "$work/bench.log" >&2; fail "bench S4 against the server with the cache"; }
stop

touch "$work/switchboard.jar"   # a rebuilt jar: the cache is stale now
start
if grep -q "Opened AOT cache" "$work/server.log"; then fail "the launcher used a cache older than the jar"; fi
stop
echo "aot: cache trained, used, served clients; a stale cache is left out"
