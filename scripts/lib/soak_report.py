#!/usr/bin/env python3
"""Soak report: reads DIR/soak.csv and DIR/timeline.env (written by scripts/soak.sh), prints a Markdown table of
start / after warm-up / end / max per node and series with a verdict, and draws DIR/soak.png with gnuplot.

  soak_report.py DIR

Definitions (t = seconds since the sampler started; the load runs from load_start to load_end):
- start: the first sample under load.
- after warm-up: the median of the samples in [load_start + warm-up, + W], W = min(180 s, a sixth of the load).
- end: the median of the last W seconds of load. Medians over a window, because the load is three loops of bounded
  runs (connect, ramp, close), so a single sample catches the load at a random phase.
- max: the highest sample under load.
- verdict: flat when |end - after warm-up| <= 5 % of after warm-up (event-loop lag: or <= 0.5 ms, since a
  sub-millisecond round trip on a shared 2-core machine moves by more than 5 % from scheduling alone; heap: or
  <= 1 MB, the resolution of the GC log); otherwise GREW or lower (lower is no leak, but not flat either).
  heap_after_gc_mb gets no verdict of its own: between full collections it saw-tooths with old-generation
  garbage, so its value depends on how long ago the last full collection was; heap_live_mb is the heap's verdict.
  heap_live_mb only changes at the full collections the soak asks for: its after warm-up is the first one after
  the warm-up, its end the last one under load.
- idle before / idle after: the medians of the idle samples before the load and from 40 s after it. Under load,
  fds and threads follow how many sockets the three loops hold at that instant (a connect storm is 1,000 more),
  so their verdict compares idle after with idle before instead: every closed socket must give its fd back.
"""
import csv
import os
import statistics
import subprocess
import sys

SERIES = ["rss_mb", "heap_after_gc_mb", "heap_live_mb", "fds", "threads", "lag_p50_ms", "lag_max_ms"]
LAG_ABS_MS = 0.5
IDLE_VERDICT = ("fds", "threads")
HEAP_MB = ("heap_after_gc_mb", "heap_live_mb")  # the GC log gives whole MB: a change of 1 MB is its resolution


def num(v):
    return float(v) if v not in ("", None) else None


def med(rows, key):
    vals = [num(r[key]) for r in rows if num(r[key]) is not None]
    return statistics.median(vals) if vals else None


def fmt(v):
    if v is None:
        return "-"
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def main():
    d = sys.argv[1]
    tl = {}
    with open(os.path.join(d, "timeline.env")) as f:
        for line in f:
            k, v = line.strip().split("=", 1)
            tl[k] = v
    t0 = int(tl["t0"])
    ls, le, end = int(tl["load_start"]) - t0, int(tl["load_end"]) - t0, int(tl["end"]) - t0
    warm = int(tl["warmup_s"])
    win = min(180, (le - ls) / 6)
    with open(os.path.join(d, "soak.csv")) as f:
        rows = list(csv.DictReader(f))
    nodes = sorted({r["node"] for r in rows})
    out = [f"# Soak: {tl['kind']}, {tl['minutes']} min of load\n",
           f"Warm-up: the first {warm} s of load; windows of {win:.0f} s. Flat = end within 5 % of after "
           f"warm-up (lag: or within {LAG_ABS_MS} ms).\n"]
    verdicts = []
    for node in nodes:
        nr = [r for r in rows if r["node"] == node]
        for r in nr:
            r["t"] = float(r["t_s"])
        load = [r for r in nr if ls < r["t"] <= le]
        after = [r for r in load if ls + warm <= r["t"] <= ls + warm + win]
        last = [r for r in load if r["t"] >= le - win]
        idle_before = [r for r in nr if r["t"] <= ls]
        idle_after = [r for r in nr if r["t"] >= le + 40]
        out.append(f"\n## {node}\n")
        out.append("| series | idle before | start | after warm-up | end | max | change | verdict | idle after |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for s in SERIES:
            vals = [num(r[s]) for r in load if num(r[s]) is not None]
            if not vals:
                continue
            start = vals[0]
            if s == "heap_live_mb":
                # the live heap changes at the requested full collections only: follow its distinct values
                points, seen = [], None  # the value of each full collection that came after the warm-up
                for r in nr:
                    if r["full_gcs"] != seen:
                        seen = r["full_gcs"]
                        if ls + warm <= r["t"] <= le + 10 and num(r[s]) is not None:
                            points.append(num(r[s]))
                a = points[0] if points else None
                e = points[-1] if points else None
            else:
                a, e = med(after, s), med(last, s)
            mx = max(vals)
            ib, ia = med(idle_before, s), med(idle_after, s)
            if s in IDLE_VERDICT:
                # under load these follow how many sockets the loops hold at that instant; a leak shows at idle
                change = (ia - ib) / ib * 100 if ib and ia is not None else None
                e = ia
            else:
                change = (e - a) / a * 100 if a and e is not None else None
            flat = change is not None and (abs(change) <= 5 or (s.startswith("lag") and abs(e - a) <= LAG_ABS_MS)
                                           or (s in HEAP_MB and abs(e - a) <= 1))
            verdict = "flat" if flat else "n/a" if change is None else "lower" if change < 0 else "GREW"
            if s == "heap_after_gc_mb":
                verdict = f"({verdict}: saw-tooth, see heap_live_mb)"
            verdicts.append(f"{node} {s}: {verdict}")
            out.append(f"| {s} | {fmt(med(idle_before, s))} | {fmt(start)} | {fmt(a)} | {fmt(med(last, s) if s in IDLE_VERDICT else e)} | {fmt(mx)} | "
                       f"{'-' if change is None else f'{change:+.1f} %'} | {verdict} | {fmt(ia)} |")
        out.append(f"\nsamples under load: {len(load)}; GCs: {nr[-1]['gcs']} ({nr[-1]['full_gcs']} full); "
                   f"probe reconnects: {nr[-1]['probe_reconnects']}")
    loops = os.path.join(d, "loops.txt")
    if os.path.exists(loops):
        out.append("\nbench loops (runs, runs that reported errors): " + open(loops).read().strip().replace("\n", "; "))
    out.append("\nVerdict:\n\n" + "\n".join(f"- {v}" for v in verdicts))
    print("\n".join(out))
    plot(d, nodes, ls, le, warm)


def plot(d, nodes, ls, le, warm):
    panels = [("RSS (MB)", ["rss_mb"]), ("heap (MB): after last GC, live after full GC",
                                          ["heap_after_gc_mb", "heap_live_mb"]),
              ("open file descriptors", ["fds"]), ("threads", ["threads"]),
              ("event-loop lag p50 (ms), ping->pong", ["lag_p50_ms"]),
              ("event-loop lag max per 10 s (ms)", ["lag_max_ms"])]
    with open(os.path.join(d, "soak.csv")) as f:
        header = f.readline().strip().split(",")
    g = [f"set terminal pngcairo size 1400,1200 font ',10'" if has_cairo() else "set terminal png size 1400,1200",
         f"set output '{d}/soak.png'", "set datafile separator ','", "set key top left",
         "set xlabel 'minutes'", "set grid", "set termoption noenhanced",
         "set yrange [0:*]", "set offsets 0, 0, graph 0.1, 0", "set multiplot layout 3,2 title 'Switchboard soak'",
         f"set arrow 1 from {(ls + warm) / 60},graph 0 to {(ls + warm) / 60},graph 1 nohead dt 2",
         f"set arrow 2 from {ls / 60},graph 0 to {ls / 60},graph 1 nohead lc rgb 'gray'",
         f"set arrow 3 from {le / 60},graph 0 to {le / 60},graph 1 nohead lc rgb 'gray'"]
    for title, cols in panels:
        parts = []
        for node in nodes:
            for c in cols:
                i = header.index(c) + 1
                parts.append(f"'< grep {node} {d}/soak.csv' using ($1/60):(${i} > 0 ? ${i} : 1/0) "
                             f"with lines title '{node} {c}'")
        g.append(f"set title '{title}'")
        g.append("plot " + ", ".join(parts))
    g.append("unset multiplot")
    subprocess.run(["gnuplot"], input="\n".join(g), text=True, check=False)


def has_cairo():
    r = subprocess.run(["gnuplot", "-e", "set terminal"], capture_output=True, text=True)
    return "pngcairo" in (r.stdout + r.stderr)


if __name__ == "__main__":
    main()
