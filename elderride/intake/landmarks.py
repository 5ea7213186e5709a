"""A place named beside another ("the cafe next to the church", "医院旁边的银行"): the one beside
is a landmark, not where to."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import english_words, tidy
from elderride.intake.vocabulary import words


def _inside(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(
        start <= span[0] and span[1] <= end and span != (start, end) for start, end in others
    )


def _described(before: str, vocabulary: Mapping[str, Any]) -> str:
    """Return the Chinese place said before a word that places it by a landmark ("药店就我家附近" ->
    "药店"), or "" when the landmark is all that was said ("医院旁边那个")."""
    said = tidy.spans(before, vocabulary["described_by"], "zh")
    if not said:
        return ""
    last = max(end for _, end in said)
    cut = min(start for start, end in said if end == last)
    return tidy.strip_fillers(before[:cut], vocabulary["fillers"], "zh")


def _near_home(before: str, landmark: str, after: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether Chinese `before` ends on home, `landmark` only says near it and `after` says
    nothing but where to stop ("到家附近", "我家旁边就行"; not "家对面", "家隔壁", someone else's
    door, nor "家附近的超市")."""
    home = tidy.either(vocabulary["home_labels"])
    rest = tidy.without_phrases(after, vocabulary["near_home_ends"], "zh").replace(" ", "")
    return (
        re.search(f"(?:{home})里?$", before) is not None
        and landmark in vocabulary["near_home"]
        and not tidy.strip_fillers(rest, vocabulary["fillers"], "zh")
    )


def meant(spoken: str, language: str, names: Sequence[str] = ()) -> str | None:
    """Return the words that say where once a landmark is left out ("the cafe next to the church" ->
    "the cafe"; "医院旁边的银行" -> "银行"), "" when only the landmark is named ("near the church",
    "超市对面"), or None when `spoken` (tidied) names no landmark, or only a place's own gate
    ("去人民公园门口"); a landmark word inside one of `names`, a place's own name ("家附近的超市"
    saved so), is none."""
    vocabulary = words(language)
    # "By the way" and "by taxi" are beside nothing.
    other = tidy.spans(spoken, [*vocabulary.get("not_landmarks", ()), *names], language)
    other += [
        span
        for span in tidy.spans(spoken, vocabulary.get("not_landmarks_first", ()), language)
        if span[0] == 0
    ]
    found = [
        span
        for span in tidy.spans(spoken, vocabulary["landmarks"], language)
        if not any(start <= span[0] < end for start, end in other)
    ]
    if not found:
        return None
    if language == "zh":
        # 医院旁边的银行: what is beside the landmark comes after it.
        after = spoken[max(end for _, end in found) :]
        linked = after.startswith(tuple(vocabulary["linking_words"]))
        # "归元寺门口卖粽子的那家": what is sold at the gate, then a pointer, is a stall there.
        pointed = len(after) > 3 and after.endswith(tuple(vocabulary["pointers"]))
        if (
            not linked
            and not pointed
            and all(spoken[start:end] in vocabulary["gates"] for start, end in found)
        ):
            # "去人民公园门口", "医院门口等你": the place itself, the car stops at its gate; only
            # "门口那个地铁站" is another place there.
            return None
        for linking in vocabulary["linking_words"]:
            after = after.removeprefix(linking)
        after = tidy.strip_fillers(
            after, [*vocabulary["fillers"], *vocabulary["pointers"]], language
        )
        first, last = min(found)
        if len(found) == 1 and _near_home(
            spoken[:first], spoken[first:last], spoken[last:], vocabulary
        ):
            # "到家附近", "送我到家旁边就行": only home's own neighbourhood, which the car reaches
            # by going home.
            return spoken[:first]
        if not after:
            return _described(spoken[:first], vocabulary)
        # "医院旁边的超市" is some supermarket there, maybe not theirs: only a name says which.
        return "" if after in vocabulary["kinds"] else after
    # "Take me to the cafe next to the church": the landmark said after the last word that says
    # where to ("to" inside "next to" is none).
    # "i've to take these slippers back": a "to" before what the caller will do there says no
    # place.
    verbs = {*vocabulary["purpose_verbs"], *vocabulary["errand_infinitives"]}
    markers = [
        end
        for start, end in tidy.spans(spoken, vocabulary["destination_markers"], language)
        if not _inside((start, end), found)
        and not any(s <= start < e for s, e in found)
        and not set(spoken[end:].split()[:1]) & verbs
    ]
    where = max(markers, default=0)
    said_after = [(start, end) for start, end in found if start >= where]
    if not said_after:
        return None
    start, end = min(said_after)
    beside = english_words.titled(spoken[end:].split())
    streets = [index for index, token in enumerate(beside) if token in vocabulary["street_words"]]
    leads = [
        index
        for index, token in enumerate(beside[: streets[0]] if streets else [])
        if token in vocabulary["street_prepositions"]
    ]
    # "down by fir lane" names a street, which the place must be on.
    if streets and not leads:
        return None
    before = spoken[where:start]
    if not any(english_words.is_content(token) for token in before.split()):
        return _after_clause(spoken[end:], vocabulary)
    # "the chemist next to the doctor's on tonge moor road": beside it, the place is on that
    # street too.
    street = " ".join(beside[leads[-1] : streets[0] + 1]) if streets else ""
    return f"{spoken[:start].strip()} {street}".strip()


def _after_clause(beside: str, vocabulary: Mapping[str, Any]) -> str:
    """Return the place English `beside` names after a landmark told as a clause ("where the old
    airport was the big hospital" -> "the big hospital"), or "" when it names none."""
    if not beside.split()[:1] == ["where"]:
        return ""
    ends = tidy.spans(beside, vocabulary["landmark_clause_ends"], "en")
    if not ends:
        return ""
    place = beside[min(end for _, end in ends) :].strip()
    return place if any(english_words.is_content(token) for token in place.split()) else ""
