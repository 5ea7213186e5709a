"""Turning one utterance into an intent: yes, no, cancel, status, operator, family, a menu choice, a
place, an address, a time."""

import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from typing import Any, cast

from elderride.intake import (
    aliases,
    answers,
    cancels,
    chinese_names,
    chinese_streets,
    corrections,
    denials,
    dialects,
    english_scores,
    english_sounds,
    english_words,
    errands,
    free_addresses,
    menus,
    not_now,
    numbered_names,
    others_trips,
    people,
    phoned,
    pickups,
    place_matching,
    place_talk,
    purposes,
    refusals,
    requests,
    sounds,
    tidy,
    times,
    visits,
)
from elderride.intake.intent import Intent, Kind, PlaceNamed, When
from elderride.intake.vocabulary import words

# A turn is at most a minute or so of speech (~150 English words, ~300 Chinese characters); reading
# grows faster than the text, so a longer one (a stuck recognizer, a forged webhook) is read by
# its last words, where a caller's last request is.
LONGEST = 800


def _counted_apart(
    spoken: str, place: Mapping[str, Any], vocabulary: Mapping[str, Any], language: str
) -> bool:
    """Tell whether `spoken`, a menu choice, says its number as a count and not one of the place's
    names whole: "number two" is no Number Two Road, "first" may be First Baptist, and "第一个" is
    no 第一人民医院."""
    if language == "zh":
        return not tidy.has_phrase(spoken, chinese_names.names(place), language)
    names = [tidy.english(name) for name in [place["label"], *(place.get("aliases") or ())]]
    said_whole = tidy.has_phrase(spoken, [name for name in names if name], language)
    # "the first one" to First African Baptist: an ordinal with a menu noun counts.
    counted = [
        f"{ordinal} {noun}"
        for ordinal in vocabulary["ordinals"]
        for noun in vocabulary["menu_nouns"]
    ]
    if tidy.has_phrase(spoken, counted, language):
        return not said_whole
    if set(spoken.split()) & set(vocabulary["ordinals"]):
        return False
    return not said_whole


def _names(places: Iterable[Mapping[str, Any]]) -> list[str]:
    """Return each name of the senior's Chinese places, tidied."""
    return [name for place in places for name in chinese_names.names(place)]


def parse(
    text: str,
    *,
    language: str = "en",
    places: Iterable[Mapping[str, Any]] = (),
    contacts: Iterable[Mapping[str, Any]] = (),
    now: datetime.datetime | None = None,
    timezone: str = "UTC",
    menu_size: int | None = None,
) -> Intent:
    """Return the intent of `text`, with the place, address and time it names and a confidence from
    0 to 1."""
    said, text = text, _last_words(text)
    places, contacts = aliases.heard(places), list(contacts)
    settings: dict[str, Any] = {"now": now, "timezone": timezone, "menu_size": menu_size}
    intent = dataclasses.replace(
        _parse_as_written(text, language, places, contacts, **settings), text=said
    )
    if intent.kind == "place":
        return intent
    if language != "zh":
        # Only what names nothing else is heard again by sound: a yes or a time is no place.
        if intent.kind not in ("unknown", "address"):
            return intent
        return _heard_by_sound(text, intent, places, contacts, settings)
    # Last, a preset's name written with its sound and other characters ("鞋 和 医院"): read with
    # its own characters, the words must name that preset by every rule that reads a name.
    respelling = sounds.respelled(text, places, contacts)
    if respelling is None:
        return intent
    heard = _parse_as_written(respelling.text, language, places, contacts, **settings)
    meant = respelling.place
    if heard.place is None or (heard.place.id, heard.place.label) != (
        meant.get("id"),
        meant["label"],
    ):
        return intent
    return dataclasses.replace(heard, text=said, confidence=round(heard.confidence * 0.9, 2))


def _heard_by_sound(
    text: str,
    intent: Intent,
    places: list[Mapping[str, Any]],
    contacts: list[Mapping[str, Any]],
    settings: Mapping[str, Any],
) -> Intent:
    """Return `intent`, or the preset English `text` names only by sound ("go to twin fat please"
    for Thuan Phat) when, written that preset's way, the words name it by every rule."""
    respelling = english_sounds.respelled(tidy.english(text), places)
    if respelling is None:
        return intent
    heard = _parse_as_written(respelling.text, "en", places, contacts, **settings)
    meant = respelling.place
    if heard.place is None or (heard.place.id, heard.place.label) != (
        meant.get("id"),
        meant["label"],
    ):
        return intent
    return dataclasses.replace(heard, text=intent.text, confidence=round(heard.confidence * 0.8, 2))


def _last_words(text: str) -> str:
    """Return the last `LONGEST` characters of `text`, from a word's start when one is near."""
    if len(text) <= LONGEST:
        return text
    tail = text[-LONGEST:]
    space = tail.find(" ")
    return tail[space + 1 :] if 0 <= space < LONGEST // 4 else tail


def _parse_as_written(
    text: str,
    language: str,
    places: list[Mapping[str, Any]],
    contacts: list[Mapping[str, Any]],
    *,
    now: datetime.datetime | None,
    timezone: str,
    menu_size: int | None,
) -> Intent:
    """Return the intent of `text` read as it is written."""
    vocabulary = words(language)
    tidied = tidy.chinese(text) if language == "zh" else tidy.english(text)
    spoken = dialects.standard(tidied, language, places, contacts)
    # "我不得不上医院", "no choice but to go": having to go is going, and its 不 is no refusal.
    spoken = tidy.standard_words(spoken, vocabulary["obligations"], language=language)
    # "药房买药不是去医院": a place denied after the errand is refused.
    spoken = denials.denials_as_refusals(spoken, vocabulary, language)
    # "the general sorry love i'm all over the shop today": a muddle owned up to is no shop.
    spoken = corrections.without_muddles(spoken, vocabulary, language)
    if language == "zh":
        # "闺女说让我去她那吃饭": her place is the daughter's.
        spoken = people.hosts_named(spoken, people.people(contacts))
        # "去看孙子在南康那里": where the grandchild is is where to.
        spoken = visits.visited_where(spoken, vocabulary, people.people(contacts))
        # "志强住院了在湘雅 你送我过去": there is where the relative is.
        spoken = visits.pointed_back(spoken, vocabulary)
        # "丽丽在菜市场买菜送我去丽丽家": the ride asked after where she is.
        spoken = visits.asked_on_from_where_someone_is(spoken, vocabulary)
        # "小军叫我去": asked to go, with no where said.
        spoken = visits.without_bare_summons(spoken, vocabulary, contacts)
        # "俺孙子他爸家": a grandchild's father is the son.
        spoken = visits.grandchilds_parents(spoken, vocabulary, people.people(contacts))
    # "第二个不中", "二院不对": a menu number or preset refused or questioned is no choice of it.
    judged = menus.judged(spoken, vocabulary, language, _names(places))
    if judged is not None:
        return Intent(
            kind=judged, text=text, language=language, confidence=0.9 if judged == "no" else 0.0
        )
    if phoned.phoned(spoken, vocabulary, language, _names(places), people.people(contacts)):
        # "给步步高打个电话": a shop rung is no trip.
        return Intent(kind="unknown", text=text, language=language)
    # "No don't cancel it", "cancel my hair appointment", 取消我女儿的车: a cancel that calls off no
    # ride of the caller's is no cancel, and its no still answers.
    kept = cancels.keeps_the_ride(spoken, language)
    others_ride = cancels.someone_elses(spoken, language, contacts)
    spoken = cancels.other_cancels(spoken, language, contacts)
    # "ring my daughter and then take me to tesco": the last request wins, and whom they call first
    # names no place.
    spoken = requests.asked_later(spoken, language, contacts)
    # "是啊不去了明天去", "not today, i'll go tomorrow": a ride moved to another time asks for that
    # time, and cancels nothing.
    spoken = requests.moved_later(spoken, language, contacts)
    # "marcus is taking me to grady tomorrow i need a ride home at three": the caller's own ride.
    spoken = not_now.own_ride_after_taken(spoken, vocabulary, language)
    if not spoken:
        return Intent(
            kind="no" if kept else "unknown",
            text=text,
            language=language,
            confidence=0.9 if kept else 0.0,
            for_someone_else=others_ride and not kept,
        )
    if language != "zh":
        # "pick me up seven eleven": a name made only of numbers is heard only where a place is.
        places = numbered_names.heard(spoken, places)
    when: When | None
    # "Lovely day today", "今天天气不错": a remark on the day names no time.
    when, rest = times.parse(
        corrections.time_corrected(
            answers.without_remarks(
                times.without_past_times(times.without_today_told(spoken, language), language),
                language,
            ),
            vocabulary,
            language,
        ),
        language,
        now=now,
        timezone=timezone,
        names=english_scores.numbered_names(places) if language != "zh" else (),
        placed=[
            *numbered_names.on_its_street(spoken, places),
            *numbered_names.said_apart(places),
        ]
        if language != "zh"
        else (),
    )

    if times.told_of_the_past(spoken, language):
        # "my sister rang this morning": when it happened is no time for a car.
        when = None
    # "don't move it to four", "why did you move it to four": a move refused or asked about is
    # no time asked for.
    move = times.move_not_asked(spoken, language)
    if move is not None:
        when = None
    # Set once the caller is heard asking for someone else's trip: what is then not understood
    # is told why ("a taxi for my husband").
    someone_else = others_ride

    def decide(kind: Kind, confidence: float, **slots: Any) -> Intent:
        return Intent(
            kind=kind,
            text=text,
            language=language,
            confidence=confidence,
            when=when,
            for_someone_else=kind == "unknown" and someone_else,
            **slots,
        )

    family = list(contacts)
    if move == "no":
        # "i'd rather you didn't move it to four": the ride stays as it is.
        return decide("no", 0.9)
    # "不去了, 还是去外孙女家": a request taken back is not asked for.
    asked = requests.request(
        corrections.after_correction(spoken, vocabulary, language) or spoken,
        language,
        family,
        list(places),
    )
    if asked is not None:
        return decide(cast(Kind, asked), 0.9)
    if not_now.hindered(spoken, vocabulary, language, family):
        # "i'm supposed to go to grady but linda is taking me": a plan told with what stands in
        # its way asks for no car (a careful operator would ask).
        return decide("unknown", 0.0)
    if not_now.waits_for_others(spoken, vocabulary, language):
        # "i'm sitting here at home waiting for kroger to deliver": no ride, nor an address.
        return decide("unknown", 0.0)
    if corrections.stays_in(spoken, vocabulary, language):
        # Staying in with no ride named decides nothing: see cancel_plans in voice/intake.
        return decide("unknown", 0.0)
    # "The market, no wait, the hospital": what was said last is what is meant.
    corrected = corrections.after_correction(rest, vocabulary, language)
    if language != "zh":
        # "basildon no southend hospital": a bare no before one of their places corrects, and
        # corrects again after a correction ("grady i mean kroger no grady").
        corrected = (
            corrections.after_bare_no(
                corrected or rest,
                vocabulary,
                lambda said: place_matching.begins_with_a_name(said, list(places), family),
            )
            or corrected
        )
    # "take me to the legion no the vfw": the request said before the correction still asks.
    asking = corrected is not None and tidy.has_phrase(
        rest[: rest.rfind(corrected)],
        [*vocabulary["asks"], *vocabulary["destination_markers"]],
        language,
    )
    if corrected is not None:
        rest = corrections.without_trailing(corrected, vocabulary, language)
    apart = answers.told_apart(rest, language, _names(places))
    if apart is not None:
        # "大润发不是家乐福" tells two places apart: it asks for the first only with a word that
        # asks ("去大润发不是家乐福"), and a place it names is read again, never guessed.
        if not tidy.has_phrase(
            apart[0], [*vocabulary["asks"], *vocabulary["destination_markers"]], language
        ):
            return decide("unknown", 0.0)
        rest = apart[0]
    # "Not home, the hospital", "我不去银行", "不对, 我不去医院": a place refused is not where.
    refusal = refusals.after_refused_place(rest, vocabulary, language, list(places), family)
    rest = rest if refusal is None else refusal
    # "the croydon university hospital what dem used to call mayday": an old name told is no habit.
    rest = place_talk.without_former_names(rest, vocabulary, language)
    # Where they were, were promised or stay is nowhere to drive them: "i was at the surgery on
    # monday", "我上礼拜去医院", "i'll stay in today".
    elsewhere = place_talk.asked_after(
        rest,
        vocabulary,
        language,
        family,
        asking=asking,
        names=_names(places) if language == "zh" else (),
    )
    someone_else = (
        others_ride
        or elsewhere is not None
        and others_trips.for_someone_else(rest, vocabulary, language, family)
    )
    if elsewhere == "":
        return decide("unknown", 0.0)
    rest = rest if elsewhere is None else elsewhere
    if language != "zh":
        # "i'm at the winn dixie and need to get back home": where they are is not where to.
        rest = pickups.without_pickup(rest, vocabulary, list(places), family, when)
        # "the heart doctor at logan regional": whom they see there is not where.
        rest = visits.at_staffs_place(rest, vocabulary, list(places), family)
    # "Anywhere's fine", "去哪都行" at "where to": no place, no address and no yes; it asks again.
    anywhere = answers.any_place(spoken, language)
    if answers.only_yes(spoken, language) and not anywhere:
        # "That'd be grand" answers the question: it names no Grand Avenue Library.
        return decide("yes", 0.9)
    # Where, not why: "the care home to visit my brother" is about the care home.
    where = (
        purposes.before_chinese_purpose(
            purposes.before_reported(rest, vocabulary, family), vocabulary, people.people(family)
        )
        if language == "zh"
        else purposes.without_purpose(rest, vocabulary, list(places))
    )
    place, confidence = place_matching.best_place(where, list(places), language, family)
    if place is not None and (
        errands.names_it_only(where, place, list(places), language)
        or (
            errands.left_of_one(where, spoken, language)
            and errands.names_it_only(spoken, place, list(places), language)
        )
    ):
        # "for the service" is worship even with an Esso service station, and "the shops" with a
        # market and a supermarket is neither: the errand's own kind says which, or that two fit.
        # The errand is read before its time is taken away too ("the morning service").
        place = errands.place_for(rest, list(places), language) or errands.place_for(
            spoken, list(places), language
        )
        confidence = 0.8
    if place is not None and errands.done_elsewhere(where, place, list(places), language):
        # "the walmart on northwest expressway i need groceries": the errand names their grocery
        # store, and the caller says it is done at another shop.
        place = None
    # "黄龙菜场去买菜", "市一院拿药": a place of some kind named with the errand, and none of
    # theirs, is where the errand is done; the errand's words never make it one of theirs.
    other_named = place is None and free_addresses.names_a_kind(
        errands.without(where, language), language, places
    )
    if place is None and where != rest and not other_named:
        # "my tooth's been aching, i need to see the dentist": the purpose names the place.
        place, confidence = place_matching.best_place(rest, list(places), language, family)
    if place is None and errands.said(where, language):
        # "去寺里烧香": the place is named with the errand's words around it.
        place, confidence = place_matching.best_place(
            errands.without(where, language), list(places), language, family
        )
    verb_final = (
        visits.said_before_going(where, people.people(family))
        if place is None and language == "zh" and not other_named
        else None
    )
    if verb_final is not None:
        # "协会去今天有宴会": in speech that puts the verb last, what comes before 去 is where.
        place, confidence = place_matching.best_place(verb_final, list(places), language, family)
    # Nobody can be driven to "buy some vegetables": an errand's words are never an address.
    address = free_addresses.free_address(
        errands.without(where, language), vocabulary, language, where=where != rest
    )
    if address and language != "zh" and address.split()[0] in vocabulary["purpose_verbs"]:
        # "i need to pick up a prescription, they rang": what follows "to" is the errand, no
        # address.
        address = None
    if (
        address
        and language == "zh"
        and errands.first(where)
        and not chinese_streets.STREET.search(address)
    ):
        # "去看医生啦老毛病心脏的": the errand right after 去 says where; what follows it is why,
        # unless it names a street ("去看医生，建设路三十号").
        address = None
    if place is None and not address and language != "zh":
        # "the market in brixton please": a place and another town, with no verb, asks for it
        # there as "take me to the market in brixton" does; no preset is another branch.
        address = free_addresses.place_said_alone(
            errands.without(where, language), vocabulary, list(places), people.people(family)
        )
    if place is None and not address and not other_named:
        # An address said with the errand ("see the doctor at 55 harbor street") says where.
        place, confidence = errands.place_for(rest, list(places), language), 0.8
    if answers.chats(spoken, language, _names(places)):
        # "今天好冷哦南宁都冷成这样": where it is cold is no place to go, nor an address.
        place, address = None, None
    choice = menus.menu_choice(spoken, vocabulary, language, menu_size)
    if (
        place is not None
        and choice is not None
        and _counted_apart(spoken, place, vocabulary, language)
    ):
        # "number two" to a son on "Number Two Road": only choosing words were said, and the
        # road's name was not; the menu's number is what was chosen.
        place = None
    if place is not None:
        named = PlaceNamed(id=place.get("id"), label=place["label"], address=place.get("address"))
        return decide("place", confidence, place=named)
    if address and not anywhere:
        # A free address is for a person to check: the parser cannot know it exists.
        return decide("address", 0.5, address=address)
    if choice is not None:
        return decide("menu", 0.9, choice=choice)
    # A remark on the weather answers nothing: "天气不好" is no no, "lovely day" no yes.
    answered = answers.after_hold(
        answers.without_remarks(
            corrections.after_correction(spoken, vocabulary, language) or spoken, language
        ),
        language,
    )
    # "No worries, go ahead" and "不知道" hold a no word but say no no.
    said_no = (
        tidy.has_phrase(answers.for_no(answered, language), vocabulary["no"], language)
        or refusals.declined(answered, vocabulary, language, now, timezone)
        or kept
    )
    # "嗯" alone is a yes; "嗯, 那个叫什么来着" is someone thinking.
    # Chinese is matched without word spaces: 行 in 银行 or 对 in 对面 says nothing.
    yes_heard = answers.for_yes(answered, language)
    said_yes = (
        tidy.has_phrase(yes_heard, vocabulary["yes"], language)
        or answers.lone_yes(answered, language)
    ) and not (
        answers.asks_back(answered, language) or answers.trails_off(answered, language) or anywhere
    )
    if refusal is not None or tidy.has_phrase(spoken, vocabulary["place_refusals"], language):
        # "i'm not going to the heart doctor, i'm fine" refuses a place: never a yes, nor a time,
        # and a no only when the caller began with one ("no, i won't go to the hospital"; not
        # "我不去医院", whose 不 is the refusal's).
        said_yes, when = False, None
        said_no = said_no and (
            refusals.begins_with_no(spoken, vocabulary, language)
            or corrections.told_wrong(spoken, vocabulary, language)
        )
    if other_named:
        # "金砂公园行行": a place none of theirs, agreed to, is asked for; it answers no
        # question.
        said_yes = False
    if answers.contrasts(answered, language, _names(places)):
        # "协和医院不是同济" tells another place apart: no answer, whatever 不是 or 是 it holds.
        said_yes = said_no = False
    if said_no:
        # "that's not right" holds "right": a negation outweighs the yes inside it.
        return decide("no", 0.85 if said_yes else 0.9)
    if said_yes:
        return decide("yes", 0.9)
    if when is not None and other_named:
        # "老年大学我报了书法班今朝上课": the day is when the caller is at a place of none of
        # theirs; it answers no "when" of a ride to one of them.
        return decide("unknown", 0.0)
    if when is not None and not_now.taken_by_another(spoken, vocabulary, language):
        # "my daughter's taking me tomorrow": the day is hers, and no ride is asked.
        return decide("unknown", 0.0)
    if when is not None and not (
        _says_more(rest, vocabulary, language)
        and (
            times.by_weekday(spoken, language)
            or times.only_a_day(spoken, language)
            and _names_a_kind(rest, language)
        )
    ):
        # "friday please" answers when; "i need my hair done on tuesday" asks for somewhere the
        # parser did not find, as "the market in nuneaton it's on today ain't it" speaks of one;
        # a day alone books nothing.
        return decide("time", 0.8)
    return decide("unknown", 0.0)


def _names_a_kind(rest: str, language: str) -> bool:
    """Tell whether English `rest` says a kind of place ("the market", "the church")."""
    return language != "zh" and any(english_words.says_a_kind(token) for token in rest.split())


def _says_more(rest: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether `rest`, the words left once the time is taken out, says more than fillers and
    words that only link ("on", "at")."""
    rest = times.without_weekdays(rest, language)
    if language == "zh":
        return bool(tidy.strip_fillers(rest, vocabulary["fillers"], language))
    # "move it to monday" moves the ride: the words that move it say nothing more.
    rest = tidy.without_phrases(rest, vocabulary["time"]["moved_to"], language)
    said = [word for word in rest.split() if word not in vocabulary["function_words"]]
    return bool(tidy.strip_fillers(" ".join(said), vocabulary["fillers"], language))
