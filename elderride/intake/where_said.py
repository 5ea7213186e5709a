"""Which words of a turn say where to go: not where the caller is, whom they see there or why they
go; and a free address."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_names,
    chinese_streets,
    english_words,
    numbers,
    people,
    place_matching,
    tidy,
)
from elderride.intake.intent import When
from elderride.intake.vocabulary import words


def free_address(
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
        if chinese_streets.house_numbers(spoken):
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
                and says_somewhere(rest, vocabulary)
                and not ends_on_an_object
            ):
                return rest
    if where and says_somewhere(spoken, vocabulary):
        return tidy.strip_fillers(spoken, fillers, language) or None
    return None


def names_a_kind(spoken: str, language: str, places: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether Chinese `spoken` says a kind of place of two characters or more (卫生院),
    another than the places by a short form (市一院 when no place's name has 一), or a temple by a
    name of its own (东林寺)."""
    return language == "zh" and (
        any(len(kind) > 1 and kind in spoken for kind in words("zh")["kinds"])
        or chinese_names.another_by_short_form(spoken, places)
        or _named_temple(spoken)
    )


def _named_temple(spoken: str) -> bool:
    """Tell whether Chinese `spoken` says a one-character kind (寺, 庙) with a name of two
    characters or more right before it ("东林寺"), not only where the caller goes ("去庙里")."""
    vocabulary = words("zh")
    boundaries = tidy.either(
        [
            *vocabulary["fillers"],
            *vocabulary["pointers"],
            *vocabulary["place_verbs"],
            *vocabulary["destination_markers"],
            *vocabulary["callers"],
            "在",
        ]
    )
    kinds = tidy.either([kind for kind in vocabulary["named_kinds"] if len(kind) == 1])
    return any(
        len(re.split(boundaries, found.group(1))[-1]) >= 2
        for found in tidy.compiled(rf"([\u4e00-\u9fff]{{2,4}})(?:{kinds})").finditer(spoken)
    )


def before_chinese_purpose(
    spoken: str, vocabulary: Mapping[str, Any], persons: Sequence[people.Person] = ()
) -> str:
    """Return Chinese `spoken` without why the caller goes, said after where ("儿子屋里去看孙子",
    "小芳那儿俺去看看外孙", "去南岸看我外孙"): 去 with a purpose word after it, or a visiting
    word with a relative after it, begins the errand, not the place."""
    goes = tidy.either(("去", "来"))
    purposes = tidy.either(vocabulary["purposes"])
    found = re.search(rf"(?:{goes})(?:{purposes})", spoken)
    if found is None:
        found = _visit_begins(spoken, vocabulary, persons)
    if found is None:
        return spoken
    before = spoken[: found.start()]
    return before if tidy.strip_fillers(before, vocabulary["fillers"], "zh") else spoken


def _visit_begins(
    spoken: str, vocabulary: Mapping[str, Any], persons: Sequence[people.Person]
) -> re.Match[str] | None:
    """Return where a visit to a relative begins after the place ("南岸看我外孙", "医院陪老伴"),
    the place said after 去 or 到, or None."""
    visits = tidy.either(vocabulary["visit_verbs"])
    for found in re.finditer(rf"(?:{visits})(?:我的|我)?", spoken):
        before = tidy.strip_fillers(
            spoken[: found.start()],
            [*vocabulary["fillers"], *vocabulary["destination_markers"]],
            "zh",
        )
        if before and people.mentioned(spoken[found.end() :], "zh", persons):
            return found
    return None


def visited_where(
    spoken: str, vocabulary: Mapping[str, Any], persons: Sequence[people.Person]
) -> str:
    """Return Chinese `spoken` with a visit told person first ("去看孙子在南康那里", "去看外孙到我
    女儿那里") said place first ("去南康那里看孙子"): where the relative is is where to go."""
    visits = tidy.either(vocabulary["visit_verbs"])
    at = tidy.either(vocabulary["visited_at"])
    # "去看老伴住院" is a stay in hospital, not where the relative lives.
    found = re.search(
        rf"(?:去|到)(?:{visits})(?P<who>.{{1,8}}?)(?:{at})(?!院)(?P<where>.+)$", spoken
    )
    if found is None or not people.mentioned(found["who"], "zh", persons):
        return spoken
    said = tidy.strip_fillers(found["where"], vocabulary["fillers"], "zh")
    homes = tidy.either(vocabulary["home_labels"])
    # "去看孙子在家里": the grandchild's home, which is not the caller's own 家.
    if not said or re.fullmatch(rf"(?:{homes})里?(?:{tidy.either(vocabulary['areas'])})?", said):
        return spoken
    where = _grandchilds_parent(found["where"], found["who"], vocabulary, persons)
    return f"{spoken[: found.start()]}去{where}看{found['who']}"


def pointed_back(spoken: str, vocabulary: Mapping[str, Any]) -> str:
    """Return Chinese `spoken` with a ride asked "there" after where someone is ("志强住院了在湘雅
    你送我过去") asked to that place ("志强住院了送我去湘雅"): 过去 and 那里 point back at it."""
    asks = tidy.either(vocabulary["asks_pointing_back"])
    back = tidy.either(vocabulary["pointing_back"])
    said_to = tidy.either(vocabulary["asks_pointing_back_after"])
    found = re.search(
        rf"(?P<caller>[我俺])?在(?P<where>[^在]+?)(?:{said_to})?(?P<ask>{asks})(?:{back})$", spoken
    )
    if found is None:
        return spoken
    if found["caller"]:
        # "我在医院 送我过去" says where the caller is, never where to: only an earlier place is.
        return pointed_back(spoken[: found.start()] + spoken[found.start("ask") :], vocabulary)
    # "志强在中心医院上班": what he does there is no part of the place.
    where = re.split(tidy.either(vocabulary["doings_there"]), found["where"])[0]
    said = tidy.strip_fillers(where, vocabulary["fillers"], "zh")
    homes = tidy.either(vocabulary["home_labels"])
    # "建国在家 送我过去": his home, which is not the caller's own 家.
    if not said or re.fullmatch(rf"(?:{homes})里?", said):
        return spoken
    return f"{spoken[: found.start()]}{found['ask']}去{where}"


def grandchilds_parents(
    spoken: str, vocabulary: Mapping[str, Any], persons: Sequence[people.Person]
) -> str:
    """Return Chinese `spoken` with a grandchild's parent said as the caller's own child ("俺孙子
    他爸家" is 儿子家, "外孙她妈那里" 女儿那里): a grandchild's father or mother is the son or the
    daughter, or their spouse."""
    possessive = tidy.either(vocabulary["possessive_others"])
    kin = {
        word: key
        for key in vocabulary["grandchilds_parents"]
        for word in people.relation_words(key, "zh")
    }
    # "外孙子他爸" is the son-in-law: a grandchild word inside a longer one is that one.
    longer = {
        word: [other[: -len(word)] for other in kin if other != word and other.endswith(word)]
        for word in kin
    }

    def own(found: re.Match[str]) -> str:
        word, parent = found.group(1), found.group(2)
        if any(spoken[: found.start()].endswith(prefix) for prefix in longer[word]):
            return found.group()
        return str(vocabulary["grandchilds_parents"][kin[word]][parent])

    parents = {word for key in vocabulary["grandchilds_parents"].values() for word in key}
    return re.sub(
        rf"({tidy.either(list(kin))})(?:{possessive})({tidy.either(list(parents))})", own, spoken
    )


def _grandchilds_parent(
    where: str, who: str, vocabulary: Mapping[str, Any], persons: Sequence[people.Person]
) -> str:
    """Return `where` with the parent of the grandchild `who` said as the caller's own relative
    ("她爸爸那里" of 孙女 is 儿子那里): a grandchild lives at their parent's, the caller's
    child."""
    mention = people.mentioned(who, "zh", persons)
    keys = {*mention.relations, *(person.relation for person in mention.people)}
    parents = [
        vocabulary["grandchilds_parents"][key]
        for key in keys & set(vocabulary["grandchilds_parents"])
    ]
    if len(parents) != 1:
        return where
    own = parents[0]
    said = re.match(
        rf"(?:{tidy.either(vocabulary['possessive_others'])})({tidy.either(list(own))})", where
    )
    return where if said is None else own[said.group(1)] + where[said.end() :]


def said_before_going(spoken: str, persons: Sequence[people.Person]) -> str | None:
    """Return Chinese `spoken` said verb-final ("协会去今天有宴会", "英子家去外孙看去", as in
    Korean-Chinese speech) as where first ("去协会"), or None when nothing but a person, who is
    the one going, or a going of its own comes before 去 ("丽华搬到河西去了")."""
    before, going, after = spoken.partition("去")
    vocabulary = words("zh")
    # "丽华搬到河西去了": a going said before, or 去了 (has gone), is no verb put last.
    if (
        not going
        or not before
        or after.startswith("了")
        or tidy.has_phrase(before, vocabulary["destination_markers"], "zh")
    ):
        return None
    mention = people.mentioned(before, "zh", persons)
    left = people.without(before, mention, "zh") if mention else before
    if not tidy.strip_fillers(left, vocabulary["fillers"], "zh"):
        return None
    # "丽华明天医院去": a relative said with no home of theirs (英子家, 丽华那儿) is who goes.
    if mention and not tidy.has_phrase(
        before, [*vocabulary["kin_homes"], *vocabulary["home_labels"]], "zh"
    ):
        return None
    if chinese_streets.STREET.search(after) and not tidy.has_phrase(
        before, vocabulary["callers_homes"], "zh"
    ):
        # "佳乐家俺要去北海路那个店": the street said after 去 tells which of the chain; a home
        # has no other branch ("送我家去建军东路那块" is home on its own street).
        return f"去{before}{after}"
    return f"去{before}"


def before_reported(
    spoken: str, vocabulary: Mapping[str, Any], family: Sequence[Mapping[str, Any]] = ()
) -> str:
    """Return Chinese `spoken` without what a relative asked the caller to do, said after where
    ("去儿子那里，他叫我去吃饭" is about the son's): the invitation is why, not where."""
    cuts = [spoken.find(phrase) for phrase in vocabulary["not_calls"] if phrase in spoken]
    before = spoken[: min(cuts)] if cuts else spoken
    # "送我去步步高 志强叫我去的": the one who asked, said last, is no place.
    if cuts:
        teller = people.someone("zh", tuple(people.others("zh", family)))
        whose = tidy.either(vocabulary["whose_words"])
        before = re.sub(rf"(?:{whose})?{teller}$", "", before)
    # "二嫚让我去人民医院看看 送我去": with no where said before it, the one who asks is no place,
    # and where they send the caller is where.
    if not tidy.has_phrase(before, vocabulary["place_markers"], "zh"):
        return spoken
    return before if tidy.strip_fillers(before, vocabulary["fillers"], "zh") else spoken


def without_purpose(
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
    cuts = sorted(
        [
            *cuts,
            *_occasion_after(spoken, vocabulary, inside),
            *_waiting_after(spoken),
            *_also_there_after(spoken),
        ]
    )
    where = spoken[: cuts[0]] if cuts else spoken
    # "Take me to see my son" names no place before the purpose: the purpose is where; "i don't
    # want to see the doctor" names none either, only a refusal.
    named = tidy.strip_fillers(where, vocabulary["fillers"], "en")
    refused = tidy.has_phrase(where, vocabulary["errand_negations"], "en")
    return where if named and not refused else spoken


def _waiting_after(spoken: str) -> list[int]:
    """Return where English `spoken` says, after something else, who waits for the caller ("home
    please my wife is waiting" -> the start of "my wife"): why they go, not where."""
    vocabulary = words("en")
    waiting = tidy.either(vocabulary["waiting_clauses"])
    owners = tidy.either(vocabulary["refused_after_not"])
    return [
        match.start()
        for match in tidy.compiled(
            rf"(?<=\S) (?:(?:{owners}) )?[\w]+(?:{waiting})(?![\w'])"
        ).finditer(spoken)
    ]


def _also_there_after(spoken: str) -> list[int]:
    """Return where English `spoken` says, after something else, who else goes there too ("take me
    to kroger linda goes there too" -> the start of "linda"): why the place is known, not where."""
    vocabulary = words("en")
    clauses = tidy.either(vocabulary["also_there_clauses"])
    ends = tidy.either(vocabulary["also_ends"])
    owners = tidy.either(vocabulary["refused_after_not"])
    return [
        match.start()
        for match in tidy.compiled(
            rf"(?<=\S) (?:(?:{owners}) )?[\w]+(?:{clauses}) (?:{ends})(?![\w'])"
        ).finditer(spoken)
    ]


def _occasion_after(
    spoken: str, vocabulary: Mapping[str, Any], names: Sequence[tuple[int, int]]
) -> list[int]:
    """Return where English `spoken` says what happens at the place it has just named, after "for"
    ("the temple for my husband's memorial service", "saint anne church for the funeral"): right
    after one of the place's `names` or a kind, and with no other place said after it ("the
    church for the funeral at old st john")."""
    occasions = tidy.either(vocabulary["occasions"])
    prepositions = vocabulary["location_prepositions"]
    return [
        found.start()
        for found in re.finditer(rf" for (?:[\w']+ ){{0,3}}(?:{occasions})(?![\w'])", spoken)
        if (
            any(end == found.start() for _, end in names)
            or english_words.says_a_kind(spoken[: found.start()].split()[-1])
        )
        and not tidy.has_phrase(spoken[found.end() :], prepositions, "en")
    ]


def says_somewhere(words_said: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether English `words_said` hold a word that could name a place: "do the", "i have"
    (all that is left of "i have to collect my prescriptions") and "her i says" name none."""
    empty = {
        *vocabulary["function_words"],
        *vocabulary["fillers"],
        *vocabulary["purpose_verbs"],
        *vocabulary["no_place_words"],
    }
    return any(word not in empty for word in words_said.split())


def at_staffs_place(
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


def pickup_said(spoken: str, vocabulary: Mapping[str, Any]) -> re.Match[str] | None:
    """Return where English `spoken` says where the caller is ("i'm at the winn dixie"), if it
    does."""
    markers = "|".join(
        re.escape(marker) for marker in vocabulary["pickup_markers"] if " " in marker
    )
    # "i'm down the road from kroger": said first, so "i'm down the" does not stop before "from".
    markers = f"{_nearby(vocabulary)}|{markers}"
    # The place they are at ends where its location phrase would ("and", "so", "to", "i"...) or
    # where they ask for the ride ("i'm at the clinic take me home").
    asked = [*vocabulary["asks"], *(filler for filler in vocabulary["fillers"] if " " in filler)]
    ends = tidy.either([*vocabulary["location_ends"], *asked])
    # Each end is a whole word: "he" does not end "the heath".
    return re.search(rf"(?<![\w'])(?:{markers}) .*?(?:$|(?<![\w'])(?=(?:{ends})(?![\w'])))", spoken)


def _nearby(vocabulary: Mapping[str, Any]) -> str:
    """Return the pattern of the caller saying they are near a place ("i'm just down the road
    from", "i am by")."""
    return rf"(?:i'm|i am)(?: just| right)? (?:{tidy.either(vocabulary['pickup_nearby'])})"


def without_pickup(
    spoken: str,
    vocabulary: Mapping[str, Any],
    places: list[Mapping[str, Any]],
    family: list[Mapping[str, Any]],
    when: When | None,
) -> str:
    """Return English `spoken` without where the caller says they are ("i'm at the winn dixie"),
    when the rest still names a place to go to or they are there now ("i'm at the clinic")."""
    found = pickup_said(spoken, vocabulary)
    if not found:
        return spoken
    rest = (spoken[: found.start()] + " " + spoken[found.end() :]).strip()
    meant = place_matching.best_place(rest, places, "en", family)[0]
    if meant is not None:
        return rest
    # "i'm at the clinic" alone is where to pick them up; "i'm at the hospital on tuesday" is
    # an appointment there.
    here = tidy.has_phrase(found.group(), vocabulary["pickup_here"], "en") or bool(
        re.match(_nearby(vocabulary), found.group())
    )
    later = (when is not None and not when.get("now")) or tidy.has_phrase(
        spoken, vocabulary["plan_words"], "en"
    )
    return rest if here and not later else spoken
