"""Chinese places found by name: a whole name said (or misheard), a short form or a lone head
noun, unless another name follows it."""

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from elderride.intake import chinese_destinations, chinese_names, tidy
from elderride.intake.vocabulary import words

# Below this similarity a near-miss is not taken as the place (a recognizer's 名 for 民 is).
SLIP_SIMILARITY = 86


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
            if any(
                _alone(spoken, found.end())
                and (found.group().startswith("回") or _ends_there(spoken[found.end() :]))
                for found in re.finditer(pattern, spoken)
            )
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
            (len(name) <= 2 or chinese_names.generic(name))
            and index > 0
            and before not in address
            and not (
                (near := re.sub(rf"(?:{beside})$", "", before)) != before
                and len(near) >= 2
                and near in address
            )
            and not before.endswith(chinese_destinations.leading_words())
            and not (len(name) > 2 and any(before in own for own in chinese_names.names(place)))
            # "大菜市场", "老菜市场" say which one by no name: only a direction does (南新道).
            and not (
                len(name) > 2
                and chinese_names.generic(before)
                and not chinese_names.directions() & set(before)
            )
        ):
            return 0.0
        # "南关清真寺", "北大寺": a direction right before the name that neither the place's names
        # nor its address say points at another place of that kind (东关清真大寺 is not it).
        own = "".join([*chinese_names.names(place), address])
        if set(before[-2:]) & chinese_names.directions() - set(own) and not before.endswith(
            chinese_destinations.leading_words()
        ):
            return 0.0
        return 1.0
    if len(name) < 3:
        return 0.0
    # A direction or a numeral is no slip: 南新道菜市场 is another market than 北新道菜市场.
    telling = {*words("zh")["directions"], *chinese_names.NUMERALS} - set(name)
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


def _ends_there(following: str) -> bool:
    """Tell whether a one-character name said after 去 or 到 (or first) ends there: nothing but a
    word said around a name (家里, 家去, 家吧), a part of home or what is done there (家门口,
    家楼下, 家休息), not more of another name (家润多, 家世界, 家乐福)."""
    # 回家 is home whatever follows (回家经纬街 says which street); 去家 and 到家 rarely are.
    vocabulary = words("zh")
    continuing = tidy.either(
        [
            *vocabulary["home_followers"],
            *vocabulary["fillers"],
            *vocabulary["landmarks"],
            *vocabulary["home_parts"],
            *vocabulary["home_doings"],
        ]
    )
    return not following or re.match(continuing, following) is not None


def _alone(spoken: str, end: int) -> bool:
    """Tell whether the one-character name ending at `end` is said alone, not as the start of
    another place's name: 家具城 and 家属院 are not 家."""
    vocabulary = words("zh")
    # A place's ending in the next few characters, before any go word, ends another name.
    following = re.split(tidy.either(vocabulary["going_verbs"]), spoken[end : end + 3])[0]
    return not set(following) & set(vocabulary["place_endings"])


def by_whole_name(
    spoken: str, said: str, places: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, float, bool]:
    """Return (place, score, decided): the place whose longest name is said; decided is False when
    none is."""
    ranked = []
    for place in places:
        for position, name in enumerate(chinese_names.names(place)):
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


def by_short_form(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place a short form or a lone head noun names, or None when none or several
    do."""
    lengths = [(chinese_names.short_form(said, place), place) for place in places]
    longest = max((length for length, _ in lengths), default=0)
    if longest >= 2:
        found = [place for length, place in lengths if length == longest]
    elif said in words("zh")["kinds"]:
        # A lone one-character head noun (寺): the one place whose label has it.
        found = [place for place in places if said in tidy.chinese(place["label"])]
    else:
        return None
    if len(found) != 1 or not chinese_names.kinds_agree(said, found[0]):
        return None
    if longest >= 2 and (
        _another_name_after(said, longest, found[0])
        or _another_area(said, longest, found[0])
        or _someones_home(said, longest, found[0])
    ):
        return None
    return found[0]


def _someones_home(said: str, length: int, place: Mapping[str, Any]) -> bool:
    """Tell whether the short form `said[:length]`, cut from a longer name, is followed by a home
    word: "老大家" is the eldest child's home, not 老年大学."""
    homes = [word for word in words("zh")["kin_homes"] if not word.startswith("那")]
    # "药房" is a whole name of 老百姓大药房; "老大" is only cut from inside it.
    shortened = said[:length] not in chinese_names.names(place)
    return shortened and said[length:].startswith(tuple(homes))


def _another_area(said: str, length: int, place: Mapping[str, Any]) -> bool:
    """Tell whether the short form `said[:length]` goes on as a district or town that is not in
    the place's address: 新华区 is a district, not 新华路医院 on 新华西路."""
    vocabulary = words("zh")
    area = said[: length + 1]
    return (
        len(said) > length
        and said[length] in vocabulary["town_levels"]
        and not area.endswith(tuple(vocabulary["not_towns"]))
        and area not in tidy.chinese(place.get("address") or "")
    )


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
    own = [*chinese_names.names(place), address]
    if not in_address:
        # "二院心内科", "协和挂号" go on with a part of the place or what is done there;
        # "工人文化宫" with a word (two characters or more) ending as another kind of place does.
        ends = [
            index
            for index, char in enumerate(rest[:4])
            if char in vocabulary["place_endings"]
            and not any(char in name for name in chinese_names.names(place))
        ]
        other = rest[: ends[0] + 1] if ends else ""
        return len(other) >= 2 and not any(other in text for text in own)
    return (
        len(rest) >= 2
        and not any(rest[:2] in text for text in own)
        and not any(
            chinese_names.misheard(rest[: len(name)], name) for name in chinese_names.names(place)
        )
    )


def by_misheard_name(said: str, places: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return the one place whose name is said with a character misheard right after a street or
    area of its own address ("南白象那个福一医" for 附一医 in 南白象街道), or None."""
    found = []
    for place in places:
        address = tidy.chinese(place.get("address") or "")
        for name in chinese_names.names(place):
            for start in range(2, len(said) - len(name) + 1):
                # The name first, and its first two characters first of all (one misheard leaves
                # one of them): tidying every prefix of a long turn made it quadratic (rt10).
                if (
                    (said.startswith(name[:1], start) or said.startswith(name[1:2], start + 1))
                    and chinese_names.misheard(said[start : start + len(name)], name)
                    and (chinese_destinations.unlinked(said[:start]) in address)
                ):
                    found.append(place)
    return found[0] if len({id(place) for place in found}) == 1 else None
