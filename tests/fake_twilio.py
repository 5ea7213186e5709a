"""A local stand-in for Twilio's REST host on 127.0.0.1: recordings behind the account's
credentials, errors included."""

import base64
import http.server
import re
import threading
import time

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "test-auth-token"


def serve_locally(handler):
    """Serve `handler` on 127.0.0.1 at a free port in a background thread; return the server and its
    URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class FakeTwilio:
    """Serves recordings as Twilio's API does: Basic auth, .wav on request, 404 for unknown ones."""

    def __init__(self):
        self.recordings = {}
        self.requests = []  # (method, path, authorised)
        self.fail_next = 0  # answer this many requests with 500
        self.messages = []  # texts sent: dict of the posted form
        self.calls = []  # calls placed: dict of the posted form
        self.call_sids = []  # the CallSid Twilio gave each of them, in the same order
        self.updates = []  # live calls redirected: (CallSid, dict of the posted form)
        self.invalid_numbers = set()  # 'To' numbers Twilio refuses for good (21211)
        self.media_redirect = (
            None  # a base URL: recordings answer 307 there, as Twilio's temporary media URLs do
        )
        self.stall = 0.0  # seconds to hold every recording request before answering
        self.held = None  # a threading.Event: every recording request waits until it is set
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                expected = (
                    "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
                )
                authorised = self.headers.get("Authorization") == expected
                fake.requests.append(("GET", self.path, authorised))
                if not authorised:
                    return self._send(
                        401, b'{"code": 20003, "message": "Authenticate"}', "application/json"
                    )
                match = re.fullmatch(
                    rf"/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/(RE\w+)(\.wav)?", self.path
                )
                if fake.fail_next:
                    fake.fail_next -= 1
                    return self._send(
                        500,
                        b'{"code": 20500, "message": "Internal Server Error"}',
                        "application/json",
                    )
                if fake.stall:
                    time.sleep(fake.stall)
                if fake.held is not None:
                    fake.held.wait(300)
                if not match or match.group(1) not in fake.recordings:
                    return self._send(
                        404,
                        b'{"code": 20404, "message": "The requested resource was not found"}',
                        "application/json",
                    )
                if fake.media_redirect:
                    self.send_response(307)
                    self.send_header("Location", fake.media_redirect + self.path)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(200, fake.recordings[match.group(1)], "audio/x-wav")

            def do_POST(self):
                import json
                import urllib.parse

                expected = (
                    "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
                )
                authorised = self.headers.get("Authorization") == expected
                fake.requests.append(("POST", self.path, authorised))
                form = dict(
                    urllib.parse.parse_qsl(
                        self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                    )
                )
                if not authorised:
                    return self._send(
                        401,
                        b'{"code": 20003, "message": "Authenticate", "status": 401}',
                        "application/json",
                    )
                update = re.fullmatch(
                    rf"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/(CA\w+)\.json", self.path
                )
                if update and not fake.fail_next:
                    fake.updates.append((update.group(1), form))
                    body = {
                        "sid": update.group(1),
                        "account_sid": ACCOUNT_SID,
                        "status": "in-progress",
                    }
                    return self._send(200, json.dumps(body).encode(), "application/json")
                match = re.fullmatch(
                    rf"/2010-04-01/Accounts/{ACCOUNT_SID}/(Messages|Calls)\.json", self.path
                )
                if not match:
                    return self._send(
                        404,
                        b'{"code": 20404, "message": "Not found", "status": 404}',
                        "application/json",
                    )
                if fake.fail_next:
                    fake.fail_next -= 1
                    return self._send(
                        500,
                        b'{"code": 20500, "message": "Internal Server Error", "status": 500}',
                        "application/json",
                    )
                if form.get("To") in fake.invalid_numbers:
                    body = {
                        "code": 21211,
                        "message": f"The 'To' number {form.get('To')} is not a valid phone number.",
                        "status": 400,
                    }
                    return self._send(400, json.dumps(body).encode(), "application/json")
                kind = match.group(1)
                (fake.messages if kind == "Messages" else fake.calls).append(form)
                sid = (
                    "SM" if kind == "Messages" else "CA"
                ) + f"{len(fake.messages) + len(fake.calls):032d}"
                if kind == "Calls":
                    fake.call_sids.append(sid)
                body = {
                    "sid": sid,
                    "account_sid": ACCOUNT_SID,
                    "to": form.get("To"),
                    "from": form.get("From"),
                    "status": "queued",
                }
                self._send(201, json.dumps(body).encode(), "application/json")

            def _send(self, status, body, content_type):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server, self.url = serve_locally(Handler)

    def answer(self, index, outcome, post):
        """Play out placed call `index` as Twilio would for `outcome` ("person", "machine",
        "no-answer", "busy"): its signed answering-machine and status callbacks, through `post`
        (post(url, params, headers)). Return the TwiML a machine was moved to, or None."""
        from twilio.request_validator import RequestValidator

        form, sid = self.calls[index], self.call_sids[index]
        validator = RequestValidator(AUTH_TOKEN)

        def callback(url, params):
            params = {
                "CallSid": sid,
                "AccountSid": ACCOUNT_SID,
                "From": form["From"],
                "To": form["To"],
                "Direction": "outbound-api",
                **params,
            }
            headers = {"X-Twilio-Signature": validator.compute_signature(url, params)}
            return post(url, params, headers)

        moved = None
        if outcome in ("person", "machine") and form.get("AsyncAmd") == "true":
            answered_by = "human" if outcome == "person" else "machine_end_beep"
            before = len(self.updates)
            callback(
                form["AsyncAmdStatusCallback"],
                {"AnsweredBy": answered_by, "CallStatus": "in-progress"},
            )
            if len(self.updates) > before:
                # The live call was moved: Twilio fetches the new URL and plays it to the machine.
                url = self.updates[-1][1]["Url"]
                status, moved = callback(
                    url, {"CallStatus": "in-progress", "AnsweredBy": answered_by}
                )
                assert status == 200, moved
        status = {"person": "completed", "machine": "completed"}.get(outcome, outcome)
        final = {"CallStatus": status}
        if outcome in ("person", "machine"):
            final["AnsweredBy"] = "human" if outcome == "person" else "machine_end_beep"
        answer_status, _ = callback(form["StatusCallback"], final)
        assert answer_status == 204, answer_status
        return moved

    def add(self, recording_sid, wav_bytes):
        """Hold a recording and return its RecordingUrl, as Twilio reports it (no extension)."""
        self.recordings[recording_sid] = wav_bytes
        return f"{self.url}/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{recording_sid}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class MediaHost:
    """Another host, like the storage Twilio redirects media to: serves any path, remembers the
    headers it got."""

    def __init__(self, body=b"RIFF", *, redirect_to=None, delay=0.0):
        self.requests = []  # (path, Authorization header or None)
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                host.requests.append((self.path, self.headers.get("Authorization")))
                time.sleep(delay)
                if redirect_to:
                    self.send_response(302)
                    self.send_header("Location", redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "audio/x-wav")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server, self.url = serve_locally(Handler)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
