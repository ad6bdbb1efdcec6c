#!/usr/bin/env python3
"""Tables from scripts/bench-cluster-confirm.sh output: per run, then before -> after medians and ratios.

usage: scripts/bench-cluster-confirm-summary.py OUT_DIR"""
import json, glob, os, sys, statistics
d = sys.argv[1]
rows = {}
def m(f, k):
    try:
        return json.load(open(f))['metrics'].get(k, {}).get('value')
    except Exception:
        return None
def press(f):
    try:
        j = json.load(open(f)); return j['metrics'].get('host_cpu_pressure_pct', {}).get('value')
    except Exception: return None
S5 = ['initial_join_p99_ms', 'rejoin_p50_ms', 'rejoin_p99_ms', 'join_leave_per_s', 'join_failures', 'wrong_rosters_after_churn', 'leftover_users']
S6 = ['warm_handshake_p50_ms', 'warm_handshake_p99_ms', 'warm_connections_per_s', 'warm_server_cpu_us_per_conn', 'warm_time_to_zero_ms', 'warm_connect_errors']
def table(prefix, keys, quota):
    print(f"\n### {prefix} (max_connections {quota})\n")
    print("| run | " + " | ".join(keys) + " | host_cpu_pressure_pct |")
    print("|---" * (len(keys) + 2) + "|")
    agg = {}
    for f in sorted(glob.glob(os.path.join(d, f"{prefix}-*-q{quota}.json"))):
        name = os.path.basename(f)[:-5]
        label = name.split('-')[1]
        vals = [m(f, k) for k in keys]
        agg.setdefault(label, []).append(vals)
        print(f"| {name} | " + " | ".join("-" if v is None else f"{v:.1f}" for v in vals) + f" | {press(f) or 0:.0f} |")
    if 'before' in agg and 'after' in agg:
        print("\nmedian before → after (after/before):\n")
        for i, k in enumerate(keys):
            b = [r[i] for r in agg['before'] if r[i] is not None]
            a = [r[i] for r in agg['after'] if r[i] is not None]
            if b and a:
                mb, ma = statistics.median(b), statistics.median(a)
                ratio = f"{ma/mb:.2f}x" if mb else "-"
                print(f"- {k}: {mb:.1f} → {ma:.1f} ({ratio})")
for q in ['100000']:
    table('S5', S5, q)
for q in ['100000', '-1']:
    table('S6a', S6, q)
    table('S6b', S6, q)
