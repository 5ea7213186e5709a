"""How far a live stream has got, wherever it is decoded: the audio sent to its recognizer and heard
back, its state, and the listener it tells (a local worker's stream and a remote one alike)."""

from __future__ import annotations

import logging
import threading

from elderride.speech.audio_decoding import STREAM_ENCODINGS
from elderride.speech.transcript import Listener

log = logging.getLogger(__name__)


class StreamProgress:
    """A live stream's bookkeeping: it takes audio while open, and gives up ("behind") once its
    recognizer is more than `max_lag` seconds of audio behind the caller.

    States: open, finishing, then ended, failed or cancelled.  A stream says how
    its audio, its end and its stop go out (`_send_audio`, `_send_end`, `_stop`)
    and may say otherwise when it is behind (`_behind`).
    """

    def __init__(self, listener: Listener, *, rate: int, encoding: str, max_lag: float) -> None:
        self.listener = listener
        self.rate = rate
        self.encoding = encoding
        self.max_lag = max_lag
        self.sent_seconds = 0.0
        self.heard_seconds = 0.0
        self.state = "open"
        self.partial = ""
        self._lock = threading.Lock()

    @property
    def lag(self) -> float:
        """Seconds of audio sent to the recognizer and not yet decoded."""
        return self.sent_seconds - self.heard_seconds

    def seconds(self, data: bytes | bytearray) -> float:
        """Return how long `data` plays, in the stream's encoding and rate."""
        return len(data) / STREAM_ENCODINGS[self.encoding] / self.rate

    def feed(self, data: bytes) -> bool:
        """Send audio to the recognizer without waiting; return False once the stream has given
        up."""
        with self._lock:
            if self.state != "open":
                return False
            behind = self._behind()
            if not behind:
                self.sent_seconds += self.seconds(data)
        if behind:
            # Decoding it late would only answer a question the caller has left: drop it and go on
            # by keys.
            self._end("failed", "behind")
            return False
        self._send_audio(bytes(data))
        return True

    def finish(self) -> None:
        """No more audio: ask for the last result (delivered as "ended")."""
        with self._lock:
            if self.state != "open":
                return
            self.state = "finishing"
        self._send_end()

    def cancel(self) -> None:
        """Forget the stream without a result."""
        self._end("cancelled", None, tell=False)

    def _behind(self) -> bool:
        """Whether the recognizer is too far behind to go on (called holding the lock)."""
        return self.lag > self.max_lag

    def _send_audio(self, data: bytes) -> None:
        raise NotImplementedError

    def _send_end(self) -> None:
        raise NotImplementedError

    def _stop(self) -> None:
        """Let the recognizer go: the stream is over without its last result."""
        raise NotImplementedError

    def _end(self, state: str, value: object, *, tell: bool = True) -> None:
        with self._lock:
            if self.state not in ("open", "finishing"):
                return
            self.state = state
        self._stop()
        if tell:
            self._tell("failed", value)

    def _tell(self, kind: str, value: object) -> None:
        try:
            self.listener(kind, value)
        except Exception:  # noqa: BLE001 - a listener's bug must not stop the thread telling it
            log.exception("a speech stream listener failed")
