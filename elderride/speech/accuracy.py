"""How close transcripts come to what was really said: word and character error rates over a folder
of recordings."""

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

LABELS_FILE = "transcripts.jsonl"


@dataclasses.dataclass(frozen=True)
class Recording:
    """One recording and what was said in it, with any intake labels beside it."""

    audio: Path
    reference: str
    labels: dict[str, Any]


def recordings(folder: str | Path) -> list[Recording]:
    """Return the recordings of `folder`: from its transcripts.jsonl, else each WAV with a .txt of
    the same name."""
    folder = Path(folder)
    labels = folder / LABELS_FILE
    found = []
    if labels.is_file():
        with open(labels, encoding="utf-8") as file:
            for number, line in enumerate(file, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    audio, reference = row.pop("audio"), row.pop("text")
                except (ValueError, KeyError, AttributeError) as error:
                    raise ValueError(
                        f"{labels}, line {number}: needs 'audio' and 'text' ({error})"
                    ) from None
                found.append(
                    Recording(
                        audio=folder / audio, reference=reference, labels={**row, "line": number}
                    )
                )
    else:
        for audio in sorted(folder.glob("*.wav")):
            text = audio.with_suffix(".txt")
            if text.is_file():
                found.append(
                    Recording(
                        audio=audio, reference=text.read_text(encoding="utf-8").strip(), labels={}
                    )
                )
    missing = [str(item.audio) for item in found if not item.audio.is_file()]
    if missing:
        raise ValueError(f"No such recording: {', '.join(missing)}")
    if not found:
        raise ValueError(
            f"No recordings with transcripts in {folder} (a {LABELS_FILE}, or WAVs with .txt files "
            "beside them)."
        )
    return found


def _words(text: str) -> list[str]:
    return " ".join(text.lower().split()).split()


def _characters(text: str) -> list[str]:
    # Spaces are not characters a caller said; Chinese recognizers put them between words.
    return [char for char in text.lower() if not char.isspace()]


def error_rates(pairs: Iterable[tuple[str, str]]) -> dict[str, float | int]:
    """Return word and character error counts and rates for (reference, transcript) pairs."""
    words = word_errors = characters = character_errors = 0
    for reference, heard in pairs:
        words += len(_words(reference))
        word_errors += Levenshtein.distance(_words(reference), _words(heard))
        characters += len(_characters(reference))
        character_errors += Levenshtein.distance(_characters(reference), _characters(heard))
    return {
        "words": words,
        "word_errors": word_errors,
        "wer": round(word_errors / words, 4) if words else 0.0,
        "characters": characters,
        "character_errors": character_errors,
        "cer": round(character_errors / characters, 4) if characters else 0.0,
    }
