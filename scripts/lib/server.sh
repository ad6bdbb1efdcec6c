# Sourced by scripts that start a Switchboard of their own (aot-cache.sh, bench-side-by-side.sh, tests/aot).

# Waits until the server started as process $2 answers HTTP on 127.0.0.1:$1, for at most $3 seconds; $4 = https
# for a server with TLS on (its certificate is not checked). Returns 1 if the process exits first or the time runs out.
switchboard_wait_http() {
  local port=$1 pid=$2 seconds=$3 scheme=${4:-http} i
  for ((i = 0; i < seconds * 10; i++)); do
    curl -kfs -o /dev/null "$scheme://127.0.0.1:$port/" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
