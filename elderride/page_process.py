"""Pages and API requests served by a process of their own, so the phone line's process has its
interpreter to itself.

Threads of one process share one interpreter lock: however the threads are split into lanes, a
page rendering in Python slows a webhook beside it, and a page that never lets go of the lock
silences the line. Here the server's own process answers the phone line (`/voice/`, and the demo
phone that plays it) and hands every other request, whole, to a second process over a private
local socket, then sends back its answer. That process can be slow, stuck or crash: no call is in
it, and a crashed one is started again.
"""

from __future__ import annotations

import atexit
import io
import logging
import multiprocessing
import os
import queue
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Client, Connection, Listener
from typing import Any

log = logging.getLogger(__name__)

# Paths answered in the server's own process, beside the media streams whose state they share.
PHONE_PREFIXES = ("/voice/", "/demo/")
# How long a request waits for the page process to come up (at start, or after a crash).
CONNECT_SECONDS = 30.0
# A page process that died is started again, no sooner than this after the last start.
RESTART_PAUSE_SECONDS = 1.0
# A page not answered in this long is given up on (its thread is not freed otherwise).
ANSWER_SECONDS = 120.0
UNAVAILABLE = b"This page is starting up. Please try again in a few seconds.\n"

# What a request carries across: its environ's text (CGI variables and headers) and its body.
Request = tuple[dict[str, str], bytes]
# What comes back: the status line, the headers and the whole body.
Answer = tuple[str, list[tuple[str, str]], bytes]
# Builds the page process's app, and what to run when that process stops.
Build = Callable[[], tuple[Any, Callable[[], None]]]


class PageProcessDown(Exception):
    """The page process did not answer this request (not started yet, or it died)."""


def is_phone(path: str) -> bool:
    """Return whether a request for `path` is answered in the phone line's own process."""
    return path.startswith(PHONE_PREFIXES)


def carried_environ(environ: dict) -> dict[str, str]:
    """Return what of a WSGI environ crosses to the page process: every text entry but wsgi's own
    objects, and the scheme."""
    carried = {
        key: value
        for key, value in environ.items()
        if isinstance(value, str) and not key.startswith("wsgi.")
    }
    carried["wsgi.url_scheme"] = environ.get("wsgi.url_scheme", "http")
    return carried


def read_body(environ: dict, limit: int | None) -> bytes:
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
    """Runs the page process, starts it again when it dies, and hands it requests (a WSGI app)."""

    def __init__(self, build: Build, *, at_once: int, max_body: int | None = None):
        self.build = build
        self.at_once = at_once
        self.max_body = max_body  # the app's own limit: a larger body is refused, never copied
        # A directory only this user can enter: the socket's key is the second lock on the door.
        self.directory = tempfile.mkdtemp(prefix="elderride-pages-")
        self.address = os.path.join(self.directory, "pages.sock")
        self.authkey = secrets.token_bytes(32)
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.generation = 0
        self.idle: queue.LifoQueue[tuple[int, Connection]] = queue.LifoQueue()
        self.stopping = threading.Event()
        self.watcher: threading.Thread | None = None
        self.lock = threading.Lock()

    def start(self) -> PageProcess:
        """Start the page process and a thread that starts it again should it die."""
        self._spawn()
        atexit.register(self.stop)  # before multiprocessing's own exit ends it, unwatched
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
        with self.lock:
            self.process = process
            self.generation += 1

    def _watch(self) -> None:
        while not self.stopping.is_set():
            process = self.process
            process.join(0.5)
            if process.exitcode is None or self.stopping.is_set():
                continue
            log.error(
                "the page process stopped (exit code %s); starting it again", process.exitcode
            )
            self._drop_idle()
            self.stopping.wait(RESTART_PAUSE_SECONDS)
            if not self.stopping.is_set():
                self._spawn()

    def _drop_idle(self) -> None:
        while True:
            try:
                _, connection = self.idle.get_nowait()
            except queue.Empty:
                return
            connection.close()

    def stop(self, timeout: float = 10) -> None:
        """Stop the page process (its worker finishes what it holds) and remove its socket."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        if self.watcher is not None:
            self.watcher.join(timeout)
        process = self.process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join(timeout)
        self._drop_idle()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _connection(self) -> tuple[int, Connection]:
        try:
            generation, connection = self.idle.get_nowait()
            if generation == self.generation:
                return generation, connection
            connection.close()  # to a page process that has since died
        except queue.Empty:
            pass
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            generation = self.generation
            try:
                return generation, Client(self.address, authkey=self.authkey)
            except (OSError, EOFError) as error:
                # Not listening yet (starting, or starting again after a crash).
                if self.stopping.is_set() or time.monotonic() > deadline:
                    raise PageProcessDown(str(error)) from None
                self.stopping.wait(0.05)

    def exchange(self, request: Request) -> Answer:
        """Send one request to the page process and return its answer."""
        generation, connection = self._connection()
        try:
            connection.send(request)
            if not connection.poll(ANSWER_SECONDS):
                raise TimeoutError(f"no answer in {ANSWER_SECONDS:.0f} s")
            answer = connection.recv()
        except (OSError, EOFError) as error:
            # Not sent again: the page process may have acted on it (a booking) before it died.
            connection.close()
            raise PageProcessDown(str(error)) from None
        self.idle.put((generation, connection))
        return answer

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        request = (carried_environ(environ), read_body(environ, self.max_body))
        try:
            status, headers, body = self.exchange(request)
        except PageProcessDown as error:
            log.warning("no answer from the page process: %s", error)
            start_response(
                "503 Service Unavailable",
                [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "5")],
            )
            return [UNAVAILABLE]
        start_response(status, headers)
        return [body]


class PhoneHere:
    """WSGI app: the phone line's requests to `phone`, everything else to the page process."""

    def __init__(self, phone, pages: PageProcess):
        self.phone = phone
        self.pages = pages

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        if is_phone(environ.get("PATH_INFO", "")):
            return self.phone(environ, start_response)
        return self.pages(environ, start_response)


def answer(app, request: Request) -> Answer:
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
    started: list[Any] = []

    def start_response(status, headers, exc_info=None):
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


def _serve_connection(app, connection: Connection, turns: threading.BoundedSemaphore) -> None:
    try:
        while True:
            request = connection.recv()
            with turns:
                try:
                    reply = answer(app, request)
                except Exception:  # noqa: BLE001 - Flask answers its own errors; this is the rest
                    log.exception("the page process could not answer a request")
                    reply = ("500 Internal Server Error", [("Content-Type", "text/plain")], b"")
            connection.send(reply)
    except (EOFError, OSError):
        pass  # the server's process closed this connection
    finally:
        connection.close()


def _leave_with_parent(address: str) -> None:
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        parent.join()
        # The server's process is gone, and with it every request's way back; it left the socket.
        shutil.rmtree(os.path.dirname(address), ignore_errors=True)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def serve_pages(build: Build, address: str, authkey: bytes, at_once: int) -> None:
    """The page process: build the app, then answer each connection's requests, `at_once` at a
    time."""
    # Ctrl-C reaches the whole terminal's process group: the server's process decides when this
    # one stops (SIGTERM), so a restart never races a shutdown.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    _leave_with_parent(address)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s [pages]: %(message)s"
    )
    app, cleanup = build()
    if os.path.exists(address):
        os.unlink(address)  # left by a page process that crashed
    listener = Listener(address, authkey=authkey)
    turns = threading.BoundedSemaphore(at_once)

    def accept():
        while True:
            try:
                connection = listener.accept()
            except OSError:
                return  # closed on the way out
            except Exception:  # noqa: BLE001 - a peer that failed the key; the next may not
                log.warning("a connection to the page process failed its key")
                continue
            threading.Thread(
                target=_serve_connection, args=(app, connection, turns), daemon=True
            ).start()

    threading.Thread(target=accept, name="page-accept", daemon=True).start()
    try:
        while not stopped.wait(1.0):
            pass
    finally:
        listener.close()
        cleanup()
