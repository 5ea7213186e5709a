"""One caller's answer recognised live in a local speech worker, seen from the web process."""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

from elderride.speech.transcript import Listener, Transcript
from elderride.speech.vocabulary import ModelReports
from elderride.speech.worker import ENCODINGS, Message

log = logging.getLogger(__name__)


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


class Stream:
    """One caller's answer being recognised as it is spoken; results go to `listener(kind, value)`.

    Kinds: "partial" (text so far), "final" (a Transcript the endpointer ended),
    "pause" (the endpointer ended silence alone, at this many seconds of audio),
    "ended" (the last Transcript after finish()), "failed" ("behind", "crashed" or "closed").
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
        self.vocabularies = vocabularies
        self.worker = worker
        self.key = key
        self.listener = listener
        self.rate = rate
        self.encoding = encoding
        self.max_lag = max_lag
        # CPU seconds a second of its speech costs the worker: what the pool's admission counts.
        self.cost = cost
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
        # A piece ended before the audio did is still part of the answer after finish(): the sound
        # may have ended it while the worker was behind the caller.
        elif kind == "pause" and self.state in ("open", "finishing"):
            self._tell("pause", value)
        elif kind == "final" and self.state in ("open", "finishing"):
            self.vocabularies.dropped(value["dropped"])
            self.partial = ""
            self._tell("final", transcript_of(value))
        elif kind == "ended":
            with self._lock:
                if self.state != "finishing":
                    return
                self.state = "ended"
            self.worker.forget(self.key)
            self._tell("ended", transcript_of(value))
