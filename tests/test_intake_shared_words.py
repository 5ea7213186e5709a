"""Another place that shares a generic word with a preset (a kind word such as 医院, 菜市场,
hospital, or a direction such as 北) is not the preset: a preset is named only by its own
distinctive words, or by its kind alone when nothing else is said before it."""

import pytest

from tests.speaking import speaker, where

CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "杭州市拱墅区湖墅南路12号", "aliases": ["家里"]},
    {
        "id": 2,
        "label": "杭州市中心人民医院",
        "address": "杭州市下城区中山北路88号",
        "aliases": ["中心医院"],
    },
    {"id": 3, "label": "东新道菜市场", "address": "杭州市拱墅区东新道300号", "aliases": ["菜市场"]},
    {"id": 4, "label": "女儿家", "address": "杭州市余杭区良渚街道玉鸟路9号", "aliases": ["良渚"]},
    {
        "id": 5,
        "label": "湖墅老年大学",
        "address": "杭州市拱墅区湖墅南路60号",
        "aliases": ["老年大学"],
    },
]
CHINESE_CONTACTS = [{"name": "李梅", "relation": "daughter"}]

chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS)


@pytest.mark.parametrize(
    "text",
    [
        "去 萧山 中心 医院",  # another town's 中心医院
        "克 城站 中心 医院 看 病",
        "西新道 菜 市场",  # the other direction's market
        "去 南新道 菜 市场 买 菜",
        "市 一 院 拿 药",  # a hospital by a short form, and the preset hospital is another
        "去 二院 看 病",
        "去 中医院",  # a kind made of another: 中心人民医院 is no 中医院
        "去 湖墅 菜 市场",  # a town's market, and the preset market is another's
    ],
)
def test_chinese_other_place_sharing_a_kind_word_is_not_the_preset(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text, place",
    [
        ("去 中心 医院", "杭州市中心人民医院"),  # the kind said alone: their one such place
        ("去 杭州 中心 医院", "杭州市中心人民医院"),  # words of its own label before it
        ("上 菜 市场 买 点 菜", "东新道菜市场"),  # a dialect's 上 is a verb of going
        ("去 那个 菜 市场", "东新道菜市场"),
        ("去 那个 大 菜 市场", "东新道菜市场"),  # "big" says no other name
        ("东新道 菜 市场", "东新道菜市场"),
        ("去 医院 看 病", "杭州市中心人民医院"),
    ],
)
def test_chinese_preset_by_its_kind_or_own_words_is_still_it(text, place):
    assert where(chinese(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "去 工人 文化宫 跳 舞",  # a word of the hospital's name, then another kind of place
        "去 杭州 体育馆",
        "不是 老年 大学 是 我 社区 那个 活动室",  # not the preset, another place
        "去 良渚 她 婆婆 家",  # someone else's relative's home, in the daughter's town
    ],
)
def test_chinese_another_place_said_with_a_presets_words_is_not_it(text):
    places = [
        *CHINESE_PLACES,
        {"id": 6, "label": "工人医院", "address": "杭州市上城区解放路10号", "aliases": []},
    ]
    assert where(chinese(text, places=places)) is None


@pytest.mark.parametrize(
    "text, place",
    [
        ("去 工人 医院", "工人医院"),
        ("工人 医院 心内科", "工人医院"),
        ("不是 超市 是 老年 大学", "湖墅老年大学"),
        ("去 良渚 女儿 家", "女儿家"),
        ("浙 大 一院 我 去 配 药", "浙一医院"),  # its numeral is the preset's own
    ],
)
def test_chinese_preset_said_with_its_own_words_is_still_it(text, place):
    places = [
        *CHINESE_PLACES,
        {"id": 6, "label": "工人医院", "address": "杭州市上城区解放路10号", "aliases": []},
    ]
    if place == "浙一医院":
        places = [dict(CHINESE_PLACES[0]), {"id": 7, "label": "浙一医院", "address": "庆春路79号"}]
    assert where(chinese(text, places=places)) == place


ENGLISH_PLACES = [
    {
        "id": 1,
        "label": "Home",
        "address": "14 Coronation Road, Leeds",
        "aliases": ["home"],
        "is_home": True,
    },
    {
        "id": 2,
        "label": "St James's Hospital",
        "address": "Beckett Street, Leeds",
        "aliases": ["the hospital", "jimmy's"],
    },
    {"id": 3, "label": "Karen's House", "address": "3 Elm Grove, Leeds", "aliases": ["karen's"]},
    {
        "id": 4,
        "label": "Morrisons",
        "address": "47 Kirkstall Road, Leeds",
        "aliases": ["the supermarket", "the shop"],
    },
]
ENGLISH_CONTACTS = [{"name": "Karen", "relation": "daughter"}]

english = speaker("en", ENGLISH_PLACES, ENGLISH_CONTACTS)


@pytest.mark.parametrize(
    "text",
    [
        "take me to the dental hospital",  # an errand's word before the kind names another
        "i need to go to the eye hospital",
        "take me to home bargains",  # a shop whose name starts with the kind "home"
        "home depot please",
        "take me to coronation street",  # home is on Coronation ROAD
        "coronation avenue please",
        "take me to my other daughter's house",  # not the daughter the preset is for
        "i'm going to her daughter's",
        "the sweet shop next to morrisons on kirkstall road",  # a shop beside the preset
        "the paper shop next to the supermarket",
    ],
)
def test_english_other_place_sharing_a_generic_word_is_not_the_preset(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text, place",
    [
        ("take me to the hospital", "St James's Hospital"),
        ("take me home please", "Home"),
        ("take me back to home only", "Home"),
        ("home james", "Home"),
        ("take me to coronation road", "Home"),
        ("my daughter's house", "Karen's House"),
        ("the shop on kirkstall road", "Morrisons"),
        ("the hospital for my teeth", "St James's Hospital"),
    ],
)
def test_english_preset_by_its_own_words_is_still_it(text, place):
    assert where(english(text)) == place
