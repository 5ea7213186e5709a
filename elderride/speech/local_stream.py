"""One caller's answer recognised live in a local speech worker, seen from the web process."""

from __future__ import annotations

from typing import Any, Protocol

from elderride.speech.stream_progress import StreamProgress
from elderride.speech.transcript import Listener, Transcript
from elderride.speech.vocabulary import ModelReports
from elderride.speech.worker import Message


def transcript_of(detail: dict[str, Any]) -> Transcript:
    detail = dict(detail)
    detail.pop("real_time_factor", None)
    return Transcript(**detail)


class WorkerLink(Protocol):
    """What a stream asks of the worker process that decodes it (`local.Worker`)."""

    def post(self, message: Message) -> None:
        """Send the worker a message, in order."""
        ...

    def forget(self, key: int) -> None:
        """Stop routing the worker's messages for `key` to its stream."""
        ...


class Stream(StreamProgress):
    """One caller's answer being recognised as it is spoken; results go to `listener(kind, value)`.

    Kinds: "partial" (text so far), "final" (a Transcript the endpointer ended),
    "pause" (the endpointer ended silence alone, at this many seconds of audio),
    "ended" (the last Transcript after finish()), "failed" ("behind", "crashed", "refused": the
    worker could not start it, or "closed").
    """

    def __init__(
        self,
        vocabularies: ModelReports,
        worker: WorkerLink,
        key: int,
        listener: Listener,
        *,
        rate: int,
        encoding: str,
        max_lag: float,
        cost: float = 0.0,
    ) -> None:
        super().__init__(listener, rate=rate, encoding=encoding, max_lag=max_lag)
        self.vocabularies = vocabularies
        self.worker = worker
        self.key = key
        # CPU seconds a second of its speech costs the worker: what the pool's admission counts.
        self.cost = cost

    def _send_audio(self, data: bytes) -> None:
        self.worker.post(("audio", self.key, data))

    def _send_end(self) -> None:
        self.worker.post(("close", self.key))

    def _stop(self) -> None:
        # Its audio still queued is dropped, not decoded for nobody.
        self.worker.forget(self.key)
        self.worker.post(("drop", self.key))

    def _on(self, kind: str, value: Any) -> None:
        """A message from the worker (in the reader thread)."""
        if kind == "heard":
            seconds, partial = value
            self.heard_seconds = seconds
            if partial is not None and self.state == "open":
                self.partial = partial
                self._tell("partial", partial)
        # A piece ended before the audio did is still part of the answer after finish(): the sound
        # may have ended it while the worker was behind the caller.
        elif kind == "pause" and self.state in ("open", "finishing"):
            self._tell("pause", value)
        elif kind == "final" and self.state in ("open", "finishing"):
            self.vocabularies.dropped(value["dropped"])
            self.partial = ""
            self._tell("final", transcript_of(value))
        elif kind == "refused":  # the worker could not start it
            self._end("failed", value)
        elif kind == "ended":
            with self._lock:
                if self.state != "finishing":
                    return
                self.state = "ended"
            self.worker.forget(self.key)
            self._tell("ended", transcript_of(value))
