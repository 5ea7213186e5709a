"""The intake parser's word lists, read from voice/intake/<language>.toml."""

import functools
import tomllib
from typing import Any

from elderride.languages import CODES
from elderride.resources import resource_dir


@functools.cache
def words(language: str) -> dict[str, Any]:
    """Return the word lists for `language`."""
    if language not in CODES:
        raise ValueError(f"unknown language {language!r}")
    with open(resource_dir("voice") / "intake" / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


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
