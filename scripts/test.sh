#!/usr/bin/env bash
# Runs every test: the Java unit and integration tests (./mvnw verify) and the Node client tests with the
# real npm SDKs. On a fresh Debian machine it first installs and starts what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/services.sh
. scripts/lib/services.sh
trap sb_stop_started EXIT

sb_ensure_jdk
sb_ensure_tools
sb_ensure_broker_binaries
sb_ensure_redis
sb_ensure_rabbitmq
sb_ensure_nats
sb_ensure_mariadb
sb_ensure_postgres
sb_ensure_jdk17
sb_ensure_chromium

echo "== Java tests (JDK $JAVA_HOME)"
./mvnw -B -ntp verify

echo "== bench tool unit tests"
./mvnw -B -ntp -f bench/pom.xml verify

echo "== AOT cache: trained by scripts/aot-cache.sh, used by bin/switchboard"
tests/aot/run.sh

echo "== Runtime folder: scripts/runtime.sh's jlink'ed JRE + jar + launcher, unpacked and serving a client"
tests/runtime/run.sh

echo "== Node client tests (pusher-js, pusher, laravel-echo)"
bash tests/clients/run.sh
echo "== Node webhook tests (pusher SDK validator)"
(cd tests/webhooks && npm ci --no-audit --no-fund --loglevel=error && npm test)
echo "== y-webrtc signaling tests (tests/signaling)"
tests/signaling/run.sh
echo "== Gateway tests (tests/gateway)"
tests/gateway/run.sh
echo "== Console tests (tests/console)"
tests/console/run.sh
