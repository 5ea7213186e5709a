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
    # "岳麓区", "广信县": a district or town holds many places, not only the one whose address
    # names it ("金明小区" is one estate).
    vocabulary = words("zh")
    if said.endswith(tuple(vocabulary["town_levels"])) and not said.endswith(
        tuple(vocabulary["not_towns"])
    ):
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


def by_address_in_pieces(
    said: str, places: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """Return the one place whose address holds each piece of what was said, in its order, with at
    most pointing words between ("柴河街南段那金色家园", "车城西路东风小区": its street, then its
    estate), or None."""
    vocabulary = words("zh")
    pointers = tuple(sorted(vocabulary["pointers"], key=len, reverse=True))
    said = tidy.chinese_digits(said)
    found = [place for place in places if _in_pieces(said, _address(place), pointers)]
    return found[0] if len(found) == 1 and chinese_names.kinds_agree(said, found[0]) else None


def _in_pieces(said: str, address: str, pointers: tuple[str, ...]) -> bool:
    """Tell whether `said` is two or three pieces of `address`, each three characters or more
    and the longest that fits, in the address's order, with pointing words between them."""
    start, after, pieces = 0, 0, 0
    while start < len(said):
        pointer = next((word for word in pointers if said.startswith(word, start)), "")
        if pointer and pieces:
            start += len(pointer)
            continue
        # A piece is no longer than the rest of the address, so a long turn costs no more.
        longest = min(len(said), start + len(address) - after)
        end = next(
            (end for end in range(longest, start + 2, -1) if said[start:end] in address[after:]),
            None,
        )
        if end is None or pieces == 3:
            return False
        after = address.index(said[start:end], after) + end - start
        start, pieces = end, pieces + 1
    # A district or town said last holds many places, not only this one (see by_address).
    town_last = said.endswith(tuple(words("zh")["town_levels"])) and not said.endswith(
        tuple(words("zh")["not_towns"])
    )
    return 2 <= pieces <= 3 and not town_last


def by_street_and_kind(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place named by its street and its kind or a short form of its name
    ("浣纱路的医院": the hospital on 浣纱路; "庆春路的浙大一院"; "凯旋路六十六号联华"), or None."""
    heard = _Heard(said)
    found = [place for place in places if _street_and_kind(heard, 0, place, _address(place))]
    return found[0] if len(found) == 1 else None


class _Heard:
    """What was said, with each stretch's numerals in digits and what follows each street without
    its leading words, each worked out once for all of a senior's places."""

    def __init__(self, said: str) -> None:
        self.said = said
        self._digits: dict[str, str] = {}
        self._after: dict[int, str] = {}

    def digits(self, start: int, end: int) -> str:
        """Return what was said from `start` to `end`, its numerals in digits."""
        # Kept by what was said, not where: a phrase said over and over is read once.
        stretch = self.said[start:end]
        if stretch not in self._digits:
            self._digits[stretch] = tidy.chinese_digits(stretch)
        return self._digits[stretch]

    def after_street(self, start: int) -> str:
        """Return what was said from `start` on, without the words that lead from a street."""
        if start not in self._after:
            self._after[start] = chinese_streets.after_street(self.said[start:])
        return self._after[start]


def _street_and_kind(
    heard: _Heard,
    start: int,
    place: Mapping[str, Any],
    address: str,
    lengths: Iterable[int] | None = None,
) -> bool:
    """Tell whether what was said from `start` begins with the place's street (in `address`) and
    goes on with its kind or a short form of its name; only the `lengths` of street given are
    tried (the longest first), when they are known to hold all that could be one."""
    # The longest start of what was said that is in the address is the street; the rest must be a
    # kind of place this one's label says. A street said is at most twice its length in the
    # address (九百九十九 is 999): only those starts are tried, so a long turn costs no more than a
    # short one for each place.
    if lengths is None:
        lengths = range(min(len(heard.said) - start - 1, 2 * len(address)), 1, -1)
    for split in lengths:
        if _cuts_a_kind(heard.said, start + split):
            # "市中医院" is a Chinese-medicine hospital: the 市中 of 宝鸡市中心医院 in the address
            # is no street when 中医院 goes on after it.
            continue
        street = heard.digits(start, start + split)
        if street in address or (
            street.endswith(chinese_streets.road_words())
            and chinese_streets.on_street(street, address)
        ):
            kind = heard.after_street(start + split)
            if chinese_names.town_level_kind(
                heard.said[start + split - 1 :], place, words("zh")["kinds"]
            ):
                return False
            return (
                _kind_named(kind, chinese_names.label(place))
                or _short_form_named(kind, place)
                or (re.search(r"\d+号$", street) is not None and _numbered_fits(kind, place))
            )
    return False


def _cuts_a_kind(said: str, index: int) -> bool:
    """Tell whether `index` of `said` falls inside a kind of place said there (中医院)."""
    return any(
        start < index < end
        for kind in words("zh")["named_kinds"]
        if len(kind) > 1
        for start, end in tidy.occurrences(said, kind)
    )


def _address(place: Mapping[str, Any]) -> str:
    """Return the place's address tidied, its numerals in digits."""
    return tidy.chinese_digits(tidy.chinese(place.get("address") or ""))


def by_street_said_later(
    said: str, places: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """Return the one place named by its street and kind after a description ("卖药的安庆路上国胜"),
    or None."""
    # Each place's streets are looked for once in the turn: reading every place again from each
    # position a street could start at cost a long turn ("路路路…") its length squared. What is
    # said at each position is read once for all places: "一路" said over and over is a street of
    # each place on 文一路 or 文三路, read again for each of thirty places.
    heard = _Heard(said)
    readable = [
        (place, address, chinese_streets.street_lengths(said, address))
        for place in places
        for address in [_address(place)]
    ]
    for start in range(1, len(said) - 2):
        if chinese_streets.STREET.match(said, start):
            found = [
                place
                for place, address, lengths in readable
                if (tried := lengths(start))
                and _street_and_kind(heard, start, place, address, tried)
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
    ("医院心内科": the hospital, for its heart clinic; "大医院", "市医院"; "庙" of 天后宫)."""
    vocabulary = words("zh")
    # "大医院", "市医院": how big or whose it is, then the kind.
    for qualifier in vocabulary["kind_qualifiers"]:
        if rest.startswith(qualifier) and _kind_named(rest[len(qualifier) :], label):
            return True
    temples = vocabulary["temple_kinds"]
    if rest.startswith(tuple(temples)):
        # A temple is called 庙 whatever its name ends in; a palace of culture is none.
        return any(kind in label for kind in temples) and not any(
            palace in label for palace in vocabulary["secular_palaces"]
        )
    return any(
        rest.startswith(kind)
        and any(
            same in label or same in chinese_names.implied_kinds(label)
            for same in chinese_names.same_kinds(kind)
        )
        for kind in vocabulary["kinds"]
    )


def _short_form_named(rest: str, place: Mapping[str, Any]) -> bool:
    """Tell whether `rest` is a short form of the place's name (浙大一院), or two characters of it
    followed by why the caller goes ("联华买点米")."""
    if len(rest) >= 3 and chinese_names.short_form(rest, place) == len(rest):
        return True
    # "安庆路上国胜": two characters of its name alone after its own street are it too; but a kind
    # of place its label is not ("龙沙公园" of 公园路医院 in 龙沙区) is a park there.
    if rest[:2] in words("zh")["kinds"] and rest[:2] not in chinese_names.label(place):
        return False
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
