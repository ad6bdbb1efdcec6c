#!/usr/bin/env bash
# Two-node fan-out: S3a with subscribers on node A and HTTP publishes sent to node B, so every delivery
# crosses the cluster broker; then the same S3a against node A alone, for the one-node figure beside it.
# Both nodes share Redis (a private redis-server on a free port, stopped at the end) and CPU 0; the
# generator runs on CPU 1. Quick by default (--scale 0.1); pass --full for the full-size scenario.
#
#   scripts/bench-two-nodes.sh [--full] [-- extra bench args]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/jdk.sh
switchboard_find_jdk
scale=(--scale 0.1)
if [[ "${1:-}" == "--full" ]]; then scale=(); shift; fi
[[ "${1:-}" == "--" ]] && shift
jar=bench/target/switchboard-bench.jar
[[ -f "$jar" ]] || ./mvnw -q -f bench/pom.xml -DskipTests package
[[ -f target/switchboard.jar ]] || ./mvnw -q -DskipTests package
out="bench/results/two-nodes-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$out/redis.log" 2>&1 &
pids+=($!)
start_node() { # name port
  SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$2" SWITCHBOARD_METRICS_ENABLED=false ADAPTER_DRIVER=redis \
    REDIS_URL="redis://127.0.0.1:$redis_port" taskset -c 0 bin/switchboard start >"$out/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$2/" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "bench-two-nodes: $1 did not start" >&2; cat "$out/$1.log" >&2; exit 1
}
port_a=$(free_port); port_b=$(free_port)
start_node node-a "$port_a"
start_node node-b "$port_b"
pid_a=$(ss -ltnpH | grep ":$port_a " | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
run() { # label extra-args...
  local label=$1; shift
  taskset -c 1 "$JAVA_HOME/bin/java" -Xms1g -Xmx4g --sun-misc-unsafe-memory-access=allow -jar "$jar" \
    --scenario S3a --port "$port_a" --pid "$pid_a" --label "$label" --json "$out/$label.json" \
    "${scale[@]}" "$@" | tee "$out/$label.txt"
}
ulimit -n 20000 2>/dev/null || true
run two-nodes --publish-port "$port_b" "$@"
run one-node "$@"
echo "bench-two-nodes: results in $out"
