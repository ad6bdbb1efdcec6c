#!/usr/bin/env bash
# What waiting for the broker's confirmation costs a clustered node: two server jars (before and after) side by
# side in the same run window, each as two nodes on a private Redis. Per jar and round: S5 (presence join and
# rejoin latency) against node A, then S6 (connect storm) against both nodes at once, one generator per node
# and per app (S6 watches one channel name, so each generator gets its own app). Apps have a finite
# max_connections (connects wait for the confirmation); a last S6 pair runs with unlimited apps (connects do
# not wait). Nodes share CPU 0, generators CPU 1. Rounds alternate the order (before/after, after/before).
#
#   [BENCH_ARGS="--inflight 4"] scripts/bench-cluster-confirm.sh BEFORE_JAR AFTER_JAR [rounds] [out-dir]
# BENCH_ARGS go to every generator, e.g. a low --inflight to see per-operation latency without queueing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/jdk.sh
switchboard_find_jdk
before=$(realpath "$1"); after=$(realpath "$2"); rounds=${3:-2}
out="${4:-bench/results/cluster-confirm-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
jar=bench/target/switchboard-bench.jar
[[ -f "$jar" ]] || ./mvnw -q -f bench/pom.xml -DskipTests package
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
ulimit -n 20000 2>/dev/null || true

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$out/redis.log" 2>&1 &
pids+=($!)

apps() { # max_connections
  cat <<EOF
{"app_manager":{"array":{"apps":[
 {"id":"app-id","key":"app-key","secret":"app-secret","max_connections":$1,"max_presence_members_per_channel":1000},
 {"id":"app2","key":"app2-key","secret":"app2-secret","max_connections":$1,"max_presence_members_per_channel":1000}]}}}
EOF
}

node_pids=()
start_node() { # jar name port config prefix
  SWITCHBOARD_JAR="$1" SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$3" SWITCHBOARD_METRICS_ENABLED=false \
    ADAPTER_DRIVER=redis REDIS_URL="redis://127.0.0.1:$redis_port" SWITCHBOARD_ADAPTER_REDIS_PREFIX="$5" \
    taskset -c 0 bin/switchboard start --config "$4" >"$out/$2.log" 2>&1 &
  pids+=($!)
  node_pids+=($!)
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$3/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "bench-cluster-confirm: $2 did not start" >&2; cat "$out/$2.log" >&2; exit 1
}
stop_nodes() {
  for p in "${node_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  node_pids=()
}
bench() { # name args...
  local name=$1; shift
  taskset -c 1 "$JAVA_HOME/bin/java" -Xms512m -Xmx2g --sun-misc-unsafe-memory-access=allow -jar "$jar" \
    --label "$name" --json "$out/$name.json" "$@" ${BENCH_ARGS:-} >"$out/$name.txt" 2>&1 || echo "($name exited $?)" >>"$out/$name.txt"
}
run() { # label jar round quota
  local label=$1 j=$2 r=$3 quota=$4 tag="$1-r$3-q$4"
  apps "$quota" >"$out/apps-$quota.json"
  local pa pb
  pa=$(free_port); pb=$(free_port)
  start_node "$j" "$tag-node-a" "$pa" "$out/apps-$quota.json" "bench-$tag"
  start_node "$j" "$tag-node-b" "$pb" "$out/apps-$quota.json" "bench-$tag"
  local pid_a=${node_pids[0]} pid_b=${node_pids[1]}
  if [[ "$quota" != -1 ]]; then
    bench "S5-$tag" --scenario S5 --port "$pa" --pid "$pid_a" --connections 400 --rounds 3
  fi
  bench "S6a-$tag" --scenario S6 --port "$pa" --pid "$pid_a" --connections 1000 &
  local g=$!
  bench "S6b-$tag" --scenario S6 --port "$pb" --pid "$pid_b" --connections 1000 --app-id app2 --key app2-key \
    --secret app2-secret
  wait "$g" || true
  stop_nodes
  echo "bench-cluster-confirm: $tag done"
}
for r in $(seq 1 "$rounds"); do
  if ((r % 2)); then order=(before after); else order=(after before); fi
  for label in "${order[@]}"; do
    j=$before; [[ $label == after ]] && j=$after
    run "$label" "$j" "$r" 100000
  done
done
for label in before after; do
  j=$before; [[ $label == after ]] && j=$after
  run "$label" "$j" 1 -1
done
echo "bench-cluster-confirm: results in $out"
