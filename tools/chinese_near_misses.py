"""Write hard negatives for every Chinese senior of the development sets from their own presets
(another branch, another name of the kind, another relative, someone else's trip, a past one) and
print each that the parser answers with a place."""

import argparse
import collections
import datetime
import glob
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from elderride.intake import parse

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
FORMER = ["老屋", "原来 住 的 地方", "以前 住 的 老 房子", "老家", "乡下 老家", "原来 那个 家"]


def _spaced(text: str) -> str:
    """Return `text` split into words of two characters, as Vosk writes what it has no word for."""
    return " ".join(text[index : index + 2] for index in range(0, len(text), 2))


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
        spoken = _spaced(label)
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
                    yield "area", f"{area} 那个 {_spaced(short)}"
        # The same kind with another proper name.
        for other in OTHER_NAMES.get(kind or "", []):
            if other.replace(" ", "") not in own:
                yield f"kind:{kind}", f"去 {other}"
                yield f"kind:{kind}", f"送 我 到 {other} 去 一下"
        # A name sharing characters with the preset.
        core = re.sub(r"(医院|寺|超市|药房|药店|菜市场|菜场|市场|家|公园|中心)$", "", label)
        if 2 <= len(core) <= 4 and place not in kin_places:
            tail = label[len(core) :]
            for swap in ["东", "西", "仁", "华"]:
                if swap not in core:
                    yield "shared", f"去 {_spaced(core[:-1] + swap + tail)}"
                    break
        # Someone else's trip, and the caller's own past or refused one.
        for other in OTHERS[:3]:
            yield "someone", f"{other} 每 个 礼拜二 去 {_spaced(short)}"
        yield "someone", f"{OTHERS[3]} 明天 要 去 {_spaced(short)} 他 自己 去"
        yield "someone", f"我 女儿 在 {_spaced(short)} 上班"
        yield "past", f"昨天 去 了 {_spaced(short)}"
        yield "past", f"上 个 礼拜 我 去 过 {_spaced(short)} 了"
    # Another relative or a contact whose home is no preset.
    relations = "".join(
        place["label"] + "".join(place.get("aliases") or ()) for place in kin_places
    )
    for kin in OTHER_KIN:
        if kin.replace(" ", "") not in own:
            yield "kin", f"去 {kin} 家"
            yield "kin", f"到 {kin} 屋里 去"
    for contact in contacts:
        name = contact["name"]
        given = name[1:] if len(name) == 3 else name
        if given not in relations and name not in relations:
            yield "contact", f"去 {given} 家"
    for former in FORMER:
        if former.replace(" ", "") not in own:
            yield "former", f"回 {former} 看看"


def main() -> None:
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--summary", action="store_true")
    options = arguments.parse_args()
    wrong: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    for path in sorted(glob.glob("tests/fixtures/intake/heldout-set-*/places.json")):
        data = json.load(open(path))
        now = datetime.datetime.fromisoformat(data["now"])
        for name, senior in data["seniors"].items():
            if senior["language"] != "zh":
                continue
            seen = set()
            for kind, text in near_misses(senior["places"], senior.get("contacts") or []):
                if text in seen:
                    continue
                seen.add(text)
                group = kind.split(":")[0]
                total[group] += 1
                intent = parse(
                    text,
                    language="zh",
                    places=senior["places"],
                    contacts=senior.get("contacts") or [],
                    now=now,
                    timezone=senior["timezone"],
                )
                if intent.place is not None:
                    wrong[group] += 1
                    if not options.summary:
                        where = intent.place.label
                        print(f"{path.split('/')[-2][-1]} {name} [{kind}] {text} -> {where}")
    for group in sorted(total):
        print(f"{group:10} {wrong[group]:4} / {total[group]}")
    print(f"{'all':10} {sum(wrong.values()):4} / {sum(total.values())}")


if __name__ == "__main__":
    main()
