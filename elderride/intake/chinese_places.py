"""Which of a senior's places a Chinese caller means: whole names, short forms (二院), head nouns
(超市), addresses."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_by_name,
    chinese_by_street,
    chinese_destinations,
    chinese_names,
    chinese_streets,
    tidy,
)
from elderride.intake.vocabulary import words


def _ordinals_agree(said: str, place: Mapping[str, Any]) -> bool:
    """Tell whether each ordinal said (第二) is in the place's label: 第二人民医院 is not
    市第一人民医院, though it holds 人民医院."""
    label = tidy.chinese_digits(tidy.chinese(place["label"]))
    return all(
        f"第{number}" in label for number in re.findall(r"第(\d+)", tidy.chinese_digits(said))
    )


def home(places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the place the family marked home, else the one called home (家), if there is one."""
    marked = [place for place in places if place.get("is_home")]
    if marked:
        return marked[0]
    labels = {tidy.chinese(label) for label in words("zh")["home_labels"]}
    return next((place for place in places if tidy.chinese(place["label"]) in labels), None)


def best(
    spoken: str, places: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, float]:
    """Return (place, confidence) for the place `spoken` (tidied Chinese) names, or (None, 0.0)."""
    said = chinese_destinations.core(spoken)
    # "康乐药房建国路上的": its name, then its own street, even when another place is called by
    # that street.
    named = chinese_by_street.by_name_then_street(said, places)
    if named is not None:
        return named, 0.8
    # Where the caller goes comes after 去 / 到 / 回: "我在华联超市，回家" is home.
    place, value, decided = chinese_by_name.by_whole_name(said, said, places)
    heard = said
    if not decided:
        place, value, decided = chinese_by_name.by_whole_name(spoken, said, places)
        # A name said before 去 is said with its own kind words: "娄桥那个卫生院去打针" names a
        # clinic in 娄桥, not the daughter's home there.
        heard = chinese_destinations.unlinked(spoken)
    if decided:
        return (
            (place, round(0.95 * value, 2))
            if place is not None
            and chinese_names.kinds_agree(heard, place)
            and _ordinals_agree(said, place)
            else (None, 0.0)
        )
    if any(phrase in spoken for phrase in words("zh")["home_phrases"]) and home(places) is not None:
        return home(places), 0.9
    if not said:
        return None, 0.0
    place = chinese_by_name.by_short_form(said, places)
    if place is not None:
        return place, 0.85
    place = (
        chinese_by_street.by_address(said, places)
        or chinese_by_street.by_street_and_kind(said, places)
        or chinese_by_street.by_street_said_later(said, places)
        # "柴河街南段那金色家园": its street and its estate, each as in its address.
        or chinese_by_street.by_address_in_pieces(said, places)
    )
    if place is None and said != (whole := chinese_destinations.unlinked(spoken)):
        # "邮电路中医院，我去配中药": the place was said before 去, its street and kind first.
        place = chinese_by_street.by_street_and_kind(whole, places)
    if place is not None:
        return place, 0.8
    place = chinese_by_name.by_misheard_name(said, places)
    if place is not None:
        return place, 0.75
    return _after_hesitation(said, places)


def _after_hesitation(
    said: str, places: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, float]:
    """Return the place named after the caller stopped to find the word ("那个医院嗯第二医院"),
    when a street said before it is that place's own, else (None, 0.0)."""
    marks = [said.rfind(mark) + len(mark) for mark in words("zh")["hesitations"] if mark in said]
    if not marks:
        return None, 0.0
    before, after = (
        said[: max(marks)],
        tidy.strip_fillers(said[max(marks) :], chinese_destinations.strippable(), "zh"),
    )
    if not after or after == said:
        return None, 0.0
    place, value = best(after, places)
    streets = chinese_streets.STREET.findall(before)
    address = tidy.chinese(place.get("address") or "") if place is not None else ""
    # A street is matched by its end: "就延安路" is 延安路.
    if place is None or any(not chinese_streets.on_street(street, address) for street in streets):
        return None, 0.0
    return place, round(value * 0.95, 2)
