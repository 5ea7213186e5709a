"""Turning one utterance into an intent: yes, no, cancel, status, operator, family, a menu choice, a
place, an address, a time."""

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

from elderride.intake import (
    aliases,
    answers,
    cancels,
    chinese_places,
    dialects,
    errands,
    not_here,
    numbers,
    people,
    place_matching,
    requests,
    sounds,
    tidy,
    times,
)
from elderride.intake.intent import Intent, Kind, PlaceNamed, When
from elderride.intake.vocabulary import words


def _after_correction(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str | None:
    """Return what follows the caller's last correction ("the market no wait the hospital"), or
    None when they made none (or said nothing after it)."""
    ends = []
    if language == "zh":
        # "华西医院不对是文殊院我说错了": a correction said after the words it corrects ends them;
        # what is said last before it is what is meant.
        said = tidy.spans(spoken, vocabulary["corrections"], language)
        # "永辉超市唔系啊系大慈寺", "华西不是，是文殊院": not A, it is B.
        said += [
            match.span()
            for match in re.finditer(
                rf"(?:{tidy.either(vocabulary['contrast_words'])})"
                rf"(?:{tidy.either(vocabulary['fillers'])})*?"
                rf"(?:{tidy.either(vocabulary['contrast_corrections'])})",
                spoken,
            )
        ]
        # "不是老年大学，是社区那个活动室": not a place of some kind, it is another; "不是医院, 是我
        # 儿子来接我" names a relative, not another place, and turns the ride down.
        said += [
            match.span()
            for match in tidy.compiled(
                rf"^(?:{tidy.either(vocabulary['fillers'])})*"
                rf"(?:{tidy.either(vocabulary['contrast_words'])})"
                rf"(.{{1,8}}?)(?:{tidy.either(vocabulary['contrast_corrections'])})"
            ).finditer(spoken)
            if tidy.has_phrase(match.group(1), vocabulary["kinds"], language)
            and not people.mentioned(spoken[match.end() :], language, ())
        ]
        for _, end in said:
            following = [start for start, _ in said if start >= end]
            meant = spoken[end : min(following, default=len(spoken))]
            if tidy.strip_fillers(meant, vocabulary["fillers"], language):
                ends.append(end)
        rest = spoken[max(ends) :] if ends else ""
        rest = tidy.without_phrases(rest, vocabulary["corrections"], language).replace(" ", "")
        return rest or None
    for marker in vocabulary["corrections"]:
        ends += [match.end() for match in tidy.whole(marker).finditer(spoken)]
    rest = spoken[max(ends) :].strip() if ends else ""
    return rest or None


def _stays_in(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether the caller only says they stay in ("not going out in this wind", "哪儿也不去"),
    asking for no ride before or after it."""
    staying = tidy.spans(spoken, vocabulary["staying_in"], language)
    if not staying:
        return False
    first, last = min(start for start, _ in staying), max(end for _, end in staying)
    if tidy.spans(spoken[last:], vocabulary["asks"], language):
        return False
    # "不去了，我不想出门": the refusal before it asks nothing; "take me home, i'm not going out
    # again" does.
    before = tidy.without_phrases(spoken[:first], vocabulary["place_refusals"], language)
    return not tidy.spans(
        before, [*vocabulary["asks"], *vocabulary["destination_markers"]], language
    )


def _without_trailing(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return English `spoken` without the words that only order what was said, said last ("the
    library first"), and without what the caller will do after the place they go to first."""
    if language == "zh":
        return spoken
    # "the surgery first then i'll walk to boots myself": what comes later is not where to now.
    later = tidy.either(vocabulary["later"])
    spoken = re.sub(rf"(?<![\w'])(first) (?:{later})(?![\w']).*$", r"\1", spoken)
    ends = tidy.either(vocabulary["trailing"])
    return re.sub(rf"(?:^| )(?:{ends})$", "", spoken).strip() or spoken


CHINESE_NUMERALS = "零〇一二两三四五六七八九十"
# A turn is at most a minute or so of speech (~150 English words, ~300 Chinese characters); reading
# grows faster than the text, so a longer one (a stuck recognizer, a forged webhook) is read by
# its last words, where a caller's last request is.
LONGEST = 800
# A caller takes a place back two or three times in a turn ("不去医院俺不去医院俺没事"); the last
# refusals are read, and a turn holding more names no place (each costs a reading of the places).
REFUSALS_READ = 6
# The most characters (Chinese) or words (English) a place refused is said in after its refusal
# ("不去苏大附一院十梓街院区了", "not the st peter's church in brooke, ...").
REFUSED_LONGEST = {"zh": 20, "en": 12}
# How many ways of ending a place refused are read, each with the rest of the turn after it.
REFUSED_READINGS = 4


def _time_corrected(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return `spoken` without a time the caller took back ("at ten no eleven" -> "at eleven",
    "十点不对十一点" -> "十一点"): "no" between two times corrects the first."""
    markers = "|".join(
        re.escape(marker)
        for marker in sorted({*vocabulary["corrections"], *vocabulary["no"]}, key=len, reverse=True)
    )
    if language == "zh":
        number = rf"[{CHINESE_NUMERALS}\d]"
        return re.sub(rf"{number}+点(?:半|{number}+分?)?(?:{markers})(?={number})", "", spoken)
    names = "|".join(
        re.escape(name) for name in sorted(vocabulary["numbers"], key=len, reverse=True)
    )
    number = rf"(?:\d{{1,2}}(?::\d\d)?|{names})"
    taken_back = rf"{number}(?: {number})?(?: o'clock| am| pm)? (?:{markers}) "
    return re.sub(rf"(?<![\w']){taken_back}(?={number}(?![\w']))", "", spoken)


def _after_refused_place(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    places: list[Mapping[str, Any]],
    family: list[Mapping[str, Any]],
) -> str | None:
    """Return what says where once a place refused is left out ("not home, the hospital" -> "the
    hospital"; "我不去银行" -> ""), or None when `spoken` refuses no place."""
    # Each refusal asks of the same words again and again (its place, what follows it): each is
    # matched against the senior's places once a turn.
    matched: dict[str, Mapping[str, Any] | None] = {}

    def named(said: str) -> Mapping[str, Any] | None:
        if said not in matched:
            matched[said] = place_matching.best_place(said, places, language, family)[0]
        return matched[said]

    meant = _after_last_refusal(spoken, vocabulary, language, named)
    # "不去医院俺不去医院俺没事": what is left may refuse the same place again ("no i don't want to
    # go there i said the clinic" says where after its refusal). A loop, not a recursion: a turn
    # may hold as many refusals as words.
    for _ in range(REFUSALS_READ):
        if meant is None or language != "zh":
            return meant
        again = _after_last_refusal(meant, vocabulary, language, named)
        if again is None:
            return meant
        meant = again
    # Refused more often than a caller does: which place is left is not read, and none is.
    return ""


def _after_last_refusal(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    named: Callable[[str], Mapping[str, Any] | None],
) -> str | None:
    """Return what says where once the last refusal that refuses a place is left out, or None when
    `spoken` refuses no place."""
    if language == "zh":
        found = [
            (spoken.rfind(marker), spoken.rfind(marker) + len(marker))
            for marker in vocabulary["place_refusals"]
            if marker in spoken
        ]
    else:
        # A bare "not" refuses only when it comes first or after a no ("the surgery, no, not the
        # surgery"); "i'm not sure, the hospital" refuses nothing.
        noes = "|".join(re.escape(word) for word in vocabulary["no"] if " " not in word)
        found = [
            match.span(1) for match in re.finditer(rf"(?:^|(?<![\w'])(?:{noes}) )(not)\b", spoken)
        ]
        # "the walgreens on camelback, not the cvs": "not" before a place's article refuses it
        # wherever it comes.
        articles = tidy.either(vocabulary["refused_after_not"])
        found += [
            match.span(1) for match in re.finditer(rf"(?<![\w'])(not) (?:{articles})\b", spoken)
        ]
        found += [
            match.span()
            for marker in vocabulary["place_refusals"]
            for match in tidy.whole(marker).finditer(spoken)
        ]
    if not found:
        return None
    # The last refusal first: "not the chemist, i'm not going there, they get it wrong" refuses
    # the chemist with its first words.
    last = sorted(found, key=lambda span: span[1], reverse=True)
    for start, end in last[:REFUSALS_READ]:
        meant = _refused_from(
            spoken[:start].strip(), spoken[end:].strip(), vocabulary, language, named
        )
        if meant is not None:
            return meant
    # More refusals than a caller says, none of the last refusing a place: one before them may
    # refuse what is said after it, so no place is taken as meant.
    return "" if len(last) > REFUSALS_READ else None


def _declined(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    now: datetime.datetime | None,
    timezone: str,
) -> bool:
    """Tell whether the caller declines without a no word ("not today thanks", 改天吧), and names
    no other time after it ("not today, tomorrow at ten")."""
    spans = tidy.spans(spoken, vocabulary["declines"], language)
    if not spans:
        return False
    after = tidy.strip_fillers(
        spoken[max(end for _, end in spans) :].strip(), vocabulary["fillers"], language
    )
    # "give it a miss today" names the day declined, not another.
    if not after or after in vocabulary["time"]["today"]:
        return True
    return times.parse(after, language, now=now, timezone=timezone)[0] is None


def _begins_with_no(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether `spoken` begins (after fillers) with a no that is not the start of a place
    refusal: "no, i'm not going there" does, "不去医院" and "not the chemist" do not."""
    said = tidy.strip_fillers(spoken, vocabulary["fillers"], language)
    refusals = tidy.spans(said, vocabulary["place_refusals"], language)
    return any(
        start == 0 and not any(begin <= start < stop for begin, stop in refusals)
        for start, _ in tidy.spans(said, [*vocabulary["no"], *vocabulary["declines"]], language)
    )


def _refused_from(
    before: str,
    after: str,
    vocabulary: Mapping[str, Any],
    language: str,
    named_by: Callable[[str], Mapping[str, Any] | None],
) -> str | None:
    """Return what says where around one refusal (`before` and `after` it), or None when it
    refuses no place."""
    units, join = (list(after), "") if language == "zh" else (after.split(), " ")
    nowhere = tidy.without_phrases(after, vocabulary["nowhere"], language)
    if language != "zh":
        nowhere = " ".join(
            word for word in nowhere.split() if word not in vocabulary["function_words"]
        )
    if not tidy.strip_fillers(nowhere.strip(), vocabulary["fillers"], language):
        # "she says i ought to go to the clinic but i won't go", "the surgery, no, i don't want to
        # go anywhere": the refusal, said last, refuses every place before it.
        return ""

    def named(words_said: list[str]) -> Mapping[str, Any] | None:
        return named_by(join.join(words_said))

    if language == "zh":
        # "菜市场不去了，去附院": a place asked for after the refusal is where, before any split
        # of the words ("不去超市了去华润万家" is not 家).
        asked = tidy.spans(after, vocabulary["destination_markers"], language)
        if asked and named(list(after[asked[0][0] :])) is not None:
            return after[asked[0][0] :]
    # A place refused is named in the first words after its refusal, and what follows it is read
    # after the first few splits that name it ("协和医院", "协和医院那边"): reading the rest after
    # every word of a long turn would cost the square of its length.
    splits = [
        split
        for split in range(1, min(len(units), REFUSED_LONGEST[language]))
        if named(units[:split]) is not None
    ][:REFUSED_READINGS]
    for split in splits:
        refused, meant = named(units[:split]), named(units[split:])
        if meant is not None and refused is not meant:
            return join.join(units[split:])
    if named(units) is not None:
        return before
    if language != "zh" and any(named(units[split:]) is None for split in splits):
        # "not the church today father's away": the place said first is refused, with its
        # reason after it.
        return before
    if language == "zh" and named(list(before)) is not None:
        # "医院我不去，去了也木得用": the place said first and refused, with only a reason after
        # it, is refused.
        return ""
    if language != "zh" and set(units) & set(vocabulary["another_of_kind"]):
        # "the library in oak park, not the main one": another branch of a kind they have is
        # none of their places.
        return ""
    if _refuses_somewhere(after, vocabulary, language):
        # "我不去银行了", "i'm not going to the dentist": a place that is none of theirs is refused
        # as well, never an address; an address asked for after it ("...去建设路二十号") still is.
        later = [
            start
            for start, _ in tidy.spans(after, _later_markers(vocabulary, language), language)
            if start > 0
        ]
        return after[min(later) :] if later else before
    return None


def _later_markers(vocabulary: Mapping[str, Any], language: str) -> list[str]:
    """Return the words that ask for a place after one refused: 去, 到, 回 in Chinese, "take me
    to" in English ("to" alone also follows a verb)."""
    markers = vocabulary["destination_markers"]
    return markers if language == "zh" else [marker for marker in markers if " " in marker]


def _refuses_somewhere(after: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether the words `after` a refusal are a place refused: in Chinese anything said after
    不去; in English a thing ("the dentist") after "not going to", never "not going to be late"."""
    if language == "zh":
        return bool(tidy.strip_fillers(after, vocabulary["fillers"], language))
    said = after.split()
    return bool(said) and said[0] in vocabulary["refused_after_not"]


def _without_pickup(
    spoken: str,
    vocabulary: Mapping[str, Any],
    places: list[Mapping[str, Any]],
    family: list[Mapping[str, Any]],
    when: When | None,
) -> str:
    """Return English `spoken` without where the caller says they are ("i'm at the winn dixie"),
    when the rest still names a place to go to or they are there now ("i'm at the clinic")."""
    markers = "|".join(
        re.escape(marker) for marker in vocabulary["pickup_markers"] if " " in marker
    )
    # The place they are at ends where its location phrase would ("and", "so", "to", "i"...) or
    # where they ask for the ride ("i'm at the clinic take me home").
    asked = [*vocabulary["asks"], *(filler for filler in vocabulary["fillers"] if " " in filler)]
    ends = tidy.either([*vocabulary["location_ends"], *asked])
    found = re.search(rf"(?<![\w'])(?:{markers}) .*?(?:$|(?<![\w'])(?={ends}(?![\w'])))", spoken)
    if not found:
        return spoken
    rest = (spoken[: found.start()] + " " + spoken[found.end() :]).strip()
    meant = place_matching.best_place(rest, places, "en", family)[0]
    if meant is not None:
        return rest
    # "i'm at the clinic" alone is where to pick them up; "i'm at the hospital on tuesday" is
    # an appointment there.
    here = tidy.has_phrase(found.group(), vocabulary["pickup_here"], "en")
    later = (when is not None and not when.get("now")) or tidy.has_phrase(
        spoken, vocabulary["plan_words"], "en"
    )
    return rest if here and not later else spoken


def _at_staffs_place(
    spoken: str,
    vocabulary: Mapping[str, Any],
    places: list[Mapping[str, Any]],
    family: list[Mapping[str, Any]],
) -> str:
    """Return English `spoken` from the place where the caller sees someone ("the heart doctor at
    logan regional" -> "logan regional"), when that names one of their places."""
    staff = tidy.either(vocabulary["staff"])
    directions = tidy.either(vocabulary["location_directions"])
    prepositions = tidy.either(vocabulary["staff_prepositions"])
    for found in re.finditer(
        rf"(?<![\w'])(?:{staff}) (?:(?:{directions}) )?(?:{prepositions}) (?=\S)", spoken
    ):
        rest = spoken[found.end() :]
        if place_matching.best_place(rest, places, "en", family)[0] is not None:
            return rest
    return spoken


def _says_somewhere(words_said: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether English `words_said` hold a word that could name a place: "do the", "i have"
    (all that is left of "i have to collect my prescriptions") and "her i says" name none."""
    empty = {
        *vocabulary["function_words"],
        *vocabulary["fillers"],
        *vocabulary["purpose_verbs"],
        *vocabulary["no_place_words"],
    }
    return any(word not in empty for word in words_said.split())


def _without_purpose(
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
    where = spoken[: cuts[0]] if cuts else spoken
    # "Take me to see my son" names no place before the purpose: the purpose is where; "i don't
    # want to see the doctor" names none either, only a refusal.
    named = tidy.strip_fillers(where, vocabulary["fillers"], "en")
    refused = tidy.has_phrase(where, vocabulary["errand_negations"], "en")
    return where if named and not refused else spoken


def _before_reported(spoken: str, vocabulary: Mapping[str, Any]) -> str:
    """Return Chinese `spoken` without what a relative asked the caller to do, said after where
    ("去儿子那里，他叫我去吃饭" is about the son's): the invitation is why, not where."""
    cuts = [spoken.find(phrase) for phrase in vocabulary["not_calls"] if phrase in spoken]
    before = spoken[: min(cuts)] if cuts else spoken
    return before if tidy.strip_fillers(before, vocabulary["fillers"], "zh") else spoken


def _before_chinese_purpose(spoken: str, vocabulary: Mapping[str, Any]) -> str:
    """Return Chinese `spoken` without why the caller goes, said after where ("儿子屋里去看孙子",
    "小芳那儿俺去看看外孙"): 去 with a purpose word after it begins the errand, not the place."""
    goes = tidy.either(("去", "来"))
    purposes = tidy.either(vocabulary["purposes"])
    found = re.search(rf"(?:{goes})(?:{purposes})", spoken)
    if found is None:
        return spoken
    before = spoken[: found.start()]
    return before if tidy.strip_fillers(before, vocabulary["fillers"], "zh") else spoken


def _names_a_kind(spoken: str, language: str, places: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether Chinese `spoken` says a kind of place of two characters or more (卫生院), or
    another than the places by a short form (市一院 when no place's name has 一)."""
    return language == "zh" and (
        any(len(kind) > 1 and kind in spoken for kind in words("zh")["kinds"])
        or chinese_places.another_by_short_form(spoken, places)
    )


def _address(
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
        if chinese_places.house_numbers(spoken):
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
                and _says_somewhere(rest, vocabulary)
                and not ends_on_an_object
            ):
                return rest
    if where and _says_somewhere(spoken, vocabulary):
        return tidy.strip_fillers(spoken, fillers, language) or None
    return None


def _english_menu_number(spoken: str, vocabulary: Mapping[str, Any]) -> int | None:
    """Return the one menu number said in English ("number two", "the second option") when every
    other word only chooses ("i'll go for", "i guess"), else None."""
    prefixes = tidy.either(vocabulary["menu_prefixes"])
    numbers = {**{str(value): value for value in range(10)}, **vocabulary["numbers"]}
    names = tidy.either(numbers)
    ordinals = tidy.either(vocabulary["ordinals"])
    nouns = tidy.either(vocabulary["menu_nouns"])
    # The ordinal first: "the third one" is three, not one.
    said = list(
        re.finditer(
            rf"(?<![\w'])(?:({ordinals})(?: (?:{nouns}))?"
            rf"|(?:(?:{prefixes}) )?(?:number )?({names}))(?![\w'])",
            spoken,
        )
    )
    # "oh" is a zero and a filler: "oh i'll try number three" says one number, "oh" alone none.
    said = [found for found in said if found.group(0) not in vocabulary["fillers"]]
    if not said:
        return None
    around = (
        tidy.compiled("|".join(re.escape(found.group(0)) for found in said))
        .sub(" ", spoken)
        .split()
    )
    # "the third one yeah": a yes said with the number confirms the choice.
    choosing = {
        *vocabulary["menu_words"],
        *(word for word in [*vocabulary["fillers"], *vocabulary["yes"]] if " " not in word),
    }
    if any(word not in choosing for word in around):
        return None
    # "yes that's the one" points at what was read out, not at the first choice; "the last one,
    # number four" says which with its number.
    pointing = [
        found
        for found in said
        if found.group(2) == "one"
        and set(spoken[: found.start()].split()[-1:]) & set(vocabulary["one_as_pronoun_after"])
    ]
    if len(pointing) == len(said):
        return None
    chosen = set()
    for found in said:
        ordinal, number = found.group(1), found.group(2)
        if found in pointing:
            continue
        chosen.add(int(vocabulary["ordinals"][ordinal]) if ordinal else int(numbers[number]))
    # "two, i think, two" says one number twice; "two or three" says two.
    return chosen.pop() if len(chosen) == 1 else None


def _menu_choice(
    spoken: str, vocabulary: Mapping[str, Any], language: str, menu_size: int | None
) -> int | None:
    """Return the number of a menu choice when that is all the caller chose, with only words around
    it that choose nothing else ("i'll go for number three", "那就按五吧"), else None."""
    choice: int | None = None
    if language == "zh":
        # "那就按五吧": the words around the number pick nothing.
        rest = tidy.strip_fillers(
            spoken, [*vocabulary["fillers"], *vocabulary["menu_fillers"]], language
        )
        # "三号三号", "三第三个", "二嘛二号", "头一个吧一": the same number said again, in any
        # form and with fillers between, is one choice.
        ordinals = tidy.either(vocabulary["menu_ordinals"])
        # A number ends where its digits do: "1111" split every way it could be would take for ever.
        unit = rf"(?:按|选)?(?:的是)?(?:{ordinals})?(\d{{1,2}})(?!\d)(?:号|个|下|项)?"
        between = tidy.either([*vocabulary["fillers"], *vocabulary["menu_fillers"]])
        # "一一第一个": a digit said twice running is said again, not eleven; said on and on
        # ("九九九九九…"), it is no choice.
        digits = "".join(tidy.CHINESE_DIGITS)
        said = tidy.chinese_digits(re.sub(rf"([{digits}])\1{{1,2}}", r"\1", rest))
        whole = re.fullmatch(rf"{unit}(?:(?:{between})*{unit})*", said)
        chosen = {found.group(1) for found in re.finditer(unit, said)} if whole else set()
        choice = int(chosen.pop()) if len(chosen) == 1 else None
    else:
        choice = _english_menu_number(spoken, vocabulary)
    if choice is None or menu_size is not None and not 0 <= choice <= 9:
        return None
    return choice


def _counted_apart(
    spoken: str, place: Mapping[str, Any], vocabulary: Mapping[str, Any], language: str
) -> bool:
    """Tell whether English `spoken`, a menu choice, says its number as a count and not one of the
    place's names whole: "number two" is no Number Two Road, "first" may be First Baptist."""
    if language == "zh" or set(spoken.split()) & set(vocabulary["ordinals"]):
        return False
    names = [tidy.english(name) for name in [place["label"], *(place.get("aliases") or ())]]
    return not tidy.has_phrase(spoken, [name for name in names if name], language)


def _names(places: Iterable[Mapping[str, Any]]) -> list[str]:
    """Return each name of the senior's Chinese places, tidied."""
    return [name for place in places for name in chinese_places.names(place)]


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
    if language != "zh" or intent.kind == "place":
        return intent
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
    if language == "zh":
        # "闺女说让我去她那吃饭": her place is the daughter's.
        spoken = people.hosts_named(spoken, people.people(contacts))
    # "No don't cancel it", "cancel my hair appointment", 取消我女儿的车: a cancel that calls off no
    # ride of the caller's is no cancel, and its no still answers.
    kept = cancels.keeps_the_ride(spoken, language)
    others_ride = cancels.someone_elses(spoken, language, contacts)
    spoken = cancels.other_cancels(spoken, language, contacts)
    if not spoken:
        return Intent(
            kind="no" if kept else "unknown",
            text=text,
            language=language,
            confidence=0.9 if kept else 0.0,
            for_someone_else=others_ride and not kept,
        )
    when: When | None
    # "Lovely day today", "今天天气不错": a remark on the day names no time.
    when, rest = times.parse(
        _time_corrected(
            answers.without_remarks(times.without_past_times(spoken, language), language),
            vocabulary,
            language,
        ),
        language,
        now=now,
        timezone=timezone,
    )

    if times.told_of_the_past(spoken, language):
        # "my sister rang this morning": when it happened is no time for a car.
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
    # "不去了, 还是去外孙女家": a request taken back is not asked for.
    asked = requests.request(
        _after_correction(spoken, vocabulary, language) or spoken, language, family
    )
    if asked is not None:
        return decide(cast(Kind, asked), 0.9)
    if _stays_in(spoken, vocabulary, language):
        # Staying in with no ride named decides nothing: see cancel_plans in voice/intake.
        return decide("unknown", 0.0)
    # "The market, no wait, the hospital": what was said last is what is meant.
    corrected = _after_correction(rest, vocabulary, language)
    # "take me to the legion no the vfw": the request said before the correction still asks.
    asking = corrected is not None and tidy.has_phrase(
        rest[: rest.rfind(corrected)],
        [*vocabulary["asks"], *vocabulary["destination_markers"]],
        language,
    )
    if corrected is not None:
        rest = _without_trailing(corrected, vocabulary, language)
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
    refusal = _after_refused_place(rest, vocabulary, language, list(places), family)
    rest = rest if refusal is None else refusal
    # Where they were, were promised or stay is nowhere to drive them: "i was at the surgery on
    # monday", "我上礼拜去医院", "i'll stay in today".
    elsewhere = not_here.asked_after(
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
        and not_here.for_someone_else(rest, vocabulary, language, family)
    )
    if elsewhere == "":
        return decide("unknown", 0.0)
    rest = rest if elsewhere is None else elsewhere
    if language != "zh":
        # "i'm at the winn dixie and need to get back home": where they are is not where to.
        rest = _without_pickup(rest, vocabulary, list(places), family, when)
        # "the heart doctor at logan regional": whom they see there is not where.
        rest = _at_staffs_place(rest, vocabulary, list(places), family)
    if answers.only_yes(spoken, language):
        # "That'd be grand" answers the question: it names no Grand Avenue Library.
        return decide("yes", 0.9)
    # Where, not why: "the care home to visit my brother" is about the care home.
    where = (
        _before_chinese_purpose(_before_reported(rest, vocabulary), vocabulary)
        if language == "zh"
        else _without_purpose(rest, vocabulary, list(places))
    )
    place, confidence = place_matching.best_place(where, list(places), language, family)
    # "黄龙菜场去买菜", "市一院拿药": a place of some kind named with the errand, and none of
    # theirs, is where the errand is done; the errand's words never make it one of theirs.
    other_named = place is None and _names_a_kind(
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
    # Nobody can be driven to "buy some vegetables": an errand's words are never an address.
    address = _address(errands.without(where, language), vocabulary, language, where=where != rest)
    if address and language != "zh" and address.split()[0] in vocabulary["purpose_verbs"]:
        # "i need to pick up a prescription, they rang": what follows "to" is the errand, no
        # address.
        address = None
    if (
        address
        and language == "zh"
        and errands.first(where)
        and not chinese_places.STREET.search(address)
    ):
        # "去看医生啦老毛病心脏的": the errand right after 去 says where; what follows it is why,
        # unless it names a street ("去看医生，建设路三十号").
        address = None
    if place is None and not address and not other_named:
        # An address said with the errand ("see the doctor at 55 harbor street") says where.
        place, confidence = errands.place_for(rest, list(places), language), 0.8
    if answers.chats(spoken, language, _names(places)):
        # "今天好冷哦南宁都冷成这样": where it is cold is no place to go, nor an address.
        place, address = None, None
    choice = _menu_choice(spoken, vocabulary, language, menu_size)
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
    if address:
        # A free address is for a person to check: the parser cannot know it exists.
        return decide("address", 0.5, address=address)
    if choice is not None:
        return decide("menu", 0.9, choice=choice)
    # A remark on the weather answers nothing: "天气不好" is no no, "lovely day" no yes.
    answered = answers.after_hold(
        answers.without_remarks(
            _after_correction(spoken, vocabulary, language) or spoken, language
        ),
        language,
    )
    # "No worries, go ahead" and "不知道" hold a no word but say no no.
    said_no = (
        tidy.has_phrase(answers.for_no(answered, language), vocabulary["no"], language)
        or _declined(answered, vocabulary, language, now, timezone)
        or kept
    )
    # "嗯" alone is a yes; "嗯, 那个叫什么来着" is someone thinking.
    # Chinese is matched without word spaces: 行 in 银行 or 对 in 对面 says nothing.
    yes_heard = answers.for_yes(answered, language)
    said_yes = (
        tidy.has_phrase(yes_heard, vocabulary["yes"], language)
        or answers.lone_yes(answered, language)
    ) and not (answers.asks_back(answered, language) or answers.trails_off(answered, language))
    if refusal is not None or tidy.has_phrase(spoken, vocabulary["place_refusals"], language):
        # "i'm not going to the heart doctor, i'm fine" refuses a place: never a yes, nor a time,
        # and a no only when the caller began with one ("no, i won't go to the hospital"; not
        # "我不去医院", whose 不 is the refusal's).
        said_yes, when = False, None
        said_no = said_no and _begins_with_no(spoken, vocabulary, language)
    if answers.contrasts(answered, language, _names(places)):
        # "协和医院不是同济" tells another place apart: no answer, whatever 不是 or 是 it holds.
        said_yes = said_no = False
    if said_no:
        # "that's not right" holds "right": a negation outweighs the yes inside it.
        return decide("no", 0.85 if said_yes else 0.9)
    if said_yes:
        return decide("yes", 0.9)
    if when is not None and not (
        times.by_weekday(spoken, language) and _says_more(rest, vocabulary, language)
    ):
        # "friday please" answers when; "i need my hair done on tuesday" asks for somewhere the
        # parser did not find, and a day alone books nothing.
        return decide("time", 0.8)
    return decide("unknown", 0.0)


def _says_more(rest: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether `rest`, the words left once the time is taken out, says more than fillers and
    words that only link ("on", "at")."""
    rest = times.without_weekdays(rest, language)
    if language == "zh":
        return bool(tidy.strip_fillers(rest, vocabulary["fillers"], language))
    said = [word for word in rest.split() if word not in vocabulary["function_words"]]
    return bool(tidy.strip_fillers(" ".join(said), vocabulary["fillers"], language))
