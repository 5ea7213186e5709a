"""What words a Vosk model knows: whether it has [unk], which phrase words it lacks, and the
filler words that stand in for [unk] where it is missing."""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import struct
import threading
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from elderride.resources import resource_dir

log = logging.getLogger(__name__)

UNKNOWN = "[unk]"
# Where Vosk finds a model's words, in the order it looks (vosk-api src/model.cc): a words.txt,
# else the output symbol table of the decoding graph (HCLG.fst for big models, Gr.fst for small).
WORD_FILES = ("graph/words.txt", "words.txt")
GRAPH_FILES = ("graph/HCLG.fst", "graph/Gr.fst")
# OpenFst's binary magic numbers (fst/fst.h, fst/symbol-table.cc).
FST_MAGIC = 2125659606
SYMBOLS_MAGIC = 2125658996
HAS_INPUT_SYMBOLS, HAS_OUTPUT_SYMBOLS = 1, 2

# Tells whether the model knows one word.
Knows = Callable[[str], bool]


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """What a loaded model's words mean for phrase lists: [unk] or not, and the fillers it knows."""

    unknown_word: bool | None  # None: the model's words could not be read
    fillers: tuple[str, ...] = ()

    @property
    def forces_answers(self) -> bool:
        """Whether a phrase list would force any speech onto its nearest phrase (no [unk], no
        fillers)."""
        return self.unknown_word is False and not self.fillers

    def as_dict(self) -> dict[str, Any]:
        """Return the vocabulary as plain data (for JSON and the worker's pipe)."""
        return {"unknown_word": self.unknown_word, "fillers": len(self.fillers)}


def phrase_words(phrase: object) -> list[str]:
    """Return the words Vosk looks up for one phrase: lower case, split on spaces."""
    return " ".join(str(phrase).split()).lower().split()


def missing_words(phrases: Iterable[object], knows: Knows) -> dict[str, list[str]]:
    """Return each phrase that has words the model lacks, with those words."""
    missing: dict[str, list[str]] = {}
    for phrase in phrases:
        lacking = [word for word in phrase_words(phrase) if word != UNKNOWN and not knows(word)]
        if lacking:
            missing[" ".join(phrase_words(phrase))] = lacking
    return missing


def model_report(
    path: str | os.PathLike[str], phrase_lists: dict[str, list[str]]
) -> dict[str, Any]:
    """Return what the model folder at `path` means for phrase lists, read from its files: whether
    it has [unk], how many fillers it knows, and each list's phrases with words it lacks."""
    words = model_words(path)
    known = of_words(words)
    report: dict[str, Any] = {"unknown_word": known.unknown_word, "fillers": len(known.fillers)}
    if words is not None:
        report["missing_words"] = {
            name: missing_words(phrases, words.__contains__)
            for name, phrases in phrase_lists.items()
        }
    return report


def log_report(model_path: str | os.PathLike[str], report: dict[str, Any]) -> None:
    """Log how the model treats stray speech, and the phrases it cannot hear, list by list."""
    log.log(*describe(model_path, report))
    for name, missing in report.get("missing_words", {}).items():
        if missing:
            log.warning(
                "speech model %s lacks a word of these %s phrases, so they are not listened for: "
                "%s",
                model_path,
                name,
                "; ".join(f"{phrase} ({', '.join(words)})" for phrase, words in missing.items()),
            )


def filler_words() -> list[str]:
    """Return every filler word the line offers, from voice/speech/fillers.toml."""
    with open(resource_dir("voice") / "speech" / "fillers.toml", "rb") as file:
        lists = tomllib.load(file)
    return [word for words in lists.values() for word in str(words).split()]


def of_model(model: Any) -> Vocabulary:
    """Return what a loaded Vosk model knows, asking it word by word (vosk_model_find_word)."""

    def knows(word: str) -> bool:
        return bool(model.vosk_model_find_word(word) >= 0)

    return Vocabulary(
        unknown_word=knows(UNKNOWN),
        fillers=tuple(word for word in filler_words() if knows(word)),
    )


def of_words(words: frozenset[str] | None) -> Vocabulary:
    """Return what a model whose word list is `words` knows (None: no list was found)."""
    if words is None:
        return Vocabulary(unknown_word=None)
    return Vocabulary(
        unknown_word=UNKNOWN in words,
        fillers=tuple(word for word in filler_words() if word in words),
    )


def model_words(path: str | os.PathLike[str]) -> frozenset[str] | None:
    """Return the words of the model folder at `path` from its files, without loading it; None when
    it has no word list this can read."""
    folder = Path(path)
    for name in WORD_FILES:
        if (folder / name).is_file():
            return _cached_words(str(folder / name), (folder / name).stat().st_mtime_ns)
    for name in GRAPH_FILES:
        if (folder / name).is_file():
            return _cached_words(str(folder / name), (folder / name).stat().st_mtime_ns)
    return None


@functools.lru_cache(maxsize=4)
def _cached_words(file: str, _modified: int) -> frozenset[str] | None:
    try:
        if file.endswith(".txt"):
            with open(file, encoding="utf-8") as text:
                return frozenset(line.split()[0] for line in text if line.strip())
        with open(file, "rb") as binary:
            return _graph_words(binary)
    except (OSError, UnicodeDecodeError, struct.error, ValueError) as error:
        log.warning("could not read the words of %s: %s", file, error)
        return None


def _graph_words(file: BinaryIO) -> frozenset[str] | None:
    """Read the output symbol table an OpenFst binary file carries after its header (fst/fst.h)."""

    def integer(form: str) -> int:
        size = struct.calcsize(form)
        data = file.read(size)
        if len(data) != size:
            raise ValueError("the file ends inside its header")
        return int(struct.unpack(form, data)[0])

    def text() -> str:
        return file.read(integer("<i")).decode("utf-8")

    if integer("<i") != FST_MAGIC:
        raise ValueError("not an OpenFst file")
    text(), text()  # the FST type and the arc type
    integer("<i")  # version
    flags = integer("<i")
    file.read(8 + 8 + 8 + 8)  # properties, start state, state and arc counts
    words: frozenset[str] | None = None
    for flag in (HAS_INPUT_SYMBOLS, HAS_OUTPUT_SYMBOLS):
        if flags & flag:
            if integer("<i") != SYMBOLS_MAGIC:
                raise ValueError("a damaged symbol table")
            text()  # the table's name
            integer("<q")  # the next free key
            entries = integer("<q")
            symbols = []
            for _ in range(entries):
                symbols.append(text())
                integer("<q")
            words = frozenset(symbols)
    return words


def describe(model_path: str | os.PathLike[str], known: dict[str, Any]) -> tuple[int, str]:
    """Return the log level and line that say how a loaded model treats speech outside a phrase
    list."""
    if known.get("unknown_word"):
        return logging.INFO, f"speech model {model_path} has [unk]: stray speech matches no phrase"
    if known.get("fillers"):
        return logging.WARNING, (
            f"speech model {model_path} has no [unk]: a phrase is taken only when it beats "
            f"{known['fillers']} filler words"
        )
    return logging.WARNING, (
        f"speech model {model_path} has no [unk] and knows no filler words: any speech is forced "
        "onto the nearest phrase"
    )


class ModelReports:
    """What the workers said of their model at load, logged once and remembered for health pages."""

    def __init__(self, model_path: str | os.PathLike[str]) -> None:
        self.model_path = model_path
        self.known: dict[str, Any] | None = None
        self._logged_phrases: set[str] = set()
        self._lock = threading.Lock()

    def loaded(self, known: dict[str, Any] | None) -> None:
        """Remember a worker's report of its model; the first one goes to the log."""
        with self._lock:
            first, self.known = self.known is None, known or {}
        if first:
            log.log(*describe(self.model_path, self.known))

    def dropped(self, phrases: list[str]) -> None:
        """Log the phrases a worker left out of a phrase list, each once."""
        with self._lock:
            new = [phrase for phrase in phrases if phrase not in self._logged_phrases]
            self._logged_phrases.update(new)
        if new:
            log.warning(
                "speech model %s lacks a word of these phrases, so they are not listened for: %s",
                self.model_path,
                ", ".join(new),
            )
