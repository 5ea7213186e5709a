"""Where a name made only of numbers ("7-Eleven", "7-11") is heard as that place: said as words
("seven eleven") it is as often a time, a bus or another shop of the chain, so it is heard only
where a careful operator would hear a place."""

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import english_scores, english_words, numbers, pickups, tidy
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]
# How many words after "on" or "at" may say the place's street ("seven eleven on the west side of
# peachtree" is too far).
LOCATION_REACH = 2


@functools.cache
def _not_after() -> frozenset[str]:
    """Return the words that, said right after the numbers, make them another thing's: a kind, a
    street or a numbered thing ("the seven eleven bus stop", "seven eleven main street")."""
    vocabulary = words("en")
    return frozenset(
        {
            *vocabulary["kinds"],
            *vocabulary["street_words"],
            *vocabulary["number_names"],
            *vocabulary["another_of_kind"],
            *vocabulary["numbered_name_not_after"],
        }
        - set(vocabulary["kind_heads"])
    )


def _numbers_only(phrase: str) -> tuple[frozenset[str], ...] | None:
    """Return the readings of each number in `phrase` when it holds nothing but numbers, else
    None."""
    tokens = english_words.titled(phrase.split())
    runs = numbers.spoken_numbers(tokens)
    if not runs or sum(end - start for start, end, _ in runs) != len(tokens):
        return None
    return tuple(readings for _, _, readings in runs)


def _ends_with(said: str, phrases: Sequence[str]) -> bool:
    """Tell whether `said` ends on one of `phrases` as whole words."""
    return any(said == phrase or said.endswith(" " + phrase) for phrase in phrases)


def _heard_at(
    tokens: list[str], start: int, end: int, *, other_named: bool, streets: frozenset[str]
) -> bool:
    """Tell whether the numbers at tokens[start:end] are heard as the place: right after "the" or
    "my", after "to" when no other place was named, or followed by where the place is ("seven
    eleven on west peachtree"), and followed by no word naming another."""
    vocabulary = words("en")
    if end < len(tokens) and tokens[end] in _not_after():
        return False
    if _on_its_street(tokens, end, streets):
        return True
    before = " ".join(tokens[:start])
    if _ends_with(before, vocabulary["numbered_name_articles"]):
        return True
    return _ends_with(before, vocabulary["numbered_name_markers"]) and not other_named


def _on_its_street(tokens: list[str], end: int, streets: frozenset[str]) -> bool:
    """Tell whether the words after tokens[:end] say the place is on its own street ("on west
    peachtree"): a time is never said so."""
    return bool(
        tokens[end : end + 1]
        and tokens[end] in words("en")["location_prepositions"]
        and set(tokens[end + 1 : end + 1 + LOCATION_REACH]) & streets
    )


def _said_as_place(
    spoken: str, runs: tuple[frozenset[str], ...], others: Sequence[str], place: Place
) -> bool:
    """Tell whether the numbers `runs` of `place`'s name are said in `spoken` (tidied) where a place
    is named."""
    streets = frozenset(word.text for word in english_scores.profile(place).address_words)
    tokens = english_words.titled(spoken.split())
    said = numbers.spoken_numbers(tokens)
    for first in range(len(said) - len(runs) + 1):
        found = said[first : first + len(runs)]
        contiguous = all(found[i][1] == found[i + 1][0] for i in range(len(found) - 1))
        if contiguous and tuple(values for _, _, values in found) == runs:
            start = found[0][0]
            if _heard_at(
                tokens,
                start,
                found[-1][1],
                other_named=_named_before(tokens[:start], others),
                streets=streets,
            ):
                return True
    return False


def _named_before(tokens: list[str], others: Sequence[str]) -> bool:
    """Tell whether another place is named in `tokens` (what was said before the numbers) as
    where to go: one named where they say they are ("from grady to seven eleven", "i'm at kroger
    take me to seven eleven") is not."""
    vocabulary = words("en")
    # Where they are, as the parser reads it ("i'm at kroger take me to ..."), is not where to.
    said = " ".join(tokens)
    if found := pickups.pickup_said(said, vocabulary):
        tokens = (said[: found.start()] + " " + said[found.end() :]).split()
    markers = {marker for marker in vocabulary["pickup_markers"] if " " not in marker}
    pickup = [index for index, token in enumerate(tokens) if token in markers]
    before = " ".join(tokens[: pickup[-1]] if pickup else tokens)
    return any(english_scores.phrase_score(before, other) >= 1.0 for other in others)


def heard(spoken: str, places: Sequence[Place]) -> list[Place]:
    """Return the places without the names made only of numbers that `spoken` (tidied English)
    does not say as a place ("pick me up seven eleven" says a time), each noted in the place's
    "unheard_names" so that its label too is not listened for."""
    found: list[Place] = []
    names = {
        id(place): [tidy.english(name) for name in [place["label"], *(place.get("aliases") or ())]]
        for place in places
    }
    for place in places:
        others = [
            name
            for other in places
            if other is not place
            for name in names[id(other)]
            if name and _numbers_only(name) is None
        ]
        unheard = [
            name
            for name in names[id(place)]
            if name
            and (runs := _numbers_only(name)) is not None
            and not _said_as_place(spoken, runs, others, place)
        ]
        found.append({**place, "unheard_names": unheard} if unheard else place)
    return found


def on_its_street(spoken: str, places: Sequence[Place]) -> list[str]:
    """Return the names made only of numbers (tidied) that `spoken` (tidied English) says with
    their place's own street after them ("seven eleven on west peachtree"): no time, wherever
    said."""
    tokens = english_words.titled(spoken.split())
    said = numbers.spoken_numbers(tokens)
    found = []
    for place in places:
        streets = frozenset(word.text for word in english_scores.profile(place).address_words)
        for name in [
            tidy.english(name) for name in [place["label"], *(place.get("aliases") or ())]
        ]:
            runs = _numbers_only(name) if name else None
            if runs is None:
                continue
            for first in range(len(said) - len(runs) + 1):
                run = said[first : first + len(runs)]
                if tuple(values for _, _, values in run) == runs and _on_its_street(
                    tokens, run[-1][1], streets
                ):
                    found.append(name)
    return found


# A word is run together with a number only past a short stem: "tennis" is no "ten nis".
RUN_ON_MIN = 3


def said_apart(places: Sequence[Place]) -> list[str]:
    """Return each name word of the places that begins with a number word run into a word
    ("ninewells", "sevenoaks"), as a caller is heard saying it apart ("nine wells"): no time,
    wherever said ("an appointment up at nine wells at quarter past eleven")."""
    counted = sorted(words("en")["numbers"], key=len, reverse=True)
    found = []
    for place in places:
        for name in [place["label"], *(place.get("aliases") or ())]:
            for token in tidy.english(name).split():
                number = next((item for item in counted if token.startswith(item)), None)
                rest = token[len(number) :] if number else ""
                if number and len(rest) >= RUN_ON_MIN and rest.isalpha():
                    found.append(f"{number} {rest}")
    return found
