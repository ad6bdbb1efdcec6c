#!/usr/bin/env bash
# Soak: Switchboard under a steady mix of bounded load for a long time, sampled every 10 s, with a verdict per
# series: flat (within 5 % after warm-up) or not.
#
#   scripts/soak.sh [minutes] [--cluster] [--out DIR] [--no-build]      (default 30 minutes, one node)
#
# One node (or with --cluster two nodes over a private redis-server) on ports SOAK_PORT_BASE.. (28000; the
# cluster run uses +100, so both can run at the same time). Timeline: 20 s idle (baseline), then `minutes` of
# load, then 60 s idle again (does everything come back: fds, threads, connections?). The load is three loops
# of the bench tool, each run bounded in count and time by the bench itself (--timeout), started again until
# the load time is over (5 s apart). The load is kept well below what saturates a core: the machine is 2 cores
# shared with other work, and a soak looks for drift, not for the ceiling:
#   fan-out  S3a: 500 subscribers on one channel, closed-loop HTTP publishers 1, 2 (10 s steps); in the
#            cluster the publishes go to node B and the subscribers sit on node A, so every delivery crosses Redis
#   presence S5:  300 members on 20 presence channels leave and rejoin 3 times, then all leave; rosters and
#            leftovers are checked by the bench (on node B in the cluster)
#   churn    S6:  six storms of 1,000 connects (100 in progress at once) + subscribes and closes, each waited down to zero
# Every GC_EVERY seconds (default: a sixth of the load time, at least 60 s) the script asks each node for a full
# collection (jcmd GC.run, one pause of some tens of ms) so the live heap can be followed; between those the
# heap figure is the one after the latest young collection, read from the node's own -Xlog:gc file.
# Output: DIR/soak.csv, soak.png, report.md (table + verdict, also printed), the nodes' and the bench's logs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/jdk.sh
. scripts/lib/server.sh
switchboard_find_jdk

minutes=30 cluster=0 out="" build=1
while (($#)); do
  case "$1" in
    --cluster) cluster=1 ;;
    --out) out="$2"; shift ;;
    --no-build) build=0 ;;
    [0-9]*) minutes="$1" ;;
    *) echo "usage: scripts/soak.sh [minutes] [--cluster] [--out DIR] [--no-build]" >&2; exit 2 ;;
  esac
  shift
done
base=${SOAK_PORT_BASE:-28000}
((cluster)) && base=$((base + 100))
kind=$( ((cluster)) && echo two-nodes || echo one-node )
out="${out:-bench/results/soak-$(date +%Y%m%d-%H%M%S)-$kind}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if ((build)) || [[ ! -f target/switchboard.jar ]]; then ./mvnw -q -DskipTests package; fi
if ((build)) || [[ ! -f bench/target/switchboard-bench.jar ]]; then ./mvnw -q -f bench/pom.xml -DskipTests package; fi
# private copies, so a rebuild during a long run cannot pull a jar from under a running process
cp target/switchboard.jar "$out/switchboard.jar"
cp bench/target/switchboard-bench.jar "$out/bench.jar"
load_s=$((minutes * 60))
gc_every=${GC_EVERY:-$(( load_s / 6 > 60 ? load_s / 6 : 60 ))}
warmup_s=${WARMUP_S:-$(( load_s / 6 < 300 ? load_s / 6 : 300 ))}
ulimit -n 20000 2>/dev/null || true

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$out/switchboard.jar" "$out/bench.jar"
}
trap cleanup EXIT

redis_url=""
if ((cluster)); then
  redis_port=$((base + 90))
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$out/redis.log" 2>&1 &
  pids+=($!)
  redis_url="redis://127.0.0.1:$redis_port"
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

start_node() { # name ws_port metrics_port -> sets node_pid
  local env=(SWITCHBOARD_HOST=127.0.0.1 SWITCHBOARD_PORT="$2" METRICS_ENABLED=true METRICS_HOST=127.0.0.1
    METRICS_PORT="$3" SWITCHBOARD_JAR="$out/switchboard.jar" JAVA_OPTS="-Xlog:gc:file=$out/gc-$1.log")
  if [[ -n "$redis_url" ]]; then env+=(ADAPTER_DRIVER=redis REDIS_URL="$redis_url"); fi
  env "${env[@]}" bin/switchboard start >"$out/$1.log" 2>&1 &
  node_pid=$!
  pids+=("$node_pid")
  switchboard_wait_http "$2" "$node_pid" 60 || { echo "soak: $1 did not start" >&2; cat "$out/$1.log" >&2; exit 1; }
}
start_node node-a $((base + 1)) $((base + 2)); pid_a=$node_pid
nodes=("node-a:$pid_a:$((base + 1)):$out/gc-node-a.log")
sub_port=$((base + 1)) pub_port=$((base + 1)) presence_port=$((base + 1))
if ((cluster)); then
  start_node node-b $((base + 3)) $((base + 4)); pid_b=$node_pid
  nodes+=("node-b:$pid_b:$((base + 3)):$out/gc-node-b.log")
  pub_port=$((base + 3)) presence_port=$((base + 3))
fi

t0=$(date +%s)
load_start=$((t0 + 20))
load_end=$((load_start + load_s))
end=$((load_end + 60))
cat >"$out/timeline.env" <<EOF
t0=$t0
load_start=$load_start
load_end=$load_end
end=$end
warmup_s=$warmup_s
minutes=$minutes
kind=$kind
EOF
python3 scripts/lib/soak_sampler.py --out "$out/soak.csv" --until "$end" --interval 10 "${nodes[@]}" \
  2>"$out/sampler.log" &
pids+=($!)
echo "soak: $kind, load ${minutes} min (warm-up ${warmup_s} s), full GC every ${gc_every} s; output in $out"

bench() { # log-name timeout-s args...
  local log=$1 timeout=$2; shift 2
  "$JAVA_HOME/bin/java" -Xms256m -Xmx1g --sun-misc-unsafe-memory-access=allow -jar "$out/bench.jar" \
    --threads 1 --timeout "$timeout" "$@" >>"$out/bench-$log.log" 2>&1
}
loop() { # name expected-seconds args... : runs the scenario again and again until the load time is over
  local name=$1 expected=$2 runs=0 failed=0; shift 2
  while true; do
    local left=$((load_end - $(date +%s)))
    ((left > expected)) || break
    echo "=== $(date -u +%T) run $((runs + 1))" >>"$out/bench-$name.log"
    if ! bench "$name" "$left" "$@"; then failed=$((failed + 1)); fi
    runs=$((runs + 1))
    sleep 5
  done
  echo "$name runs=$runs failed=$failed" >>"$out/loops.txt"
}
full_gc() { for n in "${nodes[@]}"; do "$JAVA_HOME/bin/jcmd" "$(cut -d: -f2 <<<"$n")" GC.run >/dev/null 2>&1 || true; done; }

sleep 15; full_gc  # the idle baseline's live heap
until_epoch() { local left=$(($1 - $(date +%s))); ((left <= 0)) || sleep "$left"; }
until_epoch "$load_start"
: >"$out/loops.txt"
loop fanout 90 --scenario S3a --port "$sub_port" --publish-port "$pub_port" --connections 500 \
  --max-publishers 2 --step-seconds 10 --label "$kind" &
loop_pids=($!)
loop presence 40 --scenario S5 --port "$presence_port" --connections 300 --rounds 3 --label "$kind" &
loop_pids+=($!)
loop churn 90 --scenario S6 --port "$sub_port" --connections 1000 --inflight 100 --label "$kind" &
loop_pids+=($!)
pids+=("${loop_pids[@]}")
next_gc=$((load_start + gc_every))
while (($(date +%s) < load_end)); do
  sleep 5
  if (($(date +%s) >= next_gc)); then full_gc; next_gc=$((next_gc + gc_every)); fi
done
wait "${loop_pids[@]}" 2>/dev/null || true
sleep 30; full_gc  # the idle live heap after the load
until_epoch "$end"
sleep 2
python3 scripts/lib/soak_report.py "$out" | tee "$out/report.md"
