#!/usr/bin/env bash
# Builds and starts Switchboard from a fresh checkout: installs a JDK >= 21 from the system's packages when none
# is there (the same step as scripts/test.sh), builds the jar, then runs it on the embedded defaults.
#   scripts/start.sh [--config FILE]            (arguments and env as for bin/switchboard start)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/services.sh
. scripts/lib/services.sh
sb_ensure_jdk
./mvnw -q -DskipTests package
exec bin/switchboard start "$@"
