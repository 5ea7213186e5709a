"""Plain Vosk in this process: for the command line and as the benchmarks' baseline."""

from collections.abc import Sequence

from elderride.speech.audio_decoding import Audio, rate_problem
from elderride.speech.models import PathLike
from elderride.speech.transcript import EngineHealth, RecordingsOnly, SpeechFailed, Transcript

LOAD_TIMEOUT = 120.0


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

        if problem := rate_problem(audio.rate):
            # Kaldi would abort this process on it.
            raise SpeechFailed(f"The speech engine could not decode this audio: {problem}")
        return recognize(self.model, audio, phrases, check=True)

    def wait_ready(self, timeout: float = LOAD_TIMEOUT) -> None:
        """The model loaded when the engine was made."""

    def health(self) -> EngineHealth:
        """Ready: the model loaded when the engine was made."""
        return {"available": True, "reason": "ready"}

    def close(self) -> None:
        """Nothing to stop."""
