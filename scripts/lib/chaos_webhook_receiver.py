#!/usr/bin/env python3
"""Webhook receiver for scripts/chaos.sh: checks X-Pusher-Signature, appends one line per event to a log
(flushed before the 200, so an event is answered only once it is written), answers 401 to a bad signature.
Killed and started again by the chaos script; the log is appended to, so counts span restarts.

  chaos_webhook_receiver.py PORT LOG SECRET
"""
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, log_path, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
log = open(log_path, "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        sig = hmac.new(secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, self.headers.get("X-Pusher-Signature", "")):
            log.write("BAD_SIGNATURE - -\n")
            self.send_response(401)
            self.end_headers()
            return
        for e in json.loads(body).get("events", []):
            log.write(f"{e.get('name')} {e.get('channel', '-')} {e.get('user_id', '-')}\n")
        log.flush()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
