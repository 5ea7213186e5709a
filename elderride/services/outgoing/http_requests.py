"""Outbound HTTP for deliveries and fetches: one request, a total deadline, and no redirect followed
unasked."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit


class OutboundError(OSError):
    """The peer could not be reached, or did not answer within the deadline."""


@dataclass(frozen=True)
class Answer:
    """What the peer said: status, headers and at most the first `max_bytes` of the body."""

    status: int
    headers: Message
    body: bytes
    truncated: bool

    @property
    def location(self) -> str:
        """The redirect target the peer named, if any."""
        return self.headers.get("Location", "") or ""


def request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    deadline: float,
    max_bytes: int = 65536,
) -> Answer:
    """Send one request and return the answer as it is: a 3xx is returned, never followed.

    A socket timeout bounds each read, not the whole exchange, so a peer that
    trickles a byte at a time could hold a worker past its lease; a watchdog
    shuts the socket down when `deadline` seconds have passed in all.
    """
    ends = time.monotonic() + deadline
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutboundError(f"not an http(s) URL: {url[:200]!r}")
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=deadline, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=deadline)
    expired = threading.Event()
    late = f"no whole answer within {deadline:g} s"

    def past_deadline() -> bool:
        # The clock decides, the watchdog only wakes a blocked read: on a busy machine its thread
        # can run late, and meanwhile nothing may be sent, nor more of a trickle read.
        return expired.is_set() or time.monotonic() >= ends

    def cut_off() -> None:
        expired.set()
        sock = connection.sock
        if sock is not None:
            try:
                # shutdown() wakes a thread blocked in recv(); close() from here would not.
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(deadline, cut_off)
    watchdog.daemon = True
    watchdog.start()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.connect()
        if past_deadline():
            # The watchdog fired while there was no socket to shut down (a slow resolver or
            # connect).
            raise OutboundError(late)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = bytearray()
        while len(data) <= max_bytes:
            # Looked at after every read: on Linux a shutdown only wakes a read already waiting,
            # and a reader that was between reads goes on taking a trickling peer's bytes.
            if past_deadline():
                raise OutboundError(late)
            chunk = response.read1(max_bytes + 1 - len(data))
            if not chunk:
                break
            data += chunk
        if past_deadline():
            raise OutboundError(late)
        return Answer(
            response.status, response.headers, bytes(data[:max_bytes]), len(data) > max_bytes
        )
    except (OSError, http.client.HTTPException) as error:
        # The socket's own timeout equals the deadline, so either may notice it first.
        if past_deadline() or isinstance(error, TimeoutError):
            raise OutboundError(late) from None
        raise OutboundError(f"{type(error).__name__}: {error}") from None
    finally:
        watchdog.cancel()
        connection.close()
