"""Places a caller speaks of that are nowhere to drive them: where they were, were promised or
stay, where they might go "if", and where someone else goes."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import people, tidy
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


def _plans(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where English `spoken` makes a plan hang on a condition ("if it's icy i'll not bother
    with the shops", "if me hip's no better i might have to go"): a ride that only might be is no
    destination, while a polite "if" ("if it's no bother", "if you could") still asks."""
    if language == "zh":
        return []
    polite = tidy.either(vocabulary["polite_conditions"])
    mains = tidy.either(vocabulary["conditional_mains"])
    wishes = tidy.either(vocabulary["conditional_wishes"])
    # The condition is a few words at most: "if it's not blowing a gale tomorrow".
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])if (?!(?:{polite})(?![\w']))(?:[\w']+ ){{1,8}}?(?:{mains})(?![\w'])"
            rf"(?! (?:{wishes})(?![\w']))",
            spoken,
        )
    ]


def _conditions(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where English `spoken` sets a condition on what someone is, does or did ("if darlene
    was home", "if delroy did want me"): a ride that only might be is no destination."""
    if language == "zh":
        return []
    verbs = tidy.either(vocabulary["conditional_verbs"])
    asking = tidy.either(vocabulary["conditional_askers"])
    callers = tidy.either(vocabulary["conditional_callers"])
    polite = tidy.either(vocabulary["polite_modals"])
    # One or two words of subject: "if darnell moves", "if my daughter was"; "if i could get a
    # lift" asks.
    subject = r"(?:[\w']+ ){1,2}?"
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])if (?!(?:{asking})(?![\w']))(?!(?:{callers}) (?:{polite})(?![\w']))"
            rf"{subject}(?:{verbs})(?![\w'])",
            spoken,
        )
    ]


def _callers_conditions(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` hangs something on the caller ("if i am feeling dizzy", "when
    i'm better i'll go"), unless a polite modal asks ("if i could get a lift", "if i may")."""
    if language == "zh":
        return []
    callers = tidy.either(vocabulary["conditional_callers"])
    polite = tidy.either(vocabulary["polite_modals"])
    caller = rf" (?:{callers})(?![\w'])(?! (?:{polite})(?![\w']))"
    ifs = tidy.either(vocabulary["conditional_openers"])
    whens = tidy.either(vocabulary["timing_openers"])
    # "When" only with what the caller will do or asks after it: "take me home when i'm done"
    # asks for home.
    then = tidy.either([*vocabulary["conditional_mains"], *vocabulary["asks"]])
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])(?:(?:{ifs}){caller}|(?:{whens}){caller}(?=.* (?:{then})(?![\w'])))",
            spoken,
        )
    ]


def _past_whereabouts(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` says where someone was with a direction ("i was out to
    linda's farm", "we were up at the club", "i've been down the shops")."""
    if language == "zh":
        return []
    being = tidy.either(vocabulary["past_being"])
    directions = tidy.either(vocabulary["past_directions"])
    ends = tidy.either(vocabulary["past_direction_ends"])
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])(?:{being}) (?:{directions}) (?:{ends})(?![\w'])", spoken
        )
    ]


def _place_questions(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where `spoken` asks about a place ("are they open", "they having mass at noon or
    what", "菜场开门没有"), unless it asks about the ride ("is there a car to the royal") or for one
    ("is there any chance you could take me")."""
    asking = [*vocabulary["status_subjects"], *vocabulary["question_asks"]]
    if tidy.has_phrase(spoken, asking, language):
        return []
    return tidy.spans(spoken, vocabulary["place_questions"], language)


def _went(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` says the caller went somewhere ("早上去了菜场买了菜"):
    去了 with more said after it, unless 了 only marks now ("不去了", "要去了") or a
    supposition ("去了也没用")."""
    if language != "zh":
        return []
    before = "".join(vocabulary["went_not_after"])
    after = "".join(vocabulary["went_not_before"])
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![{re.escape(before)}])去了(?=[^{re.escape(after)}])", spoken
        )
    ]


def _deferrals(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where `spoken` puts going off to no day in particular, with more than a decline said
    ("i'll go to the club another day", "改天再去菜场"); "another day" alone declines."""
    found = tidy.spans(spoken, vocabulary["deferrals"], language)
    declined = [
        *vocabulary["deferrals"],
        *vocabulary["declines"],
        *vocabulary["no"],
        *vocabulary["unsure"],
    ]
    rest = tidy.without_phrases(spoken, declined, language).split()
    return (
        found
        if any(tidy.strip_fillers(word, vocabulary["fillers"], language) for word in rest)
        else []
    )


def _goes_again(after: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether what the caller asks for after speaking of a place been to only goes there
    again ("i need to go back today", "今天还要去"), with nothing refused."""
    again = tidy.spans(after, vocabulary.get("back_again", ()), language)
    if not again or tidy.has_phrase(after, vocabulary["errand_negations"], language):
        return False
    days = [word for key in vocabulary["time"] for word in vocabulary["time"][key]]
    rest = tidy.without_phrases(after[max(end for _, end in again) :], days, language)
    return not tidy.strip_fillers(rest.strip(), vocabulary["fillers"], language)


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
    said = [
        word
        for key in ("not_destinations", "past", "closed", "conditions")
        for word in vocabulary[key]
    ]
    elsewhere = tidy.spans(spoken, said, language)
    elsewhere += _place_questions(spoken, vocabulary, language)
    elsewhere += _went(spoken, vocabulary, language)
    deferred = _deferrals(spoken, vocabulary, language)
    elsewhere += deferred
    elsewhere += _past_whereabouts(spoken, vocabulary, language)
    elsewhere += _callers_conditions(spoken, vocabulary, language)
    elsewhere += _someone_else_goes(spoken, language, family)
    elsewhere += _relatives_of_relatives(spoken, language, family)
    elsewhere += _conditions(spoken, vocabulary, language)
    elsewhere += _plans(spoken, vocabulary, language)
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
    supposed = tidy.has_phrase(spoken, vocabulary["conditions"], language)
    if (
        language == "zh"
        and supposed
        and not tidy.has_phrase(spoken, vocabulary["polite_conditions"], language)
    ):
        # "要是我头晕你们就送我去医院": what is asked after a supposition is supposed too.
        after = ""
    if after and _goes_again(after, vocabulary, language):
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
