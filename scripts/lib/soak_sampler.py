#!/usr/bin/env python3
"""Soak sampler: every --interval seconds, one CSV row per Switchboard node with its RSS, heap after the last
GC, live heap after the last full GC, open file descriptors, threads and event-loop lag.

Usage: soak_sampler.py --out soak.csv --until EPOCH [--interval 10] NODE...
       NODE = name:pid:ws_port:gc_log   (gc_log is the node's -Xlog:gc file)

Why each source:
- RSS, threads, fds: /proc/<pid>/status (VmRSS, Threads) and /proc/<pid>/fd; reading them costs the server nothing.
- heap: the server's JVM writes one line per collection to its -Xlog:gc file ("Pause Young ... 60M->12M(80M)");
  the value after the arrow is the heap in use right after that collection, read without touching the JVM.
  Young collections leave dead objects of the old generation in place, so that series saw-tooths between full
  collections; the live set is the "after" of a full collection, which the soak script asks for every few
  minutes (jcmd GC.run, one pause of tens of ms) and this sampler reports as heap_live_mb.
- event-loop lag: Switchboard has no loop-lag metric, so it is measured from the client side: PROBES
  WebSockets per node (spread over the server's event loops by Netty's round robin) each send pusher:ping
  every PING_EVERY seconds and time the pusher:pong. A loop that is busy answers late; the round trip on an
  idle loopback is ~0.1-0.3 ms, so lag_p50/lag_max are mostly time spent queued on the server's loop (plus
  this process's own scheduling delay on a shared machine). A ping not answered within 5 s counts 5000 ms.
"""
import argparse
import csv
import os
import re
import select
import sys
import time

from pusher_ws import PusherSocket

PROBES = 4
PING_EVERY = 0.5
PONG_TIMEOUT = 5.0
GC_LINE = re.compile(r"Pause (Young|Full)[^\n]*?(\d+)M->(\d+)M\((\d+)M\)")


class Probe:
    """One Pusher WebSocket that pings and times the pong; opened again when the server drops it."""

    def __init__(self, port):
        self.port = port
        self.sock = None
        self.sent_at = None
        self.reconnects = -1

    def connect(self):
        self.close()
        self.reconnects += 1
        self.sock = PusherSocket(self.port, timeout=5)
        self.sock.sock.setblocking(False)
        self.sent_at = None

    def close(self):
        if self.sock:
            self.sock.close()
        self.sock = None

    def ping(self):
        self.sock.send("pusher:ping", {})
        self.sent_at = time.perf_counter()

    def frames(self):
        return self.sock.read_frames()


def proc_status(pid):
    rss = threads = None
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024.0
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    return rss, threads


def gc_state(path, pos, state):
    """Reads new lines of a -Xlog:gc file from pos; updates the last after-GC and after-full-GC heap."""
    try:
        with open(path) as f:
            f.seek(pos)
            text = f.read()
            pos = f.tell()
    except FileNotFoundError:
        return pos
    for m in GC_LINE.finditer(text):
        after = int(m.group(3))
        state["after"] = after
        state["gcs"] += 1
        if m.group(1) == "Full":
            state["live"] = after
            state["full_gcs"] += 1
    return pos


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--until", type=float, required=True)
    ap.add_argument("--interval", type=float, default=10)
    ap.add_argument("nodes", nargs="+")
    args = ap.parse_args()
    nodes = []
    for spec in args.nodes:
        name, pid, port, gclog = spec.split(":", 3)
        nodes.append({"name": name, "pid": int(pid), "port": int(port), "gclog": gclog, "gcpos": 0,
                      "gc": {"after": "", "live": "", "gcs": 0, "full_gcs": 0},
                      "probes": [Probe(int(port)) for _ in range(PROBES)], "rtts": [], "lost": 0})
    cols = ["t_s", "node", "rss_mb", "heap_after_gc_mb", "heap_live_mb", "gcs", "full_gcs", "fds", "threads",
            "lag_p50_ms", "lag_max_ms", "lag_samples", "probe_reconnects"]
    out = open(args.out, "w", newline="")
    w = csv.writer(out)
    w.writerow(cols)
    out.flush()
    t0 = time.time()
    next_sample = t0 + args.interval
    next_ping = time.perf_counter()
    while time.time() < args.until:
        now = time.perf_counter()
        if now >= next_ping:
            next_ping = now + PING_EVERY
            for n in nodes:
                for p in n["probes"]:
                    try:
                        if p.sock is None:
                            p.connect()
                        if p.sent_at is not None and now - p.sent_at > PONG_TIMEOUT:
                            n["rtts"].append(PONG_TIMEOUT * 1000)  # unanswered: counted at the timeout
                            p.sent_at = None
                        if p.sent_at is None:
                            p.ping()
                    except OSError:
                        p.close()
        socks = {p.sock: (n, p) for n in nodes for p in n["probes"] if p.sock is not None}
        timeout = max(0.0, min(next_ping - time.perf_counter(), 0.2))
        ready = select.select(list(socks), [], [], timeout)[0] if socks else time.sleep(timeout) or []
        for s in ready:
            n, p = socks[s]
            try:
                for payload in p.frames():
                    if b"pusher:pong" in payload and p.sent_at is not None:
                        n["rtts"].append((time.perf_counter() - p.sent_at) * 1000)
                        p.sent_at = None
                    elif b"pusher:ping" in payload:
                        p.sock.send("pusher:pong", {})
            except OSError:
                p.close()
        if time.time() >= next_sample:
            next_sample += args.interval
            t = round(time.time() - t0, 1)
            for n in nodes:
                try:
                    rss, threads = proc_status(n["pid"])
                    fds = len(os.listdir(f"/proc/{n['pid']}/fd"))
                except (FileNotFoundError, ProcessLookupError):
                    print(f"soak-sampler: {n['name']} (pid {n['pid']}) is gone", file=sys.stderr)
                    rss = threads = fds = ""
                n["gcpos"] = gc_state(n["gclog"], n["gcpos"], n["gc"])
                rtts = sorted(n["rtts"])
                n["rtts"] = []
                p50 = round(rtts[len(rtts) // 2], 3) if rtts else ""
                mx = round(rtts[-1], 3) if rtts else ""
                w.writerow([t, n["name"], round(rss, 1) if rss != "" else "", n["gc"]["after"], n["gc"]["live"],
                            n["gc"]["gcs"], n["gc"]["full_gcs"], fds, threads, p50, mx, len(rtts),
                            sum(max(p.reconnects, 0) for p in n["probes"])])
            out.flush()
    out.close()


if __name__ == "__main__":
    main()
