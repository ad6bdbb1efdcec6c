#!/usr/bin/env bash
# The runtime folder beside the full JDK, same jar, same launcher flags: time to the first HTTP answer and RSS
# (VmRSS) 5 s after start, while one Pusher client is connected (tests/runtime/PusherSmoke.java: subscribe,
# signed publish, event received, socket held) and after it left. Needs target/switchboard-runtime
# (scripts/runtime.sh); the full JDK with an AOT cache too when target/switchboard.aot is there
# (scripts/aot-cache.sh). Prints one markdown table row per start; runs each setup ROUNDS times, alternating.
#   scripts/bench-runtime.sh [PORT] [ROUNDS]        (default 6295 and 2; metrics on PORT+1, loopback)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/jdk.sh
. "$ROOT/scripts/lib/jdk.sh"
# shellcheck source=lib/server.sh
. "$ROOT/scripts/lib/server.sh"
PORT="${1:-6295}"
ROUNDS="${2:-2}"
rt="$ROOT/target/switchboard-runtime"
[[ -x "$rt/jre/bin/java" ]] || { echo "bench-runtime: build $rt first (scripts/runtime.sh)" >&2; exit 2; }
switchboard_find_jdk
jdk="$JAVA_HOME"

rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# one start: $1 label, $2 launcher, $3 jar (the same bytes everywhere), $4 SWITCHBOARD_AOT_CACHE (a file or off)
measure() {
  local label=$1 launcher=$2 jar=$3 aot=$4 pid t0 up idle one after
  t0=$(date +%s%N)
  JAVA_HOME="$jdk" SWITCHBOARD_JAR="$jar" SWITCHBOARD_AOT_CACHE="$aot" \
    SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$PORT" SWITCHBOARD_METRICS_HOST=127.0.0.1 \
    SWITCHBOARD_METRICS_PORT="$((PORT + 1))" "$launcher" start >/dev/null 2>&1 &
  pid=$!
  switchboard_wait_http "$PORT" "$pid" 60 || { echo "bench-runtime: $label did not start" >&2; exit 1; }
  up=$((($(date +%s%N) - t0) / 1000000))
  sleep 5
  idle=$(rss_mib "$pid")
  "$jdk/bin/java" "$ROOT/tests/runtime/PusherSmoke.java" "$PORT" --hold 8 >/dev/null &
  sleep 6
  one=$(rss_mib "$pid")
  wait $!
  sleep 2
  after=$(rss_mib "$pid")
  echo "| $label | $(readlink "/proc/$pid/exe" | sed "s|$ROOT/||") | $up | $idle | $one | $after |"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
}

echo "| setup | JVM | first answer (ms) | RSS idle (MiB) | RSS, one client (MiB) | RSS, client gone (MiB) |"
echo "|---|---|---:|---:|---:|---:|"
for ((r = 0; r < ROUNDS; r++)); do
  measure "full JDK, no AOT cache" "$ROOT/bin/switchboard" "$rt/lib/switchboard.jar" off
  measure "runtime, no AOT cache" "$rt/bin/switchboard" "$rt/lib/switchboard.jar" off
  if [[ -f "$ROOT/target/switchboard.aot" ]]; then
    measure "full JDK + its AOT cache" "$ROOT/bin/switchboard" "$ROOT/target/switchboard.jar" \
      "$ROOT/target/switchboard.aot"
  fi
  if [[ -f "$rt/lib/switchboard.aot" ]]; then
    measure "runtime + its AOT cache" "$rt/bin/switchboard" "$rt/lib/switchboard.jar" "$rt/lib/switchboard.aot"
  fi
done
