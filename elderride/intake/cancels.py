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
# How many words or characters may come between a cancel meant once and its cancel word ("i was
# going to cancel", "我本来要取消", "本来打算取消").
INTENT_REACH = {"en": 0, "zh": 2}
# How many words or characters may come between asking someone, their "if" and the cancel word
# ("ask linda if it's not too late to cancel it", "问问我女儿是否要取消").
ASKED_OF_REACH = {"en": 6, "zh": 6}
# How many words or characters may come between the turn after a cancel and the words letting it
# drop ("but oh never mind", "但是想想算了").
DROPPED_REACH = {"en": 2, "zh": 3}


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
    return [
        match.span()
        for match in re.finditer(pattern, spoken)
        if not _asked_either_way(spoken, match.start(), language)
    ]


def _asked_either_way(spoken: str, start: int, language: str) -> bool:
    """Tell whether the Chinese no at `start` is the middle of a question asked both ways ("是不是
    取消了", "要不要取消"): it asks, and says neither no nor cancel."""
    return (
        language == "zh"
        and 0 < start < len(spoken) - 1
        and spoken[start - 1] == spoken[start + 1]
        and spoken[start] in words(language)["either_way_negations"]
    )


def _withheld(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where `spoken` says a cancel that calls nothing off now: one meant once and taken
    back ("i was going to cancel but", 我本来要取消现在), or one hung on a condition ("cancel it if
    it's late", 要是下雨就取消)."""
    withheld = []
    for start, end in tidy.spans(spoken, vocabulary["cancel_verbs"], language):
        before, after = spoken[:start], spoken[end:]
        intended = [
            begin
            for begin, stop in tidy.spans(before, vocabulary["cancel_intended"], language)
            if len(before[stop:].split() if language == "en" else before[stop:])
            <= INTENT_REACH[language]
        ]
        if intended and tidy.has_phrase(after, vocabulary["cancel_taken_back"], language):
            withheld.append((min(intended), end))
        elif language == "zh" and any(
            _asked_either_way(before, index, language)
            for index in range(max(1, start - NEGATION_REACH[language] - 2), start)
        ):
            # "我不知道要不要取消": a cancel asked of, not asked for.
            withheld.append((start, end))
        elif (asked := _asked_of_another(spoken, start, vocabulary, language)) is not None:
            # Whom they ask is no place either: "check with linda if we can cancel" is not her
            # house.
            thing = _object(spoken, end, language)
            withheld.append((asked, spoken.find(thing, end) + len(thing) if thing else end))
        elif (condition := _conditional(spoken, start, end, vocabulary, language)) is not None:
            withheld.append(condition)
        elif (dropped := _dropped(spoken, end, vocabulary, language)) is not None:
            withheld.append((start, dropped))
    return withheld


def _asked_of_another(
    spoken: str, start: int, vocabulary: Mapping[str, Any], language: str
) -> int | None:
    """Return where the caller begins to ask someone whether to cancel, the cancel word at `start`
    ("ask linda if it's not too late to cancel it", 问问女儿是否取消), or None: they decide later,
    so nothing is called off now."""
    before = spoken[:start]
    reach = ASKED_OF_REACH[language]
    whether = [
        begin
        for begin, stop in tidy.spans(before, vocabulary["cancel_whether"], language)
        if _between(before[stop:], language) <= reach
    ]
    if not whether:
        return None
    asked = [
        begin
        for begin, stop in tidy.spans(
            before[: max(whether)], vocabulary["cancel_asked_of"], language
        )
        if _between(before[stop : max(whether)], language) <= reach
    ]
    return min(asked) if asked else None


def _dropped(spoken: str, end: int, vocabulary: Mapping[str, Any], language: str) -> int | None:
    """Return where the caller, right after a cancel word ending at `end`, turns and lets it drop
    ("i wanted to cancel but never mind", 想取消但是算了), or None."""
    after = spoken[end:]
    for turn, stop in tidy.spans(after, vocabulary["cancel_taken_back"], language):
        if _between(after[:turn], language) > OBJECT_REACH[language]:
            continue
        for begin, last in tidy.spans(after[stop:], vocabulary["cancel_dropped"], language):
            if _between(after[stop : stop + begin], language) <= DROPPED_REACH[language]:
                return end + stop + last
    return None


def _between(words_said: str, language: str) -> int:
    """Return how many words (characters in Chinese) `words_said` holds."""
    return len(words_said.split()) if language != "zh" else len(words_said.strip())


def _conditional(
    spoken: str, start: int, end: int, vocabulary: Mapping[str, Any], language: str
) -> tuple[int, int] | None:
    """Return where the cancel word at `start`-`end` and the condition it hangs on are said, the
    condition before it or just after what it cancels, a polite one ("if you could", 可以的话)
    aside; None when it hangs on none."""
    conditions, polite = vocabulary["cancel_conditions"], vocabulary["polite_conditions"]
    reach = vocabulary["cancel_condition_reach"]
    before = spoken[:start]
    if language == "zh":
        if tidy.has_phrase(before, polite, language):
            return None
        said = [begin for begin, _ in tidy.spans(before, conditions, language)]
        near = [
            begin
            for begin in said
            if start - begin <= reach and not _feasible(before[begin:], vocabulary, language)
        ]
        # "要系落雨就取消": the condition goes with the cancel (its 系 is no yes).
        return (min(near), end) if near else None
    # "if it snows cancel the car", "cancel it if it's late": what the condition says follows it,
    # and "if you'd cancel the car" asks as "if you" does.
    courtesy = tidy.compiled(rf"\s*(?:{tidy.either(polite)})(?:'(?:d|ll|re|ve))?(?![\w'])")
    ahead = [
        begin
        for begin, stop in tidy.spans(before, conditions, language)
        if len(before[stop:].split()) <= reach
        and not courtesy.match(before[stop:])
        and not _feasible(before[stop:], vocabulary, language)
    ]
    if ahead:
        return min(ahead), end
    # Only with what is cancelled: "cancel it i'll ask karen if she can come" is now.
    after = spoken[end:]
    close = len(" ".join(after.split()[: len(_object(spoken, end, language).split()) + 1])) + 1
    behind = [
        begin
        for begin, stop in tidy.spans(after, conditions, language)
        if begin <= close
        and not courtesy.match(after[stop:])
        and not _feasible(after[stop:], vocabulary, language)
    ]
    return (start, len(spoken)) if behind else None


def _feasible(condition: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether `condition`, the words said after a condition word, only asks whether the
    cancel still can be made ("if it's not too late", 要是车还没出发), or says nothing ("cancel it
    in case"): the cancel is asked now."""
    return not condition.strip() or tidy.has_phrase(
        condition, vocabulary["cancel_feasible"], language
    )


def _object(spoken: str, end: int, language: str) -> str:
    """Return the few words said right after a cancel word ending at `end`: what is cancelled."""
    after = spoken[end:]
    # "i had to cancel the dentist so take me to asda": the object ends where the caller goes on.
    # "我女儿取消了她的车我的也取消": what one cancel calls off ends where the next is said.
    ends = [*words(language)["cancel_object_ends"], *words(language)["cancel_verbs"]]
    if language == "zh":
        # "闺女取消了她来看我": what she called off follows the 了.
        after = after.removeprefix("了")
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
        if mention and not people.without(said, mention, language).strip("的"):
            return True
        # "张阿姨的车", "隔壁王大爷的车": a neighbour named by title is someone else too.
        return _someone_named(said.removesuffix("的"), language, persons)
    owned = re.search(rf"(?<![\w'])([\w']+)'s? (?:{rides})(?![\w'])", thing)
    # "cancel mrs jones's car": a name called with a title is someone else's too.
    title = thing[: owned.start()].split()[-1:] if owned else []
    titled = bool(set(title) & set(vocabulary["other_person_titles"]))
    if owned and (people.mentioned(owned.group(1), language, persons) or titled):
        return not tidy.has_phrase(
            thing[: owned.start()], vocabulary["destination_markers"], language
        )
    for_them = re.search(rf"(?<![\w'])(?:{rides}) for (.+)$", thing)
    return for_them is not None and bool(people.mentioned(for_them.group(1), language, persons))


def _someone_named(said: str, language: str, persons: Sequence[people.Person]) -> bool:
    """Tell whether Chinese `said` is all one person other than the caller: a relative, a contact
    or a neighbour by title ("张阿姨", "隔壁王大爷")."""
    if not said:
        return False
    # A Chinese given name of one character is only a name with 小 or 阿 before it.
    names = [name for person in persons for name in person.names if len(name) > 1]
    anyone = people.someone(language, (*people.others(language, ()), *names))
    return tidy.compiled(anyone).fullmatch(said) is not None


def _told_by_someone(before: str, language: str, persons: Sequence[people.Person]) -> bool:
    """Tell whether the words right before a cancel word name who called something off: a relative
    or a contact ("闺女取消了", "karen had to cancel")."""
    if language == "zh":
        return any(_someone_named(before[-size:], language, persons) for size in range(1, 7))
    return bool(people.mentioned(" ".join(before.split()[-2:]), language, persons))


def _rides_joined(spoken: str, end: int, thing: str, language: str) -> bool:
    """Tell whether English `spoken` joins a ride to the thing called off at `end` ("cancel my
    doctor's appointment and the car"): the ride is called off too."""
    if language == "zh":
        # 取消挂号和车: the ride is said within what is cancelled.
        return False
    vocabulary = words(language)
    rest = spoken[end:]
    rest = rest[rest.find(thing) + len(thing) :] if thing else rest
    joins, rides = (
        tidy.either(vocabulary["cancel_object_joins"]),
        tidy.either(vocabulary["status_subjects"]),
    )
    joined = rf"\s*(?:{joins}) (?:[\w']+ ){{0,2}}(?:{rides})(?![\w'])"
    return tidy.compiled(joined).match(rest) is not None


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
        # "张阿姨的车取消": a ride said first, with no 把, is what is cancelled too.
        rides = tidy.either(vocabulary["status_subjects"])
        topic = re.search(rf"([^把将]{{1,8}}(?:{rides}))$", spoken[:start])
        thing = (brought.group(1) if brought else topic.group(1) if topic else "") + thing
    if _someone_elses_ride(thing, language, persons):
        return "another's"
    if tidy.has_phrase(thing, vocabulary["status_subjects"], language):
        return None
    if _rides_joined(spoken, end, thing, language):
        return None
    if tidy.has_phrase(thing, vocabulary["cancelled_things"], language):
        return "other"
    before = spoken[:start]
    told = (
        before.endswith(tuple(vocabulary["cancel_told"]))
        if language == "zh"
        else tidy.has_phrase(" ".join(before.split()[-2:]), vocabulary["cancel_told"], language)
    ) or _told_by_someone(before, language, persons)
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
    negated = _negated(spoken, vocabulary, language)
    found = negated + _withheld(spoken, vocabulary, language)
    for start, end in tidy.spans(spoken, vocabulary["cancel_verbs"], language):
        if any(begin <= start < stop for begin, stop in found):
            continue
        if any(begin >= end for begin, _ in negated):
            # "女儿叫我取消但是我不想取消", "cancel it, no, don't cancel it": the caller's last
            # word on the cancel is no.
            thing = _object(spoken, end, language)
            found.append((start, spoken.find(thing, end) + len(thing) if thing else end))
            continue
        if _not_the_ride(spoken, start, end, vocabulary, language, persons) is not None:
            thing = _object(spoken, end, language)
            found.append((start, spoken.find(thing, end) + len(thing) if thing else end))
    gap = "" if language == "zh" else " "
    for start, end in sorted(found, reverse=True):
        spoken = spoken[:start] + gap + spoken[end:]
    return " ".join(spoken.split()) if language != "zh" else spoken


def keeps_the_ride(spoken: str, language: str) -> bool:
    """Tell whether `spoken` (tidied) says not to cancel ("no don't cancel it", 先别取消), or keeps
    the ride a cancel word was said of ("i was going to cancel but i'll keep it"): a no."""
    vocabulary = words(language)
    return bool(_negated(spoken, vocabulary, language)) or (
        tidy.has_phrase(spoken, vocabulary["cancel_verbs"], language)
        and tidy.has_phrase(spoken, vocabulary["cancel_keeps"], language)
    )


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
