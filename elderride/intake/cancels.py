"""Cancel words that call off no ride of the caller's: a cancel said with a no ("don't cancel it",
别取消), one of an appointment ("cancel my hair appointment"), one told of ("i had to cancel the
dentist") and one of someone else's ride (取消我女儿的车)."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import people, tidy
from elderride.intake.vocabulary import words

# How far a cancel's object reaches: "cancel my hair appointment for friday" (words), "取消明天
# 上午的挂号" (characters).
OBJECT_REACH = {"en": 5, "zh": 8}
# How many words or characters may come between a no and the cancel it negates ("don't you go
# cancelling it", "别给我取消").
NEGATION_REACH = {"en": 4, "zh": 4}


def _negated(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where `spoken` says a cancel with a no before it, from the no to the cancel word."""
    negations = tidy.either(vocabulary["cancel_negations"])
    verbs = tidy.either(vocabulary["cancel_verbs"])
    reach = NEGATION_REACH[language]
    # "don't worry just cancel it", "我勿要哉取消脱": only words that carry the no on reach the
    # cancel.
    gaps = tidy.either(vocabulary["cancel_negation_gaps"])
    if language == "zh":
        pattern = rf"(?:{negations})(?:{gaps}){{0,{reach}}}(?:{verbs})"
    else:
        pattern = rf"(?<![\w'])(?:{negations})(?: (?:{gaps})){{0,{reach}}} (?:{verbs})(?![\w'])"
    return [match.span() for match in re.finditer(pattern, spoken)]


def _object(spoken: str, end: int, language: str) -> str:
    """Return the few words said right after a cancel word ending at `end`: what is cancelled."""
    after = spoken[end:]
    # "i had to cancel the dentist so take me to asda": the object ends where the caller goes on.
    ends = words(language)["cancel_object_ends"]
    if language == "zh":
        cut = min([after.find(word) for word in ends if word in after] or [len(after)])
        return after[: min(cut, OBJECT_REACH[language])]
    said = after.split()[: OBJECT_REACH[language]]
    cut = min([said.index(word) for word in ends if word in said] or [len(said)])
    return " ".join(said[:cut])


def _someone_elses_ride(thing: str, language: str, persons: Sequence[people.Person]) -> bool:
    """Tell whether `thing` is a relative's or a contact's own ride ("my daughter's car", "the taxi
    for my husband", 我女儿的车), not the caller's ride to their house ("the car to karen's")."""
    vocabulary = words(language)
    rides = tidy.either(vocabulary["status_subjects"])
    if language == "zh":
        # "我女儿的车", "老伴那趟车": only whose it is comes before the ride; "俺儿开车来接俺"
        # is how the caller gets there.
        owner = re.search(rf"^(?:我的|我家|我)?(.+?)(?:的|那|那个|那趟|那辆)?(?:{rides})", thing)
        said = owner.group(1) if owner else ""
        mention = people.mentioned(said, language, persons)
        return bool(mention) and not people.without(said, mention, language).strip("的")
    owned = re.search(rf"(?<![\w'])([\w']+)'s? (?:{rides})(?![\w'])", thing)
    if owned and people.mentioned(owned.group(1), language, persons):
        return not tidy.has_phrase(
            thing[: owned.start()], vocabulary["destination_markers"], language
        )
    for_them = re.search(rf"(?<![\w'])(?:{rides}) for (.+)$", thing)
    return for_them is not None and bool(people.mentioned(for_them.group(1), language, persons))


def _not_the_ride(
    spoken: str,
    start: int,
    end: int,
    vocabulary: Mapping[str, Any],
    language: str,
    persons: Sequence[people.Person],
) -> str | None:
    """Return why the cancel word at `start`-`end` calls off no ride of the caller's ("another's",
    "other"), or None when it calls off theirs."""
    thing = _object(spoken, end, language)
    if language == "zh":
        # "把我闺女的车取消了": what 把 brings before the cancel word is what is cancelled.
        brought = re.search(
            rf"(?:{tidy.either(vocabulary['cancel_fronted'])})([^把将]{{1,8}})$", spoken[:start]
        )
        thing = (brought.group(1) if brought else "") + thing
    if _someone_elses_ride(thing, language, persons):
        return "another's"
    if tidy.has_phrase(thing, vocabulary["status_subjects"], language):
        return None
    if tidy.has_phrase(thing, vocabulary["cancelled_things"], language):
        return "other"
    before = spoken[:start]
    told = (
        before.endswith(tuple(vocabulary["cancel_told"]))
        if language == "zh"
        else tidy.has_phrase(" ".join(before.split()[-2:]), vocabulary["cancel_told"], language)
    )
    # "i had to cancel the dentist" tells of something called off; "i had to cancel it" may be
    # the ride.
    said = tidy.strip_fillers(
        tidy.without_phrases(thing, vocabulary["cancel_pronouns"], language).strip(),
        [*vocabulary["fillers"], *vocabulary.get("function_words", ())],
        language,
    )
    return "other" if told and said else None


def other_cancels(spoken: str, language: str, contacts: Sequence[Mapping[str, Any]] = ()) -> str:
    """Return `spoken` (tidied) with every cancel that calls off no ride of the caller's taken out:
    the cancel with its no, or the cancel word with what it cancels."""
    vocabulary = words(language)
    persons = people.people(contacts)
    found = _negated(spoken, vocabulary, language)
    for start, end in tidy.spans(spoken, vocabulary["cancel_verbs"], language):
        if any(begin <= start < stop for begin, stop in found):
            continue
        if _not_the_ride(spoken, start, end, vocabulary, language, persons) is not None:
            thing = _object(spoken, end, language)
            found.append((start, spoken.find(thing, end) + len(thing) if thing else end))
    gap = "" if language == "zh" else " "
    for start, end in sorted(found, reverse=True):
        spoken = spoken[:start] + gap + spoken[end:]
    return " ".join(spoken.split()) if language != "zh" else spoken


def keeps_the_ride(spoken: str, language: str) -> bool:
    """Tell whether `spoken` (tidied) says not to cancel ("no don't cancel it", 先别取消): a no."""
    return bool(_negated(spoken, words(language), language))


def someone_elses(spoken: str, language: str, contacts: Sequence[Mapping[str, Any]] = ()) -> bool:
    """Tell whether `spoken` (tidied) cancels a relative's or a contact's ride ("cancel my husband's
    taxi", 取消我女儿的车)."""
    vocabulary = words(language)
    persons = people.people(contacts)
    return any(
        _not_the_ride(spoken, start, end, vocabulary, language, persons) == "another's"
        for start, end in tidy.spans(spoken, vocabulary["cancel_verbs"], language)
    )


def other_called_off(
    spoken: str, language: str, contacts: Sequence[Mapping[str, Any]] = ()
) -> bool:
    """Tell whether `spoken` (tidied) calls off something other than the caller's ride ("cancel my
    hair appointment"), and nothing of theirs."""
    return other_cancels(spoken, language, contacts) != spoken and not keeps_the_ride(
        spoken, language
    )
