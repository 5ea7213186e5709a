"""A stand-in TDS trip provider on 127.0.0.1: keeps every telegram document posted to it, checks its
Standard Webhooks signature, and can be down."""

import http.server
import json
import threading

from standardwebhooks import Webhook as StandardWebhook
from standardwebhooks import WebhookVerificationError


class TdsProvider:
    """Records (telegrams, signature ok) for each post it acknowledges; answers 503 while `down`."""

    def __init__(self, secret):
        self.received = []
        self.down = False
        self.hook = StandardWebhook(secret)
        provider = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if provider.down:
                    self._answer(503)
                    return
                try:
                    provider.hook.verify(body, {k.lower(): v for k, v in self.headers.items()})
                    signed = True
                except WebhookVerificationError:
                    signed = False
                provider.received.append((json.loads(body), signed))
                self._answer(200)

            def _answer(self, status):
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tds"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
