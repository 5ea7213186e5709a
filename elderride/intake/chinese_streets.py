"""Chinese streets as said and as written in an address: the street pattern, a street said by its
end, house numbers, and what leads from a street to a place."""

import bisect
import functools
import itertools
import re
from collections.abc import Callable

from elderride.intake import tidy
from elderride.intake.vocabulary import words

# A street said by its name (two to four characters) and its street word: 解放路, 清泰街, 国学巷;
# a 街道 (金砂街道) is a sub-district, no street.
_DIGITS = "0123456789"
STREET = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:路|街(?!道)|大道|巷|弄)")


def on_street(street: str, text: str) -> bool:
    """Tell whether `street` (its name and street word) is in `text`, by its end ("在玉林北路" is
    玉林北路) or with the direction word the caller left out (建设路 of 建设北路)."""
    # Each end of the street from its last three characters on holds the shorter ones, so the
    # shortest decides: trying every end made a long street cost its length squared.
    if street[-3:] in text:
        return True
    road = next((road for road in road_words() if street.endswith(road)), None)
    # The name before the street word is two characters or more: 东路 alone says no street.
    if road is None or len(street) - len(road) < 2:
        return False
    stem = street[-len(road) - 2 : -len(road)]
    return any(stem + way + road in text for way in words("zh")["street_directions"])


@functools.cache
def road_words() -> tuple[str, ...]:
    """Return the street words (路, 大道), the longest first."""
    return tuple(sorted(words("zh")["road_words"], key=len, reverse=True))


def house_numbers(spoken: str) -> list[str]:
    """Return each road's house number said ("解放路一百二十号" -> ["路120号"]): a road word, a
    number, then 号; 三号楼 (a building) is none."""
    vocabulary = words("zh")
    roads = tidy.either(vocabulary["road_words"])
    # "人民大道南一百零五号", "中央大街三段四十六号": the road's end or section may come first.
    directions = "".join(vocabulary["street_directions"])
    sections = tidy.either(vocabulary["road_sections"])
    return re.findall(
        rf"(?:{roads})(?:[{directions}])?(?:\d+(?:{sections}))?\d+号", tidy.chinese_digits(spoken)
    )


def street_lengths(said: str, address: str) -> Callable[[int], list[int]]:
    """Return, for a position of `said`, each length of what follows it that _street_and_kind could
    read as a street of `address`, the longest first: what is in the address, or ends as one of
    its streets does."""
    numeral = [char in tidy.CHINESE_DIGITS or char in "十百" for char in said]
    # A numeral is in the address in digits, whichever its value is: it is heard as itself and as
    # any digit ("#"), and the address is read with each digit as itself and as any digit. Trying
    # each of ten digits at each position cost a long turn of numerals ("一路一路…") a second.
    anywhere = "".join("#" if char in _DIGITS else char for char in address)
    pairs_in = {
        first + second
        for first_at, second_at in itertools.pairwise(address)
        for first in {first_at, "#" if first_at in _DIGITS else first_at}
        for second in {second_at, "#" if second_at in _DIGITS else second_at}
    }

    def heard(index: int) -> tuple[str, ...]:
        return (said[index], "#") if numeral[index] else (said[index],)

    # What is in the address has each two characters side by side in it (a numeral's digits
    # aside): how many such pairs follow each position.
    pairs = [0] * (len(said) + 1)
    for index in range(len(said) - 2, -1, -1):
        in_address = (numeral[index] and numeral[index + 1]) or any(
            first + second in pairs_in for first in heard(index) for second in heard(index + 1)
        )
        pairs[index] = pairs[index + 1] + 1 if in_address else 0
    widest = max(len(road) for road in road_words()) + 2
    read: dict[str, bool] = {}
    ends = []
    for end in range(2, len(said) + 1):
        road = next((road for road in road_words() if said.endswith(road, 0, end)), None)
        if road is None:
            continue
        window = said[max(0, end - widest) : end]
        if not any(numeral[max(0, end - widest) : end]):
            # Without numerals a street is read by its last characters alone, so once for all.
            if window not in read:
                read[window] = on_street(window, address)
            ended = read[window]
        else:
            before = end - len(road) - 1
            ended = any(
                (heard_as + road)[-3:] in within
                or any(heard_as + way + road in within for way in words("zh")["street_directions"])
                for heard_as, within in zip(
                    heard(before) if before >= 0 else ("",), (address, anywhere), strict=False
                )
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


def after_street(rest: str) -> str:
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
