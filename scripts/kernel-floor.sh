#!/usr/bin/env bash
# The kernel's floor for the fan-out scenarios on this machine: bench/floor/loopback_floor.c sends one frame
# per socket from CPU 0 to N loopback sockets read on CPU 1 (the side-by-side pinning), with no server at
# all. Compare S2's first-to-last spread and S3a's CPU per delivery with these figures.
#
#   scripts/kernel-floor.sh            # 500 sockets (S2) and 5,000 sockets (S3a)
#   scripts/kernel-floor.sh 2000 100   # sockets, rounds
#
# Needs a C compiler (Debian: apt-get install gcc).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cc="${CC:-$(command -v gcc || command -v cc || true)}"
[[ -n "$cc" ]] || { echo "kernel-floor: no C compiler (apt-get install gcc)" >&2; exit 2; }
out="$ROOT/bench/target/loopback_floor"
mkdir -p "$ROOT/bench/target"
"$cc" -O2 -Wall -pthread -o "$out" "$ROOT/bench/floor/loopback_floor.c"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ $# -gt 0 ]]; then
  "$out" "$@"
else
  "$out" 500 300
  "$out" 5000 60
fi
