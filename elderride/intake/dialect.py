"""Reading a Chinese caller's dialect the Mandarin way (俺 -> 我, 屋头 -> 家, 上医院 -> 去医院)
before any rule of the intake reads what they said."""

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from elderride.intake import chinese_places, people, tidy
from elderride.intake.vocabulary import words


@functools.cache
def _table() -> dict[str, str]:
    """Return each dialect word of voice/intake/zh-dialects.toml with its Mandarin, a go verb (上,
    克) only after the words that may come before it."""
    vocabulary = words("zh")
    table = dict(vocabulary.get("dialect_words", {}))
    for verb, standard in vocabulary.get("dialect_verbs", {}).items():
        for before in vocabulary.get("dialect_verbs_after", ()):
            # "俺上" is 我去: the word before is read as Mandarin too.
            said = "" if before == "^" else tidy.standard_words(before, table)
            table[before + verb] = said + standard
    return table


def standard(
    spoken: str, places: Iterable[Mapping[str, Any]], contacts: Iterable[Mapping[str, Any]]
) -> str:
    """Return tidied Chinese `spoken` with its dialect words said in Mandarin, leaving the
    senior's own place and people names as they are."""
    names = [name for place in places for name in chinese_places.names(place)]
    names += [name for person in people.people(contacts) for name in person.names]
    return tidy.standard_words(spoken, _table(), words("zh").get("dialect_kept", ()), names)
