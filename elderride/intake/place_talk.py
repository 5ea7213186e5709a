"""Places a caller speaks of that are nowhere to drive them (where they were, were promised or stay,
where someone else goes, and those not_now finds), and what the caller still asks for around
them."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_destinations,
    deliveries,
    english_words,
    not_now,
    others_trips,
    people,
    tidy,
)
from elderride.intake.vocabulary import words


def _locates(before: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether Chinese `before` ends in a destination word, and maybe a few more characters
    that say where the home named next is ("去金山" in "去金山她婆婆家"; "闺女叫我去" in
    "闺女叫我去她婆婆家", where whoever asked is not whose home it is)."""
    markers = tidy.either(vocabulary["destination_markers"])
    return tidy.compiled(f"(?:{markers})[\u4e00-\u9fff]{{0,4}}$").search(before) is not None


def _outside(
    found: Sequence[tuple[int, int]], names: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Return the spans of `found` that overlap none of `names`."""
    return [
        (start, end)
        for start, end in found
        if not any(start < name_end and name_start < end for name_start, name_end in names)
    ]


def _describing(
    spoken: str, told: Sequence[tuple[int, int]], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` tells which place by what happened there, from "where" said
    right after a kind of place or its street to the end of the first of `told` after it ("the
    hospital where my husband he stay last year"): the place is asked for, not somewhere they
    were."""
    if language == "zh":
        return []
    clauses = tidy.either(words("en")["describing_clauses"])
    street = set(words("en")["street_words"])
    found = []
    for match in tidy.compiled(rf"(?<![\w'])([\w']+) (?:{clauses})(?![\w'])").finditer(spoken):
        ends = [end for start, end in told if start >= match.end()]
        # "the church on duval street where he used to preach": the street said after the kind
        # is where that place is, and the clause still tells which.
        before = match.group(1)
        if (english_words.says_a_kind(before) or before in street) and ends:
            found.append((match.end(1), min(ends)))
    return found


def _cut(spoken: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return `spoken` without the text of `spans`."""
    inside = {index for start, end in spans for index in range(start, end)}
    return "".join(" " if index in inside else char for index, char in enumerate(spoken))


def _asks_back(after: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether `after` plainly asks for a ride and names nothing but the place just told of
    ("i need a lift there", "take me there please", "and i want to go", "我今天自己去")."""
    if not tidy.has_phrase(after, vocabulary.get("asks_after_told", ()), language):
        return False
    said = tidy.without_phrases(
        after, [*vocabulary["asks"], *vocabulary.get("asks_after_told", ())], language
    )
    left = tidy.without_phrases(said, vocabulary.get("refers_back", ()), language).strip()
    return not tidy.strip_fillers(left, vocabulary["fillers"], language)


def _own_goings(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[int]:
    """Return where Chinese `spoken` has the caller go somewhere themselves ("我去湘雅")."""
    own = [
        f"{caller}{marker}"
        for caller in vocabulary.get("callers", ())
        for marker in vocabulary["destination_markers"]
    ]
    return [start for start, _ in tidy.spans(spoken, own, language)]


def _told_ask(before: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether an English ask beginning after `before` is told, not asked ("paul was supposed
    to take me", "she'd take me"): what someone would or used to do is no request now."""
    if language == "zh":
        return False
    last = before.split()[-1:] or [""]
    return last[0] in vocabulary.get("told_ask_before", ()) or last[0].endswith(
        tuple(vocabulary.get("told_ask_endings", ()))
    )


def _asked_after_news(rest: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether `rest`, said after news of a place ("湘雅打电话来了"), asks to go ("叫我今天去
    帮我叫个车") and puts nothing off ("我不去了")."""
    asks = [*vocabulary["asks"], *vocabulary["destination_markers"], *vocabulary["news_asks"]]
    put_off = [*vocabulary["errand_negations"], *vocabulary["summons_put_off"]]
    return tidy.has_phrase(rest, asks, language) and not tidy.has_phrase(rest, put_off, language)


def without_former_names(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return English `spoken` without a remark on a place's old name ("the croydon university
    hospital what dem used to call mayday" -> "the croydon university hospital mayday"): the old
    name is the same place's, and "used to" in it tells no habit; "we used to call it" alone,
    with no clause that describes a place, is a habit told."""
    former = vocabulary.get("former_names", ())
    if language == "zh" or not former:
        return spoken
    clauses = tidy.either(vocabulary["former_name_clauses"])
    remark = tidy.compiled(
        rf"(?<![\w'])(?:{clauses})(?: [\w']+)? (?:{tidy.either(former)})(?![\w'])"
    )
    fillers = vocabulary["fillers"]

    def cut(found: re.Match[str]) -> str:
        # "what they used to call the hospital" alone remarks on a name and asks for no place:
        # only a remark said after a place is taken out.
        before = tidy.strip_fillers(spoken[: found.start()].strip(), fillers, language)
        return " " if before.strip() else found.group(0)

    return " ".join(remark.sub(cut, spoken).split())


def asked_after(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    family: Sequence[Mapping[str, Any]] = (),
    *,
    asking: bool = False,
    names: Sequence[str] = (),
) -> str | None:
    """Return what the caller asks for before or after speaking of where they were, were promised,
    stay, might go or someone else goes ("i was at the surgery on monday"; "我朋友去医院了"): ""
    when they ask nothing, None when they spoke of no such thing.

    `asking` says the caller asked for a ride before `spoken` began ("take me to the legion no
    the vfw, the legion's been closed for years"): what they said first stands as asked; `names`
    (the senior's places) hold no such words ("那天主堂" is no 那天)."""
    told = not_now.spans(spoken, vocabulary, language)
    # "the church where reverend jasper used to preach": a habit or visit told in a clause that
    # tells which place describes the place asked for.
    found = tidy.spans(spoken, vocabulary["not_destinations"], language)
    # "步步高鸡蛋涨价了 我也要去买 派车": news of a place cancels only itself; a request after
    # it stands.
    found += [
        span
        for span in tidy.spans(spoken, vocabulary.get("report_tags", ()), language)
        if not spoken[span[1] :].strip()
    ]
    found += [
        span
        for span in tidy.spans(spoken, vocabulary.get("place_news", ()), language)
        if not _asked_after_news(spoken[span[1] :], vocabulary, language)
    ]
    elsewhere = _outside(found, _describing(spoken, found, language))
    calls = tidy.spans(spoken, vocabulary.get("calls", ()), language)
    # "the chemist rang to say my pills are in": a call that summons the caller asks for a ride;
    # "医院打电话说报告还没出来" puts them off.
    # "linda called me to come over": a relative asking the caller over names no place of theirs.
    summoned = (
        calls
        and not people.mentioned(spoken[: calls[0][0]], language, people.people(family))
        and not_now.called_in(spoken[calls[0][1] :], vocabulary, language)
    )
    elsewhere += [] if summoned else calls
    # "超市送货上门", "药店说给我送过来": what a place brings the caller is no trip there, unless
    # the caller then goes to fetch or change it ("快递寄到女儿家了我去拿").
    if not tidy.has_phrase(spoken, vocabulary.get("delivery_fetches", ()), language):
        elsewhere += tidy.spans(spoken, vocabulary.get("deliveries", ()), language)
        elsewhere += deliveries.sent_on(spoken, vocabulary, language, names)
    elsewhere += _outside(
        told, [*tidy.spans(spoken, names, language), *_describing(spoken, told, language)]
    )
    deferred = not_now.deferrals(spoken, vocabulary, language)
    elsewhere += deferred
    others_going = others_trips.someone_else_goes(spoken, language, family, names)
    elsewhere += others_going
    kin_homes = others_trips.relatives_of_relatives(spoken, language, family)
    elsewhere += kin_homes
    elsewhere += others_trips.others_trips(spoken, vocabulary, language, family)
    elsewhere += others_trips.rides_for_others(spoken, vocabulary, language, family)
    if not elsewhere:
        return None
    first, last = min(start for start, _ in elsewhere), max(end for _, end in elsewhere)
    said_asks = [*vocabulary["asks"], *vocabulary.get("asks_after_told", ())]
    asks = [
        start
        for start, _ in tidy.spans(spoken, said_asks, language)
        if start >= last and not _told_ask(spoken[:start], vocabulary, language)
    ]
    if others_going:
        # "志强自己去步步高了我去湘雅": after another's trip, the caller's own 我去 begins their
        # request, as 我要去 does.
        asks += [start for start in _own_goings(spoken, vocabulary, language) if start >= last]
    turn = next(
        (word for word in vocabulary.get("turned_to", ()) if spoken[last:].startswith(word)), ""
    )
    if (
        language == "zh"
        and (spoken[last - 1 : last] == "了" or turn)
        and spoken[last + len(turn) :].startswith(tuple(vocabulary["destination_markers"]))
    ):
        # "女儿来过了（下午）去永辉", "医院挂不上号那就回屋里": 去 right after what was done or
        # could not be, or after turning to it, begins the request.
        asks.append(last + len(turn))
    after = spoken[min(asks) :] if asks else ""
    if (
        after
        and not_now.goes_again(after, vocabulary, language)
        and not not_now.supposed(spoken, vocabulary, language)
    ):
        # "i was at the drugstore yesterday ... i need to go back today", "大夫叫我再去一趟":
        # there again, though nothing but going again is said.
        return spoken
    if (
        after
        and not asking
        and not tidy.has_phrase(spoken[:first], said_asks, language)
        and _asks_back(after, vocabulary, language)
    ):
        # "the lads are meeting at the club i need a lift there": the ask goes to the place just
        # told of, and what was told of it cancels only its own clause; one asked for first
        # ("take me to the royal they've shut the car park but take me anyway") stays.
        return ("" if language == "zh" else " ").join(_cut(spoken, elsewhere).split())
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
    if tidy.has_phrase(after, vocabulary.get("asks_for_others", ()), language):
        # "my sister's going to mass general, can you get her a ride" asks for her, not the caller.
        after = ""
    # "I need the hospital, I was there yesterday": a ride asked for first still stands; "jake
    # said he'd take me" asks none, and "i'd go to the club if darlene was home" only might.
    before = spoken[:first].strip()
    if any(
        start == first and spoken[end:].startswith(tuple(vocabulary["kin_homes"]))
        for start, end in kin_homes
    ) and _locates(before, vocabulary):
        # "去金山她婆婆家": where that home is, said just before it, is no place of the caller's.
        before = ""
    # "平常去的那个超市关门了": the 去 of the usual going describes the place, asks nothing.
    described = chinese_destinations.usual_going().sub("", before) if language == "zh" else before
    marked = (
        tidy.has_phrase(before, vocabulary["asks"], language)
        # "good hope please i've had a letter from them": a place said with "please" is asked.
        or tidy.has_phrase(before, vocabulary.get("asked_with", ()), language)
        or (
            tidy.has_phrase(described, vocabulary["destination_markers"], language)
            and not tidy.has_phrase(before, vocabulary.get("hedges", ()), language)
        )
    )
    # "i'll go to the club another day": what is put off is not asked for now.
    kept = [part for part in (before if (marked or asking) and not deferred else "", after) if part]
    return ("" if language == "zh" else " ").join(kept)
