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
