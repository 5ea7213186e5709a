"""Turns that booked a preset the caller did not mean, each tested as a class with sentences written
here: a numbered street that is not the preset's, another place of a preset's kind, a call asked
for, a relative's home that is not the caller's, 家 inside another place's name, a daughter other
than the one saved, someone else's home, a place that did something."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 6, 15, 0, tzinfo=datetime.UTC)
PLACES = [
    {
        "id": 1,
        "label": "Home",
        "address": "785 East 25th Street, Hialeah",
        "aliases": ["home", "twenty fifth street"],
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "Palmetto General Hospital",
        "address": "2001 West 68th Street, Hialeah",
        "aliases": ["palmetto", "the hospital"],
    },
    {
        "id": 3,
        "label": "Sedano's Supermarket",
        "address": "1501 West 49th Street, Hialeah",
        "aliases": ["sedano's", "sedano's on forty nine"],
    },
    {
        "id": 4,
        "label": "Karen's House",
        "address": "9 Glen Way",
        "aliases": ["karen's", "my daughter's"],
    },
    {"id": 5, "label": "Boots", "address": "75 High Street", "aliases": ["the chemist"]},
    {
        "id": 6,
        "label": "St. Hyacinth Basilica",
        "address": "3636 West Wolfram Street",
        "aliases": ["st hyacinth", "the basilica"],
    },
]
CONTACTS = [
    {"name": "Karen", "relation": "daughter"},
    {"name": "Tomasz", "relation": "son"},
]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "建国路58号", "aliases": ["家里", "我家"], "is_home": 1},
    {"id": 2, "label": "人民医院", "address": "解放路30号", "aliases": ["医院"]},
    {"id": 3, "label": "永辉超市", "address": "解放大道100号", "aliases": ["超市"]},
    {"id": 4, "label": "女儿家", "address": "柯桥区笛扬路7幢", "aliases": ["闺女家"]},
    {"id": 5, "label": "东关清真大寺", "address": "东关大街25号", "aliases": ["清真寺", "大寺"]},
    {
        "id": 6,
        "label": "金砂街道长者服务中心",
        "address": "金平区金砂街道金砂社区居委会",
        "aliases": ["长者中心"],
    },
    {"id": 7, "label": "府山社区老年活动室", "address": "府山街道服务中心", "aliases": ["活动室"]},
]
CHINESE_CONTACTS = [
    {"name": "陈丽娟", "relation": "daughter"},
    {"name": "马海军", "relation": "son"},
]

english = speaker("en", PLACES, CONTACTS, now=NOW, timezone="America/New_York")
chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, now=NOW, timezone="Asia/Shanghai")


def heard(text):
    return english(text) if text.isascii() else chinese(text)


@pytest.mark.parametrize(
    "text",
    [
        "the walgreens on forty nine street",
        "twelve ten west sixty two street hialeah",
        "the bakery on thirty third street",
        "the walgreens on twenty second street",
        "take me to four hundred west fifty first street",
    ],
)
def test_a_numbered_street_not_the_presets_is_no_preset(text):
    assert where(heard(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("take me home to twenty fifth street", "Home"),
        ("sedano's on forty nine", "Sedano's Supermarket"),
        ("the chemist on high street", "Boots"),
        ("the hospital in hialeah", "Palmetto General Hospital"),
        ("up the hialeah hospital", "Palmetto General Hospital"),
        ("sedano's on forty nine street", "Sedano's Supermarket"),
        ("i want to go down high street do a bit of shopping the chemist like", "Boots"),
    ],
)
def test_a_preset_on_its_own_street_is_found(text, label):
    assert where(heard(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "hialeah hospital the one near my house on twenty fifth",
        "the basilica of our lady of sorrows on the west side for the novena",
        "mercy hospital please",
        "hialeah hospital",
        "the basilica of saint adalbert",
        "南关 清真寺 去 俩",
        "去 西关 清真寺",
        "北大 寺 去 一趟",
    ],
)
def test_another_place_of_a_presets_kind_is_no_preset(text):
    assert where(heard(text)) is None


@pytest.mark.parametrize(
    "text",
    ["call basia please my daughter", "ring karen for me please", "can you phone my son"],
)
def test_a_call_asked_for_is_a_family_call(text):
    assert heard(text).kind == "family"


@pytest.mark.parametrize(
    "text",
    [
        "寺 里 不 去 了 家里 回 俩",
        "超市 不 去 了 回 家",
        "not the hospital, take me home",
    ],
)
def test_the_place_asked_for_wins_over_the_one_refused(text):
    assert where(heard(text)) in {"家", "Home"}


@pytest.mark.parametrize(
    "text",
    [
        "丫头 家里 去 俩",
        "去 姐姐 家里",
        "去 老 姑娘 家里",
        "去家乐福买东西",
        "去家具城",
        "去家电城",
        "去家属院",
        "susan asked me to come round to her house",
        "my neighbour wants me round at her house",
    ],
)
def test_someone_elses_home_or_a_name_with_jia_is_not_home(text):
    assert where(heard(text)) not in {"家", "Home"}


@pytest.mark.parametrize("text", ["that's home please", "home please, that's home"])
def test_a_home_word_said_with_no_owner_is_home(text):
    assert where(heard(text)) == "Home"


@pytest.mark.parametrize(
    "text",
    [
        "my other daughter's",
        "my younger daughter's",
        "take me to my eldest daughter's",
        "my youngest daughter's please",
        "去 小 闺女 家",
        "闺女叫我去她婆婆家",
        "闺女叫我去她同事家",
        "儿子 叫 我 去 他 丈母娘 家",
        "去 大 女儿 家",
    ],
)
def test_a_daughter_told_apart_or_her_kin_is_no_preset(text):
    assert where(heard(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("my daughter's please", "Karen's House"),
        ("去 闺女 家", "女儿家"),
        ("闺女叫我去她家", "女儿家"),
    ],
)
def test_the_saved_daughter_is_still_found(text, label):
    assert where(heard(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "the hospital cancelled my appointment",
        "the hospital rang to say my appointment's moved",
        "the chemist phoned about my pills",
        "医院 打 电话 说 检查 取消 了",
    ],
)
def test_a_place_that_did_something_is_not_asked_for(text):
    assert where(heard(text)) is None


@pytest.mark.parametrize("text", ["去 金砂 街道 办 办 证", "去 金砂 街道 办事处", "去 街道 办"])
def test_a_sub_district_office_is_not_the_centre_on_it(text):
    assert where(heard(text)) is None


def test_the_activity_room_said_with_who_plays_there_is_the_activity_room():
    text = "去 活动 室 嗯 就是 府山 那个 伢 老头子 下棋 个 地方"
    assert where(heard(text)) == "府山社区老年活动室"


@pytest.mark.parametrize(
    ("text", "label"),
    [("解放路的医院", "人民医院"), ("去 解放 大道 那个 超市", "永辉超市")],
)
def test_a_kind_said_on_the_road_finds_the_preset_there(text, label):
    assert where(heard(text)) == label


@pytest.mark.parametrize(
    "text", ["twelve ten west sixty two street hialeah", "four twenty east 49 street"]
)
def test_a_house_number_on_a_numbered_street_is_an_address_not_a_time(text):
    intent = heard(text)
    assert (intent.kind, intent.when) == ("address", None)


@pytest.mark.parametrize(
    "text",
    ["去 家润多", "去家润多买东西", "去 家家乐", "去 家世界 买 点 菜", "到 家和 超市", "家润多 去"],
)
def test_jia_starting_another_name_after_qu_is_not_home(text):
    assert where(heard(text)) != "家"


@pytest.mark.parametrize(
    "text", ["去 家里", "到 家 去", "家里 去 俩", "俺 要 家 走", "回 家 了", "去 家 吧"]
)
def test_jia_said_alone_is_still_home(text):
    assert where(heard(text)) == "家"


@pytest.mark.parametrize(
    "text",
    [
        "去 我 干女儿 家",
        "去 干 闺女 家",
        "去 干儿子 家",
        "去 干妈 家",
        "去 表姐 家",
        "my step daughter's",
    ],
)
def test_godkin_stepkin_or_cousins_home_is_not_the_saved_daughters(text):
    assert where(heard(text)) is None


ATLANTA_PLACES = [
    {
        "id": 1,
        "label": "Home",
        "address": "412 West 14th Street NW, Atlanta",
        "aliases": ["home", "fourteenth street"],
        "is_home": 1,
    },
    {"id": 3, "label": "Kroger", "address": "725 Ponce de Leon Avenue", "aliases": ["kroger"]},
    {
        "id": 4,
        "label": "7-Eleven",
        "address": "1120 West Peachtree Street",
        "aliases": ["7-Eleven", "the corner store"],
    },
    {"id": 7, "label": "Dr. Patel", "address": "310 East 10th Street", "aliases": ["the doctor"]},
]
atlanta = speaker("en", ATLANTA_PLACES, CONTACTS, now=NOW, timezone="America/New_York")


@pytest.mark.parametrize(
    "text",
    [
        "take me to the fourteen street kroger",
        "take me to the seven eleven on fourteenth street",
        "the walgreens on fourteenth street",
        "east fourteenth street",
        "east fourteen street",
        "one fourteen street",
        "ten fourteen street",
        "four hundred fourteen street",
        "three ten east ten avenue",
    ],
)
def test_a_presets_numbered_street_said_of_another_place_end_or_house_is_not_the_preset(text):
    assert where(atlanta(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("fourteenth street", "Home"),
        ("take me to fourteenth street", "Home"),
        ("west fourteenth street please", "Home"),
        ("four twelve west fourteenth street", "Home"),
        ("three ten east tenth street", "Dr. Patel"),
    ],
)
def test_a_presets_own_numbered_street_or_address_is_the_preset(text, label):
    assert where(atlanta(text)) == label


@pytest.mark.parametrize(
    "text", ["你 是 哪个", "侬 是 啥人", "您 是 哪位", "行行 好 帮 我 叫 车", "好心 帮 我 叫 个 车"]
)
def test_who_are_you_or_a_plea_is_no_yes(text):
    assert heard(text).kind != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "哪个 都 行",
        "哪个 都 可以",
        "哪个 都 好",
        "哪个 车 都 行 快 点",
        "好 的 哪个 时候 都 行",
        "谁 都 可以",
    ],
)
def test_any_one_will_do_is_a_yes(text):
    assert heard(text).kind == "yes"


@pytest.mark.parametrize("text", ["是 的", "行", "好 的 就 这样", "行 行 行"])
def test_a_plain_yes_is_still_yes(text):
    assert heard(text).kind == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "到 家 门口",
        "去 家 门口",
        "到 我 家 门口",
        "送 我 到 家 门口 就 行",
        "到 家 楼下",
        "到 家 楼 下",
        "到 我 家 楼 下",
        "明天 送 我 到 家 楼 下",
        "到 家 楼 上",
        "到 家 楼 底下 接 我",
        "到 家 小区",
        "去 家 小区 门口",
        "到 家 休息",
        "到 家 等 我",
        "到 家 就 行",
    ],
)
def test_jia_followed_by_a_part_of_home_a_verb_or_a_time_is_home(text):
    assert where(heard(text)) == "家"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("take me to four twelve west fourteenth street northwest", "Home"),
        ("412 west fourteenth street northwest please", "Home"),
        ("take me to fourteenth street northwest", "Home"),
        ("take me to 412 14th street", "Home"),
        ("take me to four twelve fourteenth street", "Home"),
        ("four twelve fourteenth street northwest", "Home"),
    ],
)
def test_the_presets_own_house_number_and_quadrant_on_its_numbered_street_is_the_preset(
    text, label
):
    assert where(atlanta(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "去 家润多",
        "去 家 世界",
        "到 家乐福 门口",
        "去 家具城 门口",
        "到 家属院 楼下",
        "去 家家乐 超市",
    ],
)
def test_a_name_starting_with_jia_followed_by_a_place_part_is_not_home(text):
    assert where(heard(text)) != "家"


@pytest.mark.parametrize(
    "text",
    [
        "ten fourteen street northwest",
        "east fourteenth street northwest",
        "five twelve fourteenth street",
    ],
)
def test_another_house_or_end_of_the_presets_numbered_street_is_still_not_the_preset(text):
    assert where(atlanta(text)) is None
