"""A minimal Pusher-protocol WebSocket client and the Pusher HTTP API signature, standard library only (no PyPI
here), for the chaos driver. Blocking connect and upgrade, then non-blocking reads driven by the caller's select.
"""
import base64
import hashlib
import hmac
import http.client
import json
import os
import socket
import struct
import time
import urllib.request


class PusherSocket:
    def __init__(self, port, key="app-key", timeout=3.0):
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        try:
            nonce = base64.b64encode(os.urandom(16)).decode()
            s.sendall((f"GET /app/{key}?protocol=7&client=chaos&version=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                       f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {nonce}\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n").encode())
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = s.recv(4096)
                if not chunk:
                    raise OSError("closed during upgrade")
                head += chunk
            if b" 101 " not in head.split(b"\r\n", 1)[0]:
                raise OSError("upgrade refused: " + head.split(b"\r\n", 1)[0].decode(errors="replace"))
        except BaseException:
            s.close()
            raise
        self.sock = s
        self.buf = head.split(b"\r\n\r\n", 1)[1]
        self.closed = False

    def fileno(self):
        return self.sock.fileno()

    def send(self, event, data, channel=None):
        msg = {"event": event, "data": data}
        if channel:
            msg["channel"] = channel
        payload = json.dumps(msg).encode()
        n = len(payload)
        header = struct.pack("!BB", 0x81, 0x80 | n) if n < 126 else struct.pack("!BBH", 0x81, 0x80 | 126, n)
        self.sock.sendall(header + b"\0\0\0\0" + payload)  # all-zero mask: valid RFC 6455, nothing to XOR

    def read_frames(self, block_s=None):
        """Returns the complete text payloads buffered; when there are none, reads once (waiting up to block_s, or
        not at all when None) and returns what that completed. Raises OSError when the server closed the socket."""
        frames = self._parse()
        if frames:
            return frames
        self.sock.settimeout(block_s if block_s is not None else 0.0)
        try:
            chunk = self.sock.recv(65536)
        except (BlockingIOError, socket.timeout):
            chunk = None
        if chunk == b"":
            raise OSError("closed by server")
        if chunk:
            self.buf += chunk
        return self._parse()

    def _parse(self):
        frames = []
        while len(self.buf) >= 2:
            opcode, n, off = self.buf[0] & 0x0F, self.buf[1] & 0x7F, 2
            if n == 126:
                if len(self.buf) < 4:
                    break
                n, off = struct.unpack("!H", self.buf[2:4])[0], 4
            elif n == 127:
                if len(self.buf) < 10:
                    break
                n, off = struct.unpack("!Q", self.buf[2:10])[0], 10
            if len(self.buf) < off + n:
                break
            payload, self.buf = self.buf[off:off + n], self.buf[off + n:]
            if opcode == 0x8:
                raise OSError("close frame " + str(struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else ""))
            if opcode == 0x1:
                frames.append(payload)
        return frames

    def wait_for(self, event, timeout):
        """Blocks until a frame naming event arrives; returns (its decoded message, frames seen before)."""
        end = time.monotonic() + timeout
        seen = []
        while time.monotonic() < end:
            for f in self.read_frames(block_s=max(0.01, end - time.monotonic())):
                m = json.loads(f)
                if m.get("event") == event:
                    return m, seen
                seen.append(m)
        raise OSError("no " + event + " within " + str(timeout) + " s")

    def close(self):
        self.closed = True
        try:
            self.sock.close()
        except OSError:
            pass


def socket_id(established):
    return json.loads(established["data"])["socket_id"]


def presence_auth(key, secret, sid, channel, channel_data):
    sig = hmac.new(secret.encode(), f"{sid}:{channel}:{channel_data}".encode(), hashlib.sha256).hexdigest()
    return f"{key}:{sig}"


def signed_events_request(app_id, key, secret, channel, name, data):
    """(path with signed query, body) of a POST /apps/{id}/events."""
    body = json.dumps({"name": name, "channel": channel, "data": data}).encode()
    path = f"/apps/{app_id}/events"
    q = {"auth_key": key, "auth_timestamp": str(int(time.time())), "auth_version": "1.0",
         "body_md5": hashlib.md5(body).hexdigest()}
    qs = "&".join(f"{k}={q[k]}" for k in sorted(q))
    q_sig = hmac.new(secret.encode(), f"POST\n{path}\n{qs}".encode(), hashlib.sha256).hexdigest()
    return f"{path}?{qs}&auth_signature={q_sig}", body


class Publisher:
    """Signed POST /events to one node over a keep-alive connection, opened again after any failure."""

    def __init__(self, port, app_id, key, secret, timeout=2.0):
        self.port, self.app = port, (app_id, key, secret)
        self.timeout = timeout
        self.conn = None

    def publish(self, channel, name, data):
        """Returns the HTTP status, 0 when the node did not answer."""
        path, body = signed_events_request(*self.app, channel, name, data)
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            r = self.conn.getresponse()
            r.read()
            return r.status
        except (OSError, http.client.HTTPException):
            if self.conn:
                self.conn.close()
            self.conn = None
            return 0


def get_status(url, timeout=1.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0
