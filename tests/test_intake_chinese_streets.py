"""Chinese places matched by their streets, areas and pieces, both ways: another place at a
preset's street, area, landmark or chain name (a school on the daughter's street, a clinic in her
district, the park that holds the temple, another store of the chain), or another branch, is none
of theirs; while a preset said in pieces, by its street, or as a relative's 那儿 is found. Every
sentence is written here, never copied from a set."""

import datetime

import pytest

from elderride.intake import parse
from tests.speaking import speaker, where

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
        "aliases": ["超市", "百大", "百大超市"],
    },
    {"id": 7, "label": "三里庵集市", "address": "安徽省合肥市蜀山区三里庵", "aliases": ["集市"]},
    {
        "id": 8,
        "label": "儿子家",
        "address": "安徽省合肥市瑶海区胜利路66号",
        "aliases": ["王军家", "瑶海"],
    },
    {
        "id": 9,
        "label": "百草堂药房",
        "address": "安徽省合肥市庐阳区公园路8号",
        "aliases": ["药房", "百草堂"],
    },
    {
        "id": 10,
        "label": "安医附一院",
        "address": "安徽省合肥市蜀山区绩溪路218号",
        "aliases": ["附一院", "绩溪路医院"],
    },
]
HEFEI_FAMILY = [{"name": "王小红", "relation": "daughter"}, {"name": "王军", "relation": "son"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


heard = speaker("zh", HEFEI, HEFEI_FAMILY, now=NOW, menu_size=len(HEFEI))


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
        # A description, then a street that is no preset's own before a preset's kind.
        "卖 药 的 芜湖路 上 那个 药房",
        # A relative's street with another place on it.
        "到 儿子 那边 去 胜利路 那个 超市",
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
        # An area word of a preset, then why or when: no other name follows it.
        ("去 三里庵 逛 逛", "三里庵集市"),
        ("三里庵 明天 早上 去", "三里庵集市"),
        ("去 省立 医院 看 病", "省立医院"),
        ("百大 买 点 东西", "三孝口百大超市"),
    ],
)
def test_a_preset_said_with_its_own_street_area_or_kind_is_found(text, label):
    assert where(heard(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A vague noun, then the preset's own street to say which one.
        ("我 想 到 医院 去 开 点 药 就 是 庐江路 那 个", "省立医院"),
        # A relative said with 我 (俺儿, 我女, 俺小子), then 那块 / 那里 or 家: their home.
        ("去 俺 儿 那 块 瑶海 胜利路", "儿子家"),
        ("芜湖路 芜湖路 我 女 那里", "女儿家"),
        ("我 要 去 俺 小子 家", "儿子家"),
        # The relative named first, then only their street after the last 去.
        ("小 同志 我 要 到 儿子 那边 去 合肥 胜利路 那个", "儿子家"),
        # 上 as "go" right after the car is asked for.
        ("你 给 俺 叫 个 车 上 医院 俺 腿 又 疼 了", "省立医院"),
        # A name after words that only lead up to it: fillers, a pointer, "what's it", "where".
        ("嗯 那 个 嘛 药房 呗", "百草堂药房"),
        ("那 个 那 个 么里 药房 百草堂 那里", "百草堂药房"),
        ("哪 点 嘛 就 是 那 个 医院 噻 看 病 的", "省立医院"),
    ],
)
def test_a_preset_said_in_pieces_by_its_street_or_as_a_relatives_place_is_found(text, label):
    assert where(heard(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A form of address to the operator first, and why the caller goes said inside the name.
        ("阿 妹 我 明天 要 去 庐江路 复查 血压 的 那个 医院", "省立医院"),
        # A kind word inside the preset's own street (the 公园 of 公园路) is no park.
        ("公园路 那个 老 药房 百草堂", "百草堂药房"),
        # Its own street, then a pointer, 上 or "old" before its kind or a short form of its name.
        ("公园路 那 个 老 药房", "百草堂药房"),
        ("公园路 上 百草", "百草堂药房"),
        # A description first, then its own street and a short form of its name.
        ("那 个 卖 药 的 公园路 上 百草", "百草堂药房"),
        # A name with a character misheard, right after the preset's own street.
        ("三孝口 那个 百达 超市 逛 逛", "三孝口百大超市"),
        ("绩溪路 那个 福 一 院 去 看 病", "安医附一院"),
    ],
)
def test_a_preset_is_found_through_the_words_said_inside_and_around_its_name(text, label):
    assert where(heard(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        # A misheard name with no street of its own before it, or a numeral misheard.
        "百达 超市 逛 逛",
        "福 一 院 去 看 病",
        "绩溪路 那个 附 二 院 去 看 病",
        "庐江路 那个 省二 医院 去 看 毛病",
    ],
)
def test_a_misheard_name_needs_its_own_street_and_never_changes_a_number(text):
    assert heard(text).place is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 上 as "go" after the words that take back what was said before.
        ("超市 哎 不 是 上 药房", "百草堂药房"),
        ("那个 啥 俺 儿子 那 块 先 不 去 了 上 明教寺 吧", "明教寺"),
    ],
)
def test_the_place_gone_to_after_a_correction_is_found(text, label):
    assert where(heard(text)) == label


def test_going_there_alone_after_a_correction_names_no_address():
    intent = heard("不 对 不 对 不 是 上 那 块")
    assert (intent.kind, intent.address) == ("no", None)


MARKET_AND_PHARMACY = [
    {"id": 1, "label": "家", "address": "安徽省合肥市庐阳区安庆路318号", "aliases": []},
    {"id": 2, "label": "第三市场", "address": "安徽省合肥市庐阳区寿春路100号", "aliases": ["三市"]},
    {"id": 3, "label": "国胜药店", "address": "安徽省合肥市庐阳区长江中路290号", "aliases": []},
]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Its kind said another way, after its own street: 菜市场 for a 市场, 药房 for a 药店.
        ("寿春路 那个 菜市场", "第三市场"),
        ("长江中路 那个 老 药房", "国胜药店"),
    ],
)
def test_a_presets_kind_said_another_way_after_its_street_is_found(text, label):
    intent = parse(text, language="zh", places=MARKET_AND_PHARMACY, now=NOW)
    assert where(intent) == label


@pytest.mark.parametrize("text", ["安庆路 那个 菜市场", "长江中路 那个 医院"])
def test_a_kind_said_on_a_street_that_is_not_the_presets_is_none_of_theirs(text):
    assert parse(text, language="zh", places=MARKET_AND_PHARMACY, now=NOW).place is None
