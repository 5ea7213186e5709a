"""Places a caller speaks of as not asked for now: where they went, somewhere closed, a trip on a
condition or only hedged, a question about a place, and a trip put off to no day in particular."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import people, tidy


def _plans(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where English `spoken` makes a plan hang on a condition ("if it's icy i'll not bother
    with the shops", "if me hip's no better i might have to go"): a ride that only might be is no
    destination, while a polite "if" ("if it's no bother", "if you could") still asks."""
    if language == "zh":
        return []
    polite = tidy.either(vocabulary["polite_conditions"])
    mains = tidy.either(vocabulary["conditional_mains"])
    wishes = tidy.either(vocabulary["conditional_wishes"])
    # The condition is a few words at most: "if it's not blowing a gale tomorrow".
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])if (?!(?:{polite})(?![\w']))(?:[\w']+ ){{1,8}}?(?:{mains})(?![\w'])"
            rf"(?! (?:{wishes})(?![\w']))",
            spoken,
        )
    ]


def _conditions(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where English `spoken` sets a condition on what someone is, does or did ("if darlene
    was home", "if delroy did want me"): a ride that only might be is no destination."""
    if language == "zh":
        return []
    verbs = tidy.either(vocabulary["conditional_verbs"])
    asking = tidy.either(vocabulary["conditional_askers"])
    callers = tidy.either(vocabulary["conditional_callers"])
    polite = tidy.either(vocabulary["polite_modals"])
    # One or two words of subject: "if darnell moves", "if my daughter was"; "if i could get a
    # lift" asks.
    subject = r"(?:[\w']+ ){1,2}?"
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])if (?!(?:{asking})(?![\w']))(?!(?:{callers}) (?:{polite})(?![\w']))"
            rf"{subject}(?:{verbs})(?![\w'])",
            spoken,
        )
    ]


def _callers_conditions(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` hangs something on the caller ("if i am feeling dizzy", "when
    i'm better i'll go"), unless a polite modal asks ("if i could get a lift", "if i may")."""
    if language == "zh":
        return []
    callers = tidy.either(vocabulary["conditional_callers"])
    polite = tidy.either(vocabulary["polite_modals"])
    caller = rf" (?:{callers})(?![\w'])(?! (?:{polite})(?![\w']))"
    ifs = tidy.either(vocabulary["conditional_openers"])
    whens = tidy.either(vocabulary["timing_openers"])
    # "When" only with what the caller will do or asks after it: "take me home when i'm done"
    # asks for home.
    then = tidy.either([*vocabulary["conditional_mains"], *vocabulary["asks"]])
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])(?:(?:{ifs}){caller}|(?:{whens}){caller}(?=.* (?:{then})(?![\w'])))",
            spoken,
        )
    ]


def _suppositions(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` hangs a ride it asks for on a condition not yet met ("if i'm
    feeling poorly can you take me to the royal", "should it snow run me to the church"), from the
    condition to the request; a polite "if" ("if it's no trouble", "if i could") asks now."""
    if language == "zh":
        return []
    openers = tidy.either(vocabulary["supposition_openers"])
    polite = tidy.either(vocabulary["polite_conditions"])
    callers = tidy.either(vocabulary["conditional_callers"])
    modals = tidy.either(vocabulary["polite_modals"])
    requests = tidy.either(vocabulary["supposed_requests"])
    now = vocabulary["present_conditions"]
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])(?:{openers}) (?!(?:{polite})(?![\w']))"
            rf"(?!(?:{callers}) (?:{modals})(?![\w']))"
            rf"(?:[\w']+ ){{1,8}}?(?=(?:{requests})(?![\w']))",
            spoken,
        )
        # "karen's out" is "karen is out".
        if not tidy.has_phrase(re.sub(r"'s(?![\w'])", " is", match.group()), now, language)
    ]


def _past_whereabouts(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` says where someone was with a direction ("i was out to
    linda's farm", "we were up at the club", "i've been down the shops")."""
    if language == "zh":
        return []
    being = tidy.either(vocabulary["past_being"])
    directions = tidy.either(vocabulary["past_directions"])
    ends = tidy.either(vocabulary["past_direction_ends"])
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![\w'])(?:{being}) (?:{directions}) (?:{ends})(?![\w'])", spoken
        )
    ]


def _place_questions(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where `spoken` asks about a place ("are they open", "they having mass at noon or
    what", "菜场开门没有"), unless it asks about the ride ("is there a car to the royal") or for one
    ("is there any chance you could take me")."""
    asking = [*vocabulary["status_subjects"], *vocabulary["question_asks"]]
    if tidy.has_phrase(spoken, asking, language):
        return []
    found = tidy.spans(spoken, vocabulary["place_questions"], language)
    if vocabulary.get("existential_questions"):
        # "the senior center my friends is there today": said after who, "is there" is no question.
        objects = tidy.either(vocabulary["existential_objects"])
        follows = tidy.compiled(rf"\s*(?:{objects})(?![\w'])")
        found = [
            (start, end)
            for start, end in found
            if spoken[start:end] not in vocabulary["existential_questions"]
            or follows.match(spoken[end:])
        ]
    if vocabulary.get("question_openers"):
        # English may ask with its first words (Chinese asks at the end): "is the royal doing
        # flu jabs". Only first, after a lead-in ("oh", "well"), is "is the" a question; "i need
        # to do the weekly shop" holds "do the".
        fillers = tidy.either(vocabulary["question_lead_ins"])
        openers = tidy.either(vocabulary["question_openers"])
        opened = re.match(rf"(?:(?:{fillers}) )*(?:{openers})(?![\w'])", spoken)
        found += [opened.span()] if opened else []
    return found


def _went(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` says the caller went somewhere ("早上去了菜场买了菜"):
    去了 with more said after it, unless 了 only marks now ("不去了", "要去了") or a
    supposition ("去了也没用")."""
    if language != "zh":
        return []
    before = re.escape("".join(vocabulary["went_not_after"]))
    after = re.escape("".join(vocabulary["went_not_before"]))
    # "要回去了": a direction between does not make 回去了 a going that is done.
    directions = re.escape("".join(vocabulary["went_directions"]))
    return [
        match.span()
        for match in re.finditer(
            rf"(?<![{before}])(?<![{before}][{directions}])去了(?=[^{after}])", spoken
        )
    ]


def deferrals(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where `spoken` puts going off to no day in particular, with more than a decline said
    ("i'll go to the club another day", "改天再去菜场"); "another day" alone declines."""
    found = tidy.spans(spoken, vocabulary["deferrals"], language)
    declined = [
        *vocabulary["deferrals"],
        *vocabulary["declines"],
        *vocabulary["no"],
        *vocabulary["unsure"],
    ]
    rest = tidy.without_phrases(spoken, declined, language).split()
    return (
        found
        if any(tidy.strip_fillers(word, vocabulary["fillers"], language) for word in rest)
        else []
    )


def goes_again(after: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether what the caller asks for after speaking of a place been to only goes there
    again ("i need to go back today"), with nothing refused."""
    again = tidy.spans(after, vocabulary.get("back_again", ()), language)
    if not again or tidy.has_phrase(after, vocabulary["errand_negations"], language):
        return False
    days = [word for key in vocabulary["time"] for word in vocabulary["time"][key]]
    rest = tidy.without_phrases(after[max(end for _, end in again) :], days, language)
    return not tidy.strip_fillers(rest.strip(), vocabulary["fillers"], language)


def spans(spoken: str, vocabulary: Mapping[str, Any], language: str) -> list[tuple[int, int]]:
    """Return where `spoken` tells of a place not asked for now: been to, closed, out of order, on a
    condition or asked about ("i was out to linda's farm yesterday", "if i am feeling dizzy",
    "菜场开门没有")."""
    said = [
        word
        for key in ("past", "closed", "turned_down", "conditions")
        for word in vocabulary.get(key, ())
    ]
    return [
        *tidy.spans(spoken, said, language),
        *_closed_places(spoken, vocabulary, language),
        *_out_of_order(spoken, vocabulary, language),
        *_place_questions(spoken, vocabulary, language),
        *_went(spoken, vocabulary, language),
        *_past_whereabouts(spoken, vocabulary, language),
        *_callers_conditions(spoken, vocabulary, language),
        *_conditions(spoken, vocabulary, language),
        *_plans(spoken, vocabulary, language),
        *_suppositions(spoken, vocabulary, language),
    ]


def _closed_places(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` says a place itself is gone ("新玛特黄了"), not something of
    it ("麓山寺的银杏黄了", whose 黄了 is only a colour)."""
    of_something = tidy.compiled("的[\u4e00-\u9fff]{1,4}$")
    return [
        (start, end)
        for start, end in tidy.spans(spoken, vocabulary.get("closed_of_place_only", ()), language)
        if not of_something.search(spoken[max(0, start - 5) : start])
    ]


def _out_of_order(
    spoken: str, vocabulary: Mapping[str, Any], language: str
) -> list[tuple[int, int]]:
    """Return where English `spoken` tells of something of a building out of order ("the elevator
    is broken again in my building"): what is wrong there asks for no ride."""
    if language == "zh":
        return []
    things = tidy.either(vocabulary["building_things"])
    trouble = tidy.either(vocabulary["out_of_order"])
    links = tidy.either(vocabulary["out_of_order_links"])
    return [
        match.span()
        for match in tidy.compiled(
            rf"(?<![\w'])(?:{things})(?:'s)?(?: (?:{links})){{0,2}} (?:{trouble})(?![\w'])"
        ).finditer(spoken)
    ]


def supposed(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether a ride asked for in `spoken` is only supposed ("要是我头晕你们就送我去医院", "if
    it rains tomorrow could you take me to the church"), the supposition not being mere politeness
    ("方便的话送我去医院", "if it's no trouble take me to the market")."""
    if language != "zh":
        return bool(_suppositions(spoken, vocabulary, language))
    return tidy.has_phrase(spoken, vocabulary["conditions"], language) and not tidy.has_phrase(
        spoken, vocabulary["polite_conditions"], language
    )


def called_in(told: str, vocabulary: Mapping[str, Any], language: str = "en") -> bool:
    """Tell whether `told`, what someone rang or said, calls the caller in ("told me to come in
    today", "called my order is ready take me there", "医院打电话叫我去拿报告"), with nothing that
    keeps them away ("called to say don't come", "my pills aren't in yet", "报告还没出来") or tells
    it answered ("but i told them no", "last week")."""
    # A Chinese place rings to call the caller in unless it puts them off; English says so.
    summons = tidy.spans(told, vocabulary.get("place_summons", ()), language)
    if language != "zh" and not summons:
        return False
    # "rang me yesterday to come in today": only what follows the summons tells it answered.
    answered = told[min((end for _, end in summons), default=0) :]
    put_off = [*vocabulary["summons_put_off"], *vocabulary.get("deliveries", ())]
    return not tidy.has_phrase(told, put_off, language) and not tidy.has_phrase(
        answered, vocabulary.get("summons_answered", ()), language
    )


def _taken(spoken: str, vocabulary: Mapping[str, Any]) -> re.Match[str] | None:
    """Return where English `spoken` first says someone else takes the caller ("marcus is taking
    me"), or None."""
    links = tidy.either([*vocabulary["others_links"], *vocabulary["taken_links"]])
    taken = tidy.either(vocabulary["taken_by"])
    for found in tidy.compiled(rf"([\w]+)(?:{links}) (?:{taken})(?![\w'])").finditer(spoken):
        if found.group(1) not in vocabulary["not_others"]:
            return found
    return None


def taken_by_another(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether English `spoken` says someone else takes the caller ("my daughter's taking me
    tomorrow", "tracy'll run me up"): their day asks no ride of the line."""
    return language != "zh" and _taken(spoken, vocabulary) is not None


def own_ride_after_taken(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return English `spoken` from the ride the caller asks for after someone else's trip with
    them, with the day said of that trip ("marcus is taking me to grady tomorrow i need a ride home
    at three" -> "tomorrow i need a ride home at three"), else `spoken`: where the other takes
    them is not where the caller asks to go."""
    found = _taken(spoken, vocabulary) if language != "zh" else None
    if found is None:
        return spoken
    asking = [*vocabulary["asks"], *vocabulary["books"]]
    for start, end in tidy.spans(spoken[found.end() :], asking, language):
        asked = spoken[found.end() + start :]
        # "marcus is taking me now": a word that asks with nothing after it asks no ride.
        if tidy.strip_fillers(asked[end - start :], vocabulary["fillers"], language):
            trip = spoken[found.end() : found.end() + start]
            days = [*vocabulary["time"]["today"], *vocabulary["time"]["tomorrow"]]
            day = [phrase for phrase in days if tidy.has_phrase(trip, [phrase], language)]
            return " ".join([*day[:1], asked])
    return spoken


def waits_for_others(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether English `spoken` says the caller waits for someone or something to do a thing
    ("sitting here at home waiting for kroger to deliver", "waiting for the nurse to come") and
    asks for no ride besides: whom they wait for is not where to."""
    if language == "zh":
        return False
    waiting = tidy.either(vocabulary["waiting_for"])
    found = tidy.compiled(
        rf"(?<![\w'])(?:{waiting}) (?!you\b)(?:[\w']+ ){{1,4}}?to [\w']+(?![\w'])"
    ).search(spoken)
    if found is None:
        return False
    outside = f"{spoken[: found.start()]} {spoken[found.end() :]}"
    # "take me to kroger, i'm waiting for linda to finish": a marker of more than "to" asks too.
    markers = [marker for marker in vocabulary["destination_markers"] if " " in marker]
    asking = [*vocabulary["asks"], *vocabulary["books"], *markers]
    return not tidy.has_phrase(outside, asking, language)


def hindered(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    family: Sequence[Mapping[str, Any]] = (),
) -> bool:
    """Tell whether `spoken` tells a plan with what stands in its way and asks nothing after it
    ("i'm supposed to go to grady on friday but linda is taking me", "... but i forgot when",
    "本来要去医院但是女儿说她送我")."""
    asking = [*vocabulary["asks"], *vocabulary["books"]]
    for start, end in tidy.spans(spoken, vocabulary["plan_turns"], language):
        after = spoken[end:]
        obstacles = _obstacles(after, vocabulary, language, family)
        # "但是女儿说她送我": who takes the caller says 送我 too, and asks nothing.
        left = "".join(
            character
            for at, character in enumerate(after)
            if not any(begin <= at < finish for begin, finish in obstacles)
        )
        if obstacles and not tidy.has_phrase(left, asking, language):
            return not tidy.has_phrase(spoken[:start], vocabulary["books"], language)
    return False


def _obstacles(
    after: str, vocabulary: Mapping[str, Any], language: str, family: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Return where `after`, said after a plan's turn ("but", "可是"), says what stands in its way:
    one of plan_obstacles or, in Chinese, someone else taking the caller ("闺女来接我")."""
    # "女儿说她送我", "闺女明天开车来接我"; "女儿没空送我去医院" asks the line.
    return [
        *tidy.spans(after, vocabulary["plan_obstacles"], language),
        *people.takers(after, language, family),
    ]
