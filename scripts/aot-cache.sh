#!/usr/bin/env bash
# Trains a JDK 25 ahead-of-time cache for Switchboard: starts the server on loopback with -XX:AOTCacheOutput,
# drives it with the bench tool (connects, subscribes, presence churn, fan-out, HTTP API) for about a minute,
# stops it, and leaves the cache beside the jar (target/switchboard.aot), where bin/switchboard picks it up.
# Rebuilding the jar makes the cache stale: bin/switchboard then ignores it until this runs again.
#   scripts/aot-cache.sh [--port 6290] [--metrics-port PORT+3600] [--launcher FILE]
# SWITCHBOARD_JAR / SWITCHBOARD_AOT_CACHE as for bin/switchboard. --launcher trains through another copy of
# bin/switchboard, e.g. the runtime folder's, whose JVM is then the one the cache is made for (scripts/runtime.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/jdk.sh
. "$ROOT/scripts/lib/jdk.sh"
# shellcheck source=lib/server.sh
. "$ROOT/scripts/lib/server.sh"
PORT=6290
METRICS_PORT=""
launcher="$ROOT/bin/switchboard"
while (($#)); do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --metrics-port) METRICS_PORT="$2"; shift 2 ;;
    --launcher) launcher="$2"; shift 2 ;;
    *) echo "aot-cache: unknown argument $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
METRICS_PORT="${METRICS_PORT:-$((PORT + 3600))}"
jar="${SWITCHBOARD_JAR:-$ROOT/target/switchboard.jar}"
out="${SWITCHBOARD_AOT_CACHE:-${jar%.jar}.aot}"
bench="$ROOT/bench/target/switchboard-bench.jar"
log="$(mktemp /tmp/switchboard-aot.XXXXXX.log)"

switchboard_find_jdk || { echo "aot-cache: no JDK >= 21 found" >&2; exit 2; }
major="$(switchboard_java_major "$JAVA_HOME/bin/java")"
if ((${major%%.*} < 25)); then
  echo "aot-cache: JDK $major has no AOT cache (needs 25+); nothing to do" >&2
  exit 0
fi
[[ -f "$jar" ]] || { echo "aot-cache: $jar not found; build it first" >&2; exit 2; }
if [[ ! -f "$bench" ]]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -f bench/pom.xml -DskipTests package)
fi
if ss -ltnH "sport = :$PORT" | grep -q .; then
  echo "aot-cache: port $PORT is in use; pass --port N" >&2
  exit 2
fi

rm -f "$out.tmp"
SWITCHBOARD_JAR="$jar" SWITCHBOARD_AOT_CACHE=off SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$PORT" \
  SWITCHBOARD_METRICS_PORT="$METRICS_PORT" JAVA_OPTS="${JAVA_OPTS:-} -XX:AOTCacheOutput=$out.tmp" \
  "$launcher" start >"$log" 2>&1 &
pid=$!   # bin/switchboard execs the JVM: this is the server
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT
if ! switchboard_wait_http "$PORT" "$pid" 30; then
  echo "aot-cache: the server did not come up; log $log" >&2
  tail -5 "$log" >&2
  exit 1
fi

train() {
  "$JAVA_HOME/bin/java" -Xmx1g --sun-misc-unsafe-memory-access=allow -jar "$bench" --host 127.0.0.1 \
    --port "$PORT" --app-id app-id --key app-key --secret app-secret "$@" >>"$log" 2>&1 ||
    echo "aot-cache: bench $* reported errors (training goes on; see $log)" >&2
}
echo "aot-cache: training on 127.0.0.1:$PORT (log $log)"
train --scenario S6 --connections 2000
train --scenario S1 --scale 0.2 --settle 2
train --scenario S5 --scale 0.1
train --scenario S4 --duration 3
train --scenario S3b --scale 0.1 --max-publishers 2
train --scenario S2 --scale 0.1

kill -TERM "$pid" 2>/dev/null || true  # if it died, the check below says so
trap - EXIT
# the JVM writes the cache on exit (a child JVM assembles it): wait for that, bounded
for ((i = 0; i < 1800; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null || [[ ! -s "$out.tmp" ]] || ! grep -q "AOTCache creation is complete" "$log"; then
  echo "aot-cache: no cache was written; log $log" >&2
  tail -5 "$log" >&2
  exit 1
fi
mv -f "$out.tmp" "$out"
echo "aot-cache: wrote $out ($(du -h "$out" | cut -f1)); bin/switchboard uses it while the jar is unchanged"
rm -f "$log"
