"""The intake parser's word lists, read from voice/intake/<language>.toml."""

import functools
import tomllib

from elderride.resources import resource_dir

LANGUAGES = ("en", "zh")


@functools.cache
def words(language):
    """Return the word lists for `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    with open(resource_dir("voice") / "intake" / f"{language}.toml", "rb") as file:
        return tomllib.load(file)
