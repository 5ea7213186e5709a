"""`elderride bench decoder`: the decoder's search settings side by side on the same speech in one
run: the CPU a second of speech costs with a phrase list and in free speech, and what each hears.

Every setting is a working copy of the model (the live line's endpointing, the search options
changed), loaded once; the repeats take the settings in turn, a different one first each time,
so drift in a shared machine falls on all alike.  CPU is the decoding thread's own time, which
other processes on the machine do not add to.
"""

from __future__ import annotations

import csv
import json
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elderride.speech.audio_decoding import Audio, read_file
from elderride.speech.models import (
    ELDER_TRAILING_SILENCE,
    TURN_PAUSE,
    decoder_of,
    working_copy,
)

KINDS = ("phrase", "address")
FRAME_BYTES = 320  # 20 ms of 8 kHz 16-bit audio: what a live stream's worker decodes at a time


@dataclass(frozen=True)
class Spoken:
    """One recording and what was said in it: a phrase of the list, or an address (free speech)."""

    name: str
    kind: str  # "phrase" or "address"
    words: str
    audio: Audio


def read_spoken(folder: Path) -> list[Spoken]:
    """Read the recordings `folder`/spoken.tsv names, with their words."""
    with open(folder / "spoken.tsv", encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table, delimiter="\t"))
    spoken = []
    for line, row in enumerate(rows, 2):
        if not (row.get("file") and row.get("words")) or row.get("kind") not in KINDS:
            raise ValueError(
                f"line {line} of spoken.tsv needs a file, a kind ({' or '.join(KINDS)}) and words"
            )
        spoken.append(
            Spoken(row["file"], row["kind"], row["words"], read_file(folder / row["file"]))
        )
    return spoken


def edits(reference: str, hypothesis: str) -> int:
    """Return the characters to insert, delete or change to turn `hypothesis` into `reference`."""
    previous = list(range(len(hypothesis) + 1))
    for row, wanted in enumerate(reference, 1):
        current = [row]
        for column, got in enumerate(hypothesis, 1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (wanted != got),
                )
            )
        previous = current
    return previous[-1]


def error_rate(pairs: Sequence[tuple[str, str]]) -> float:
    """Return the character error rate of (reference, hypothesis) pairs, spaces left out (Korean
    spacing varies with the speaker, not the address)."""
    references = [reference.replace(" ", "") for reference, _ in pairs]
    wrong = sum(
        edits(reference, hypothesis.replace(" ", ""))
        for reference, (_, hypothesis) in zip(references, pairs, strict=True)
    )
    total = sum(len(reference) for reference in references)
    return round(wrong / total, 3) if total else 0.0


def _free(model: Any, audio: Audio) -> tuple[str, float]:
    """Decode `audio` in free speech 20 ms at a time, as a live stream is; return the text and the
    CPU seconds it took."""
    from elderride.speech.recognizer import new_recognizer

    pcm = audio.pcm_bytes()
    started = time.thread_time()
    recognizer = new_recognizer(model, audio.rate)
    texts = []
    for offset in range(0, len(pcm), FRAME_BYTES):
        if recognizer.AcceptWaveform(pcm[offset : offset + FRAME_BYTES]):
            texts.append(json.loads(recognizer.Result()).get("text", ""))
    texts.append(json.loads(recognizer.FinalResult()).get("text", ""))
    return " ".join(text for text in texts if text), time.thread_time() - started


def _phrase(model: Any, audio: Audio, phrases: Sequence[str]) -> tuple[str, float]:
    """Recognise `audio` against the phrase list with the filler check, as the line does; return
    the phrase heard ("" for none) and the CPU seconds it took."""
    from elderride.speech.recognizer import recognize

    started = time.thread_time()
    heard = recognize(model, audio, phrases, check=True)
    return heard.text, time.thread_time() - started


def bench_decoder(
    model_path: str,
    *,
    settings: Sequence[Mapping[str, float]],
    spoken: Sequence[Spoken],
    repeats: int = 3,
) -> dict[str, Any]:
    """Decode every recording with the model's own search and each of `settings`, `repeats` times in
    turn; return each setting's CPU a second of speech (phrase list and free), its accuracy, and
    its ratios to the model's own."""
    import vosk

    vosk.SetLogLevel(-2)
    own = decoder_of(model_path)
    # The model's own search first: it is what the others are measured against.
    tried = [dict(own), *({**own, **setting} for setting in settings)]
    models = [
        vosk.Model(
            str(
                working_copy(
                    model_path,
                    trailing_silence=ELDER_TRAILING_SILENCE,
                    pause=TURN_PAUSE,
                    decoder=setting,
                )
            )
        )
        for setting in tried
    ]
    phrases = [said.words for said in spoken if said.kind == "phrase"]
    addresses = [said for said in spoken if said.kind == "address"]
    phrase_answers = [said for said in spoken if said.kind == "phrase"]
    cpu: list[dict[str, list[float]]] = [{"free": [], "phrase": []} for _ in tried]
    heard: list[dict[str, str]] = [{} for _ in tried]
    for repeat in range(repeats):
        for index in [(start + repeat) % len(tried) for start in range(len(tried))]:
            free = phrase = 0.0
            for said in addresses:
                text, seconds = _free(models[index], said.audio)
                heard[index][said.name] = text
                free += seconds
            for said in phrase_answers:
                text, seconds = _phrase(models[index], said.audio, phrases)
                heard[index][f"phrase:{said.name}"] = text
                phrase += seconds
            cpu[index]["free"].append(free / sum(said.audio.duration for said in addresses))
            cpu[index]["phrase"].append(
                phrase / sum(said.audio.duration for said in phrase_answers)
            )
    runs: list[dict[str, Any]] = []
    for index, setting in enumerate(tried):
        free_cost = statistics.median(cpu[index]["free"])
        phrase_cost = statistics.median(cpu[index]["phrase"])
        runs.append(
            {
                "decoder": setting,
                "free_cpu_seconds_per_audio_second": round(free_cost, 3),
                "phrase_cpu_seconds_per_audio_second": round(phrase_cost, 3),
                "free_each_repeat": [round(value, 3) for value in cpu[index]["free"]],
                "free_over_phrase_cost": round(free_cost / phrase_cost, 1) if phrase_cost else None,
                # Against what was said, and against what the model's own search heard: espeak-ng's
                # Korean is far from the model's speakers, so the second shows what the narrower
                # search itself loses.
                "address_character_error_rate": error_rate(
                    [(said.words, heard[index][said.name]) for said in addresses]
                ),
                "address_character_error_rate_against_own": error_rate(
                    [(heard[0][said.name], heard[index][said.name]) for said in addresses]
                ),
                "phrases_right": sum(
                    heard[index][f"phrase:{said.name}"] == said.words for said in phrase_answers
                ),
                "phrases": len(phrase_answers),
                "heard": {said.name: heard[index][said.name] for said in addresses},
            }
        )
    baseline = runs[0]["free_cpu_seconds_per_audio_second"]
    for run in runs:
        run["free_cost_over_own"] = (
            round(run["free_cpu_seconds_per_audio_second"] / baseline, 3) if baseline else None
        )
    return {
        "benchmark": "decoder",
        "model": str(model_path),
        "repeats": repeats,
        "addresses": len(addresses),
        "address_audio_seconds": round(sum(said.audio.duration for said in addresses), 2),
        "runs": runs,
    }
