#!/usr/bin/env bash
# The self-contained runtime end to end: scripts/runtime.sh builds it (jlink'ed JRE, jar, launcher, AOT cache on
# JDK 25+) and its .tar.gz; the archive is unpacked elsewhere, as a user would, and started with no JDK in sight
# (JAVA_HOME points nowhere). It must use its AOT cache, serve a real client (WebSocket connect,
# pusher:connection_established, subscribe, a signed HTTP API publish delivered to the socket), expose the JVM
# metrics (java.management / jdk.management are in), and on SIGTERM turn /ready to 500, drain and exit 143 (the
# JVM's clean exit on that signal) within shutdown_grace_period_ms plus the server's own 5 s bound.
#   tests/runtime/run.sh [BASE_PORT]    (default 6292: BASE, BASE+1 train the AOT cache; BASE+2, BASE+3 the test)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/lib/jdk.sh
. "$ROOT/scripts/lib/jdk.sh"
# shellcheck source=../../scripts/lib/server.sh
. "$ROOT/scripts/lib/server.sh"
BASE="${1:-6292}"
PORT=$((BASE + 2))
METRICS_PORT=$((BASE + 3))
GRACE_MS=3000   # the server's default shutdown_grace_period_ms
switchboard_find_jdk
major="$(switchboard_java_major "$JAVA_HOME/bin/java")"
work="$(mktemp -d /tmp/switchboard-runtime-test.XXXXXX)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "runtime: FAIL: $*" >&2
  [[ -f "$work/server.log" ]] && tail -20 "$work/server.log" >&2
  exit 1
}

"$ROOT/scripts/runtime.sh" --port "$BASE" --metrics-port "$((BASE + 1))"
tar -C "$work" -xzf "$ROOT/target/switchboard-runtime.tar.gz"
rt="$work/switchboard-runtime"
[[ -x "$rt/jre/bin/java" && -f "$rt/lib/switchboard.jar" ]] || fail "the archive lacks jre/ or lib/switchboard.jar"

JAVA_HOME=/nonexistent JAVA_OPTS="-Xlog:aot=info" SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$PORT" \
  SWITCHBOARD_METRICS_HOST=127.0.0.1 SWITCHBOARD_METRICS_PORT="$METRICS_PORT" \
  "$rt/bin/switchboard" start >"$work/server.log" 2>&1 &
pid=$!   # the launcher execs the JVM: this is the server
switchboard_wait_http "$PORT" "$pid" 30 || fail "the runtime exited or did not answer within 30 s"
[[ "$(readlink "/proc/$pid/exe")" == "$rt/jre/bin/java" ]] || fail "the server runs $(readlink "/proc/$pid/exe")"
if ((${major%%.*} >= 25)); then
  grep -q "Opened AOT cache $rt/lib/switchboard.aot" "$work/server.log" || fail "the runtime did not use its cache"
  if grep -Eq "\[(warning|error)\]\[aot\]" "$work/server.log"; then fail "the JVM rejected the cache"; fi
fi

"$JAVA_HOME/bin/java" "$ROOT/tests/runtime/PusherSmoke.java" "$PORT" || fail "the Pusher client against the runtime"
curl -fs "http://127.0.0.1:$METRICS_PORT/metrics" >"$work/metrics.txt" || fail "no /metrics"
for series in switchboard_jvm_threads_live_threads switchboard_process_cpu_usage switchboard_jvm_memory_used_bytes; do
  grep -q "^$series" "$work/metrics.txt" || fail "/metrics lacks $series (a module missing from the JRE?)"
done

start=$(date +%s%N)
kill -TERM "$pid"
ready=""
for _ in $(seq 1 20); do
  ready="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/ready" || true)"
  [[ "$ready" == 500 ]] && break
  sleep 0.1
done
[[ "$ready" == 500 ]] || fail "/ready answered $ready while draining, not 500"
limit_ms=$((GRACE_MS + 5000))
while kill -0 "$pid" 2>/dev/null && (($(date +%s%N) - start < limit_ms * 1000000)); do sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "still running $limit_ms ms after SIGTERM"
status=0
wait "$pid" || status=$?
pid=""
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
((status == 143)) || fail "exit status $status after SIGTERM (the JVM's clean exit on it is 143)"
grep -q "draining: /ready answers 500" "$work/server.log" || fail "the server did not drain"
if grep -v '\[aot\]' "$work/server.log" | grep -Eq "ERROR|Exception"; then fail "errors in the server log"; fi
echo "runtime: $(du -sh "$rt" | cut -f1) unpacked; served a Pusher client and the signed API from its own JRE;" \
  "SIGTERM -> exit 143 after ${elapsed_ms} ms (drain ${GRACE_MS} ms)"
