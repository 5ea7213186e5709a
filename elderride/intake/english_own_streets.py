"""A preset an English caller names by the street its address is on ("the house on northwest
thirty fourth", "the big store on gateway road for groceries")."""

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from rapidfuzz import fuzz

from elderride.intake import english_kinds, english_scores, english_words, tidy
from elderride.intake.vocabulary import words

# A compound's end ("store" of "superstore") is a word of its own, not a stub of a few letters.
COMPOUND_END_MIN = 4


def _street_of(address: str) -> tuple[str | None, list[str], str] | None:
    """Return (direction, naming words, street word) of the street an address is on ("2316 NW 34th
    Street" -> ("nw", ["34th"], "street")), or None when it names no street."""
    vocabulary = words("en")
    directions = vocabulary["street_directions"]
    for part in address.split(","):
        tokens = [token for token in tidy.english(part).split() if not token.isdigit()]
        if len(tokens) < 2 or tokens[-1] not in vocabulary["street_words"]:
            continue
        direction = None
        if len(tokens) > 2 and (tokens[0] in directions or tokens[0] in directions.values()):
            direction = directions.get(tokens[0], tokens[0])
        naming = tokens[1 if direction else 0 : -1]
        return (direction, naming, tokens[-1]) if naming else None
    return None


def _same(spoken: str, written: str) -> bool:
    """Tell whether a word said is one written in the address ("rd" of Road, "34th" of "thirty
    fourth")."""
    return bool(english_words.word(spoken).keys & english_words.word(written).keys)


def _names(said: list[str], naming: list[str]) -> bool:
    """Tell whether `said` begins with the street's naming words."""
    return len(said) >= len(naming) and all(map(_same, said, naming))


def _street_end(tokens: list[str], start: int, address: str) -> int | None:
    """Return where the place's own street, said from `start` ("northwest 34th", "duval street"),
    ends, or None when what is said there is not it."""
    street = _street_of(address)
    if street is None:
        return None
    direction, naming, street_word = street
    said = list(tokens[start:])
    if said[:1] == ["the"]:
        said, start = said[1:], start + 1
    directions = words("en")["street_directions"]
    if said and not _names(said, naming):
        # "northwest 34th" of NW 34th Street: a direction said must be the address's own.
        if direction is None or directions.get(said[0], said[0]) != direction:
            return None
        said, start = said[1:], start + 1
    if not _names(said, naming):
        return None
    end = start + len(naming)
    if end < len(tokens) and _same(tokens[end], street_word):
        end += 1
    return end


def by_own_street(spoken: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place named by the street its address is on, with its own kind or names or a
    word of no kind before ("the house on northwest thirty fourth", "the big store on gateway road
    for groceries"), or None: another named thing there ("the walmart on northwest expressway") or
    a house number on it is not the place."""
    vocabulary = words("en")
    tokens = english_words.joined_ordinals(spoken).split()
    generic = set(vocabulary["street_generic_kinds"])
    found: list[Mapping[str, Any]] = []
    for lead in vocabulary["own_street_leads"]:
        size = len(lead.split())
        for at in range(1, len(tokens) - size + 1):
            if " ".join(tokens[at : at + size]) != lead:
                continue
            before = at
            while before and (
                english_words.is_content(tokens[before - 1]) or tokens[before - 1] in generic
            ):
                before -= 1
            named = tokens[before:at]
            if not named or any(english_words.is_number(token) for token in named):
                continue
            for place in places:
                end = _street_end(tokens, at + size, place.get("address") or "")
                if end is None or (
                    end < len(tokens) and tokens[end] not in vocabulary["street_clause_starts"]
                ):
                    continue
                owner = tokens[before - 1 : before]
                if _named_so(owner, named, place, generic) and place not in found:
                    found.append(place)
    return found[0] if len(found) == 1 else None


def _named_so(
    owner: list[str], named: list[str], place: Mapping[str, Any], generic: AbstractSet[str]
) -> bool:
    """Tell whether the words said before the street (after `owner`, the word before) are the
    place's: its names (a slip allowed, "food line" of Food Lion), or words of no kind, and any kind
    said one of its own ("my place" is a home; "his place" someone else's)."""
    vocabulary = words("en")
    said = [*owner, *named]
    if set(owner) & set(vocabulary["owner_words"]) and not tidy.has_phrase(
        " ".join(said), vocabulary["home_words"], "en"
    ):
        return False
    profile = english_scores.profile(place)
    # The words said are one of its names, heard as it is or with a slip ("food line", "home
    # land"): a name said inside more words ("the eye clinic" of "clinic") is another place.
    said_together = english_scores.squashed(tidy.english(" ".join(named)))
    if any(
        fuzz.ratio(said_together, english_scores.squashed(tidy.english(name))) / 100
        >= english_scores.NEAR_MISS
        for name in profile.phrases
    ):
        return True
    own = [
        english_words.word(token)
        for name in profile.phrases
        for token in tidy.english(name).split()
    ]
    compounds = set()
    for token in named:
        spoken = english_words.word(token)
        if any(spoken.keys & item.keys for item in own):
            continue
        # "store" of Superstore: the end of a compound name of its own is its word too.
        if len(token) >= COMPOUND_END_MIN and any(item.text.endswith(token) for item in own):
            compounds.add(token)
        elif token not in generic:
            return False
    # "my place" is home, "the house" a home: a kind said must be one of the place's.
    kinds = [token for token in said if token not in compounds]
    return english_kinds.kinds_agree(english_scores.utterance(" ".join(kinds)), place)
