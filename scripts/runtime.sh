#!/usr/bin/env bash
# Builds the self-contained runtime, a folder that runs Switchboard on a machine with no Java:
#   target/switchboard-runtime/
#     bin/switchboard     the project's launcher (it uses jre/ when it finds it beside itself)
#     jre/                a JRE made by jlink from only the modules the jar needs
#     lib/                switchboard.jar, jdk.sh (the launcher's helper) and, on JDK 25+, switchboard.aot:
#                         an AOT cache trained by scripts/aot-cache.sh against this very JRE
# and target/switchboard-runtime.tar.gz of it. The JRE is cut from the JDK that builds (scripts/lib/jdk.sh).
#   scripts/runtime.sh [--no-aot] [--port 6292] [--metrics-port 9892]   (ports: the AOT training, on loopback)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/jdk.sh
. "$ROOT/scripts/lib/jdk.sh"
out="$ROOT/target/switchboard-runtime"
jar="$ROOT/target/switchboard.jar"
aot=1
port=6292
metrics_port=9892
while (($#)); do
  case "$1" in
    --no-aot) aot=0; shift ;;
    --port) port="$2"; shift 2 ;;
    --metrics-port) metrics_port="$2"; shift 2 ;;
    *) echo "runtime: unknown argument $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done

switchboard_find_jdk || { echo "runtime: no JDK >= 21 found (set JAVA_HOME)" >&2; exit 2; }
major="$(switchboard_java_major "$JAVA_HOME/bin/java")"
major="${major%%.*}"
[[ -x "$JAVA_HOME/bin/jlink" ]] || { echo "runtime: $JAVA_HOME has no jlink (a JRE, not a JDK)" >&2; exit 2; }
[[ -f "$jar" ]] || (cd "$ROOT" && ./mvnw -q -DskipTests package)

# The modules: what jdeps finds in the jar's byte code, less two that only code Switchboard never reaches names,
# plus the ones the JDK looks up by name at run time, which no byte code names.
#  - java.desktop (20 MB, AWT and fonts) for java.beans alone: Jackson's optional @ConstructorProperties support
#    (it checks and goes on without), Typesafe Config's ConfigBeanFactory, RabbitMQ's JSON-RPC tools, Micrometer's
#    Log4j2 binder
#  - java.compiler: Vert.x's compiling of verticles from .java sources
#  + jdk.naming.dns: JNDI's dns: provider, for the SRV and name-server lookups of Netty, RabbitMQ and Cassandra
#  + jdk.crypto.ec: elliptic-curve TLS (the brokers', the databases', AWS's) before JDK 22 moved it to java.base
echo "runtime: jdeps on $jar (JDK $major)"
found="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release "$major" --print-module-deps "$jar")"
modules=()
IFS=, read -ra all <<<"$found"
for m in "${all[@]}"; do
  [[ "$m" == java.desktop || "$m" == java.compiler ]] || modules+=("$m")
done
modules+=(jdk.naming.dns)
((major < 22)) && modules+=(jdk.crypto.ec)
modules_csv="$(IFS=,; echo "${modules[*]}")"

rm -rf "$out" "$out.tar.gz"
mkdir -p "$out/bin" "$out/lib"
echo "runtime: jlink $modules_csv"
cds=(--generate-cds-archive)
# from JDK 25 the launcher turns on compact object headers, which need their own CDS archive (dumped below)
((major >= 25)) && cds=()
"$JAVA_HOME/bin/jlink" --add-modules "$modules_csv" --strip-debug --no-header-files --no-man-pages "${cds[@]}" \
  --output "$out/jre" >/dev/null
if ((major >= 25)); then
  # the JDK's default class-data archive for compact headers (the JVM maps it from this path on its own); it
  # serves a start without the AOT cache, which supersedes it
  "$out/jre/bin/java" -XX:+UseCompactObjectHeaders -Xshare:dump \
    -XX:SharedArchiveFile="$out/jre/lib/server/classes_coh.jsa" >/dev/null
fi
cp -p "$jar" "$out/lib/switchboard.jar"
cp -p "$ROOT/scripts/lib/jdk.sh" "$out/lib/jdk.sh"
cp -p "$ROOT/bin/switchboard" "$out/bin/switchboard"

if ((aot && major >= 25)); then
  SWITCHBOARD_JAR="$out/lib/switchboard.jar" SWITCHBOARD_AOT_CACHE="$out/lib/switchboard.aot" \
    "$ROOT/scripts/aot-cache.sh" --port "$port" --metrics-port "$metrics_port" --launcher "$out/bin/switchboard"
fi

tar -C "$(dirname "$out")" -czf "$out.tar.gz" "$(basename "$out")"
echo "runtime: $out ($(du -sh "$out" | cut -f1)), $out.tar.gz ($(du -h "$out.tar.gz" | cut -f1))"
