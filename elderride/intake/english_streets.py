"""Streets an English caller says ("on western avenue") and whether they are a place's own."""

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from elderride.intake import english_scores, english_words, numbers, tidy
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
        if start == index and index and said.tokens[index - 1] in street:
            # "on grove road", "on court street": a street word right before another names it.
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
        for token in english_words.titled(tidy.english(phrase).split())
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


def _own_number_before(
    said: english_scores.Utterance, street_at: int, profile: english_scores.Profile
) -> int | None:
    """Return where the place's own street number, said right before the street word at
    `street_at` ("fourteenth street", "fourteen street"), starts, or None."""
    if street_at < 1:
        return None
    found = re.fullmatch(
        r"(\d+)(?:st|nd|rd|th)", english_words.word(said.tokens[street_at - 1]).text
    )
    if found and found.group(1) in profile.street_numbers:
        return street_at - 1
    for start, end, _ in said.numbers:
        if end != street_at:
            continue
        # "one fourteen street" is read as 114 too: the street's number may end a longer run.
        for first in range(end - 1, start - 1, -1):
            runs = numbers.spoken_numbers(said.tokens[first:end])
            if runs and runs[0][:2] == (0, end - first) and runs[0][2] & profile.street_numbers:
                return first
    return None


def _own_quadrant(token: str, address: AbstractSet[str]) -> bool:
    """Tell whether `token` is the city quadrant written in the address ("northwest" for NW)."""
    quadrants = words("en")["quadrants"]
    return token in address or quadrants.get(token) in address


def _other_house_before(
    said: english_scores.Utterance, first: int, profile: english_scores.Profile
) -> bool:
    """Tell whether a house number said right before the numbered street starting at `first` is
    another than the place's own ("ten fourteen street"; "four twelve fourteenth street" is 412's
    own)."""
    own = profile.address_numbers - profile.street_numbers
    for start, end, _ in said.numbers:
        if start < first <= end:
            house = numbers.spoken_numbers(said.tokens[start:first])
            if not (house and house[0][:2] == (0, first - start) and house[0][2] & own):
                return True
    return False


def numbered_street_elsewhere(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether the place's numbered street or a street of its house number, said, is not
    where the place is: another end of it ("east fourteenth street" for West 14th Street), a house
    number on it ("ten fourteen street"), where something else is ("the seven eleven on
    fourteenth street", "the fourteen street kroger"), or another street word ("three ten east ten
    avenue" for 310 East 10th Street)."""
    vocabulary = words("en")
    street = set(vocabulary["street_words"])
    compass = set(vocabulary["compass_points"])
    profile = entry.profile
    address = set(tidy.english(profile.place.get("address") or "").split())
    in_numbers = {index for start, end, _ in said.numbers for index in range(start, end)}
    place_words = entry.name_hits | entry.address_hits
    for index, token in enumerate(said.tokens):
        if token not in street:
            continue
        if (
            entry.number_hit
            and (index - 1 in in_numbers or index - 1 in entry.address_hits)
            and index not in place_words
            and not own_street_word(token, profile)
        ):
            return True
        first = _own_number_before(said, index, profile)
        if first is None or entry.name_hits - set(range(first, index + 1)):
            continue  # no numbered street of its own, or named by more than its street
        lead = said.tokens[first - 1] if first else ""
        if lead in compass and lead not in address:
            return True
        if _other_house_before(said, first, profile):
            return True
        # What else is said: a name after the street, or before the on, at or along it; the
        # address's own quadrant ("northwest" of 14th Street NW) is no other name.
        if any(
            said.said[after] is not None and not _own_quadrant(said.tokens[after], address)
            for after in range(index + 1, len(said.tokens))
        ):
            return True
        before = first - 1
        if before >= 0 and said.tokens[before] == "the":
            before -= 1
        if before >= 1 and said.tokens[before] in vocabulary["street_prepositions"]:
            if said.said[before - 1] is not None or before - 1 in in_numbers:
                return True
    return False
