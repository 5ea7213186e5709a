"""What runs in a speech worker process: load the model once, then decode live streams and whole
utterances as the pool's messages ask.

A worker holds several streams at a time (Vosk decodes them one after another;
`AcceptWaveform` releases the GIL) and whole utterances beside them.  It
reads the messages that waited together as one batch, so a stream's audio that
queued is decoded in one call and a "drop" behind it is seen first.  An
answer's filler check (a second decode of the whole answer) runs in a thread of
its own, and so does a whole recording: inline, a check held every other
stream's audio for up to a second and a long recording for many, and streams
that fell a second behind were given up.  A recording's thread runs at a lower
priority (RECORDING_NICENESS), so it takes the time the streams leave.
"""

import contextlib
import functools
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, cast

from elderride.speech.audio_decoding import STREAM_ENCODINGS, Audio, pcm16
from elderride.speech.end_of_speech import EndOfSpeech, free_speech_turns
from elderride.speech.recognizer import VoskModel, VoskRecognizer
from elderride.speech.transcript import Transcript

log = logging.getLogger(__name__)

# A worker reads at most this many waiting messages before decoding, so a "drop" behind a stream's
# queued audio is seen first and that audio is skipped rather than decoded late.
BATCH = 256
# How much lower a whole recording's thread runs than the worker's streams (a nice value): the
# system gives the streams' audio the CPU first, and the recording what they leave (a tenth of a
# core when both want it), so it still ends while the streams keep up.
RECORDING_NICENESS = 10

# What goes over a worker's pipe: (kind, key, ...) tuples of several shapes, or None to stop.
Message = tuple[Any, ...]


class _Recognition:
    """A stream inside a worker: its recognizer and where it is in the audio."""

    def __init__(
        self, recognizer: VoskRecognizer, phrases: Sequence[str] | None, rate: int, encoding: str
    ) -> None:
        self.recognizer = recognizer
        self.phrases = phrases
        self.rate = rate
        self.encoding = encoding
        self.dropped: list[str] = []  # phrases left out: the model lacks a word of theirs
        # The decoded audio since the last utterance ended, for the filler check of its phrase.
        self.audio = bytearray()
        self.seconds = 0.0  # audio heard so far
        self.segment_start = 0.0
        self.decode_seconds = 0.0
        self.partial = ""
        self.endpoints: EndOfSpeech | None = None  # free speech: where the voice stopped
        # A sample split between two messages (16-bit audio in frames of odd bytes): its first
        # byte waits for the rest.
        self.split = b""


def _hear(
    outbox: "_Outbox",
    answered: Callable[[int, "_Recognition", str, bool], None],
    key: int,
    recognition: _Recognition,
    data: bytes,
) -> None:
    """Decode a stream's audio; send its results, ending a piece of free speech where the voice
    stopped (the decoder's final result is taken there, not at its own endpoint)."""
    import json

    from elderride.speech.recognizer import UNKNOWN

    started = time.perf_counter()
    data = recognition.split + data
    whole = len(data) - len(data) % STREAM_ENCODINGS[recognition.encoding]
    data, recognition.split = data[:whole], data[whole:]
    pcm = pcm16(data, recognition.encoding)
    events = recognition.endpoints.hear(pcm) if recognition.endpoints else []
    cuts: list[tuple[int, str | None]] = [(event.offset, event.kind) for event in events]
    done, ended = 0, False
    for offset, event in [*cuts, (len(pcm), None)]:
        piece, done = pcm[done:offset], offset
        if piece:
            if recognition.phrases:
                recognition.audio += piece
            ended = recognition.recognizer.AcceptWaveform(piece)
            recognition.seconds += len(piece) / 2 / recognition.rate
            if ended:
                recognition.decode_seconds += time.perf_counter() - started
                started = time.perf_counter()
                if recognition.endpoints:
                    recognition.endpoints.ended()
                # Silence alone, as long as the endpointer waits, is a pause: the caller stayed
                # quiet.
                answered(key, recognition, recognition.recognizer.Result(), True)
        if event == "end":
            ended = True
            recognition.decode_seconds += time.perf_counter() - started
            started = time.perf_counter()
            # Where the voice stopped: what was heard is the answer; nothing heard is no pause
            # yet (the caller's quiet is told by "quiet").
            answered(key, recognition, recognition.recognizer.FinalResult(), False)
        elif event == "quiet":
            outbox.in_order(("pause", key, round(recognition.seconds, 3)))
    recognition.decode_seconds += time.perf_counter() - started
    partial = None
    if not ended and not outbox.checking(key):
        # The text so far is kept back while an answer of this stream is checked: it belongs
        # after that answer.
        text = json.loads(recognition.recognizer.PartialResult()).get("partial", "")
        text = " ".join(word for word in text.split() if word != UNKNOWN)
        if text != recognition.partial:
            recognition.partial = partial = text
    outbox.send(("heard", key, recognition.seconds, partial))


def _result(recognition: _Recognition, result: dict[str, Any]) -> tuple[Transcript, Audio | None]:
    """Return what the recognizer ended and, when its phrase is still to be checked against
    fillers, the answer's audio; start the next answer."""
    import numpy as np

    from elderride.speech.recognizer import transcript

    heard = transcript(
        [result],
        recognition.phrases,
        duration=recognition.seconds - recognition.segment_start,
        decode_seconds=recognition.decode_seconds,
    )
    segment = None
    if recognition.phrases:
        segment = Audio(np.frombuffer(bytes(recognition.audio), dtype="<i2"), recognition.rate)
    heard.dropped = recognition.dropped
    if heard.words and heard.words[-1]["end"] is not None:
        # Word times count from the stream's start, as `seconds` does.
        heard.pause = round(recognition.seconds - heard.words[-1]["end"], 3)
    recognition.audio.clear()
    recognition.segment_start = recognition.seconds
    recognition.decode_seconds = 0.0
    recognition.partial = ""
    return heard, segment


def _checked(
    model: Any, heard: Transcript, segment: Audio | None, phrases: Sequence[str] | None
) -> dict[str, Any]:
    """Return `heard` as the filler check leaves it (see recognizer.check_against_fillers); a check
    that fails confirms nothing, and the answer still goes (a stream's "ended" must reach the
    line)."""
    from elderride.speech.recognizer import check_against_fillers, rejected

    if segment is None or not phrases:
        return heard.as_dict()
    started = time.perf_counter()
    try:
        heard = check_against_fillers(model, segment, heard, phrases)
    except Exception:  # noqa: BLE001 - one answer's failure must not lose the stream's end
        log.exception("a speech worker could not check an answer against fillers")
        heard = rejected(heard)
    heard.decode_seconds = round(heard.decode_seconds + time.perf_counter() - started, 4)
    return heard.as_dict()


def _ended(
    model: Any, key: int, heard: Transcript, segment: Audio | None, phrases: Sequence[str] | None
) -> Message:
    return ("ended", key, _checked(model, heard, segment, phrases))


class _Outbox:
    """The worker's messages to the pool: sent at once, except a stream's answers, which wait
    for their filler check in the checker thread, and whatever of that stream follows them.

    Each stream's messages keep their order; its progress ("heard", without the text so far)
    goes at once even while an answer is checked, so the pool never takes a stream that is
    only waiting for its check as one that fell behind.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._sending = threading.Lock()
        self._lock = threading.Lock()
        self._waiting: dict[int, int] = {}  # stream key -> its messages queued for the checker
        self._queue: queue.SimpleQueue[tuple[int, Callable[[], Message | None]]] = (
            queue.SimpleQueue()
        )
        threading.Thread(target=self._check_loop, daemon=True, name="elderride-check").start()

    def send(self, message: Message) -> None:
        with self._sending:
            self.connection.send(message)

    def checking(self, key: int) -> bool:
        """Whether a message of stream `key` still waits in the checker."""
        with self._lock:
            return key in self._waiting

    def later(self, key: int, make: Callable[[], Message | None]) -> None:
        """Send what `make()` returns from the checker thread, after the stream's earlier
        messages."""
        with self._lock:
            self._waiting[key] = self._waiting.get(key, 0) + 1
        self._queue.put((key, make))

    def in_order(self, message: Message) -> None:
        """Send a stream's message after whatever of that stream waits in the checker."""
        key = message[1]
        with self._lock:
            if key not in self._waiting:
                self.send(message)
                return
        self.later(key, lambda: message)

    def _check_loop(self) -> None:
        while True:
            key, make = self._queue.get()
            try:
                try:
                    message = make()
                except Exception:  # noqa: BLE001 - one answer's failure must not stop the others
                    log.exception("a speech worker could not check an answer")
                    message = None
                if message is not None:
                    self.send(message)
            except (OSError, ValueError):
                return  # the pool is gone
            finally:
                with self._lock:
                    self._waiting[key] -= 1
                    if not self._waiting[key]:
                        del self._waiting[key]


class _Recordings:
    """Whole recordings, decoded one after another in a thread of their own that the system runs
    only when the worker's streams leave it time (a lower priority, RECORDING_NICENESS)."""

    def __init__(self, model: VoskModel, outbox: _Outbox) -> None:
        self.model = model
        self.outbox = outbox
        self._queue: queue.SimpleQueue[Message] = queue.SimpleQueue()
        threading.Thread(target=self._loop, daemon=True, name="elderride-recording").start()

    def add(self, job: Message) -> None:
        """Decode a ("job", key, pcm, rate, phrases) message, answering "done" when it is."""
        self._queue.put(job)

    def _loop(self) -> None:
        import os

        import numpy as np

        from elderride.speech.recognizer import recognize

        with contextlib.suppress(AttributeError, OSError):
            # Linux sets a thread's own priority this way; elsewhere the thread keeps its process's.
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), RECORDING_NICENESS)
        while True:
            _, key, pcm, rate, phrases = self._queue.get()
            try:
                audio = Audio(np.frombuffer(pcm, dtype="<i2"), rate)
                whole = recognize(self.model, audio, phrases, check=True)
                message: Message = ("done", key, "ok", whole.as_dict())
            except Exception as error:  # noqa: BLE001 - a Python-level failure costs this job only
                message = ("done", key, "error", f"{type(error).__name__}: {error}")
            try:
                self.outbox.send(message)
            except (OSError, ValueError):
                return  # the pool is gone


def _coalesced(batch: list[Message | None]) -> list[Message | None]:
    """Join each stream's audio messages that waited together: one decode call and one answer
    instead of many.

    A stream's audio joins its earlier waiting audio only while no other message of that stream
    (open, close, drop) came between, so every stream still sees its messages in order.
    """
    joined: list[Message | None] = []
    waiting: dict[int, int] = {}
    for message in batch:
        if message is None:
            joined.append(message)
            continue
        kind, key = message[0], message[1]
        if kind == "audio" and key in waiting:
            index = waiting[key]
            joined[index] = ("audio", key, cast(Message, joined[index])[2] + message[2])
            continue
        joined.append(message)
        if kind == "audio":
            waiting[key] = len(joined) - 1
        else:
            waiting.pop(key, None)
    return joined


def _opened(
    model: VoskModel, rate: int, phrases: Sequence[str] | None, encoding: str
) -> _Recognition:
    """Start recognising a stream: restricted to the phrases the model can hear, or free speech
    ended by the sound."""
    from elderride.speech.recognizer import new_recognizer, usable_phrases

    kept, unheard = usable_phrases(model, phrases) if phrases else (phrases, [])
    # A list with nothing left keeps its phrases: no list at all would be free speech.
    kept = kept or phrases
    recognition = _Recognition(new_recognizer(model, rate, kept), kept, rate, encoding)
    if not kept:
        # Free decoding's endpointer does not hear digital silence as silence: the sound itself
        # says where the caller stopped.
        recognition.endpoints = free_speech_turns(rate)
    recognition.dropped = unheard
    return recognition


def load_in_worker(
    connection: Connection, model_path: str, trailing_silence: float | None
) -> VoskModel | None:
    """Load the model in a worker process and tell the pool "ready", or why not (then return
    None)."""
    import signal
    import sys

    from elderride.speech.recognizer import load_model, vocabulary_of

    # Ctrl-C at a terminal reaches the whole process group: the server stops its workers itself
    # (or they end with it), so the interrupt would only print a traceback from each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Forked from a forkserver that preloaded this model: use its copy, shared with every worker.
    preloaded = sys.modules.get("elderride.speech.preloaded")
    model = preloaded.model_for(model_path, trailing_silence) if preloaded else None
    if model is not None:
        connection.send(("ready", vocabulary_of(model).as_dict()))
        return model
    try:
        model = load_model(model_path, trailing_silence=trailing_silence)
    except Exception as error:  # noqa: BLE001 - reported to the pool, which says why
        connection.send(("failed", f"{type(error).__name__}: {error}"))
        return None
    connection.send(("ready", vocabulary_of(model).as_dict()))
    return model


def worker_main(connection: Connection, model_path: str, trailing_silence: float | None) -> None:
    """Run in a worker process: load the model once, then serve streams and whole utterances until
    told to stop."""
    import json

    model = load_in_worker(connection, model_path, trailing_silence)
    if model is None:
        return
    recognitions: dict[int, _Recognition] = {}
    outbox = _Outbox(connection)
    recordings = _Recordings(model, outbox)

    def answered(key: int, recognition: _Recognition, result: str, silence_is_pause: bool) -> None:
        # A final answer, or silence alone (a "pause" when `silence_is_pause`), once the filler
        # check has had its say.
        heard, segment = _result(recognition, json.loads(result))
        seconds, phrases = recognition.seconds, recognition.phrases

        def message() -> Message | None:
            checked = _checked(model, heard, segment, phrases)
            if checked["heard"]:
                return ("final", key, checked)
            return ("pause", key, seconds) if silence_is_pause else None

        if heard.text and segment is not None:
            outbox.later(key, message)
        elif (now := message()) is not None:
            outbox.in_order(now)

    while True:
        try:
            batch = [connection.recv()]
            while len(batch) < BATCH and connection.poll(0):
                batch.append(connection.recv())
        except (EOFError, OSError):
            return
        dropped = {message[1] for message in batch if message is not None and message[0] == "drop"}
        for message in _coalesced(batch):
            if message is None:
                return
            kind, key = message[0], message[1]
            if kind == "open":
                _, _, rate, phrases, encoding = message
                try:
                    recognitions[key] = _opened(model, rate, phrases, encoding)
                except Exception:  # noqa: BLE001 - a list no recognizer takes costs its stream only
                    log.exception("a speech worker could not start a stream")
                    outbox.send(("refused", key, "refused"))
            elif kind == "audio":
                recognition = recognitions.get(key)
                if recognition is None or key in dropped:
                    continue
                _hear(outbox, answered, key, recognition, message[2])
            elif kind == "close":
                recognition = recognitions.pop(key, None)
                if recognition is not None:
                    heard, segment = _result(
                        recognition, json.loads(recognition.recognizer.FinalResult())
                    )
                    phrases = recognition.phrases
                    outbox.later(
                        key, functools.partial(_ended, model, key, heard, segment, phrases)
                    )
            elif kind == "drop":
                recognitions.pop(key, None)
            elif kind == "job":
                recordings.add(message)
            elif kind == "ping":
                # Answered by the loop that decodes the streams, not the recording's thread: the
                # pool asks it before killing a worker whose recording runs late.
                outbox.send(("pong", key))
