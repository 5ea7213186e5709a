"""Pages and API requests served by a process of their own, so the phone line's process has its
interpreter to itself.

Threads of one process share one interpreter lock: however the threads are split into lanes, a
page rendering in Python slows a webhook beside it, and a page that never lets go of the lock
silences the line. Here the server's own process answers the phone line (`/voice/`, the demo
phone that plays it, and static files) and hands every other request, whole, to a second process
over a private local socket, then sends back its answer. That process can be slow, stuck or
crash: no call is in it, and a crashed or stuck one is started again.
"""

from __future__ import annotations

import atexit
import hmac
import io
import json
import logging
import multiprocessing
import os
import queue
import secrets
import shutil
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from elderride.serving import settle

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

# Paths answered in the server's own process: the phone line and the demo phone that plays it
# (beside the media streams whose state they share), and the static files every page needs, the
# one saying pages are starting up again included.
HERE_PREFIXES = ("/voice/", "/demo/", "/static/")
# How long a request waits for the page process to come up (at start, or after a crash).
CONNECT_SECONDS = 30.0
# One attempt to connect: a page process too stuck to take a connection is not waited on longer.
CONNECT_TRY_SECONDS = 2.0
# A page not answered in this long is given up on (its thread is not freed otherwise).
ANSWER_SECONDS = 120.0
# The watcher asks the page process whether it is alive this often; one that has not answered
# for WEDGED_SECONDS (frozen, or a page holding its interpreter) is killed and started again.
PING_SECONDS = 2.0
WEDGED_SECONDS = 30.0
# How long the first start may take before `serve` gives up with the page process's error.
READY_SECONDS = 60.0
# A page process that dies soon after starting is started again after a pause that doubles each
# time (from 1 s to 30 s), so one that cannot start (a broken config.py) does not spin.
RESTART_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0
STAYED_UP_SECONDS = 60.0
KEY_BYTES = 32
# The page process's word that it took a connection and checked its key: a request is sent only
# after it, so a connection lost before it carried nothing and may be made again.
TAKEN = b"+"
UNAVAILABLE = b"This page is busy or starting up. Please try again in a few seconds.\n"

# What a request carries across: its environ's text (CGI variables and headers) and its body. It is
# sent with the moment (time.monotonic(): one clock for the whole machine) the server's process
# stops waiting for its answer.
Request = tuple[dict[str, str], bytes]
# What comes back: the status line, the headers and the whole body.
Answer = tuple[str, list[tuple[str, str]], bytes]
# Builds the page process's app, and what to run when that process stops.
Build = Callable[[], tuple[Any, Callable[[], None]]]
# A message's header: plain JSON, so nothing read off the socket is ever run as code.
Header = dict[str, Any]
PING: Header = {"ping": True}


class PageProcessDown(Exception):
    """The page process did not answer this request (not started yet, stuck, or it died)."""


def send(sock: socket.socket, header: Header, body: bytes = b"") -> None:
    """Send one message: the lengths of its JSON header and its bytes, then both."""
    head = json.dumps(header).encode()
    sock.sendall(struct.pack("!IQ", len(head), len(body)) + head + body)


def _exactly(sock: socket.socket, count: int) -> bytes:
    buffer = bytearray()
    while len(buffer) < count:
        chunk = sock.recv(min(count - len(buffer), 1 << 20))
        if not chunk:
            raise EOFError("the other process closed the connection")
        buffer += chunk
    return bytes(buffer)


def receive(sock: socket.socket) -> tuple[Header, bytes]:
    """Receive one message sent by `send`: its header and its bytes."""
    head_length, body_length = struct.unpack("!IQ", _exactly(sock, 12))
    try:
        header = json.loads(_exactly(sock, head_length))
    except ValueError:
        header = None
    if not isinstance(header, dict):
        raise EOFError("the other process sent something that is not a message")
    return header, _exactly(sock, body_length)


def is_here(path: str) -> bool:
    """Return whether a request for `path` is answered in the phone line's own process."""
    return path.startswith(HERE_PREFIXES)


def carried_environ(environ: WSGIEnvironment) -> dict[str, str]:
    """Return what of a WSGI environ crosses to the page process: every text entry but wsgi's own
    objects, and the scheme."""
    carried = {
        key: value
        for key, value in environ.items()
        if isinstance(value, str) and not key.startswith("wsgi.")
    }
    carried["wsgi.url_scheme"] = environ.get("wsgi.url_scheme", "http")
    return carried


def read_body(environ: WSGIEnvironment, limit: int | None) -> bytes:
    """Return the request's body, at most one byte past `limit`: the page process then refuses it
    as too large without it being copied whole."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if limit is not None:
        length = min(length, limit + 1)
    return stream.read(length) if length > 0 else b""


class PageProcess:
    """Runs the page process, starts it again when it dies or stops answering, and hands it
    requests (a WSGI app)."""

    def __init__(
        self,
        build: Build,
        *,
        at_once: int,
        max_body: int | None = None,
        unavailable: WSGIApplication | None = None,
        carried: Callable[[], dict[str, str]] | None = None,
    ) -> None:
        self.build = build
        # Entries of this process's own state added to each request's environ (the phone line's
        # speech health, which the page process's /healthz reports).
        self.carried = carried
        # Answers while the page process is down (a WSGI app); plain text when there is none.
        self.unavailable = unavailable
        self.at_once = at_once
        self.max_body = max_body  # the app's own limit: a larger body is refused, never copied
        # A directory only this user can enter: the key each connection opens with is the second
        # lock on the door.
        self.directory = tempfile.mkdtemp(prefix="elderride-pages-")
        self.address = os.path.join(self.directory, "pages.sock")
        self.authkey = secrets.token_bytes(KEY_BYTES)
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.started_at = 0.0
        self.generation = 0
        self.idle: queue.LifoQueue[tuple[int, socket.socket]] = queue.LifoQueue()
        self.stopping = threading.Event()
        self.watcher: threading.Thread | None = None

    def start(self) -> PageProcess:
        """Start the page process, wait until it answers, and watch it; raise PageProcessDown
        when it cannot start."""
        self._spawn()
        atexit.register(self.stop)  # before multiprocessing's own exit ends it, unwatched
        deadline = time.monotonic() + READY_SECONDS
        while not self._answers_ping():
            if self.process.exitcode is not None or time.monotonic() > deadline:
                code = self.process.exitcode
                self.stop()
                raise PageProcessDown(
                    f"the page process did not start (exit code {code}); its error is above"
                )
            time.sleep(0.05)
        self.watcher = threading.Thread(target=self._watch, name="page-process-watch", daemon=True)
        self.watcher.start()
        return self

    def _spawn(self) -> None:
        process = self.context.Process(
            target=serve_pages,
            args=(self.build, self.address, self.authkey, self.at_once),
            name="elderride-pages",
            daemon=True,
        )
        process.start()
        self.process, self.started_at = process, time.monotonic()
        self.generation += 1

    def _answers_ping(self, timeout: float = CONNECT_TRY_SECONDS) -> bool:
        try:
            sock = self._connect(timeout)
        except OSError:
            return False
        try:
            sock.settimeout(timeout)
            send(sock, PING)
            return receive(sock)[0] == PING
        except (OSError, EOFError):
            return False
        finally:
            sock.close()

    def _watch(self) -> None:
        pause = RESTART_PAUSE_SECONDS
        last_answer = time.monotonic()
        while not self.stopping.wait(PING_SECONDS):
            process = self.process
            if process.exitcode is None:
                if self._answers_ping(WEDGED_SECONDS / 3):
                    last_answer = time.monotonic()
                    continue
                if time.monotonic() - max(last_answer, self.started_at) < WEDGED_SECONDS:
                    continue
                if self.stopping.is_set():
                    return
                log.error(
                    "the page process has not answered for %.0f s; stopping it", WEDGED_SECONDS
                )
                process.kill()
                process.join(10)
            elif self.stopping.is_set():
                return
            else:
                log.error("the page process stopped (exit code %s)", process.exitcode)
            lived = time.monotonic() - self.started_at
            pause = RESTART_PAUSE_SECONDS if lived > STAYED_UP_SECONDS else pause
            self._drop_idle()
            log.error("starting the page process again in %.0f s", pause)
            if self.stopping.wait(pause):
                return
            try:
                self._spawn()
            except Exception:  # noqa: BLE001 - out of descriptors or memory: try again, later
                log.exception("could not start the page process")
                self.started_at = time.monotonic()  # a failed start counts as a quick death
            last_answer = time.monotonic()
            pause = min(pause * 2, LONGEST_PAUSE_SECONDS)

    def _drop_idle(self) -> None:
        while True:
            try:
                _, sock = self.idle.get_nowait()
            except queue.Empty:
                return
            sock.close()

    def stop(self, timeout: float = 10) -> None:
        """Stop the page process (its worker finishes what it holds) and remove its socket."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        if self.watcher is not None:
            self.watcher.join(timeout)
        process = self.process
        if process is not None and process.is_alive():
            # SIGUSR1, not SIGTERM: a service manager's SIGTERM to the whole group reaches it too,
            # and only this process decides when it stops.
            os.kill(process.pid, signal.SIGUSR1)
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join(timeout)
        self._drop_idle()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _connect(self, timeout: float) -> socket.socket:
        # Just after a crash the dying process's socket can still queue a connection it will never
        # take: waiting for TAKEN turns that into a failure to connect, tried again, not a 503.
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect(self.address)
            sock.sendall(self.authkey)
            if _exactly(sock, len(TAKEN)) != TAKEN:
                raise ConnectionError("the page process did not take the connection")
        except (OSError, EOFError) as error:
            sock.close()
            raise ConnectionError(str(error) or type(error).__name__) from None
        return sock

    def _connection(self) -> tuple[int, socket.socket]:
        try:
            generation, sock = self.idle.get_nowait()
            if generation == self.generation:
                return generation, sock
            sock.close()  # to a page process that has since been replaced
        except queue.Empty:
            pass
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            generation = self.generation
            try:
                return generation, self._connect(CONNECT_TRY_SECONDS)
            except OSError as error:
                # Not listening (starting, or starting again), or too stuck to take a connection.
                if self.stopping.is_set() or time.monotonic() > deadline:
                    raise PageProcessDown(str(error)) from None
                self.stopping.wait(0.05)

    def exchange(self, request: Request) -> Answer:
        """Send one request to the page process and return its answer."""
        generation, sock = self._connection()
        try:
            sock.settimeout(ANSWER_SECONDS)
            carried, body = request
            send(sock, {"environ": carried, "deadline": time.monotonic() + ANSWER_SECONDS}, body)
            header, content = receive(sock)
            headers = [(name, value) for name, value in header["headers"]]
            answer: Answer = (header["status"], headers, content)
        except (OSError, EOFError, KeyError, TypeError, ValueError) as error:
            # Not sent again: the page process may have acted on it (a booking) before it died.
            sock.close()
            raise PageProcessDown(str(error) or type(error).__name__) from None
        self.idle.put((generation, sock))
        return answer

    def beside(self, phone: WSGIApplication) -> PhoneHere:
        """Return the WSGI app that answers the phone line's requests with `phone` and hands the
        rest to this process."""
        return PhoneHere(phone, self)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        carried = carried_environ(environ)
        if self.carried is not None:
            carried.update(self.carried())
        request = (carried, read_body(environ, self.max_body))
        try:
            status, headers, body = self.exchange(request)
        except PageProcessDown as error:
            log.warning("no answer from the page process: %s", error)
            if self.unavailable is not None:
                try:
                    return self.unavailable(environ, start_response)
                except Exception:  # noqa: BLE001 - the plain answer below still goes out
                    log.exception("the page saying pages are starting up failed")
            start_response(
                "503 Service Unavailable",
                [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "5")],
            )
            return [UNAVAILABLE]
        start_response(status, headers)
        return [body]


class PhoneHere:
    """WSGI app: the phone line's requests (and static files) to `phone`, everything else to the
    page process."""

    def __init__(self, phone: WSGIApplication, pages: PageProcess) -> None:
        self.phone = phone
        self.pages = pages

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if is_here(environ.get("PATH_INFO", "")):
            return self.phone(environ, start_response)
        return self.pages(environ, start_response)


def answer(app: WSGIApplication, request: Request) -> Answer:
    """Run one carried request through `app` and return its whole answer."""
    carried, body = request
    environ: dict[str, Any] = dict(carried)
    environ.update(
        {
            "wsgi.version": (1, 0),
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
    )
    return run_whole(app, environ)


def run_whole(app: WSGIApplication, environ: WSGIEnvironment) -> Answer:
    """Run one request through `app` and return its whole answer."""
    started: list[Any] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], object]:
        started[:] = [status, list(headers)]
        return lambda data: None  # the old write() callable: Flask never uses it

    chunks = app(environ, start_response)
    try:
        content = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    return started[0], started[1], content


def _serve_connection(
    app: WSGIApplication, sock: socket.socket, authkey: bytes, turns: threading.Semaphore
) -> None:
    try:
        sock.settimeout(CONNECT_TRY_SECONDS)
        if not hmac.compare_digest(_exactly(sock, KEY_BYTES), authkey):
            log.warning("a connection to the page process had the wrong key")
            return
        sock.sendall(TAKEN)
        sock.settimeout(None)  # idle between requests for as long as the server keeps it
        while True:
            header, body = receive(sock)
            if header == PING:
                send(sock, PING)  # no turn: a busy page process is still a live one
                continue
            carried, deadline = header["environ"], header["deadline"]
            with turns:
                if time.monotonic() > deadline:
                    # The server's process has stopped waiting and told the asker to try again:
                    # a request that only now gets its turn is not run (twice, with the retry).
                    log.warning("a request waited past its time for a turn; not run")
                    continue
                try:
                    reply = answer(app, (carried, body))
                except Exception:  # noqa: BLE001 - Flask answers its own errors; this is the rest
                    log.exception("the page process could not answer a request")
                    reply = ("500 Internal Server Error", [("Content-Type", "text/plain")], b"")
            status, headers, content = reply
            send(sock, {"status": status, "headers": headers}, content)
    except (EOFError, OSError, KeyError, TypeError):
        pass  # the server's process closed this connection
    finally:
        sock.close()


def _leave_with_parent(address: str) -> None:
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        # The server's process is gone, and with it every request's way back; it left the socket.
        shutil.rmtree(os.path.dirname(address), ignore_errors=True)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def serve_pages(build: Build, address: str, authkey: bytes, at_once: int) -> None:
    """The page process: build the app, then answer each connection's requests, `at_once` at a
    time."""
    # Ctrl-C and a service manager's SIGTERM reach the whole process group: the server's process
    # decides when this one stops (SIGUSR1), so a restart never races a shutdown.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    stopped = threading.Event()
    signal.signal(signal.SIGUSR1, lambda *_: stopped.set())
    _leave_with_parent(address)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s [pages]: %(message)s"
    )
    app, cleanup = build()
    settle()
    if os.path.exists(address):
        os.unlink(address)  # left by a page process that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(128)
    turns = threading.BoundedSemaphore(at_once)

    def accept() -> None:
        while True:
            try:
                sock, _ = listener.accept()
            except OSError:
                return  # closed on the way out
            threading.Thread(
                target=_serve_connection, args=(app, sock, authkey, turns), daemon=True
            ).start()

    threading.Thread(target=accept, name="page-accept", daemon=True).start()
    try:
        while not stopped.wait(1.0):
            pass
    finally:
        listener.close()
        cleanup()
