"""A preset's foreign name that a recognizer wrote as English words sounding alike ("twin fat" for
Thuan Phat), found by its consonants: the last way an English caller's place is found."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import english_words, tidy
from elderride.intake.sounds import Respelling
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]
# A name of fewer consonants than this sounds like too many things said ("tn" is "tin", "town").
CONSONANTS_MIN = 4
# A name of one word is an English word as often as not ("bean" of Bean's Bakery): two at least.
NAME_WORDS_MIN = 2


def consonants(text: str) -> str:
    """Return the consonants English-written `text` is heard by, in order and without repeats
    ("thuan phat" -> "tnft", "twin fat" -> "tnft")."""
    said = text.lower()
    for written, sound in words("en")["spelled_sounds"].items():
        said = said.replace(written, sound)
    said = re.sub(r"[^a-z]|[aeiouyhw]", "", said)
    return re.sub(r"(.)\1+", r"\1", said)


def _distinctive(place: Place) -> list[str]:
    """Return the names of `place`, tidied, without kind and street words, that hold two words or
    more ("thuan phat" of Thuan Phat Supermarket)."""
    street = set(words("en")["street_words"])
    found = []
    for name in [place["label"], *(place.get("aliases") or ())]:
        kept = [
            token
            for token in tidy.english(name).split()
            if english_words.is_content(token)
            and not english_words.says_a_kind(token)
            and token not in street
        ]
        if len(kept) >= NAME_WORDS_MIN and len(consonants(" ".join(kept))) >= CONSONANTS_MIN:
            found.append(" ".join(kept))
    return found


def _whole_destination(tokens: Sequence[str], start: int, end: int) -> bool:
    """Return whether the words around `tokens[start:end]` only ask to go there ("take me to _
    please"), so that nothing else in the turn could be the name they sound like."""
    frame = words("en")["sound_alike_frame"]
    lead, tail = tokens[:start], tokens[end:]
    return (
        all(token in frame["leads"] for token in lead)
        and (not lead or lead[-1] in frame["lead_ends"])
        and all(token in frame["ends"] for token in tail)
    )


def respelled(text: str, places: Sequence[Place]) -> Respelling | None:
    """Return English `text` (tidied) with the one preset name it says by sound, as the whole place
    asked for, written that preset's way ("go to twin fat please" -> "go to thuan phat please"), or
    None when it says none or several."""
    tokens = text.split()
    # Only words no preset's names hold are heard again: a name said as written was read already.
    known = {
        token
        for place in places
        for name in [place["label"], *(place.get("aliases") or ())]
        for token in tidy.english(name).split()
    }
    found = []
    for place in places:
        for name in _distinctive(place):
            sound = consonants(name)
            size = len(name.split())
            for width in (size - 1, size, size + 1):
                for start in range(len(tokens) - width + 1):
                    window = tokens[start : start + width]
                    if (
                        width
                        and all(
                            english_words.is_content(token)
                            and not english_words.says_a_kind(token)
                            and not english_words.is_number(token)
                            and token not in known
                            for token in window
                        )
                        and consonants(" ".join(window)) == sound
                        and consonants(window[0])[:1] == sound[:1]
                        and _whole_destination(tokens, start, start + width)
                    ):
                        found.append((place, name, start, start + width))
    if len({id(place) for place, _, _, _ in found}) != 1:
        return None
    place, name, start, end = found[0]
    return Respelling(" ".join([*tokens[:start], name, *tokens[end:]]), place)
