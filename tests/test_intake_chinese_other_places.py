"""Chinese callers naming a place that is none of their presets, written from near-misses built
out of the presets themselves (tools/chinese_near_misses.py): another person's weekly trip and a
relative told apart by birth order get no place, while the caller's own trip and own relative keep
theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "湖南省湘潭市雨湖区建设北路26号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "湘潭市第一人民医院",
        "address": "湖南省湘潭市岳塘区书院路100号",
        "aliases": ["一医院", "市一医院"],
    },
    {
        "id": 3,
        "label": "满崽家",
        "address": "湖南省湘潭市岳塘区芙蓉路66号",
        "aliases": ["满崽屋里", "志军屋里"],
    },
    {"id": 4, "label": "姑娘家", "address": "湖南省湘潭市雨湖区韶山路8号", "aliases": ["丽萍家"]},
    {"id": 5, "label": "昭山寺", "address": "湖南省湘潭市岳塘区昭山", "aliases": ["庙里"]},
    {"id": 6, "label": "步步高超市", "address": "湖南省湘潭市雨湖区基建营", "aliases": ["步步高"]},
]
CONTACTS = [
    {"name": "刘志军", "relation": "son"},
    {"name": "刘志华", "relation": "son"},
    {"name": "刘丽萍", "relation": "daughter"},
]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "我 老伴 每 个 礼拜二 去 一 医院",
        "我 老伴 礼拜二 要 去 一 医院 他 自己 去",
        "我 婆娘 礼拜三 要 去 一 医院 复查",
        "俺 家 老头 礼拜三 得 去 一 医院 透析",
        "隔壁 老 李 每 个 礼拜二 去 庙里",
        "我 女儿 每天 去 步步高",
        "志华 星期五 要 去 一 医院",
    ],
)
def test_another_persons_trip_on_a_weekday_names_no_place(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("我 礼拜二 要 去 一 医院", "湘潭市第一人民医院"),
        ("礼拜二 我 要 去 一 医院", "湘潭市第一人民医院"),
        ("我 跟 老伴 礼拜二 去 一 医院", "湘潭市第一人民医院"),
        ("我 要 陪 我 老伴 礼拜二 去 一 医院", "湘潭市第一人民医院"),
        ("每 个 礼拜二 我 都 去 庙里 今天 也 去", "昭山寺"),
    ],
)
def test_the_callers_own_weekday_trip_keeps_its_place(text, place):
    assert where(chinese(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "去 大崽 屋里",
        "去 大崽 屋里 志华 那里",
        "送 我 去 二 姑娘 家",
        "到 二姑娘 屋里 去",
    ],
)
def test_a_relative_told_apart_by_birth_order_is_not_the_saved_one(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("去 满崽 屋里", "满崽家"),
        ("去 志军 屋里", "满崽家"),
        ("去 姑娘 家", "姑娘家"),
        ("去 丽萍 家", "姑娘家"),
    ],
)
def test_the_saved_relative_keeps_their_place(text, place):
    assert where(chinese(text)) == place


HOSPITALS = [
    {"id": 1, "label": "家", "address": "陕西省宝鸡市金台区东风路12号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "宝鸡市中心医院",
        "address": "陕西省宝鸡市渭滨区姜谭路8号宝鸡市中心医院",
        "aliases": ["中心医院", "姜谭路医院"],
    },
    {
        "id": 3,
        "label": "九江市第一人民医院",
        "address": "江西省九江市浔阳区塔岭南路48号",
        "aliases": ["一医院", "市一医院"],
    },
]

hospitals = speaker("zh", HOSPITALS, (), now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "去 市 中医院",
        "送 我 到 市 中医院 去 一下",
        "一 七 一 医院",
        "去 一七一 医院 看 骨头",
    ],
)
def test_another_hospital_holding_a_presets_characters_is_none_of_theirs(text):
    assert where(hospitals(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("去 市 中心 医院", "宝鸡市中心医院"),
        ("去 姜谭 路 那个 医院", "宝鸡市中心医院"),
        ("去 一 医院 拿 药", "九江市第一人民医院"),
        ("去 市 一 医院", "九江市第一人民医院"),
    ],
)
def test_the_presets_own_hospital_keeps_its_place(text, place):
    assert where(hospitals(text)) == place


TEMPLES = [
    {"id": 1, "label": "家", "address": "江西省九江市浔阳区浔阳东路160号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "能仁寺",
        "address": "江西省九江市浔阳区庾亮南路能仁寺",
        "aliases": ["庙里", "大胜塔"],
    },
    {"id": 3, "label": "老年大学", "address": "江西省九江市浔阳区湓浦路", "aliases": []},
]

temples = speaker("zh", TEMPLES, (), now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize("text", ["东林寺 去 烧 香", "去 东林寺 烧 香", "去 老年 大学 分校"])
def test_another_temple_or_branch_said_by_name_is_none_of_theirs(text):
    assert where(temples(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("能仁寺 去 烧 香", "能仁寺"),
        ("我 要 去 庙里 烧 香", "能仁寺"),
        ("庙里 去 烧 香", "能仁寺"),
        ("去 烧 香", "能仁寺"),
        ("老年 大学 去 上课", "老年大学"),
    ],
)
def test_their_own_temple_and_school_keep_their_place(text, place):
    assert where(temples(text)) == place


ON_A_STREET = [
    {"id": 1, "label": "家", "address": "河北省沧州市运河区光荣路5号", "aliases": ["俺家"]},
    {
        "id": 2,
        "label": "中心医院",
        "address": "河北省沧州市运河区新华西路16号沧州市中心医院",
        "aliases": ["新华路医院", "大医院"],
    },
]

on_a_street = speaker("zh", ON_A_STREET, (), now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text", ["新华 区 那个 新 开 的", "上 信誉楼 不 是 解放 路 那个 是 新华 区 那个 新 开 的"]
)
def test_a_district_sharing_a_street_name_is_not_the_place_on_that_street(text):
    assert where(on_a_street(text)) is None


@pytest.mark.parametrize(
    "text", ["去 新华 路 医院", "新华 路 那个 医院", "去 运河 区 那个 中心 医院"]
)
def test_the_place_on_its_own_street_or_district_keeps_it(text):
    assert where(on_a_street(text)) == "中心医院"


@pytest.mark.parametrize(
    "text",
    ["我老伴一般都去步步高 我今天自己去", "我 老伴 平常 都 去 步步高 我 今天 自己 去"],
)
def test_anothers_habit_then_going_myself_is_a_trip_there(text):
    assert where(chinese(text)) == "步步高超市"
