"""What the intake generators share: the development seniors they build lines from, each once,
the parse each line gets (the evaluation's), a sample and a draw that stay put, and Chinese names
spaced as Vosk writes them."""

import argparse
import dataclasses
import datetime
import json
import random
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from elderride.intake.evaluation import heard, load_seniors
from elderride.intake.intent import Intent

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "intake"
# The held-out sets of 2026-12-07, for a tool run by hand; each standing check names its own, so
# that a set added changes no check's sample or budgets unless the check is changed with it.
DEVELOPMENT = "defghijklmnopqrstuvwx"


def development_sets(letters: str = DEVELOPMENT, *, corpus: bool = False) -> list[Path]:
    """Return the places files of the held-out sets named by their letters, after the corpus's
    when `corpus` is set."""
    sets = [FIXTURES / f"heldout-set-{letter}" / "places.json" for letter in letters]
    return [FIXTURES / "places.json", *sets] if corpus else sets


def add_sets_option(parser: argparse.ArgumentParser, *, corpus: bool = False) -> None:
    """Add --sets, the places files a tool reads (by default today's held-out sets)."""
    parser.add_argument(
        "--sets",
        nargs="*",
        type=Path,
        default=development_sets(corpus=corpus),
        help="places files",
    )


@dataclasses.dataclass(frozen=True)
class Senior:
    """A development senior as a generator sees them: their set, name, details and the moment
    their set is spoken at."""

    where: str
    name: str
    details: Mapping[str, Any]
    now: datetime.datetime

    @property
    def key(self) -> str:
        """Return the senior's name and preset labels: what their draw and sample are keyed by."""
        return "|".join([self.name, *(place["label"] for place in self.places)])

    @property
    def places(self) -> list[Mapping[str, Any]]:
        return list(self.details.get("places") or [])

    @property
    def contacts(self) -> list[Mapping[str, Any]]:
        return list(self.details.get("contacts") or [])


def seniors(paths: Iterable[str | Path], language: str) -> list[Senior]:
    """Return the seniors of `language` in the places files, each once: the same presets and
    contacts in two sets are one senior, taken from the first."""
    found: dict[str, Senior] = {}
    for path in paths:
        now, everyone = load_seniors(path)
        for name, details in everyone.items():
            same = json.dumps([details["places"], details.get("contacts")], sort_keys=True)
            if details.get("language", "en") == language and same not in found:
                found[same] = Senior(Path(path).parent.name, name, details, now)
    return list(found.values())


def draw(senior: Senior, seed: int) -> random.Random:
    """Return the senior's own random generator, so that what another senior draws leaves theirs
    as it was."""
    return random.Random(f"{seed}|{senior.key}")


def sampled(senior: Senior, text: str, every: int, *, key: str | None = None) -> bool:
    """Tell whether a line is in the sample of about one in `every`: chosen by its text alone, so
    that a line added or dropped leaves whether every other line is parsed as it was; `key`, when
    given, names the senior in the hash instead of `senior.key`."""
    return zlib.crc32(f"{senior.key if key is None else key}|{text}".encode()) % every == 0


def understood(senior: Senior, text: str) -> Intent:
    """Return what the parser makes of `text` said on the senior's call, as the evaluation parses a
    labelled line."""
    return heard(text, senior.details, now=senior.now)


def place(senior: Senior, text: str) -> str | None:
    """Return the label of the preset the parser answers `text` with, or None."""
    intent = understood(senior, text)
    return intent.place.label if intent.place else None


def spaced(text: str) -> str:
    """Return `text` split into words of two characters, as Vosk writes what it has no word for."""
    return " ".join(text[index : index + 2] for index in range(0, len(text), 2))
