#!/usr/bin/env bash
# Runs the y-webrtc Node tests against real Switchboard servers: one without auth (the reference server's
# behaviour) and one with JWT auth (HMAC secret). Starts both on free loopback ports, runs `node --test`,
# and stops only the servers it started.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

if [[ ! -f "$root/target/switchboard.jar" ]]; then
  (cd "$root" && ./mvnw -q -B -ntp -DskipTests package)
fi
if [[ ! -d node_modules/y-webrtc || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_server NAME JSON: starts bin/switchboard with that config; sets $port
start_server() {
  local name=$1 json=$2
  port=$(free_port)
  printf '%s' "${json//@PORT@/$port}" >"$work/$name.json"
  SWITCHBOARD_METRICS_PORT=0 "$root/bin/switchboard" start --config "$work/$name.json" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "run.sh: switchboard ($name) did not start:" >&2
  cat "$work/$name.log" >&2
  return 1
}

secret="$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")"
start_server plain '{"host":"127.0.0.1","port":@PORT@,"event_loops":2}'
export SIGNALING_URL="ws://127.0.0.1:$port/signaling"
start_server auth '{"host":"127.0.0.1","port":@PORT@,"event_loops":2,
  "signaling":{"auth":{"hmac_secret":"'"$secret"'","audience":"yjs-tests","topics_claim":"topics"}}}'
export SIGNALING_AUTH_URL="ws://127.0.0.1:$port/signaling"
export SIGNALING_HMAC_SECRET="$secret"

# two nodes sharing a Redis of this run's own, for a topic that spans nodes
redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done
cluster='{"host":"127.0.0.1","port":@PORT@,"event_loops":1,"adapter":{"driver":"redis"},
  "database":{"redis":{"host":"127.0.0.1","port":'"$redis_port"',"key_prefix":"signaling-it"}}}'
start_server node1 "$cluster"
export SIGNALING_NODE1_URL="ws://127.0.0.1:$port/signaling"
start_server node2 "$cluster"
export SIGNALING_NODE2_URL="ws://127.0.0.1:$port/signaling"

echo "== y-webrtc signaling tests (node $(node --version))"
if ! node --test test/; then
  echo "run.sh: server logs:" >&2
  tail -n 50 "$work"/*.log >&2
  exit 1
fi
