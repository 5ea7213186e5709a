"""Someone else's trips a caller speaks of: where another person goes, is or is driven, their
relatives' homes, and rides asked for them, not for the caller."""

from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import dialects, neighbours, people, tidy, times, together
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
    if language == "zh":
        # "志强跟小梅去湘雅": whom another person goes with is their company, not the caller's.
        spoken = tidy.compiled(_in_company(vocabulary, language, family, owners)).sub("", spoken)
    return together.said(
        spoken, [*vocabulary["with_me"], *with_persons], language
    ) or together.caller_goes_along(spoken, language, family)


def _in_company(
    vocabulary: Mapping[str, Any],
    language: str,
    family: Sequence[Mapping[str, Any]],
    owners: Sequence[str] = (),
) -> str:
    """Return the pattern of a Chinese person with whom they go ("志强跟小梅", "小军和阿梅",
    "秀芝陪老伴")."""
    persons = tidy.either([*people.others(language, family), *owners])
    person = f"(?:{persons}|{_fond_name(vocabulary)})"
    joins = tidy.either([*vocabulary["with_person"], *vocabulary["caller_takes"]])
    return f"{person}(?:{joins}){person}"


def someone_else_goes(
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
    # "建国自己去同济", "小军跟小梅去明教寺了": alone or with someone else, it is their trip.
    company = (
        f"(?:{tidy.either(vocabulary['others_alone'])}"
        f"|(?:{tidy.either(vocabulary['with_person'])})(?:{others}|{_fond_name(vocabulary)}))"
    )
    # "大伟今儿领孩子上二一九公园了": whom they take along goes on their trip, the caller not.
    along = f"(?:(?:{tidy.either(vocabulary['caller_takes'])})(?![我俺咱])[\u4e00-\u9fff]{{1,3}}?)?"
    by = f"(?:{tidy.either(vocabulary['others_ride_by'])})?"
    between = f"{whens}*{company}?{intend}{along}{by}"
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


def rides_for_others(
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


def relatives_of_relatives(
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


def others_trips(
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
        someone_else_goes(spoken, language, family)
        or others_trips(spoken, vocabulary, language, family)
        or rides_for_others(spoken, vocabulary, language, family)
    )
