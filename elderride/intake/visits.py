"""Whose place the caller goes to: a relative visited, a grandchild's parent, a place pointed back
at, a place said before its verb, the place of someone the caller sees."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import chinese_streets, people, place_matching, tidy
from elderride.intake.vocabulary import words


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


def pointed_back(spoken: str, vocabulary: Mapping[str, Any]) -> str:
    """Return Chinese `spoken` with a ride asked "there" after where someone is ("志强住院了在湘雅
    你送我过去") asked to that place ("志强住院了送我去湘雅"): 过去 and 那里 point back at it."""
    asks = tidy.either(vocabulary["asks_pointing_back"])
    back = tidy.either(vocabulary["pointing_back"])
    said_to = tidy.either(vocabulary["asks_pointing_back_after"])
    still = tidy.either(vocabulary["caller_there_adverbs"])
    together = tidy.either(vocabulary["with_person"])
    # "建国在同济住院我要过去看他", "…送我去吧": whom the caller sees, or a particle, ends it.
    seen = tidy.either(vocabulary["visit_verbs"])
    whom = tidy.either(vocabulary["possessive_others"])
    ends = tidy.either(vocabulary["pointing_back_ends"])
    found = re.search(
        rf"(?P<caller>[我俺](?:(?:{together})[^在我俺]{{1,4}})?(?:{still})*)?(?P<gone>[不没])?"
        rf"在(?P<where>[^在]+?)(?:{said_to})?(?P<ask>{asks})(?P<back>{back})"
        rf"(?:(?:{seen})(?:{whom})们?)?(?:{ends})*$",
        spoken,
    )
    if found is None:
        return spoken
    if found["gone"]:
        # "志强不在湘雅了 送我过去": where he is not is nowhere to go, and no more is asked.
        return ""
    if found["caller"]:
        # "我在医院 送我过去", "我正在湘雅", "我跟志强在步步高": where the caller is, never where
        # to; only an earlier place is.
        return pointed_back(spoken[: found.start()] + spoken[found.start("ask") :], vocabulary)
    # "志强在中心医院上班": what he does there is no part of the place.
    doing = re.search(tidy.either(vocabulary["doings_there"]), found["where"])
    where = found["where"][: doing.start()] if doing else found["where"]
    after = found["where"][doing.end() :] if doing else ""
    fillers = vocabulary["fillers"]
    said = tidy.strip_fillers(where, fillers, "zh")
    homes = tidy.either(vocabulary["home_labels"])
    if (
        not said
        # "建国在家 送我过去": his home, which is not the caller's own 家.
        or re.fullmatch(rf"(?:{homes})里?", said)
        # "志强在湘雅上班不用送我过去", "…他会送我过去": the ride declined, or someone else's.
        or tidy.strip_fillers(after, [*fillers, *vocabulary["doings_there_ends"]], "zh")
    ):
        return spoken
    if re.search(rf"(?:{tidy.either(vocabulary['near_words'])})$", said):
        # "建国住在同济附近 送我过去", "小军家在附院旁边": beside it, never it; the ride points back
        # to whom, or whose home, was said before.
        return f"{spoken[: found.start()]}{found['ask']}{found['back']}"
    return f"{spoken[: found.start()]}{found['ask']}去{where}"


def asked_on_from_where_someone_is(spoken: str, vocabulary: Mapping[str, Any]) -> str:
    """Return Chinese `spoken` from a ride asked to a place named after where someone is ("丽丽在
    菜市场买菜送我去丽丽家" -> "送我去丽丽家"): where they are is not where to go."""
    asks = tidy.either(vocabulary["asks_pointing_back"])
    said_to = tidy.either(vocabulary["asks_pointing_back_after"])
    going = tidy.either(vocabulary["destination_markers"])
    found = re.search(rf"在[^在]+?(?:{said_to})?(?P<ask>(?:{asks})(?:{going}))(?P<to>.+)$", spoken)
    if found is None or not tidy.strip_fillers(found["to"], vocabulary["fillers"], "zh"):
        return spoken
    return spoken[found.start("ask") :]


def without_bare_summons(
    spoken: str, vocabulary: Mapping[str, Any], family: Sequence[Mapping[str, Any]]
) -> str:
    """Return Chinese `spoken` without a relative's asking the caller to go that says no where
    ("小军叫我去", "建国叫我跟她一起去", "…志强叫我去的"): who asks is not where to go."""
    persons = people.someone("zh", tuple(people.others("zh", family)))
    fond = f"(?:{tidy.either(vocabulary['fond_prefixes'])})[\u4e00-\u9fff]"
    summons = tidy.either(vocabulary["summons"])
    # "叫我跟她一起去": with whom is no where; "叫我到他屋里去" says where.
    along = (
        f"(?:(?:{tidy.either(vocabulary['with_person'])})"
        f"(?:{tidy.either(vocabulary['possessive_others'])})们?)?"
        f"(?:{tidy.either(vocabulary['summons_along'])})?"
    )
    ends = tidy.either([*vocabulary["fillers"], *vocabulary["summons_ends"]])
    # Compiled through tidy's cache: a pattern of a senior's people outlasts re's own cache.
    return tidy.compiled(rf"(?:{persons}|{fond})(?:{summons})[我俺]{along}去(?:{ends})*$").sub(
        "", spoken
    )


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


def at_staffs_place(
    spoken: str,
    vocabulary: Mapping[str, Any],
    places: list[Mapping[str, Any]],
    family: list[Mapping[str, Any]],
) -> str:
    """Return English `spoken` from the place where the caller sees someone or goes to an event
    ("the heart doctor at logan regional" -> "logan regional", "the hospital fete at the centre" ->
    "the centre"), when that names one of their places."""
    # An event is held where it is said to be: "the church bingo at mecca" is at Mecca.
    staff = tidy.either([*vocabulary["staff"], *vocabulary["occasions"]])
    directions = tidy.either(vocabulary["location_directions"])
    prepositions = tidy.either(vocabulary["staff_prepositions"])
    for found in re.finditer(
        rf"(?<![\w'])((?:{staff})) (?:(?:{directions}) )?(?:{prepositions}) (?=\S)", spoken
    ):
        said_before = {token.removesuffix("'s") for token in spoken[: found.start()].split()}
        if found.group(1) in vocabulary["occasions"] and said_before & {
            name for person in people.people(family) for name in person.names
        }:
            # "our tracey's little lad has a party at the church hall": an event of someone the
            # caller names is theirs, and says nothing of the caller's trip.
            continue
        rest = spoken[found.end() :]
        if place_matching.best_place(rest, places, "en", family)[0] is not None:
            return rest
    return spoken
