"""A stand-in external dispatch system on 127.0.0.1 that checks signatures and can be down."""

import hashlib
import hmac
import http.server
import json
import threading
import time

SECRET = "dispatch-test-secret"


class DispatchReceiver:
    """Records every delivery; answers 503 while `down`, sleeps `delay` seconds per request."""

    def __init__(self, port=0):
        self.deliveries = []  # (delivery_id, booking_id, state, signature_ok)
        self.down = False
        self.delay = 0.0
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if receiver.delay:
                    time.sleep(receiver.delay)
                if receiver.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                document = json.loads(body)
                with receiver.lock:
                    receiver.deliveries.append(
                        (document["delivery_id"], document["booking"]["id"], document["state"],
                         hmac.compare_digest(self.headers.get("X-ElderRide-Signature", ""), expected))
                    )
                self.send_response(202)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/bookings"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
