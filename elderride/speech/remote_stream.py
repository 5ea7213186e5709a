"""A live stream over vosk-server's own protocol: the caller's audio goes to a remote recognizer as
it arrives, and its answers come back as a local stream's do.

vosk-server answers every message in order once it has decoded it (see remote.py), so each
answer tells how much of the audio has been heard: a stream whose unheard audio grows past
`max_lag` gives up ("behind"), and one whose recognizer goes away fails ("crashed"). A
recognizer that answers nothing at all for the engine's `stall_seconds` while audio waits has
stalled, whether the stream is still open or already gave up on it: the stream fails
("stalled") and the engine counts the recognizer as failed. A crashed or stalled recognizer is
tried last, so the next question goes to another, and /healthz names it.
"""

from __future__ import annotations

import collections
import json
import logging
import queue
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from elderride.speech.recognizer import CHUNK_SECONDS, UNKNOWN, grammar, transcript
from elderride.speech.server_replies import EOF_MESSAGE, utterance
from elderride.speech.transcript import Listener

if TYPE_CHECKING:
    from elderride.speech.remote import RemoteVosk

log = logging.getLogger(__name__)

BYTES_PER_SAMPLE = {"mulaw": 1, "pcm16": 2}
# What the sender is told, besides audio: end the recording, or stop at once.
_FINISH = object()
_STOP = object()


def _pcm16(data: bytes, encoding: str) -> bytes:
    import numpy as np

    from elderride.speech.audio_decoding import MULAW_TABLE

    if encoding == "mulaw":
        return MULAW_TABLE[np.frombuffer(data, dtype=np.uint8)].astype("<i2", copy=False).tobytes()
    return bytes(data)


class RemoteStream:
    """One caller's answer recognised live by a remote recognizer; results go to
    `listener(kind, value)` with the kinds of a local stream ("partial", "final", "ended",
    "failed")."""

    def __init__(
        self,
        engine: RemoteVosk,
        listener: Listener,
        *,
        phrases: Sequence[str] | None,
        rate: int,
        encoding: str,
        max_lag: float,
    ) -> None:
        self.engine = engine
        self.listener = listener
        self.phrases = list(phrases) if phrases else None
        self.rate = rate
        self.encoding = encoding
        self.max_lag = max_lag
        self.sent_seconds = 0.0
        self.heard_seconds = 0.0
        self.state = "open"  # open, finishing, then ended, failed or cancelled
        self.partial = ""
        self.server: str | None = None
        self._segment_start = 0.0
        self._started = time.perf_counter()
        # Each message sent and not yet answered: its seconds of audio (None: the end), and when.
        self._unanswered: collections.deque[tuple[float | None, float]] = collections.deque()
        self._last_answer_at = time.monotonic()
        # Free speech may wait long for its first words: no shorter than the lag it is allowed.
        self._stall_window = max(engine.stall_seconds, max_lag)
        self._outgoing: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._chunk_bytes = int(rate * CHUNK_SECONDS) * BYTES_PER_SAMPLE[encoding]
        threading.Thread(target=self._run, daemon=True, name="elderride-remote-stream").start()

    @property
    def lag(self) -> float:
        """Seconds of audio sent to the recognizer and not yet decoded."""
        return self.sent_seconds - self.heard_seconds

    def feed(self, data: bytes) -> bool:
        """Send audio to the recognizer without waiting; return False once the stream has given
        up."""
        with self._lock:
            if self.state != "open":
                return False
            behind = self.lag > self.max_lag
            if not behind:
                self.sent_seconds += len(data) / BYTES_PER_SAMPLE[self.encoding] / self.rate
        if behind:
            self._end("failed", "behind")
            return False
        self._outgoing.put(bytes(data))
        return True

    def finish(self) -> None:
        """No more audio: ask for the last result (delivered as "ended")."""
        with self._lock:
            if self.state != "open":
                return
            self.state = "finishing"
        self._outgoing.put(_FINISH)

    def cancel(self) -> None:
        """Forget the stream without a result."""
        self._end("cancelled", None, tell=False)

    def _end(self, state: str, value: object, *, tell: bool = True) -> None:
        with self._lock:
            if self.state not in ("open", "finishing"):
                return
            self.state = state
        self._outgoing.put(_STOP)
        if tell:
            self._tell("failed", value)

    def _tell(self, kind: str, value: object) -> None:
        try:
            self.listener(kind, value)
        except Exception:  # noqa: BLE001 - a listener's bug must not stop the stream's thread
            log.exception("a speech stream listener failed")

    def _run(self) -> None:
        """Connect, then send what is fed until the stream ends (in the stream's own thread)."""
        config: dict[str, object] = {
            "sample_rate": self.rate,
            "words": 1,
            # A server started with VOSK_ALTERNATIVES would answer in a shape with no text.
            "max_alternatives": 0,
        }
        if self.phrases:
            config["phrase_list"] = json.loads(grammar(self.phrases))
        opened = self.engine.connect_first(json.dumps({"config": config}, ensure_ascii=False))
        if opened is None:
            self._end("failed", "crashed")
            return
        self.server, connection = opened
        reader = threading.Thread(
            target=self._read, args=(connection,), daemon=True, name="elderride-remote-hear"
        )
        reader.start()

        waiting: object = None
        try:
            while True:
                message, waiting = (
                    (waiting, None)
                    if waiting is not None
                    else (
                        self._outgoing.get(),
                        None,
                    )
                )
                if message is _STOP:
                    break
                if message is _FINISH:
                    with self._lock:
                        self._unanswered.append((None, time.monotonic()))
                    connection.send(EOF_MESSAGE)
                    continue
                assert isinstance(message, bytes)
                # Frames that queued while the last message went out go as one message: one
                # answer for them all, as vosk-server's own clients send 0.2 s at a time.
                audio = bytearray(message)
                while len(audio) < self._chunk_bytes:
                    try:
                        more = self._outgoing.get_nowait()
                    except queue.Empty:
                        break
                    if not isinstance(more, bytes):
                        waiting = more
                        break
                    audio += more
                seconds = len(audio) / BYTES_PER_SAMPLE[self.encoding] / self.rate
                with self._lock:
                    self._unanswered.append((seconds, time.monotonic()))
                connection.send(_pcm16(bytes(audio), self.encoding))
        except Exception as error:  # noqa: BLE001 - the reader sees the connection gone and fails the stream
            log.warning("speech server %s: sending failed: %s", self.server, error)
        finally:
            # A stream that gave up still owes answers: the reader learns, within the stall
            # window, whether the recognizer was only slow or has stalled.
            reader.join(timeout=self._stall_window + 1)
            connection.close()
            reader.join(timeout=5)

    def _silent_for(self) -> float:
        """Seconds the recognizer has owed an answer without giving any (0 when it owes none)."""
        with self._lock:
            if not self._unanswered:
                return 0.0
            oldest = self._unanswered[0][1]
        return time.monotonic() - max(oldest, self._last_answer_at)

    def _stalled(self) -> None:
        """The recognizer answered nothing within the stall window: fail the stream if it is still
        on, and count the recognizer as failed."""
        reason = f"stalled: no answer in {self._stall_window:g} s"
        with self._lock:
            failed = self.state in ("open", "finishing")
            if failed:
                self.state = "failed"
        log.warning("speech server %s %s", self.server, reason)
        self.engine.mark(self.server or "", failed=True, reason=reason)
        if failed:
            self._tell("failed", "stalled")

    def _read(self, connection: Any) -> None:
        """Turn the recognizer's answers into the listener's events (in the reader thread)."""
        try:
            self._hear(connection)
        finally:
            self._outgoing.put(_STOP)  # the sender never waits on a stream that is over

    def _hear(self, connection: Any) -> None:
        poll = min(0.25, self._stall_window / 4)
        try:
            while True:
                try:
                    message = connection.recv(timeout=poll)
                except TimeoutError:
                    if self._silent_for() > self._stall_window:
                        self._stalled()
                        return
                    with self._lock:
                        over = self.state not in ("open", "finishing") and not self._unanswered
                    if over:
                        return
                    continue
                self._last_answer_at = time.monotonic()
                ended = utterance(message)
                with self._lock:
                    sent = self._unanswered.popleft()[0] if self._unanswered else 0.0
                    if sent is not None:
                        self.heard_seconds += sent
                    state = self.state
                if state not in ("open", "finishing"):
                    return  # it answers: slow, not stalled, and this stream is over
                if ended is None:
                    text = json.loads(message).get("partial", "")
                    text = " ".join(word for word in text.split() if word != UNKNOWN)
                    if text != self.partial and state == "open":
                        self.partial = text
                        self._tell("partial", text)
                    continue
                heard = transcript(
                    [ended],
                    self.phrases,
                    duration=self.heard_seconds - self._segment_start,
                    decode_seconds=time.perf_counter() - self._started,
                )
                self._segment_start, self._started = self.heard_seconds, time.perf_counter()
                self.partial = ""
                if sent is None:
                    with self._lock:
                        if self.state != "finishing":
                            return
                        self.state = "ended"
                    self.engine.mark(self.server or "", failed=False)
                    self._tell("ended", heard)
                    return
                if heard.heard and state == "open":
                    self._tell("final", heard)
        except Exception as error:  # noqa: BLE001 - a wrong answer or a dropped connection alike
            log.warning("speech server %s failed mid-stream: %s", self.server, error)
        with self._lock:
            failed = self.state in ("open", "finishing")
            if failed:
                self.state = "failed"
        if failed:
            self.engine.mark(self.server or "", failed=True)
            self._outgoing.put(_STOP)
            self._tell("failed", "crashed")
