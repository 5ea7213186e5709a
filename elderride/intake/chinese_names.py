"""What a Chinese place is called: its names, the kinds of place they say (医院, 菜市场), and the
short forms said of them (二院, 工行)."""

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz.distance import LCSseq

from elderride.intake import chinese_streets, tidy
from elderride.intake.vocabulary import words

NUMERALS = set("零〇一二两三四五六七八九十百0123456789")


def names(place: Mapping[str, Any]) -> list[str]:
    """Return the tidied ways of saying a place: its label first, then its aliases."""
    return list(_names(place["label"], tuple(place.get("aliases") or ())))


@functools.lru_cache(maxsize=1024)
def _names(label: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """Return the tidied label and aliases, kept for the senior's next turn (a street said over
    and over asked for them hundreds of times a turn)."""
    found = [tidy.chinese(name) for name in (label, *aliases)]
    return tuple(name for name in found if name)


def label(place: Mapping[str, Any]) -> str:
    """Return the place's label tidied."""
    return _label(place["label"])


@functools.lru_cache(maxsize=1024)
def _label(written: str) -> str:
    """Return a label tidied, kept for the senior's next turn."""
    return tidy.chinese(written)


def names_and_kinds(place: Mapping[str, Any]) -> list[str]:
    """Return the place's names and the kinds its label says only by a short form (医院 of
    河科大一附院): a kind said alone names it, though no name is that kind."""
    return list(_names_and_kinds(place["label"], tuple(place.get("aliases") or ())))


@functools.lru_cache(maxsize=1024)
def _names_and_kinds(label: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """Return names_and_kinds of a place of this label and aliases, kept for the senior's next
    turn."""
    return (*_names(label, aliases), *_implied_kinds(_label(label)))


def implied_kinds(label: str) -> list[str]:
    """Return the kinds of place a label (tidied) says only by a short form (医院 of 大医二院)."""
    return list(_implied_kinds(label))


@functools.lru_cache(maxsize=1024)
def _implied_kinds(label: str) -> tuple[str, ...]:
    """Return implied_kinds of a label, kept for the senior's next turn."""
    return tuple(
        kind
        for kind, endings in words("zh")["implied_kinds"].items()
        if kind not in label and any(ending in label for ending in endings)
    )


def another_by_short_form(said: str, places: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether `said` names a kind of place by a short form (市一院, 附院) whose telling
    characters (一, 附) none of the places' names hold: 市一院 is not 医科大学总医院."""
    return any(
        ending in said
        and not any(
            set(ending) - set(kind) <= set(name) for place in places for name in names(place)
        )
        for kind, endings in words("zh")["implied_kinds"].items()
        for ending in endings
    )


@functools.cache
def _generic_words() -> tuple[str, ...]:
    """Return the words that say what kind of place, or which of its kind by a direction, an
    ordinal or a town's level (医院, 中心, 北, 第, 市): longest first."""
    vocabulary = words("zh")
    found = {
        *vocabulary["kinds"],
        *vocabulary["generic_words"],
        *vocabulary["directions"],
        *NUMERALS,
    }
    return tuple(sorted(found, key=len, reverse=True))


@functools.cache
def directions() -> frozenset[str]:
    return frozenset(words("zh")["directions"])


def generic(name: str) -> bool:
    """Tell whether a name (tidied) says only a kind of place ("菜市场", "中心医院", "一医院"): none
    of its words tells which place of that kind it is."""
    for word in _generic_words():
        name = name.replace(word, "")
    return not name


def _without_own_streets(said: str, place: Mapping[str, Any]) -> str:
    """Return `said` without the streets of the place's own address: the 公园 of 公园路 is no
    park."""
    address = tidy.chinese(place.get("address") or "")
    for street in chinese_streets.STREET.findall(said):
        # A street is matched by its end: of "医院解放路" only 解放路 is the street.
        own = next(
            (
                street[start:]
                for start in range(len(street) - 2)
                if chinese_streets.on_street(street[start:], address)
            ),
            "",
        )
        if own:
            said = said.replace(own, "")
    return said


def town_level_kind(
    said: str, place: Mapping[str, Any], kinds: Sequence[str], area: str = ""
) -> bool:
    """Tell whether `said` begins with a town's level and one of `kinds` right after it ("市医院"
    of "延吉市医院") that none of the place's names say with the `area` said before it: that is the
    town's own one, another."""
    vocabulary = words("zh")
    # "社区医院" is a clinic of one estate, not a district's own hospital.
    if said[:1] not in vocabulary["town_levels"] or area[-1:] + said[:1] in vocabulary["not_towns"]:
        return False
    kind = max((kind for kind in kinds if said[1:].startswith(kind)), key=len, default=None)
    return kind is not None and not any(area + said[0] + kind in name for name in names(place))


def same_kinds(kind: str) -> list[str]:
    """Return `kind` and the other ways of saying it (菜市场, 菜场, 市场)."""
    groups = [group for group in words("zh")["same_kinds"] if kind in group]
    return [kind, *(other for group in groups for other in group if other != kind)]


def kinds_agree(said: str, place: Mapping[str, Any]) -> bool:
    """Tell whether each kind of place said (医院) is in one of this place's names, in order; a
    kind made of another (中医院 of 医院) only as it is: 中心人民医院 is no 中医院."""
    said = _without_own_streets(said, place)
    kinds = words("zh")["kinds"]

    def holds(name: str, same: str) -> bool:
        if any(other != same and other in same for other in kinds):
            return same in name
        return LCSseq.similarity(same, name) == len(same)

    return all(
        any(holds(name, same) for name in names_and_kinds(place) for same in same_kinds(kind))
        for kind in words("zh")["kinds"]
        if kind in said and len(kind) > 1
    )


def _numbers_agree(said: str, name: str) -> bool:
    """Tell whether the numerals said are among the name's, in order: 第一 is never 第二."""
    spoken = "".join(char for char in said if char in NUMERALS)
    return LCSseq.similarity(spoken, "".join(char for char in name if char in NUMERALS)) == len(
        spoken
    )


def short_form(said: str, place: Mapping[str, Any]) -> int:
    """Return how many leading characters of `said` are the place's name in order, with gaps (二院,
    工行, 省中医院)."""
    best = 0
    for name in names_and_kinds(place):
        # What is in the name in order is no longer than the name: a long turn is tried only as
        # far as each name could reach.
        for length in range(min(len(said), len(name)), 1, -1):
            if length <= best:
                break
            if LCSseq.similarity(said[:length], name) == length:
                # The numerals of all that was said count, not only of the part that fits
                # ("市第一人民医院").
                if _numbers_agree(
                    said if LCSseq.similarity(said, name) > length else said[:length], name
                ):
                    best = length
                break
    return best


def name_span(said: str, place: Mapping[str, Any]) -> tuple[int, int] | None:
    """Return where in `said` the place's name or a short form of it (two characters or more) is
    first said, as (start, end), or None: "河东那个老年大学" gives (4, 8)."""
    for start in range(len(said) - 1):
        length = short_form(said[start:], place)
        if length >= 2:
            return start, start + length
    return None


def misheard(said: str, name: str) -> bool:
    """Tell whether `said` is `name` (three characters or more) with one character misheard, never
    a numeral: 附二医 is another hospital than 附一医."""
    missed = [(heard, own) for heard, own in zip(said, name, strict=False) if heard != own]
    return (
        len(name) >= 3
        and len(said) == len(name)
        and len(missed) == 1
        and not set(missed[0]) & NUMERALS
    )
