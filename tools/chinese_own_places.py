"""Write the ways an older caller names one of their OWN presets, for every Chinese senior of the
development sets (its street or district alone, a name with its street, an errand, a relative, a
loose form of its name, fillers, times, politeness, dialect verbs, a restart), and print each the
parser does not answer with that preset; where two presets fit, the right answer is none."""

import argparse
import collections
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from tools import generated_lines

Place = Mapping[str, Any]

# Words Vosk's Chinese model writes whole; what it has no word for comes in pieces of two.
WORDS = sorted(
    [
        "人民",
        "医院",
        "中医院",
        "超市",
        "公园",
        "菜市场",
        "菜场",
        "市场",
        "大药房",
        "药房",
        "药店",
        "活动",
        "中心",
        "老年",
        "大学",
        "社区",
        "卫生",
        "服务",
        "第一",
        "第二",
        "第三",
        "附属",
        "医科",
        "老干部",
        "诊所",
        "公墓",
        "墓地",
        "食堂",
        "银行",
        "女儿",
        "儿子",
        "孙子",
        "孙女",
        "外孙",
        "闺女",
    ],
    key=len,
    reverse=True,
)
ROADS = ["大道", "大街", "路", "街", "巷", "道"]
DIRECTIONS = "东西南北中"
ESTATES = ["小区", "花园", "家园", "新村", "公寓", "苑"]
# Errands said for a kind of place, each with what a preset of that kind has in its names.
ERRANDS = [
    (["抽 血", "看 病"], r"医院|诊所|卫生|[一二三四五六七八九]院|附院|医大"),
    # Medicine is fetched at a pharmacy and at a hospital alike.
    (["拿 药"], r"药房|药店|药堂|医院|诊所|卫生|[一二三四五六七八九]院|附院|医大"),
    (["买 菜"], r"菜市场|菜场|市场|超市"),
    (["剃 头", "剪 头发"], r"理发|发廊|美发"),
    (["烧 香"], r"寺|庙|庵|禅院"),
    (["上 坟"], r"墓|陵园"),
    (["跳 舞"], r"活动中心|活动室|活动站|公园|广场"),
    (["打 牌"], r"活动中心|活动室|活动站|棋牌|茶馆|茶社|茶楼"),
    (["上 课"], r"大学|学校"),
    (["取 钱"], r"银行"),
]
# How callers say each relation, as the contacts' relations are typed (in Chinese or English).
KIN = {
    "daughter": ["闺女", "女儿", "姑娘"],
    "son": ["儿子", "我 儿"],
    "grandson": ["孙子"],
    "granddaughter": ["孙女"],
    "daughters_son": ["外孙"],
    "daughters_daughter": ["外孙女"],
}
RELATIONS = {
    "女儿": "daughter",
    "闺女": "daughter",
    "幺女": "daughter",
    "daughter": "daughter",
    "儿子": "son",
    "son": "son",
    "孙子": "grandson",
    "grandson": "grandson",
    "孙女": "granddaughter",
    "granddaughter": "granddaughter",
    "外孙": "daughters_son",
    "外孙女": "daughters_daughter",
}
FILLERS = ["呃 嗯 那个 {}", "去 那个 嗯 {}"]
TIMES = ["下午 三 点 去 {}", "明天 上午 九 点 半 到 {}"]
POLITE = ["麻烦 你 送 我 去 {}", "师傅 麻烦 你 帮 我 叫 个 车 去 {} 谢谢"]
DIALECT = ["上 {} 去", "走 {}", "到 {} 去", "整 到 {} 去", "我 搁 家 呢 想 去 {}"]
RESTARTS = ["去 去 {}", "去 那个 去 {}", "我 要 我 要 去 {}"]


def spoken(name: str) -> str:
    """Return `name` as Vosk writes it: known words whole, the rest in pieces of two."""
    pieces: list[str] = []
    index = 0
    while index < len(name):
        known = next((word for word in WORDS if name.startswith(word, index)), None)
        if known:
            pieces.append(known)
            index += len(known)
            continue
        size = 1 if any(name.startswith(word, index + 1) for word in WORDS) else 2
        pieces.append(name[index : index + size])
        index += size
    return " ".join(pieces)


def _local(address: str) -> str:
    """Return `address` without its province and city."""
    address = re.sub(r"^[\u4e00-\u9fff]{2,3}?(省|自治区)", "", address)
    return re.sub(r"^[\u4e00-\u9fff]{2,4}?市(?=.*[区县路街])", "", address)


def district(place: Place) -> str | None:
    """Return the district of the place's address without 区 or 县 ("铁东"), or None."""
    found = re.match(r"^([\u4e00-\u9fff]{2,3}?)(新区|区|县)", _local(place.get("address") or ""))
    return found.group(1) if found else None


def street(place: Place) -> tuple[str, str] | None:
    """Return (name, road word) of the street in the place's address ("建设", "路"), or None."""
    local = _local(place.get("address") or "")
    local = re.sub(r"^[\u4e00-\u9fff]{2,3}?(新区|区|县)", "", local)
    found = re.search("|".join(ROADS), local)
    if not found or not 2 <= found.start() <= 4:
        return None
    name = local[: found.start()]
    if found.start() == 4 and name[-1] not in DIRECTIONS:
        return None
    return name, found.group(0)


def estate(place: Place) -> str | None:
    """Return the estate named in the place's address ("丁香园"), or None."""
    local = _local(place.get("address") or "")
    found = re.search("|".join(ESTATES), local)
    if not found:
        return None
    # The estate's name begins after the street or district before it.
    before = re.split(r"大道|大街|路|街|巷|道|区|县|号", local[: found.start()])[-1]
    return before if 2 <= len(before) <= 4 else None


def _names(place: Place) -> list[str]:
    return [place["label"], *(place.get("aliases") or ())]


def _home(place: Place) -> bool:
    return place["label"] in ("家", "屋里", "屋头", "屋企") or bool(place.get("is_home"))


def relation(place: Place, contacts: Sequence[Mapping[str, Any]]) -> tuple[str | None, list[str]]:
    """Return (relation, names of the contacts) whose home the place is, from its names."""
    if _home(place):
        return None, []
    names = "".join(_names(place))
    named = [
        contact["name"]
        for contact in contacts
        if contact["name"] in names or contact["name"][1:] in names and len(contact["name"]) > 2
    ]
    for word in sorted(RELATIONS, key=len, reverse=True):
        if word in names:
            key = RELATIONS[word]
            return key, named or [
                contact["name"]
                for contact in contacts
                if RELATIONS.get(contact.get("relation") or "") == key
            ]
    if named:
        kinds = {
            RELATIONS.get(contact.get("relation") or "")
            for contact in contacts
            if contact["name"] in named
        }
        return (kinds.pop() if len(kinds) == 1 else None), named
    return None, []


def loose_forms(place: Place, hospitals: int) -> Iterator[str]:
    """Yield partial and loose forms of the place's label, as callers shorten or widen it."""
    label = place["label"]
    kind = re.search(r"(医院|超市|公园|菜市场|大药房|药房|寺|活动中心|中心)$", label)
    if kind:
        core = label[: kind.start()]
        if 2 <= len(core) <= 4:
            yield spoken(core)
    prefixed = re.match(r"^(?:[\u4e00-\u9fff]{2}?)?(省|市)(.+)$", label)
    if prefixed and len(prefixed.group(2)) >= 3:
        yield spoken(prefixed.group(2))
        if prefixed.group(0) != prefixed.group(1) + prefixed.group(2):
            yield f"{prefixed.group(1)} {spoken(prefixed.group(2))}"
    if hospitals == 1 and re.search(r"(第.)?(人民|中心|中)医院$", label):
        if not label.startswith(("市", "省")):
            yield f"市 {spoken(label)}"
        yield "市 医院" if "中医院" not in label else "中医院"
    ordinal = re.search(r"第([一二三四五六七八九])人民医院$", label)
    if ordinal:
        yield f"{ordinal.group(1)} 院"
        yield f"市 {ordinal.group(1)} 院"


def _count(places: Sequence[Place], pattern: str) -> list[Place]:
    return [place for place in places if re.search(pattern, "".join(_names(place)))]


def own_places(
    places: Sequence[Place], contacts: Sequence[Mapping[str, Any]]
) -> Iterator[tuple[str, str, str | None]]:
    """Yield (class, text, label expected or None) for the ways a caller names their own
    presets."""
    streets = {id(place): street(place) for place in places}
    districts = {id(place): district(place) for place in places}
    hospitals = len(_count(places, ERRANDS[0][1]))
    for place in places:
        if _home(place):
            continue
        label = place["label"]
        said = spoken(label)
        kin, kin_names = relation(place, contacts)
        # The street alone, and the name with its street: none when another preset is on it too.
        found = streets[id(place)]
        names = "".join(name for other in places for name in _names(other))
        # A street or area in a preset's name names that preset: no line of its own.
        if found and found[0] not in names:
            name, road = found
            road_said = f"{spoken(name)} {road}"
            shared = [other for other in places if (streets[id(other)] or ("",))[0] == name]
            alone = label if len(shared) == 1 else None
            yield "street", f"去 {road_said} 那 边", alone
            yield "street", f"到 {road_said} 那块 去", alone
            if kin is None:
                yield "name_street", f"去 {road_said} 的 {said}", label
                yield "name_street", f"{road_said} 那个 {said}", label
        # The district or estate alone: none when another preset is there too.
        area = districts[id(place)]
        if area and area not in names:
            shared = [other for other in places if districts[id(other)] == area]
            yield "area", f"去 {spoken(area)} 那 块", label if len(shared) == 1 else None
        home_estate = estate(place)
        if home_estate and home_estate not in names:
            shared = [other for other in places if estate(other) == home_estate]
            yield "area", f"去 {spoken(home_estate)} 那 块", label if len(shared) == 1 else None
        # The errand its kind serves: none when two presets serve it.
        for errands, pattern in ERRANDS:
            if not re.search(pattern, "".join(_names(place))):
                continue
            fits = _count(places, pattern)
            for errand in errands:
                expected = label if len(fits) == 1 else None
                yield "errand", f"我 要 去 {errand}", expected
                yield "errand", f"送 我 去 {errand}", expected
        # A relative's home, by kin word or by the contact's name.
        if kin:
            theirs = [other for other in places if relation(other, contacts)[0] == kin]
            expected = label if len(theirs) == 1 else None
            same_kin = [c for c in contacts if RELATIONS.get(c.get("relation") or "") == kin]
            # "去儿子家" with two sons and only the elder one's house saved is not known.
            if len(same_kin) <= 1 or any(
                name in "".join(_names(place)) for name in (c["name"][1:] for c in same_kin)
            ):
                for word in KIN[kin]:
                    if word.replace(" ", "") in "".join(_names(place)) and word != KIN[kin][0]:
                        continue
                    yield "kin", f"去 {word} 那儿", expected if len(same_kin) <= 1 else None
                    yield "kin", f"去 我 {word} 家", expected if len(same_kin) <= 1 else None
        for name in kin_names:
            given = name[1:] if len(name) == 3 else name
            yield "contact", f"去 {spoken(given)} 那", label
            yield "contact", f"到 {spoken(given)} 家 去", label
        # Loose forms of the label: none when the short form is in another preset's names.
        for form in loose_forms(place, hospitals):
            bare = form.replace(" ", "")
            others = "".join(
                name + (other.get("address") or "")
                for other in places
                if other is not place
                for name in _names(other)
            )
            yield "loose", f"去 {form}", label if bare not in others else None
        for alias in place.get("aliases") or ():
            if len(alias) >= 2:
                yield "alias", f"去 {spoken(alias)}", label
        # The label said as callers say anything: fillers, a time, politeness, dialect, a restart.
        for group, forms in [
            ("filler", FILLERS),
            ("time", TIMES),
            ("polite", POLITE),
            ("dialect", DIALECT),
            ("restart", RESTARTS),
        ]:
            for form in forms:
                yield group, form.format(said), label


def misses(
    paths: list[Path], every: Mapping[str, int] | None = None
) -> tuple[collections.Counter[str], collections.Counter[str], list[str]]:
    """Return (misses per class, lines per class, the misses) over the seniors, parsing about one
    line in `every[class]` of a class, chosen by its text (all when unsaid)."""
    missed: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    lines = []
    for senior in generated_lines.seniors(paths, "zh"):
        for group, text, expected in dict.fromkeys(own_places(senior.places, senior.contacts)):
            group = group if expected else "ambiguous"
            if not generated_lines.sampled(senior, text, (every or {}).get(group, 1)):
                continue
            got = generated_lines.place(senior, text)
            total[group] += 1
            if got != expected:
                missed[group] += 1
                lines.append(
                    f"{senior.where[-1]} {senior.name} [{group}] {text} -> {got} (want {expected})"
                )
    return missed, total, lines


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--summary", action="store_true")
    arguments.add_argument(
        "--every", type=int, default=1, help="parse about one line in EVERY of each class"
    )
    generated_lines.add_sets_option(arguments, corpus=True)
    options = arguments.parse_args()
    missed, total, lines = misses(options.sets, collections.defaultdict(lambda: options.every))
    if not options.summary:
        print("\n".join(lines))
    for group in sorted(total):
        print(f"{group:12} {missed[group]:4} / {total[group]}")
    print(f"{'all':12} {sum(missed.values()):4} / {sum(total.values())}")


if __name__ == "__main__":
    main()
