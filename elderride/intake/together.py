"""Who goes with whom: a caller who takes another person, goes along with them or asks a ride for
both rides too ("i need to take my husband to the hospital", "我送他去", "给我们叫个车")."""

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import people, tidy
from elderride.intake.vocabulary import words


@functools.cache
def _going_along(language: str, persons: tuple[str, ...]) -> re.Pattern[str]:
    """Return the pattern of a caller who takes `persons` or asks a ride for both, compiled once
    for each senior's people (it is tried on every turn)."""
    return re.compile(f"{_takes(language, persons)}|{_ride_for_us(language)}")


def _takes(language: str, persons: Sequence[str]) -> str:
    """Return a pattern for the caller as who takes or goes: one of [callers], what they must or
    mean to do, then a verb that takes a person ("i need to take my husband", "we'll bring mum",
    "i'll come with him", "我送他去", "我们开车带老伴") or that goes along ("i'm going too")."""
    vocabulary = words(language)
    # Chinese has no spaces between words, nor edges to them; its 我 is no one who takes when the
    # line is asked to do it for them ("帮我送他去").
    gap, start, edge = (
        ("", "".join(f"(?<!{re.escape(word)})" for word in vocabulary["for_others"]), "")
        if language == "zh"
        else (" ", r"(?<![\w'])", r"(?![\w'])")
    )
    whom = tidy.either(persons)
    whose = tidy.either(vocabulary["whose_words"])
    means = tidy.either(vocabulary["caller_means"])
    # "i'll", "i've": an English caller's contraction runs on without a space.
    contracted = f"(?:{tidy.either(vocabulary.get('caller_contractions', ()))})?"
    caller = (
        rf"{start}(?:{tidy.either(vocabulary['callers'])}){contracted}(?:{gap}(?:{means}))*{gap}"
    )
    takes = tidy.either(vocabulary["caller_takes"])
    taken = f"(?:{takes}){gap}(?:(?:{whose}){gap})?(?:{whom}){edge}"
    along = vocabulary.get("caller_tags_along", ())
    return f"{caller}(?:{taken}|(?:{tidy.either(along)}){edge})" if along else caller + taken


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
    or they ask a ride for both ("can you get us a taxi", "给我们叫个车")."""
    vocabulary = words(language)
    return bool(
        said(spoken, vocabulary["caller_joins"], language)
        or _going_along(language, tuple(people.others(language, family))).search(spoken)
    )


def without_fellows(spoken: str, family: Sequence[Mapping[str, Any]], *, led: bool) -> str:
    """Return English `spoken` without the people the caller goes with, named other than as whose
    place ("take my husband round our tracey's" -> "take round our tracey's", "tesco for my husband
    and me" -> "tesco for and me"): they say who rides, not where. When `spoken` is what follows a
    destination word (`led`), a person said first is where ("[to] my daughter with my husband")."""
    vocabulary = words("en")
    persons = tidy.either(people.others("en", family))
    whose = tidy.either(vocabulary["whose_words"])
    person = re.compile(rf"(?<![\w'])(?:(?:{whose}) )?(?:{persons})(?![\w'])")
    lead = person.match(spoken) if led else None
    kept = lead.end() if lead else 0
    return spoken[:kept] + person.sub(" ", spoken[kept:])
