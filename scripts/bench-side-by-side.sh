#!/usr/bin/env bash
# Side-by-side benchmark: the same bench scenarios against soketi and against Switchboard, one server at a
# time on the same port, server pinned to CPU 0 and load generator to CPU 1. Scenario by scenario: soketi's
# turn, then Switchboard's, each on a fresh server.
#
#   scripts/bench-side-by-side.sh                 # all scenarios, full size (roughly 15 minutes per server)
#   scripts/bench-side-by-side.sh --quick         # all scenarios at --scale 0.1 (a few minutes per server)
#   scripts/bench-side-by-side.sh S1 S4           # selected scenarios
#   scripts/bench-side-by-side.sh --only soketi S3a -- --max-publishers 8   # args after -- go to the bench
#
# Options: --quick, --only soketi|switchboard, --no-build, --no-restart (one server start for all scenarios
# instead of a fresh server per scenario; then all of soketi's scenarios run before Switchboard's),
# --tls (both servers serve wss:// and https:// with one certificate made here by openssl, ECDSA P-256 as
# certbot issues by default: soketi through SOKETI_SSL_CERT/KEY, Switchboard through SWITCHBOARD_SSL_*; the
# generator connects with --tls true).
# Environment: BENCH_PORT (default 6001), BENCH_METRICS_PORT (BENCH_PORT + 3600), BENCH_CLUSTER_PORT (soketi's
# node-discover port, BENCH_PORT + 5001), JAVA_HOME, BENCH_JAVA_OPTS (generator JVM),
# JAVA_OPTS (Switchboard JVM, passed by bin/switchboard),
# PEERS_DIR (default ../shared/peers), SERVER_CPU (0), BENCH_CPU (1).
# Writes bench/results/<timestamp>/{soketi,switchboard}/<scenario>.json, server logs, and
# bench/results/latest.md + latest.json (the side-by-side table with ratios switchboard/soketi, and the
# kernel floor from scripts/kernel-floor.sh when a C compiler is present: sampled before each server's turn
# and after both, since the VM's speed can change within a run).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/server.sh
. "$ROOT/scripts/lib/server.sh"
cd "$ROOT"
PEERS_DIR="${PEERS_DIR:-$ROOT/../shared/peers}"
PORT="${BENCH_PORT:-6001}"
# both servers' metrics port, and soketi's node-discover (cluster) port; derived from the bench port by default
METRICS_PORT="${BENCH_METRICS_PORT:-$((PORT + 3600))}"
CLUSTER_PORT="${BENCH_CLUSTER_PORT:-$((PORT + 5001))}"
SERVER_CPU="${SERVER_CPU:-0}"
BENCH_CPU="${BENCH_CPU:-1}"
ALL_SCENARIOS=(S1 S2 S3a S3b S4 S5 S6 S7)
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# a fixed heap keeps the generator's own page faults and GC resizing out of the measurements; on JDK 23+
# Netty only uses Unsafe (fast direct-buffer access) when the JVM allows it explicitly
if [[ -z "${BENCH_JAVA_OPTS:-}" ]]; then
  BENCH_JAVA_OPTS="-Xms1g -Xmx4g"
  if "$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS --sun-misc-unsafe-memory-access=allow"
  fi
fi
JAR="$ROOT/bench/target/switchboard-bench.jar"

quick=0; build=1; restart=1; tls=0; only=""; scenarios=(); bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --no-restart) restart=0 ;;
    --tls) tls=1 ;;
    --only) only="$2"; shift ;;
    --) shift; bench_args=("$@"); break ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    S*|s*) scenarios+=("$1") ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[[ ${#scenarios[@]} -eq 0 ]] && scenarios=("${ALL_SCENARIOS[@]}")
[[ $quick == 1 ]] && bench_args=(--scale 0.1 "${bench_args[@]}")

log() { printf '[side-by-side] %s\n' "$*" >&2; }

# both servers and the generator inherit this; the bench needs one descriptor per client socket
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "open files limit $(ulimit -n), port $PORT, server on CPU $SERVER_CPU, generator on CPU $BENCH_CPU"

if [[ $build == 1 ]]; then
  log "building the bench jar"
  ./mvnw -q -f bench/pom.xml package -DskipTests
fi
[[ -f "$JAR" ]] || { echo "missing $JAR (run without --no-build)" >&2; exit 1; }

RUN_DIR="$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
SCHEME=http
if [[ $tls == 1 ]]; then
  SCHEME=https
  TLS_DIR="$RUN_DIR/tls"
  mkdir -p "$TLS_DIR"
  openssl req -x509 -nodes -days 2 -subj /CN=bench -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" 2>/dev/null
  bench_args=(--tls true "${bench_args[@]}")
fi

port_pid() {  # pid of the process listening on $PORT, empty if none
  ss -ltnpH "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true
}

port_must_be_free() {
  local holder
  holder="$(port_pid)"
  if [[ -n "$holder" ]] || curl -fs -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then
    echo "port $PORT is already in use (pid ${holder:-?}: $(ps -o comm= -p "${holder:-1}" 2>/dev/null))." >&2
    echo "Stop that server or pick another port, e.g. BENCH_PORT=6101 $0 ..." >&2
    return 1
  fi
}

# ---- soketi: always through the shared peer scripts, with a pid file of our own so we never stop a
# ---- soketi somebody else started; metrics and cluster ports derived from the bench port
soketi_env() {  # only ever called in a subshell: SOKETI_* must not leak into Switchboard's environment
  export SOKETI_PORT="$PORT"
  export SOKETI_METRICS_SERVER_PORT="$METRICS_PORT"
  export SOKETI_CLUSTER_PORT="$CLUSTER_PORT"
  export SOKETI_PIDFILE="$SOKETI_PIDFILE_OURS"
  export SOKETI_LOGFILE="$CUR_LOG"
  if [[ $tls == 1 ]]; then
    export SOKETI_SSL_CERT="$TLS_DIR/cert.pem" SOKETI_SSL_KEY="$TLS_DIR/key.pem"
  fi
}
SOKETI_PIDFILE_OURS="/tmp/peers/soketi-bench-$PORT.pid"
start_soketi() {
  if [[ ! -f /tmp/peers/soketi/node_modules/@soketi/soketi/bin/server.js ]]; then
    log "installing soketi (once)"
    bash "$PEERS_DIR/install-soketi.sh" >"$RUN_DIR/soketi-install.log" 2>&1 || return 1
  fi
  port_must_be_free || return 1
  if ! (soketi_env; taskset -c "$SERVER_CPU" bash "$PEERS_DIR/start-soketi.sh" start >&2); then
    # the peer script waits for plain http://; with TLS it gives up after 10 s while soketi serves https://
    [[ $tls == 1 && -f "$SOKETI_PIDFILE_OURS" ]] || return 1
    switchboard_wait_http "$PORT" "$(cat "$SOKETI_PIDFILE_OURS")" 10 https || return 1
    log "soketi answers on https://127.0.0.1:$PORT/"
  fi
  SERVER_PID="$(cat "$SOKETI_PIDFILE_OURS")"
}
stop_soketi() {
  (soketi_env; bash "$PEERS_DIR/start-soketi.sh" stop >&2) || true
}

# ---- Switchboard: bin/switchboard start, in the background; the pid is whoever listens on the port
SB_LAUNCHER=""
switchboard_available() {
  [[ -x "$ROOT/bin/switchboard" && -f "$ROOT/target/switchboard.jar" ]]
}
snapshot_switchboard_jar() {  # copy target/switchboard.jar, waiting out a rebuild that is in progress
  local i
  for ((i = 0; i < 30; i++)); do
    cp "$ROOT/target/switchboard.jar" "$RUN_DIR/switchboard.jar" 2>/dev/null &&
      unzip -p "$RUN_DIR/switchboard.jar" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Main-Class:' && return 0
    log "target/switchboard.jar is incomplete (being rebuilt?), retrying in 2 s"
    sleep 2
  done
  rm -f "$RUN_DIR/switchboard.jar"
  echo "no complete target/switchboard.jar after 60 s" >&2
  return 1
}
start_switchboard() {
  port_must_be_free || return 1
  # run a copy of the jar: a rebuild of target/ during a long run must not pull it from under the server.
  # Loopback only; metrics port derived like soketi's (6001 -> 9601) so another bench port does not collide.
  [[ -f "$RUN_DIR/switchboard.jar" ]] || snapshot_switchboard_jar || return 1
  local tls_env=()
  [[ $tls == 1 ]] && tls_env=(SWITCHBOARD_SSL_CERT_PATH="$TLS_DIR/cert.pem" SWITCHBOARD_SSL_KEY_PATH="$TLS_DIR/key.pem")
  env "${tls_env[@]}" SWITCHBOARD_JAR="$RUN_DIR/switchboard.jar" SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$PORT" \
    SWITCHBOARD_METRICS_PORT="$METRICS_PORT" SWITCHBOARD_METRICS_HOST=127.0.0.1 \
    taskset -c "$SERVER_CPU" "$ROOT/bin/switchboard" start >"$CUR_LOG" 2>&1 &
  SB_LAUNCHER=$!
  if ! switchboard_wait_http "$PORT" "$SB_LAUNCHER" 60 "$SCHEME" \
      && ! curl -kfs -o /dev/null "$SCHEME://127.0.0.1:$PORT/"; then
    echo "Switchboard did not answer on port $PORT within 60 s; log $CUR_LOG:" >&2
    tail -20 "$CUR_LOG" >&2
    return 1
  fi
  SERVER_PID="$(port_pid)"
  [[ -n "$SERVER_PID" ]] || SERVER_PID="$SB_LAUNCHER"
  taskset -a -p -c "$SERVER_CPU" "$SERVER_PID" >/dev/null || true  # in case the launcher re-pinned it
}
stop_switchboard() {
  local pid
  for pid in ${SERVER_PID:-} ${SB_LAUNCHER:-}; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 300); do
    { [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; } || break
    sleep 0.1
  done
  [[ -n "${SERVER_PID:-}" ]] && kill -KILL "$SERVER_PID" 2>/dev/null || true
  SB_LAUNCHER=""
}

RUNNING=""
cleanup() {
  case "$RUNNING" in
    soketi) stop_soketi ;;
    switchboard) stop_switchboard ;;
  esac
  RUNNING=""
}
trap cleanup EXIT INT TERM

# the fan-out scenarios read far more than they send: on epoll the generator's core ran out first (one
# read per delivered frame); io_uring reaps many sockets' frames per system call. Same client for both servers.
client_transport() {  # $1 = scenario
  case "$1" in S3a|S3b|S7) echo io_uring ;; *) echo epoll ;; esac
}

run_bench() {  # $1 = label, $2 = scenario
  local out="$RUN_DIR/$1/$2.json"
  log "$1 $2 (server pid $SERVER_PID)"
  taskset -c "$BENCH_CPU" "$JAVA" $BENCH_JAVA_OPTS -jar "$JAR" --scenario "$2" --host 127.0.0.1 --port "$PORT" \
    --app-id app-id --key app-key --secret app-secret --pid "$SERVER_PID" --label "$1" --json "$out" \
    --transport "$(client_transport "$2")" "${bench_args[@]}" \
    2> >(tee -a "$RUN_DIR/$1/bench.log" >&2) | tee -a "$RUN_DIR/$1/table.txt" \
    || log "$1 $2 reported errors (see $out)"
}

serve() {  # $1 = label, $2 = server log name, $3... = scenarios: one server start for those scenarios
  local label="$1" s
  mkdir -p "$RUN_DIR/$label"
  CUR_LOG="$RUN_DIR/$label/$2.log"
  RUNNING="$label"
  if "start_$label"; then
    for s in "${@:3}"; do
      run_bench "$label" "$s"
    done
  else
    log "SKIPPING $label: the server did not start (log $CUR_LOG)"
  fi
  "stop_$label"; RUNNING=""
}

# the VM's speed moves within a run (up to 2x within an hour here): a short floor sample before each server's
# turn shows whether both met the same machine (the report lists them); needs a C compiler, skipped without one
have_cc() { command -v gcc >/dev/null || command -v cc >/dev/null; }
floor_sample() {  # $1 = sample name
  have_cc || return 0
  "$ROOT/scripts/kernel-floor.sh" 500 100 "$SERVER_CPU" "$BENCH_CPU" >"$RUN_DIR/floor-$1.txt" 2>&1 || true
}
send_cost() {  # the 500-socket floor's time per send in a kernel-floor output file, or "-" (no sample taken)
  local cost=""
  [[ -f "$1" ]] && cost="$(awk '/writer time per send/ { print $(NF-1) " us"; exit }' "$1")"
  echo "${cost:--}"
}

labels=()
[[ -z "$only" || "$only" == soketi ]] && labels+=(soketi)
if [[ -z "$only" || "$only" == switchboard ]]; then
  if switchboard_available; then
    labels+=(switchboard)
  else
    log "SKIPPING Switchboard: bin/switchboard or target/switchboard.jar is missing (build the server first: ./mvnw package)"
  fi
fi
if [[ $restart == 1 ]]; then
  # scenario by scenario, both servers in turn: each pair is measured minutes apart instead of a whole
  # server's run (~11 minutes) apart, so a change of the VM's speed between them is less likely
  for s in "${scenarios[@]}"; do
    for label in "${labels[@]}"; do
      floor_sample "$label-$s"
      # a fresh server per scenario: leftovers of one scenario (heap, buffers) do not bias the next
      serve "$label" "server-$s" "$s"
    done
  done
else
  for label in "${labels[@]}"; do
    floor_sample "$label-all"
    serve "$label" server "${scenarios[@]}"
  done
fi
rm -f "$RUN_DIR/switchboard.jar"  # the snapshot has served its purpose; 40+ MB per run otherwise

floor_table() {  # one row per floor sample: the time per send taken just before each server's turn
  local row rows=(all)
  [[ $restart == 1 ]] && rows=("${scenarios[@]}")
  echo "| scenario | before soketi | before Switchboard |"
  echo "|---|---:|---:|"
  for row in "${rows[@]}"; do
    echo "| $row | $(send_cost "$RUN_DIR/floor-soketi-$row.txt") | $(send_cost "$RUN_DIR/floor-switchboard-$row.txt") |"
  done
}

{
  echo "# Side-by-side: soketi vs Switchboard$([[ $tls == 1 ]] && echo ", TLS on both (wss:// and https://)")"
  echo
  echo "Run $(basename "$RUN_DIR"), scenarios ${scenarios[*]}, bench args: ${bench_args[*]:-(none)}."
  echo "Server on CPU $SERVER_CPU, generator on CPU $BENCH_CPU ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))."
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Ratio = switchboard / soketi; 'better' names the winner per metric."
  echo
  "$JAVA" -jar "$JAR" compare --a "soketi=$RUN_DIR/soketi" --b "switchboard=$RUN_DIR/switchboard" \
    --json "$ROOT/bench/results/latest.json"
  # what the kernel allows on this machine, with the same pinning (needs a C compiler; skipped without one)
  if have_cc; then
    echo
    echo "## Kernel floor (scripts/kernel-floor.sh: one frame per socket, no server)"
    echo
    echo "Time per send to 500 sockets, sampled just before each server's turn:"
    echo
    floor_table
    echo
    echo "After both:"
    echo
    echo '```'
    "$ROOT/scripts/kernel-floor.sh" 500 200 "$SERVER_CPU" "$BENCH_CPU" 2>&1 || true
    "$ROOT/scripts/kernel-floor.sh" 5000 40 "$SERVER_CPU" "$BENCH_CPU" 2>&1 || true
    echo '```'
  fi
} >"$RUN_DIR/side-by-side.md"
cp "$RUN_DIR/side-by-side.md" "$ROOT/bench/results/latest.md"
cat "$ROOT/bench/results/latest.md"
log "results in $RUN_DIR, table in bench/results/latest.md"
