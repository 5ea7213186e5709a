"""The part of a Chinese turn that says where to: after the last 去 / 到 / 回, without fillers and
linking words."""

import functools
import re
from collections.abc import Sequence

from elderride.intake import tidy
from elderride.intake.vocabulary import words


@functools.cache
def strippable() -> tuple[str, ...]:
    vocabulary = words("zh")
    return tuple(vocabulary["fillers"]) + tuple(vocabulary["place_verbs"])


@functools.cache
def leading_words() -> tuple[str, ...]:
    """Return the words after which a name begins: fillers, pointers, hesitations, the verbs of
    going ("上菜市场"), the last time ("上次中心医院") and turning to it ("还是中心医院")."""
    vocabulary = words("zh")
    return tuple(
        {
            *vocabulary["fillers"],
            *vocabulary["pointers"],
            *vocabulary["hesitations"],
            *vocabulary["going_verbs"],
            *vocabulary["earlier_times"],
            *vocabulary["turned_to"],
        }
    )


@functools.cache
def usual_going() -> re.Pattern[str]:
    """Return the pattern of the caller's usual going said of a place ("平常去的", "我老上的"):
    it describes one of theirs, the one they always go to, and names none."""
    vocabulary = words("zh")
    return re.compile(
        rf"(?:{tidy.either(vocabulary['usual_words'])})(?:我)?"
        rf"(?:{tidy.either(vocabulary['going_verbs'])})的"
    )


def unlinked(spoken: str) -> str:
    """Return `spoken` without the leading fillers and the words that only link a description to
    its noun."""
    return _delinked(tidy.strip_fillers(spoken, strippable(), "zh"))


def _delinked(spoken: str) -> str:
    """Return `spoken` without the words that only link a description to its noun: 的, 那个, and
    a 个 said as 的 ("蕺山个庙", never the measure word of "一个", "那个")."""
    vocabulary = words("zh")
    spoken = usual_going().sub("", spoken)
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
    said = tidy.said_after(spoken, strippable())
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
    return _delinked(tidy.strip_fillers(destination(spoken), strippable(), "zh"))


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
    # "丽丽家去呀那": a going said after the kind ends what names it; 去呀 names nothing ("超市我
    # 老去的那个" says which by the caller's going).
    markers = tidy.either(vocabulary["destination_markers"])
    if re.search(rf"(?:{markers})(?!的)", found.group(2)):
        return spoken
    kind, name, pointer = found.groups()
    if pointer + kind in (*vocabulary["pointers"], *vocabulary["linking_words"]):
        # "家中兴大街那" is home on that street: put back, 那家 would point at a shop there.
        return spoken
    return spoken[: found.start()] + name + pointer + kind
