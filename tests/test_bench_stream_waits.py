"""The stream bench waits for the server's speech through a slow start: a /healthz answer slower
than one request's timeout (a busy machine loading the model) is asked again, not a failure."""

import http.server
import json
import subprocess
import sys
import threading

import pytest

from elderride.bench import stream


class Health(http.server.BaseHTTPRequestHandler):
    """A server whose first /healthz answers stall past the bench's timeout, then say ready."""

    stalls: threading.Semaphore
    release: threading.Event
    asked: int

    def do_GET(self):  # noqa: N802 - the name http.server calls
        type(self).asked += 1
        if self.stalls.acquire(blocking=False):
            self.release.wait(5)  # longer than the bench's timeout for one request
            reason = "loading"
        else:
            reason = "ready"
        body = json.dumps({"speech": {"reason": reason}}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def health():
    handler = type(
        "Stalling",
        (Health,),
        {"stalls": threading.Semaphore(2), "release": threading.Event(), "asked": 0},
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    handler.release.set()
    server.shutdown()
    server.server_close()


def test_a_health_answer_slower_than_one_request_is_asked_again_until_ready(health):
    base_url, handler = health
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stream._wait_for_speech(base_url, running, seconds=30, ask_timeout=0.5)
    finally:
        running.kill()
        running.wait()
    assert handler.asked >= 3


def test_a_server_that_exits_while_it_is_awaited_fails_at_once(health):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    with pytest.raises(RuntimeError, match="exited with 0"):
        stream._wait_for_speech(health[0], ended, seconds=30, ask_timeout=0.5)
