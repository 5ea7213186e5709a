"""The browser tests' server stops cleanly, however busy it is when the test ends."""

import threading
import urllib.request

from flask import Flask

from tests.live_server import LiveServer


def _tiny_app():
    app = Flask(__name__)
    app.add_url_rule("/", "index", lambda: "ok")
    return app


def test_stopping_the_live_server_raises_nothing_in_its_threads(monkeypatch):
    raised = []
    monkeypatch.setattr(threading, "excepthook", lambda hook: raised.append(hook.exc_value))
    app = _tiny_app()
    for _ in range(40):
        server = LiveServer(app, threads=2)
        # A kept-alive connection stays in the poll set while the server is told to stop.
        with urllib.request.urlopen(server.url, timeout=10) as response:
            assert response.read() == b"ok"
        server.stop()
    assert raised == []


def test_a_stopped_live_server_no_longer_answers():
    server = LiveServer(_tiny_app(), threads=1)
    server.stop()
    try:
        urllib.request.urlopen(server.url, timeout=2)
    except OSError:
        pass
    else:
        raise AssertionError("the stopped server still answered")
