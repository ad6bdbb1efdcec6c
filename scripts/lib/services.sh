# Sourced by scripts/test.sh (and scripts/start.sh, for the JDK): makes sure the programs and services the tests need are there, installing
# (apt, as root) and starting only what is missing, and remembering what it started so that nothing else
# is ever stopped.
SB_STARTED_SERVICES=()
SB_APT_UPDATED=0

sb_apt_install() {
  if [[ $EUID -ne 0 ]]; then
    echo "${0##*/}: need root to apt-get install $*; install them and rerun" >&2
    return 1
  fi
  if [[ $SB_APT_UPDATED == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    SB_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A port that answers on 127.0.0.1.
sb_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

sb_wait_port() {
  local port=$1 what=$2
  for _ in $(seq 1 150); do
    sb_port_open "$port" && return 0
    sleep 0.2
  done
  echo "test.sh: $what did not come up on 127.0.0.1:$port" >&2
  return 1
}

sb_ensure_tools() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then
    echo "test.sh: installing ${missing[*]}"
    sb_apt_install "${missing[@]}"
  fi
}

# Broker binaries the cluster tests start privately on free ports (they never touch the shared services).
sb_ensure_broker_binaries() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [[ -x /usr/sbin/nats-server ]] || command -v nats-server >/dev/null || missing+=(nats-server)
  if ((${#missing[@]})); then
    echo "test.sh: installing ${missing[*]}"
    sb_apt_install "${missing[@]}"
  fi
}

sb_ensure_jdk() {
  # shellcheck source=jdk.sh
  . "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
  if ! switchboard_find_jdk; then
    echo "${0##*/}: no JDK >= 21; installing one from Debian"
    sb_apt_install openjdk-25-jdk-headless || sb_apt_install openjdk-21-jdk-headless || true
    # Debian 13 has both packages; Debian 12 (and its backports) has neither
    switchboard_find_jdk || {
      echo "${0##*/}: no JDK >= 21 and none in the apt sources; install one (e.g. Temurin) and set JAVA_HOME" >&2
      return 1
    }
  fi
}

# Stops, at exit, only the services this run started.
sb_stop_started() {
  local s
  for s in "${SB_STARTED_SERVICES[@]}"; do
    eval "$s" >/dev/null 2>&1 || true
  done
}

# Waits up to $3 seconds (default 30) for a port.
sb_wait_port_long() {
  local port=$1 what=$2 secs=${3:-30}
  for _ in $(seq 1 $((secs * 5))); do
    sb_port_open "$port" && return 0
    sleep 0.2
  done
  echo "test.sh: $what did not come up on 127.0.0.1:$port" >&2
  return 1
}

# Redis on 127.0.0.1:6379 (queue driver tests), in memory only.
sb_ensure_redis() {
  sb_port_open 6379 && return 0
  command -v redis-server >/dev/null || sb_apt_install redis-server
  echo "test.sh: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null
  SB_STARTED_SERVICES+=("redis-cli -p 6379 shutdown nosave")
  sb_wait_port 6379 Redis
}

# RabbitMQ on 127.0.0.1:5672 with the default guest/guest user (queue driver tests).
sb_ensure_rabbitmq() {
  sb_port_open 5672 && return 0
  command -v rabbitmq-server >/dev/null || sb_apt_install rabbitmq-server
  echo "test.sh: starting RabbitMQ"
  rabbitmq-server -detached >/dev/null 2>&1
  SB_STARTED_SERVICES+=("rabbitmqctl stop")
  sb_wait_port_long 5672 RabbitMQ 120
}

# NATS with JetStream on 127.0.0.1:4222 (queue driver tests).
sb_ensure_nats() {
  sb_port_open 4222 && return 0
  [[ -x /usr/sbin/nats-server ]] || sb_apt_install nats-server
  echo "test.sh: starting NATS with JetStream"
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --make-pidfile --pidfile /run/sb-nats-server.pid \
    --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server
  SB_STARTED_SERVICES+=("start-stop-daemon --stop --oknodo --pidfile /run/sb-nats-server.pid --remove-pidfile")
  sb_wait_port 4222 NATS
}

# MariaDB on 127.0.0.1:3306 with root and no password, database "test" (mysql app store tests).
sb_ensure_mariadb() {
  if ! sb_port_open 3306; then
    [[ -x /usr/sbin/mariadbd ]] || sb_apt_install mariadb-server
    echo "test.sh: starting MariaDB"
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --make-pidfile --pidfile /run/sb-mariadbd.pid \
      --chuid mysql --exec /usr/sbin/mariadbd -- --bind-address=127.0.0.1 --port=3306
    SB_STARTED_SERVICES+=("start-stop-daemon --stop --oknodo --retry 20 --pidfile /run/sb-mariadbd.pid --remove-pidfile")
    sb_wait_port 3306 MariaDB || return 1
  fi
  # a fresh Debian install lets root in through the unix socket only; the tests log in over TCP
  if command -v mariadb >/dev/null && ! mariadb -h127.0.0.1 -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('')" \
      || return 1
  fi
  mariadb -h127.0.0.1 -uroot -e 'CREATE DATABASE IF NOT EXISTS test' 2>/dev/null || true
}

# PostgreSQL on 127.0.0.1:5432, trusting local connections, database "test" (postgres app store tests).
sb_ensure_postgres() {
  if ! sb_port_open 5432; then
    compgen -G '/etc/postgresql/*/main' >/dev/null || sb_apt_install postgresql
    local v
    v="$(ls /etc/postgresql | sort -V | tail -n1)"
    local hba="/etc/postgresql/$v/main/pg_hba.conf"
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
      sed -i '1i local all all trust' "$hba"
    fi
    echo "test.sh: starting PostgreSQL $v"
    pg_ctlcluster --skip-systemctl-redirect "$v" main start
    SB_STARTED_SERVICES+=("pg_ctlcluster --skip-systemctl-redirect $v main stop")
    sb_wait_port 5432 PostgreSQL || return 1
  fi
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE test' >/dev/null
}

# Debian's Chromium for the web console's browser tests (playwright-core drives it; Playwright's own browser
# download cannot work on these machines), with a font so that screenshots show text.
sb_ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  echo "test.sh: installing chromium"
  sb_apt_install chromium fonts-dejavu-core
}

# JDK 17 for the forked Cassandra 5 of the scylladb app store tests (Cassandra 5.0 runs on 11 or 17).
sb_ensure_jdk17() {
  [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]] || sb_apt_install openjdk-17-jre-headless
}
