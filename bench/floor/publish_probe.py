#!/usr/bin/env python3
"""Publish -> frame latency for one subscriber, one publish at a time, against any Pusher-compatible server.

With nothing else in flight this is the smallest latency a publish can see on this machine; run it with a gap
between publishes (S2 publishes every 100 ms) and with --spin to see how much of it is the VM waking idle vCPUs:
--spin keeps a SCHED_IDLE busy loop on every CPU for the run, so no vCPU halts (they only run when nothing else
wants the CPU, and stop at the deadline or when the probe ends).

  taskset -c 1 python3 bench/floor/publish_probe.py --port 6001 --count 300 --gap-ms 100 [--spin]
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import signal
import socket
import time


def connect(host, port):
    s = socket.create_connection((host, port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


class Subscriber:
    """A bare WebSocket client: enough framing for short unmasked server text frames."""

    def __init__(self, host, port, key):
        self.sock = connect(host, port)
        nonce = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /app/{key}?protocol=7 HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {nonce}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.recv()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise SystemExit(f"upgrade refused: {head[:80]!r}")

    def recv(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise SystemExit("server closed the WebSocket")
        return chunk

    def frame(self):
        while True:
            if len(self.buf) >= 2:
                size, start = self.buf[1] & 0x7F, 2
                if size == 126:
                    size, start = int.from_bytes(self.buf[2:4], "big"), 4
                elif size == 127:
                    size, start = int.from_bytes(self.buf[2:10], "big"), 10
                if len(self.buf) >= start + size:
                    payload, self.buf = self.buf[start:start + size], self.buf[start + size:]
                    return json.loads(payload)
            self.buf += self.recv()

    def event(self, name):
        """The next frame whose event is `name`; the server's pings (after a silent activity timeout) get a pong."""
        while True:
            message = self.frame()
            if message.get("event") == name:
                return message
            if message.get("event") == "pusher:ping":
                self.send({"event": "pusher:pong", "data": {}})

    def send(self, message):
        data = json.dumps(message).encode()
        mask = os.urandom(4)
        header = bytes([0x81, 0x80 | len(data)]) if len(data) < 126 else \
            bytes([0x81, 0xFE]) + len(data).to_bytes(2, "big")
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def signed_publish(app_id, key, secret, channel):
    body = json.dumps({"name": "probe", "channels": [channel], "data": "x" * 100})
    query = (f"auth_key={key}&auth_timestamp={int(time.time())}&auth_version=1.0"
             f"&body_md5={hashlib.md5(body.encode()).hexdigest()}")
    path = f"/apps/{app_id}/events"
    signature = hmac.new(secret.encode(), f"POST\n{path}\n{query}".encode(), hashlib.sha256).hexdigest()
    return (f"POST {path}?{query}&auth_signature={signature} HTTP/1.1\r\nHost: probe\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n{body}").encode()


def read_response(sock):
    """Reads one HTTP response on the keep-alive publisher connection and checks it is a 200."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, rest = data.split(b"\r\n\r\n", 1)
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(rest) < length:
        rest += sock.recv(65536)
    if b" 200 " not in head.split(b"\r\n", 1)[0]:
        raise SystemExit(f"publish refused: {head[:80]!r} {rest[:120]!r}")


def start_spinners(seconds):
    """One SCHED_IDLE busy loop per CPU, each ending by itself at the deadline."""
    pids = []
    for cpu in range(os.cpu_count() or 1):
        pid = os.fork()
        if pid == 0:
            try:
                os.sched_setaffinity(0, {cpu})
                os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    pass
            finally:
                os._exit(0)
        pids.append(pid)
    return pids


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=6001)
    ap.add_argument("--app-id", default="app-id")
    ap.add_argument("--key", default="app-key")
    ap.add_argument("--secret", default="app-secret")
    ap.add_argument("--count", type=int, default=300, help="publishes measured (at most 100,000)")
    ap.add_argument("--gap-ms", type=float, default=100, help="pause between publishes")
    ap.add_argument("--spin", action="store_true", help="keep every vCPU busy with SCHED_IDLE loops")
    a = ap.parse_args()
    count = max(1, min(a.count, 100_000))

    sub = Subscriber(a.host, a.port, a.key)
    if sub.frame().get("event") != "pusher:connection_established":
        raise SystemExit("no pusher:connection_established")
    sub.send({"event": "pusher:subscribe", "data": {"channel": "probe"}})
    if sub.frame().get("event") != "pusher_internal:subscription_succeeded":
        raise SystemExit("subscribe failed")
    publisher = connect(a.host, a.port)

    spinners = start_spinners(count * (a.gap_ms / 1000 + 0.05) + 10) if a.spin else []
    latencies = []
    try:
        for _ in range(count):
            request = signed_publish(a.app_id, a.key, a.secret, "probe")
            start = time.perf_counter()
            publisher.sendall(request)
            sub.event("probe")
            latencies.append((time.perf_counter() - start) * 1000)
            read_response(publisher)
            time.sleep(a.gap_ms / 1000)
    finally:
        for pid in spinners:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    latencies.sort()
    at = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"{count} publishes, gap {a.gap_ms:g} ms, spin {'on' if a.spin else 'off'}: publish -> frame "
          f"p50 {at(0.5):.3f} ms  p90 {at(0.9):.3f} ms  p99 {at(0.99):.3f} ms  max {latencies[-1]:.3f} ms")


if __name__ == "__main__":
    main()
