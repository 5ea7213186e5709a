"""Errands that name a kind of place ("买点菜", "see the doctor"): the senior's one place of that
kind."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_destinations,
    chinese_names,
    english_places,
    english_refusals,
    english_scores,
    english_words,
    locations,
    tidy,
)
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]


def said(spoken: str, language: str) -> list[Mapping[str, Any]]:
    """Return the errands `spoken` (tidied) names, in the order the word lists give them."""
    return [
        errand
        for errand in words(language).get("errands", ())
        if tidy.has_phrase(spoken, errand["said"], language)
    ]


def left_of_one(where: str, spoken: str, language: str) -> bool:
    """Tell whether every content word of English `where` is a word of an errand said in `spoken`
    ("the service" of "the morning service"): all that is left of the errand once its time is
    taken away."""
    named = {
        token
        for errand in said(spoken, language)
        for phrase in errand["said"]
        if tidy.has_phrase(spoken, [phrase], language)
        for token in phrase.split()
    }
    content = [token for token in where.split() if english_words.is_content(token)]
    return language != "zh" and bool(content) and all(token in named for token in content)


def _of_kind(place: Place, kinds: Sequence[str], language: str) -> bool:
    """Tell whether one of the place's names says it is one of `kinds`."""
    if language == "zh":
        return any(kind in name for kind in kinds for name in chinese_names.names_and_kinds(place))
    own = english_scores.profile(place).words
    return any(item.matches(english_words.word(kind)) for kind in kinds for item in own)


def _fits(place: Place, errand: Mapping[str, Any], language: str) -> bool:
    """Tell whether the place is of the errand's kinds and none of those it names as others ("the
    drug store" is a store, but no place for "the shops")."""
    return _of_kind(place, errand["kinds"], language) and not _of_kind(
        place, errand.get("not_kinds", ()), language
    )


def place_for(spoken: str, places: Sequence[Place], language: str) -> Place | None:
    """Return the one place of the kind the caller's errand needs, or None when none or two fit,
    the errand is denied ("i don't need to see the doctor", 不用看病) or no place serves every
    errand said (看病拿药 is the hospital's, 买菜看病 nowhere's)."""
    errands = said(spoken, language)
    # English errands said together are read as before: none of them decides.
    if (
        not errands
        or (len(errands) > 1 and language != "zh")
        or tidy.has_phrase(spoken, words(language).get("errand_negations", ()), language)
    ):
        return None
    found = [place for place in places if all(_fits(place, errand, language) for errand in errands)]
    named = [(phrase, errand) for errand in errands for phrase in errand["said"]]
    if len(found) > 1 and language == "zh":
        # "浙大一院我去配药": medicine is fetched at the hospital and the pharmacy alike, but the
        # last character of one's kind said before the errand (院, not 店) says which.
        found = [place for place in found if _kind_said_before(spoken, named, place)] or found
    if len(found) > 1 and language != "zh":
        # "see the doctor about my blood pressure on larch": the street said says which of the
        # places that fit, the clinic on Larch Street and not the hospital.
        found = [place for place in found if _on_its_street(spoken, place)]
    # Two places that fit ("the doctor" with a surgery and a hospital) are no answer.
    if len(found) != 1:
        return None
    # "pick up my prescription at the walgreens on camelback" is done at another shop than theirs.
    named_by = [
        phrase
        for errand in errands
        for phrase in errand["said"]
        if tidy.has_phrase(spoken, [phrase], language)
    ]
    if locations.elsewhere(spoken, found[0], language, named_by=named_by):
        return None
    if language != "zh" and locations.errand_elsewhere(spoken, found[0], named_by):
        return None
    if language != "zh" and _named_another(without(spoken, language), found[0]):
        return None
    if language == "zh" and _done_at_another(spoken, named_by, found[0]):
        return None
    return found[0]


def _kind_said_before(
    spoken: str, named: Sequence[tuple[str, Mapping[str, Any]]], place: Place
) -> bool:
    """Tell whether Chinese `spoken` says, before its first errand, the last character of a kind
    of the errand that `place` is ("一院" for a 医院)."""
    starts = [start for phrase, _ in named for start, _ in tidy.spans(spoken, [phrase], "zh")]
    before = spoken[: min(starts, default=0)]
    own = chinese_names.names_and_kinds(place)
    kinds = {kind for _, errand in named for kind in errand["kinds"]}
    return any(kind[-1] in before for kind in kinds if any(kind in name for name in own))


def _done_at_another(spoken: str, named_by: Sequence[str], place: Place) -> bool:
    """Tell whether Chinese `spoken` (tidied) names, after the errand and 的, where it is done, and
    none of the place's names ("去打麻将的茶馆", "去打牌的老张家"): the errand is done there."""
    vocabulary = words("zh")
    own = tuple(chinese_names.names_and_kinds(place))
    for _, end in tidy.spans(spoken, named_by, "zh"):
        if not spoken.startswith("的", end):
            continue
        said = spoken[end + 1 :]
        rest = tidy.strip_fillers(said, [*vocabulary["pointers"], *vocabulary["fillers"]], "zh")
        # "打麻将的那儿", "下棋的地方": somewhere said by the errand alone is still theirs.
        # ("那" alone begins "那个茶楼" too: only a whole word for there counts.)
        there = (*(word for word in vocabulary["nowhere"] if len(word) > 1), *own)
        if rest and not said.startswith(there) and not rest.startswith(there):
            return True
    return False


def names_it_only(spoken: str, place: Place, places: Sequence[Place], language: str) -> bool:
    """Tell whether English `spoken` names `place` only by an errand's words, and the place is not
    of the errand's kind ("for the service" for the Esso service station) or has none of those words
    in its names though any of the errand's kinds would do ("the shops" for the supermarket): the
    errand, not the name, says which."""
    errands = said(spoken, language)
    if language == "zh" or not errands:
        return False
    if english_places.best(without(spoken, language), places)[0] is place:
        return False
    if not all(_fits(place, errand, language) for errand in errands):
        return True
    # "to see the doctor" is their surgery before their hospital: only an errand whose kinds are
    # all alike ("the shops": a market, a supermarket) leaves the choice to the errand, and a
    # place named by the errand's own words ("the shops" of Morrisons) is still that place.
    if not all(errand.get("kinds_alike", False) for errand in errands):
        return False
    named = {
        english_words.word(token).text
        for errand in errands
        for phrase in errand["said"]
        if tidy.has_phrase(spoken, [phrase], language)
        for token in phrase.split()
        if english_words.is_content(token)
    }
    own = {item.text for item in english_scores.profile(place).words}
    return not named & own


def done_elsewhere(spoken: str, place: Place, places: Sequence[Place], language: str) -> bool:
    """Tell whether English `spoken` names `place` only by an errand's words ("groceries" for the
    grocery store) and says where that errand is done, not the place's ("the walmart on northwest
    expressway i need groceries")."""
    errands = said(spoken, language) if language != "zh" else []
    if not errands or english_places.best(without(spoken, language), places)[0] is place:
        return False
    named_by = [
        phrase
        for errand in errands
        for phrase in errand["said"]
        if tidy.has_phrase(spoken, [phrase], language)
    ]
    # Only where the caller put the errand before saying it counts: "see the doctor about my knee,
    # it's been playing up" says where the knee hurts, after.
    first = min(start for start, _ in tidy.spans(spoken, named_by, language))
    return locations.errand_elsewhere(spoken[:first], place, named_by)


def _on_its_street(spoken: str, place: Place) -> bool:
    """Tell whether English `spoken` says a word of the place's own street after on, off or along
    ("on larch" for 65 Larch Street)."""
    own = english_scores.profile(place)
    return any(
        own.has_address_word(english_words.word(found.group(1)))
        for found in re.finditer(r"(?<![\w'])(?:on|off|along) ([\w']+)", spoken)
    )


def _named_another(spoken: str, place: Place) -> bool:
    """Tell whether English `spoken` says a name of `place` as part of another place's ("covenant
    children's for a checkup"): that other place is where the errand is done."""
    said = english_scores.utterance(spoken)
    (entry,) = english_scores.score(said, [english_scores.profile(place)])
    return bool(entry.name_hits) and english_refusals.refused(entry, said)


def without(spoken: str, language: str) -> str:
    """Return `spoken` with the errands' words taken out: what is left may still be an address.

    An errand's word said right before a kind of place stays: "the dental hospital" names
    another hospital, never "the hospital"."""
    kinds = tidy.either([kind for kind in words(language)["kinds"] if len(kind) > 1])
    # "抽血中心" is a place of its own, but "抽血中心医院" the errand at 中心医院: a kind said with
    # another after it is the start of a name.
    before_kind = f"(?:{kinds})(?!{kinds})" if language == "zh" else rf" (?:{kinds})(?![\w'])"
    for errand in said(spoken, language):
        for phrase in sorted(errand["said"], key=len, reverse=True):
            spoken = re.sub(
                rf"{re.escape(phrase)}(?!{before_kind})",
                " " if language != "zh" else "",
                spoken,
            )
    return " ".join(spoken.split()) if language != "zh" else spoken


def first(spoken: str) -> bool:
    """Tell whether Chinese `spoken` (tidied) says an errand right after where it goes ("去看医生啦
    老毛病"), so that no name or address comes between."""
    named = [phrase for errand in said(spoken, "zh") for phrase in errand["said"]]
    # Some errands (看病) are fillers after a name ("医院看病"): here they are what is said.
    fillers = [word for word in words("zh")["fillers"] if word not in named]
    rest = tidy.strip_fillers(chinese_destinations.destination(spoken), fillers, "zh")
    return rest.startswith(tuple(named))
