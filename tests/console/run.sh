#!/usr/bin/env bash
# Runs the web console's browser tests: Debian's Chromium driven by playwright-core, with real pusher-js
# clients, against two Switchboard servers started here on free loopback ports: one with the memory app store
# (live view, credentials, event log) and, when PostgreSQL answers on 127.0.0.1:5432 (CONSOLE_PG_PORT picks
# another), one with a PostgreSQL app store in a table named after this run (app management), dropped at the
# end. Screenshots land in tests/console/screenshots/; stops only what it started.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
# shellcheck source=../../scripts/lib/server.sh
. "$root/scripts/lib/server.sh"

if [[ ! -x "${CHROMIUM:=/usr/bin/chromium}" ]]; then
  echo "run.sh: $CHROMIUM not found; install Debian's chromium (scripts/lib/services.sh sb_ensure_chromium)" >&2
  exit 1
fi
export CHROMIUM
if [[ ! -f "$root/target/switchboard.jar" ]]; then
  (cd "$root" && ./mvnw -q -B -ntp -DskipTests package)
fi
if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

work="$(mktemp -d)"
pids=()
pg_table=""
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  if [[ -n "$pg_table" ]] && command -v psql >/dev/null; then
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d test -c "DROP TABLE IF EXISTS $pg_table" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_server NAME JSON: starts bin/switchboard with that config (@PORT@, @METRICS@ filled in) and waits
# for it; sets $port and $metrics_port
start_server() {
  local name=$1 json=$2
  port=$(free_port)
  metrics_port=$(free_port)
  json="${json//@PORT@/$port}"
  printf '%s' "${json//@METRICS@/$metrics_port}" >"$work/$name.json"
  "$root/bin/switchboard" start --config "$work/$name.json" >"$work/$name.log" 2>&1 &
  pids+=($!)
  if ! switchboard_wait_http "$port" "${pids[-1]}" 60; then
    echo "run.sh: switchboard ($name) did not start:" >&2
    cat "$work/$name.log" >&2
    return 1
  fi
}

token="$(node -e "console.log(require('crypto').randomBytes(24).toString('hex'))")"
export CONSOLE_TOKEN="$token"
# the gateway's JWT secret: the test signs a token for a gateway connection with it
CONSOLE_GATEWAY_SECRET="$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")"
export CONSOLE_GATEWAY_SECRET
console='"console":{"enabled":true,"token":"'"$token"'"}'
metrics='"metrics":{"host":"127.0.0.1","port":@METRICS@}'

start_server memory '{"host":"127.0.0.1","port":@PORT@,"event_loops":1,'"$metrics"','"$console"',
  "app_manager":{"driver":"memory","array":{"apps":[
    {"id":"app-id","key":"app-key","secret":"app-secret","enable_client_messages":true},
    {"id":"other-id","key":"other-key","secret":"other-secret"}]}},
  "gateway":{"enabled":true,"auth":{"hmac_secret":"'"$CONSOLE_GATEWAY_SECRET"'","audiences":["console"]}}}'
export SB_PORT=$port CONSOLE_URL="http://127.0.0.1:$metrics_port/console/"

pg_port="${CONSOLE_PG_PORT:-5432}"
if (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then
  pg_table="console_apps_$(date -u +%Y%m%d%H%M%S)_$$"
  start_server postgres '{"host":"127.0.0.1","port":@PORT@,"event_loops":1,'"$metrics"','"$console"',
    "app_manager":{"driver":"postgres","cache":{"enabled":false}},
    "database":{"postgres":{"host":"127.0.0.1","port":'"$pg_port"',"username":"postgres","database":"test",
      "table_name":"'"$pg_table"'"}}}'
  export SB_STORE_PORT=$port CONSOLE_STORE_URL="http://127.0.0.1:$metrics_port/console/"
else
  echo "run.sh: no PostgreSQL on 127.0.0.1:$pg_port; the app management test is skipped"
fi

echo "== console tests (node $(node --version), $("$CHROMIUM" --version 2>/dev/null || echo chromium))"
status=0
node --test --test-concurrency=1 --test-timeout=120000 test/ || status=$?
if ((status != 0)); then
  echo "run.sh: server logs:" >&2
  tail -n 40 "$work"/*.log >&2
  exit 1
fi
