"""Vosk in worker processes: a Kaldi abort costs one utterance, never the server or the call.

Each worker loads the model once and decodes one utterance at a time; a caller
thread borrows an idle worker, sends it the audio over a pipe and waits.  A
worker that dies mid-job (Kaldi aborts the whole process on an internal
assertion) or runs past the job's timeout is replaced, and that one job fails
with SpeechFailed; the next job succeeds.
"""

import collections
import logging
import threading
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from elderride.speech import forking
from elderride.speech.audio_decoding import Audio
from elderride.speech.forking import Context, WorkerProcess
from elderride.speech.models import PathLike
from elderride.speech.transcript import (
    EngineHealth,
    RecordingsOnly,
    SpeechFailed,
    SpeechUnavailable,
    Transcript,
)
from elderride.speech.vocabulary import ModelReports
from elderride.speech.worker import load_in_worker

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
LOAD_TIMEOUT = 120.0


def worker_main(connection: Connection, model_path: str, trailing_silence: float | None) -> None:
    """Run in a worker process: load the model once, then decode jobs until told to stop."""
    import numpy as np

    from elderride.speech.recognizer import recognize

    model = load_in_worker(connection, model_path, trailing_silence)
    if model is None:
        return
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        pcm, rate, phrases = job
        audio = Audio(np.frombuffer(pcm, dtype="<i2"), rate)
        try:
            connection.send(("ok", recognize(model, audio, phrases, check=True).as_dict()))
        except Exception as error:  # noqa: BLE001 - a Python-level failure costs this job only
            connection.send(("error", f"{type(error).__name__}: {error}"))


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(
        self,
        context: Context,
        model_path: PathLike,
        trailing_silence: float | None,
        vocabularies: ModelReports,
    ) -> None:
        self.vocabularies = vocabularies
        self.process = WorkerProcess(
            context, worker_main, (str(model_path), trailing_silence), "elderride-vosk"
        )
        self.connection = self.process.connection
        self.ready = False
        self.busy_since: float | None = None

    def poll_ready(self) -> bool:
        """Tell, without waiting, whether the worker has loaded its model."""
        if not self.ready and self.connection.poll(0):
            self.wait_ready(0)
        return self.ready

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.connection.poll(timeout):
            raise SpeechFailed("The speech worker did not load its model in time.")
        try:
            status, detail = self.connection.recv()
        except (EOFError, OSError):
            self.process.join(timeout=5)
            raise SpeechUnavailable(
                "The speech worker stopped while loading its model (exit code "
                f"{self.process.exitcode})."
            ) from None
        if status != "ready":
            raise SpeechUnavailable(f"The speech model could not be loaded: {detail}")
        self.vocabularies.loaded(detail)
        self.ready = True

    def stop(self, kill: bool = False) -> None:
        if kill or not self.process.is_alive():
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.connection.close()


class _Turn:
    """A caller waiting for a worker: the pool hands one straight to the longest waiting turn."""

    def __init__(self) -> None:
        self.given = threading.Event()
        self.worker: _Worker | None = None


class VoskPool(RecordingsOnly):
    """A small pool of Vosk worker processes behind the speech engine interface."""

    def __init__(
        self,
        model_path: PathLike,
        *,
        workers: int = 2,
        trailing_silence: float | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        share_model: bool = True,
    ) -> None:
        self._context = forking.context(str(model_path), trailing_silence, share=share_model)
        self.model_path = model_path
        self.trailing_silence = trailing_silence
        self.timeout = timeout
        self._idle: collections.deque[_Worker] = collections.deque()
        # Callers waiting for a worker, oldest first: a freed worker goes to the oldest, never
        # back to the thread that freed it (which would ask again first and starve the others).
        self._turns: collections.deque[_Turn] = collections.deque()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0
        self.vocabularies = ModelReports(model_path)
        for _ in range(workers):
            self._add_worker()

    def _add_worker(self) -> None:
        worker = _Worker(self._context, self.model_path, self.trailing_silence, self.vocabularies)
        with self._lock:
            self._all.append(worker)
        self._give_back(worker)

    def _give_back(self, worker: _Worker) -> None:
        """Hand a free worker to the caller that has waited longest, or keep it idle."""
        with self._lock:
            if self._turns:
                turn = self._turns.popleft()
                turn.worker = worker
                turn.given.set()
            else:
                self._idle.append(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` and start another in its place."""
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            self.replaced += 1
        worker.stop(kill=True)
        if not self._closed:
            self._add_worker()

    def wait_ready(self, timeout: float = LOAD_TIMEOUT) -> None:
        """Block until every worker has loaded its model (raising if one cannot)."""
        workers: list[_Worker] = []
        try:
            for _ in range(len(self._all)):
                workers.append(self._take(timeout))
        finally:
            for worker in workers:
                self._give_back(worker)

    def loading(self) -> bool:
        """Tell, without waiting, whether a worker is still loading its model."""
        with self._lock:
            # Only an idle worker's pipe is read here: a borrowed one is its borrower's to read.
            for worker in self._idle:
                worker.poll_ready()
            return any(not worker.ready for worker in self._all)

    def health(self) -> EngineHealth:
        """Say, without waiting, whether every worker has loaded its model, or why not."""
        try:
            loading = self.loading()
        except SpeechUnavailable as error:
            return {"available": False, "reason": str(error)}
        return {"available": not loading, "reason": "loading" if loading else "ready"}

    def workers(self) -> list[tuple[int | None, bool]]:
        """Return (pid, busy) for each worker, for health pages and tests."""
        with self._lock:
            return [(worker.process.pid, worker.busy_since is not None) for worker in self._all]

    def _take(self, timeout: float) -> _Worker:
        """Borrow a worker, first come first served, preferring an idle one that has loaded its
        model."""
        with self._lock:
            worker = None
            if not self._turns and self._idle:
                worker = next((w for w in self._idle if w.poll_ready()), self._idle[0])
                self._idle.remove(worker)
            else:
                turn = _Turn()
                self._turns.append(turn)
        if worker is None:
            turn.given.wait(timeout)
            with self._lock:
                worker = turn.worker
                if worker is None:
                    self._turns.remove(turn)
                    raise SpeechFailed("Every speech worker is busy.")
        try:
            worker.wait_ready(LOAD_TIMEOUT)
        except SpeechUnavailable:
            self._give_back(worker)
            raise
        except SpeechFailed:
            self._replace(worker)
            raise
        return worker

    def transcribe(
        self, audio: Audio, *, phrases: Sequence[str] | None = None, timeout: float | None = None
    ) -> Transcript:
        """Decode one utterance in a worker and return its Transcript."""
        if self._closed:
            raise SpeechUnavailable("The speech engine is shut down.")
        timeout = self.timeout if timeout is None else timeout
        worker = self._take(timeout)
        # The job's time counts from when a loaded worker has it, so a worker still
        # loading after a crash does not eat the next caller's time.
        deadline = time.monotonic() + timeout
        worker.busy_since = time.monotonic()
        try:
            worker.connection.send(
                (audio.pcm_bytes(), audio.rate, list(phrases) if phrases else None)
            )
            remaining = max(0.0, deadline - time.monotonic())
            if not worker.connection.poll(remaining):
                log.warning(
                    "speech worker %s ran past %.1f s; replacing it", worker.process.pid, timeout
                )
                self._replace(worker)
                raise SpeechFailed(f"The speech engine took longer than {timeout:g} seconds.")
            status, detail = worker.connection.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=1)
            code = worker.process.exitcode
            log.warning(
                "speech worker %s died (exit code %s); replacing it", worker.process.pid, code
            )
            self._replace(worker)
            raise SpeechFailed(
                f"The speech engine stopped while decoding (exit code {code})."
            ) from None
        worker.busy_since = None
        self._give_back(worker)
        if status != "ok":
            raise SpeechFailed(f"The speech engine could not decode this audio: {detail}")
        detail.pop("real_time_factor", None)
        self.vocabularies.dropped(detail["dropped"])
        return Transcript(**detail)

    @property
    def vocabulary(self) -> dict[str, Any] | None:
        """What the workers found in the model at load ([unk], filler count), or None before."""
        return self.vocabularies.known

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), []
        for worker in workers:
            worker.stop()


class InProcessEngine(RecordingsOnly):
    """Plain Vosk in this process: for the command line and as the benchmarks' baseline."""

    def __init__(self, model_path: PathLike, *, trailing_silence: float | None = None) -> None:
        from elderride.speech.recognizer import load_model

        self.model = load_model(model_path, trailing_silence=trailing_silence)

    def transcribe(
        self, audio: Audio, *, phrases: Sequence[str] | None = None, timeout: float | None = None
    ) -> Transcript:
        """Decode one utterance here and now."""
        from elderride.speech.recognizer import recognize

        return recognize(self.model, audio, phrases, check=True)

    def wait_ready(self, timeout: float = LOAD_TIMEOUT) -> None:
        """The model loaded when the engine was made."""

    def health(self) -> EngineHealth:
        """Ready: the model loaded when the engine was made."""
        return {"available": True, "reason": "ready"}

    def close(self) -> None:
        """Nothing to stop."""
