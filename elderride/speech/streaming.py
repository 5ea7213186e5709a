"""Streaming Vosk in worker processes: a stream is one recognizer in one worker, fed audio as it
arrives.

Each worker loads the model once and holds several streams at a time (Vosk
decodes them one after another; `AcceptWaveform` releases the GIL, but a worker
has one thread).  The web process talks to each worker through a pipe, with a
sender thread (so feeding a stream never blocks the caller, such as an asyncio
loop) and a reader thread that hands partial and final results to each
stream's listener.  A stream whose audio waits in the worker for more than
`max_lag` seconds gives up ("behind") and its stale audio is dropped; a
worker that dies fails its streams ("crashed") and is replaced.  The pool
also takes whole utterances (`transcribe`), so it can stand in for VoskPool.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing.connection import Connection
from typing import Any, cast

from elderride.speech import forking
from elderride.speech.audio_decoding import Audio
from elderride.speech.forking import Context, WorkerProcess
from elderride.speech.models import PathLike
from elderride.speech.recognizer import VoskRecognizer
from elderride.speech.transcript import (
    EngineHealth,
    Listener,
    SpeechFailed,
    SpeechUnavailable,
    StreamRefused,
    Transcript,
)
from elderride.speech.vocabulary import ModelReports

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
LOAD_TIMEOUT = 120.0
# Audio that waits longer than this in a worker is stale: the caller has moved on.
MAX_LAG_SECONDS = 1.0
# A worker reads at most this many waiting messages before decoding, so a "drop" behind a stream's
# queued audio is seen first and that audio is skipped rather than decoded late.
BATCH = 256
ENCODINGS = {"mulaw": 1, "pcm16": 2}  # bytes per sample

# What goes over a worker's pipe: (kind, key, ...) tuples of several shapes, or None to stop.
Message = tuple[Any, ...]


def _decode(data: bytes, encoding: str) -> bytes:
    import numpy as np

    from elderride.speech.audio_decoding import MULAW_TABLE

    if encoding == "mulaw":
        return MULAW_TABLE[np.frombuffer(data, dtype=np.uint8)].astype("<i2", copy=False).tobytes()
    return bytes(data)


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


def _result(model: Any, recognition: _Recognition, result: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    from elderride.speech.recognizer import check_against_fillers, transcript

    heard = transcript(
        [result],
        recognition.phrases,
        duration=recognition.seconds - recognition.segment_start,
        decode_seconds=recognition.decode_seconds,
    )
    if recognition.phrases:
        started = time.perf_counter()
        segment = Audio(np.frombuffer(bytes(recognition.audio), dtype="<i2"), recognition.rate)
        heard = check_against_fillers(model, segment, heard, recognition.phrases)
        heard.decode_seconds = round(heard.decode_seconds + time.perf_counter() - started, 4)
    heard.dropped = recognition.dropped
    if heard.words and heard.words[-1]["end"] is not None:
        # Word times count from the stream's start, as `seconds` does.
        heard.pause = round(recognition.seconds - heard.words[-1]["end"], 3)
    recognition.audio.clear()
    recognition.segment_start = recognition.seconds
    recognition.decode_seconds = 0.0
    recognition.partial = ""
    return heard.as_dict()


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


def stream_worker_main(
    connection: Connection, model_path: str, trailing_silence: float | None
) -> None:
    """Run in a worker process: load the model once, then serve streams and whole utterances until
    told to stop."""
    import json

    import numpy as np

    from elderride.speech.pool import load_in_worker
    from elderride.speech.recognizer import UNKNOWN, new_recognizer, recognize, usable_phrases

    model = load_in_worker(connection, model_path, trailing_silence)
    if model is None:
        return
    recognitions: dict[int, _Recognition] = {}
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
                kept, unheard = usable_phrases(model, phrases) if phrases else (phrases, [])
                # A list with nothing left keeps its phrases: no list at all would be free speech.
                kept = kept or phrases
                recognitions[key] = _Recognition(
                    new_recognizer(model, rate, kept), kept, rate, encoding
                )
                recognitions[key].dropped = unheard
            elif kind == "audio":
                recognition = recognitions.get(key)
                if recognition is None or key in dropped:
                    continue
                data = message[2]
                started = time.perf_counter()
                pcm = _decode(data, recognition.encoding)
                if recognition.phrases:
                    recognition.audio += pcm
                ended = recognition.recognizer.AcceptWaveform(pcm)
                recognition.decode_seconds += time.perf_counter() - started
                recognition.seconds += (
                    len(data) / ENCODINGS[recognition.encoding] / recognition.rate
                )
                partial = None
                if ended:
                    heard = _result(model, recognition, json.loads(recognition.recognizer.Result()))
                    if heard["heard"]:
                        connection.send(("final", key, heard))
                    else:
                        # Silence alone, as long as the endpointer waits: the caller stayed quiet.
                        connection.send(("pause", key, recognition.seconds))
                else:
                    text = json.loads(recognition.recognizer.PartialResult()).get("partial", "")
                    text = " ".join(word for word in text.split() if word != UNKNOWN)
                    if text != recognition.partial:
                        recognition.partial = partial = text
                connection.send(("heard", key, recognition.seconds, partial))
            elif kind == "close":
                recognition = recognitions.pop(key, None)
                if recognition is not None:
                    connection.send(
                        (
                            "ended",
                            key,
                            _result(
                                model,
                                recognition,
                                json.loads(recognition.recognizer.FinalResult()),
                            ),
                        )
                    )
            elif kind == "drop":
                recognitions.pop(key, None)
            elif kind == "job":
                _, _, pcm, rate, phrases = message
                try:
                    whole = recognize(
                        model, Audio(np.frombuffer(pcm, dtype="<i2"), rate), phrases, check=True
                    )
                    connection.send(("done", key, "ok", whole.as_dict()))
                except Exception as error:  # noqa: BLE001 - a Python-level failure costs this job only
                    connection.send(("done", key, "error", f"{type(error).__name__}: {error}"))


def _transcript(detail: dict[str, Any]) -> Transcript:
    detail = dict(detail)
    detail.pop("real_time_factor", None)
    return Transcript(**detail)


class Stream:
    """One caller's answer being recognised as it is spoken; results go to `listener(kind, value)`.

    Kinds: "partial" (text so far), "final" (a Transcript the endpointer ended),
    "pause" (the endpointer ended silence alone, at this many seconds of audio),
    "ended" (the last Transcript after finish()), "failed" ("behind", "crashed" or "closed").
    """

    def __init__(
        self,
        pool: StreamingPool,
        worker: _Worker,
        key: int,
        listener: Listener,
        *,
        rate: int,
        encoding: str,
        max_lag: float,
    ) -> None:
        self.pool = pool
        self.worker = worker
        self.key = key
        self.listener = listener
        self.rate = rate
        self.encoding = encoding
        self.max_lag = max_lag
        self.sent_seconds = 0.0
        self.heard_seconds = 0.0
        self.state = "open"  # open, finishing, then ended, failed or cancelled
        self.partial = ""
        self._lock = threading.Lock()

    @property
    def lag(self) -> float:
        """Seconds of audio sent to the worker and not yet decoded."""
        return self.sent_seconds - self.heard_seconds

    def feed(self, data: bytes) -> bool:
        """Send audio to the recognizer without waiting; return False once the stream has given
        up."""
        with self._lock:
            if self.state != "open":
                return False
            behind = self.lag > self.max_lag
            if not behind:
                self.sent_seconds += len(data) / ENCODINGS[self.encoding] / self.rate
        if behind:
            # Decoding it late would only answer a question the caller has left: drop it and go on
            # by keys.
            self._end("failed", "behind", drop=True)
            return False
        self.worker.post(("audio", self.key, bytes(data)))
        return True

    def finish(self) -> None:
        """No more audio: ask for the last result (delivered as "ended")."""
        with self._lock:
            if self.state != "open":
                return
            self.state = "finishing"
        self.worker.post(("close", self.key))

    def cancel(self) -> None:
        """Forget the stream without a result."""
        self._end("cancelled", None, drop=True, tell=False)

    def _end(self, state: str, value: object, *, drop: bool = False, tell: bool = True) -> None:
        with self._lock:
            if self.state not in ("open", "finishing"):
                return
            self.state = state
        self.worker.forget(self.key)
        if drop:
            self.worker.post(("drop", self.key))
        if tell:
            self._tell("failed" if state == "failed" else state, value)

    def _tell(self, kind: str, value: object) -> None:
        try:
            self.listener(kind, value)
        except Exception:  # noqa: BLE001 - a listener's bug must not stop the reader thread
            log.exception("a speech stream listener failed")

    def _on(self, kind: str, value: Any) -> None:
        """A message from the worker (in the reader thread)."""
        if kind == "heard":
            seconds, partial = value
            self.heard_seconds = seconds
            if partial is not None and self.state == "open":
                self.partial = partial
                self._tell("partial", partial)
        elif kind == "pause" and self.state == "open":
            self._tell("pause", value)
        elif kind == "final" and self.state == "open":
            self.pool.vocabularies.dropped(value["dropped"])
            self.partial = ""
            self._tell("final", _transcript(value))
        elif kind == "ended":
            with self._lock:
                if self.state != "finishing":
                    return
                self.state = "ended"
            self.worker.forget(self.key)
            self._tell("ended", _transcript(value))


class _Worker:
    """One streaming worker process, the pipe to it, and its sender and reader threads."""

    def __init__(self, pool: StreamingPool, context: Context) -> None:
        self.pool = pool
        self.process = WorkerProcess(
            context,
            stream_worker_main,
            (str(pool.model_path), pool.trailing_silence),
            "elderride-vosk-stream",
        )
        self.connection = self.process.connection
        self.loaded = threading.Event()
        self.failure: str | None = None
        self.alive = True
        self.streams: dict[int, Stream] = {}
        self.jobs: dict[int, Future[tuple[Any, ...]]] = {}
        self._lock = threading.Lock()
        self._outgoing: queue.SimpleQueue[Message | object | None] = queue.SimpleQueue()
        self.sender = threading.Thread(
            target=self._send_loop, daemon=True, name="elderride-stream-send"
        )
        self.reader = threading.Thread(
            target=self._read_loop, daemon=True, name="elderride-stream-read"
        )
        self.sender.start()
        self.reader.start()

    @property
    def ready(self) -> bool:
        return self.alive and self.loaded.is_set() and self.failure is None

    def load(self) -> int:
        """Streams and jobs in flight."""
        with self._lock:
            return len(self.streams) + len(self.jobs)

    def struggling(self, max_lag: float) -> bool:
        with self._lock:
            return any(stream.lag > max_lag / 2 for stream in self.streams.values())

    def post(self, message: Message) -> None:
        if self.alive:
            self._outgoing.put(message)

    def forget(self, key: int) -> None:
        with self._lock:
            self.streams.pop(key, None)

    def _send_loop(self) -> None:
        while True:
            message = self._outgoing.get()
            if message is _STOP:
                return
            try:
                self.connection.send(message)
            except (OSError, ValueError):
                return  # the reader sees the worker gone and fails its streams

    def _read_loop(self) -> None:
        try:
            while True:
                try:
                    message = self.connection.recv()
                except (EOFError, OSError):
                    break
                kind, key = message[0], message[1]
                if kind == "ready":
                    self.pool.vocabularies.loaded(message[1])
                    self.loaded.set()
                elif kind == "failed":
                    self.failure = key
                    self.loaded.set()
                elif kind == "done":
                    with self._lock:
                        future = self.jobs.pop(key, None)
                    if future is not None:
                        future.set_result(message[2:])
                else:
                    with self._lock:
                        stream = self.streams.get(key)
                    if stream is not None:
                        stream._on(kind, message[2:] if kind == "heard" else message[2])
        finally:
            self.alive = False
            self._outgoing.put(_STOP)
            self.sender.join(timeout=5)
            self.process.join(timeout=5)
            self.pool._gone(self)

    def fail_everything(self) -> None:
        with self._lock:
            streams, self.streams = list(self.streams.values()), {}
            jobs, self.jobs = list(self.jobs.values()), {}
        code = self.process.exitcode
        for stream in streams:
            with stream._lock:
                if stream.state not in ("open", "finishing"):
                    continue
                stream.state = "failed"
            stream._tell("failed", "crashed")
        for future in jobs:
            future.set_exception(
                SpeechFailed(f"The speech engine stopped while decoding (exit code {code}).")
            )

    def stop(self, kill: bool = False) -> None:
        if not self.process.started.is_set():
            # Still being forked while the model loads: the starting thread ends it, and the
            # reader ends with its pipe (closing the pipe under the reader could reuse its number).
            self.process.kill()
            return
        if kill:
            self.process.kill()
        elif self.alive:
            self._outgoing.put(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.reader.join(timeout=10)
        self.connection.close()


_STOP = object()


class StreamingPool:
    """Vosk worker processes that recognise live streams (and whole utterances) behind the speech
    engine interface."""

    def __init__(
        self,
        model_path: PathLike,
        *,
        workers: int = 2,
        trailing_silence: float | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        streams_per_worker: int,
        max_lag: float = MAX_LAG_SECONDS,
        share_model: bool = True,
    ) -> None:
        self._context = forking.context(str(model_path), trailing_silence, share=share_model)
        self.model_path = model_path
        self.trailing_silence = trailing_silence
        self.timeout = timeout
        self.streams_per_worker = streams_per_worker
        self.max_lag = max_lag
        self.replaced = 0
        self.vocabularies = ModelReports(model_path)
        self._keys = itertools.count(1)
        self._lock = threading.RLock()
        self._closed = False
        self._all: list[_Worker] = []
        self._retired: list[_Worker] = []
        for _ in range(workers):
            self._all.append(_Worker(self, self._context))

    def _gone(self, worker: _Worker) -> None:
        """A worker's process ended (in its reader thread): fail what it held and start another."""
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
                self._retired.append(worker)
            if not worker.loaded.is_set():
                # Died before it could load: another would too, so the pool says why instead of
                # looping.
                worker.failure = (
                    "the worker stopped while loading its model"
                    f" (exit code {worker.process.exitcode})"
                )
                worker.loaded.set()
            replace = not self._closed and worker.failure is None
            if replace:
                self.replaced += 1
        if replace:
            log.warning(
                "speech stream worker %s died (exit code %s); replacing it",
                worker.process.pid,
                worker.process.exitcode,
            )
            replacement = _Worker(self, self._context)
            with self._lock:
                closing = self._closed
                if not closing:
                    self._all.append(replacement)
            if closing:
                replacement.stop()
        worker.fail_everything()

    def wait_ready(self, timeout: float = LOAD_TIMEOUT) -> None:
        """Block until every worker has loaded its model (raising if one cannot)."""
        deadline = time.monotonic() + timeout
        for worker in self._workers():
            if not worker.loaded.wait(max(0.0, deadline - time.monotonic())):
                raise SpeechFailed("The speech worker did not load its model in time.")
            if worker.failure:
                raise SpeechUnavailable(f"The speech model could not be loaded: {worker.failure}")

    def loading(self) -> bool:
        """Tell, without waiting, whether a worker is still loading its model."""
        workers = self._workers()
        failed = [worker.failure for worker in workers if worker.failure]
        if workers and len(failed) == len(workers):
            raise SpeechUnavailable(f"The speech model could not be loaded: {failed[0]}")
        return any(not worker.loaded.is_set() for worker in workers)

    def health(self) -> EngineHealth:
        """Say, without waiting, whether every worker has loaded its model, or why not."""
        try:
            loading = self.loading()
        except SpeechUnavailable as error:
            return {"available": False, "reason": str(error)}
        return {"available": not loading, "reason": "loading" if loading else "ready"}

    def _workers(self) -> list[_Worker]:
        with self._lock:
            return list(self._all)

    def workers(self) -> list[tuple[int | None, bool]]:
        """Return (pid, busy) for each worker, for health pages and tests."""
        return [(worker.process.pid, worker.load() > 0) for worker in self._workers()]

    def streams(self) -> list[int]:
        """Return the number of open streams on each worker."""
        return [len(worker.streams) for worker in self._workers()]

    def _pick(self) -> _Worker | None:
        """The ready worker with the fewest streams that is keeping up and has room, or None."""
        candidates = [
            worker
            for worker in self._workers()
            if worker.ready
            and len(worker.streams) < self.streams_per_worker
            and not worker.struggling(self.max_lag)
        ]
        return min(candidates, key=lambda worker: len(worker.streams), default=None)

    def has_room(self) -> bool:
        """Tell whether a stream opened now would be admitted."""
        return not self._closed and self._pick() is not None

    def open_stream(
        self,
        listener: Listener,
        *,
        phrases: Sequence[str] | None = None,
        rate: int = 8000,
        encoding: str = "mulaw",
        max_lag: float | None = None,
    ) -> Stream:
        """Start recognising a stream on the least busy worker; raise StreamRefused when none can
        keep up."""
        if self._closed:
            raise SpeechUnavailable("The speech engine is shut down.")
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown encoding {encoding!r}")
        with self._lock:
            worker = self._pick()
            if worker is None:
                raise StreamRefused("No speech worker has room for another stream.")
            stream = Stream(
                self,
                worker,
                next(self._keys),
                listener,
                rate=rate,
                encoding=encoding,
                max_lag=self.max_lag if max_lag is None else max_lag,
            )
            with worker._lock:
                worker.streams[stream.key] = stream
        worker.post(("open", stream.key, rate, list(phrases) if phrases else None, encoding))
        return stream

    def transcribe(
        self, audio: Audio, *, phrases: Sequence[str] | None = None, timeout: float | None = None
    ) -> Transcript:
        """Decode one whole utterance in a worker and return its Transcript."""
        if self._closed:
            raise SpeechUnavailable("The speech engine is shut down.")
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + LOAD_TIMEOUT
        while True:
            ready = [worker for worker in self._workers() if worker.ready]
            if ready:
                break
            workers = self._workers()
            if workers and all(worker.failure for worker in workers):
                raise SpeechUnavailable(
                    f"The speech model could not be loaded: {workers[0].failure}"
                )
            if time.monotonic() > deadline:
                raise SpeechFailed("The speech worker did not load its model in time.")
            time.sleep(0.05)
        worker = min(ready, key=lambda worker: worker.load())
        future: Future[tuple[Any, ...]] = Future()
        key = next(self._keys)
        with worker._lock:
            worker.jobs[key] = future
        worker.post(("job", key, audio.pcm_bytes(), audio.rate, list(phrases) if phrases else None))
        try:
            status, detail = future.result(timeout=timeout)
        except FutureTimeout:
            with worker._lock:
                worker.jobs.pop(key, None)
            raise SpeechFailed(f"The speech engine took longer than {timeout:g} seconds.") from None
        if status != "ok":
            raise SpeechFailed(f"The speech engine could not decode this audio: {detail}")
        self.vocabularies.dropped(detail["dropped"])
        return _transcript(detail)

    def close(self) -> None:
        """Stop every worker and join their threads."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers, self._all = list(self._all), []
        for worker in workers:
            worker.stop()
        with self._lock:
            retired, self._retired = list(self._retired), []
        for worker in retired:
            worker.stop()
