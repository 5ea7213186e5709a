"""Who goes with whom: a caller who takes another person, goes along with them or asks a ride for
both rides too ("i need to take my husband to the hospital", "我送他去", "给我们叫个车")."""

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import people, tidy
from elderride.intake.vocabulary import words


@functools.lru_cache(maxsize=1024)
def _patterns(language: str, persons: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of the caller taking one of `persons` ("i need to take my husband",
    "我送老伴去") and of the caller going along on whatever trip was told ("i'll take him", "i'm
    going too", "给我们叫个车"), compiled once for each senior's people (tried on every turn)."""
    vocabulary = words(language)
    caller, taking = _caller(language), _taking(language)
    along = vocabulary.get("caller_tags_along", ())
    # "i'll take him", "我送他去": one of [others] points back at whoever's trip was told; a named
    # person is taken on their own trip ("i have to take our grandson to school").
    told = f"{taking}(?:{tidy.either(vocabulary['others'])}){_edge(language)}{_onward(language)}"
    goes = f"{told}|(?:{tidy.either(along)}){_edge(language)}" if along else told
    person = people.someone(language, persons)
    takes = f"{caller}{taking}{person}{_edge(language)}{_onward(language)}"
    return tidy.compiled(takes), tidy.compiled(f"{caller}(?:{goes})|{_ride_for_us(language)}")


def _edge(language: str) -> str:
    """Return the end of an English word; Chinese words have none."""
    return "" if language == "zh" else r"(?![\w'])"


def _caller(language: str) -> str:
    """Return a pattern for the caller as who does it: one of [callers], then what they must or
    mean to do ("i need to", "i've got to", "we'll", "我得", "我们开车")."""
    vocabulary = words(language)
    # Chinese has no spaces between words, nor edges to them; its 我 is no one who takes when the
    # line is asked to do it for them ("帮我送他去").
    gap, start = (
        ("", "".join(f"(?<!{re.escape(word)})" for word in vocabulary["for_others"]))
        if language == "zh"
        else (" ", r"(?<![\w'])")
    )
    means = tidy.either(vocabulary["caller_means"])
    # "i'll", "i've": an English caller's contraction runs on without a space.
    contracted = f"(?:{tidy.either(vocabulary.get('caller_contractions', ()))})?"
    return rf"{start}(?:{tidy.either(vocabulary['callers'])}){contracted}(?:{gap}(?:{means}))*{gap}"


def _taking(language: str) -> str:
    """Return a pattern for a verb that takes a person along and whose they are ("take my", "come
    with", "送", "带着我")."""
    vocabulary = words(language)
    gap = "" if language == "zh" else " "
    takes = tidy.either(vocabulary["caller_takes"])
    return f"(?:{takes}){gap}(?:(?:{tidy.either(vocabulary['whose_words'])}){gap})?"


def _onward(language: str) -> str:
    """Return what must follow a Chinese taking: somewhere to go, or the end ("我送他去"; not
    "我得带孙子", minding the grandchild); nothing in English."""
    onward = words(language).get("caller_takes_to")
    return f"(?=(?:{tidy.either(onward)})|$)" if onward else ""


def _ride_for_us(language: str) -> str:
    """Return a pattern for a ride asked for the caller and company ("get us a taxi", "a car for
    the two of us", "take the both of us", "给我们叫个车", "帮我们俩约个车")."""
    vocabulary = words(language)
    us = tidy.either(vocabulary["us"])
    books = tidy.either(vocabulary["books_for_others"])
    if language == "zh":
        return f"(?:{tidy.either(vocabulary['for_others'])})(?:{us})(?:{books})"
    rides = tidy.either(vocabulary["ride_words"])
    booked = rf"(?:{books}) (?:{us}) (?:an? )?(?:{rides})"
    # "can you take the both of us": the line is asked to take the caller too.
    taken = rf"(?:{tidy.either(vocabulary['takes_others'])}) (?:{us})"
    return rf"(?<![\w'])(?:{booked}|{taken}|(?:{rides}) for (?:{us}))(?![\w'])"


def said(spoken: str, phrases: Sequence[str], language: str) -> bool:
    """Tell whether one of `phrases`, cues of going together, is said and not denied ("i can't go
    with him", "我陪不了他"): a denial just before it or, in Chinese, right after."""
    vocabulary = words(language)
    denials = vocabulary["joining_denials"]
    for start, end in tidy.spans(spoken, phrases, language):
        before = spoken[:start]
        # A denial's reach: "i won't be going too", "我没空陪", a word or three.
        near = before[-3:] if language == "zh" else " ".join(before.split()[-3:])
        after = spoken[end:]
        if not tidy.has_phrase(near, denials, language) and not (
            language == "zh" and after.startswith(tuple(vocabulary["joining_denials_after"]))
        ):
            return True
    return False


def caller_goes_along(spoken: str, language: str, family: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether the caller rides on the other person's trip they speak of: they say they join
    ("a taxi for my husband and me", "我跟她一起去"), they take them ("i'll take him", "我送他去")
    or they ask a ride for both ("can you book us a taxi", "给我们叫个车")."""
    vocabulary = words(language)
    if _own_way(spoken, language):
        return False
    along = _patterns(language, tuple(people.others(language, family)))[1]
    return said(spoken, vocabulary["caller_joins"], language) or bool(along.search(spoken))


def _own_way(spoken: str, language: str) -> bool:
    """Tell whether the caller takes them their own way ("i'll take him in our car", "我骑车送他
    去", "不用叫车"): no car is asked of the line."""
    return tidy.has_phrase(spoken, words(language)["own_way"], language)


def takings(
    spoken: str, language: str, family: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Return where the caller is who takes a person ("i need to take my husband", "我送老伴去"):
    that person's trip is the caller's too."""
    if _own_way(spoken, language):
        return []
    takes = _patterns(language, tuple(people.others(language, family)))[0]
    return [match.span() for match in takes.finditer(spoken)]


def untaken(
    spans: Sequence[tuple[int, int]],
    spoken: str,
    language: str,
    family: Sequence[Mapping[str, Any]],
) -> list[tuple[int, int]]:
    """Return `spans` of someone else's trip but those the caller takes them on ("take my husband
    to" in "i need to take my husband to the hospital")."""
    taken = takings(spoken, language, family)
    return [
        (start, end)
        for start, end in spans
        if not any(begun < end and start < ended for begun, ended in taken)
    ]


def with_fellows(spoken: str, family: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether English `spoken`, a ride the caller asks for themselves, says whom it goes with
    ("asda with my husband", "the hospital with our karen")."""
    vocabulary = words("en")
    persons = tidy.either(people.others("en", family))
    whose = tidy.either(vocabulary["whose_words"])
    fellow = tidy.either(vocabulary["with_fellow"])
    fellows = rf"(?<![\w'])(?:{fellow}) (?:(?:{whose}) )?(?:{persons})(?![\w'])"
    return bool(re.search(fellows, spoken))


def without_fellows(spoken: str, family: Sequence[Mapping[str, Any]], *, led: bool) -> str:
    """Return English `spoken` without the people the caller goes with, named other than as whose
    place ("take my husband round our tracey's" -> "take round our tracey's", "tesco for my husband
    and me" -> "tesco for and me"): they say who rides, not where. When `spoken` is what follows a
    destination word (`led`), a person said first is where ("[to] my daughter with my husband")."""
    vocabulary = words("en")
    persons = tidy.either(people.others("en", family))
    whose = tidy.either(vocabulary["whose_words"])
    person = tidy.compiled(rf"(?<![\w'])(?:(?:{whose}) )?(?:{persons})(?![\w'])")
    lead = person.match(spoken) if led else None
    kept = lead.end() if lead else 0
    return spoken[:kept] + person.sub(" ", spoken[kept:])
