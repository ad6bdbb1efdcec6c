#!/usr/bin/env bash
# Gateway-dialect benchmark: G1 (JWT connect storm, then wrong-signature refusal storm), G2 (client `send`
# frames into a redis_stream sink, read back with XREAD BLOCK), G3 (signed POST /apps/{id}/notifications:
# broadcast to every socket, and one user with several devices) and G4 (@connections PostToConnection signed
# with SigV4) against a Switchboard of its own, pinned like the side-by-side runs (server on CPU $SERVER_CPU,
# generator on CPU $BENCH_CPU), a fresh server per run. All on loopback; every run bounded (G3/G4: --duration).
#
#   scripts/bench-gateway.sh                      # G1, G2 (as before); G3 and G4 only when named
#   scripts/bench-gateway.sh --quick              # G1 with 500 sockets, G2 at 1,000 frames/s for 3 s
#   scripts/bench-gateway.sh G2 -- --connections 20   # args after -- go to every bench run
#   scripts/bench-gateway.sh G3 G4                # G3 5,000 sockets at 5 / 20 notifications/s + 1 user x 10
#                                                 # devices; G4 1,000 sockets at 500 / 2,000 posts/s; 10 s each
#
# Options: --quick, --no-build. Environment: BENCH_PORT (6301), METRICS_PORT (BENCH_PORT + 3330),
# REDIS_URL (redis://127.0.0.1:6379: must be up), G1_CONNECTIONS (5000), G1_ROUNDS (2: a cold and a warm storm
# of each kind), G2_RATES ("500 1000 4000"),
# G2_CONNECTIONS (100), G2_DURATION (10), G3_CONNECTIONS (5000), G3_RATES ("5 20": broadcasts/s),
# G3_DEVICES (10: the one-user variant's devices, at G3_DEVICE_RATE 200/s; 0 = skip it), G3_DURATION (10),
# G4_CONNECTIONS (1000), G4_RATES ("500 2000": posts/s), G4_DURATION (10), HTTP_CONNS (8: G3/G4 keep-alive
# lanes), SERVER_CPU (0), BENCH_CPU (1), JAVA_HOME, BENCH_JAVA_OPTS, JAVA_OPTS.
# Each run gets a random HMAC secret and G2 a stream of its own (bench-g2-<time>-<random>), which the bench
# deletes at the end. Before each run: the kernel floor (scripts/kernel-floor.sh 500 100, when gcc is
# present), /proc/loadavg and /proc/pressure/cpu. Writes bench/results/gateway-<timestamp>/ (JSON per run,
# server logs, run.log with the exact commands).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/server.sh
. "$ROOT/scripts/lib/server.sh"
cd "$ROOT"
PORT="${BENCH_PORT:-6301}"
METRICS_PORT="${METRICS_PORT:-$((PORT + 3330))}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
SERVER_CPU="${SERVER_CPU:-0}"
BENCH_CPU="${BENCH_CPU:-1}"
G1_CONNECTIONS="${G1_CONNECTIONS:-5000}"
G1_ROUNDS="${G1_ROUNDS:-2}"
G2_RATES="${G2_RATES:-500 1000 4000}"
G2_CONNECTIONS="${G2_CONNECTIONS:-100}"
G2_DURATION="${G2_DURATION:-10}"
G3_CONNECTIONS="${G3_CONNECTIONS:-5000}"
G3_RATES="${G3_RATES:-5 20}"
G3_DEVICES="${G3_DEVICES:-10}"
G3_DEVICE_RATE="${G3_DEVICE_RATE:-200}"
G3_DURATION="${G3_DURATION:-10}"
G4_CONNECTIONS="${G4_CONNECTIONS:-1000}"
G4_RATES="${G4_RATES:-500 2000}"
G4_DURATION="${G4_DURATION:-10}"
HTTP_CONNS="${HTTP_CONNS:-8}"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ -z "${BENCH_JAVA_OPTS:-}" ]]; then
  BENCH_JAVA_OPTS="-Xms512m -Xmx2g"
  if "$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS --sun-misc-unsafe-memory-access=allow"
  fi
fi
JAR="$ROOT/bench/target/switchboard-bench.jar"

quick=0; build=1; scenarios=(); bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --) shift; bench_args=("$@"); break ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    G1|g1|G2|g2|G3|g3|G4|g4) scenarios+=("${1^^}") ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ ${#scenarios[@]} -eq 0 ]] && scenarios=(G1 G2)
if [[ $quick == 1 ]]; then
  G1_CONNECTIONS=500; G1_ROUNDS=2; G2_RATES=1000; G2_DURATION=3
  G3_CONNECTIONS=500; G3_RATES=5; G3_DURATION=3; G4_CONNECTIONS=100; G4_RATES=500; G4_DURATION=3
fi

log() { printf '[bench-gateway] %s\n' "$*" >&2; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ $build == 1 ]]; then
  log "building the server jar and the bench jar"
  ./mvnw -q -DskipTests package
  ./mvnw -q -f bench/pom.xml package -DskipTests
fi
[[ -f "$JAR" && -f "$ROOT/target/switchboard.jar" ]] || { echo "missing jars (run without --no-build)" >&2; exit 1; }
if ss -ltnH "sport = :$PORT" | grep -q . || ss -ltnH "sport = :$METRICS_PORT" | grep -q .; then
  echo "port $PORT or $METRICS_PORT is in use (set BENCH_PORT / METRICS_PORT)" >&2; exit 1
fi
redis_host_port="${REDIS_URL#redis://}"; redis_host_port="${redis_host_port##*@}"; redis_host_port="${redis_host_port%%/*}"
REDIS_PID="$(ss -ltnpH "sport = :${redis_host_port##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"

RUN_DIR="$ROOT/bench/results/gateway-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
TMP="$(mktemp -d)"
cp "$ROOT/target/switchboard.jar" "$TMP/switchboard.jar"  # a rebuild during the run cannot pull it away
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
{
  echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "# server CPU $SERVER_CPU, generator CPU $BENCH_CPU, open files $(ulimit -n), redis pid ${REDIS_PID:-?}"
  echo "# $("$JAVA" -version 2>&1 | head -1)"
} >"$RUN_DIR/run.log"

start_server() {  # $1 = HMAC secret, $2 = stream of the send route (empty: no route)
  local secret="$1" stream="$2" cfg="$TMP/config.json"
  local routes=""
  [[ -n "$stream" ]] && routes=",\"routes\":{\"send\":{\"driver\":\"redis_stream\",\"url\":\"$REDIS_URL\",\"stream\":\"$stream\"}}"
  cat >"$cfg" <<JSON
{"host":"127.0.0.1","port":$PORT,
 "metrics":{"enabled":true,"host":"127.0.0.1","port":$METRICS_PORT},
 "app_manager":{"driver":"memory","array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret"}]}},
 "gateway":{"auth":{"hmac_secret":"$secret"}$routes}}
JSON
  SWITCHBOARD_JAR="$TMP/switchboard.jar" taskset -c "$SERVER_CPU" "$ROOT/bin/switchboard" start --config "$cfg" \
    >"$CUR_LOG" 2>&1 &
  SERVER_PID=$!
  if ! switchboard_wait_http "$PORT" "$SERVER_PID" 60; then
    log "server did not come up; see $CUR_LOG"; tail -5 "$CUR_LOG" >&2; return 1
  fi
  taskset -a -p -c "$SERVER_CPU" "$SERVER_PID" >/dev/null || true
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  SERVER_PID=""
}

machine_state() {  # $1 = label
  {
    echo "## $1 $(date -u +%T)"
    echo "loadavg: $(cat /proc/loadavg)"
    echo "pressure: $(head -1 /proc/pressure/cpu)"
    if command -v gcc >/dev/null; then
      echo "kernel floor (scripts/kernel-floor.sh 500 100):"
      "$ROOT/scripts/kernel-floor.sh" 500 100 2>&1 | sed 's/^/  /'
    fi
  } >>"$RUN_DIR/run.log"
}

run_bench() {  # $1 = name, rest = bench args
  local name="$1"; shift
  local cmd=(taskset -c "$BENCH_CPU" "$JAVA" $BENCH_JAVA_OPTS -jar "$JAR" --host 127.0.0.1 --port "$PORT"
    --pid "$SERVER_PID" --metrics-port "$METRICS_PORT" --label switchboard --json "$RUN_DIR/$name.json" "$@"
    "${bench_args[@]}")
  echo "\$ ${cmd[*]}" | sed -E 's/--jwt-secret [^ ]+/--jwt-secret <secret>/' >>"$RUN_DIR/run.log"
  "${cmd[@]}" 2>"$RUN_DIR/$name.bench.log" | tee -a "$RUN_DIR/run.log" || log "$name: bench exit $?"
  echo "pressure after $name: $(head -1 /proc/pressure/cpu)" >>"$RUN_DIR/run.log"
}

rand() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

for s in "${scenarios[@]}"; do
  case "$s" in
    G1)
      secret="bench-$(rand)"
      CUR_LOG="$RUN_DIR/G1.server.log"
      machine_state "G1"
      log "G1: $G1_CONNECTIONS sockets"
      start_server "$secret" ""
      run_bench G1 --scenario G1 --jwt-secret "$secret" --connections "$G1_CONNECTIONS" --rounds "$G1_ROUNDS"
      stop_server
      ;;
    G2)
      for rate in $G2_RATES; do
        secret="bench-$(rand)"
        stream="bench-g2-$(date -u +%H%M%S)-$(rand | cut -c1-8)"
        CUR_LOG="$RUN_DIR/G2-$rate.server.log"
        machine_state "G2 at $rate frames/s"
        log "G2: $G2_CONNECTIONS sockets, $rate frames/s for $G2_DURATION s into $stream"
        start_server "$secret" "$stream"
        run_bench "G2-$rate" --scenario G2 --jwt-secret "$secret" --stream "$stream" --redis "$REDIS_URL" \
          --rate "$rate" --connections "$G2_CONNECTIONS" --duration "$G2_DURATION" ${REDIS_PID:+--redis-pid "$REDIS_PID"}
        stop_server
        # the bench deleted the stream, but a server still retrying when it ended may have written it again
        if command -v redis-cli >/dev/null; then
          late="$(redis-cli -u "$REDIS_URL" XLEN "$stream" 2>/dev/null || echo '?')"
          echo "entries written to $stream after the bench deleted it (until the server stopped): $late" \
            | tee -a "$RUN_DIR/run.log" >&2
          redis-cli -u "$REDIS_URL" DEL "$stream" >/dev/null 2>&1 || true
        fi
      done
      ;;
    G3)
      variants=()
      for rate in $G3_RATES; do variants+=("broadcast:$rate"); done
      [[ "$G3_DEVICES" -gt 0 ]] && variants+=("devices:$G3_DEVICE_RATE")
      for v in "${variants[@]}"; do
        kind="${v%%:*}"; rate="${v##*:}"
        secret="bench-$(rand)"
        name="G3-$rate"; extra=()
        if [[ $kind == devices ]]; then name="G3-devices$G3_DEVICES-$rate"; extra=(--devices "$G3_DEVICES"); fi
        CUR_LOG="$RUN_DIR/$name.server.log"
        machine_state "$name ($kind, $rate notifications/s)"
        log "$name: $G3_CONNECTIONS sockets, $kind, $rate notifications/s for $G3_DURATION s"
        start_server "$secret" ""
        run_bench "$name" --scenario G3 --jwt-secret "$secret" --connections "$G3_CONNECTIONS" --rate "$rate" \
          --duration "$G3_DURATION" --http-conns "$HTTP_CONNS" "${extra[@]}"
        stop_server
      done
      ;;
    G4)
      for rate in $G4_RATES; do
        secret="bench-$(rand)"
        CUR_LOG="$RUN_DIR/G4-$rate.server.log"
        machine_state "G4 at $rate posts/s"
        log "G4: $G4_CONNECTIONS sockets, $rate PostToConnection/s for $G4_DURATION s"
        start_server "$secret" ""
        run_bench "G4-$rate" --scenario G4 --jwt-secret "$secret" --connections "$G4_CONNECTIONS" --rate "$rate" \
          --duration "$G4_DURATION" --http-conns "$HTTP_CONNS"
        stop_server
      done
      ;;
  esac
done
machine_state "end"
log "results in $RUN_DIR (run.log has the commands, the machine state and every table)"
