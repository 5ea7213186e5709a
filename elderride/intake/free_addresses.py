"""A free address a caller says, and the words that tell it names somewhere or another kind of
place."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_names,
    chinese_streets,
    english_scores,
    english_words,
    numbers,
    people,
    tidy,
    times,
)
from elderride.intake.vocabulary import words

# A place said alone is named in a few words ("the mater hospital", "st luke's").
PLACE_NAME_WORDS_MAX = 3


def free_address(
    spoken: str, vocabulary: Mapping[str, Any], language: str, *, where: bool = False
) -> str | None:
    """Return the free address after a destination word ("to 55 Harbor Street"), or None; with
    `where`, all of `spoken` says where (a purpose followed it), marker or not."""
    fillers = vocabulary["fillers"]
    if language == "zh":
        for marker in sorted(vocabulary["destination_markers"], key=len, reverse=True):
            index = spoken.rfind(marker)
            if index >= 0:
                rest = tidy.strip_fillers(spoken[index + len(marker) :], fillers, language)
                # "不是去那块": "there" alone says no address.
                pointing = [*vocabulary["areas"], *vocabulary["pointers"]]
                if len(rest) >= 2 and tidy.strip_fillers(rest, pointing, language):
                    return rest
        # "解放路一百二十号" with no 去 before it: a road and its house number say where.
        if chinese_streets.house_numbers(spoken) or _placed_on_a_road(spoken, vocabulary):
            return tidy.strip_fillers(spoken, fillers, language) or None
        return None
    street = numbers.house_address(spoken)
    if street:
        return street
    for marker in sorted(vocabulary["destination_markers"], key=len, reverse=True):
        matches = list(tidy.whole(marker).finditer(spoken))
        if matches:
            rest = tidy.strip_fillers(spoken[matches[-1].end() :].strip(), fillers, language)
            ends_on_an_object = (
                rest.split()[-1:] and rest.split()[-1] in vocabulary["address_never_ends"]
            )
            if (
                rest
                and rest not in fillers
                and says_somewhere(rest, vocabulary)
                and not ends_on_an_object
            ):
                return rest
    if where and says_somewhere(spoken, vocabulary):
        return tidy.strip_fillers(spoken, fillers, language) or None
    return None


def _placed_on_a_road(spoken: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether Chinese `spoken` says a place and then 在 the road it is on ("银座在济南泉城路
    那个"): that says where, as 去 would; a person 在 a road ("我在人民路", "女儿在解放路上班",
    "老周在人民路") is only where someone is."""
    before, found, after = spoken.partition("在")
    if not found or len(before) < 2 or not chinese_streets.STREET.search(after):
        return False
    persons = [*vocabulary["callers"], *vocabulary["others"], *people.relation_words_all("zh")]
    fond = tidy.either(vocabulary["fond_prefixes"])
    # "医院在解放路吗" asks where a place is, and asks for no ride there.
    return not (
        tidy.has_phrase(before, persons, "zh")
        or tidy.has_phrase(after, vocabulary["questions"], "zh")
        or re.fullmatch(rf"(?:{fond})[\u4e00-\u9fff]", before) is not None
    )


def says_somewhere(words_said: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether English `words_said` hold a word that could name a place: "do the", "i have"
    (all that is left of "i have to collect my prescriptions") and "her i says" name none."""
    empty = {
        *vocabulary["function_words"],
        *vocabulary["fillers"],
        *vocabulary["purpose_verbs"],
        *vocabulary["no_place_words"],
    }
    return any(word not in empty for word in words_said.split())


def names_a_kind(spoken: str, language: str, places: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether Chinese `spoken` says a kind of place of two characters or more (卫生院),
    another than the places by a short form (市一院 when no place's name has 一), or a temple by a
    name of its own (东林寺)."""
    return language == "zh" and (
        any(len(kind) > 1 and kind in spoken for kind in words("zh")["kinds"])
        or chinese_names.another_by_short_form(spoken, places)
        or _named_temple(spoken)
    )


def _named_temple(spoken: str) -> bool:
    """Tell whether Chinese `spoken` says a one-character kind (寺, 庙) with a name of two
    characters or more right before it ("东林寺"), not only where the caller goes ("去庙里")."""
    vocabulary = words("zh")
    boundaries = tidy.either(
        [
            *vocabulary["fillers"],
            *vocabulary["pointers"],
            *vocabulary["place_verbs"],
            *vocabulary["destination_markers"],
            *vocabulary["callers"],
            "在",
        ]
    )
    kinds = tidy.either([kind for kind in vocabulary["named_kinds"] if len(kind) == 1])
    return any(
        len(re.split(boundaries, found.group(1))[-1]) >= 2
        for found in tidy.compiled(rf"([\u4e00-\u9fff]{{2,4}})(?:{kinds})").finditer(spoken)
    )


def place_said_alone(
    spoken: str,
    vocabulary: Mapping[str, Any],
    places: Sequence[Mapping[str, Any]],
    persons: Sequence[people.Person],
) -> str | None:
    """Return English `spoken` when all it says is a place and where it is, with no verb ("the
    market in brixton please", "woolies at castletown"): the words before the preposition end on
    a place's word, and those after it name somewhere."""
    tokens = tidy.strip_fillers(spoken, vocabulary["fillers"], "en").split()
    prepositions = set(vocabulary["location_prepositions"])
    for index, token in enumerate(tokens):
        if token in prepositions and index:
            head = (
                tokens[: index - 1]
                if tokens[index - 1] in vocabulary["location_directions"]
                else tokens[:index]
            )
            if _names_a_place(head, vocabulary, places, persons) and _names_where(
                tokens[index + 1 :], vocabulary
            ):
                return " ".join(tokens)
    return None


def _names_a_place(
    head: list[str],
    vocabulary: Mapping[str, Any],
    places: Sequence[Mapping[str, Any]],
    persons: Sequence[people.Person],
) -> bool:
    """Tell whether English `head` ("the mater hospital", "shane's place", "the va") is a place's
    name of a few words: a kind, a home, a possessive of no one the caller knows, or a preset's
    word last."""
    named = head[1:] if head[:1] and head[0] in vocabulary["whose_words"] else head
    if not named or len(named) > PLACE_NAME_WORDS_MAX:
        return False
    # "place" is a filler alone, and names one last ("shane's place").
    if any(not english_words.is_content(token) for token in named[:-1]):
        return False
    last = english_words.word(named[-1])
    homes = {*vocabulary["owned_homes"], *vocabulary["place_nouns"], *vocabulary["sights"]}
    if last.possessive:
        # "my daughter's in nampa", "shane's at the club": a person is there, no place is named.
        return not people.mentioned(last.text, "en", persons) and not people.mentioned(
            last.text, "en", ()
        )
    return (
        english_words.says_a_kind(last.text)
        or last.text in homes
        or any(english_scores.profile(place).has(last) for place in places)
    )


def _names_where(tail: list[str], vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether English `tail`, the words after a place's preposition, name a town or district
    ("brixton", "salt lake city"), not a time, a part of the place or nowhere in particular."""
    said = " ".join(tail)
    nowhere = {
        *vocabulary["placeless"],
        *vocabulary["function_words"],
        *vocabulary["location_ends"],
    }
    return (
        0 < len(tail) <= PLACE_NAME_WORDS_MAX + 1
        # "the market in brixton on the news" says where something was heard.
        and not set(tail)
        & {
            *vocabulary["location_ends"],
            *vocabulary["owner_words"],
            *vocabulary["location_prepositions"],
            *vocabulary["location_directions"],
            "a",
            "an",
        }
        and any(token not in nowhere for token in tail)
        and not tidy.has_phrase(said, vocabulary["place_parts"], "en")
        and times.parse(said, "en")[0] is None
    )
