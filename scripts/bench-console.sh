#!/usr/bin/env bash
# What an open web console costs the hot path: S3a (5,000 subscribers on one channel, closed-loop HTTP
# publishers) against one Switchboard twice in one run, first with no console open, then with a console
# feed streaming the app (the page's NDJSON feed read by curl, as a browser would hold it open). Server pinned
# to SERVER_CPU (0), generator to BENCH_CPU (1); loopback only; stops only what it started.
#
#   scripts/bench-console.sh [OUT_DIR] [-- bench args]      # e.g. -- --max-publishers 16
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/server.sh
. "$ROOT/scripts/lib/server.sh"
OUT="${1:-/tmp/bench-console}"
shift || true
[[ "${1:-}" == "--" ]] && shift
PORT="${PORT:-25101}" METRICS="${METRICS:-25102}"
SERVER_CPU="${SERVER_CPU:-0}" BENCH_CPU="${BENCH_CPU:-1}"
# shellcheck source=lib/jdk.sh
. "$ROOT/scripts/lib/jdk.sh"
switchboard_find_jdk || { echo "bench-console.sh: no JDK >= 21" >&2; exit 2; }
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/bench/target/switchboard-bench.jar"
TOKEN="bench-console-token-$(date +%s)"
mkdir -p "$OUT"
[[ -f "$JAR" ]] || { echo "build the bench first: ./mvnw -q -f bench/pom.xml -DskipTests package" >&2; exit 2; }

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$PORT" SWITCHBOARD_METRICS_HOST=127.0.0.1 \
  SWITCHBOARD_METRICS_PORT="$METRICS" SWITCHBOARD_CONSOLE_ENABLED=true SWITCHBOARD_CONSOLE_TOKEN="$TOKEN" \
  taskset -c "$SERVER_CPU" "$ROOT/bin/switchboard" start >"$OUT/server.log" 2>&1 &
pids+=($!)
switchboard_wait_http "$PORT" "${pids[0]}" 60 || { tail -20 "$OUT/server.log" >&2; exit 1; }
server_pid="$(ss -Hltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"

run() {  # $1 = label, then bench args
  local label=$1
  shift
  taskset -c "$BENCH_CPU" "$JAVA" -jar "$JAR" --scenario S3a --host 127.0.0.1 --port "$PORT" --app-id app-id \
    --key app-key --secret app-secret --pid "$server_pid" --label "$label" --json "$OUT/$label/S3a.json" \
    --transport io_uring "$@" | tee "$OUT/$label.txt" || echo "bench-console.sh: $label reported errors" >&2
}

mkdir -p "$OUT/no-console" "$OUT/console"
run no-console "$@"
# the console's feed of app-id, held open for the whole second run, its lines counted
curl -sN -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$METRICS/console/api/apps/app-id/stream" \
  >"$OUT/feed.ndjson" &
pids+=($!)
sleep 1
run console "$@"
kill "${pids[-1]}" 2>/dev/null || true
echo "feed lines: $(wc -l <"$OUT/feed.ndjson") ($(grep -c '"kind":"api_event"' "$OUT/feed.ndjson") api events," \
  "$(grep -c '"type":"gap"' "$OUT/feed.ndjson") gaps)" | tee "$OUT/feed.txt"
"$JAVA" -jar "$JAR" compare --a "no-console=$OUT/no-console" --b "console=$OUT/console" --md "$OUT/compare.md" \
  || true
