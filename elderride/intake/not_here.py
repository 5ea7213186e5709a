"""Places a caller speaks of that are nowhere to drive them: where they were, were promised or
stay, where someone else goes, and those not_now finds (been to, only "if", asked about, put off);
and what the caller still asks for around them."""

from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_destinations,
    deliveries,
    dialects,
    english_words,
    neighbours,
    not_now,
    people,
    tidy,
    times,
    together,
)
from elderride.intake.vocabulary import words


def _fond_name(vocabulary: Mapping[str, Any]) -> str:
    """Return a pattern for a Chinese name said fondly ("阿梅", "小军"), a contact's or not."""
    return f"(?:{tidy.either(vocabulary['fond_prefixes'])})[\u4e00-\u9fff]"


def _caller_along(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    family: Sequence[Mapping[str, Any]],
    owners: Sequence[str] = (),
) -> bool:
    """Tell whether the other person's trip takes the caller along: they take the caller
    ("fiona's going to take me", "女儿陪我去"), the caller goes with them ("i'll take him") or, in
    Chinese, with a person ("跟女儿去超市", "跟二嫚去九州" of a home saved as 二嫚家; not the 和
    of 协和)."""
    with_persons = [
        f"{word}{person}"
        for word in vocabulary.get("with_person", ())
        for person in [*people.others(language, family), *owners, *vocabulary["fond_prefixes"]]
    ]
    return together.said(
        spoken, [*vocabulary["with_me"], *with_persons], language
    ) or together.caller_goes_along(spoken, language, family)


def _someone_else_goes(
    spoken: str,
    language: str,
    family: Sequence[Mapping[str, Any]],
    names: Sequence[str] = (),
) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` says another person goes, is, will go or will come ("我朋友去
    医院了", "他到图书馆去了", "老伴要去医院", "建国住院了在湘雅", "二嫚要来"), unless the caller
    goes with them (女儿陪我去, 跟女儿去), and where another person drives the caller ("她明天开车来
    接我"): no ride to book for the caller. `names` (the senior's places) say whose homes are saved
    ("二嫚家"): that one is someone else too."""
    vocabulary = words(language)
    if language != "zh":
        return []
    # "隔壁李奶奶要去医院", "隔壁老王要去": a neighbour is someone else too, as is "二嫚" of a
    # home saved as "二嫚家".
    owners = [owner for owner in map(neighbours.home_owner, names) if len(owner) > 1]
    others = people.someone(language, tuple([*people.others(language, family), *owners]))
    # "俺闺女夜来去的省立医院", "小梅明天去附院", "老伴要去医院": the day and what they mean to do
    # may come between who and goes.
    days = [word for key in vocabulary["time"] for word in vocabulary["time"][key]]
    # "我女儿二号回来": a day of the month, too, is when they come.
    dated = f"[{''.join(sorted(vocabulary['numbers']))}十0-9]{{1,4}}号"
    # "老伴每个礼拜二要去医院", "小梅天天去菜场": a weekday and how often are when they go, too.
    often = tidy.either([*vocabulary["others_often"], *vocabulary["usual_words"]])
    # "老头儿每个星期二都要去医院": 都 after how often is their round too, but "她们都在那等着"
    # waits for the caller.
    always = f"(?:(?:{tidy.either(vocabulary['others_always'])})(?!在))?"
    whens = (
        f"(?:{tidy.either([*days, *vocabulary['past_days']])}|{dated}|{times.chinese_weekday()}"
        f"|{often})"
    )
    intend = f"{always}(?:{tidy.either(vocabulary['others_intend'])})?"
    between = f"{whens}*{intend}"
    # "阿芳明天开车来接我去医院": the drive takes in whom it fetches; 去医院 after it asks nothing.
    driving = (
        f"(?:{others}|{_fond_name(vocabulary)}){between}(?:{tidy.either(vocabulary['others_drive'])})"
        f"(?:{tidy.either(vocabulary['driven_me'])})?"
    )
    found = [match.span() for match in tidy.compiled(driving).finditer(spoken)]
    if _caller_along(spoken, vocabulary, language, family, owners):
        return found
    fond = f"(?:{tidy.either(vocabulary['fond_subjects'])})[\u4e00-\u9fff]"
    # "她们在等我": who waits for the caller is where the caller goes, on no trip of their own.
    waiting = tidy.either(vocabulary["waiting_for_caller"])
    goes = tidy.either(vocabulary["others_go"])
    # "俺老伴礼拜二上附院": a dialect 去 (上, 克) takes them there as 去 does.
    going = f"(?:{others}|{fond}){between}(?:{goes})(?!{waiting})"
    dialect_going = f"(?:{others}|{fond}){between}(?:{dialects.chinese_go_verbs()})(?!{waiting})"
    # "去看看我重孙子上晓雨家": whom the caller goes to see is no one going by 上; the caller goes.
    seen = tidy.compiled(
        f"(?:{tidy.either(vocabulary['visit_verbs'])})(?:{tidy.either(vocabulary['whose_words'])}|俺)?$"
    )
    # "我送老伴去医院": whom the caller takes goes on the caller's trip.
    gone = [match.span() for match in tidy.compiled(going).finditer(spoken)]
    # "建国住院了在湘雅": where they lie ill is where they are; "二嫚要来 (看我)": they come.
    states = tidy.either(vocabulary["others_states"])
    fillers = tidy.either(vocabulary["fillers"])
    visits = tidy.either(vocabulary["visits_caller"])
    told = (
        f"(?:{others}|{fond}){between}(?:(?:{states})了?(?:{goes})"
        f"|(?:{tidy.either(vocabulary['others_come'])})(?:{visits})?(?:了)?(?=(?:{fillers})*$))"
    )
    gone += [match.span() for match in tidy.compiled(told).finditer(spoken)]
    gone += [
        match.span()
        for match in tidy.compiled(dialect_going).finditer(spoken)
        if not seen.search(spoken[: match.start()])
    ]
    # "丽华明天医院去": in speech that puts the verb last, who is said first goes; with a home of
    # theirs said ("英子家去", "丽华那儿去") it is where the caller goes, unless how often says it
    # is their round ("他天天小玲家去"). "建国今天医院去看我": he goes there to see the caller.
    # A 去 said before the last ends their going: "我老伴一般都去步步高 我今天自己去" goes on to
    # the caller's own.
    homes = [*vocabulary["kin_homes"], *vocabulary["home_labels"], *vocabulary["callers"]]
    gone += [
        match.span()
        for match in tidy.compiled(
            f"(?:{others})({between})((?:(?!去)[\u4e00-\u9fff]){{2,8}}?)去(?:{visits})?"
            f"(?=(?:{fillers})*$)"
        ).finditer(spoken)
        if (
            tidy.compiled(often).search(match.group(1))
            or not tidy.has_phrase(
                match.group(2), [*homes, *vocabulary["destination_markers"]], language
            )
        )
        # "孙女子哈看去": the one seen before 看去 is whom the caller goes to see.
        and not match.group(2).endswith(
            tuple([*vocabulary["visit_verbs"], *vocabulary["purposes"]])
        )
    ]
    return found + together.untaken(gone, spoken, language, family)


def _rides_for_others(
    spoken: str, vocabulary: Mapping[str, Any], language: str, family: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Return where `spoken` asks for a ride for someone else ("给她叫个车", "帮我老伴订个车", "a
    taxi for my husband", "book him a car"), from its start: the line books rides for the caller,
    and where was said before is theirs ("我老公想去医院，同佢叫架车")."""
    if together.caller_goes_along(spoken, language, family):
        # "给她叫个车，我跟她一起去", "a taxi for my husband and me": the caller goes too.
        return []
    others = people.someone(language, tuple(people.others(language, family)))
    books = tidy.either(vocabulary["books_for_others"])
    whose = tidy.either(vocabulary["whose_words"])
    if language == "zh":
        # "帮我老伴订个车", "给我们家老头叫个车": whose they are may come before whom the ride
        # is for.
        pattern = f"(?:{tidy.either(vocabulary['for_others'])})(?:{whose})?(?:{others})(?:{books})"
    else:
        pattern = _english_ride_for_others(vocabulary, others, books, whose)
    # "i need to take my husband to the hospital": the caller who takes him goes too.
    asked = [match.span() for match in tidy.compiled(pattern).finditer(spoken)]
    return [(0, end) for _, end in together.untaken(asked, spoken, language, family)]


def _english_ride_for_others(
    vocabulary: Mapping[str, Any], others: str, books: str, whose: str
) -> str:
    """Return the pattern of an English ride asked for one of `others`, who rides alone."""
    rides = tidy.either(vocabulary["ride_words"])
    needs = tidy.either(vocabulary["others_need"])
    # "jean needs a lift": whoever needs the ride, named or not, but not the caller.
    anyone = rf"(?!(?:{tidy.either(vocabulary['not_others'])})(?![\w']))[\w]+"
    takes = tidy.either(vocabulary["takes_others"])
    to = tidy.either(vocabulary["takes_to"])
    fillers = tidy.either(vocabulary["fillers"])
    # "a taxi for my husband"; "book him a car", "get our tracey a taxi"; "take our tracey to the
    # freeman"; "me husband needs a taxi"; "i call for her"; "the hospital for the wife not me".
    return (
        rf"(?<![\w'])(?:(?:{rides}) for (?:(?:{whose}) )?(?:{others})"
        rf"|(?:{books}) (?:(?:{whose}) )?(?:{others}) (?:an? )?(?:{rides})"
        rf"|(?:{takes}) (?:(?:{whose}) )?(?:{others}) (?:{to})"
        rf"|(?:{others}|{anyone}) (?:{needs}) (?:an? )?(?:{rides})"
        rf"|(?:{tidy.either(vocabulary['calling_for'])}) for (?:(?:{whose}) )?(?:{others})"
        rf"|(?:{tidy.either(vocabulary['not_the_caller'])})(?=(?: (?:{fillers}))*$))(?![\w'])"
    )


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
    # Whose: a relation, a contact, or a name said fondly ("阿梅", "小军") that is no contact's.
    whose = f"(?:{tidy.either(people.others(language, family))}|{_fond_name(vocabulary)})"
    possessive = tidy.either(vocabulary["possessive_others"])
    particles = tidy.either(vocabulary["possessive_particles"])
    in_laws = tidy.either(vocabulary["in_laws"])
    kin = tidy.either([*relations, *vocabulary["in_laws"], *vocabulary["others_parents"]])
    # "小芳她公公家", "女儿的婆婆家"; "小军丈母娘家" says whose without 她 or 的, but only before an
    # in-law: "儿子媳妇" is the son's own household.
    pattern = (
        f"{whose}?(?:{possessive})(?:{kin})|{whose}(?:{particles})(?:{kin})|{whose}(?:{in_laws})"
    )
    return [match.span() for match in tidy.compiled(pattern).finditer(spoken)]


def _others_trips(
    spoken: str, vocabulary: Mapping[str, Any], language: str, family: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Return where English `spoken` says someone other than the caller is on their way somewhere
    ("my sister's going to mass general", "our lorraine's away to the ulster"; a person also
    "going up treliske", "taking linda to the hospital", "needs to go to the freeman"), unless the
    caller goes with them ("tracey's going to the club with me") or they take the caller ("fiona's
    going to take me to the hospital")."""
    if language == "zh" or _caller_along(spoken, vocabulary, language, family):
        return []
    callers = tidy.either(vocabulary["not_others"])
    fetching = tidy.either(vocabulary["others_fetch"])
    # One word of subject ("maureen's", "she's", "my sister is"), "a" of Appalachian speech
    # ("tammy's a going to"), the movement, then anything but a verb that brings the caller along.
    # Any subject may be going to a place; only a person goes "up" one or takes someone ("my
    # knee's taking its time", "the price is going up" are no trips).
    links, going = vocabulary["others_links"], vocabulary["others_go"]
    anyone = rf"(?!(?:{callers})(?:'|\s))[\w]+"
    # Anyone also takes a person somewhere, named or not ("dale's taking linda to the hospital"),
    # but not time ("the bus is taking ages to come").
    taking = _taking_someone(vocabulary, vocabulary["others_take"])
    persons = tidy.either(people.others(language, family))
    people_go = tidy.either([*going, *vocabulary["people_go"]])
    # "jean needs to go", "mavis wants to get to asda", "my neighbour needs to take her husband":
    # who must or means to go is a person, named or not.
    must = tidy.either(vocabulary["anyone_links"])
    # "jean needs taking to the hospital".
    to = tidy.either(vocabulary["takes_to"])
    needs_taking = f"(?:{tidy.either(vocabulary['others_take'])}) (?:{to})"
    people_habits = tidy.either(vocabulary["people_habits"])
    subjects = [
        (anyone, tidy.either(links), tidy.either(going)),
        (anyone, tidy.either(links), taking),
        (anyone, must, people_go),
        (anyone, must, _taking_someone(vocabulary, vocabulary["takes_others"])),
        (anyone, tidy.either(vocabulary["anyone_needs"]), needs_taking),
        (persons, tidy.either([*links, *vocabulary["people_links"]]), people_go),
        (persons, "", tidy.either(vocabulary["people_moved"])),
        (persons, tidy.either(vocabulary["people_habit_links"]), people_habits),
        # "the lad next door gans to the infirmary": whoever lives there is a person.
        (
            rf"{anyone} (?:{tidy.either(vocabulary['people_whereabouts'])})",
            tidy.either([*links, *vocabulary["people_links"], *vocabulary["people_habit_links"]]),
            tidy.either([*people_go, *vocabulary["people_habits"]]),
        ),
    ]
    trips = [
        match.span()
        for subject, linked_by, moves in subjects
        for match in tidy.compiled(
            rf"(?<![\w'])(?:{subject})(?:{linked_by})(?: a)? "
            rf"(?:{moves})(?![\w'])(?! (?:{fetching})(?![\w']))"
        ).finditer(spoken)
    ]
    return together.untaken(trips, spoken, language, family)


def _taking_someone(vocabulary: Mapping[str, Any], verbs: Sequence[str]) -> str:
    """Return the pattern of one of `verbs` taking a person somewhere ("taking linda to", "take her
    husband to"), not time or a thing ("taking ages to", "taking its time")."""
    whose = tidy.either([*vocabulary["whose_words"], *vocabulary["others_whose"]])
    not_taken = tidy.either(vocabulary["not_taken"])
    return (
        rf"(?:{tidy.either(verbs)}) (?:(?:{whose}) )?"
        rf"(?!(?:{not_taken})(?![\w']))[\w]+ (?:{tidy.either(vocabulary['takes_to'])})"
    )


def for_someone_else(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    family: Sequence[Mapping[str, Any]] = (),
) -> bool:
    """Tell whether `spoken` is about someone else's trip: they go, are driven or are booked a
    ride ("my sister's going to mass general", "给她叫个车")."""
    return bool(
        _someone_else_goes(spoken, language, family)
        or _others_trips(spoken, vocabulary, language, family)
        or _rides_for_others(spoken, vocabulary, language, family)
    )


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
    elsewhere += _someone_else_goes(spoken, language, family, names)
    kin_homes = _relatives_of_relatives(spoken, language, family)
    elsewhere += kin_homes
    elsewhere += _others_trips(spoken, vocabulary, language, family)
    elsewhere += _rides_for_others(spoken, vocabulary, language, family)
    if not elsewhere:
        return None
    first, last = min(start for start, _ in elsewhere), max(end for _, end in elsewhere)
    said_asks = [*vocabulary["asks"], *vocabulary.get("asks_after_told", ())]
    asks = [
        start
        for start, _ in tidy.spans(spoken, said_asks, language)
        if start >= last and not _told_ask(spoken[:start], vocabulary, language)
    ]
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
