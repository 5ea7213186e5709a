"""Chinese callers' turns set M missed, tested with sentences written here: regional words for home,
what, say, cold weather, yes and no (潮汕、青海、吴语), a relative found or a person asked for in
north-western word order, a menu number pointed at with 的, and a place agreed to that is none of
theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "广东省潮州市湘桥区西荣路12号", "aliases": ["厝"]},
    {
        "id": 2,
        "label": "潮州市中心医院",
        "address": "广东省潮州市湘桥区环城西路84号",
        "aliases": ["中心医院"],
    },
    {"id": 3, "label": "开元寺", "address": "广东省潮州市湘桥区开元路32号", "aliases": ["寺"]},
    {"id": 4, "label": "女儿家", "address": "广东省潮州市枫溪区枫春路8号", "aliases": ["阿珠厝"]},
]
CONTACTS = [
    {"name": "陈阿珠", "relation": "daughter"},
    {"name": "陈志伟", "relation": "son"},
    {"name": "陈佳佳", "relation": "granddaughter"},
]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize("text", ["返 厝", "我 要 返 厝 了", "返 家 啦"])
def test_going_back_to_the_house_in_teochew_is_home(text):
    assert where(chinese(text)) == "家"


@pytest.mark.parametrize("text", ["你 呾 乜 个", "伊 呾 乜 个 啊", "你 讲 脉 个"])
def test_what_did_you_say_in_teochew_and_hakka_asks_again(text):
    assert chinese(text).kind == "repeat"


@pytest.mark.parametrize("text", ["唔 是 唔 着 啦", "唔 系", "毋 着"])
def test_not_so_in_teochew_and_cantonese_is_no(text):
    assert chinese(text).kind == "no"


@pytest.mark.parametrize("text", ["哦呀 订 上", "哦呀 哦呀"])
def test_oya_in_qinghai_is_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text",
    ["今朝 个 天 介 冷 个", "今日 天时 真 寒", "今日 个 天 咁 冻", "今朝 天时 好 冷 个"],
)
def test_a_remark_on_the_weather_in_wu_and_min_is_no_time(text):
    intent = chinese(text)
    assert intent.kind == "unknown"
    assert intent.when is None


@pytest.mark.parametrize("text", ["喂 喂 侬 是", "喂 你 是", "您 是"])
def test_asking_who_the_line_is_is_no_yes(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "我 孙女子 佳佳 哈 找 给 下",
        "我 儿子 志伟 找 一下",
        "帮 我 找 我 孙女 佳佳",
        "给 我 找 我 女儿",
    ],
)
def test_a_relative_named_before_or_after_finding_is_a_call(text):
    assert chinese(text).kind == "family"


@pytest.mark.parametrize(
    "text",
    ["人 哈 叫 来 机器 跟前 我 说 不 清", "人 喊 过来", "跟 电脑 讲 不 明白", "机器 我 说 不 来"],
)
def test_a_person_asked_for_first_or_the_machine_given_up_on_is_the_operator(text):
    assert chinese(text).kind == "operator"


@pytest.mark.parametrize(("text", "choice"), [("二 号 的", 2), ("第 三 个 的", 3)])
def test_a_menu_number_pointed_at_with_de_is_chosen(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


@pytest.mark.parametrize("text", ["西湖 公园 行 行", "人民 公园 好 的", "百货 大楼 可以"])
def test_a_place_none_of_theirs_agreed_to_is_no_yes(text):
    intent = chinese(text)
    assert intent.kind in ("address", "unknown")
    assert intent.place is None


TOWN = [
    {"id": 11, "label": "家", "address": "浙江省宁波市海曙区解放路5号", "aliases": ["解放路"]},
    {
        "id": 12,
        "label": "女儿家",
        "address": "浙江省宁波市江北区湖西路金色小区",
        "aliases": ["阿囡屋里"],
    },
    {
        "id": 13,
        "label": "儿子家",
        "address": "浙江省宁波市鄞州区东湖花园8幢",
        "aliases": ["东湖花园"],
    },
    {
        "id": 14,
        "label": "白马桥农贸市场",
        "address": "浙江省宁波市海曙区白马桥旁",
        "aliases": ["菜场"],
    },
    {"id": 15, "label": "天宁寺", "address": "浙江省宁波市海曙区中山西路", "aliases": ["天宁寺庙"]},
    {
        "id": 16,
        "label": "百姓大药房",
        "address": "浙江省宁波市海曙区解放路70号",
        "aliases": ["百姓药店"],
    },
    {"id": 17, "label": "江厦市场", "address": "浙江省宁波市海曙区江厦街", "aliases": ["江厦菜市"]},
    {
        "id": 18,
        "label": "宁波市第二医院",
        "address": "浙江省宁波市海曙区柳汀街41号",
        "aliases": ["二院"],
    },
]
FAMILY = [
    {"name": "王丽萍", "relation": "daughter"},
    {"name": "王建国", "relation": "son"},
    {"name": "李美华", "relation": "daughter-in-law"},
]

local = speaker("zh", TOWN, FAMILY, now=NOW, menu_size=len(TOWN))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("丽萍 厝", "女儿家"),
        ("到 丽萍 家里 去 外孙 放假 了", "女儿家"),
        ("去 丽萍 那里", "女儿家"),
        ("美华 那里 嘛 我 儿 媳妇", "儿子家"),
        ("到 美华 家里 去", "儿子家"),
    ],
)
def test_a_relative_named_with_a_home_word_is_her_home(text, label):
    assert where(local(text)) == label


@pytest.mark.parametrize(
    "text", ["去 美华 她 妈 那里", "去 儿媳妇 娘家", "去 丽萍 老家", "去 女婿 家"]
)
def test_a_relatives_parents_or_old_home_is_not_her_home(text):
    assert where(local(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("天宁 个 寺 里 拜 菩萨 去", "天宁寺"),
        ("白马桥 边 个 菜场", "白马桥农贸市场"),
        ("白马桥 那边 的 菜场", "白马桥农贸市场"),
        ("柳汀 那点 那个 医院 嘛", "宁波市第二医院"),
        ("去 菜市场 江厦 那个", "江厦市场"),
        ("就是 那个 百姓 药房 解放 路 上 的", "百姓大药房"),
        ("天宁寺 去 俩", "天宁寺"),
    ],
)
def test_a_preset_by_its_street_or_landmark_in_regional_order(text, label):
    assert where(local(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "人民桥 边 个 菜场",
        "去 菜市场 东门 那个",
        "百姓 药房 中山 路 上 的",
        "鼓楼 那点 那个 医院",
        "七塔 个 寺",
    ],
)
def test_a_street_or_landmark_not_the_presets_names_none(text):
    assert where(local(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [("我 儿子 跟前 去 俩", "儿子家"), ("丽萍 跟前 去", "女儿家"), ("建国 跟前 去 俩", "儿子家")],
)
def test_going_up_to_a_relative_in_the_north_west_is_her_home(text, label):
    assert where(local(text)) == label
