"""Vosk in local worker processes: one pool serves whole recordings and live streams alike, and a
Kaldi abort costs one utterance or stream, never the server or the call.

Each worker (forked with the model already loaded, see speech.forking) holds
several live streams and at most one whole utterance at a time.  The web
process talks to each worker through a pipe, with a sender thread (so feeding
a stream never blocks the caller, such as an asyncio loop) and a reader thread
that hands results to each stream's listener or utterance's caller.

Whole utterances go to workers first come, first served: a freed worker goes
to the caller that has waited longest, never back to the thread that freed
it.  A stream goes to the ready worker with the least decoding to do, under
the per-worker cap, within one CPU second a second of speech by what its
streams cost (free speech costs several phrase lists), and keeping up; one
whose audio waits more than `max_lag` seconds gives up ("behind").  A worker
that dies fails what it held ("crashed") and is replaced.  An utterance past its
timeout fails alone while its worker still answers (the worker decodes it in a
thread of its own, beside its streams): the worker keeps its streams, takes no
other utterance until that one ends, and its late result goes to nobody.  A
worker that no longer answers is stuck: it is killed and replaced.
"""

from __future__ import annotations

import collections
import itertools
import logging
import queue
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from elderride.speech import forking
from elderride.speech.audio_decoding import Audio, rate_problem, stream_format_problem
from elderride.speech.forking import Context, WorkerProcess
from elderride.speech.local_stream import Stream, transcript_of
from elderride.speech.models import PathLike
from elderride.speech.transcript import (
    EngineHealth,
    Listener,
    SpeechFailed,
    SpeechUnavailable,
    StreamRefused,
    Transcript,
)
from elderride.speech.vocabulary import ModelReports
from elderride.speech.worker import Message, worker_main

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
LOAD_TIMEOUT = 120.0
# Audio that waits longer than this in a worker is stale: the caller has moved on.
MAX_LAG_SECONDS = 1.0
# CPU seconds a worker spends on a second of a phrase list's stream, its filler check included
# (`elderride bench decoder`, the Korean test model on a shared 2-core machine: 0.07-0.09). Free
# speech costs what ELDERRIDE_SPEECH_FREE_STREAM_COST says (0.67 there).
PHRASE_STREAM_COST = 0.1
# A worker decodes its streams one after another in one thread: what they cost may come to one CPU
# second a second of speech, and a stream past that would have every stream on it fall behind.
WORKER_BUDGET = 1.0
# How long a worker whose utterance ran late has to answer a ping before it is taken for stuck and
# killed: its streams' loop answers between two batches of their audio, and a stream whose audio
# waits past MAX_LAG_SECONDS is given up anyway.
PING_TIMEOUT = 2.0

_STOP = object()


class Worker:
    """One worker process, the pipe to it, and its sender and reader threads."""

    def __init__(self, pool: LocalVosk, context: Context) -> None:
        self.pool = pool
        self.process = WorkerProcess(
            context, worker_main, (str(pool.model_path), pool.trailing_silence), "elderride-vosk"
        )
        self.connection = self.process.connection
        self.loaded = threading.Event()
        self.failure: str | None = None
        self.alive = True
        self.streams: dict[int, Stream] = {}
        self.jobs: dict[int, Future[tuple[Any, ...]]] = {}
        # Utterances whose callers gave up on them, still being decoded: their results are dropped.
        self.abandoned: set[int] = set()
        self._pings: dict[int, threading.Event] = {}
        self._lock = threading.Lock()
        self._outgoing: queue.SimpleQueue[Message | object | None] = queue.SimpleQueue()
        self.sender = threading.Thread(
            target=self._send_loop, daemon=True, name="elderride-vosk-send"
        )
        self.reader = threading.Thread(
            target=self._read_loop, daemon=True, name="elderride-vosk-read"
        )
        self.sender.start()
        self.reader.start()

    @property
    def ready(self) -> bool:
        return self.alive and self.loaded.is_set() and self.failure is None

    def load(self) -> int:
        """Streams and utterances in flight."""
        with self._lock:
            return len(self.streams) + len(self.jobs) + len(self.abandoned)

    def cost(self) -> float:
        """CPU seconds a second of speech its streams cost together."""
        with self._lock:
            return sum(stream.cost for stream in self.streams.values())

    def struggling(self, max_lag: float) -> bool:
        with self._lock:
            return any(stream.lag > max_lag / 2 for stream in self.streams.values())

    def post(self, message: Message) -> None:
        if self.alive:
            self._outgoing.put(message)

    def answers(self, key: int, timeout: float) -> bool:
        """Whether the worker's loop answers a ping (keyed `key`) within `timeout` seconds."""
        answered = threading.Event()
        with self._lock:
            self._pings[key] = answered
        self.post(("ping", key))
        answered.wait(timeout)
        with self._lock:
            self._pings.pop(key, None)
        return answered.is_set() and self.alive

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
                return  # the reader sees the worker gone and fails what it held

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
                    self.pool._release(self)
                elif kind == "failed":
                    self.failure = key
                    self.loaded.set()
                elif kind == "done":
                    with self._lock:
                        future = self.jobs.pop(key, None)
                        late = future is None and key in self.abandoned
                        self.abandoned.discard(key)
                    if future is not None:
                        future.set_result(message[2:])
                    elif late:
                        # The utterance its caller gave up on is over: the worker is free for
                        # the next one.
                        self.pool._release(self)
                elif kind == "pong":
                    with self._lock:
                        answered = self._pings.get(key)
                    if answered is not None:
                        answered.set()
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
            self.abandoned.clear()
            pings = list(self._pings.values())
        for answered in pings:
            answered.set()  # whoever waits sees the worker gone (not alive) at once
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


class _Turn:
    """A caller waiting for a worker to decode its utterance: a freed worker goes straight to the
    longest waiting turn."""

    def __init__(self) -> None:
        self.given = threading.Event()
        self.worker: Worker | None = None


class LocalVosk:
    """Vosk worker processes that recognise whole utterances and live streams behind the speech
    engine interface."""

    def __init__(
        self,
        model_path: PathLike,
        *,
        workers: int = 2,
        trailing_silence: float | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        streams_per_worker: int | None = None,
        free_stream_cost: float | None = None,
        max_lag: float = MAX_LAG_SECONDS,
        share_model: bool = True,
    ) -> None:
        from elderride.settings import DEFAULTS

        self._context = forking.context(str(model_path), trailing_silence, share=share_model)
        self.model_path = model_path
        self.trailing_silence = trailing_silence
        self.timeout = timeout
        # Unset: the deployment's default, so a pool built outside the server holds as many.
        self.streams_per_worker = (
            int(str(DEFAULTS["SPEECH_STREAMS_PER_WORKER"]))
            if streams_per_worker is None
            else streams_per_worker
        )
        self.free_stream_cost = (
            float(str(DEFAULTS["SPEECH_FREE_STREAM_COST"]))
            if free_stream_cost is None
            else free_stream_cost
        )
        self.max_lag = max_lag
        self.replaced = 0
        self.vocabularies = ModelReports(model_path)
        self._keys = itertools.count(1)
        self._lock = threading.RLock()
        self._closed = False
        self._all: list[Worker] = []
        self._retired: list[Worker] = []
        # Loaded workers not decoding an utterance, and callers waiting for one, oldest first.
        self._idle: list[Worker] = []
        self._turns: collections.deque[_Turn] = collections.deque()
        for _ in range(workers):
            self._all.append(Worker(self, self._context))

    def _release(self, worker: Worker) -> None:
        """Hand a loaded worker free of utterances to the caller that has waited longest, or keep
        it idle."""
        with self._lock:
            if not worker.ready or worker not in self._all:
                return
            if self._turns:
                turn = self._turns.popleft()
                turn.worker = worker
                turn.given.set()
            elif worker not in self._idle:
                self._idle.append(worker)

    def _gone(self, worker: Worker) -> None:
        """A worker's process ended (in its reader thread): fail what it held and start another."""
        with self._lock:
            if worker in self._idle:
                self._idle.remove(worker)
            if not worker.loaded.is_set():
                # Died before it could load: another would too, so the pool says why instead of
                # looping.
                worker.failure = (
                    "the worker stopped while loading its model"
                    f" (exit code {worker.process.exitcode})"
                )
                worker.loaded.set()
            replace = not self._closed and worker.failure is None
            # One that could not load stays counted, so the pool says why rather than "loading".
            if worker in self._all and worker.failure is None:
                self._all.remove(worker)
                self._retired.append(worker)
            if replace:
                self.replaced += 1
        if replace:
            log.warning(
                "speech worker %s died (exit code %s); replacing it",
                worker.process.pid,
                worker.process.exitcode,
            )
            replacement = Worker(self, self._context)
            with self._lock:
                closing = self._closed
                if not closing:
                    self._all.append(replacement)
            if closing:
                replacement.stop()
        worker.fail_everything()

    def _replace(self, worker: Worker) -> None:
        """Kill a worker that is stuck and wait until its replacement is started."""
        worker.process.kill()
        worker.reader.join(timeout=30)

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

    def _workers(self) -> list[Worker]:
        with self._lock:
            return list(self._all)

    def workers(self) -> list[tuple[int | None, bool]]:
        """Return (pid, busy) for each worker, for health pages and tests."""
        return [(worker.process.pid, worker.load() > 0) for worker in self._workers()]

    def streams(self) -> list[int]:
        """Return the number of open streams on each worker."""
        return [len(worker.streams) for worker in self._workers()]

    def cost(self, phrases: Sequence[str] | None) -> float:
        """CPU seconds a second of speech a stream with `phrases` costs (none: free speech)."""
        return PHRASE_STREAM_COST if phrases else self.free_stream_cost

    def _pick(self, cost: float, planned: Mapping[Worker, float] | None = None) -> Worker | None:
        """The ready worker with the least to decode that is keeping up and has room for a stream
        costing `cost`, or None; `planned` adds cost not yet on a worker (streams still to open)."""
        planned = planned or {}

        def load(worker: Worker) -> float:
            return worker.cost() + planned.get(worker, 0.0)

        candidates = [
            worker
            for worker in self._workers()
            if worker.ready
            and len(worker.streams) < self.streams_per_worker
            # A hair over, from adding up tenths, is still within.
            and load(worker) + cost <= WORKER_BUDGET + 1e-9
            and not worker.struggling(self.max_lag)
        ]
        return min(candidates, key=load, default=None)

    def has_room(
        self,
        phrases: Sequence[str] | None = None,
        *,
        pending: Sequence[Sequence[str] | None] = (),
    ) -> bool:
        """Tell whether a stream with `phrases` (none: free speech) opened now would be admitted,
        after the streams offered and not yet opened (their phrase lists in `pending`)."""
        if self._closed:
            return False
        planned: dict[Worker, float] = {}
        for expected in pending:
            # Each goes where open_stream will put it; one with no room would be refused anyway.
            worker = self._pick(self.cost(expected), planned)
            if worker is not None:
                planned[worker] = planned.get(worker, 0.0) + self.cost(expected)
        return self._pick(self.cost(phrases), planned) is not None

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
        if problem := stream_format_problem(rate, encoding):
            # Refused before it reaches a worker: Kaldi aborts the process on a rate it cannot take.
            raise StreamRefused(problem)
        cost = self.cost(phrases)
        with self._lock:
            worker = self._pick(cost)
            if worker is None:
                raise StreamRefused("No speech worker has room for another stream.")
            stream = Stream(
                self.vocabularies,
                worker,
                next(self._keys),
                listener,
                rate=rate,
                encoding=encoding,
                max_lag=self.max_lag if max_lag is None else max_lag,
                cost=cost,
            )
            with worker._lock:
                worker.streams[stream.key] = stream
        worker.post(("open", stream.key, rate, list(phrases) if phrases else None, encoding))
        return stream

    def _wait_loaded(self) -> None:
        """Wait until a worker has loaded its model; raise when none can."""
        deadline = time.monotonic() + LOAD_TIMEOUT
        while True:
            workers = self._workers()
            if any(worker.ready for worker in workers):
                return
            if workers and all(worker.failure for worker in workers):
                raise SpeechUnavailable(
                    f"The speech model could not be loaded: {workers[0].failure}"
                )
            if time.monotonic() > deadline:
                raise SpeechFailed("The speech worker did not load its model in time.")
            time.sleep(0.05)

    def _take(self, timeout: float) -> Worker:
        """Borrow a loaded worker for one utterance, first come first served, preferring the one
        with the fewest streams."""
        with self._lock:
            worker = None
            if not self._turns and self._idle:
                worker = min(self._idle, key=lambda worker: len(worker.streams))
                self._idle.remove(worker)
            else:
                turn = _Turn()
                self._turns.append(turn)
        if worker is not None:
            return worker
        turn.given.wait(timeout)
        with self._lock:
            if turn.worker is None:
                self._turns.remove(turn)
                raise SpeechFailed("Every speech worker is busy.")
            return turn.worker

    def transcribe(
        self, audio: Audio, *, phrases: Sequence[str] | None = None, timeout: float | None = None
    ) -> Transcript:
        """Decode one whole utterance in a worker and return its Transcript."""
        if self._closed:
            raise SpeechUnavailable("The speech engine is shut down.")
        if problem := rate_problem(audio.rate):
            raise SpeechFailed(f"The speech engine could not decode this audio: {problem}")
        timeout = self.timeout if timeout is None else timeout
        self._wait_loaded()
        worker = self._take(timeout)
        future: Future[tuple[Any, ...]] = Future()
        key = next(self._keys)
        with worker._lock:
            # A worker that died since it was taken has failed what it held: this job never went.
            gone = not worker.alive
            if not gone:
                worker.jobs[key] = future
        if gone:
            raise SpeechFailed("The speech engine stopped before decoding.")
        # The job's time counts from when a loaded worker has it, so a worker still loading after
        # a crash does not eat the next caller's time.
        worker.post(("job", key, audio.pcm_bytes(), audio.rate, list(phrases) if phrases else None))
        abandoned = False
        try:
            status, detail = self._result(worker, key, future, timeout)
        except FutureTimeout:
            abandoned = True
            raise SpeechFailed(f"The speech engine took longer than {timeout:g} seconds.") from None
        finally:
            # An abandoned utterance's worker is freed by its late result (or is gone).
            if not abandoned:
                self._release(worker)
        if status != "ok":
            raise SpeechFailed(f"The speech engine could not decode this audio: {detail}")
        self.vocabularies.dropped(detail["dropped"])
        return transcript_of(detail)

    def _result(
        self, worker: Worker, key: int, future: Future[tuple[Any, ...]], timeout: float
    ) -> tuple[Any, ...]:
        """The worker's (status, detail) for job `key`; past `timeout`, give the job up (raising
        FutureTimeout), and kill the worker when it no longer answers."""
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            with worker._lock:
                abandoned = worker.jobs.pop(key, None) is not None
                if abandoned:
                    worker.abandoned.add(key)
            if not abandoned:
                # Answered, or failed with its worker, as the time ran out: whoever took the job
                # out of `jobs` settles its future right after.
                return future.result()
        if worker.answers(next(self._keys), PING_TIMEOUT):
            # The worker decodes recordings beside its streams: killing it would take them too.
            log.warning(
                "a recording on speech worker %s ran past %.1f s; given up, the worker kept",
                worker.process.pid,
                timeout,
            )
        else:
            log.warning(
                "speech worker %s ran past %.1f s and does not answer; replacing it",
                worker.process.pid,
                timeout,
            )
            self._replace(worker)
        raise FutureTimeout

    @property
    def vocabulary(self) -> dict[str, Any] | None:
        """What the workers found in the model at load ([unk], filler count), or None before."""
        return self.vocabularies.known

    def close(self) -> None:
        """Stop every worker and join their threads."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers, self._all = list(self._all), []
            self._idle = []
        for worker in workers:
            worker.stop()
        with self._lock:
            retired, self._retired = list(self._retired), []
        for worker in retired:
            worker.stop()
