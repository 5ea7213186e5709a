"""Asking for a person, the family, to cancel or where the car is, in the words callers use."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_names,
    chinese_places,
    dialects,
    neighbours,
    people,
    tidy,
    times,
)
from elderride.intake.vocabulary import words

# Asking for a person, the family, to cancel or for the car come before anything else they
# mention: "cancel the car to the hospital" is a cancel, not a booking; not having heard the
# question comes before any yes or no ("听不清" holds 不).
ORDER = ("operator", "family", "cancel", "status", "repeat", "menu")
# How many words after "call" the person called may come ("ring our karen for me").
CALL_REACH = 3


def _called(said: str, language: str, persons: Sequence[people.Person]) -> bool:
    """Tell whether `said` names someone to call: a relation, a contact or the family as a whole."""
    return bool(people.mentioned(said, language, persons)) or tidy.has_phrase(
        said, words(language)["family_words"], language
    )


def _calls_them(
    spoken: str, start: int, nearby: list[str], persons: Sequence[people.Person]
) -> bool:
    """Tell whether an English call word at `start` is for someone named elsewhere in `spoken` and
    meant by a pronoun near it ("tell my daughter ... give her a ring"), and is not a call someone
    else makes ("i'll ring him from there")."""
    vocabulary = words("en")
    if not set(nearby) & set(vocabulary["family_pronouns"]):
        return False
    before = spoken[:start].split()[-1:]
    return not set(before) & set(vocabulary["other_callers"]) and bool(
        people.mentioned(spoken, "en", persons)
    )


def _calls_someone(spoken: str, language: str, persons: Sequence[people.Person]) -> bool:
    """Tell whether a call word comes with a relation or a contact ("ring my son", "call tom")."""
    vocabulary = words(language)
    # "他叫我去吃饭" tells what the son asked, not whom to call; "the bull ring" rings nobody.
    spoken = tidy.without_phrases(
        spoken, [*vocabulary["not_calls"], *vocabulary.get("calls_made", ())], language
    )
    if language == "zh":
        if tidy.has_phrase(spoken, vocabulary["family_calls"], language) and _called(
            spoken, language, persons
        ):
            return True
        # 叫一下我闺女 and 找一下家人 name whom after the call word; 女儿叫我去医院 is what
        # she told me.
        # 女儿叫我到女儿家去: a going word after 叫我 makes it where she asked me to go.
        going = tuple(vocabulary["destination_markers"])
        for phrase in vocabulary["family_calls_then_person"]:
            index = spoken.find(phrase)
            after = spoken[index + len(phrase) :]
            if index >= 0 and not after.startswith(going) and _called(after, language, persons):
                return True
        # 找我姑爷李刚: the call word said first, then whom, and nowhere to go.
        for phrase in vocabulary["family_calls_opening"]:
            if (
                spoken.startswith(phrase)
                and _called(spoken[len(phrase) :], language, persons)
                and not tidy.has_phrase(spoken, vocabulary["destination_markers"], language)
            ):
                return True
        # 我孙女马丽找一下: the person said first, the call word last, and nowhere to go.
        for phrase in vocabulary["family_calls_after_person"]:
            index = spoken.rfind(phrase)
            if (
                index > 0
                and not tidy.strip_fillers(
                    spoken[index + len(phrase) :], vocabulary["fillers"], language
                )
                and _called(spoken[:index], language, persons)
                and not tidy.has_phrase(spoken, vocabulary["destination_markers"], language)
            ):
                return True
        # 跟李娜说, 喊小梅一下: the person between 跟 and 说 (a few characters at most), never
        # 我儿子说 (what the son said); 跟孙女聊聊 only when the caller goes nowhere to chat.
        around = list(vocabulary["family_calls_around"])
        if not tidy.has_phrase(spoken, vocabulary["destination_markers"], language):
            around += vocabulary["family_chats_around"]
        return any(
            people.mentioned(match.group(1), language, persons)
            for first, last in around
            for match in tidy.compiled(rf"{re.escape(first)}(.{{1,6}}?){re.escape(last)}").finditer(
                spoken
            )
        )
    for first, last in vocabulary["family_messages"]:
        for match in tidy.compiled(
            rf"(?<![\w']){first}((?: [\w']+){{1,{CALL_REACH}}}) {last}(?![\w'])"
        ).finditer(spoken):
            # "let karen know i'm home": a message through her is a call to her; "get me to
            # karen's for me" is a ride there.
            between = match.group(1).split()
            if _called(match.group(1), language, persons) and not set(between) & set(
                vocabulary["family_messages_not"]
            ):
                return True
    # "get me my granddaughter shona": the relative fetched to the phone, not their home
    # ("get me my daughter's").
    fetched = tidy.compiled(
        rf"(?<![\w'])(?:{tidy.either(vocabulary['family_fetches'])}) "
        rf"(?:{tidy.either(vocabulary['whose_words'])}) ([\w]+)(?![\w'])"
    )
    if any(_called(found.group(1), language, persons) for found in fetched.finditer(spoken)):
        return True
    for named_after in (True, False):
        # "call tom" names him after; "get my daughter on the line" before; "call a taxi to my
        # son's" is no call.
        phrases = vocabulary["family_calls" if named_after else "family_calls_after"]
        for phrase in phrases:
            for match in tidy.whole(phrase).finditer(spoken):
                nearby = (
                    spoken[match.end() :].split()[:CALL_REACH]
                    if named_after
                    else spoken[: match.start()].split()[-CALL_REACH:]
                )
                if _called(" ".join(nearby), language, persons) or _calls_them(
                    spoken, match.start(), nearby, persons
                ):
                    return True
                if named_after and _called_by_name(spoken, match, persons):
                    return True
    return False


def _called_by_name(spoken: str, call: re.Match[str], persons: Sequence[people.Person]) -> bool:
    """Tell whether a call word that begins English `spoken` calls a name the line does not know,
    then says who that is ("call basia please my daughter"): a person, never a ride."""
    vocabulary = words("en")
    if tidy.strip_fillers(spoken[: call.start()].strip(), vocabulary["fillers"], "en"):
        return False
    said = spoken[call.end() :].split()
    if not said or said[0] in {*vocabulary["function_words"], *vocabulary["ride_words"]}:
        return False
    # Only words of politeness between the name and who it is: "please", "love".
    who = tidy.without_phrases(" ".join(said[1:]), vocabulary["family_wants_ends"], "en").split()
    return 0 < len(who) <= 2 and bool(people.mentioned(" ".join(who), "en", persons))


def _wants_someone(spoken: str, language: str, persons: Sequence[people.Person]) -> bool:
    """Tell whether English `spoken` asks for a relative or a contact and nothing else ("i want my
    daughter", "can i have our karen please"): the person, not their house ("my daughter's")."""
    vocabulary = words(language)
    if language == "zh":
        return False
    fillers, ends = vocabulary["fillers"], vocabulary["family_wants_ends"]
    persons_named = {
        *(word for key in vocabulary["relations"] for word in people.relation_words(key, language)),
        *(name for person in persons for name in person.names),
    }
    for start, end in tidy.spans(spoken, vocabulary["family_wants"], language):
        if tidy.strip_fillers(spoken[:start], fillers, language):
            continue
        wanted = tidy.strip_fillers(spoken[end:], ends, language).split()
        while wanted and wanted[0] in vocabulary["owner_words"]:
            wanted = wanted[1:]
        if " ".join(wanted) in persons_named:
            return True
    return False


def _without_theirs(spoken: str, language: str) -> str:
    """Return `spoken` without the operator_not phrases of someone who is not asked for: in English
    one who did something ("a rep from kroger called"), not one asked to call ("can a rep from
    your office call me")."""
    vocabulary = words(language)
    theirs = vocabulary.get("operator_not", ())
    did = vocabulary.get("operator_not_did")
    if did is None:
        return tidy.without_phrases(spoken, theirs, language)
    reach = vocabulary["operator_reach"]
    for start, end in sorted(tidy.spans(spoken, theirs, language), reverse=True):
        if _begins_within(spoken[end:], did, reach, language):
            spoken = spoken[:start] + " " + spoken[end:]
    return spoken


def _begins_within(spoken: str, phrases: Sequence[str], reach: int, language: str) -> bool:
    """Tell whether one of English `phrases` begins within the first `reach` words of `spoken`
    ("still coming": "coming" begins one word in)."""
    said = spoken.split()
    return any(
        begin == 0
        for skipped in range(min(reach, len(said)) + 1)
        for begin, _ in tidy.spans(" ".join(said[skipped:]), phrases, language)
    )


def _ends_within(spoken: str, phrases: Sequence[str], reach: int, language: str) -> bool:
    """Tell whether one of English `phrases` ends within the last `reach` words of `spoken` ("how
    far away": "far away" ends it)."""
    said = spoken.split()
    return any(
        stop == len(" ".join(said[: len(said) - skipped]))
        for skipped in range(min(reach, len(said)) + 1)
        for _, stop in tidy.spans(" ".join(said[: len(said) - skipped]), phrases, language)
    )


def _asks_for_a_person(spoken: str, language: str) -> bool:
    """Tell whether English `spoken` asks to talk to a person in words of its own ("put me on to a
    lady in the office", "please give me some person to talk")."""
    vocabulary = words(language)
    if language == "zh":
        return False
    reach, persons = vocabulary["operator_reach"], vocabulary["operator_persons"]
    return any(
        _begins_within(spoken[end:], persons, reach, language)
        for _, end in tidy.spans(spoken, vocabulary["operator_talks"], language)
    ) or any(
        _begins_within(spoken[end:], vocabulary["operator_talks_after"], reach, language)
        for _, end in tidy.spans(spoken, persons, language)
    )


def _about_the_car(spoken: str, language: str, asked: str) -> bool:
    """Tell whether the car or driver is spoken of with words of `asked` ("has the car left yet", "i
    don't need that ride")."""
    vocabulary = words(language)
    if asked == "cancel_refusals":
        # "Don't forget my car tomorrow" holds "forget my": it keeps the ride.
        spoken = tidy.without_phrases(spoken, vocabulary.get("cancel_kept", ()), language)
    # "车站在哪" asks where the station is, not the car.
    spoken = tidy.without_phrases(spoken, vocabulary.get("not_cars", ()), language)
    if asked == "status_questions" and _asks_after_near(spoken, language):
        return True
    return tidy.has_phrase(
        spoken, vocabulary.get("status_subjects", ()), language
    ) and tidy.has_phrase(spoken, vocabulary.get(asked, ()), language)


def _asks_after_near(spoken: str, language: str) -> bool:
    """Tell whether English `spoken` asks after the car or driver by a pronoun or a word for the
    driver, with the words of a status question in it or right after it ("where's he at", "is it
    coming or what", "the fella still hasn't come")."""
    vocabulary = words(language)
    if language == "zh":
        return False
    questions, reach = vocabulary["status_questions"], vocabulary["status_near_reach"]
    return any(
        tidy.has_phrase(spoken[start:end], questions, language)
        or _begins_within(spoken[end:], questions, reach, language)
        or _ends_within(spoken[:start], questions, reach, language)
        for start, end in tidy.spans(spoken, vocabulary["status_near_subjects"], language)
    )


def _arrived(spoken: str, language: str) -> bool:
    """Tell whether Chinese `spoken` says the caller is already there ("到啦医院了", "我已经到医院
    了"): where they arrived is no trip to book."""
    vocabulary = words(language)
    if language != "zh":
        return False
    openers = tidy.either(vocabulary["arrived_openers"])
    arrived = tidy.either(vocabulary["arrived_words"])
    ends = tidy.either(vocabulary["arrived_ends"])
    going = tidy.either([*vocabulary["destination_markers"], *vocabulary["asks"]])
    found = tidy.compiled(rf"^(?:{openers})*(?:{arrived})(.{{1,12}}?)(?:{ends})+$").match(spoken)
    return found is not None and not re.search(going, found.group(1))


def _asks_when_it_comes(spoken: str, language: str) -> bool:
    """Tell whether the car or driver is spoken of with a question of when it comes, the arrival a
    few words after the question ("司机几点钟到的", "车多会儿能到", "when the car will come")."""
    vocabulary = words(language)
    if "status_when" not in vocabulary:
        return False
    when, arrivals = (
        tidy.either(vocabulary["status_when"]),
        tidy.either(vocabulary["status_arrivals"]),
    )
    if language == "zh":
        return (
            _about_the_car(spoken, language, "status_when")
            and re.search(rf"(?:{when}).{{0,4}}?(?:{arrivals})", spoken) is not None
        )
    # "when the car will come", "what time's it getting here": the car, or "it" for it, is what
    # comes; "when my son comes we'll go" asks after no ride.
    subjects = [*vocabulary["status_subjects"], *vocabulary["status_when_pronouns"]]
    asked = tidy.compiled(
        rf"(?<![\w'])(?:{when})((?: [\w']+){{0,{vocabulary['status_when_reach']}}}) "
        rf"(?:{arrivals})(?![\w'])"
    )
    if any(tidy.has_phrase(found.group(1), subjects, language) for found in asked.finditer(spoken)):
        return True
    # "car come what time", "driver reach when", "the driver he come at what time": the ride, its
    # arrival, then the question, as Vietnamese, Cantonese, Tagalog or French speakers order it.
    ride = tidy.either(vocabulary["status_subjects"])
    if tidy.compiled(
        rf"(?<![\w'])(?:{ride})(?: [\w']+)? (?:{arrivals}) (?:(?:at|by) )?(?:{when})(?![\w'])"
    ).search(spoken):
        return True
    # "what time is my ride": the ride asked after needs no arrival said.
    links = tidy.either(vocabulary["status_when_links"])
    return (
        tidy.compiled(rf"(?<![\w'])(?:{when}) (?:{links}) (?:{ride})(?![\w'])").search(spoken)
        is not None
    )


def _gives_up(spoken: str, language: str) -> bool:
    """Tell whether the caller says they will not go, with the ride or its day named ("i'm not
    going anywhere today", "明天不去了"): said with neither, it may only be a remark, and so is a
    day whose reason is a place been to or closed ("我昨天去了菜场今天就不去了", "the club's shut
    today so i won't be going")."""
    vocabulary = words(language)
    if not tidy.has_phrase(spoken, vocabulary["cancel_plans"], language):
        return False
    named = [*vocabulary["status_subjects"], *vocabulary["booked"]]
    if language == "zh":
        # "莫来了不去了": telling the car not to come speaks of the car as naming it does.
        named += vocabulary["told_not_to_come"]
    if tidy.has_phrase(spoken, named, language):
        return True
    if language == "zh":
        # "弘福寺今天关门的嘛不去了": a kind of place named, and no car, is the place they won't
        # go to; the ride may be to another.
        places = [kind for kind in vocabulary["kinds"] if kind not in vocabulary["home_labels"]]
        if tidy.has_phrase(spoken, places, language):
            return False
    # A careful operator asks again there: the keys offer cancelling to a caller with a ride.
    closed = [*vocabulary["closed"], *vocabulary.get("closed_of_place_only", ())]
    explained = tidy.has_phrase(spoken, [*vocabulary["past"], *closed], language)
    return tidy.has_phrase(spoken, vocabulary["plan_words"], language) and not explained


def _driven_instead(spoken: str, language: str, persons: Sequence[people.Person]) -> bool:
    """Tell whether the caller turns the ride down because someone of theirs comes for them ("我女儿
    来接我了，不麻烦你们了"): a decline with a relative who fetches them calls the ride off."""
    vocabulary = words(language)
    return (
        tidy.has_phrase(spoken, vocabulary.get("fetched", ()), language)
        and tidy.has_phrase(spoken, vocabulary["declines"], language)
        and bool(people.mentioned(spoken, language, persons))
    )


OFF_WORDS = ("cancel", "cancel_plans", "cancel_refusals", "declines")


def _after_off(spoken: str, language: str, kinds: Sequence[str] = OFF_WORDS) -> str | None:
    """Return what `spoken` says after the last words that would call a ride off, or None when
    none do, or when the last are none of `kinds`."""
    vocabulary = words(language)
    off = [
        (end, kind)
        for kind in OFF_WORDS
        for _, end in tidy.spans(spoken, vocabulary[kind], language)
    ]
    if not off:
        return None
    end, kind = max(off)
    return spoken[end:] if kind in kinds else None


def moved_later(spoken: str, language: str, contacts: Sequence[Mapping[str, Any]] = ()) -> str:
    """Return `spoken` from where the caller, having said they will not go, goes at another time
    ("不去了明天去" -> "明天去"): the time is asked for, nothing is cancelled."""
    # Only not going is moved: "取消下午去超市的" describes what it cancels by its time.
    after = _after_off(spoken, language, kinds=("cancel_plans", "declines"))
    if after is None or not _moved(after, language, contacts):
        return spoken
    return after.strip(" ，,。") or spoken


def _asked_again(spoken: str, language: str, contacts: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether the caller asks for a ride somewhere after the last words that would call one
    off ("算了算了不去了，我腰疼，还是叫个车送我去医院吧"): the last request wins."""
    vocabulary = words(language)
    if moved_later(spoken, language, contacts) != spoken:
        return True
    after = _after_off(spoken, language)
    if after is None or people.takers(after, language, contacts):
        # "不去了明天女儿送我去": her 送我 asks nothing of the line.
        return False
    if language != "zh":
        # "call off the ride dave's going to drive me": his driving asks nothing of the line.
        after = people.without_subjects(after, people.people(contacts))
    # Asked of the line ("送我去", "can you take me"), not done alone ("i'll get a taxi to the
    # hospital myself" still calls the car off).
    return tidy.has_phrase(after, vocabulary["asks"], language) and tidy.has_phrase(
        after, vocabulary["destination_markers"], language
    )


def _moved(after: str, language: str, contacts: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether `after`, said once the ride is called off, goes at another time ("不去了明天去",
    "not today, i'll go tomorrow instead"): the ride is moved, not cancelled."""
    vocabulary = words(language)
    moved = tidy.spans(after, vocabulary["moved_words"], language)
    # "取消明天去医院的车": the ride said after it is what is cancelled, described by its time.
    described = moved and tidy.has_phrase(
        after[max(end for _, end in moved) :], vocabulary["status_subjects"], language
    )
    return (
        bool(moved)
        and not described
        and times.parse(after, language)[0] is not None
        and not tidy.has_phrase(after, vocabulary["moved_negations"], language)
        # "cancel the car, i'll go tomorrow myself": going their own way still calls it off.
        and not tidy.has_phrase(after, vocabulary["own_way"], language)
        # "不去了明天女儿送我去": someone else takes them then; the line's ride is still off.
        and not people.takers(after, language, contacts)
    )


def _called_off_around(spoken: str, language: str) -> bool:
    """Tell whether English `spoken` calls the ride off with the ride said inside the verb ("call
    that taxi off", "call tomorrow's car off")."""
    vocabulary = words(language)
    rides = tidy.either(vocabulary["status_subjects"])
    between = r"(?:[\w']+ ){0,2}?"
    return any(
        re.search(
            rf"(?<![\w']){re.escape(first)} {between}(?:{rides}) {re.escape(last)}(?![\w'])",
            spoken,
        )
        for first, last in vocabulary.get("cancel_around", ())
    )


def _then_goes(spoken: str, language: str) -> bool:
    """Tell whether the caller goes on to ask for a ride after what they say first ("我想听听孙子的
    声音然后去永辉", "ring our karen and then take me to asda"): the last request wins."""
    return _going_later(spoken, language) is not None


def _going_later(spoken: str, language: str) -> re.Match[str] | None:
    """Return where the ride asked for after a sequence word begins, or None."""
    vocabulary = words(language)
    then = tidy.either(vocabulary["sequence_words"])
    goes = tidy.either([*vocabulary["asks"], *vocabulary["destination_markers"]])
    fillers = tidy.either(vocabulary["fillers"])
    if language == "zh":
        pattern = rf"(?:{then})(?:{fillers})*?((?:{goes}).+)"
    else:
        pattern = rf"(?<![\w'])(?:{then})(?: (?:{fillers}))* ((?:{goes})(?![\w']).+)"
    return tidy.compiled(pattern).search(spoken)


def asked_later(spoken: str, language: str, persons: Sequence[Mapping[str, Any]]) -> str:
    """Return `spoken` from the ride asked for after a call ("call my daughter then take me to
    tesco" -> "take me to tesco"): the person called first is not where to."""
    later = _going_later(spoken, language)
    if later is None or request(spoken[: later.start()], language, persons) != "family":
        return spoken
    return later.group(1)


def alone(spoken: str, language: str, phrases: Sequence[str]) -> bool:
    """Tell whether `spoken` is one of `phrases` and nothing else but fillers ("um what?")."""
    rest = tidy.strip_fillers(spoken, words(language)["fillers"], language)
    return rest in phrases or spoken in phrases


def _asks_for_someone(spoken: str, language: str) -> bool:
    """Tell whether Chinese `spoken` asks for a person to be fetched to the line, however that
    person is called ("找个接电话的小嫚来", "找个接线的人", "喊个人来")."""
    vocabulary = words(language)
    if "operator_asks" not in vocabulary:
        return False
    asks, counters = (
        tidy.either(vocabulary["operator_asks"]),
        tidy.either(vocabulary["operator_counters"]),
    )
    persons = tidy.either(vocabulary["operator_persons"])
    with_, talks = (
        tidy.either(vocabulary["operator_with"]),
        tidy.either(vocabulary["operator_talks"]),
    )
    fetched = tidy.either(vocabulary["operator_fetched"])
    machines = tidy.either(vocabulary["operator_machines"])
    cannot_tell = tidy.either(vocabulary["operator_cannot_tell"])
    # "我要跟个人说话": talking with a person, counted (个) or not, is asking for one too;
    # "人哈叫来" names the person before the asking, and "机器跟前我说不清" gives up on the
    # machine.
    return (
        re.search(rf"(?:{asks})(?:{counters})(?:.{{1,6}}的)?(?:{persons})", spoken) is not None
        or re.search(rf"(?:{with_})(?:{counters})(?:{persons})(?:{talks})", spoken) is not None
        or re.search(rf"^(?:{counters})?(?:{persons})(?:{asks})(?:{fetched})", spoken) is not None
        or re.search(rf"(?:{machines}).{{0,6}}?(?:{cannot_tell})", spoken) is not None
    )


def _hears_badly(spoken: str, language: str) -> bool:
    """Tell whether Chinese `spoken` says the caller did not hear or follow, a no word before or
    after 听 and what hearing gets ("冇听清", "没有听清楚", "听唔明"): that 不 is no answer."""
    vocabulary = words(language)
    if "hearing_negations" not in vocabulary:
        return False
    negations = tidy.either(vocabulary["hearing_negations"])
    results = tidy.either(vocabulary["hearing_results"])
    heard = rf"(?:{negations})听得?(?:{results})|听得?(?:{negations})(?:{results})"
    return re.search(heard, spoken) is not None


def _without_topics(spoken: str, language: str) -> str:
    """Return Chinese `spoken` without each repeat phrase said of someone else ("他们今天讲什么养生
    的"): what they talk about is no asking what the line said."""
    vocabulary = words(language)
    if language != "zh":
        return spoken
    others = tidy.either(vocabulary["repeat_said_by_others"])
    for start, end in sorted(tidy.spans(spoken, vocabulary["repeat"], language), reverse=True):
        said_by = re.search(rf"(?:{others})[^你]{{0,4}}$", spoken[max(0, start - 6) : start])
        if said_by is not None:
            spoken = spoken[:start] + spoken[end:]
    return spoken


def _without_aids_seen_to(spoken: str, language: str) -> str:
    """Return English `spoken` without a hearing aid an errand sees to ("my hearing aid
    appointment", "hearing aid checked"): the caller asks for the errand, not to hear again."""
    vocabulary = words(language)
    things = vocabulary.get("repeat_errand_things", ())
    if not things:
        return spoken
    seen_to = tidy.compiled(
        rf"(?<![\w'])(?:{tidy.either(things)}) (?:{tidy.either(vocabulary['repeat_errand_after'])})"
        rf"(?![\w'])"
    )
    return seen_to.sub(" ", spoken)


def _alone_repeat(spoken: str, language: str) -> bool:
    """Tell whether all that was said asks what was said ("what?", "eh, what's that, love?")."""
    vocabulary = words(language)
    if language == "zh":
        # "啥啥", "什么什么": what, said again.
        said = tidy.strip_fillers(spoken, vocabulary["fillers"], language)
        return re.fullmatch(rf"(?:{tidy.either(vocabulary['repeat_alone'])})+", said) is not None
    if not tidy.has_phrase(spoken, vocabulary["repeat_alone"], language):
        return alone(spoken, language, vocabulary["repeat_alone"])
    rest = tidy.without_phrases(spoken, vocabulary["repeat_alone"], language)
    # "you what bab", "pardon duck": the caller's form of address asks nothing else.
    rest = tidy.without_phrases(rest, dialects.lexicon(language).get("address", ()), language)
    return not tidy.strip_fillers(" ".join(rest.split()), vocabulary["fillers"], language)


def _asks_where_too(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether Chinese `spoken` asks when a ride comes with where it goes ("明天几时来接我去
    医院"), not after a long wait ("几时来接我去医院我等好久了"), nor with nothing after 去."""
    if tidy.has_phrase(spoken, vocabulary.get("waited_long", ()), language):
        return False
    return any(
        tidy.strip_fillers(spoken[end:], vocabulary["fillers"], language)
        for _, end in tidy.spans(spoken, vocabulary.get("status_with_destination", ()), language)
    )


def _waits_at_the_door(
    spoken: str, vocabulary: Mapping[str, Any], language: str, persons: Sequence[people.Person]
) -> bool:
    """Tell whether Chinese `spoken` says the caller has waited at the door long ("门口等好久了"),
    asking for no ride after it ("门口等好久了叫个车去医院" books one), and no one else waits
    there ("快递员在门口等好久了", "女儿在楼下等半天了")."""
    waits = tidy.spans(spoken, vocabulary.get("door_waits", ()), language)
    if not waits:
        return False
    before = spoken[: min(start for start, _ in waits)]
    waiters = [*vocabulary["others"], *vocabulary["titled_others"], *vocabulary["callers_visitors"]]
    if tidy.has_phrase(before, waiters, language) or people.mentioned(before, language, persons):
        return False
    return not tidy.has_phrase(
        spoken[max(end for _, end in waits) :], vocabulary["books"], language
    )


def _home_owners(places: Sequence[Mapping[str, Any]]) -> list[people.Person]:
    """Return the persons whose homes are among Chinese `places`, by the name each home is saved
    under ("二嫚家" -> 二嫚, "小芳家" -> 小芳): a caller phones them by that name too."""
    home = chinese_places.home(places)
    # The caller's own home ("俺家", "咱家") is saved for nobody to call; a one-character owner
    # is a word of whose, not a name.
    owners = {
        neighbours.home_owner(name)
        for place in places
        if place is not home
        for name in chinese_names.names(place)
    }
    return [
        people.Person(name=owner, relation=None, names=(owner,))
        for owner in owners
        if len(owner) > 1
    ]


def request(
    spoken: str,
    language: str,
    contacts: Sequence[Mapping[str, Any]] = (),
    places: Sequence[Mapping[str, Any]] = (),
) -> str | None:
    """Return "operator", "family", "cancel", "status", "repeat" or "menu" when `spoken` (tidied)
    asks for it, else None."""
    vocabulary = words(language)
    persons = people.people(contacts)
    # "给俺二嫚打个电话": the one a home is saved for ("二嫚家") is called by that name, though
    # no relation word or contact says it.
    called = [*persons, *(_home_owners(places) if language == "zh" else [])]
    # "i have no car take me to grady": having no car of one's own is why a ride is asked.
    spoken = " ".join(
        tidy.without_phrases(spoken, vocabulary.get("cars_not_owned", ()), language).split()
    )
    # "I didn't quite catch that" is "didn't catch"; "i don't really need the car", "don't need".
    plain = " ".join(
        tidy.without_phrases(spoken, vocabulary.get("softeners", ()), language).split()
    )
    # "我去找个人" goes to see someone: no person is asked to the line.
    spoken = _without_theirs(spoken, language)
    plain = _without_theirs(plain, language)
    for intent in ORDER:
        if intent == "cancel" and _asked_again(plain, language, contacts):
            continue
        if intent == "family" and _then_goes(plain, language):
            continue
        if intent == "status" and _asks_where_too(spoken, vocabulary, language):
            # "明天几时来接我去医院" asks when, with where: a ride to book, not one to find.
            continue
        if intent == "status" and _waits_at_the_door(spoken, vocabulary, language, persons):
            return intent
        if intent == "repeat":
            # "他们今天讲什么养生的": what someone talks about is no asking what was said.
            spoken, plain = _without_topics(spoken, language), _without_topics(plain, language)
            spoken, plain = (
                _without_aids_seen_to(spoken, language),
                _without_aids_seen_to(plain, language),
            )
        if tidy.has_phrase(spoken, vocabulary[intent], language) or tidy.has_phrase(
            plain, vocabulary[intent], language
        ):
            return intent
        if intent == "operator" and _asks_for_someone(spoken, language):
            return intent
        if intent == "repeat" and _hears_badly(spoken, language):
            return intent
        if (
            intent == "repeat"
            and _alone_repeat(spoken, language)
            and not tidy.has_phrase(spoken, vocabulary["yes"], language)
        ):
            # "uh huh" holds "huh", but it is a yes.
            return intent
        if (
            intent == "menu"
            and alone(spoken, language, vocabulary["menu_alone"])
            and not tidy.has_phrase(spoken, vocabulary.get("home_words", ()), language)
        ):
            # "go back" alone is back to the menu; "go back home" and "back to my place" go home.
            return intent
        if intent == "operator" and _asks_for_a_person(spoken, language):
            return intent
        if intent == "family" and (
            _calls_someone(spoken, language, called) or _wants_someone(spoken, language, persons)
        ):
            return intent
        if intent == "cancel" and (
            _called_off_around(plain, language)
            or _about_the_car(plain, language, "cancel_refusals")
            or _gives_up(plain, language)
            or _driven_instead(plain, language, persons)
        ):
            return intent
        if (
            intent == "status"
            and (
                _about_the_car(spoken, language, "status_questions")
                or _asks_when_it_comes(spoken, language)
                or _arrived(spoken, language)
            )
            and not tidy.has_phrase(spoken, vocabulary["books"], language)
        ):
            # "I need a car to the infirmary, I've waited weeks" books one.
            return intent
    return None
