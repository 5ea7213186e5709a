"""Which of a senior's places a Chinese caller means: whole names, short forms (二院), head nouns
(超市), addresses."""

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from elderride.intake import tidy
from elderride.intake.vocabulary import words

# Below this similarity a near-miss is not taken as the place (a recognizer's 名 for 民 is).
SLIP_SIMILARITY = 86
NUMERALS = set("零〇一二两三四五六七八九十百0123456789")
# A street said by its name (two to four characters) and its street word: 解放路, 清泰街, 国学巷;
# a 街道 (金砂街道) is a sub-district, no street.
STREET = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:路|街(?!道)|大道|巷|弄)")


def names(place: Mapping[str, Any]) -> list[str]:
    """Return the tidied ways of saying a place: its label first, then its aliases."""
    found = [tidy.chinese(place["label"])] + [
        tidy.chinese(alias) for alias in place.get("aliases") or ()
    ]
    return [name for name in found if name]


def names_and_kinds(place: Mapping[str, Any]) -> list[str]:
    """Return the place's names and the kinds its label says only by a short form (医院 of
    河科大一附院): a kind said alone names it, though no name is that kind."""
    return names(place) + implied_kinds(tidy.chinese(place["label"]))


def implied_kinds(label: str) -> list[str]:
    """Return the kinds of place a label (tidied) says only by a short form (医院 of 大医二院)."""
    return [
        kind
        for kind, endings in words("zh")["implied_kinds"].items()
        if kind not in label and any(ending in label for ending in endings)
    ]


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
def _strippable() -> tuple[str, ...]:
    vocabulary = words("zh")
    return tuple(vocabulary["fillers"]) + tuple(vocabulary["place_verbs"])


@functools.cache
def _leading_words() -> tuple[str, ...]:
    """Return the words after which a name begins: fillers, pointers, hesitations and the verbs
    of going ("上菜市场")."""
    vocabulary = words("zh")
    return tuple(
        {
            *vocabulary["fillers"],
            *vocabulary["pointers"],
            *vocabulary["hesitations"],
            *vocabulary["going_verbs"],
        }
    )


def _unlinked(spoken: str) -> str:
    """Return `spoken` without the leading fillers and the words that only link a description to
    its noun."""
    return _delinked(tidy.strip_fillers(spoken, _strippable(), "zh"))


def _delinked(spoken: str) -> str:
    """Return `spoken` without the words that only link a description to its noun: 的, 那个, and
    a 个 said as 的 ("蕺山个庙", never the measure word of "一个", "那个")."""
    vocabulary = words("zh")
    for linking in vocabulary["linking_words"]:
        spoken = spoken.replace(linking, "")
    counted = "".join(vocabulary["counted_before"])
    particles = tidy.either(vocabulary["pointing_particles"])
    return re.sub(rf"(?<=[^\s{counted}])(?:{particles})(?=.)", "", spoken)


def destination(spoken: str) -> str:
    """Return what follows the last 去 / 到 / 回 that has more than fillers after it, else all of
    `spoken`: "我在家，去红旗超市那边" gives 红旗超市那边."""
    markers = sorted(words("zh")["destination_markers"], key=len, reverse=True)
    # Read once for the whole turn: stripping what follows each 去 again made "去去去…" cubic.
    said = tidy.said_after(spoken, _strippable())
    for marker in markers:
        index = next(
            (
                found
                for found in _occurrences(spoken, marker)
                if not _closes_a_frame(spoken, found, markers)
            ),
            -1,
        )
        if index >= 0 and said[index + len(marker)]:
            return spoken[index + len(marker) :]
    # "老伴要去菜市场我跟她一起去": every marker ends the turn, so where is after an earlier 去;
    # who goes, said before it, is not where.
    for marker in markers:
        for index in _occurrences(spoken, marker):
            if said[index + len(marker)]:
                return spoken[index + len(marker) :]
    return spoken


def _occurrences(spoken: str, marker: str) -> list[int]:
    """Return where `marker` is said in `spoken`, the last first."""
    return [match.start() for match in re.finditer(re.escape(marker), spoken)][::-1]


def _closes_a_frame(spoken: str, index: int, markers: Sequence[str]) -> bool:
    """Tell whether the 去 at `index` only closes "上小丽那去" / "到儿子家去": it follows a word for
    someone's place, with a destination word before that."""
    before = spoken[:index]
    ends = [end for end in words("zh")["frame_ends"] if before.endswith(end)]
    return (
        spoken.startswith("去", index)
        and bool(ends)
        and any(marker in before[: -len(ends[0])] for marker in markers)
    )


def core(spoken: str) -> str:
    """Return the words naming the place: after the last 去 / 到 / 回, without fillers.

    "我要去医院看病" gives 医院.
    """
    # Words that only link a description to its noun (浣纱路那个医院, 邵逸夫的医院) say
    # nothing of which place.
    return _delinked(tidy.strip_fillers(destination(spoken), _strippable(), "zh"))


def kind_last(spoken: str) -> str:
    """Return Chinese `spoken` with a kind said first and its name after it put back in the usual
    order ("去菜市场金砂那个" -> "去金砂那个菜市场"), else `spoken` as it is."""
    vocabulary = words("zh")
    kinds = tidy.either(vocabulary["kinds"])
    pointers = tidy.either(vocabulary["pointers"])
    ends = tidy.either(vocabulary["fillers"])
    found = re.search(rf"({kinds})([\u4e00-\u9fff]{{2,6}}?)({pointers})(?:{ends})*$", spoken)
    if found is None or re.search(rf"{kinds}|{pointers}", found.group(2)):
        return spoken
    kind, name, pointer = found.groups()
    return spoken[: found.start()] + name + pointer + kind


def on_street(street: str, text: str) -> bool:
    """Tell whether `street` (its name and street word) is in `text`, by its end ("在玉林北路" is
    玉林北路) or with the direction word the caller left out (建设路 of 建设北路)."""
    # Each end of the street from its last three characters on holds the shorter ones, so the
    # shortest decides: trying every end made a long street cost its length squared.
    if street[-3:] in text:
        return True
    road = next((road for road in _road_words() if street.endswith(road)), None)
    # The name before the street word is two characters or more: 东路 alone says no street.
    if road is None or len(street) - len(road) < 2:
        return False
    stem = street[-len(road) - 2 : -len(road)]
    return any(stem + way + road in text for way in words("zh")["street_directions"])


@functools.cache
def _road_words() -> tuple[str, ...]:
    """Return the street words (路, 大道), the longest first."""
    return tuple(sorted(words("zh")["road_words"], key=len, reverse=True))


def house_numbers(spoken: str) -> list[str]:
    """Return each road's house number said ("解放路一百二十号" -> ["路120号"]): a road word, a
    number, then 号; 三号楼 (a building) is none."""
    roads = tidy.either(words("zh")["road_words"])
    return re.findall(rf"(?:{roads})\d+号", tidy.chinese_digits(spoken))


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
def _directions() -> frozenset[str]:
    return frozenset(words("zh")["directions"])


def generic(name: str) -> bool:
    """Tell whether a name (tidied) says only a kind of place ("菜市场", "中心医院", "一医院"): none
    of its words tells which place of that kind it is."""
    for word in _generic_words():
        name = name.replace(word, "")
    return not name


def _whole_name(spoken: str, said: str, name: str, place: Mapping[str, Any]) -> float:
    """How well `spoken` contains `name`: 1.0 as it is, less for a recognizer's slip, 0 when it is
    part of another name."""
    address = tidy.chinese(place.get("address") or "")
    if len(name) == 1:
        # One character (家) is part of too many words (儿子家): it must stand on its own,
        # at the start or right after 回 / 去 / 到; "家里没得米了" at the start tells what is at
        # home.
        remarks = tidy.either(words("zh")["home_remarks"])
        pattern = rf"[回去到]{re.escape(name)}|^{re.escape(name)}(?!{remarks})"
        return (
            1.0
            if any(_alone(spoken, found.end()) for found in re.finditer(pattern, spoken))
            else 0.0
        )
    if name in spoken:
        # A name said before 去 ("丫头家里去") is read where it was said: after 丫头, it is hers.
        index, said = (said.find(name), said) if name in said else (spoken.find(name), spoken)
        # A short name right after other characters is the end of a longer one: 中医院 is not 医院,
        # unless they are the place's own street (浣纱路那个医院) or end with a word that only
        # leads up to a name ("就是那个贵医", "什么药房"). So is a name that says only a kind:
        # 葛洲坝中心医院 is not the 中心医院 of 宜昌市中心人民医院, nor 南新道菜市场 北新道's.
        before = said[:index]
        # "北海桥边菜场": beside a word of its own address is still there.
        beside = tidy.either(words("zh")["beside_words"])
        if (
            (len(name) <= 2 or generic(name))
            and index > 0
            and before not in address
            and not (
                (near := re.sub(rf"(?:{beside})$", "", before)) != before
                and len(near) >= 2
                and near in address
            )
            and not before.endswith(_leading_words())
            and not (len(name) > 2 and any(before in own for own in names(place)))
            # "大菜市场", "老菜市场" say which one by no name: only a direction does (南新道).
            and not (len(name) > 2 and generic(before) and not _directions() & set(before))
        ):
            return 0.0
        # "南关清真寺", "北大寺": a direction right before the name that neither the place's names
        # nor its address say points at another place of that kind (东关清真大寺 is not it).
        own = "".join([*names(place), address])
        if set(before[-2:]) & _directions() - set(own) and not before.endswith(_leading_words()):
            return 0.0
        return 1.0
    if len(name) < 3:
        return 0.0
    # A direction or a numeral is no slip: 南新道菜市场 is another market than 北新道菜市场.
    telling = {*words("zh")["directions"], *NUMERALS} - set(name)
    # fuzz.ratio is twice the characters in common over both lengths: a stretch holding too few of
    # the name's characters is never near it, and is not scored (scoring every stretch of a long
    # turn against every name took most of its time).
    shared = list(itertools.accumulate((char in name for char in spoken), initial=0))
    best = 0.0
    for width in (len(name) - 1, len(name), len(name) + 1):
        for start in range(0, max(1, len(spoken) - width + 1)):
            stretch = spoken[start : start + width]
            common = shared[start + len(stretch)] - shared[start]
            if 200 * common < SLIP_SIMILARITY * (len(stretch) + len(name)):
                continue
            if telling & set(spoken[max(0, start - 1) : start + width + 1]):
                continue
            best = max(best, fuzz.ratio(stretch, name))
    return best / 100 if best >= SLIP_SIMILARITY else 0.0


def _alone(spoken: str, end: int) -> bool:
    """Tell whether the one-character name ending at `end` is said alone, not as the start of
    another place's name or word: 家乐福, 家具城 and 家属院 are not 家."""
    vocabulary = words("zh")
    if spoken[end - 1 :].startswith(tuple(vocabulary["home_led_words"])):
        return False
    # A place's ending in the next few characters, before any go word, ends another name.
    following = re.split(tidy.either(vocabulary["going_verbs"]), spoken[end : end + 3])[0]
    return not set(following) & set(vocabulary["place_endings"])


def _by_whole_name(
    spoken: str, said: str, places: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, float, bool]:
    """Return (place, score, decided): the place whose longest name is said; decided is False when
    none is."""
    ranked = []
    for place in places:
        for position, name in enumerate(names(place)):
            value = _whole_name(spoken, said, name, place)
            if value:
                # A sure match of a longer name beats one of a shorter name inside it.
                ranked.append(
                    (
                        (value >= 0.9, len(name)),
                        round(value * (1.0 if position == 0 else 0.97), 3),
                        place,
                    )
                )
    if not ranked:
        return None, 0.0, False
    ranked.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    key, value, place = ranked[0]
    if any(other is not place and other_key == key for other_key, _, other in ranked):
        return None, 0.0, True  # two places share the name: no answer at all
    return place, value, True


def _without_own_streets(said: str, place: Mapping[str, Any]) -> str:
    """Return `said` without the streets of the place's own address: the 公园 of 公园路 is no
    park."""
    address = tidy.chinese(place.get("address") or "")
    for street in STREET.findall(said):
        # A street is matched by its end: of "医院解放路" only 解放路 is the street.
        own = next(
            (
                street[start:]
                for start in range(len(street) - 2)
                if on_street(street[start:], address)
            ),
            "",
        )
        if own:
            said = said.replace(own, "")
    return said


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


def _ordinals_agree(said: str, place: Mapping[str, Any]) -> bool:
    """Tell whether each ordinal said (第二) is in the place's label: 第二人民医院 is not
    市第一人民医院, though it holds 人民医院."""
    label = tidy.chinese_digits(tidy.chinese(place["label"]))
    return all(
        f"第{number}" in label for number in re.findall(r"第(\d+)", tidy.chinese_digits(said))
    )


def _numbers_agree(said: str, name: str) -> bool:
    """Tell whether the numerals said are among the name's, in order: 第一 is never 第二."""
    spoken = "".join(char for char in said if char in NUMERALS)
    return LCSseq.similarity(spoken, "".join(char for char in name if char in NUMERALS)) == len(
        spoken
    )


def _short_form(said: str, place: Mapping[str, Any]) -> int:
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
        length = _short_form(said[start:], place)
        if length >= 2:
            return start, start + length
    return None


def _by_short_form(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place a short form or a lone head noun names, or None when none or several
    do."""
    lengths = [(_short_form(said, place), place) for place in places]
    longest = max((length for length, _ in lengths), default=0)
    if longest >= 2:
        found = [place for length, place in lengths if length == longest]
    elif said in words("zh")["kinds"]:
        # A lone one-character head noun (寺): the one place whose label has it.
        found = [place for place in places if said in tidy.chinese(place["label"])]
    else:
        return None
    if len(found) != 1 or not kinds_agree(said, found[0]):
        return None
    if longest >= 2 and _another_name_after(said, longest, found[0]):
        return None
    return found[0]


def _another_name_after(said: str, length: int, place: Mapping[str, Any]) -> bool:
    """Tell whether another name follows the short form `said[:length]`: after a word of the
    place's address ("李村利群买件衣裳" is the 利群 store in 李村, not 李村大集), or after a word
    of its name when another kind of place ends it ("工人文化宫" is not 工人医院)."""
    address = tidy.chinese(place.get("address") or "")
    in_address = said[:length] in address
    # The address word may go on past the short form: 兆麟 of 兆麟公园 is said as 兆麟街.
    while in_address and length < len(said) and said[: length + 1] in address:
        length += 1
    vocabulary = words("zh")
    rest = tidy.strip_fillers(
        said[length:],
        [*vocabulary["pointers"], *vocabulary["linking_words"], *vocabulary["areas"]],
        "zh",
    )
    # Why and when the caller goes end the name: "李村买菜", "李村明天早上去" say only where.
    ends = [
        *vocabulary["purposes"],
        *(phrase for errand in vocabulary["errands"] for phrase in errand["said"]),
        *(word for said in vocabulary["time"].values() for word in said),
    ]
    cuts = [rest.find(end) for end in ends if end in rest]
    rest = rest[: min(cuts)] if cuts else rest
    # What follows begins another name unless its first two characters are the place's own
    # ("李村河底那个集": 河底 is in its address), or it is one of its names with a character
    # misheard ("南白象那个福一医" for 附一医: the recognizer spells a sound).
    own = [*names(place), address]
    if not in_address:
        # "二院心内科", "协和挂号" go on with a part of the place or what is done there;
        # "工人文化宫" with a word (two characters or more) ending as another kind of place does.
        ends = [
            index
            for index, char in enumerate(rest[:4])
            if char in vocabulary["place_endings"]
            and not any(char in name for name in names(place))
        ]
        other = rest[: ends[0] + 1] if ends else ""
        return len(other) >= 2 and not any(other in text for text in own)
    return (
        len(rest) >= 2
        and not any(rest[:2] in text for text in own)
        and not any(_misheard(rest[: len(name)], name) for name in names(place))
    )


def _misheard(said: str, name: str) -> bool:
    """Tell whether `said` is `name` (three characters or more) with one character misheard, never
    a numeral: 附二医 is another hospital than 附一医."""
    missed = [(heard, own) for heard, own in zip(said, name, strict=False) if heard != own]
    return (
        len(name) >= 3
        and len(said) == len(name)
        and len(missed) == 1
        and not set(missed[0]) & NUMERALS
    )


def _by_address(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
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
        and kinds_agree(said, place)
    ]
    return found[0] if len(found) == 1 else None


def _by_street_and_kind(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
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
        if street in address or (street.endswith(_road_words()) and on_street(street, address)):
            kind = _after_street(said[split:])
            return (
                _kind_named(kind, tidy.chinese(place["label"]))
                or _short_form_named(kind, place)
                or (re.search(r"\d+号$", street) is not None and _numbered_fits(kind, place))
            )
    return False


def _address(place: Mapping[str, Any]) -> str:
    """Return the place's address tidied, its numerals in digits."""
    return tidy.chinese_digits(tidy.chinese(place.get("address") or ""))


def _by_street_said_later(
    said: str, places: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """Return the one place named by its street and kind after a description ("卖药的安庆路上国胜"),
    or None."""
    # Each place's streets are looked for once in the turn: reading every place again from each
    # position a street could start at cost a long turn ("路路路…") its length squared.
    readable = [(place, _street_lengths(said, _address(place))) for place in places]
    for start in range(1, len(said) - 2):
        if STREET.match(said, start):
            rest = said[start:]
            found = [
                place
                for place, lengths in readable
                if (tried := lengths(start)) and _street_and_kind(rest, place, tried)
            ]
            if len(found) == 1:
                return found[0]
    return None


def _by_name_then_street(
    said: str, places: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """Return the one place named by a short form of its name (two characters or more) and then
    a street of its own address with nothing but pointing words after it ("康乐药房建国路上"), or
    None."""
    found = []
    for street in STREET.finditer(said):
        before = said[: street.start()]
        if len(before) < 2 or _after_street(said[street.end() :] + "。") != "。":
            continue
        for place in places:
            address = tidy.chinese(place.get("address") or "")
            if _short_form(before, place) == len(before) and on_street(street.group(), address):
                found.append(place)
    return found[0] if len({id(place) for place in found}) == 1 else None


def _street_lengths(said: str, address: str) -> Callable[[int], list[int]]:
    """Return, for a position of `said`, each length of what follows it that _street_and_kind could
    read as a street of `address`, the longest first: what is in the address, or ends as one of
    its streets does."""
    numeral = [char in tidy.CHINESE_DIGITS or char in "十百" for char in said]

    def heard(index: int) -> set[str]:
        # A numeral is in the address in digits, whichever its value is.
        return (
            {said[index], *"0123456789"}
            if index >= 0 and numeral[index]
            else {said[index : index + 1]}
        )

    # What is in the address has each two characters side by side in it (a numeral's digits
    # aside): how many such pairs follow each position.
    pairs = [0] * (len(said) + 1)
    for index in range(len(said) - 2, -1, -1):
        in_address = (numeral[index] and numeral[index + 1]) or any(
            first + second in address for first in heard(index) for second in heard(index + 1)
        )
        pairs[index] = pairs[index + 1] + 1 if in_address else 0
    widest = max(len(road) for road in _road_words()) + 2
    read: dict[str, bool] = {}
    ends = []
    for end in range(2, len(said) + 1):
        road = next((road for road in _road_words() if said.endswith(road, 0, end)), None)
        if road is None:
            continue
        window = said[max(0, end - widest) : end]
        if not any(numeral[max(0, end - widest) : end]):
            # Without numerals a street is read by its last characters alone, so once for all.
            if window not in read:
                read[window] = on_street(window, address)
            ended = read[window]
        else:
            ended = any(
                (before + road)[-3:] in address
                or any(before + way + road in address for way in words("zh")["street_directions"])
                for before in heard(end - len(road) - 1)
            )
        if ended:
            ends.append(end)

    def lengths(start: int) -> list[int]:
        longest = min(len(said) - 1, start + 2 * len(address)) - start
        if longest < 2:
            return []
        named = min(longest, pairs[start] + 1)
        later = ends[
            bisect.bisect_right(ends, start + named) : bisect.bisect_right(ends, start + longest)
        ]
        return [end - start for end in reversed(later)] + list(range(named, 1, -1))

    return lengths


def _after_street(rest: str) -> str:
    """Return what is said after a street without the words that only lead from it to the place:
    "邮政街那医院", "安庆路上国胜", "北京西路那个老药房", "柳汀那里那个医院"."""
    vocabulary = words("zh")
    leading = sorted(
        [
            *vocabulary["areas"],
            *vocabulary["pointers"],
            *vocabulary["linking_words"],
            *vocabulary["before_kinds"],
            *vocabulary["after_street_words"],
            *vocabulary["pointing_particles"],
        ],
        key=len,
        reverse=True,
    )
    changed = True
    while changed:
        changed = False
        for word in leading:
            if rest.startswith(word) and len(rest) > len(word):
                rest, changed = rest[len(word) :], True
                break
    return rest


def _kind_named(rest: str, label: str) -> bool:
    """Tell whether `rest` begins with a kind of place the label says, whatever follows it
    ("医院心内科": the hospital, for its heart clinic)."""
    return any(
        rest.startswith(kind)
        and any(same in label or same in implied_kinds(label) for same in same_kinds(kind))
        for kind in words("zh")["kinds"]
    )


def _short_form_named(rest: str, place: Mapping[str, Any]) -> bool:
    """Tell whether `rest` is a short form of the place's name (浙大一院), or two characters of it
    followed by why the caller goes ("联华买点米")."""
    if len(rest) >= 3 and _short_form(rest, place) == len(rest):
        return True
    # "安庆路上国胜": two characters of its name alone after its own street are it too.
    return _short_form(rest[:2], place) == 2 and (
        not rest[2:] or rest[2:].startswith(tuple(words("zh")["purposes"]))
    )


def _numbered_fits(rest: str, place: Mapping[str, Any]) -> bool:
    """Tell whether what follows a street and house number of this place's address ("大医院",
    "联华") is said of it: a kind its name has, or a short form of its name."""
    kinds = [kind for kind in words("zh")["kinds"] if kind in rest and len(kind) > 1]
    if kinds:
        return kinds_agree(rest, place)
    return len(rest) >= 2 and _short_form(rest, place) == len(rest)


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
    said = core(spoken)
    # "康乐药房建国路上的": its name, then its own street, even when another place is called by
    # that street.
    named = _by_name_then_street(said, places)
    if named is not None:
        return named, 0.8
    # Where the caller goes comes after 去 / 到 / 回: "我在华联超市，回家" is home.
    place, value, decided = _by_whole_name(said, said, places)
    heard = said
    if not decided:
        place, value, decided = _by_whole_name(spoken, said, places)
        # A name said before 去 is said with its own kind words: "娄桥那个卫生院去打针" names a
        # clinic in 娄桥, not the daughter's home there.
        heard = _unlinked(spoken)
    if decided:
        return (
            (place, round(0.95 * value, 2))
            if place is not None and kinds_agree(heard, place) and _ordinals_agree(said, place)
            else (None, 0.0)
        )
    if any(phrase in spoken for phrase in words("zh")["home_phrases"]) and home(places) is not None:
        return home(places), 0.9
    if not said:
        return None, 0.0
    place = _by_short_form(said, places)
    if place is not None:
        return place, 0.85
    place = (
        _by_address(said, places)
        or _by_street_and_kind(said, places)
        or _by_street_said_later(said, places)
    )
    if place is None and said != (whole := _unlinked(spoken)):
        # "邮电路中医院，我去配中药": the place was said before 去, its street and kind first.
        place = _by_street_and_kind(whole, places)
    if place is not None:
        return place, 0.8
    place = _by_misheard_name(said, places)
    if place is not None:
        return place, 0.75
    return _after_hesitation(said, places)


def _by_misheard_name(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place whose name is said with a character misheard right after a street or
    area of its own address ("南白象那个福一医" for 附一医 in 南白象街道), or None."""
    found = []
    for place in places:
        address = tidy.chinese(place.get("address") or "")
        for name in names(place):
            for start in range(2, len(said) - len(name) + 1):
                # The name first, and its first two characters first of all (one misheard leaves
                # one of them): tidying every prefix of a long turn made it quadratic (rt10).
                if (
                    (said.startswith(name[:1], start) or said.startswith(name[1:2], start + 1))
                    and _misheard(said[start : start + len(name)], name)
                    and (_unlinked(said[:start]) in address)
                ):
                    found.append(place)
    return found[0] if len({id(place) for place in found}) == 1 else None


def _after_hesitation(
    said: str, places: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, float]:
    """Return the place named after the caller stopped to find the word ("那个医院嗯第二医院"),
    when a street said before it is that place's own, else (None, 0.0)."""
    marks = [said.rfind(mark) + len(mark) for mark in words("zh")["hesitations"] if mark in said]
    if not marks:
        return None, 0.0
    before, after = said[: max(marks)], tidy.strip_fillers(said[max(marks) :], _strippable(), "zh")
    if not after or after == said:
        return None, 0.0
    place, value = best(after, places)
    streets = STREET.findall(before)
    address = tidy.chinese(place.get("address") or "") if place is not None else ""
    # A street is matched by its end: "就延安路" is 延安路.
    if place is None or any(not on_street(street, address) for street in streets):
        return None, 0.0
    return place, round(value * 0.95, 2)
