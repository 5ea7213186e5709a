"""A live stream over vosk-server's own protocol: the caller's audio goes to a remote recognizer as
it arrives, and its answers come back as a local stream's do.

vosk-server answers every message in order once it has decoded it (see remote.py), so each
answer tells how much of the audio has been heard: a stream whose recognizer keeps answering but
whose unheard audio grows past `max_lag` gives up ("behind"). A recognizer that answers nothing
at all for the stall window (the engine's `stall_seconds`, no shorter than `max_lag`) while audio
waits has stalled, though its connection stays open. A crashed or stalled recognizer is counted
as failed: it is tried last, so the next question goes to another, and /healthz names it.

A recognizer that goes away or stalls mid-question costs the caller nothing: the question's audio
since its last answer is sent again to the next recognizer that takes it, and the stream goes on
live there. Each recognizer is tried once per stream; when none is left, the stream fails
("crashed", or "stalled" when the last one stalled) and the question goes on by keys. Audio that
waited while the stream connected is caught up on the same way, not counted as falling behind.

Free speech ends where the caller's voice stopped, as in a local worker: the line hears the audio
it sends (speech/end_of_speech.py) and, at the short pause after the voice, asks the recognizer for
its answer so far (vosk-server's reset, which keeps the connection open for what follows); the
elder silence after it is told as a "pause" once the recognizer has heard the audio up to it.
"""

from __future__ import annotations

import collections
import json
import logging
import queue
import threading
import time
from collections.abc import Collection, Sequence
from typing import Any, Protocol

from elderride.speech.audio_decoding import STREAM_ENCODINGS, pcm16
from elderride.speech.end_of_speech import free_speech_turns
from elderride.speech.recognizer import CHUNK_SECONDS, UNKNOWN, grammar, transcript
from elderride.speech.server_replies import EOF_MESSAGE, RESET_MESSAGE, utterance
from elderride.speech.stream_progress import StreamProgress
from elderride.speech.transcript import Listener

log = logging.getLogger(__name__)


class Recognizers(Protocol):
    """What a stream asks of the recognizers it is shared among (`remote.RemoteVosk`)."""

    # How long a recognizer may keep audio unanswered before it counts as stalled: with a phrase
    # list, and in free speech.
    stall_seconds: float
    free_speech_stall_seconds: float

    def connect_first(self, config: str, *, skip: Collection[str] = ()) -> tuple[str, Any] | None:
        """Open a connection to the first recognizer in turn, other than `skip`, that takes
        `config`."""
        ...

    def mark(self, server: str, *, failed: bool, reason: str | None = None) -> None:
        """Note how `server` did."""
        ...


# What the sender is told, besides audio: end the recording, or stop at once.
_FINISH = object()
_STOP = object()


class _Stalled(Exception):
    """The recognizer owed an answer for the whole stall window and gave none."""


class RemoteStream(StreamProgress):
    """One caller's answer recognised live by a remote recognizer; results go to
    `listener(kind, value)` with the kinds of a local stream ("partial", "final", "pause",
    "ended", "failed")."""

    def __init__(
        self,
        engine: Recognizers,
        listener: Listener,
        *,
        phrases: Sequence[str] | None,
        rate: int,
        encoding: str,
        max_lag: float,
    ) -> None:
        super().__init__(listener, rate=rate, encoding=encoding, max_lag=max_lag)
        self.engine = engine
        self.phrases = list(phrases) if phrases else None
        self.server: str | None = None
        self._segment_start = 0.0
        self._started = time.perf_counter()
        # Each message sent and not yet answered: its seconds of audio (None: the end; 0: the
        # answer so far) and when.
        self._unanswered: collections.deque[tuple[float | None, float]] = collections.deque()
        # Seconds of audio sent again to a recognizer taking over (or that waited while the stream
        # connected): owed on top of the live audio until it has caught up with the caller, since
        # the live audio waits behind them however fast it decodes.
        self._replaying = 0.0
        # Everything sent to a recognizer, as fed, so one taking over hears what the last heard;
        # the connection it went on; whether the end was sent; the recognizers this stream tried.
        self._sent = bytearray()
        self._connection: Any = None
        self._eof_sent = False
        self._tried: set[str] = set()
        self._send_lock = threading.Lock()
        self._last_answer_at = time.monotonic()
        # Free speech waits long for an utterance's end; never shorter than the lag allowed.
        stall = engine.stall_seconds if self.phrases else engine.free_speech_stall_seconds
        self._stall_window = max(stall, max_lag)
        self._outgoing: queue.SimpleQueue[object] = queue.SimpleQueue()
        # Free speech: where the voice stopped, heard on the audio as it goes out; the byte of a
        # 16-bit sample split between two chunks, waiting for its other half.
        self._turns = None if self.phrases else free_speech_turns(rate)
        self._split = b""
        # Where in `_sent` an answer was asked for at the voice's pause (bytes), so a recognizer
        # taking over is asked at the same places; the elder silences heard and not yet told (the
        # seconds of audio they are at); where the connection's own clock (its word times) starts.
        self._resets: list[int] = []
        self._quiet: collections.deque[float] = collections.deque()
        self._clock = 0.0
        self._chunk_bytes = int(rate * CHUNK_SECONDS) * STREAM_ENCODINGS[encoding]
        threading.Thread(target=self._run, daemon=True, name="elderride-remote-stream").start()

    def _behind(self) -> bool:
        # Only a recognizer that answers can be behind; one that has gone silent is left to the
        # stall window, which hands the stream on instead of giving up.  One catching up is behind
        # only when it falls further back than the audio it was given again: slower than speech.
        answering = self._silent_for_locked() < self.max_lag / 2
        return (
            self._connection is not None and answering and self.lag - self._replaying > self.max_lag
        )

    def _send_audio(self, data: bytes) -> None:
        self._outgoing.put(data)

    def _send_end(self) -> None:
        self._outgoing.put(_FINISH)

    def _stop(self) -> None:
        self._outgoing.put(_STOP)

    def _config(self) -> str:
        config: dict[str, object] = {
            "sample_rate": self.rate,
            "words": 1,
            # A server started with VOSK_ALTERNATIVES would answer in a shape with no text.
            "max_alternatives": 0,
        }
        if self.phrases:
            config["phrase_list"] = json.loads(grammar(self.phrases))
        return json.dumps({"config": config}, ensure_ascii=False)

    def _run(self) -> None:
        """Connect, then send what is fed until the stream ends (in the stream's own thread)."""
        opened = self.engine.connect_first(self._config())
        if opened is None:
            self._end("failed", "crashed")
            return
        with self._lock:
            self.server, self._connection = opened
            # The audio fed while connecting goes out now: catch-up, not falling behind.
            self._replaying = self.sent_seconds
        self._tried.add(self.server)
        reader = threading.Thread(target=self._read, daemon=True, name="elderride-remote-hear")
        reader.start()

        waiting: object = None
        while True:
            message, waiting = (
                (waiting, None) if waiting is not None else (self._outgoing.get(), None)
            )
            if message is _STOP:
                break
            if message is _FINISH:
                self._send(None)
                continue
            assert isinstance(message, bytes)
            # Frames that queued while the last message went out go as one message: one answer
            # for them all, as vosk-server's own clients send 0.2 s at a time.
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
            self._forward(bytes(audio))
        # A stream that gave up still owes answers: the reader learns, within the stall window,
        # whether the recognizer was only slow or has stalled.
        reader.join(timeout=self._stall_window + 1)
        self._connection.close()
        reader.join(timeout=5)

    def _forward(self, audio: bytes) -> None:
        """Send audio; in free speech, ask for the answer so far wherever the sound says the voice
        stopped in it."""
        if self._turns is None:
            self._send(audio)
            return
        width = STREAM_ENCODINGS[self.encoding]
        joined = self._split + audio
        whole = len(joined) - len(joined) % width
        earlier, self._split = len(self._split), joined[whole:]
        done = 0
        for event in self._turns.hear(pcm16(joined[:whole], self.encoding)):
            # The event's offset counts 16-bit bytes from the split sample's first byte.
            cut = min(len(audio), max(done, event.offset // 2 * width - earlier))
            if event.kind == "quiet":
                with self._lock:
                    self._quiet.append(event.seconds)  # before its audio: the answer may be quick
            if cut > done:
                self._send(audio[done:cut])
                done = cut
            if event.kind == "end":
                self._send(RESET_MESSAGE)
        if done < len(audio):
            self._send(audio[done:])

    def _send(self, audio: bytes | str | None) -> None:
        """Send audio (None: the end; text: the answer so far) to the recognizer the stream is on,
        keeping it for one that may take over."""
        with self._send_lock:
            if audio is None:
                self._eof_sent = True
            elif isinstance(audio, str):
                self._resets.append(len(self._sent))
            else:
                self._sent += audio
            try:
                self._put(self._connection, audio)
            except Exception as error:  # noqa: BLE001 - the reader sees the connection gone and hands the stream on
                log.warning("speech server %s: sending failed: %s", self.server, error)

    def _put(self, connection: Any, audio: bytes | str | None) -> None:
        """Send one message on `connection`, counting the answer it is owed."""
        message: bytes | str
        seconds: float | None
        if audio is None:
            seconds, message = None, EOF_MESSAGE
        elif isinstance(audio, str):
            seconds, message = 0.0, audio
        else:
            seconds, message = self.seconds(audio), pcm16(audio, self.encoding)
        with self._lock:
            self._unanswered.append((seconds, time.monotonic()))
        connection.send(message)

    def _take_over(self) -> bool:
        """Move the stream to the next recognizer it has not tried, sending it the audio since
        the last answer; return whether one took it."""
        with self._send_lock:
            while True:
                with self._lock:
                    if self.state not in ("open", "finishing"):
                        return False
                opened = self.engine.connect_first(self._config(), skip=self._tried)
                if opened is None:
                    return False
                server, connection = opened
                self._tried.add(server)
                log.warning("speech stream moves from %s to %s mid-question", self.server, server)
                bytes_per_second = STREAM_ENCODINGS[self.encoding] * self.rate
                since = (
                    int(round(self._segment_start * self.rate)) * STREAM_ENCODINGS[self.encoding]
                )
                again = bytes(self._sent[since:])
                with self._lock:
                    self._unanswered.clear()
                    # The audio sent again, and the audio fed while the next was reached (up to a
                    # connect timeout per recognizer tried) that waits to go out: catch-up, as at
                    # the stream's start.  Owed in full before the first piece goes, so a frame
                    # fed while the pieces go out never finds the stream behind by them.
                    waited = max(0.0, self.sent_seconds - self.seconds(self._sent))
                    self._replaying = waited + self.seconds(again)
                    self.heard_seconds = self._clock = self._segment_start
                    self._last_answer_at = time.monotonic()
                    self.partial = ""
                step = max(self._chunk_bytes, int(bytes_per_second * CHUNK_SECONDS))
                # The answers asked for at the voice's pauses and not yet given are asked again.
                asked = [mark - since for mark in self._resets if mark > since]
                try:
                    start = 0
                    for end in [*asked, None]:
                        stop = len(again) if end is None else end
                        for offset in range(start, stop, step):
                            piece = again[offset : min(offset + step, stop)]
                            self._put(connection, piece)
                        if end is not None:
                            self._put(connection, RESET_MESSAGE)
                        start = stop
                    if self._eof_sent:
                        self._put(connection, None)
                except Exception as error:  # noqa: BLE001 - it went too: the next is tried
                    log.warning("speech server %s failed taking over: %s", server, error)
                    self.engine.mark(server, failed=True)
                    connection.close()
                    continue
                old, self._connection, self.server = self._connection, connection, server
                break
        # Closing waits for the old recognizer's answer, which one that stalled never gives: not
        # while the caller's audio waits for the lock.
        threading.Thread(target=old.close, daemon=True, name="elderride-remote-close").start()
        return True

    def _silent_for(self) -> float:
        """Seconds the recognizer has owed an answer without giving any (0 when it owes none)."""
        with self._lock:
            return self._silent_for_locked()

    def _silent_for_locked(self) -> float:
        if not self._unanswered:
            return 0.0
        return time.monotonic() - max(self._unanswered[0][1], self._last_answer_at)

    def _stall_reason(self) -> str:
        return f"stalled: no answer in {self._stall_window:g} s"

    def _read(self) -> None:
        """Turn the recognizer's answers into the listener's events (in the reader thread),
        moving the stream to another recognizer when its own goes away."""
        try:
            while True:
                stalled = False
                try:
                    self._hear(self._connection)
                    return
                except _Stalled:
                    stalled = True
                    log.warning("speech server %s %s mid-stream", self.server, self._stall_reason())
                except Exception as error:  # noqa: BLE001 - a wrong answer or a dropped connection alike
                    log.warning("speech server %s failed mid-stream: %s", self.server, error)
                with self._lock:
                    over = self.state not in ("open", "finishing")
                if over:
                    return  # the stream ended and its connection with it
                self.engine.mark(
                    self.server or "",
                    failed=True,
                    reason=self._stall_reason() if stalled else None,
                )
                if not self._take_over():
                    break
            with self._lock:
                failed = self.state in ("open", "finishing")
                if failed:
                    self.state = "failed"
            if failed:
                self._tell("failed", "stalled" if stalled else "crashed")
        finally:
            self._outgoing.put(_STOP)  # the sender never waits on a stream that is over

    def _hear(self, connection: Any) -> None:
        """Read answers until the stream is over; raise when the recognizer goes away or stalls
        first."""
        poll = min(0.25, self._stall_window / 4)
        while True:
            try:
                message = connection.recv(timeout=poll)
            except TimeoutError:
                if self._silent_for() > self._stall_window:
                    with self._lock:
                        on = self.state in ("open", "finishing")
                    if on:
                        raise _Stalled from None
                    # The stream gave up on it already: it was not only slow, so count it failed.
                    log.warning("speech server %s %s", self.server, self._stall_reason())
                    self.engine.mark(self.server or "", failed=True, reason=self._stall_reason())
                    return
                with self._lock:
                    over = self.state not in ("open", "finishing") and not self._unanswered
                if over:
                    return
                continue
            self._last_answer_at = time.monotonic()
            ended = utterance(message)
            with self._lock:
                sent, _ = self._unanswered.popleft() if self._unanswered else (0.0, 0)
                if sent is not None:
                    self.heard_seconds += sent
                if self.lag <= self.max_lag:
                    self._replaying = 0.0  # caught up: from here on it keeps up or falls behind
                state = self.state
            if state not in ("open", "finishing"):
                return  # it answers: slow, not stalled, and this stream is over
            if ended is None:
                text = json.loads(message).get("partial", "")
                text = " ".join(word for word in text.split() if word != UNKNOWN)
                if text != self.partial and state == "open":
                    self.partial = text
                    self._tell("partial", text)
                self._tell_quiet()
                continue
            heard = transcript(
                [ended],
                self.phrases,
                duration=self.heard_seconds - self._segment_start,
                decode_seconds=time.perf_counter() - self._started,
            )
            for word in heard.words if self._clock else ():
                # The recognizer counts from where it took the stream over; a local stream's word
                # times, and the turn's clock, count from the stream's start.
                for key in ("start", "end"):
                    if word[key] is not None:
                        word[key] = round(word[key] + self._clock, 4)
            if heard.words and heard.words[-1]["end"] is not None:
                heard.pause = round(self.heard_seconds - heard.words[-1]["end"], 3)
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
            # A piece ended before the audio did is still part of the answer after finish(): the
            # sound may have ended it while the recognizer was behind the caller.
            if heard.heard:
                self._tell("final", heard)
            self._tell_quiet()

    def _tell_quiet(self) -> None:
        """Tell the elder silences the recognizer has now heard the audio up to, as "pause"."""
        while True:
            with self._lock:
                if not self._quiet or self._quiet[0] > self.heard_seconds + 1e-3:
                    return
                at = self._quiet.popleft()
            self._tell("pause", at)
