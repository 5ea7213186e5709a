"""Streets an English caller says ("on western avenue") and whether they are a place's own."""

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from elderride.intake import english_scores, english_words, tidy
from elderride.intake.vocabulary import words


def streets(said: english_scores.Utterance) -> list[range]:
    """Return where a street is said after on, in, off, along... ("the walgreens on western
    avenue"): the positions of its naming words, without its street word."""
    street = set(words("en")["street_words"])
    before = set(words("en")["street_prepositions"])
    found = []
    for index, token in enumerate(said.tokens):
        if token not in street:
            continue
        start = index
        # "on twelfth avenue oak street": a street word ends the street before, and the one said
        # after it without a preposition is its corner.
        while (
            start > 0 and said.said[start - 1] is not None and said.tokens[start - 1] not in street
        ):
            start -= 1
        lead = said.tokens[start - 1 : start]
        if lead == ["the"] and start > 1:
            lead = said.tokens[start - 2 : start - 1]
        if start < index and set(lead) & before:
            found.append(range(start, index))
    return found


def on_another_street(
    said: english_scores.Utterance,
    place: Mapping[str, Any],
    place_words: AbstractSet[int] = frozenset(),
) -> bool:
    """Tell whether a street said is not the place's own: "the walgreens on western avenue" is
    another branch, "the hospital on summit avenue" not the one on Summit Drive."""
    # A street may be in the place's name too ("Park Lane Surgery").
    own = [
        english_words.word(token)
        for phrase in [place.get("address"), *english_scores.profile(place).phrases]
        for token in tidy.english(phrase).split()
    ]
    for span in streets(said):
        kind = english_words.word(said.tokens[span.stop]).keys
        if not any(kind & item.keys for item in own):
            return True
        for index in span:
            spoken = said.said[index]
            if index not in place_words and not any(
                spoken is not None and item.text == spoken.text for item in own
            ):
                return True
    return False


def own_street_word(token: str, place: english_scores.Profile) -> bool:
    """Tell whether a street word said ("road", "rd") is one of the place's address or names."""
    own = [
        english_words.word(item)
        for phrase in [place.place.get("address"), *place.phrases]
        for item in tidy.english(phrase).split()
    ]
    return any(english_words.word(token).keys & item.keys for item in own)
