"""Outbound requests: one total deadline, whatever the peer or the resolver does."""

import socket
import threading
import time

import pytest

from elderride.services.outgoing import http_requests
from tests.fake_twilio import serve_locally


def trickler():
    """Serve a peer that takes every request and answers it over 20 s; return the server, its URL
    and the paths of the requests it received."""
    import http.server

    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Length", "80")
            self.end_headers()
            for _ in range(80):  # four bytes a second: no single read ever times out
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.25)

        def log_message(self, *args):
            pass

    return (*serve_locally(Handler), received)


@pytest.fixture(params=[0, 10], ids=["watchdog-on-time", "watchdog-late"])
def watchdog_late_by(request, monkeypatch):
    """The deadline's watchdog fires on time, or 10 s late, as on a machine too busy to run its
    thread: the deadline must hold either way."""
    timer = threading.Timer
    if request.param:
        monkeypatch.setattr(
            threading, "Timer", lambda interval, function: timer(interval + request.param, function)
        )
    return request.param


def test_a_trickling_peer_is_cut_off_at_the_deadline(watchdog_late_by):
    server, url, _ = trickler()
    try:
        started = time.monotonic()
        with pytest.raises(http_requests.OutboundError, match="within"):
            http_requests.request("POST", url, body=b"{}", deadline=1.0)
        assert time.monotonic() - started < 5
    finally:
        server.shutdown()
        server.server_close()


def test_the_deadline_holds_when_it_passes_before_there_is_a_socket(monkeypatch, watchdog_late_by):
    server, url, received = trickler()
    resolve = socket.getaddrinfo

    def slow_resolver(*args, **kwargs):
        time.sleep(1.2)  # a resolver slower than the whole deadline
        return resolve(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow_resolver)
    try:
        started = time.monotonic()
        with pytest.raises(http_requests.OutboundError, match="within"):
            http_requests.request("POST", url, body=b"{}", deadline=1.0)
        assert time.monotonic() - started < 5
        assert received == []  # nothing is sent once the deadline has passed
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_is_returned_not_followed():
    import http.server

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(301)
            self.send_header("Location", "https://elsewhere.example/x")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server, url = serve_locally(Handler)
    try:
        answer = http_requests.request("POST", url, body=b"{}", deadline=5)
        assert (answer.status, answer.location) == (301, "https://elsewhere.example/x")
    finally:
        server.shutdown()
        server.server_close()
