"""Places a caller speaks of that are nowhere to drive them: where they were, were promised or
stay, where someone else goes, and those not_now finds (been to, only "if", asked about, put off);
and what the caller still asks for around them."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import not_now, people, tidy
from elderride.intake.vocabulary import words


def _someone_else_goes(
    spoken: str, language: str, family: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` says another person goes or is ("我朋友去医院了", "他到图书馆
    去了"), unless the caller goes with them (女儿陪我去, 跟女儿去)."""
    vocabulary = words(language)
    if language != "zh" or tidy.has_phrase(spoken, vocabulary["with_me"], language):
        return []
    persons = people.people(family)
    others = [
        *vocabulary["others"],
        *(word for key in vocabulary["relations"] for word in people.relation_words(key, "zh")),
        *(name for person in persons for name in person.names if len(name) > 1),
    ]
    # "俺闺女夜来去的省立医院", "小梅明天去附院": the day may come between who and goes.
    days = [word for key in vocabulary["time"] for word in vocabulary["time"][key]]
    pattern = (
        f"(?:{tidy.either(others)})(?:{tidy.either([*days, *vocabulary['past_days']])})?"
        f"(?:{tidy.either(vocabulary['others_go'])})"
    )
    return [match.span() for match in re.finditer(pattern, spoken)]


def _relatives_of_relatives(
    spoken: str, language: str, family: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` names a relative's own relative ("小芳她公公家", "建平他丈母娘
    屋里"): that home is theirs, not the caller's relative's."""
    vocabulary = words(language)
    if language != "zh":
        return []
    relations = [
        word for key in vocabulary["relations"] for word in people.relation_words(key, "zh")
    ]
    whose = [
        *relations,
        *(name for person in people.people(family) for name in person.names if len(name) > 1),
    ]
    pattern = (
        f"(?:{tidy.either(whose)})?(?:{tidy.either(vocabulary['possessive_others'])})"
        f"(?:{tidy.either([*relations, *vocabulary['in_laws']])})"
    )
    return [match.span() for match in re.finditer(pattern, spoken)]


def _others_trips(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` says someone other than the caller is on their way somewhere
    ("my sister's going to mass general", "our lorraine's away to the ulster"), unless the caller
    goes with them ("tracey's going to the club with me") or they take the caller ("fiona's going
    to take me to the hospital")."""
    if language == "zh" or tidy.has_phrase(spoken, vocabulary["with_me"], language):
        return []
    callers = tidy.either(vocabulary["not_others"])
    links = tidy.either(vocabulary["others_links"])
    going = tidy.either(vocabulary["others_go"])
    fetching = tidy.either(vocabulary["others_fetch"])
    # One word of subject ("maureen's", "she's", "my sister is"), "a" of Appalachian speech
    # ("tammy's a going to"), the movement, then anything but a verb that brings the caller along.
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])(?!(?:{callers})(?:'|\s))[\w]+(?:{links})(?: a)? (?:{going})(?![\w'])"
            rf"(?! (?:{fetching})(?![\w']))",
            spoken,
        )
    ]


def asked_after(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    family: Sequence[Mapping[str, Any]] = (),
    *,
    asking: bool = False,
) -> str | None:
    """Return what the caller asks for before or after speaking of where they were, were promised,
    stay, might go or someone else goes ("i was at the surgery on monday"; "我朋友去医院了"): ""
    when they ask nothing, None when they spoke of no such thing.

    `asking` says the caller asked for a ride before `spoken` began ("take me to the legion no
    the vfw, the legion's been closed for years"): what they said first stands as asked."""
    elsewhere = tidy.spans(spoken, vocabulary["not_destinations"], language)
    elsewhere += not_now.spans(spoken, vocabulary, language)
    deferred = not_now.deferrals(spoken, vocabulary, language)
    elsewhere += deferred
    elsewhere += _someone_else_goes(spoken, language, family)
    elsewhere += _relatives_of_relatives(spoken, language, family)
    elsewhere += _others_trips(spoken, vocabulary, language)
    if not elsewhere:
        return None
    first, last = min(start for start, _ in elsewhere), max(end for _, end in elsewhere)
    asks = [start for start, _ in tidy.spans(spoken, vocabulary["asks"], language) if start >= last]
    after = spoken[min(asks) :] if asks else ""
    if not tidy.strip_fillers(
        tidy.without_phrases(after, vocabulary["asks"], language).strip(),
        vocabulary["fillers"],
        language,
    ):
        # "...so i'm alright now": an ask word with nothing after it asks nothing.
        after = ""
    if not_now.supposed(spoken, vocabulary, language):
        # "要是我头晕你们就送我去医院": what is asked after a supposition is supposed too.
        after = ""
    if after and not_now.goes_again(after, vocabulary, language):
        # "i was at the drugstore yesterday ... i need to go back today": there again.
        return spoken
    if tidy.has_phrase(after, vocabulary.get("asks_for_others", ()), language):
        # "my sister's going to mass general, can you get her a ride" asks for her, not the caller.
        after = ""
    # "I need the hospital, I was there yesterday": a ride asked for first still stands; "jake
    # said he'd take me" asks none, and "i'd go to the club if darlene was home" only might.
    before = spoken[:first].strip()
    marked = tidy.has_phrase(before, vocabulary["asks"], language) or (
        tidy.has_phrase(before, vocabulary["destination_markers"], language)
        and not tidy.has_phrase(before, vocabulary.get("hedges", ()), language)
    )
    # "i'll go to the club another day": what is put off is not asked for now.
    kept = [part for part in (before if (marked or asking) and not deferred else "", after) if part]
    return ("" if language == "zh" else " ").join(kept)
