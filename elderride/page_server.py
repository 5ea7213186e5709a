"""Pages served by a waitress server of their own, reached over HTTP: the standard arrangement,
measured against `page_process`'s own messages (`elderride bench scale --arrangements`).

The phone line's process answers `/voice/`, the demo phone and static files, and hands every other
request to a second waitress server on a private Unix socket as an ordinary HTTP/1.1 request: the
client's Host and forwarded headers go as they came, and what the hop would lose (the client's
address, the scheme, the phone line's speech health) goes in one JSON header that the page server
believes only with the key it was started with.
"""

from __future__ import annotations

import hmac
import http.client
import json
import logging
import os
import queue
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from waitress.server import create_server

from elderride import page_process
from elderride.page_process import Answer, Build, PageProcess, PageProcessDown, Request
from elderride.serving import settle

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

KEY_HEADER = "X-Elderride-Key"
# What of the phone line's environ the hop would lose, as JSON, with the moment it stops waiting.
ENVIRON_HEADER = "X-Elderride-Environ"
PRIVATE = "HTTP_X_ELDERRIDE_"  # never taken from a client: only the phone line's process sets them
PING_PATH = "/.elderride/ping"
# Entries of the environ that are not headers and cross in ENVIRON_HEADER.
CROSSING = ("REMOTE_ADDR", "REMOTE_PORT", "SERVER_NAME", "SERVER_PORT", "wsgi.url_scheme")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding"}
# The page server's own Server and Date: the phone line's waitress adds its own.
NOT_PASSED_BACK = HOP_BY_HOP | {"server", "date"}
# Waitress threads in the page server: enough that a ping never queues behind pages waiting for a
# turn (turns, not threads, say how many pages run at once).
PAGE_SERVER_THREADS = 32


class UnixConnection(http.client.HTTPConnection):
    """An HTTP connection to a server on a Unix socket."""

    def __init__(self, address: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.address = address

    def connect(self) -> None:
        """Connect to the socket at `address`."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect(self.address)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def request_target(carried: dict[str, str]) -> str:
    """Return the request's path and query as the client sent them."""
    path = carried.get("SCRIPT_NAME", "") + carried.get("PATH_INFO", "")
    target = urllib.parse.quote(path.encode("latin-1"), safe="/:@!$&'()*+,;=~")
    query = carried.get("QUERY_STRING")
    return f"{target}?{query}" if query else target


def request_headers(carried: dict[str, str]) -> list[tuple[str, str]]:
    """Return the client's headers from a carried environ, less the hop's and the private ones."""
    headers = []
    for key, value in carried.items():
        if not key.startswith("HTTP_") or key.startswith(PRIVATE):
            continue
        name = key[5:].replace("_", "-").title()
        if name.lower() not in HOP_BY_HOP:
            headers.append((name, value))
    if carried.get("CONTENT_TYPE"):
        headers.append(("Content-Type", carried["CONTENT_TYPE"]))
    if "HTTP_HOST" not in carried:
        headers.append(
            ("Host", f"{carried.get('SERVER_NAME', '')}:{carried.get('SERVER_PORT', '')}")
        )
    return headers


def send_request(
    connection: http.client.HTTPConnection,
    carried: dict[str, str],
    body: bytes,
    key: str,
    deadline: float,
) -> None:
    """Send one carried request over `connection` as HTTP/1.1."""
    connection.putrequest(
        carried.get("REQUEST_METHOD", "GET"),
        request_target(carried),
        skip_host=True,
        skip_accept_encoding=True,
    )
    for name, value in request_headers(carried):
        connection.putheader(name, value)
    crossing = {
        key: value
        for key, value in carried.items()
        if key in CROSSING or not (key.isupper() or key.startswith("wsgi."))
    }
    connection.putheader(ENVIRON_HEADER, json.dumps({"environ": crossing, "deadline": deadline}))
    connection.putheader(KEY_HEADER, key)
    if body or "CONTENT_LENGTH" in carried:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body or None)


class HttpPages(PageProcess):
    """A `PageProcess` whose process is a waitress server, asked over HTTP."""

    def __init__(self, build: Build, **options: Any) -> None:
        super().__init__(build, **options)
        self.key = self.authkey.hex()
        self.connections: queue.LifoQueue[tuple[int, UnixConnection]] = queue.LifoQueue()

    def _spawn(self) -> None:
        process = self.context.Process(
            target=serve_pages,
            args=(self.build, self.address, self.key, self.at_once),
            name="elderride-pages",
            daemon=True,
        )
        process.start()
        self.process, self.started_at = process, time.monotonic()
        self.generation += 1

    def _ping(self, connection: UnixConnection) -> bool:
        connection.request("GET", PING_PATH, headers={KEY_HEADER: self.key})
        response = connection.getresponse()
        return response.status == 200 and response.read() == b"pong"

    def _answers_ping(self, timeout: float = page_process.CONNECT_TRY_SECONDS) -> bool:
        connection = UnixConnection(self.address, timeout)
        try:
            return self._ping(connection)
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    def _drop_idle(self) -> None:
        super()._drop_idle()
        while True:
            try:
                _, connection = self.connections.get_nowait()
            except queue.Empty:
                return
            connection.close()

    def _connect_http(self, timeout: float) -> UnixConnection:
        # A ping first: a connection the page server answered on was taken, so a request sent
        # after it that fails may have run; one that fails before it carried nothing.
        connection = UnixConnection(self.address, timeout)
        try:
            if not self._ping(connection):
                raise ConnectionError("the page server did not take the connection")
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            raise ConnectionError(str(error) or type(error).__name__) from None
        return connection

    def _http_connection(self) -> tuple[int, UnixConnection]:
        try:
            generation, connection = self.connections.get_nowait()
            if generation == self.generation:
                return generation, connection
            connection.close()
        except queue.Empty:
            pass
        deadline = time.monotonic() + page_process.CONNECT_SECONDS
        while True:
            generation = self.generation
            try:
                return generation, self._connect_http(page_process.CONNECT_TRY_SECONDS)
            except OSError as error:
                if self.stopping.is_set() or time.monotonic() > deadline:
                    raise PageProcessDown(str(error)) from None
                self.stopping.wait(0.05)

    def exchange(self, request: Request) -> Answer:
        """Send one request to the page server over HTTP and return its answer."""
        generation, connection = self._http_connection()
        carried, body = request
        seconds = page_process.ANSWER_SECONDS
        try:
            assert connection.sock is not None  # connected and pinged
            connection.sock.settimeout(seconds)
            send_request(connection, carried, body, self.key, time.monotonic() + seconds)
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            # Not sent again: the page server may have acted on it (a booking) before it died.
            connection.close()
            raise PageProcessDown(str(error) or type(error).__name__) from None
        headers = [
            (name, value)
            for name, value in response.getheaders()
            if name.lower() not in NOT_PASSED_BACK
        ]
        if response.will_close:
            connection.close()
        else:
            self.connections.put((generation, connection))
        return f"{response.status} {response.reason}", headers, content


class Inside:
    """WSGI middleware in the page server: believes the phone line's process (with its key) about
    what the hop lost, and runs pages `at_once` at a time."""

    def __init__(self, app: WSGIApplication, key: str, at_once: int) -> None:
        self.app = app
        self.key = key.encode()
        self.turns = threading.BoundedSemaphore(at_once)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        given = environ.pop("HTTP_X_ELDERRIDE_KEY", "")
        if not hmac.compare_digest(given.encode("latin-1"), self.key):
            log.warning("a request to the page server had the wrong key")
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b""]
        if environ.get("PATH_INFO") == PING_PATH:
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"pong"]  # no turn: a busy page server is still a live one
        try:
            crossed = json.loads(environ.pop("HTTP_X_ELDERRIDE_ENVIRON"))
            environ.update(crossed["environ"])
            deadline = float(crossed["deadline"])
        except (KeyError, TypeError, ValueError):
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b""]
        with self.turns:
            if time.monotonic() > deadline:
                # The phone line's process stopped waiting and told the asker to try again: a
                # request that only now gets its turn is not run (twice, with the retry).
                log.warning("a request waited past its time for a turn; not run")
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b""]
            status, headers, content = page_process.run_whole(self.app, environ)
        start_response(status, headers)
        return [content]


def serve_pages(build: Build, address: str, key: str, at_once: int) -> None:
    """The page server's process: build the app, then serve it with waitress on `address`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    stopped = threading.Event()
    signal.signal(signal.SIGUSR1, lambda *_: stopped.set())
    page_process._leave_with_parent(address)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s [pages]: %(message)s"
    )
    app, cleanup = build()
    settle()
    if os.path.exists(address):
        os.unlink(address)  # left by a page server that was killed
    server = create_server(
        Inside(app, key, at_once),
        unix_socket=address,
        unix_socket_perms="600",
        threads=PAGE_SERVER_THREADS,
        ident="elderride-pages",
        # Forwarded headers are the app's to judge (its ProxyFix), as on the public port.
        clear_untrusted_proxy_headers=False,
        asyncore_use_poll=True,
    )
    threading.Thread(target=server.run, name="page-server", daemon=True).start()
    try:
        while not stopped.wait(1.0):
            pass
    finally:
        server.close()
        cleanup()
