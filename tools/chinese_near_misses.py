"""Write hard negatives for every Chinese senior of the development sets from their own presets
(another branch, another name of the kind, another relative, someone else's trip, a past one) and
print each that the parser answers with a place."""

import argparse
import collections
import dataclasses
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from elderride.intake import people
from elderride.intake.vocabulary import words
from tools import generated_lines
from tools.generated_lines import spaced

# Places of each kind none of the seniors saves, said as a caller from that town would.
OTHER_NAMES = {
    "医院": [
        "市 中医院",
        "妇幼 保健院",
        "骨科 医院",
        "口腔 医院",
        "一七一 医院",
        "解放军 医院",
        "第三 人民 医院",
        "附 二",
        "二 附院",
        "铁路 医院",
        "区 人民 医院",
        "肿瘤 医院",
        "眼科 医院",
        "精神 病院",
        "儿童 医院",
        "市 二院",
        "四 医院",
    ],
    "寺": ["东林寺", "宝光寺", "铁佛寺", "白云寺", "观音 庙", "城隍庙", "开福寺", "清真 北寺"],
    "庙": ["城隍庙", "土地庙", "关帝庙"],
    "菜": ["南门 菜场", "西关 菜市场", "早市", "夜市", "花鸟 市场", "批发 市场"],
    "超市": ["沃尔玛", "永辉", "大润发", "家乐福", "华润 万家", "物美", "国美 电器", "苏宁"],
    "药": ["大参林", "海王星辰", "国大 药房", "益丰 大药房", "养天和"],
    "堂": ["天主堂", "基督 教堂", "福音堂", "清真寺"],
    "公园": ["中山 公园", "人民 公园", "植物园", "动物园", "湿地 公园"],
    "活动": ["老干部 活动 中心", "青少年 宫", "文化馆", "图书馆", "体育馆", "棋牌室"],
    "大学": ["老年 大学 分校", "电大", "党校"],
}
OTHER_STREETS = [
    "北海 路",
    "建设 路",
    "解放 路",
    "人民 路",
    "中山 路",
    "胜利 街",
    "新华 路",
    "和平 路",
    "东风 街",
    "光明 街",
    "长江 路",
    "黄河 路",
    "南京 路",
    "朝阳 路",
]
OTHER_AREAS = ["开发区", "新区", "老城", "河西", "城南", "高新区", "火车站 那边", "县里"]
OTHER_KIN = [
    "大崽",
    "二姑娘",
    "侄子",
    "外甥",
    "老姐姐",
    "小叔子",
    "表妹",
    "干女儿",
    "二女婿",
    "大伯子",
    "舅舅",
    "老战友",
    "亲家",
    "隔壁 王 姨",
    "老同学",
]
OTHERS = ["我 老伴", "我 老头", "我 婆娘", "隔壁 老 李", "我 儿子", "我 孙子", "邻居 王 姐"]
# A numbered hospital's neighbours: 省二院 is not 省三院.
NUMERALS = "一二三四五六"
# Whom a relative's saved home is named for, by a word its name holds beyond the relation words
# (幺女家, 满崽家).
KIN_MARKS = {"daughter": ["女", "闺", "姑娘"], "son": ["崽", "儿子", "仔"]}
# A child's birth order said before the relation (大崽, 满崽家, 二姑娘).
ORDERS = "大二三小满幺"
FORMER = ["老屋", "原来 住 的 地方", "以前 住 的 老 房子", "老家", "乡下 老家", "原来 那个 家"]


def _kind(place: Mapping[str, Any]) -> str | None:
    """Return the kind of place the preset is, as OTHER_NAMES keys it, or None."""
    label = place["label"]
    for kind in [
        "医院",
        "附院",
        "院",
        "寺",
        "庙",
        "宫",
        "菜",
        "市场",
        "超市",
        "药",
        "堂",
        "公园",
        "活动",
        "大学",
    ]:
        if kind in label or any(kind in alias for alias in place.get("aliases") or ()):
            return {"附院": "医院", "院": "医院", "宫": "庙", "市场": "菜"}.get(kind, kind)
    return None


def _renumbered(label: str, own: str) -> list[str]:
    """Return `label` with its number said as the next one, when that is none of the senior's."""
    for index, character in enumerate(label):
        # Only a hospital's number (省二院, 附一医, 第一人民医院): 六安 is a town, no number.
        numbered = label[index + 1 : index + 2] in ("院", "医") or label[index - 1 : index] in (
            "附",
            "第",
        )
        if character in NUMERALS and numbered:
            other = NUMERALS[(NUMERALS.index(character) + 1) % len(NUMERALS)]
            renamed = label[:index] + other + label[index + 1 :]
            return [] if renamed in own else [renamed]
    return []


def _relations_of(place: Mapping[str, Any]) -> set[str]:
    """Return the relation keys whose home a saved relative's home (儿子家, 幺女家) is named for."""
    names = place["label"] + "".join(place.get("aliases") or ())
    keys = {
        key
        for key in words("zh")["relations"]
        if any(word in names for word in people.relation_words(key, "zh"))
    }
    keys = keys or {key for key, marks in KIN_MARKS.items() if any(mark in names for mark in marks)}
    # 孙女家 is no daughter's, 外孙家 no son's.
    return keys - ({"daughter", "son"} if "孙" in names else set())


def _orders(names: str) -> set[str]:
    """Return the birth orders said right before a child's relation word in `names`."""
    marks = [mark for key in ("son", "daughter") for mark in KIN_MARKS[key]]
    return {order for order in ORDERS for mark in marks if order + mark in names}


def _may_be_saved(kin: str, kin_places: list[Mapping[str, Any]]) -> bool:
    """Tell whether the relative `kin` (大崽) may be the one a saved home is for: 儿子家 is the
    son's, whichever, and 大儿子家 the eldest's; 满崽家 is not 大崽's."""
    for place in kin_places:
        names = place["label"] + "".join(place.get("aliases") or ())
        if _relations_of({"label": kin}) & _relations_of(place):
            orders = _orders(names)
            if not orders or _orders(kin) & orders:
                return True
    return False


def _lives_in_a_preset(
    contact: Mapping[str, Any],
    contacts: list[Mapping[str, Any]],
    kin_places: list[Mapping[str, Any]],
) -> bool:
    """Tell whether the contact's home may be a saved one: their name is in its names (阿明屋里 for
    沈志明), or theirs is the relation it is named for (儿子家 for the only son), or they are that
    relative's spouse (the daughter-in-law in 儿子家)."""
    person = people.people([contact])[0]
    for place in kin_places:
        names = place["label"] + "".join(place.get("aliases") or ())
        if any(way in names for way in person.names):
            return True
        households = words("zh")["households"].get(person.relation or "", [])
        for key in {person.relation, *households} & _relations_of(place):
            # With two sons, 满崽家 named 建军屋里 is 建军's: his brother's home is another. A
            # spouse of one of them, or a son where the preset names neither, may live there.
            named = [
                other
                for other in people.people(contacts)
                if other.relation == key and any(way in names for way in other.names)
            ]
            if not named or key != person.relation:
                return True
    return False


def near_misses(
    places: list[Mapping[str, Any]], contacts: list[Mapping[str, Any]]
) -> Iterator[tuple[str, str]]:
    """Yield (class, text) for the hard negatives of one senior's presets."""
    own = "".join(
        place["label"] + (place.get("address") or "") + "".join(place.get("aliases") or ())
        for place in places
    )
    kin_places = [place for place in places if "家" in place["label"] or "屋" in place["label"]]
    for place in places:
        label = place["label"]
        if label in ("家", "屋里", "屋头"):
            continue
        kind = _kind(place)
        names = [label, *(place.get("aliases") or ())]
        short = min(names, key=len)
        spoken = spaced(label)
        # The same name at another street or area.
        if place not in kin_places:
            for street in OTHER_STREETS:
                if street.replace(" ", "") in own:
                    continue
                yield "street", f"去 {street} 那个 {spoken}"
                yield "street", f"{spoken} 不 是 这边 的 是 {street} 那个"
                break
            for area in OTHER_AREAS[:3]:
                if area.replace(" ", "") not in own:
                    yield "area", f"{area} 那个 {spaced(short)}"
        # The same kind with another proper name.
        for other in OTHER_NAMES.get(kind or "", []):
            if other.replace(" ", "") not in own:
                yield f"kind:{kind}", f"去 {other}"
                yield f"kind:{kind}", f"送 我 到 {other} 去 一下"
        # A name sharing words with the preset: the next number (省三院 beside 省二院), or the
        # same proper name on a place of another kind (积水潭 小学 beside 积水潭医院). A
        # character swapped inside a word makes no name anyone says.
        if place not in kin_places:
            yield from (("shared", f"去 {spaced(other)}") for other in _renumbered(label, own))
            core = re.sub(r"(医院|超市|大药房|药房|药店|菜市场|菜场|公园)$", "", label)
            if core != label and 2 <= len(core) <= 3 and "小学" not in own:
                yield "shared", f"去 {core} 小学"
        # Someone else's trip, and the caller's own past or refused one.
        for other in OTHERS[:3]:
            yield "someone", f"{other} 每 个 礼拜二 去 {spaced(short)}"
        yield "someone", f"{OTHERS[3]} 明天 要 去 {spaced(short)} 他 自己 去"
        yield "someone", f"我 女儿 在 {spaced(short)} 上班"
        yield "past", f"昨天 去 了 {spaced(short)}"
        yield "past", f"上 个 礼拜 我 去 过 {spaced(short)} 了"
    # Another relative or a contact whose home is no preset.
    for kin in OTHER_KIN:
        if kin.replace(" ", "") not in own and not _may_be_saved(kin, kin_places):
            yield "kin", f"去 {kin} 家"
            yield "kin", f"到 {kin} 屋里 去"
    for contact in contacts:
        name = contact["name"]
        given = name[1:] if len(name) == 3 else name
        if not _lives_in_a_preset(contact, contacts, kin_places):
            yield "contact", f"去 {given} 家"
    for former in FORMER:
        if former.replace(" ", "") not in own:
            yield "former", f"回 {former} 看看"


@dataclasses.dataclass(frozen=True)
class Placed:
    """A near-miss the parser answered with one of the senior's places."""

    where: str  # the set's letter and the senior's name
    kind: str
    text: str
    place: str


def placed(
    paths: list[Path], every: Mapping[str, int] | None = None
) -> tuple[collections.Counter[str], list[Placed]]:
    """Return how many near-misses of each class were tried and those given a place, trying about
    one in `every[class]` of a class, chosen by its text (all when unsaid)."""
    tried: collections.Counter[str] = collections.Counter()
    found = []
    for senior in generated_lines.seniors(paths, "zh"):
        texts = set()
        for kind, text in near_misses(senior.places, senior.contacts):
            group = kind.split(":")[0]
            if text in texts or not generated_lines.sampled(
                senior, text, (every or {}).get(group, 1)
            ):
                continue
            texts.add(text)
            tried[group] += 1
            label = generated_lines.place(senior, text)
            if label is not None:
                found.append(Placed(f"{senior.where[-1]} {senior.name}", kind, text, label))
    return tried, found


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--summary", action="store_true")
    generated_lines.add_sets_option(arguments)
    options = arguments.parse_args()
    tried, found = placed(options.sets)
    wrong = collections.Counter(miss.kind.split(":")[0] for miss in found)
    if not options.summary:
        for miss in found:
            print(f"{miss.where} [{miss.kind}] {miss.text} -> {miss.place}")
    for group in sorted(tried):
        print(f"{group:10} {wrong[group]:4} / {tried[group]}")
    print(f"{'all':10} {sum(wrong.values()):4} / {sum(tried.values())}")


if __name__ == "__main__":
    main()
