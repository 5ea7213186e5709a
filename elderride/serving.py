"""Serving with waitress, the phone line in a lane of its own.

Waitress hands every parsed request to one pool of threads. A page that is slow (a
dispatcher's, an API poller's) holds a thread for as long as it takes, and when all of
them are held Twilio's webhooks queue behind it while a caller hears silence. Here each
request is handed to the pool of its lane: `/voice/…` to threads that only the phone line
uses, everything else to the general pool, so staff pages cannot take the phone line's capacity.
Threads still share one interpreter, so `elderride serve` goes further and answers pages in a
process of their own (`page_process.py`).
"""

from __future__ import annotations

import gc
import logging
import resource
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from waitress.server import create_server
from waitress.task import ThreadedTaskDispatcher

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


class PagesApart(Protocol):
    """Pages answered in a process of their own (`page_process.PageProcess`), named here by what
    serving asks of it so the two modules do not import each other."""

    def beside(self, phone: WSGIApplication) -> WSGIApplication:
        """Return the app that answers the phone line with `phone` and hands on the rest."""
        ...


VOICE_PREFIX = "/voice/"
# The longest a staff request waits at the gate while calls are being answered: priority, not
# starvation.
GATE_WAIT_SECONDS = 0.25
# Pages and API requests running at once. Threads of one process share one interpreter lock, so
# more at once only slices it thinner (staff throughput stays the same) while a webhook's share
# shrinks with every one: beside staff requesting flat out, /voice/incoming's median was 62 ms
# with 8 at once and 20 ms with 2 (`elderride bench scale --at-once`). Two keep both cores
# busy, one in Python while the other is in SQLite.
GENERAL_AT_ONCE = 2
# Open connections waitress keeps (its default, 100, is any stranger's for the price of 100 idle
# sockets, and past it no webhook gets in), watched with poll() since select() stops at 1024
# descriptors. A proxy in front (which TLS needs anyway) should still limit connections per client.
CONNECTION_LIMIT = 2000
# Descriptors kept for all but connections: the database, the page process's sockets, the media
# server, the speech workers' pipes. Past its descriptors waitress spins on a failing accept().
DESCRIPTOR_HEADROOM = 256

log = logging.getLogger(__name__)


def settle() -> None:
    """Put what start-up built (modules, the app, catalogs: about 93,000 objects) out of the
    garbage collector's sight, once, before the first request."""
    # A full collection walks every object the process holds: 45 ms each time with start-up's, a
    # stall a caller or a queue page would feel; once they are frozen it walks only what requests
    # have left behind, well under a millisecond.
    gc.collect()
    gc.freeze()


def connection_limit(descriptors: int) -> int:
    """Return how many connections to keep open with `descriptors` file descriptors to spend."""
    return max(10, min(CONNECTION_LIMIT, descriptors - DESCRIPTOR_HEADROOM))


class LaneDispatcher:
    """Waitress's task dispatcher, split in two pools: the phone line's and everyone else's."""

    def __init__(self, threads: int, voice_threads: int) -> None:
        self.general = ThreadedTaskDispatcher()
        self.general.set_thread_count(threads)
        self.voice = ThreadedTaskDispatcher()
        self.voice.set_thread_count(voice_threads)

    def set_thread_count(self, count: int) -> None:
        """Size the general pool (what waitress's `threads` means)."""
        self.general.set_thread_count(count)

    def lane(self, path: str) -> ThreadedTaskDispatcher:
        """Return the pool that serves a request for `path`."""
        return self.voice if path.startswith(VOICE_PREFIX) else self.general

    def add_task(self, channel: Any) -> None:
        """Queue a connection's next request on its lane's pool (waitress calls this once per
        request)."""
        requests = getattr(channel, "requests", None) or []
        path = getattr(requests[0], "path", "") if requests else ""
        self.lane(path or "").add_task(channel)

    def shutdown(self, cancel_pending: bool = True, timeout: float = 5) -> bool:
        """Stop both pools' threads."""
        general = self.general.shutdown(cancel_pending, timeout)
        voice = self.voice.shutdown(cancel_pending, timeout)
        return general and voice


class PhoneFirst:
    """WSGI middleware: the phone line's webhooks share the interpreter with few other requests,
    and none that start while a call is being answered.

    Threads of one Python process share one interpreter lock: eight staff pages rendering at
    once leave a webhook a ninth of it, whatever pool it runs in. So other requests run at most
    `at_once` at a time (the rest wait their turn, holding no lock), and one that would start
    while a call is being answered waits (at most `max_wait`) until none is.
    """

    def __init__(
        self,
        app: WSGIApplication,
        *,
        max_wait: float = GATE_WAIT_SECONDS,
        at_once: int = GENERAL_AT_ONCE,
    ) -> None:
        self.app = app
        self.max_wait = max_wait
        self.answering = 0
        self.changed = threading.Condition()
        self.turns = threading.BoundedSemaphore(at_once)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "").startswith(VOICE_PREFIX):
            with self.changed:
                self.answering += 1
            try:
                # Flask builds the whole response before returning it: the call is answered here.
                return self.app(environ, start_response)
            finally:
                with self.changed:
                    self.answering -= 1
                    if not self.answering:
                        self.changed.notify_all()
        # A turn first, then the gate: a turn that comes up while a call is answered still waits.
        with self.turns:
            with self.changed:
                self.changed.wait_for(lambda: not self.answering, timeout=self.max_wait)
            return self.app(environ, start_response)


def make_server(
    app: WSGIApplication,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    threads: int = 8,
    voice_threads: int = 4,
    at_once: int = GENERAL_AT_ONCE,
    pages: PagesApart | None = None,
    **options: Any,
) -> Any:
    """Return a waitress server for `app` whose `/voice/` requests have `voice_threads` threads of
    their own and go first, and whose other requests run `at_once` at a time.

    With `pages` (a started `PageProcess`), only the phone line is answered here and every other
    request is handed to that process, which runs them `at_once` at a time itself.
    """
    # Waitress drops X-Forwarded-* headers unless told to keep them; an app that trusts its proxies
    # judges them itself (ProxyFix, the right number of hops), so keep them for it.
    trusts_proxies = bool((getattr(app, "config", None) or {}).get("TRUSTED_PROXIES"))
    options.setdefault("clear_untrusted_proxy_headers", not trusts_proxies)
    descriptors = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if descriptors == resource.RLIM_INFINITY:
        descriptors = CONNECTION_LIMIT + DESCRIPTOR_HEADROOM
    options.setdefault("connection_limit", connection_limit(descriptors))
    if options["connection_limit"] < CONNECTION_LIMIT:
        log.warning(
            "only %s descriptors may be open: keeping %s connections, not %s (raise `ulimit -n`)",
            descriptors,
            options["connection_limit"],
            CONNECTION_LIMIT,
        )
    options.setdefault("asyncore_use_poll", True)
    served: WSGIApplication = PhoneFirst(app, at_once=at_once)
    if pages is not None:
        # The page process says which requests stay here: it imports this module, never the
        # other way round.
        served = pages.beside(served)
    return create_server(
        served,
        host=host,
        port=port,
        threads=threads,
        ident="elderride",
        _dispatcher=LaneDispatcher(threads, voice_threads),
        **options,
    )
