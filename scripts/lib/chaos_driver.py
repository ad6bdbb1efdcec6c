#!/usr/bin/env python3
"""Steady load for one chaos round, then the round's figures. Runs until DIR/stop exists; scripts/chaos.sh kills
and restarts one process meanwhile and writes DIR/markers (lines "kill EPOCH", "restart EPOCH", "victim NODE").

  chaos_driver.py DIR PORT1,PORT2,PORT3 WEBHOOK_LOG

Load (all through the public protocols):
- subscribers: SUBS sockets per node on channel chaos-seq; one that is dropped is counted and opened again on its
  node every second (a new socket, a fresh start for the loss count).
- publishers: one per node, together RATE signed POST /events per second (keep-alive), data {"seq": k}, seq k
  going to node k % 3; a seq counts as published when its node answered 200.
- presence churn: every CHURN_EVERY s a new socket on the next node joins presence-chaos-<i> as user u<i>, stays
  HOLD s and closes: each such join must produce four webhooks (channel_occupied, member_added, member_removed,
  channel_vacated) at the receiver, at least once.
- /ready of every node every 0.5 s.

Figures (written to DIR/result.json and printed as one line):
- dropped_healthy: sockets closed by a node that was not the victim (the victim's own are dropped_victim).
- lost: for every subscriber socket, the seqs answered 200 while it was subscribed (sent after its
  subscription_succeeded, answered before it closed) that it never received; counted as (socket, seq) pairs and
  as distinct seqs. A seq published at most 1 s before the socket closed is not expected (in flight).
- recovered_s: from the restart to the send time of the first seq after the last lost one (0: nothing lost after
  the restart); ready_ok_s: from the restart until every node answered /ready 200 again.
- webhooks: expected (join, event) pairs never received (lost) and received more than once (duplicates).
"""
import json
import os
import select
import sys
import threading
import time

import pusher_ws as pw

APP, KEY, SECRET = "app-id", "app-key", "app-secret"
SUBS, RATE, CHURN_EVERY, HOLD = 8, 20, 0.5, 0.3
IN_FLIGHT_S = 1.0
DRAIN_S, WEBHOOK_WAIT_S = 5, 45

out_dir, ports, webhook_log = sys.argv[1], [int(p) for p in sys.argv[2].split(",")], sys.argv[3]
stop_file = os.path.join(out_dir, "stop")
lock = threading.Lock()
subs = []        # dicts: node, sock, since, until, seqs, dropped_at
published = []   # (seq, node, t_sent, status, t_answer)
joins = []       # (i, node, ok, t)
ready = {n: [] for n in range(len(ports))}  # node -> [(t, status)] at each change
errors = []
initial = threading.Event()  # set once the first SUBS per node are subscribed


def stopped():
    return os.path.exists(stop_file)


def drained():
    """The receivers read on for DRAIN_S after the load stopped, so what is in flight arrives."""
    return stopped() and time.time() - os.path.getmtime(stop_file) > DRAIN_S


def wait_webhooks():
    """Webhooks come later (batching, retries with backoff): waits until the log has not grown for 5 s."""
    end, last, since = time.time() + WEBHOOK_WAIT_S, -1, time.time()
    while time.time() < end:
        size = os.path.getsize(webhook_log) if os.path.exists(webhook_log) else 0
        if size != last:
            last, since = size, time.time()
        elif time.time() - since >= 5:
            return
        time.sleep(0.5)


def open_sub(node):
    try:
        s = pw.PusherSocket(ports[node])
        s.wait_for("pusher:connection_established", 3)
        s.send("pusher:subscribe", {"channel": "chaos-seq"})
        s.wait_for("pusher_internal:subscription_succeeded", 3)
        s.sock.setblocking(False)
        return {"node": node, "sock": s, "since": time.time(), "until": None, "seqs": set(), "dropped": False}
    except (OSError, ValueError):
        return None


def opener():
    """Keeps SUBS subscribers per node open: opens the missing ones, every second (a dropped one comes back)."""
    while not stopped():
        for n in range(len(ports)):
            with lock:
                live = sum(1 for s in subs if s["node"] == n and s["until"] is None)
            for _ in range(SUBS - live):
                sub = open_sub(n)
                if not sub:
                    break
                with lock:
                    subs.append(sub)
        initial.set()
        time.sleep(1)


def reader():
    """Reads every open subscriber's frames, until the drain after the stop is over."""
    while not drained():
        with lock:
            live = [s for s in subs if s["until"] is None]
        if not live:
            time.sleep(0.1)
            continue
        by_sock = {id(s["sock"]): s for s in live}
        for sock in select.select([s["sock"] for s in live], [], [], 0.2)[0]:
            sub = by_sock[id(sock)]
            try:
                for f in sock.read_frames():
                    if b"chaos-seq" in f and b"seq" in f:
                        sub["seqs"].add(json.loads(json.loads(f)["data"])["seq"])
                    elif b"pusher:ping" in f:
                        sock.send("pusher:pong", {})
            except (OSError, ValueError):
                sub["until"] = time.time()
                sub["dropped"] = True
                sock.close()
    with lock:
        for s in subs:
            if s["until"] is None:
                s["until"] = time.time()
                s["sock"].close()


def publisher(node):
    """Publishes to one node at RATE / nodes per second; seq numbers are global (seq % nodes == node)."""
    pub = pw.Publisher(ports[node], APP, KEY, SECRET)
    n, step = len(ports), len(ports) / RATE
    seq, start = node, time.time()
    while not stopped():
        t = time.time()
        status = pub.publish("chaos-seq", "seq", json.dumps({"seq": seq}))
        with lock:
            published.append((seq, node, t, status, time.time()))
        seq += n
        time.sleep(max(0.0, start + (seq // n) * step - time.time()))


def churn():
    i = 0
    while not stopped():
        t = time.time()
        node = i % len(ports)
        ch, data = f"presence-chaos-{i}", json.dumps({"user_id": f"u{i}"})
        ok = False
        try:
            s = pw.PusherSocket(ports[node])
            try:
                est, _ = s.wait_for("pusher:connection_established", 3)
                auth = pw.presence_auth(KEY, SECRET, pw.socket_id(est), ch, data)
                s.send("pusher:subscribe", {"channel": ch, "auth": auth, "channel_data": data})
                s.wait_for("pusher_internal:subscription_succeeded", 3)
                ok = True
                time.sleep(HOLD)
            finally:
                s.close()
        except (OSError, ValueError):
            pass
        joins.append((i, node, ok, t))
        i += 1
        time.sleep(max(0.0, t + CHURN_EVERY - time.time()))


def ready_poller():
    while not stopped():
        for n, p in enumerate(ports):
            st = pw.get_status(f"http://127.0.0.1:{p}/ready", timeout=2)
            if not ready[n] or ready[n][-1][1] != st:
                ready[n].append((time.time(), st))
        time.sleep(0.5)


def markers():
    m = {}
    with open(os.path.join(out_dir, "markers")) as f:
        for line in f:
            k, v = line.split()
            m[k] = float(v) if k != "victim" else v
    return m


def analyse():
    m = markers()
    victim = int(m["victim"]) if m.get("victim", "none") not in ("none", "-") else None
    kill, restart = m["kill"], m["restart"]
    published.sort()
    acked = [(seq, node, t, ta) for seq, node, t, st, ta in published if st == 200]
    pairs_lost, seqs_lost, lost_after_restart_last = 0, set(), None
    for s in subs:
        for seq, node, t, ta in acked:
            if t >= s["since"] and ta <= s["until"] - (IN_FLIGHT_S if s["dropped"] else 0) and seq not in s["seqs"]:
                pairs_lost += 1
                seqs_lost.add(seq)
    by_seq = {seq: t for seq, node, t, ta in acked}
    last_lost = max(seqs_lost) if seqs_lost else None
    if last_lost is not None and by_seq[last_lost] >= restart:
        after = [seq for seq in by_seq if seq > last_lost]
        recovered_s = round(by_seq[min(after)] - restart, 1) if after else None
    else:
        recovered_s = 0.0
    lost_during = sum(1 for q in seqs_lost if kill <= by_seq[q] <= restart)
    dropped_healthy = sum(1 for s in subs if s["dropped"] and s["node"] != victim and s["until"] >= kill - 1)
    dropped_victim = sum(1 for s in subs if s["dropped"] and s["node"] == victim)
    ready_ok = None
    last_bad = max((t for n in ready for t, st in ready[n] if st != 200), default=None)
    if last_bad is not None and last_bad >= kill:
        ready_ok = max(t for n in ready for t, st in ready[n] if st == 200 and t > last_bad) if all(
            ready[n] and ready[n][-1][1] == 200 for n in ready) else None
    ready_states = sorted({f"node{n + 1}:{st or 'no answer in 2 s'}" for n in ready for t, st in ready[n] if kill <= t and st != 200})
    # webhooks
    got = {}
    bad_sig = 0
    if os.path.exists(webhook_log):
        with open(webhook_log) as f:
            for line in f:
                name, ch, _ = line.split()
                if name == "BAD_SIGNATURE":
                    bad_sig += 1
                got[(name, ch)] = got.get((name, ch), 0) + 1
    kinds = ("channel_occupied", "member_added", "member_removed", "channel_vacated")
    expected = [(k, f"presence-chaos-{i}", i, t) for i, node, ok, t in joins if ok for k in kinds]
    wh_lost = [(k, ch, t) for k, ch, i, t in expected if got.get((k, ch), 0) == 0]
    wh_dup = sum(got.get((k, ch), 0) - 1 for k, ch, i, t in expected if got.get((k, ch), 0) > 1)
    res = {
        "subscribers_per_node": SUBS, "publish_rate": RATE, "published": len(published), "acked": len(acked),
        "refused_or_failed": len(published) - len(acked),
        "failed_during_outage": sum(1 for _, _, t, st, _ in published if st != 200 and kill <= t <= restart + 30),
        "dropped_healthy": dropped_healthy, "dropped_victim": dropped_victim,
        "lost_pairs": pairs_lost, "lost_seqs": len(seqs_lost), "lost_seqs_during_outage": lost_during,
        "lost_seqs_after_restart": sum(1 for q in seqs_lost if by_seq[q] > restart),
        "recovered_s": recovered_s,
        "ready_ok_s": round(ready_ok - restart, 1) if ready_ok else (0.0 if last_bad is None or last_bad < kill
                                                                    else None),
        "ready_while_down": ready_states,
        "joins": len(joins), "joins_ok": sum(1 for j in joins if j[2]),
        "webhooks_expected": len(expected), "webhooks_lost": len(wh_lost), "webhooks_duplicated": wh_dup,
        "webhooks_lost_during_outage": sum(1 for k, ch, t in wh_lost if kill - 2 <= t <= restart + 2),
        "webhooks_lost_kinds": sorted({k for k, ch, t in wh_lost}),
        "webhooks_lost_join_times_s": sorted({round(t - kill, 1) for k, ch, t in wh_lost}),
        "webhook_bad_signatures": bad_sig, "errors": errors,
    }
    with open(os.path.join(out_dir, "result.json"), "w") as f:
        json.dump(res, f, indent=1)
    with open(os.path.join(out_dir, "subscribers.json"), "w") as f:
        json.dump([{"node": s["node"] + 1, "since": round(s["since"] - kill, 2), "until": round(s["until"] - kill, 2),
                    "dropped": s["dropped"], "received": len(s["seqs"]),
                    "missing": sorted(q for q, node, t, ta in acked if t >= s["since"] and ta <= s["until"]
                                      - (IN_FLIGHT_S if s["dropped"] else 0) and q not in s["seqs"])[:50]}
                   for s in subs], f)
        f.write("\n")
        json.dump([(q, node + 1, round(t - kill, 2), st) for q, node, t, st, ta in published], f)
    with open(os.path.join(out_dir, "ready.json"), "w") as f:
        json.dump({f"node{n + 1}": [(round(t - kill, 1), st) for t, st in ready[n]] for n in ready}, f)
    print(json.dumps(res))


def main():
    threads = [threading.Thread(target=f, daemon=True) for f in (opener, reader, ready_poller)]
    for t in threads:
        t.start()
    initial.wait()
    more = [threading.Thread(target=churn, daemon=True)]
    more += [threading.Thread(target=publisher, args=(n,), daemon=True) for n in range(len(ports))]
    for t in more:
        t.start()
    threads += more
    open(os.path.join(out_dir, "driver.started"), "w").close()
    for t in threads:
        t.join()
    wait_webhooks()
    analyse()


if __name__ == "__main__":
    main()
