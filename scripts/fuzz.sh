#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that take outside input (Jazzer @FuzzTest methods, see
# docs/reliability.md#fuzzing). `./mvnw verify` only replays the stored inputs under src/test/resources/**/
# *FuzzTestInputs/; this script fuzzes each target for real, one after another, and prints a table.
#
#   scripts/fuzz.sh                          # every target, 60 s each
#   scripts/fuzz.sh 300 'SigV4|Jwt'          # 300 s per target whose Class#method matches the regex
#   FUZZ_RUNS=1000000 scripts/fuzz.sh 3600   # stop each target after 1,000,000 executions (or 3600 s)
#
# Environment: FUZZ_RUNS (0: no execution cap), FUZZ_HEAP (1g: -Xmx of the fuzzing JVM; an input that needs
# more is a finding, as is an RSS over FUZZ_RSS_MB, 3072), FUZZ_TIMEOUT (10: seconds one input may take
# before it counts as a hang), FUZZ_INSTRUMENT (the classes whose coverage guides the fuzzer: the server and
# the libraries that do its parsing), FUZZ_NO_BUILD=1 (skip compiling the tests first), JAVA_HOME.
# Logs: target/fuzz/<Class>.<method>.log. New corpus entries go to .cifuzz-corpus/ (not kept in git); a
# crashing input is written next to the stored inputs (…Inputs/<method>/crash-<sha1>), where `./mvnw verify`
# replays it until the bug is fixed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_TARGET="${1:-60}"
FILTER="${2:-.}"
RUNS="${FUZZ_RUNS:-0}"
HEAP="${FUZZ_HEAP:-1g}"
RSS_MB="${FUZZ_RSS_MB:-3072}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
INSTRUMENT="${FUZZ_INSTRUMENT:-dev.switchboard.**:com.fasterxml.jackson.**:com.nimbusds.**:io.netty.handler.codec.**}"
LOGS="$ROOT/target/fuzz"

if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -ntp test-compile
fi
mkdir -p "$LOGS"

# Class#method of every @FuzzTest: the method is the first "void name(" after the annotation
targets() {
  grep -rl --include='*.java' '@FuzzTest' src/test/java | sort | while read -r f; do
    cls="$(basename "$f" .java)"
    awk -v cls="$cls" '/@FuzzTest/ {want = 1; next}
      want && match($0, /void [A-Za-z0-9_]+\(/) {
        print cls "#" substr($0, RSTART + 5, RLENGTH - 6); want = 0 }' "$f"
  done
}

mapfile -t ALL < <(targets | grep -E -- "$FILTER" || true)
if [[ ${#ALL[@]} -eq 0 ]]; then
  echo "no fuzz target matches '$FILTER'" >&2
  exit 2
fi

rows=()
total_findings=0
for t in "${ALL[@]}"; do
  log="$LOGS/${t/\#/.}.log"
  echo "fuzzing $t for up to ${SECONDS_PER_TARGET}s$([[ $RUNS != 0 ]] && echo " / $RUNS runs") -> $log" >&2
  # jazzer.internal.arg.0 is argv[0]; the others reach libFuzzer after Jazzer's own flags, so they win
  args="-Xmx$HEAP -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-rss_limit_mb=$RSS_MB"
  args+=" -Djazzer.internal.arg.2=-timeout=$TIMEOUT -Djazzer.internal.arg.3=-print_final_stats=1"
  if [[ "$RUNS" != 0 ]]; then
    args+=" -Djazzer.internal.arg.4=-runs=$RUNS"
  fi
  hooks=""
  if [[ "$t" == WebhookTargetsFuzzTest#* ]]; then
    # channel_pattern is a regular expression by design (the operator's config, not a client's input), so
    # Jazzer's regex-injection sanitizer would report every invalid pattern the parser rightly refuses
    hooks="com.code_intelligence.jazzer.sanitizers.RegexInjection"
  fi
  start=$(date +%s)
  set +e
  JAZZER_FUZZ=1 JAZZER_INSTRUMENTATION_INCLUDES="$INSTRUMENT" JAZZER_DISABLED_HOOKS="$hooks" \
    JAZZER_MAX_DURATION="${SECONDS_PER_TARGET}s" ./mvnw -B -o -ntp surefire:test \
    -Dtest="$t" -Djazzer.hooks=true -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false -DargLine="$args" >"$log" 2>&1
  rc=$?
  set -e
  took=$(( $(date +%s) - start ))
  # libFuzzer's final stats: "stat::number_of_executed_units: N", "stat::average_exec_per_sec: N"
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
  rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
  # one summary line per failing input (surefire's "» FuzzTestFinding"), plus libFuzzer's own verdicts
  findings="$(grep -cE '^\[ERROR\] .*» FuzzTestFinding|ERROR: libFuzzer: (timeout|out-of-memory|deadly signal)' \
    "$log" || true)"
  if [[ $rc -ne 0 && "$findings" == 0 ]]; then
    findings="? (exit $rc)"
  fi
  [[ "$findings" =~ ^[0-9]+$ ]] && total_findings=$((total_findings + findings)) || total_findings=$((total_findings + 1))
  rows+=("$(printf '%-46s %12s %8s %9s %8s' "$t" "${execs:-?}" "${rate:-?}" "$findings" "${took}s")")
done

printf '\n%-46s %12s %8s %9s %8s\n' target executions exec/s findings time
for r in "${rows[@]}"; do
  echo "$r"
done
exit $(( total_findings > 0 ? 1 : 0 ))
