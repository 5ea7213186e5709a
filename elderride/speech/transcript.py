"""What the speech engine returns for one utterance, and the errors it may raise."""

import dataclasses
import math
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NotRequired, Protocol, TypedDict

if TYPE_CHECKING:
    from elderride.speech.audio_decoding import Audio


# The most a transcript holds: a caller says a few hundred characters in a question's time, and the
# intake's reading of a text grows faster than its length (100 kB took seconds, a megabyte hours,
# all inside the call's write).  A recognizer sending more is broken or hostile.
MAX_TEXT = 2000
MAX_WORDS = 500


class SpeechUnavailable(RuntimeError):
    """No speech engine can take the job (no model, or the engine is shut down)."""


class SpeechFailed(RuntimeError):
    """The job was taken but did not finish: the worker crashed, or it ran out of time."""


class StreamRefused(SpeechFailed):
    """No live stream now: no recognizer has room for one it could keep up with, or the engine
    takes whole recordings only."""


# Where a live stream's results go: listener(kind, value), kind "partial", "final", "ended",
# "failed", or "pause" (the endpointer ended a stretch of silence with no words in it).
Listener = Callable[[str, object], None]


@dataclasses.dataclass
class Transcript:
    """A transcription: the text, how sure the engine is, and what it cost."""

    text: str
    words: list[dict[str, Any]]  # [{"word", "conf", "start", "end"}], times in seconds
    confidence: float  # mean of the word confidences; 0.0 when nothing was heard
    duration: float  # seconds of audio
    decode_seconds: float
    heard: str = ""  # the raw text before checking it against a phrase list
    phrases: bool = False  # whether a phrase list restricted the recognizer
    # How far a decode with filler words beside the phrases ranked the phrase below its best path
    # (see recognizer.check_against_fillers); None when no such check ran.
    filler_gap: float | None = None
    rejected: str = ""  # what the phrase list forced onto speech that the filler check disbelieved
    dropped: list[str] = dataclasses.field(
        default_factory=list
    )  # phrases with words the model lacks
    # Seconds of silence after the last word when a live stream's endpointer ended the utterance
    # (None: not a live endpoint, or no words).
    pause: float | None = None

    @property
    def real_time_factor(self) -> float:
        """Decode time over audio time: 0.1 means ten times faster than real time."""
        return self.decode_seconds / self.duration if self.duration else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Return the transcript as plain data (for JSON and the database)."""
        return dataclasses.asdict(self) | {"real_time_factor": round(self.real_time_factor, 4)}


def checked(result: object) -> Transcript | None:
    """Return a recognizer's result as the phone line may act on it, None when it is no Transcript.

    A recognizer is another process or another machine, and anything it returns reaches a yes
    that books a ride: words that are not text a person says (too long, or with a NUL, control,
    format or lone surrogate character) are nothing heard, and a confidence that is not a
    probability, or that is made of word confidences that are not, is 0.0 (unsure).
    """
    if not isinstance(result, Transcript):
        return None
    words = result.words if isinstance(result.words, list) else None
    sound = words is not None and len(words) <= MAX_WORDS and all(map(_is_word, words))
    return dataclasses.replace(
        result,
        text=spoken(result.text),
        heard=spoken(result.heard),
        words=[dict(word) for word in words] if sound and words else [],
        confidence=probability(result.confidence) if sound else 0.0,
        duration=_seconds(result.duration) or 0.0,
        decode_seconds=_seconds(result.decode_seconds) or 0.0,
        phrases=result.phrases is True,
        filler_gap=_number(result.filler_gap),
        rejected=spoken(result.rejected),
        dropped=[phrase for phrase in result.dropped if spoken(phrase)]
        if isinstance(result.dropped, list)
        else [],
        pause=_seconds(result.pause),
    )


def spoken(value: object) -> str:
    """Return `value` if it is text a recognizer writes for speech, else "" (nothing heard)."""
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        return ""
    # Unicode's C* categories: control (NUL, ESC), format (right-to-left marks), surrogate,
    # private use, unassigned. No recognizer writes them for speech; a terminal or a log obeys them.
    if any(unicodedata.category(character)[0] == "C" for character in value):
        return ""
    return value


def probability(value: object) -> float:
    """Return `value` if it is a confidence (a number from 0 to 1), else 0.0 (unsure)."""
    return _probability(value) or 0.0


def _probability(value: object) -> float | None:
    """`value` as a number from 0 to 1, or None."""
    number = _number(value)
    return number if number is not None and 0.0 <= number <= 1.0 else None


def _number(value: object) -> float | None:
    """`value` as a finite number, or None (a truth value, text, NaN or an infinity is none)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _seconds(value: object) -> float | None:
    """`value` as a time in seconds (a finite number, not negative), or None."""
    number = _number(value)
    return number if number is not None and number >= 0.0 else None


def _is_word(item: object) -> bool:
    """Whether `item` is a word as a recognizer writes one: its text, a confidence from 0 to 1, and
    its times in seconds (or None)."""
    if not isinstance(item, dict) or not spoken(item.get("word")):
        return False
    times = (item.get(key) for key in ("start", "end"))
    return _probability(item.get("conf", 1.0)) is not None and all(
        time is None or _seconds(time) is not None for time in times
    )


class RecognizerHealth(TypedDict):
    """How one remote recognizer answered its latest probe."""

    server: str
    ok: bool
    reason: str  # "ready", or what went wrong


class EngineHealth(TypedDict):
    """Whether a speech engine can take jobs now: "ready", "loading", or why not."""

    available: bool
    reason: str
    recognizers: NotRequired[list[RecognizerHealth]]


class LiveStream(Protocol):
    """One caller's answer being recognised as it is spoken."""

    def feed(self, data: bytes) -> bool:
        """Send audio without waiting; return False once the stream has given up."""
        ...

    def finish(self) -> None:
        """No more audio: the last result comes to the listener as "ended"."""
        ...

    def cancel(self) -> None:
        """Forget the stream without a result."""
        ...


class SpeechEngine(Protocol):
    """The speech engine's seam: LocalVosk, RemoteVosk and InProcessEngine alike."""

    def transcribe(
        self, audio: "Audio", *, phrases: Sequence[str] | None = None, timeout: float | None = None
    ) -> Transcript:
        """Decode one utterance and return its Transcript, or raise SpeechFailed or
        SpeechUnavailable."""
        ...

    def has_room(
        self,
        phrases: Sequence[str] | None = None,
        *,
        pending: Sequence[Sequence[str] | None] = (),
    ) -> bool:
        """Tell whether a live stream with `phrases` (none: free speech) opened now would be
        admitted after those offered and not yet opened (`pending`, their phrase lists); never,
        for an engine that takes whole recordings only."""
        ...

    def open_stream(
        self,
        listener: Listener,
        *,
        phrases: Sequence[str] | None = None,
        rate: int = 8000,
        encoding: str = "mulaw",
        max_lag: float | None = None,
    ) -> LiveStream:
        """Start recognising a live stream that gives up once `max_lag` seconds of its audio wait
        undecoded (None: the engine's own allowance); raise StreamRefused when it cannot."""
        ...

    def wait_ready(self, timeout: float = ...) -> None:
        """Block until the engine can take jobs (its workers loaded), raising if it cannot."""
        ...

    def health(self) -> "EngineHealth":
        """Say, without waiting, whether the engine can take jobs now, or why not ("loading")."""
        ...

    def close(self) -> None:
        """Stop taking jobs and let go of the engine's workers."""
        ...


class RecordingsOnly:
    """The streaming half of SpeechEngine for an engine that takes whole recordings only."""

    def has_room(
        self,
        phrases: Sequence[str] | None = None,
        *,
        pending: Sequence[Sequence[str] | None] = (),
    ) -> bool:
        """Never: this engine takes whole recordings only."""
        return False

    def open_stream(
        self,
        listener: Listener,
        *,
        phrases: Sequence[str] | None = None,
        rate: int = 8000,
        encoding: str = "mulaw",
        max_lag: float | None = None,
    ) -> LiveStream:
        """Refuse: this engine takes whole recordings only."""
        raise StreamRefused("This speech engine takes whole recordings only.")
