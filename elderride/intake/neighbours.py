"""Another place said right after one of a senior's places, at its district or street: a business
("金山万达", "十全街口那个面馆") or someone else's home ("十一街坊我干妈家"), which is not that
place."""

from collections.abc import Callable, Mapping
from typing import Any

from elderride.intake import chinese_names, tidy
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]


def said_after(spoken: str, place: Place) -> str:
    """Return what Chinese `spoken` says right after the place's name, up to why or when the caller
    goes, without the words that only point or link ("金山那边新开的火锅店去吃饭": 新开的火锅店)."""
    span = chinese_names.name_span(spoken, place)
    if span is None:
        return ""
    vocabulary = words("zh")
    rest = spoken[span[1] :]
    # Why, when and where to end it: "金山看外孙", "十全街口那个面馆去吃碗面".
    ends = [
        *vocabulary["purposes"],
        *(phrase for errand in vocabulary["errands"] for phrase in errand["said"]),
        *(word for said in vocabulary["time"].values() for word in said),
        *vocabulary["destination_markers"],
    ]
    cuts = [rest.find(end) for end in ends if end in rest]
    rest = rest[: min(cuts)] if cuts else rest
    empty = [
        *vocabulary["fillers"],
        *vocabulary["pointers"],
        *vocabulary["linking_words"],
        *vocabulary["areas"],
        *vocabulary["possessive_particles"],
    ]
    return tidy.strip_fillers(rest, empty, "zh")


def _own(words_said: str, place: Place) -> bool:
    """Tell whether `words_said` are in one of the place's names ("永辉超市屏西店" holds 店)."""
    return any(words_said in name for name in chinese_names.names(place))


def names_a_business(rest: str, place: Place) -> bool:
    """Tell whether `rest` names a business that is not the place itself: a chain's name (万达), a
    word for a shop or an eating place (面馆, 酒楼), or a name ending as a shop's does (火锅店)."""
    vocabulary = words("zh")
    found = [word for word in vocabulary["businesses"] if word in rest]
    # "苏果那个店" is the shop just named: a shop's last character says another only after a name,
    # wherever the caller goes on ("走马街那个裁缝铺改裤子").
    found += [end for end in vocabulary["business_ends"] if end in rest[1:]]
    # "南长街那头清名桥码头", "南康家具城": a kind of place the place is not ("江厦那个菜市场" is
    # 江厦市场 still).
    return any(not _own(word, place) for word in found) or not chinese_names.kinds_agree(
        rest, place
    )


def home_owner(rest: str) -> str:
    """Return whose home `rest` names ("我老姊妹家" -> 老姊妹), or "" when it names none or the
    caller's own (我家)."""
    vocabulary = words("zh")
    home = min(vocabulary["home_labels"], key=len)  # 家; the others say whose (我家)
    mine = [label for label in vocabulary["home_labels"] if label != home]
    if not rest.endswith(home) or rest.endswith(tuple(mine)):
        # "府前街七十二弄我家": the caller's own home, at an address said before it.
        return ""
    owner = rest[: -len(home)]
    # "建华他家" is 建华's: 他 or 她 points back at the one just named.
    empty = [
        *vocabulary["fillers"],
        *vocabulary["possessive_particles"],
        *vocabulary["pointers"],
        *vocabulary["possessive_others"],
    ]
    return tidy.strip_fillers(owner, empty, "zh")


def another_at(spoken: str, place: Place, theirs: Callable[[str], bool]) -> bool:
    """Tell whether Chinese `spoken` names, right after the place's name, a business or a home
    that is not the place's: `theirs` tells whether an owner named is the place's people."""
    span = chinese_names.name_span(spoken, place)
    follows = spoken[span[1] :] if span else ""
    named = spoken[span[0] : span[1]] if span else ""
    if follows.startswith(tuple(words("zh")["office_ends"])) and not _own(
        named + follows[0], place
    ):
        # "老干部局" is an office named for 老干部, not the 老干部活动中心.
        return True
    rest = said_after(spoken, place)
    if not rest or _own(rest, place):
        return False
    if names_a_business(rest, place):
        return True
    owner = home_owner(rest)
    return bool(owner) and not _own(owner, place) and not theirs(owner)
