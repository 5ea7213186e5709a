"""Building once at start-up what the intake parser builds on first use (word lists, dialect
tables, pinyin's segmenter), so that no caller's first turn waits for it."""

import functools
import importlib
import inspect
import pkgutil
import tomllib
from collections.abc import Callable, Iterator
from typing import Any

import elderride.intake
from elderride.intake.parser import parse
from elderride.resources import resource_dir


@functools.cache
def warm() -> None:
    """Build every table of the intake's modules and parse the turns of
    voice/intake/warm-up.toml in each language, once a process."""
    for table in _tables():
        table()
    with open(resource_dir("voice") / "intake" / "warm-up.toml", "rb") as file:
        samples = tomllib.load(file)
    # Tables of a language (its word lists, its dialect's) and whatever a reading builds first.
    for language, sample in samples.items():
        for turn in sample["turns"]:
            parse(
                turn,
                language=language,
                places=sample["places"],
                contacts=sample["contacts"],
                menu_size=len(sample["places"]),
            )


def _tables() -> Iterator[Callable[[], Any]]:
    """Yield each function of the intake's modules that builds a table once and keeps it (cached,
    of no arguments)."""
    for found in pkgutil.iter_modules(elderride.intake.__path__, "elderride.intake."):
        module = importlib.import_module(found.name)
        for value in vars(module).values():
            if (
                hasattr(value, "cache_info")
                and getattr(value, "__module__", None) == module.__name__
                and value is not warm
                and not inspect.signature(value).parameters
            ):
                yield value
