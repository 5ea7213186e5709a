"""The phrases a keyed step gives the recognizer whatever the caller's places: its answers, in the
words of voice/intake/<language>.toml and in those of its dialect lexicon."""

import functools
from collections.abc import Mapping

from elderride.intake import dialects
from elderride.intake.intent import Kind
from elderride.intake.vocabulary import words

# The word lists a keyed step listens for, by the intent the parser reads each phrase of them as.
LISTS: Mapping[Kind, tuple[str, ...]] = {
    "yes": ("yes", "yes_alone"),
    "no": ("no",),
    "cancel": ("cancel",),
    "status": ("status",),
    "operator": ("operator",),
    "family": ("family",),
    "repeat": ("repeat", "repeat_alone"),
    "menu": ("menu", "menu_alone"),
}


@functools.cache
def keywords(language: str) -> Mapping[Kind, tuple[str, ...]]:
    """Return the answers a keyed step listens for in `language` by the intent each says: the word
    lists' phrases, then each dialect phrase the parser reads as one of them ("ayuh", 伐要)."""
    vocabulary = words(language)
    found: dict[Kind, tuple[str, ...]] = {}
    for kind, keys in LISTS.items():
        standard = [phrase for key in keys for phrase in vocabulary.get(key, ())]
        # A caller who says "ayuh" must be heard saying it: without the phrase, the recognizer
        # forces it onto another one or hears nothing, though the parser reads it as "yes".
        found[kind] = tuple(dict.fromkeys([*standard, *dialects.regional(language, standard)]))
    return found


def keyword_phrases(language: str) -> list[str]:
    """Return the words a keyed step listens for in `language` whatever the caller's places: yes,
    no, cancel, the ride, a person, family, "pardon?", "start over" (each in dialect too),
    numbers."""
    spoken = [phrase for phrases in keywords(language).values() for phrase in phrases]
    return list(dict.fromkeys([*spoken, *words(language).get("numbers", {})]))
