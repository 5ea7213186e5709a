"""The websocket server beside waitress: an asyncio loop in its own thread, serving Twilio's media
streams.

Waitress cannot hold websockets, so `elderride serve` runs this next to it in
the same process (the web views and the streams share the call's live state).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from flask import Flask
    from websockets.asyncio.server import ServerConnection
    from websockets.http11 import Request, Response

log = logging.getLogger(__name__)

# Bounds on what one client can make this server hold: frames are small, and a client
# that sends faster than they are read waits on TCP instead of filling memory.
MAX_MESSAGE_BYTES = 16 * 1024
MAX_QUEUED_MESSAGES = 32


class MediaServer:
    """Serve /voice/media on `host`:`port` (0 picks a free port) until stop()."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: Exception | None = None

    def start(self, timeout: float = 10.0) -> MediaServer:
        """Start listening in a thread; return once the port is bound."""
        self._thread = threading.Thread(target=self._run, name="elderride-media", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("The media server did not start.")
        if self._error is not None:
            raise self._error
        return self

    @property
    def url(self) -> str:
        """The local address the server listens at (not the public one Twilio is given)."""
        return f"ws://{self.host}:{self.port}"

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except Exception as error:  # noqa: BLE001 - reported to start(), which raises it
            self._error = error
            self._ready.set()

    async def _main(self) -> None:
        from websockets.asyncio.server import serve

        from elderride.ivr import streams

        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        config = self.app.config

        from elderride.demo import relay

        def process_request(connection: ServerConnection, request: Request) -> Response | None:
            # Refuse before the upgrade: nothing from an unsigned client is ever read.
            if urlsplit(request.path).path == relay.DEMO_MEDIA_PATH:
                status = relay.check_handshake(config, request.path, request.headers)
            else:
                status = streams.check_handshake(config, request.path, request.headers)
            if status is not None:
                return connection.respond(status, "Forbidden\n" if status == 403 else "Not Found\n")
            return None

        async def handler(websocket: ServerConnection) -> None:
            # The handler runs once the handshake is done: its request is always there.
            assert websocket.request is not None
            try:
                if urlsplit(websocket.request.path).path == relay.DEMO_MEDIA_PATH:
                    await relay.relay(self.app, websocket, self.port)
                else:
                    await streams.serve_stream(self.app, websocket)
            except Exception:  # noqa: BLE001 - one stream's failure never stops the server
                log.exception("a media stream failed")

        async with serve(
            handler,
            self.host,
            self.port,
            process_request=process_request,
            max_size=MAX_MESSAGE_BYTES,
            max_queue=MAX_QUEUED_MESSAGES,
            compression=None,
            # A connection that has not finished its handshake in 5 s is dropped: idle sockets
            # opened by a stranger must not pile up (the process shares its descriptors with
            # waitress).
            open_timeout=5,
            # The access log goes through logging, not the test's output.
            logger=log,
        ) as server:
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stopped.wait()

    def stop(self) -> None:
        """Close every connection, stop the loop and join its thread."""
        if (
            self._loop is not None
            and self._stopped is not None
            and self._thread is not None
            and self._thread.is_alive()
        ):
            self._loop.call_soon_threadsafe(self._stopped.set)
        if self._thread is not None:
            self._thread.join(timeout=15)
