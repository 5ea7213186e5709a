"""Twilio's side of a media stream, for tests and benchmarks: the exact JSON messages, mu-law frames
paced in real time."""

import asyncio
import base64
import json
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any
from xml.etree.ElementTree import Element

from twilio.request_validator import RequestValidator

FRAME_BYTES = 160  # 20 ms of 8 kHz mu-law
FRAME_SECONDS = 0.02
SILENCE = b"\xff"  # mu-law's zero


def silence(seconds: float) -> bytes:
    """Mu-law silence of this length."""
    return SILENCE * int(8000 * seconds)


# Any: the attributes as the TwiML gave them (elderride always writes each one).
def stream_parameters(stream_element: Element) -> tuple[Any, dict[Any, Any]]:
    """The name, URL and <Parameter>s of a <Stream> element from TwiML."""
    parameters = {
        item.get("name"): item.get("value") for item in stream_element.findall("Parameter")
    }
    return stream_element.get("url"), parameters


async def play(
    local_url: str,
    *,
    public_url: str,
    auth_token: str,
    call_sid: str,
    parameters: Mapping[str, Any],
    audio: bytes,
    pace: float = 1.0,
    account_sid: str = "AC" + "0" * 32,
    signature: str | None = None,
    on_frame: Callable[[float], object] | None = None,
) -> dict[str, Any]:
    """Connect as Twilio does and stream `audio` (mu-law); return {"sent": seconds, "close_code":
    int or None, "close_reason": the server's reason, "refused": status}.

    Frames leave on a fixed schedule (`pace` times real time, 0 for as fast as
    possible); the stream ends with `stop`, or when the server closes it.
    """
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    if signature is None:
        signature = RequestValidator(auth_token).compute_signature(public_url, {})
    # Twilio connects to the URL it was given; here its query goes to the local address too.
    query = public_url.partition("?")[2]
    if query and "?" not in local_url:
        local_url = f"{local_url}?{query}"
    stream_sid = "MZ" + uuid.uuid4().hex
    sequence = 0
    sent = 0.0

    def numbered(message: Mapping[str, Any]) -> str:
        nonlocal sequence
        sequence += 1
        return json.dumps({**message, "sequenceNumber": str(sequence), "streamSid": stream_sid})

    try:
        async with connect(
            local_url,
            additional_headers={"X-Twilio-Signature": signature},
            compression=None,
            proxy=None,
        ) as websocket:
            try:
                await websocket.send(
                    json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"})
                )
                await websocket.send(
                    numbered(
                        {
                            "event": "start",
                            "start": {
                                "accountSid": account_sid,
                                "streamSid": stream_sid,
                                "callSid": call_sid,
                                "tracks": ["inbound"],
                                "mediaFormat": {
                                    "encoding": "audio/x-mulaw",
                                    "sampleRate": 8000,
                                    "channels": 1,
                                },
                                "customParameters": parameters,
                            },
                        }
                    )
                )
                started = time.monotonic()
                for index, offset in enumerate(range(0, len(audio), FRAME_BYTES)):
                    if pace:
                        delay = started + index * FRAME_SECONDS / pace - time.monotonic()
                        if delay > 0:
                            await asyncio.sleep(delay)
                    chunk = audio[offset : offset + FRAME_BYTES]
                    await websocket.send(
                        numbered(
                            {
                                "event": "media",
                                "media": {
                                    "track": "inbound",
                                    "chunk": str(index + 1),
                                    "timestamp": str(int(index * 20)),
                                    "payload": base64.b64encode(chunk).decode(),
                                },
                            }
                        )
                    )
                    sent += len(chunk) / 8000
                    if on_frame is not None:
                        on_frame(sent)
                await websocket.send(
                    numbered(
                        {"event": "stop", "stop": {"accountSid": account_sid, "callSid": call_sid}}
                    )
                )
                await websocket.wait_closed()
            except ConnectionClosed:
                pass
            return {
                "sent": sent,
                "close_code": websocket.close_code,
                "close_reason": websocket.close_reason or "",
                "refused": None,
            }
    except InvalidStatus as error:
        return {
            "sent": 0.0,
            "close_code": None,
            "close_reason": "",
            "refused": error.response.status_code,
        }
