"""The demo phone's microphone on the live path: the page streams Twilio's messages here, and this
plays Twilio's part.

A browser cannot set the X-Twilio-Signature header on a websocket, so the page
connects to /demo/media (demo mode only, with a key bound to its demo call) and
this relay opens the real, signed /voice/media connection on its behalf and
passes the page's messages through unchanged, exactly as the call simulator
carries the page's keys to the line.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from twilio.request_validator import RequestValidator

if TYPE_CHECKING:
    from flask import Flask

DEMO_MEDIA_PATH = "/demo/media"
MAX_RELAYED_MESSAGES = 120 * 50  # two minutes of 20 ms frames


def key(secret: object, call_sid: str) -> str:
    """The key the demo page gets for its own call's microphone relay."""
    return hmac.new(
        str(secret).encode(), f"demo-media|{call_sid}".encode(), hashlib.sha256
    ).hexdigest()


def _call_of(path: str) -> str:
    """Return the call a relay request is for (its key was checked in the handshake)."""
    return (parse_qs(urlsplit(path).query).get("call") or [""])[0]


def check_handshake(config: Mapping[str, Any], path: str, headers: Mapping[str, str]) -> int | None:
    """Return None for a demo page's relay request with its call's key, else the HTTP status to
    refuse it with."""
    if not config.get("DEMO"):
        return 404
    call_sid = _call_of(path)
    given = (parse_qs(urlsplit(path).query).get("key") or [""])[0]
    if not call_sid or not hmac.compare_digest(key(config["SECRET_KEY"], call_sid), given):
        return 403
    return None


# Any: a ServerConnection whose handshake is done (its request is there).
async def relay(app: Flask, websocket: Any, local_port: int) -> None:
    """Connect to this server's /voice/media as Twilio would, and pass the page's messages on until
    either side ends."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    from elderride.ivr.streams import MEDIA_PATH, handshake_query, media_url

    config = app.config
    query = handshake_query(_call_of(websocket.request.path))
    target = f"ws://127.0.0.1:{local_port}{MEDIA_PATH}?{query}"
    # The URL Twilio would have been given, which is what its signature covers.
    signed_url = f"{media_url(config)}?{query}" if config.get("PUBLIC_BASE_URL") else target
    signature = RequestValidator(config["TWILIO_AUTH_TOKEN"]).compute_signature(signed_url, {})
    try:
        async with connect(
            target,
            additional_headers={"X-Twilio-Signature": signature},
            proxy=None,
            compression=None,
        ) as line:

            async def page_to_line() -> None:
                for _ in range(MAX_RELAYED_MESSAGES):
                    await line.send(await websocket.recv())

            async def line_ends() -> None:
                await line.wait_closed()

            tasks = [asyncio.create_task(page_to_line()), asyncio.create_task(line_ends())]
            try:
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
    except (ConnectionClosed, OSError):
        pass
    await websocket.close()
