"""Speech beyond one machine: recognizers reached over vosk-server's websocket protocol.

The protocol (alphacep's vosk-server, websocket flavour): the client sends a text message
`{"config": {"sample_rate": …, "words": 1, "phrase_list": [...]}}`, then the audio as binary
messages of 16-bit little-endian mono PCM; the server answers each with `{"partial": …}` or,
when it hears an utterance end, `{"result": [...], "text": …}`; the client ends with the text
`{"eof" : 1}` and the server answers with the final result.

Several servers share the work in turn; one that cannot be reached, or drops a job, is
skipped for a while and the job goes to the next within the same deadline. The transcript is
made by the same code as a local one (recognizer.transcript), and failures are the pool's:
SpeechFailed when a job was taken but did not finish in time, SpeechUnavailable when no
server can take it or the engine is shut down.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from elderride.speech.audio_decoding import Audio, rate_problem, stream_format_problem
from elderride.speech.recognizer import CHUNK_SECONDS, grammar, transcript
from elderride.speech.server_replies import EOF_MESSAGE, utterance
from elderride.speech.transcript import (
    EngineHealth,
    Listener,
    RecognizerHealth,
    SpeechFailed,
    SpeechUnavailable,
    StreamRefused,
    Transcript,
)

if TYPE_CHECKING:
    from elderride.speech.remote_stream import RemoteStream

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
# The longest a connection may take to open before the next server is tried.
CONNECT_SECONDS = 2.0
# A server that failed is tried again, after the others, once this long has passed.
RETRY_AFTER_SECONDS = 10.0
# /healthz asks each recognizer again when what it said last is older than this.
PROBE_SECONDS = 15.0
# The sample rate a probe's (empty) recording claims: the telephone's.
PROBE_RATE = 8000
# A recognizer that answers nothing this long while a phrase question's audio waits for it has
# stalled: the question goes on with the next recognizer, and this one is counted as failed (tried
# last, and /healthz says so). vosk-server answers every message; with phrase lists the longest
# wait for an answer measured was 0.52 s (alphacep's server, 10 live streams on 2 cores, load 3.7;
# the stand-in 0.36 s), against 0.08 s for one stream (docs/SCALING.md, "A recognizer that
# stalls"). Three times the longest leaves a slow recognizer its due and a stalled one costs the
# caller under 2 s, inside the 8 s a question waits for speech.
STALL_SECONDS = 1.5
# Free decoding answers the end of an utterance only once its whole lattice is decoded: 2.6 s for
# one stream, 5.2 s for four on the same machine (load 6), and the stand-in once took over 8 s.
# A slow recognizer is not a stalled one.
FREE_SPEECH_STALL_SECONDS = 10.0


def parse_servers(value: str | None) -> list[str]:
    """Return the websocket addresses in a comma-separated setting (ws://host:2700,ws://other:2700)."""
    servers = [item.strip() for item in (value or "").split(",") if item.strip()]
    for server in servers:
        if not server.startswith(("ws://", "wss://")):
            raise ValueError(
                f"A speech server address starts with ws:// or wss://, not {server!r}."
            )
    return servers


class _Dropped(Exception):
    """The server could not be reached, or went away in the middle of a job."""


class RemoteVosk:
    """The speech engine interface over one or more vosk-server recognizers, used in turn."""

    def __init__(
        self,
        servers: list[str],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        connect_seconds: float = CONNECT_SECONDS,
        stall_seconds: float = STALL_SECONDS,
        free_speech_stall_seconds: float = FREE_SPEECH_STALL_SECONDS,
    ) -> None:
        if not servers:
            raise ValueError("At least one speech server is needed.")
        self.servers = list(servers)
        self.timeout = timeout
        self.connect_seconds = connect_seconds
        self.stall_seconds = stall_seconds
        self.free_speech_stall_seconds = free_speech_stall_seconds
        # What went wrong with a server mid-stream, and when: reported until it answers again.
        self._trouble: dict[str, tuple[str, float]] = {}
        self._turn = itertools.count()
        self._down_until: dict[str, float] = {}
        self._lock = threading.Lock()
        self._closed = False
        self.skipped = 0
        # What each server said to the latest probe (None: it answered), and when.
        self._probes: dict[str, str | None] | None = None
        self._probed_at = 0.0
        self._probing = False

    def _order(self) -> list[str]:
        """The servers to try for the next job: the next in turn first, those that failed lately
        last."""
        with self._lock:
            start = next(self._turn) % len(self.servers)
            now = time.monotonic()
            turn = self.servers[start:] + self.servers[:start]
            # One that stalled stays last until it answers again (a job, or a probe of /healthz).
            down = {s for s in turn if self._down_until.get(s, 0) > now or s in self._trouble}
            return [s for s in turn if s not in down] + [s for s in turn if s in down]

    def mark(self, server: str, *, failed: bool, reason: str | None = None) -> None:
        """Note how `server` did: one that failed is tried last for a while, and a `reason` given
        is what /healthz says of it until it answers again."""
        self._mark(server, failed, reason)

    def _mark(self, server: str, failed: bool, reason: str | None = None) -> None:
        with self._lock:
            if failed:
                self.skipped += 1
                self._down_until[server] = time.monotonic() + RETRY_AFTER_SECONDS
                if reason:
                    self._trouble[server] = (reason, time.monotonic())
            else:
                self._down_until.pop(server, None)
                self._trouble.pop(server, None)

    def transcribe(
        self, audio: Audio, *, phrases: Sequence[str] | None = None, timeout: float | None = None
    ) -> Transcript:
        """Decode one utterance on a remote recognizer and return its Transcript."""
        if self._closed:
            raise SpeechUnavailable("The speech engine is shut down.")
        if problem := rate_problem(audio.rate):
            raise SpeechFailed(f"The speech engine could not decode this audio: {problem}")
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        reasons: list[str] = []
        taken = False
        for server in self._order():
            if time.monotonic() >= deadline:
                break
            try:
                transcript = self._decode(server, audio, phrases, deadline)
            except TimeoutError:
                raise SpeechFailed(
                    f"The speech engine took longer than {timeout:g} seconds."
                ) from None
            except _Dropped as dropped:
                log.warning("speech server %s failed: %s; trying the next", server, dropped.args[0])
                reasons.append(f"{server}: {dropped.args[0]}")
                taken = taken or dropped.args[1]
                self._mark(server, True)
                continue
            self._mark(server, False)
            return transcript
        if time.monotonic() >= deadline:
            raise SpeechFailed(f"The speech engine took longer than {timeout:g} seconds.")
        if taken:
            raise SpeechFailed(f"The speech server stopped while decoding ({'; '.join(reasons)}).")
        raise SpeechUnavailable(f"No speech server could be reached ({'; '.join(reasons)}).")

    def _connect(self, server: str, opening: float) -> Any:
        """Open a websocket to `server`, waiting at most `opening` seconds."""
        from websockets.sync.client import connect

        return connect(
            server,
            open_timeout=opening,
            close_timeout=1,
            # No websocket keepalive: whether a recognizer is alive is judged by the answers it
            # owes (the stream's stall window, the job's deadline). A busy recognizer reads no
            # pings while the messages queued before them wait (vosk-server reads the next only
            # after answering the last), so websockets' default (a pong within 20 s of a ping
            # every 20 s) closed a live stream that was within its stall window.
            ping_interval=None,
            max_size=2**22,
            compression=None,
            proxy=None,
            legacy=True,
        )

    def _decode(
        self, server: str, audio: Audio, phrases: Sequence[str] | None, deadline: float
    ) -> Transcript:
        from websockets.exceptions import InvalidHandshake, InvalidURI, WebSocketException

        started = time.perf_counter()
        opening = max(0.01, min(self.connect_seconds, deadline - time.monotonic()))
        try:
            connection = self._connect(server, opening)
        except TimeoutError as error:
            if opening < self.connect_seconds:
                raise  # the job's own time ran out while connecting: the job took too long
            raise _Dropped(f"{type(error).__name__}: {error}", False) from None
        except (OSError, InvalidHandshake, InvalidURI) as error:
            raise _Dropped(f"{type(error).__name__}: {error}", False) from None
        segments: list[dict[str, Any]] = []

        def reply(wait: bool) -> bool:
            """Take the next reply (waiting for it only when `wait`); return whether there was
            one."""
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            try:
                message = connection.recv(timeout=remaining if wait else 0)
            except TimeoutError:
                if wait:
                    raise
                return False
            ended = utterance(message)
            if ended is not None:
                segments.append(ended)
            return True

        try:
            config: dict[str, object] = {
                "sample_rate": audio.rate,
                "words": 1,
                # A server started with VOSK_ALTERNATIVES would answer in a shape with no text.
                "max_alternatives": 0,
            }
            if phrases:
                config["phrase_list"] = json.loads(grammar(phrases))
            connection.send(json.dumps({"config": config}, ensure_ascii=False))
            pcm = audio.pcm_bytes()
            step = int(audio.rate * CHUNK_SECONDS) * 2
            # vosk-server answers every message, in order, once it has decoded it. The chunks go
            # out without waiting for those answers (a round trip each on a real network), and
            # the answers already back are read as they go, so neither side's buffer fills.
            sent = answered = 0
            for offset in range(0, len(pcm), step):
                connection.send(pcm[offset : offset + step])
                sent += 1
                while answered < sent and reply(wait=False):
                    answered += 1
            connection.send(EOF_MESSAGE)
            sent += 1
            while answered < sent:
                reply(wait=True)
                answered += 1
        except TimeoutError:
            connection.close()
            raise
        except (OSError, WebSocketException, ValueError) as error:
            connection.close()
            raise _Dropped(f"{type(error).__name__}: {error}", True) from None
        connection.close()
        if not segments:
            segments.append({"text": ""})
        return transcript(
            segments, phrases, duration=audio.duration, decode_seconds=time.perf_counter() - started
        )

    def connect_first(self, config: str, *, skip: Collection[str] = ()) -> tuple[str, Any] | None:
        """Open a connection to the first server in turn, other than those in `skip`, that takes
        `config`; return the server and the connection, or None when none does."""
        from websockets.exceptions import InvalidHandshake, InvalidURI, WebSocketException

        for server in [server for server in self._order() if server not in skip]:
            try:
                connection = self._connect(server, self.connect_seconds)
            except (OSError, InvalidHandshake, InvalidURI) as error:
                log.warning("speech server %s: %s; trying the next", server, error)
                self._mark(server, True)
                continue
            try:
                connection.send(config)
            except (OSError, WebSocketException) as error:
                connection.close()
                log.warning("speech server %s: %s; trying the next", server, error)
                self._mark(server, True)
                continue
            return server, connection
        return None

    def has_room(
        self,
        phrases: Sequence[str] | None = None,
        *,
        pending: Sequence[Sequence[str] | None] = (),
    ) -> bool:
        """Tell whether a live stream opened now would be admitted: vosk-server takes as many
        connections as come, free speech or not."""
        return not self._closed

    def open_stream(
        self,
        listener: Listener,
        *,
        phrases: Sequence[str] | None = None,
        rate: int = 8000,
        encoding: str = "mulaw",
        max_lag: float | None = None,
    ) -> RemoteStream:
        """Start recognising a live stream on the next recognizer in turn (connecting in the
        stream's own thread, so an event loop is never held up)."""
        from elderride.speech.local import MAX_LAG_SECONDS
        from elderride.speech.remote_stream import RemoteStream

        if self._closed:
            raise SpeechUnavailable("The speech engine is shut down.")
        if problem := stream_format_problem(rate, encoding):
            # A recognizer's Kaldi aborts on a rate it cannot take, and the stream's own arithmetic
            # divides by it.
            raise StreamRefused(problem)
        return RemoteStream(
            self,
            listener,
            phrases=phrases,
            rate=rate,
            encoding=encoding,
            max_lag=MAX_LAG_SECONDS if max_lag is None else max_lag,
        )

    def probe(self, server: str) -> str | None:
        """Ask `server` for the result of an empty recording; return None when it answers as a
        vosk-server does, else what went wrong."""
        from websockets.exceptions import InvalidHandshake, InvalidURI, WebSocketException

        try:
            connection = self._connect(server, self.connect_seconds)
        except (OSError, InvalidHandshake, InvalidURI) as error:
            return f"{type(error).__name__}: {error}"
        try:
            connection.send(
                json.dumps({"config": {"sample_rate": PROBE_RATE, "max_alternatives": 0}})
            )
            connection.send(EOF_MESSAGE)
            if utterance(connection.recv(timeout=self.connect_seconds)) is None:
                return "it answered the end of a recording with a partial result"
        except TimeoutError:
            return f"no answer within {self.connect_seconds:g} s"
        except (OSError, WebSocketException, ValueError) as error:
            return f"{type(error).__name__}: {error}"
        finally:
            connection.close()
        return None

    def _probe_all(self) -> dict[str, str | None]:
        """Probe every server at once, remember what each said, and return it."""
        found: dict[str, str | None] = {}
        started = time.monotonic()

        def one(server: str) -> None:
            found[server] = self.probe(server)

        threads = [threading.Thread(target=one, args=(server,)) for server in self.servers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with self._lock:
            self._probes, self._probed_at, self._probing = dict(found), time.monotonic(), False
            for server, trouble in found.items():
                if trouble is not None:
                    # Calls try it last until it answers a job again.
                    self._down_until[server] = time.monotonic() + RETRY_AFTER_SECONDS
                elif self._trouble.get(server, ("", started))[1] < started:
                    # It answered a probe made after its trouble: it is back.
                    self._trouble.pop(server, None)
        for server, trouble in found.items():
            if trouble is not None:
                log.warning("speech server %s does not answer as a recognizer: %s", server, trouble)
        return found

    def health(self) -> EngineHealth:
        """Say how each recognizer answered its latest probe (probing again in the background
        when that is over PROBE_SECONDS old)."""
        with self._lock:
            probes = self._probes
            trouble = {server: reason for server, (reason, _) in self._trouble.items()}
            stale = time.monotonic() - self._probed_at > PROBE_SECONDS
            if stale and not self._probing and not self._closed:
                self._probing = True
                threading.Thread(
                    target=self._probe_all, name="elderride-speech-probe", daemon=True
                ).start()
        if probes is None:
            return {"available": False, "reason": "loading"}
        recognizers: list[RecognizerHealth] = [
            {
                "server": server,
                "ok": probes.get(server) is None and server not in trouble,
                "reason": probes.get(server) or trouble.get(server) or "ready",
            }
            for server in self.servers
        ]
        failing = [item for item in recognizers if not item["ok"]]
        if len(failing) == len(recognizers):
            return {
                "available": False,
                "reason": "No speech server answered: "
                + "; ".join(f"{item['server']}: {item['reason']}" for item in failing),
                "recognizers": recognizers,
            }
        return {"available": True, "reason": "ready", "recognizers": recognizers}

    def wait_ready(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Probe every recognizer; raise SpeechUnavailable when none answers as vosk-server does."""
        health = self.health() if self._probes is not None else None
        if health is None:
            self._probe_all()
            health = self.health()
        if not health["available"]:
            raise SpeechUnavailable(health["reason"])

    def close(self) -> None:
        """Take no more jobs."""
        self._closed = True
