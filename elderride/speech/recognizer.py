"""Plain Vosk in this process: load a model once, recognise one utterance per recognizer."""

import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

from elderride.speech.audio_decoding import Audio
from elderride.speech.models import PathLike, working_copy
from elderride.speech.transcript import Transcript

# Vosk is fed in pieces of this length so its endpointer sees the audio as a stream would bring it.
CHUNK_SECONDS = 0.2
UNKNOWN = "[unk]"

# Vosk ships no type hints: its Model and KaldiRecognizer are opaque here.
VoskModel = Any
VoskRecognizer = Any


def load_model(path: PathLike, *, trailing_silence: float | None = None) -> VoskModel:
    """Load the Vosk model at `path` (through a working copy when endpointing is tuned)."""
    import vosk

    # Warnings (such as "[unk] not in vocabulary") go to stderr otherwise; errors still show.
    vosk.SetLogLevel(-2)
    folder = working_copy(path, trailing_silence=trailing_silence) if trailing_silence else path
    return vosk.Model(str(folder))


def grammar(phrases: Iterable[object]) -> str:
    """Return the JSON phrase list Vosk takes, always ending with [unk] so stray speech has
    somewhere to go."""
    cleaned: list[str] = []
    for phrase in phrases:
        phrase = " ".join(str(phrase).split()).lower()
        if phrase and phrase != UNKNOWN and phrase not in cleaned:
            cleaned.append(phrase)
    return json.dumps(cleaned + [UNKNOWN], ensure_ascii=False)


def _results(model: VoskModel, audio: Audio, phrases: Sequence[str] | None) -> list[dict[str, Any]]:
    """Feed `audio` to a fresh recognizer and return the result of every utterance it ends."""
    recognizer = new_recognizer(model, audio.rate, phrases)
    pcm = audio.pcm_bytes()
    step = int(audio.rate * CHUNK_SECONDS) * 2
    results = []
    for offset in range(0, len(pcm), step):
        if recognizer.AcceptWaveform(pcm[offset : offset + step]):
            results.append(json.loads(recognizer.Result()))
    results.append(json.loads(recognizer.FinalResult()))
    return results


def new_recognizer(
    model: VoskModel, rate: int, phrases: Sequence[str] | None = None
) -> VoskRecognizer:
    """Return a fresh recognizer for one utterance at `rate`, restricted to `phrases` when given."""
    import vosk

    # One recognizer per utterance: they are cheap, and never shared between threads.
    if phrases:
        recognizer = vosk.KaldiRecognizer(model, rate, grammar(phrases))
    else:
        recognizer = vosk.KaldiRecognizer(model, rate)
    recognizer.SetWords(True)
    return recognizer


def recognize(model: VoskModel, audio: Audio, phrases: Sequence[str] | None = None) -> Transcript:
    """Recognise `audio` (an Audio) with `model`, restricted to `phrases` when given."""
    started = time.perf_counter()
    return transcript(
        _results(model, audio, phrases),
        phrases,
        duration=audio.duration,
        decode_seconds=time.perf_counter() - started,
    )


def transcript(
    segments: Iterable[dict[str, Any]],
    phrases: Sequence[str] | None,
    *,
    duration: float,
    decode_seconds: float,
) -> Transcript:
    """Return the Transcript of Vosk's results for one answer, checked against `phrases` when given.

    Local, streamed and remote recognizers all end here, so a transcript means the same wherever it
    was decoded.
    """
    words = [
        {
            "word": item["word"],
            "conf": round(item.get("conf", 1.0), 4),
            "start": item.get("start"),
            "end": item.get("end"),
        }
        for segment in segments
        for item in segment.get("result", [])
        if item.get("word") != UNKNOWN
    ]
    heard = " ".join(segment.get("text", "") for segment in segments if segment.get("text")).strip()
    heard = " ".join(word for word in heard.split() if word != UNKNOWN)
    text = heard
    if phrases:
        allowed = {" ".join(str(phrase).split()).lower() for phrase in phrases}
        # Grammar mode can still string phrases together; only one whole allowed phrase counts.
        if heard not in allowed:
            text = ""
    confidence = (
        round(sum(word["conf"] for word in words) / len(words), 4) if words and text else 0.0
    )
    return Transcript(
        text=text,
        words=words,
        confidence=confidence,
        duration=round(duration, 3),
        decode_seconds=round(decode_seconds, 4),
        heard=heard,
        phrases=bool(phrases),
    )


def segments(model: VoskModel, audio: Audio, phrases: Sequence[str] | None = None) -> list[str]:
    """Return the text of each utterance the endpointer found in `audio` (for tuning and tests)."""
    texts = (result.get("text", "") for result in _results(model, audio, phrases))
    return [text for text in texts if text and text != UNKNOWN]
