"""Live speech on a call: Twilio Media Streams into the streaming recognizer, and barge-in through
the REST API.

A question that hears speech is offered a stream (`offer`): the call's
expected stream is kept in memory (the web server and the websocket server
share this process), with a token bound to the CallSid and to that one
question.  The websocket handshake is checked with X-Twilio-Signature for the
wss URL (`check_handshake`); the `start` message must carry the token of the
stream expected for its call, or the socket is closed before any audio is
decoded.  An understood answer is kept as an utterance and the live call is
sent to the step's answer URL (Twilio's call update), which cuts the prompt
short.  Twilio's message format: https://www.twilio.com/docs/voice/media-streams/websocket-messages
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from twilio.request_validator import RequestValidator

from elderride.ivr import recordings, turns
from elderride.services import calls
from elderride.services.outgoing import http_requests
from elderride.speech import audio_decoding, engines
from elderride.speech.transcript import (
    SpeechFailed,
    SpeechUnavailable,
    Transcript,
    checked,
    spoken,
)
from elderride.store import connect

if TYPE_CHECKING:
    from flask import Flask
    from websockets.asyncio.server import ServerConnection

    from elderride.ivr.flow import Turn
    from elderride.speech.transcript import LiveStream

log = logging.getLogger(__name__)

KEY = "elderride.streams"
MEDIA_PATH = "/voice/media"
# Twilio sends `connected` then `start` at once; a socket that says nothing useful is closed.
OPENING_SECONDS = 10.0
# How long after a question is asked Twilio may open its stream (it does so at once).
HANDSHAKE_SECONDS = 60
# Media arrives every 20 ms; a stream silent this long has lost its call.
IDLE_SECONDS = 10.0
# No question listens longer than this (the prompt, then KEY_WAIT): past it the stream is closed.
MAX_STREAM_SECONDS = 120.0
# While the caller is mid-word when the question's wait runs out, hold a little before asking again.
SPEAKING_RECENTLY = 2.5
# Free decoding runs behind the voice (the Korean test model takes about 2 s of CPU a second of
# speech on its first words), and an address is only of use whole: its stream may fall this far
# behind, where a phrase question gives up after a second. The caller waits after an address
# ("Then wait."), and the question's silence holds while words are still being heard.
FREE_SPEECH_LAG_SECONDS = 6.0
# What a free-speech stream keeps of its audio: the last MAX_SECONDS of it, as a recording may be.
MAX_KEPT_BYTES = audio_decoding.MAX_SECONDS * 8000
MAX_MESSAGE_BYTES = 16 * 1024  # a media message is about 300 bytes; start carries a few parameters
REFUSED = 1008  # websocket close code: policy violation


@dataclasses.dataclass
class Listening:
    """The stream a call's current question expects, and what it has heard."""

    call_sid: str
    name: str  # the stream's name: one question at one attempt of one answer number
    step: str
    attempt: int
    n: int
    phrases: list[str] | None
    answer_url: str  # the public URL of the step's answer, without the utterance
    # Free speech (an address): the stream's audio is kept as the recording a person listens to.
    keeps_audio: bool = False
    language: str = "en"  # the caller's: how a whole address is said
    state: str = "waiting"  # waiting, listening, understood, failed, ended
    # Why the recognizer gave the stream up ("behind", "crashed", "stalled"): the close frame's
    # reason, so whoever reads the socket's end (a load test, a proxy's log) sees why.
    failure: str = ""
    partial: str = ""
    heard_at: float = 0.0
    received: float = 0.0  # seconds of audio taken from the socket
    created: float = dataclasses.field(default_factory=time.monotonic)
    # The caller's mu-law audio so far, when it is kept (at most MAX_STREAM_SECONDS of it).
    audio: bytearray = dataclasses.field(default_factory=bytearray, repr=False)
    # Where in the caller's audio the answer was taken as whole, in seconds from the stream's start
    # (the recognizer's clock, which the machine's load does not move).
    understood_at: float | None = None

    def verdict(self, now: float | None = None) -> str:
        """What the question's silence timer should do: "hold", "keys", "again", or "record" (no
        stream came)."""
        now = time.monotonic() if now is None else now
        if self.state == "understood":
            return "hold"  # the call is being moved to the answer
        if self.state == "failed":
            return "keys"
        if self.state == "waiting":
            return "record"
        if self.partial and now - self.heard_at < SPEAKING_RECENTLY:
            return "hold"
        return "again"


def _registry(app: Flask) -> dict[str, Any]:
    return app.extensions.setdefault(KEY, {"lock": threading.Lock(), "calls": {}})


def current(app: Flask, call_sid: str) -> Listening | None:
    """Return the Listening of a call's current question, or None."""
    registry = _registry(app)
    with registry["lock"]:
        return registry["calls"].get(call_sid)


def _expect(app: Flask, listening: Listening) -> None:
    registry = _registry(app)
    with registry["lock"]:
        # A call's new question replaces its last; calls long gone are forgotten.
        now = time.monotonic()
        for sid in [sid for sid, old in registry["calls"].items() if now - old.created > 3600]:
            del registry["calls"][sid]
        registry["calls"][listening.call_sid] = listening


def _pending(app: Flask, call_sid: str) -> list[list[str] | None]:
    """The phrase lists of the streams offered to other calls that Twilio has not opened yet
    (it opens one at once: past OPENING_SECONDS it is not coming)."""
    registry = _registry(app)
    now = time.monotonic()
    with registry["lock"]:
        return [
            listening.phrases
            for sid, listening in registry["calls"].items()
            if sid != call_sid
            and listening.state == "waiting"
            and now - listening.created < OPENING_SECONDS
        ]


def token(secret: object, call_sid: str, name: str) -> str:
    """The per-call token a stream's start must carry: an HMAC of the CallSid and the stream's
    name."""
    return hmac.new(
        str(secret).encode(), f"media|{call_sid}|{name}".encode(), hashlib.sha256
    ).hexdigest()


def media_url(config: Mapping[str, Any], host: str | None = None) -> str:
    """The websocket URL Twilio is told to stream to: the public base's, else this host on the media
    port."""
    base = config.get("PUBLIC_BASE_URL")
    if base:
        parts = urlsplit(base.rstrip("/"))
        scheme = "wss" if parts.scheme == "https" else "ws"
        return f"{scheme}://{parts.netloc}{parts.path}{MEDIA_PATH}"
    hostname = urlsplit(f"//{host or '127.0.0.1'}").hostname or "127.0.0.1"
    hostname = f"[{hostname}]" if ":" in hostname else hostname
    return f"ws://{hostname}:{config['MEDIA_PORT']}{MEDIA_PATH}"


def handshake_query(call_sid: str, *, now: float | None = None) -> str:
    """Return the query a stream's URL carries: the call it is for and until when it may connect."""
    until = int((time.time() if now is None else now) + HANDSHAKE_SECONDS)
    return urlencode({"call": call_sid, "until": until})


def offer(
    app: Flask,
    turn: Turn,
    step: str,
    attempt: int,
    *,
    public_root: str,
    phrases: list[str] | None,
    host: str | None = None,
) -> dict[str, Any] | None:
    """Return the stream for a question, or None when live speech is off or no worker has room (then
    <Record>)."""
    from elderride.web import speech

    if not engines.live(app.config):
        return None
    engine = speech.get_engine(app)
    # A free-speech stream weighs what its decoding costs: where it has no room, <Record>. Streams
    # offered to other calls and not yet opened come first, or callers asked at the same moment
    # would all be offered the one place, and all but one refused once Twilio connects.
    call_sid = turn.call["call_sid"]
    if engine is None or not engine.has_room(phrases, pending=_pending(app, call_sid)):
        return None
    n = turn.state.n
    name = f"listen-{n}-{step}-{attempt}"
    listening = Listening(
        call_sid=turn.call["call_sid"],
        name=name,
        step=step,
        attempt=attempt,
        n=n,
        phrases=phrases,
        answer_url=public_root.rstrip("/") + turn.urls("answer", step, attempt),
        keeps_audio=turn.line.hears_free_speech(step),
        language=turn.language,
    )
    previous = turn.state.stream
    already = current(app, listening.call_sid)
    if already is None or already.name != name:
        # The same question asked again (a replayed request) keeps the stream it already has.
        _expect(app, listening)
    turn.state.stream = name
    parameters = {
        "stream": name,
        "token": token(app.config["SECRET_KEY"], listening.call_sid, name),
    }
    return {
        # Twilio signs the URL as given, query and all: a captured handshake opens no stream for
        # another call, nor for this one once its minute is over.
        "stream": (
            name,
            f"{media_url(app.config, host)}?{handshake_query(listening.call_sid)}",
            parameters,
        ),
        "stop": previous if previous != name else None,
    }


# The handshake ----------------------------------------------------------------------------------


def check_handshake(config: Mapping[str, Any], path: str, headers: Mapping[str, str]) -> int | None:
    """Return None when Twilio signed this websocket request for our media URL, else the HTTP status
    to refuse it with."""
    if urlsplit(path).path != MEDIA_PATH:
        return 404
    auth_token = config.get("TWILIO_AUTH_TOKEN")
    signature = headers.get("X-Twilio-Signature", "")
    # Twilio signs the URL it was given: the public one, or (no proxy) this host as it was reached.
    url = (
        media_url(config)
        if config.get("PUBLIC_BASE_URL")
        else f"ws://{headers.get('Host', '')}{MEDIA_PATH}"
    )
    if urlsplit(path).query:
        url += "?" + urlsplit(path).query
    if (
        not auth_token
        or not signature
        or not RequestValidator(auth_token).validate(url, {}, signature)
    ):
        return 403
    if handshake_call(path) is None:
        return 403
    return None


def handshake_call(path: str, *, now: float | None = None) -> str | None:
    """Return the call a handshake's URL was made for while it is still valid, else None."""
    query = parse_qs(urlsplit(path).query)
    call_sid, until = (query.get("call") or [""])[0], (query.get("until") or [""])[0]
    if not call_sid or not until.isdigit():
        return None
    # Long enough for Twilio to connect as the question starts; a replay after it finds it closed.
    if int(until) < (time.time() if now is None else now):
        return None
    return call_sid


# The stream --------------------------------------------------------------------------------------


def frame(raw: str | bytes) -> dict:
    """Return one message of a media stream as a JSON object; raise ValueError for anything else."""
    # Whoever holds a signed handshake may send anything: every shape ends here as ValueError,
    # which closes the socket quietly, never as a traceback in the log.
    try:
        message = json.loads(raw)
    except RecursionError:
        raise ValueError("a message nested too deeply") from None
    if not isinstance(message, dict):
        raise ValueError("a message that is not an object")
    for part in ("start", "media"):
        if part in message and not isinstance(message[part], dict):
            raise ValueError(f"a message whose {part} is not an object")
    return message


# Any: the start message (a JSON object whose parts frame() checked), or None.
async def _opening(websocket: ServerConnection) -> Any:
    """Read Twilio's `connected` and `start`; return the start message, or None when anything else
    comes first."""
    for _ in range(2):
        message = frame(await asyncio.wait_for(websocket.recv(), OPENING_SECONDS))
        event = message.get("event")
        if event == "start" and isinstance(message.get("start"), dict):
            return message
        if event != "connected":
            return None
    return None


def _admitted(app: Flask, start: dict[str, Any], bound_call: str | None) -> Listening | None:
    """Return the call's Listening if `start` carries the token of the stream it expects, for the
    call its handshake was signed for, else None."""
    details = start["start"]
    call_sid = str(details.get("callSid", ""))[:64]
    if not bound_call or call_sid != bound_call:  # a call's id is no secret: a plain compare
        return None
    parameters = details.get("customParameters") or {}
    if not isinstance(parameters, dict):
        return None
    listening = current(app, call_sid)
    if (
        listening is None
        or listening.state != "waiting"
        or parameters.get("stream") != listening.name
    ):
        return None
    expected = token(app.config["SECRET_KEY"], call_sid, listening.name)
    if not hmac.compare_digest(expected, str(parameters.get("token", ""))):
        return None
    return listening


# Any: a ServerConnection whose handshake is done (its request is there).
async def serve_stream(app: Flask, websocket: Any) -> None:
    """Hear one question's answer from a Twilio media stream (the handshake is already checked)."""
    from websockets.exceptions import ConnectionClosed

    try:
        start = await _opening(websocket)
    except (TimeoutError, ValueError, ConnectionClosed):
        start = None
    bound_call = handshake_call(websocket.request.path)
    listening = _admitted(app, start, bound_call) if start else None
    if listening is None:
        await websocket.close(REFUSED, "not a stream this line expects")
        return
    from elderride.web import speech

    loop = asyncio.get_running_loop()
    events: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    engine = speech.get_engine(app)
    try:
        stream = engine.open_stream(
            lambda kind, value: loop.call_soon_threadsafe(events.put_nowait, (kind, value)),
            phrases=listening.phrases,
            max_lag=FREE_SPEECH_LAG_SECONDS if listening.keeps_audio else None,
        )
    except (SpeechFailed, SpeechUnavailable) as error:
        log.warning("no live speech for call %s: %s", listening.call_sid, error)
        listening.state = "failed"
        await websocket.close(1013, "no room")
        return
    listening.state = "listening"
    stream_sid = str(start.get("streamSid") or start["start"].get("streamSid") or "")[:64]
    feeding = asyncio.create_task(_feed(websocket, stream, listening))
    hearing = asyncio.create_task(_hear(app, listening, stream, stream_sid, events))
    try:
        done, _ = await asyncio.wait({feeding, hearing}, return_when=asyncio.FIRST_COMPLETED)
        if feeding in done:
            # The caller's audio ended (stop, hang-up, idle, too long, or the recognizer gave up):
            # wait for the last words unless the stream already failed.
            stream.finish()
            try:
                await asyncio.wait_for(asyncio.shield(hearing), 10)
            except TimeoutError:
                pass
    finally:
        stream.cancel()
        for task in (feeding, hearing):
            task.cancel()
        await asyncio.gather(feeding, hearing, return_exceptions=True)
        if listening.state == "listening":
            listening.state = "ended"
        await websocket.close(1000, listening.failure)


async def _feed(websocket: ServerConnection, stream: LiveStream, listening: Listening) -> str:
    """Pass media frames to the recognizer until the stream stops, goes quiet, runs too long or
    gives up."""
    from websockets.exceptions import ConnectionClosed

    try:
        while listening.received < MAX_STREAM_SECONDS:
            message = frame(await asyncio.wait_for(websocket.recv(), IDLE_SECONDS))
            event = message.get("event")
            if event == "stop":
                return "stop"
            if event != "media":
                continue
            media = message.get("media") or {}
            if media.get("track", "inbound") != "inbound":
                continue
            payload = base64.b64decode(str(media.get("payload", "")), validate=True)
            listening.received += len(payload) / 8000
            if listening.keeps_audio:
                listening.audio += payload
            if not stream.feed(payload):
                return "gave up"
    except (TimeoutError, ConnectionClosed, ValueError, binascii.Error, TypeError):
        return "closed"
    return "too long"


async def _hear(
    app: Flask,
    listening: Listening,
    stream: LiveStream,
    stream_sid: str,
    events: asyncio.Queue[tuple[str, Any]],
) -> None:
    """Act on the recognizer's results: keep what was heard; move the call on when an answer is
    understood."""
    said = turns.Turn(free_speech=listening.keeps_audio, language=listening.language)
    while True:
        kind, value = await events.get()
        if kind == "partial":
            listening.partial, listening.heard_at = spoken(value), time.monotonic()
            continue
        if kind in ("final", "ended"):
            value = checked(value)
            if value is None:
                kind, value = "failed", "no transcript"
        if kind == "pause":
            value = said.quiet(float(value))
            if value is None:
                continue
            kind = "final"
        elif kind == "final":
            value = said.heard(value)
            if value is None:
                continue  # part of an address: keep listening
        elif kind == "ended":
            value = said.ended(value)
        if kind == "failed":
            # Behind or crashed: the question goes on by keys, and the caller hears no error.
            log.warning("live speech for call %s stopped: %s", listening.call_sid, value)
            listening.state = "failed"
            listening.failure = str(value)[:60]
            return
        elif kind in ("final", "ended"):
            understood = bool(value.text) if listening.phrases else bool(value.heard)
            partial, listening.partial = listening.partial, ""
            if not (value.text or value.heard) and kind == "ended" and partial:
                # The caller was cut off mid-word: keep what was heard so far for the dispatcher.
                value = Transcript(
                    text="",
                    words=[],
                    confidence=0.0,
                    duration=value.duration,
                    decode_seconds=value.decode_seconds,
                    heard=partial,
                )
            # Free speech keeps its audio even when nothing was made of it, as <Record> does: a
            # person can still listen to what the caller said.
            kept_anyway = kind == "ended" and listening.keeps_audio and bool(listening.audio)
            if value.text or value.heard or kept_anyway:
                utterance_id = await asyncio.to_thread(
                    _keep, app.config, listening, stream_sid, value
                )
                if understood and listening.state == "listening":
                    listening.state = "understood"
                    listening.understood_at = _ended_at(value, listening)
                    moved = await asyncio.to_thread(_move_call, app.config, listening, utterance_id)
                    if not moved:
                        listening.state = "failed"
                    return
            if kind == "ended":
                return


def _ended_at(said: Transcript, listening: Listening) -> float:
    """Where in the stream's audio the recognizer ended `said`: after its last word and the pause
    it waited, else (no such figures) all the audio taken so far."""
    if said.words and said.words[-1].get("end") is not None and said.pause is not None:
        return round(float(said.words[-1]["end"]) + said.pause, 3)
    return round(listening.received, 3)


def _keep(
    config: Mapping[str, Any], listening: Listening, stream_sid: str, transcript: Transcript
) -> int:
    """Keep what was heard as the step's utterance, with the stream's audio for free speech."""
    audio_path = None
    if listening.keeps_audio and listening.audio:
        # The file is whole before the row that names it exists: a process killed in between
        # leaves no utterance, and the question's silence asks again.
        audio_path = recordings.keep(
            config["RECORDINGS"],
            f"{listening.call_sid}-{listening.name}",
            audio_decoding.decode_mulaw(bytes(listening.audio[-MAX_KEPT_BYTES:])).wav_bytes(),
        )
    db = connect(config["DATABASE"])
    try:
        return calls.add_utterance(
            db,
            listening.call_sid,
            step=listening.step,
            recording_url=f"stream:{stream_sid}"[:500],
            audio_path=str(audio_path) if audio_path else None,
            transcript=transcript,
        )
    finally:
        db.close()


def _move_call(config: Mapping[str, Any], listening: Listening, utterance_id: int) -> bool:
    """Send the live call to the step's answer URL through Twilio's REST API; return whether Twilio
    took it."""
    url = f"{listening.answer_url}&{urlencode({'kind': 'stream', 'utterance': utterance_id})}"
    try:
        return update_call(config, listening.call_sid, url)
    except http_requests.OutboundError as error:
        log.warning("could not move call %s on: %s", listening.call_sid, error)
        return False


def update_call(
    config: Mapping[str, Any], call_sid: str, url: str, *, timeout: float = 5.0
) -> bool:
    """Redirect a live call to `url` (POST), as Twilio's call update does; return whether Twilio
    accepted it."""
    account_sid, auth_token = config.get("TWILIO_ACCOUNT_SID"), config.get("TWILIO_AUTH_TOKEN")
    if not account_sid or not auth_token:
        return False
    api_base = config["TWILIO_API_BASE"].rstrip("/")
    credentials = base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()
    answer = http_requests.request(
        "POST",
        f"{api_base}/2010-04-01/Accounts/{account_sid}/Calls/{call_sid}.json",
        body=urlencode({"Url": url, "Method": "POST"}).encode(),
        headers={
            "Authorization": f"Basic {credentials}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        deadline=timeout,
    )
    if not 200 <= answer.status < 300:
        log.warning("Twilio refused to move call %s: %s", call_sid, answer.status)
        return False
    return True
