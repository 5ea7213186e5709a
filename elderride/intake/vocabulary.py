"""The intake parser's word lists, read from voice/intake/<language>.toml and its dialect lexicon
voice/intake/<language>-dialects.toml."""

import functools
import tomllib
from typing import Any

from elderride.languages import CODES
from elderride.resources import resource_dir


@functools.cache
def words(language: str) -> dict[str, Any]:
    """Return the word lists for `language`, with its dialect lexicon when it has one."""
    if language not in CODES:
        raise ValueError(f"unknown language {language!r}")
    folder = resource_dir("voice") / "intake"
    with open(folder / f"{language}.toml", "rb") as file:
        found = tomllib.load(file)
    if (folder / f"{language}-dialects.toml").is_file():
        with open(folder / f"{language}-dialects.toml", "rb") as file:
            found.update(tomllib.load(file))
    return found


def keyword_phrases(language: str) -> list[str]:
    """Return the words a keyed step listens for in `language` whatever the caller's places: yes,
    no, cancel, the ride, a person, family, "pardon?", "start over", numbers."""
    vocabulary = words(language)
    spoken = [
        word
        for key in (
            "yes",
            "yes_alone",
            "no",
            "cancel",
            "status",
            "operator",
            "family",
            "repeat",
            "repeat_alone",
            "menu",
            "menu_alone",
        )
        for word in vocabulary.get(key, ())
    ]
    return spoken + list(vocabulary.get("numbers", {}))
