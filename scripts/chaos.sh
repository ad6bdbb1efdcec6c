#!/usr/bin/env bash
# Chaos under load: three Switchboard nodes and their dependencies as processes of this script (loopback, ports
# CHAOS_PORT_BASE.. = 28200..28299; never the machine's shared services), a steady load, and one process killed
# (SIGKILL) and started again per round. Prints and writes a table of what the clients saw.
#
#   scripts/chaos.sh [--no-build] [round...]      rounds: redis node webhook nats queue-redis queue-nats
#                                                 queue-rabbitmq mariadb postgres dynamodb (default: all, in order)
#
# Each round starts from nothing: its dependencies, the webhook receiver (scripts/lib/chaos_webhook_receiver.py)
# and three nodes with the round's config; the load (scripts/lib/chaos_driver.py: 8 subscribers per node, 20
# publishes/s with sequence numbers round robin over the nodes, a presence join/leave every 0.5 s whose four
# webhooks must reach the receiver) runs WARM_S (15) s, then the victim is killed, stays down DOWN_S (10) s, is
# started again, and the load runs AFTER_S (25) s more before it stops and the figures are taken.
#   redis        Redis of the cluster adapter (adapter.driver=redis, webhooks on the memory queue)
#   node         node 3 of 3 (redis adapter)
#   webhook      the webhook receiver
#   nats         NATS of the cluster adapter (adapter.driver=nats)
#   queue-redis  Redis as the webhook queue (queue.driver=redis; adapter on NATS so only the queue is hit)
#   queue-nats   NATS JetStream as the webhook queue (queue.driver=nats; adapter on Redis)
#   mariadb      MariaDB as the app store (app_manager.driver=mysql, app cache TTL 5 s so lookups reach it)
#   queue-rabbitmq  RabbitMQ as the webhook queue (queue.driver=rabbitmq; adapter on Redis): a node of its own
#                (chaos@localhost, its own epmd, config and data dir; restarted with its data, as a crash would)
#   postgres     PostgreSQL as the app store (app_manager.driver=postgres, same cache TTL)
#   dynamodb     DynamoDB Local as the app store (app_manager.driver=dynamodb, same cache TTL), its own java process
#                (scripts/lib/ChaosDynamoDb.java: 127.0.0.1 only, no telemetry, tables kept in a file)
# Output: bench/results/chaos-<time>/<round>/ (logs, result.json, ready.json) and bench/results/chaos-<time>.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/jdk.sh
. scripts/lib/server.sh
switchboard_find_jdk
build=1
rounds=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    redis | node | webhook | nats | queue-redis | queue-nats | queue-rabbitmq | mariadb | postgres | dynamodb)
      rounds+=("$a") ;;
    *) echo "usage: scripts/chaos.sh [--no-build] [redis|node|webhook|nats|queue-redis|queue-nats|queue-rabbitmq|" \
      "mariadb|postgres|dynamodb]" >&2
      exit 2 ;;
  esac
done
((${#rounds[@]})) || rounds=(redis node webhook nats queue-redis queue-nats queue-rabbitmq mariadb postgres dynamodb)
if ((build)) || [[ ! -f target/switchboard.jar ]]; then ./mvnw -q -DskipTests package; fi
base=${CHAOS_PORT_BASE:-28200}
redis_port=$((base + 90)) nats_port=$((base + 91)) maria_port=$((base + 92)) pg_port=$((base + 93))
rabbit_port=$((base + 94)) rabbit_dist_port=$((base + 95)) epmd_port=$((base + 96)) dynamo_port=$((base + 97))
hook_port=$((base + 80))
node_ports=($((base + 1)) $((base + 2)) $((base + 3)))
WARM_S=${WARM_S:-15} DOWN_S=${DOWN_S:-10} AFTER_S=${AFTER_S:-25}
stamp=$(date +%Y%m%d-%H%M%S)
out_all="${CHAOS_OUT:-bench/results/chaos-$stamp}"
mkdir -p "$out_all"
out_all="$(cd "$out_all" && pwd)"
cp target/switchboard.jar "$out_all/switchboard.jar"  # a rebuild during the run cannot pull it away
ulimit -n 20000 2>/dev/null || true

declare -A pid=()
stop_all() {
  for k in "${!pid[@]}"; do kill -9 "${pid[$k]}" 2>/dev/null || true; done
  for k in "${!pid[@]}"; do wait "${pid[$k]}" 2>/dev/null || true; done
  pid=()
}
trap 'stop_all; rm -f "$out_all/switchboard.jar"' EXIT

wait_port() { # port seconds
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
start_redis() {
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >>"$dir/redis.log" 2>&1 &
  pid[redis]=$!
  wait_port "$redis_port" 10
}
start_nats() { # a restart keeps the JetStream store, as a crashed server's disk would (NATS_WIPE=1: it does not)
  [[ ${1:-} == restart && ${NATS_WIPE:-0} != 1 ]] || rm -rf "$dir/nats-store"
  nats-server -a 127.0.0.1 -p "$nats_port" -js -sd "$dir/nats-store" >>"$dir/nats.log" 2>&1 &
  pid[nats]=$!
  wait_port "$nats_port" 10
}
start_mariadb() {
  if [[ ! -d "$dir/mariadb" ]]; then
    mariadb-install-db --no-defaults --datadir="$dir/mariadb" --user=root --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/mariadb-install.log" 2>&1
  fi
  mariadbd --no-defaults --datadir="$dir/mariadb" --user=root --bind-address=127.0.0.1 --port="$maria_port" \
    --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --skip-log-bin --innodb-buffer-pool-size=16M \
    >>"$dir/mariadb.log" 2>&1 &
  pid[mariadb]=$!
  wait_port "$maria_port" 60
  mariadb --socket="$dir/mariadb.sock" -uroot -e "CREATE DATABASE IF NOT EXISTS chaos;
    CREATE USER IF NOT EXISTS 'chaos'@'127.0.0.1' IDENTIFIED BY 'chaos'; GRANT ALL ON chaos.* TO 'chaos'@'127.0.0.1'"
}
start_postgres() { # postgres refuses to run as root: its own cluster, owned by the postgres user
  if [[ ! -d "$dir/pg" ]]; then
    install -d -o postgres "$dir/pg"
    su postgres -c "initdb -D '$dir/pg' -U postgres --auth=trust" >"$dir/pg-init.log" 2>&1
  fi
  su postgres -c "postgres -D '$dir/pg' -p $pg_port -k '$dir/pg' -c listen_addresses=127.0.0.1 -c fsync=off" \
    >>"$dir/postgres.log" 2>&1 &
  wait_port "$pg_port" 60
  pid[postgres]=$(head -1 "$dir/pg/postmaster.pid")
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='chaos'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE chaos" >/dev/null
}
start_rabbitmq() { # its own node, epmd, config, data and logs: the machine's RabbitMQ (5672, epmd 4369) is untouched
  local r="$dir/rabbitmq"
  if [[ ! -d $r ]]; then
    mkdir -p "$r"
    echo 'ERL_EPMD_ADDRESS=127.0.0.1' >"$r/env.conf" # instead of /etc/rabbitmq/rabbitmq-env.conf (the system node's)
    echo "listeners.tcp.local = 127.0.0.1:$rabbit_port" >"$r/rabbitmq.conf"
    echo '[].' >"$r/enabled_plugins" # no management plugin: it would want port 15672
    chown -R rabbitmq:rabbitmq "$r" # run as root, rabbitmq-server drops to the rabbitmq user
  fi
  if [[ -z ${pid[epmd]:-} ]]; then
    ERL_EPMD_ADDRESS=127.0.0.1 epmd -port "$epmd_port" >>"$dir/epmd.log" 2>&1 &
    pid[epmd]=$!
  fi
  rm -f "$r/pid"
  RABBITMQ_CONF_ENV_FILE="$r/env.conf" RABBITMQ_CONFIG_FILE="$r/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$r/enabled_plugins" RABBITMQ_NODENAME=chaos@localhost \
    RABBITMQ_NODE_PORT="$rabbit_port" RABBITMQ_DIST_PORT="$rabbit_dist_port" ERL_EPMD_PORT="$epmd_port" \
    RABBITMQ_MNESIA_BASE="$r/mnesia" RABBITMQ_LOG_BASE="$r/log" RABBITMQ_PID_FILE="$r/pid" \
    ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}" rabbitmq-server >>"$dir/rabbitmq.log" 2>&1 &
  wait_port "$rabbit_port" 90
  pid[rabbitmq]=$(cat "$r/pid") # the Erlang VM itself, not the wrapper script: that is what a crash kills
}
start_dynamodb() {
  local cp=target/chaos-test-classpath.txt
  [[ -s $cp ]] || ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
  mkdir -p "$dir/dynamodb"
  "$JAVA_HOME/bin/java" -Xmx256m -Dsqlite4java.library.path="$root/target/native-libs" -cp "$(cat "$cp")" \
    scripts/lib/ChaosDynamoDb.java "$dynamo_port" "$dir/dynamodb" >>"$dir/dynamodb.log" 2>&1 &
  pid[dynamodb]=$!
  for _ in $(seq 1 600); do grep -q "^ready on" "$dir/dynamodb.log" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
start_webhook() {
  python3 scripts/lib/chaos_webhook_receiver.py "$hook_port" "$dir/webhooks.log" app-secret >>"$dir/receiver.log" 2>&1 &
  pid[webhook]=$!
  wait_port "$hook_port" 10
}
start_node() { # index 1..3
  local p=${node_ports[$(($1 - 1))]}
  sed "s/\"port\":0/\"port\":$p/" "$dir/config.json" >"$dir/config-node$1.json"
  SWITCHBOARD_JAR="$out_all/switchboard.jar" bin/switchboard start --config "$dir/config-node$1.json" \
    >>"$dir/node$1.log" 2>&1 &
  pid[node$1]=$!
}
write_config() { # adapter queue [store]
  local store_cfg='"app_manager":{"driver":"memory","array":{"apps":['"$app_json"']}}'
  if [[ ${3:-memory} == mysql ]]; then
    store_cfg='"app_manager":{"driver":"mysql","cache":{"ttl":5,"negative_ttl":1}},
 "database":{"mysql":{"host":"127.0.0.1","port":'$maria_port',"username":"chaos","password":"chaos","database":"chaos"}}'
  elif [[ ${3:-memory} == dynamodb ]]; then
    store_cfg='"app_manager":{"driver":"dynamodb","cache":{"ttl":5,"negative_ttl":1}},
 "database":{"dynamodb":{"table_name":"apps","region":"us-east-1","endpoint_url":"http://127.0.0.1:'$dynamo_port'"}}'
  elif [[ ${3:-memory} == postgres ]]; then
    store_cfg='"app_manager":{"driver":"postgres","cache":{"ttl":5,"negative_ttl":1}},
 "database":{"postgres":{"host":"127.0.0.1","port":'$pg_port',"username":"postgres","database":"chaos"}}'
  fi
  local adapter_cfg='"adapter":{"driver":"'$1'","node_timeout_ms":5000,"heartbeat_interval_ms":1000'
  [[ $1 == redis ]] && adapter_cfg+=',"redis":{"url":"redis://127.0.0.1:'$redis_port'"}'
  [[ $1 == nats ]] && adapter_cfg+=',"nats":{"servers":"nats://127.0.0.1:'$nats_port'"}'
  local queue_cfg='"queue":{"driver":"'$2'"'
  [[ $2 == redis ]] && queue_cfg+=',"redis":{"url":"redis://127.0.0.1:'$redis_port'"}'
  [[ $2 == nats ]] && queue_cfg+=',"nats":{"servers":"nats://127.0.0.1:'$nats_port'"}'
  [[ $2 == rabbitmq ]] && queue_cfg+=',"rabbitmq":{"url":"amqp://guest:guest@127.0.0.1:'$rabbit_port'"}'
  cat >"$dir/config.json" <<EOF
{"host":"127.0.0.1","port":0,"shutdown_grace_period_ms":200,
 "metrics":{"enabled":false},
 $adapter_cfg},
 $queue_cfg},
 $store_cfg}
EOF
}

app_json='{"id":"app-id","key":"app-key","secret":"app-secret","webhooks":[{"url":"http://127.0.0.1:'$hook_port'/hook",
  "event_types":["channel_occupied","channel_vacated","member_added","member_removed"]}]}'
summary="$out_all.md"
{
  echo "# Chaos under load ($stamp)"
  echo
  echo "Three nodes, $WARM_S s of load, victim killed (SIGKILL), down $DOWN_S s, started again, $AFTER_S s more load."
  echo "Load: 8 subscribers per node on one channel, 20 publishes/s (seq numbers, round robin over the nodes),"
  echo "a presence join+leave every 0.5 s (4 webhooks each). See docs/reliability.md (Chaos) for the definitions."
  echo
  echo "| victim | healthy clients dropped | events lost (seqs / socket-seq pairs) | of which while down | after restart | publishes refused | recovered after restart | /ready while down | webhooks lost / duplicated (of expected) |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$summary"

for round in "${rounds[@]}"; do
  dir="$out_all/$round"
  mkdir -p "$dir"
  adapter=redis queue=memory store=memory victim=none
  case "$round" in
    redis) victim=redis ;;
    node) victim=node3 ;;
    webhook) victim=webhook ;;
    nats) adapter=nats victim=nats ;;
    queue-redis) adapter=nats queue=redis victim=redis ;;
    queue-nats) queue=nats victim=nats ;;
    queue-rabbitmq) queue=rabbitmq victim=rabbitmq ;;
    mariadb) store=mysql victim=mariadb ;;
    postgres) store=postgres victim=postgres ;;
    dynamodb) store=dynamodb victim=dynamodb
      export AWS_ACCESS_KEY_ID=chaos AWS_SECRET_ACCESS_KEY=chaos ;; # for the nodes' SDK; DynamoDB Local takes any
  esac
  echo "chaos: round $round (adapter=$adapter queue=$queue, victim $victim)"
  write_config "$adapter" "$queue" "$store"
  [[ $adapter == redis || $queue == redis ]] && start_redis
  [[ $adapter == nats || $queue == nats ]] && start_nats
  [[ $queue == rabbitmq ]] && { start_rabbitmq || { echo "chaos: rabbitmq did not start" >&2; exit 1; }; }
  if [[ $store != memory ]]; then
    case "$store" in
      mysql) start_mariadb ;;
      postgres) start_postgres ;;
      dynamodb) start_dynamodb || { echo "chaos: DynamoDB Local did not start" >&2; exit 1; } ;;
    esac
    sed "s/\"port\":0/\"port\":${node_ports[0]}/" "$dir/config.json" >"$dir/config-apps.json"
    SWITCHBOARD_JAR="$out_all/switchboard.jar" bin/switchboard apps create --config "$dir/config-apps.json" \
      --json "$app_json" >"$dir/apps-create.log" 2>&1 || { cat "$dir/apps-create.log" >&2; exit 1; }
  fi
  start_webhook
  for n in 1 2 3; do start_node "$n"; done
  for n in 1 2 3; do
    switchboard_wait_http "${node_ports[$((n - 1))]}" "${pid[node$n]}" 90 ||
      { echo "chaos: node$n did not start" >&2; tail -5 "$dir/node$n.log" >&2; exit 1; }
  done
  sleep 3  # heartbeats: every node hears of the others
  rm -f "$dir/stop" "$dir/markers" "$dir/driver.started"
  (cd scripts/lib && python3 chaos_driver.py "$dir" "$(IFS=,; echo "${node_ports[*]}")" "$dir/webhooks.log" \
    >"$dir/driver.out" 2>"$dir/driver.err") &
  driver=$!
  for _ in $(seq 1 600); do [[ -f "$dir/driver.started" ]] && break; sleep 0.1; done  # subscribers are in
  sleep "$WARM_S"
  victim_node=none
  [[ $victim == node3 ]] && victim_node=2
  echo "victim $victim_node" >>"$dir/markers"
  kill -9 "${pid[$victim]}"
  wait "${pid[$victim]}" 2>/dev/null || true
  echo "kill $(date +%s.%N)" >>"$dir/markers"
  sleep "$DOWN_S"
  case "$victim" in
    redis) start_redis ;;
    nats) start_nats restart ;;
    webhook) start_webhook ;;
    node3) start_node 3 ;;
    mariadb) start_mariadb ;;
    postgres) start_postgres ;;
    rabbitmq) start_rabbitmq ;;
    dynamodb) start_dynamodb ;;
  esac
  echo "restart $(date +%s.%N)" >>"$dir/markers"
  sleep "$AFTER_S"
  touch "$dir/stop"
  wait "$driver" || echo "chaos: driver failed, see $dir/driver.err" >&2
  stop_all
  tail -1 "$dir/driver.out"
  python3 - "$dir/result.json" "$round" "$victim" >>"$summary" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
rec = "never (within the round)" if r["recovered_s"] is None else f'{r["recovered_s"]} s'
ready = "never 200 again" if r["ready_ok_s"] is None else f'200 again {r["ready_ok_s"]} s after restart'
print(f'| {sys.argv[2]} ({sys.argv[3]}) | {r["dropped_healthy"]} (victim\'s own: {r["dropped_victim"]}) | '
      f'{r["lost_seqs"]} / {r["lost_pairs"]} of {r["acked"]} | {r["lost_seqs_during_outage"]} | '
      f'{r["lost_seqs_after_restart"]} | {r["refused_or_failed"]} | {rec} | '
      f'{", ".join(r["ready_while_down"]) or "200 throughout"}; {ready} | '
      f'{r["webhooks_lost"]} / {r["webhooks_duplicated"]} of {r["webhooks_expected"]} |')
EOF
done
echo
cat "$summary"
