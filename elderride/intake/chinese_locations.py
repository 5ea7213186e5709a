"""Whether a Chinese caller puts a place of the senior's somewhere that is not its own
("春熙路那边的红旗超市", 华西口腔医院): another street, area, branch or a longer name."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz.distance import LCSseq

from elderride.intake import (
    chinese_destinations,
    chinese_names,
    chinese_streets,
    people,
    tidy,
    times,
)
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]
# Fewer inserted characters than this say too little to be another name: 老年人活动中心 is
# 老年活动中心, 儿子他家 is 儿子家; 华西口腔医院 is not 华西医院.
LONGER_NAME_MIN = 2
LONGER_NAME_MAX = 4
# A misheard character is a slip only in this many characters or more: 宝通寺 is not 归元寺.
SLIP_MIN = 4


def _chinese_own(words_said: str, place: Place) -> bool:
    """Tell whether Chinese location words ("玉林", "武侯区", "国学巷") are in the place's label,
    aliases or address, or name the place itself ("红旗超市那边")."""
    vocabulary = words("zh")
    rest = words_said
    for word in sorted(
        [*vocabulary["areas"], *vocabulary["linking_words"], "在"], key=len, reverse=True
    ):
        rest = rest.replace(word, "")
    rest = tidy.strip_fillers(rest, [*vocabulary["fillers"], *vocabulary["hesitations"]], "zh")
    # The place's own name said with the area ("红旗超市那边") places nothing; what is left must be
    # its own: "同济光谷院区那边" holds 同济 and 光谷, which is not.
    # The kind its name implies is its own too: "仓储超市东山" of 中百仓储东山店.
    for name in sorted(chinese_names.names_and_kinds(place), key=len, reverse=True):
        rest = rest.replace(name, "")
    # "菜市场嘛篆新那里": a filler between two of its names says nothing of where.
    rest = tidy.strip_fillers(rest, [*vocabulary["fillers"], *vocabulary["hesitations"]], "zh")
    if not rest:
        return True
    own = [
        tidy.chinese_digits(text)
        for text in [*chinese_names.names(place), tidy.chinese(place.get("address") or "")]
    ]
    rest = tidy.chinese_digits(rest)
    # "阿尔丁大街" of 阿尔丁北大街: its own street with the direction left out.
    street = chinese_streets.STREET.fullmatch(rest) is not None and chinese_streets.on_street(
        rest, own[-1]
    )
    return any(rest in text for text in own if text) or street or _short_for_own_area(rest, place)


def _short_for_own_area(said: str, place: Place) -> bool:
    """Tell whether `said` is a district or town of the place's address said short, by its first
    character and its level ("昆区" of 昆都仑区)."""
    levels = "".join(words("zh")["town_levels"])
    address = tidy.chinese(place.get("address") or "")
    return len(said) >= 2 and any(
        area[0] == said[0] and area[-1] == said[-1] and LCSseq.similarity(said, area) == len(said)
        for area in re.findall(rf"[^{levels}]{{2,5}}[{levels}]", address)
    )


def _chinese_streets(said: str, place: Place) -> bool:
    """Tell whether `said` names a street that is not the place's own ("春熙路那边的红旗超市"
    for the one on 玉林北路); a street is matched by its end, as "在玉林北路" is 玉林北路."""
    vocabulary = words("zh")
    own = "".join(
        tidy.chinese_digits(text)
        for text in [*chinese_names.names(place), tidy.chinese(place.get("address") or "")]
    )
    for street in chinese_streets.STREET.findall(said):
        if any(
            street.endswith(generic) and not _numbered(street, generic)
            for generic in vocabulary["placeless"]
        ):
            continue
        street = tidy.chinese_digits(_without_lead_in(street))  # 文三路 is written 文3路 too
        if not chinese_streets.on_street(street, own):
            return True
    return False


def _numbered(street: str, generic: str) -> bool:
    """Tell whether a number said before `generic` (一路, "all the way") makes `street` a road named
    for a date: 五一路, 八一路."""
    before = street[-len(generic) - 1 : -len(generic)]
    return generic[0] in tidy.CHINESE_DIGITS and before != "" and before in tidy.CHINESE_DIGITS


def _without_lead_in(street: str) -> str:
    """Return a street as read by the street pattern without the words that only lead up to it:
    "呃就是寺街" is 寺街, whose name is one character."""
    vocabulary = words("zh")
    leading = sorted(
        [*vocabulary["hesitations"], *vocabulary["described_by"], *vocabulary["fillers"]],
        key=len,
        reverse=True,
    )
    shortest = min(len(road) for road in chinese_streets.road_words()) + 1
    while (
        word := next((word for word in leading if word and street.startswith(word)), None)
    ) and len(street) - len(word) >= shortest:
        street = street[len(word) :]
    return street


def _chinese_longer_name(said: str, place: Place, persons: Sequence[people.Person] = ()) -> bool:
    """Tell whether `said` holds one of the place's names with words inserted that are not its own
    (华西口腔医院 is not 华西医院, 华西第四医院 neither)."""
    vocabulary = words("zh")
    empty = [
        *vocabulary["fillers"],
        *vocabulary["others"],
        *vocabulary["place_verbs"],
        *vocabulary["name_qualifiers"],
    ]
    why = (
        *vocabulary["purposes"],
        *(phrase for errand in vocabulary["errands"] for phrase in errand["said"]),
    )
    # Inserted characters the place's names share are a fuller form of its name or a recognizer's
    # slip (一院 inside 市第一人名医院); wholly new ones (口腔, 第四) make another name.
    characters = set("".join(chinese_names.names(place)))
    for name in chinese_names.names(place):
        for split in range(1, len(name)):
            # Most splits are not said at all: no pattern is needed to tell.
            if name[:split] not in said or name[split:] not in said:
                continue
            pattern = tidy.compiled(
                rf"{re.escape(name[:split])}([\u4e00-\u9fff]{{{LONGER_NAME_MIN},{LONGER_NAME_MAX}}}?)"
                rf"{re.escape(name[split:])}"
            )
            for match in pattern.finditer(said):
                inserted = tidy.strip_fillers(match.group(1), empty, "zh")
                # "儿子媳妇家", "外孙女小丽家": the people whose home it is, named more fully;
                # "医科大复查血压的那个医院": why the caller goes, said inside the name.
                # "北海桥边菜场" of 北海菜场 at 北海桥旁: beside a word of its own address.
                near = re.sub(rf"(?:{tidy.either(vocabulary['beside_words'])})$", "", inserted)
                if (
                    len(inserted) >= LONGER_NAME_MIN
                    and not inserted.startswith(why)
                    and not set(inserted) & characters
                    and not _chinese_own(inserted, place)
                    and not (near != inserted and _chinese_own(name[:split] + near, place))
                    and not _own_street_first(said[match.start() :], place)
                    and not people.mentioned(inserted, "zh", persons)
                    and not people.mentioned(name[:split], "zh", persons)
                ):
                    return True
    return False


def _own_street_first(said: str, place: Place) -> bool:
    """Tell whether `said` begins with a street of the place's own address: the 人民 of
    "人民大道那个大医院" is its street's, not a longer 人民医院."""
    street = chinese_streets.STREET.match(said)
    address = tidy.chinese(place.get("address") or "")
    return street is not None and chinese_streets.on_street(street.group(), address)


def _chinese_areas(said: str, place: Place, persons: Sequence[people.Person]) -> bool:
    """Tell whether `said` puts the place in an area that is not its own: "双流那边的华西医院",
    "红旗超市在春熙路那边"."""
    vocabulary = words("zh")
    suffixes = "|".join(
        re.escape(area) for area in sorted(vocabulary["areas"], key=len, reverse=True)
    )
    # An area is what comes before 那边 / 一带, back to where the sentence or 在 begins it
    # ("双流那边的华西医院"), or between 在 and 那边 right after the place's name ("华西医院在温江
    # 那边"; "华西医院，我在门口等你" is where the caller waits).
    before = [
        _after_pointing(match.group(1))
        for match in re.finditer(rf"(?:^|在)(.+?)(?:{suffixes})", said)
    ]
    names = tidy.either(chinese_names.names(place))
    after = [
        match.group(1)
        for match in tidy.compiled(rf"(?:{names})在(.+?)(?:{suffixes})").finditer(said)
    ]
    # "强强那里", "女儿那边" is where a person lives, not an area: whose place it is was decided.
    # "华西医院在十点以前到" says when; "打麻将那儿" what is done there.
    errands = [phrase for errand in vocabulary["errands"] for phrase in errand["said"]]
    # "我儿子家长安区那儿": whose home it is, said before the area, is no person the area is.
    own_names = sorted(chinese_names.names(place), key=len, reverse=True)
    return any(
        not _chinese_own(area, place)
        and not people.mentioned(tidy.without_phrases(area, own_names, "zh"), "zh", persons)
        and times.parse(area, "zh")[0] is None
        and tidy.without_phrases(area, errands, "zh").strip()
        for area in [*before, *after]
        if area
    )


def _inside_own_name(said: str, index: int, place: Place) -> bool:
    """Tell whether the character at `index` of `said` is within one of the place's names said."""
    return any(
        start <= index < start + len(name)
        for name in chinese_names.names(place)
        for start in [match.start() for match in re.finditer(re.escape(name), said)]
    )


def _after_pointing(area: str) -> str:
    """Return what `area` says after its last pointer or hesitation: "买菜的那个地方米公" is 米公,
    what was described first being that same place."""
    vocabulary = words("zh")
    ends = [
        area.rfind(word) + len(word)
        for word in [*vocabulary["pointers"], *vocabulary["hesitations"]]
        if word in area
    ]
    return area[max(ends, default=0) :]


def _chinese_says_which(words_said: str, place: Place, persons: Sequence[people.Person]) -> bool:
    """Tell whether Chinese words said to pick out a branch ("光谷", "在汉阳", "河东") name one that
    is not the place's own: not its name or address, nor a person, a time, or the caller's home."""
    vocabulary = words("zh")
    empty = [
        *vocabulary["fillers"],
        *vocabulary["place_verbs"],
        *vocabulary["pointers"],
        *vocabulary["linking_words"],
        *vocabulary["areas"],
        *vocabulary["hesitations"],
        *vocabulary["where_questions"],
        *vocabulary["chain_words"],
        *vocabulary["earlier_times"],
        # "还是上回那个", "那就那个": turning to a place says no branch of it.
        *vocabulary["turned_to"],
        "在",
    ]
    rest = tidy.strip_fillers(words_said, empty, "zh")
    if rest.endswith(tuple(vocabulary["before_kinds"])):
        # "中山路那个老药店": 老 right before the kind says no branch ("新区" still does).
        rest = tidy.strip_fillers(rest[:-1], empty, "zh")
    # "庙上磕个头白马寺那个": why the caller goes, said after one name and before another, picks
    # no branch.
    rest = tidy.strip_fillers(
        rest, [purpose for purpose in vocabulary["purposes"] if len(purpose) > 1], "zh"
    )
    if rest.endswith("上") and rest[:-1].endswith(tuple(vocabulary["street_ends"])):
        rest = rest[:-1]  # "延安路上那个医院" is on 延安路
    streets = chinese_streets.STREET.findall(rest)
    if streets and rest.endswith(streets[-1]) and not _chinese_streets(rest, place):
        return False  # "医院，去开点药，就是爱国路那个": its own street says which
    # A landmark ("医院旁边的那个物美") is landmarks.py's; a time says when.
    return bool(
        rest
        and not _chinese_own(rest, place)
        and not people.mentioned(rest, "zh", persons)
        and not tidy.has_phrase(rest, [*vocabulary["landmarks"], *vocabulary["home_labels"]], "zh")
        and not any(word.startswith(rest) for word in vocabulary["arrive_by"])
        and times.parse(rest, "zh")[0] is None
    )


def _chinese_branch(said: str, place: Place, persons: Sequence[people.Person]) -> bool:
    """Tell whether `said` picks out another branch of the place: words between its name and a
    branch word or a closing pointer ("同济光谷院区", "中百仓储在汉阳的那个店"), or before a
    pointer right ahead of its name ("河东那个老年大学"), that are not its own."""
    vocabulary = words("zh")
    span = chinese_names.name_span(said, place)
    if span is None:
        return False
    start, end = span
    ends = sorted([*vocabulary["branch_words"], *vocabulary["pointers"]], key=len, reverse=True)
    fillers = [word for word in vocabulary["fillers"] if word not in vocabulary["pointers"]]
    after = tidy.strip_fillers(said[end:], [*fillers, *vocabulary["areas"]], "zh")
    closing = next((word for word in ends if after.endswith(word)), None)
    # "长兴那里虾便宜我上那去": 那 after 去 goes back to the place named, it picks no branch.
    if closing is not None and after[: -len(closing)].endswith(
        tuple(vocabulary["destination_markers"])
    ):
        closing = None
    if closing is not None and _chinese_says_which(after[: -len(closing)], place, persons):
        return True
    # "省立医院东院那个新盖的", "附院高新院区那个新的": a branch word with a description after it
    # says which branch as well, and 东院 or 新院区 says which by itself.
    # "附院的分院": the place's branch, said with 的.
    linked = tidy.strip_fillers(after, [*fillers, *vocabulary["linking_words"]], "zh")
    for branch in sorted(vocabulary["branch_words"], key=len, reverse=True):
        if linked.startswith(branch) and branch in vocabulary["branches_by_themselves"]:
            # Unless that branch is the one saved ("苏北医院东区" in its address).
            return not _chinese_own(branch, place)
        index = after.find(branch)
        if index < 0 or _inside_own_name(after, index, place):
            # "药店啦中山路那个老药店": the 店 of its own name said again is no branch.
            continue
        if index > 0 and _chinese_says_which(after[:index], place, persons):
            return True
    # "华西医院在温江": a short area right after 在 at the end says where this one is.
    if (
        after.startswith("在")
        and len(after) <= 5
        and not set(after) & chinese_names.NUMERALS  # "在十点以前到" says when
        and _chinese_says_which(after, place, persons)
        and not tidy.has_phrase(after, vocabulary["landmarks"], "zh")
    ):
        return True
    before = said[:start]
    pointer = next((word for word in vocabulary["pointers"] if before.endswith(word)), None)
    return pointer is not None and _chinese_says_which(
        _describing(before[: -len(pointer)]), place, persons
    )


def _describing(before: str) -> str:
    """Return the words before a pointer that describe which place it points at: with the caller's
    usual going said ("平常去的那个菜场", "我常去的那家超市") only those before it in the same
    phrase, after 就是."""
    vocabulary = words("zh")
    usual = [
        found
        for found in chinese_destinations.usual_going().finditer(before)
        if found.end() == len(before)
    ]
    if usual:
        # The usual one is one of theirs; what the caller goes on about before it ("买点豆腐，
        # 就是平常去的") is no branch, a street or area said with it still is
        # ("南门那边我平常去的").
        before = before[: usual[0].start()]
        restated = [
            before.rfind(word) + len(word) for word in vocabulary["restatements"] if word in before
        ]
        before = before[max(restated, default=0) :]
    return before


def _slip_of(said: str, name: str) -> bool:
    """Tell whether `said` (four characters or more) is part of `name` with one character misheard
    (人名医院 for 人民医院); an inserted character (湘雅二医院) is another name, not a slip, and
    neither is another first character: 区人民医院 is not 市人民医院, it names another town."""
    return len(said) >= SLIP_MIN and any(
        said[0] == name[start]
        and sum(heard != own for heard, own in zip(said, name[start:], strict=False)) <= 1
        for start in range(len(name) - len(said) + 1)
    )


def _town_levels_own(said: str, place: Place) -> bool:
    """Tell whether `said` names a town's or district's own place of this kind ("开福区医院",
    "广信区人民医院", "龙亭区老年活动中心"): an area, its level and the kind, which the place's
    names do not say, even when the place is in that area."""
    vocabulary = words("zh")
    kinds = [
        *vocabulary["named_kinds"],
        *vocabulary["town_kinds"],
        *(name for name in chinese_names.names(place) if chinese_names.generic(name)),
    ]
    # What ends a word that names no area ("那个医院省人民医院", "不是湘雅是省人民医院", a street)
    # leaves the level alone: "省人民医院" may be the place's own.
    unnamed = tuple(
        [
            *vocabulary["kinds"],
            *vocabulary["named_kinds"],
            *vocabulary["pointers"],
            *vocabulary["fillers"],
            *vocabulary["contrast_corrections"],
            *vocabulary["destination_markers"],
            *vocabulary["linking_words"],
            # "共和路上省人民医院": a street says where the place is, it is no area's own.
            *vocabulary["road_words"],
            *vocabulary["after_street_words"],
        ]
    )
    label = chinese_names.label(place)
    address = str(place.get("address") or "")
    # An area's name has two characters or more before its level: "市医院" alone says no town.
    return any(
        chinese_names.town_level_kind(said[index:], place, kinds, said[index - 2 : index])
        and not said[:index].endswith(unnamed)
        # "天心区老年活动中心" for the 老年活动中心 in 天心区: its own area before its whole label.
        and not (said[index - 2 : index + 1] in address and said[index + 1 :].startswith(label))
        for index in range(2, len(said))
    )


def _another_qualifier(
    whole: str, ending: int, place: Place, persons: Sequence[people.Person]
) -> bool:
    """Tell whether `whole`, a name said that ends (from `ending` on) in a short name of the place,
    begins with a qualifier that is not the one its label says: "霞山天后宫" for 赤坎天后宫 is
    the temple of another district, "基督教堂" for 天主堂 (教堂) another church."""
    vocabulary = words("zh")
    short = whole[ending:]
    # "对对中心医院": an answer or a pause said before the name qualifies nothing.
    qualifier = tidy.strip_fillers(
        whole[:ending],
        [*vocabulary["yes"], *vocabulary["no"], *vocabulary["hesitations"], *vocabulary["fillers"]],
        "zh",
    )
    label = chinese_names.label(place)
    # A name that is only a kind (教堂 of 天主堂) says no qualifier of its own: "基督教堂" is
    # another church.
    qualified = label.endswith(short) and len(label) - len(short) >= 2
    # "百达超市" of 百大超市: a qualifier misheard in a character is its own.
    misheard = any(
        sum(heard != own for heard, own in zip(qualifier, name[start:], strict=False)) <= 1
        for name in chinese_names.names(place)
        for start in range(len(name) - len(qualifier) + 1)
    )
    return (
        len(qualifier) >= 2
        and not misheard
        and (qualified or short in vocabulary["named_kinds"])
        and not label.startswith(qualifier)
        and _chinese_says_which(qualifier, place, persons)
    )


def _chinese_other_name(said: str, place: Place, persons: Sequence[people.Person]) -> bool:
    """Tell whether a proper name said right before a kind word is not the place's own ("宝通寺"
    for 归元寺, "湘雅二医院" for 湘雅医院), or the place's own name is followed by a word that makes
    another place named after it ("华山路", "中山纪念堂", "步步高广场")."""
    vocabulary = words("zh")
    names = chinese_names.names(place)
    kinds = sorted(vocabulary["named_kinds"], key=len, reverse=True)
    boundaries = [
        *vocabulary["fillers"],
        *vocabulary["linking_words"],
        *vocabulary["pointers"],
        *vocabulary["place_verbs"],
        *vocabulary["destination_markers"],
        *vocabulary["pointing_particles"],
        "在",
    ]
    taken: set[int] = set()
    for kind in kinds:
        for begin, end in tidy.occurrences(said, kind):
            if taken & set(range(begin, end)):
                continue  # 中医院 is one kind, not 医院 after 中
            taken |= set(range(begin, end))
            before = said[max(0, begin - 4) : begin]
            for boundary in sorted(boundaries, key=len, reverse=True):
                index = before.rfind(boundary)
                if index >= 0:
                    before = before[index + len(boundary) :]
            if len(before) < 2:
                continue  # a proper name has two characters or more: 大医院 names none
            whole = before + kind
            # "霞山天后宫": a name of its own (天后宫) said whole after another qualifier.
            # "一七一医院": a number is read whole, its last 一 starts no 一医院.
            starts = [
                start
                for start in range(len(before) + 1)
                if not (
                    start
                    and whole[start - 1] in chinese_names.NUMERALS
                    and whole[start] in chinese_names.NUMERALS
                )
            ]
            said_whole = next((start for start in starts if whole[start:] in names), None)
            if said_whole is not None and _another_qualifier(whole, said_whole, place, persons):
                return True
            # 同济医院, 第一医院 of 市第一人民医院, 拜菩萨麓山寺: the place's own name ends it.
            if any(
                LCSseq.similarity(whole[start:], name) == len(whole) - start
                or _slip_of(whole[start:], name)
                for name in names
                for start in starts
                if start < len(before)
            ):
                continue
            # "老年人活动中心" of 老年活动中心: whom it is for, said another way, says no other.
            before = tidy.strip_fillers(before, vocabulary["name_qualifiers"], "zh")
            if len(before) >= 2 and _chinese_says_which(before, place, persons):
                return True
    own = "".join([*names, tidy.chinese(place.get("address") or "")])
    # "青少年活动中心", "老干部活动中心": whom a place is for, not said in its names, makes another.
    patrons = tidy.either(vocabulary["patrons"])
    if any(
        found.group(1) not in own
        for found in tidy.compiled(rf"({patrons})(?:{tidy.either(kinds)})").finditer(said)
    ):
        return True
    span = chinese_names.name_span(said, place)
    if span is not None:
        named = said[span[0] : span[1]]
        follows = said[span[1] :]
        if any(
            follows.startswith(word) and named + word not in own
            for word in vocabulary["named_after"]
        ):
            return True
        # "湘雅附二", "中山三院": a number after the name makes another of its hospitals; so does
        # one that ends what was said ("去湘雅二", the second said short).
        numbers = "".join(sorted(chinese_names.NUMERALS))
        numbered = re.match(
            rf"(?:{tidy.either(vocabulary['numbered_before'])})[{numbers}]+"
            rf"|[{numbers}]+(?:{tidy.either(vocabulary['numbered_kinds'])})|[{numbers}]$",
            follows,
        )
        # "医学院二附院" is not 新医大一附院, though "医学院一附院" says its own 一附院.
        if numbered and named + numbered.group() not in own and numbered.group() not in own:
            return True
    return False


def elsewhere(spoken: str, place: Place, persons: Sequence[people.Person]) -> bool:
    """Tell whether Chinese `spoken` names the place with a street, an area or a longer name that
    are not its own."""
    said = chinese_destinations.core(spoken)
    # The area word may end what was said ("华西医院在温江那边"), where core() drops it.
    unlinked = chinese_destinations.destination(spoken)
    # Linking words and pointers kept: "湖里的那个老人活动中心" says which by them.
    pointers = words("zh")["pointers"]
    fillers = [word for word in words("zh")["fillers"] if word not in pointers]
    kept = tidy.strip_fillers(unlinked, fillers, "zh")
    # A name holding 回 or 到 (回龙观) cuts what destination() keeps: branch words are looked
    # for in the whole too; another name is looked for only where the caller goes ("我在华联超市，
    # 回家" is home).
    whole = tidy.strip_fillers(spoken, fillers, "zh")
    for linking in words("zh")["linking_words"]:
        unlinked = unlinked.replace(linking, "")
    return (
        _town_levels_own(said, place)
        or _chinese_longer_name(said, place, persons)
        or _chinese_streets(said, place)
        or _chinese_areas(unlinked, place, persons)
        or _chinese_branch(kept, place, persons)
        or _chinese_branch(whole, place, persons)
        or _chinese_other_name(kept, place, persons)
    )
