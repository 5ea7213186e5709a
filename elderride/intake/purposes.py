"""Why the caller goes, said after where (a visit, an errand, an occasion, who waits): no part of
the place."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import english_words, people, tidy
from elderride.intake.vocabulary import words


def before_chinese_purpose(
    spoken: str, vocabulary: Mapping[str, Any], persons: Sequence[people.Person] = ()
) -> str:
    """Return Chinese `spoken` without why the caller goes, said after where ("儿子屋里去看孙子",
    "小芳那儿俺去看看外孙", "去南岸看我外孙"): 去 with a purpose word after it, or a visiting
    word with a relative after it, begins the errand, not the place."""
    goes = tidy.either(("去", "来"))
    purposes = tidy.either(vocabulary["purposes"])
    found = re.search(rf"(?:{goes})(?:{purposes})", spoken)
    went = found is not None and spoken[: found.start()].endswith(
        tuple(vocabulary["went_directions"])
    )
    if found is None:
        found = _visit_begins(spoken, vocabulary, persons)
    if found is None:
        return spoken
    # "丽娟叫我过去吃饭": 去 with a direction before it ("过去", "回去") is going over there, and
    # stays with where; the errand begins after it.
    before = spoken[: found.start() + 1 if went else found.start()]
    return before if tidy.strip_fillers(before, vocabulary["fillers"], "zh") else spoken


def _visit_begins(
    spoken: str, vocabulary: Mapping[str, Any], persons: Sequence[people.Person]
) -> re.Match[str] | None:
    """Return where a visit to a relative begins after the place ("南岸看我外孙", "医院陪老伴"),
    the place said after 去 or 到, or None."""
    visits = tidy.either(vocabulary["visit_verbs"])
    for found in re.finditer(rf"(?:{visits})(?:我的|我)?", spoken):
        before = tidy.strip_fillers(
            spoken[: found.start()],
            [*vocabulary["fillers"], *vocabulary["destination_markers"]],
            "zh",
        )
        if before and people.mentioned(spoken[found.end() :], "zh", persons):
            return found
    return None


def before_reported(
    spoken: str, vocabulary: Mapping[str, Any], family: Sequence[Mapping[str, Any]] = ()
) -> str:
    """Return Chinese `spoken` without what a relative asked the caller to do, said after where
    ("去儿子那里，他叫我去吃饭" is about the son's): the invitation is why, not where."""
    cuts = [spoken.find(phrase) for phrase in vocabulary["not_calls"] if phrase in spoken]
    before = spoken[: min(cuts)] if cuts else spoken
    # "送我去步步高 志强叫我去的": the one who asked, said last, is no place.
    if cuts:
        teller = people.someone("zh", tuple(people.others("zh", family)))
        whose = tidy.either(vocabulary["whose_words"])
        before = re.sub(rf"(?:{whose})?{teller}$", "", before)
    # "二嫚让我去人民医院看看 送我去": with no where said before it, the one who asks is no place,
    # and where they send the caller is where.
    if not tidy.has_phrase(before, vocabulary["place_markers"], "zh"):
        return spoken
    return before if tidy.strip_fillers(before, vocabulary["fillers"], "zh") else spoken


def without_purpose(
    spoken: str, vocabulary: Mapping[str, Any], places: Sequence[Mapping[str, Any]] = ()
) -> str:
    """Return English `spoken` without why the caller goes after where ("the care home to visit my
    brother"): the purpose is no part of the address, nor of a place's name ("stop and shop")."""
    verbs = tidy.either(vocabulary["purpose_verbs"])
    names = [
        tidy.english(name)
        for place in places
        for name in [place.get("label", ""), *(place.get("aliases") or ())]
    ]
    inside = tidy.spans(spoken, [name for name in names if name], "en")
    cuts = [
        match.start()
        for match in re.finditer(rf"(?<=\S) (?:to|and|so i can) (?:{verbs})\b", spoken)
        if not any(start <= match.start() < end for start, end in inside)
    ]
    cuts = sorted(
        [
            *cuts,
            *_occasion_after(spoken, vocabulary, inside),
            *_waiting_after(spoken),
            *_also_there_after(spoken),
        ]
    )
    where = spoken[: cuts[0]] if cuts else spoken
    # "Take me to see my son" names no place before the purpose: the purpose is where; "i don't
    # want to see the doctor" names none either, only a refusal.
    named = tidy.strip_fillers(where, vocabulary["fillers"], "en")
    refused = tidy.has_phrase(where, vocabulary["errand_negations"], "en")
    return where if named and not refused else spoken


def _waiting_after(spoken: str) -> list[int]:
    """Return where English `spoken` says, after something else, who waits for the caller ("home
    please my wife is waiting" -> the start of "my wife"): why they go, not where."""
    vocabulary = words("en")
    waiting = tidy.either(vocabulary["waiting_clauses"])
    owners = tidy.either(vocabulary["refused_after_not"])
    return [
        match.start()
        for match in tidy.compiled(
            rf"(?<=\S) (?:(?:{owners}) )?[\w]+(?:{waiting})(?![\w'])"
        ).finditer(spoken)
    ]


def _also_there_after(spoken: str) -> list[int]:
    """Return where English `spoken` says, after something else, who else goes there too ("take me
    to kroger linda goes there too" -> the start of "linda"): why the place is known, not where."""
    vocabulary = words("en")
    clauses = tidy.either(vocabulary["also_there_clauses"])
    ends = tidy.either(vocabulary["also_ends"])
    owners = tidy.either(vocabulary["refused_after_not"])
    return [
        match.start()
        for match in tidy.compiled(
            rf"(?<=\S) (?:(?:{owners}) )?[\w]+(?:{clauses}) (?:{ends})(?![\w'])"
        ).finditer(spoken)
    ]


def _occasion_after(
    spoken: str, vocabulary: Mapping[str, Any], names: Sequence[tuple[int, int]]
) -> list[int]:
    """Return where English `spoken` says what happens at the place it has just named, after "for"
    ("the temple for my husband's memorial service", "saint anne church for the funeral"): right
    after one of the place's `names` or a kind, and with no other place said after it ("the
    church for the funeral at old st john")."""
    occasions = tidy.either(vocabulary["occasions"])
    prepositions = vocabulary["location_prepositions"]
    return [
        found.start()
        for found in re.finditer(rf" for (?:[\w']+ ){{0,3}}(?:{occasions})(?![\w'])", spoken)
        if (
            any(end == found.start() for _, end in names)
            or english_words.says_a_kind(spoken[: found.start()].split()[-1])
        )
        and not tidy.has_phrase(spoken[found.end() :], prepositions, "en")
    ]
