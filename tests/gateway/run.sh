#!/usr/bin/env bash
# Runs the gateway Node tests with the real clients (Sockette over `ws`, `ws` itself, the `redis` client)
# against real Switchboard servers: two nodes of a cluster (over a Redis of this run's own) with JWT auth, a
# `send` route and presence events into Redis streams, and two with a one-second idle timeout (one with a
# two-second lifetime and close code 4000, one with API Gateway's default 1001). Starts them on free loopback
# ports, runs `node --test`, and stops only what it started. The sinks use the Redis on 127.0.0.1:6379
# (GATEWAY_REDIS_PORT picks another) when it answers, else the run's own; the streams they write are named
# after this run and deleted at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

if [[ ! -f "$root/target/switchboard.jar" ]]; then
  (cd "$root" && ./mvnw -q -B -ntp -DskipTests package)
fi
if [[ ! -d node_modules/sockette || package-lock.json -nt node_modules/.package-lock.json ]]; then
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

listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# launch_server NAME JSON: starts bin/switchboard with that config on a free port; sets $port and $pid
launch_server() {
  local name=$1 json=$2
  port=$(free_port)
  printf '%s' "${json//@PORT@/$port}" >"$work/$name.json"
  SWITCHBOARD_METRICS_PORT=0 "$root/bin/switchboard" start --config "$work/$name.json" >"$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
}

# await_server NAME PORT PID: waits until the server listens, or fails with its log
await_server() {
  local name=$1 p=$2 id=$3
  for _ in $(seq 1 300); do
    if listening "$p"; then
      return 0
    fi
    if ! kill -0 "$id" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "run.sh: switchboard ($name) did not start:" >&2
  cat "$work/$name.log" >&2
  return 1
}

# the cluster adapter's Redis: the run's own, so node heartbeats and state never touch a shared one
if ! command -v redis-server >/dev/null; then
  echo "run.sh: redis-server not found" >&2
  exit 1
fi
cluster_redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$cluster_redis_port" --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do listening "$cluster_redis_port" && break; sleep 0.1; done
redis_port="${GATEWAY_REDIS_PORT:-6379}"
if ! listening "$redis_port"; then
  redis_port=$cluster_redis_port
fi
export GATEWAY_REDIS_URL="redis://127.0.0.1:$redis_port"
run_id="$(date -u +%Y%m%dT%H%M%S)-$$"
export GATEWAY_SEND_STREAM="switchboard-gateway-test:$run_id:send"
export GATEWAY_PRESENCE_STREAM="switchboard-gateway-test:$run_id:presence"
secret="$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")"
export GATEWAY_HMAC_SECRET="$secret"

apps='"app_manager":{"driver":"memory","array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret"},
  {"id":"other-id","key":"other-key","secret":"other-secret"}]}}'
auth='"auth":{"hmac_secret":"'"$secret"'","audiences":["chat"]}'

# the four JVMs start side by side; each takes a few seconds on a busy machine
cluster='{"host":"127.0.0.1","port":@PORT@,"event_loops":1,'"$apps"',
  "adapter":{"driver":"redis"},
  "database":{"redis":{"host":"127.0.0.1","port":'"$cluster_redis_port"',"key_prefix":"gateway-it"}},
  "gateway":{"max_message_kb":4,'"$auth"',
    "routes":{"send":{"driver":"redis_stream","url":"'"$GATEWAY_REDIS_URL"'","stream":"'"$GATEWAY_SEND_STREAM"'"}},
    "presence":{"sink":{"driver":"redis_stream","url":"'"$GATEWAY_REDIS_URL"'",
      "stream":"'"$GATEWAY_PRESENCE_STREAM"'"}}}}'
launch_server main "$cluster"
main_port=$port main_pid=$pid
launch_server node2 "$cluster"
node2_port=$port node2_pid=$pid
launch_server reconnect '{"host":"127.0.0.1","port":@PORT@,"event_loops":1,'"$apps"',
  "gateway":{"idle_timeout_sec":1,"max_lifetime_sec":2,"timeout_close_code":4000,'"$auth"'}}'
reconnect_port=$port reconnect_pid=$pid
launch_server apigw '{"host":"127.0.0.1","port":@PORT@,"event_loops":1,'"$apps"',
  "gateway":{"idle_timeout_sec":1,'"$auth"'}}'
apigw_port=$port apigw_pid=$pid
await_server main "$main_port" "$main_pid"
await_server node2 "$node2_port" "$node2_pid"
await_server reconnect "$reconnect_port" "$reconnect_pid"
await_server apigw "$apigw_port" "$apigw_pid"
export GATEWAY_URL="ws://127.0.0.1:$main_port/gateway"
export GATEWAY_NODE2_URL="ws://127.0.0.1:$node2_port/gateway"
export GATEWAY_RECONNECT_URL="ws://127.0.0.1:$reconnect_port/gateway"
export GATEWAY_DEFAULT_CLOSE_URL="ws://127.0.0.1:$apigw_port/gateway"

echo "== gateway tests (node $(node --version), Redis $GATEWAY_REDIS_URL)"
status=0
node --test --test-timeout=60000 test/ || status=$?
node -e "
  const { createClient } = require('redis')
  const c = createClient({ url: process.env.GATEWAY_REDIS_URL })
  c.connect().then(() => c.del([process.env.GATEWAY_SEND_STREAM, process.env.GATEWAY_PRESENCE_STREAM]))
    .then(() => c.quit()).catch((e) => { console.error('run.sh: cannot delete the test streams:', e.message) })
"
if ((status != 0)); then
  echo "run.sh: server logs:" >&2
  tail -n 50 "$work"/*.log >&2
  exit 1
fi
