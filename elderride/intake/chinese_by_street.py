"""Chinese places found by street: an address said, or a street of the place's own with its kind
or a short form of its name."""

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from elderride.intake import chinese_names, chinese_streets, tidy
from elderride.intake.vocabulary import words


def by_address(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place whose address holds what was said ("大关路十二号"), or None."""
    said = tidy.chinese_digits(said)
    if len(said) < 3:
        return None
    # An address names what is there, not each place it holds: "黔灵山公园" is the park, not the
    # temple whose address is inside it.
    found = [
        place
        for place in places
        if said in tidy.chinese_digits(tidy.chinese(place.get("address") or ""))
        and chinese_names.kinds_agree(said, place)
    ]
    return found[0] if len(found) == 1 else None


def by_street_and_kind(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place named by its street and its kind or a short form of its name
    ("浣纱路的医院": the hospital on 浣纱路; "庆春路的浙大一院"; "凯旋路六十六号联华"), or None."""
    found = [place for place in places if _street_and_kind(said, place)]
    return found[0] if len(found) == 1 else None


def _street_and_kind(
    said: str, place: Mapping[str, Any], lengths: Iterable[int] | None = None
) -> bool:
    """Tell whether `said` begins with the place's street and goes on with its kind or a short
    form of its name; only the `lengths` of street given are tried (the longest first), when they
    are known to hold all that could be one."""
    address = _address(place)
    # The longest start of what was said that is in the address is the street; the rest must be a
    # kind of place this one's label says. A street said is at most twice its length in the
    # address (九百九十九 is 999): only those starts are tried, so a long turn costs no more than a
    # short one for each place.
    if lengths is None:
        lengths = range(min(len(said) - 1, 2 * len(address)), 1, -1)
    for split in lengths:
        street = tidy.chinese_digits(said[:split])
        if street in address or (
            street.endswith(chinese_streets.road_words())
            and chinese_streets.on_street(street, address)
        ):
            kind = chinese_streets.after_street(said[split:])
            return (
                _kind_named(kind, tidy.chinese(place["label"]))
                or _short_form_named(kind, place)
                or (re.search(r"\d+号$", street) is not None and _numbered_fits(kind, place))
            )
    return False


def _address(place: Mapping[str, Any]) -> str:
    """Return the place's address tidied, its numerals in digits."""
    return tidy.chinese_digits(tidy.chinese(place.get("address") or ""))


def by_street_said_later(
    said: str, places: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """Return the one place named by its street and kind after a description ("卖药的安庆路上国胜"),
    or None."""
    # Each place's streets are looked for once in the turn: reading every place again from each
    # position a street could start at cost a long turn ("路路路…") its length squared.
    readable = [(place, chinese_streets.street_lengths(said, _address(place))) for place in places]
    for start in range(1, len(said) - 2):
        if chinese_streets.STREET.match(said, start):
            rest = said[start:]
            found = [
                place
                for place, lengths in readable
                if (tried := lengths(start)) and _street_and_kind(rest, place, tried)
            ]
            if len(found) == 1:
                return found[0]
    return None


def by_name_then_street(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place named by a short form of its name (two characters or more) and then
    a street of its own address with nothing but pointing words after it ("康乐药房建国路上"), or
    None."""
    found = []
    for street in chinese_streets.STREET.finditer(said):
        before = said[: street.start()]
        if len(before) < 2 or chinese_streets.after_street(said[street.end() :] + "。") != "。":
            continue
        for place in places:
            address = tidy.chinese(place.get("address") or "")
            if chinese_names.short_form(before, place) == len(before) and chinese_streets.on_street(
                street.group(), address
            ):
                found.append(place)
    return found[0] if len({id(place) for place in found}) == 1 else None


def _kind_named(rest: str, label: str) -> bool:
    """Tell whether `rest` begins with a kind of place the label says, whatever follows it
    ("医院心内科": the hospital, for its heart clinic)."""
    return any(
        rest.startswith(kind)
        and any(
            same in label or same in chinese_names.implied_kinds(label)
            for same in chinese_names.same_kinds(kind)
        )
        for kind in words("zh")["kinds"]
    )


def _short_form_named(rest: str, place: Mapping[str, Any]) -> bool:
    """Tell whether `rest` is a short form of the place's name (浙大一院), or two characters of it
    followed by why the caller goes ("联华买点米")."""
    if len(rest) >= 3 and chinese_names.short_form(rest, place) == len(rest):
        return True
    # "安庆路上国胜": two characters of its name alone after its own street are it too.
    return chinese_names.short_form(rest[:2], place) == 2 and (
        not rest[2:] or rest[2:].startswith(tuple(words("zh")["purposes"]))
    )


def _numbered_fits(rest: str, place: Mapping[str, Any]) -> bool:
    """Tell whether what follows a street and house number of this place's address ("大医院",
    "联华") is said of it: a kind its name has, or a short form of its name."""
    kinds = [kind for kind in words("zh")["kinds"] if kind in rest and len(kind) > 1]
    if kinds:
        return chinese_names.kinds_agree(rest, place)
    return len(rest) >= 2 and chinese_names.short_form(rest, place) == len(rest)
