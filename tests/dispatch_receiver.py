"""A stand-in external dispatch system on 127.0.0.1: verifies signatures, and can redirect, stall,
fail or be down."""

import hashlib
import hmac
import http.server
import json
import threading
import time

from standardwebhooks import Webhook as StandardWebhook
from standardwebhooks import WebhookVerificationError

SECRET = "dispatch-test-secret"


class DispatchReceiver:
    """Records every delivery; answers 503 while `down`, sleeps `delay` seconds per request.

    `plan(delivery_id, attempt)` may return what to do with one try instead: ("ok", seconds),
    ("fail", status), ("redirect", status) or ("stall", seconds) — a stall then answers 503.
    """

    def __init__(self, port=0, *, secret=SECRET, standard_secret=None, plan=None):
        self.deliveries = []  # (delivery_id, booking_id, state, signature_ok)
        # (delivery_id, booking_id, state, standard signature ok, what was answered)
        self.tries = []
        self.acknowledged = []  # delivery ids answered 2xx, in order
        self.gets = []  # paths fetched with GET (a followed redirect)
        self.bodies = []  # every body posted, parsed, in the order it came
        self.down = False
        self.delay = 0.0
        self.plan = plan
        self.lock = threading.Lock()
        self.legacy_key = secret.encode()
        self.standard = StandardWebhook(standard_secret) if standard_secret else None
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                with receiver.lock:
                    receiver.gets.append(self.path)
                self._answer(200)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                document = json.loads(body)
                with receiver.lock:
                    receiver.bodies.append(document)
                delivery_id = self.headers.get("webhook-id") or document["delivery_id"]
                with receiver.lock:
                    attempt = 1 + sum(1 for entry in receiver.tries if entry[0] == delivery_id)
                    action = (
                        receiver.plan(delivery_id, attempt)
                        if receiver.plan
                        else ("ok", receiver.delay)
                    )
                    if receiver.down:
                        action = ("fail", 503)
                    receiver.tries.append(
                        (
                            delivery_id,
                            document["booking"]["id"],
                            document["state"],
                            receiver.verify(body, self.headers),
                            action[0],
                        )
                    )
                kind, value = action
                if kind in ("ok", "stall") and value:
                    time.sleep(value)
                if kind == "redirect":
                    self._answer(value, {"Location": f"http://127.0.0.1:{receiver.port}/elsewhere"})
                    return
                if kind != "ok":
                    self._answer(503 if kind == "stall" else value)
                    return
                expected = (
                    "sha256=" + hmac.new(receiver.legacy_key, body, hashlib.sha256).hexdigest()
                )
                with receiver.lock:
                    receiver.deliveries.append(
                        (
                            document["delivery_id"],
                            document["booking"]["id"],
                            document["state"],
                            hmac.compare_digest(
                                self.headers.get("X-ElderRide-Signature", ""), expected
                            ),
                        )
                    )
                    receiver.acknowledged.append(delivery_id)
                self._answer(202)

            def _answer(self, status, headers=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/bookings"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def verify(self, body, headers):
        """Check a try's Standard Webhooks signature with the standardwebhooks package (None: not
        asked)."""
        if self.standard is None:
            return None
        try:
            self.standard.verify(body, {name.lower(): value for name, value in headers.items()})
        except WebhookVerificationError:
            return False
        return True

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
