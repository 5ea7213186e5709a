"""Chinese places matched by their streets, areas and pieces, both ways: another place at a
preset's street, area, landmark or chain name (a school on the daughter's street, a clinic in her
district, the park that holds the temple, another store of the chain), or another branch, is none
of theirs; while a preset said in pieces, by its street, or as a relative's 那儿 is found. Every
sentence is written here, never copied from a set."""

import datetime

import pytest

from elderride.intake import parse

# A senior in Hefei: the daughter's home is saved by its street and its district too.
HEFEI = [
    {"id": 1, "label": "家", "address": "安徽省合肥市蜀山区长江西路200号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "省立医院",
        "address": "安徽省合肥市庐阳区庐江路17号安徽省立医院",
        "aliases": ["医院", "庐江路医院"],
    },
    {
        "id": 3,
        "label": "女儿家",
        "address": "安徽省合肥市包河区芜湖路88号",
        "aliases": ["小红家", "芜湖路", "包河"],
    },
    {
        "id": 4,
        "label": "城隍庙菜场",
        "address": "安徽省合肥市庐阳区城隍庙菜场",
        "aliases": ["菜场", "买菜"],
    },
    {
        "id": 5,
        "label": "明教寺",
        "address": "安徽省合肥市庐阳区淮河路逍遥津公园内",
        "aliases": ["庙"],
    },
    {
        "id": 6,
        "label": "三孝口百大超市",
        "address": "安徽省合肥市庐阳区长江中路三孝口",
        "aliases": ["超市", "百大"],
    },
    {"id": 7, "label": "三里庵集市", "address": "安徽省合肥市蜀山区三里庵", "aliases": ["集市"]},
]
HEFEI_FAMILY = [{"name": "王小红", "relation": "daughter"}, {"name": "王军", "relation": "son"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


def heard(text):
    return parse(
        text, language="zh", places=HEFEI, contacts=HEFEI_FAMILY, now=NOW, menu_size=len(HEFEI)
    )


def where(intent):
    return intent.place.label if intent.place else None


@pytest.mark.parametrize(
    "text",
    [
        # Another kind of place on a preset's street or in its area: the noun is not its kind.
        "去 芜湖路 小学 接 小 宝 放学",
        "芜湖路 中学 开 家长会",
        "包河 那个 卫生院 去 拿 药",
        "芜湖路 那个 电影院 我 要 去 看 电影",
        # A market of another name, said before the errand the preset is saved by.
        "逍遥津 菜场 去 买 菜",
        # The landmark that holds a preset in its address is not the preset.
        "逍遥津 公园 嘛 去 看 猴子",
        "去 逍遥津 公园",
        # The chain's name with another kind of store.
        "百大 商城 逛 一 逛",
        # An area word of a preset followed by another store's name.
        "去 三里庵 华联 买 双 鞋",
        # Another branch or campus, said after the name, with 的 or by itself.
        "去 省立 医院 南区 那个 新 盖 的",
        "去 医院 的 分院 不 是 庐江路 那个",
    ],
)
def test_another_place_at_a_presets_street_area_or_chain_is_none_of_theirs(text):
    intent = heard(text)
    assert intent.place is None, (text, where(intent))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # The preset's own kind with its street or area is still the preset.
        ("芜湖路 我 女儿 家", "女儿家"),
        ("城隍庙 菜场 去 买 菜", "城隍庙菜场"),
        ("去 三里庵 赶集", "三里庵集市"),
        ("去 省立 医院 看 病", "省立医院"),
        ("百大 买 点 东西", "三孝口百大超市"),
    ],
)
def test_a_preset_said_with_its_own_street_area_or_kind_is_found(text, label):
    assert where(heard(text)) == label
