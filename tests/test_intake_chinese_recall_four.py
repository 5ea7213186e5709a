"""Chinese callers' requests set N missed, tested with sentences written here in other dialects and
towns: the usual place of a kind (平常去的那个菜场), a preset by its street with a regional measure
word (那只医院, 嗰间超市), a visit where a relative lives (去看孙子在南康那里, 去南岸看我外孙), a
relative's home named in dialect (幺女家), and answers said the regional way (系, 不对头, 几时来,
第三只)."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "江西省南昌市东湖区象山北路12号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "江西省人民医院",
        "address": "江西省南昌市东湖区爱国路152号",
        "aliases": ["省人民医院"],
    },
    {
        "id": 3,
        "label": "绳金塔菜市场",
        "address": "江西省南昌市西湖区绳金塔街5号",
        "aliases": ["菜市场"],
    },
    {
        "id": 4,
        "label": "洪客隆超市",
        "address": "江西省南昌市西湖区中山路300号",
        "aliases": ["洪客隆"],
    },
    {
        "id": 5,
        "label": "满女家",
        "address": "江西省南昌市青山湖区湖滨东路66号阳光小区",
        "aliases": ["阳光小区"],
    },
    {"id": 6, "label": "佑民寺", "address": "江西省南昌市东湖区民德路181号", "aliases": []},
]
CONTACTS = [
    {"name": "王丽华", "relation": "daughter"},
    {"name": "王建军", "relation": "son"},
]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 买 点 肉 就是 我 经常 去 的 那家 菜市场", "绳金塔菜市场"),
        ("平时 去 的 那个 超市", "洪客隆超市"),
        ("带 我 去 我 老 去 的 那个 寺 烧 香", "佑民寺"),
        ("想 去 称 点 排骨 就是 平常 去 的 那个 菜市场", "绳金塔菜市场"),
    ],
)
def test_the_usual_place_of_a_kind_is_the_one_preset_of_it(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "八一 广场 那边 我 平常 去 的 那个 超市",
        "南京路 我 平常 去 的 那个 菜市场",
        "去 我 平常 去 的 那个 公园",
    ],
)
def test_the_usual_place_said_somewhere_else_or_of_a_kind_not_preset_is_none(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("老弟 叫 只 车 去 爱国路 那 只 医院", "江西省人民医院"),
        ("去 中山路 嗰 间 超市", "洪客隆超市"),
        ("民德路 那 只 寺", "佑民寺"),
    ],
)
def test_a_preset_by_its_street_with_a_regional_measure_word(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize("text", ["去 胜利路 那 只 医院", "去 叠山路 嗰 间 超市"])
def test_another_street_with_a_regional_measure_word_names_none(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 看 外孙 在 丽华 那 哒", "满女家"),
        ("去 看 外孙女 在 阳光 小区 那里", "满女家"),
        ("我 要 去 阳光 小区 看 我 外孙", "满女家"),
        ("送 我 到 我 女儿 家", "满女家"),
        ("去 丽华 那里", "满女家"),
        ("女儿 喊 我 吃 饭 切 她 屋头", "满女家"),
    ],
)
def test_a_visit_where_a_relative_lives_is_the_relatives_home(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "去 看 孙子 在 学校 那里",
        "去 看 老 同学 在 八一 公园",
        "去 看 外孙 在 他 奶奶 家",
        "去 看 孙子 在 家",
        "去 看 外孙 在 家里 那边",
    ],
)
def test_a_visit_where_no_preset_is_names_none(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("系 啊 系 啊", "yes"),
        ("系 嘞 就 系 那 只", "yes"),
        ("不 对 头 不 对 头", "no"),
        ("不 是 这样 的 不 对 劲", "no"),
        ("先 莫 叫 车 我 再 寻思 一下", "no"),
        ("别 叫 了", "no"),
        ("几 时 来 嘛", "status"),
        ("多咱 来 啊 等 老 半天 了", "status"),
    ],
)
def test_answers_said_the_regional_way(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    ("text", "choice"), [("第 二 间", 2), ("就 第 一 家 吧", 1), ("头 一 部", 1), ("第 四 只", 4)]
)
def test_an_ordinal_with_a_regional_measure_word_is_a_menu_choice(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


@pytest.mark.parametrize("text", ["三 只", "两 间"])
def test_a_count_without_an_ordinal_is_no_menu_choice(text):
    assert chinese(text).kind != "menu"


@pytest.mark.parametrize("text", ["没 关系", "那 只 是 我 随便 说 的"])
def test_mandarin_words_holding_xi_or_zhi_are_read_as_they_are(text):
    assert chinese(text).kind != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "我 平常 去 的 那个 超市 关门 了 去 别 的",
        "平常 去 的 那个 菜市场 没得卖 的 去 别家",
        "平时 去 的 那个 医院 太远 了 去 近 一点 的",
        "平常 去 的 那个 医院 挂不到号",
        "我 老 去 的 那家 超市 今天 不开门",
        "经常 去 的 那个 寺 搬走 了",
        "平常 去 的 那个 超市 关 了",
    ],
)
def test_the_usual_place_turned_down_is_not_where_to(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["我 系讲 明天", "我 系话 明天", "我 讲 的 是 明天"])
def test_i_mean_said_the_regional_way_is_a_restatement_not_a_yes(text):
    intent = chinese(text)
    assert (intent.kind, intent.when is not None) == ("time", True)
