"""Chinese callers' words set AB missed, tested with sentences written here: 好 as "very" before a
taste, a windy day, a dialect "don't come, not going", news of a place or of someone else's trip,
and asks lost in what goes around them."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {
        "id": 1,
        "label": "家",
        "address": "甘肃省兰州市城关区张掖路街道庆阳路66号3号楼",
        "aliases": ["屋里", "庆阳路"],
    },
    {
        "id": 2,
        "label": "兰大二院",
        "address": "甘肃省兰州市城关区萃英门82号",
        "aliases": ["二院", "医院"],
    },
    {
        "id": 3,
        "label": "白塔山公园",
        "address": "甘肃省兰州市城关区白塔山公园",
        "aliases": ["白塔山", "公园"],
    },
    {
        "id": 4,
        "label": "秀兰家",
        "address": "甘肃省兰州市七里河区西津西路120号",
        "aliases": ["女子家", "秀兰那"],
    },
    {
        "id": 5,
        "label": "国芳百货",
        "address": "甘肃省兰州市城关区东方红广场国芳百货",
        "aliases": ["国芳", "商场"],
    },
]
CONTACTS = [
    {"name": "马秀兰", "relation": "daughter"},
    {"name": "马建国", "relation": "son"},
    {"name": "老韩", "relation": "friend"},
]
NOW = datetime.datetime(2026, 12, 21, 1, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai", menu_size=5)


@pytest.mark.parametrize(
    "text",
    [
        "今年 的 西瓜 好 甜",
        "今年的西瓜好甜",
        "这 家 的 牛肉面 好 吃 得 很",
        "这家的牛肉面好吃得很",
        "孙子 买 的 花 好 香",
        "她 穿 的 衣服 好 看",
    ],
)
def test_hao_as_very_before_a_taste_or_a_look_is_no_yes(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize("text", ["好", "好 的", "好 吧", "好 啊 就 这样"])
def test_hao_alone_is_still_a_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text", ["今日 好 大 风 啊", "今天好大风啊", "今天 很 大 雨", "今儿 好 大 雪 哦"]
)
def test_a_windy_day_is_small_talk_not_a_time(text):
    assert chinese(text).kind == "unknown"


def test_a_ride_asked_on_a_windy_day_still_has_its_time():
    intent = chinese("今天 好 大 风 下午 三点 送 我 去 二院")
    assert (intent.kind, where(intent)) == ("place", "兰大二院")
    assert intent.when is not None


@pytest.mark.parametrize(
    "text",
    [
        "莫 来 了 不 去 了",
        "莫来了不去了",
        "嫑 来 了 不 去 了",
        "嫑来了我不去了",
        "别 来 了 我 不 去 了",
        "你们 甭 来 了 不 去 了",
    ],
)
def test_dont_come_and_not_going_cancels_in_dialect(text):
    assert chinese(text).kind == "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "老韩 住 到 二院 了",
        "老韩住到二院了",
        "建国 住 进 二院 了",
        "秀兰 住 到 白塔山 那边 了",
    ],
)
def test_someone_staying_at_a_place_is_news_not_a_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "白塔山 过年 人 多 得 很",
        "白塔山过年人多得很",
        "国芳 周末 人 好 多",
        "二院 人 多 不 多",
    ],
)
def test_a_crowd_at_a_place_is_a_remark_not_a_trip(text):
    assert where(chinese(text)) is None


def test_a_crowd_then_a_ride_asked_still_goes_there():
    assert where(chinese("白塔山 人 多 得 很 我 也 要 去 派 个 车")) == "白塔山公园"


@pytest.mark.parametrize(
    "text", ["国芳 黄 了 没 有 啊", "国芳黄了没有", "听说 国芳 黄 了", "国芳 倒闭 了 吗"]
)
def test_a_shop_gone_bust_is_news_not_a_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "建国 今儿 领 孩子 上 白塔山 公园 了",
        "建国今儿领孩子上白塔山公园了",
        "秀兰 带 孙子 去 国芳 了",
        "老韩 领着 老伴 上 二院 了",
    ],
)
def test_someone_taking_another_along_is_their_trip(text):
    assert where(chinese(text)) is None
