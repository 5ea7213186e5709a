"""Turns that booked a preset the caller did not mean, each tested as a class with sentences written
here: where the caller is said before where to, a place described by what a relative does there, a
ride asked for someone else, another kind of place on a preset's street, trouble at a place, a plan
whose driver cannot come, a house beside home, another place at a preset's street or district, an
office or a numbered hospital named after a preset's name, and a place denied with 不是去."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 6, 15, 0, tzinfo=datetime.UTC)
PLACES = [
    {
        "id": 1,
        "label": "Home",
        "address": "14 Clive Street, Grangetown, Cardiff",
        "aliases": ["home", "clive street", "my flat"],
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "University Hospital of Wales",
        "address": "Heath Park, Cardiff",
        "aliases": ["the heath", "the hospital"],
    },
    {
        "id": 3,
        "label": "Boots Canton",
        "address": "12 The Parade, Canton, Cardiff",
        "aliases": ["the chemist", "boots", "the parade chemist"],
    },
    {"id": 4, "label": "Gareth's House", "address": "5 Penarth Road", "aliases": ["gareth's"]},
    {
        "id": 5,
        "label": "St Paul's Church",
        "address": "Paget Street, Grangetown, Cardiff",
        "aliases": ["the church", "st paul's"],
    },
]
CONTACTS = [
    {"name": "Gareth", "relation": "son"},
    {"name": "Bethan", "relation": "daughter"},
]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "洛阳市老城区西大街88号", "aliases": ["屋里", "西大街"]},
    {
        "id": 2,
        "label": "河科大一附院",
        "address": "洛阳市涧西区景华路24号",
        "aliases": ["河科大", "一附院"],
    },
    {"id": 3, "label": "东关菜市场", "address": "洛阳市老城区东关大街", "aliases": ["菜市场"]},
    {"id": 4, "label": "女儿家", "address": "洛阳市涧西区天津路6号", "aliases": ["涧西", "丽华家"]},
    {"id": 5, "label": "老干部活动中心", "address": "洛阳市西工区中州路9号", "aliases": ["老干部"]},
]
CHINESE_CONTACTS = [{"name": "王丽华", "relation": "daughter"}]

english = speaker("en", PLACES, CONTACTS, now=NOW, timezone="Europe/London")
chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, now=NOW, timezone="Asia/Shanghai")


def heard(text):
    return english(text) if text.isascii() else chinese(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i'm up the heath now cariad i want to get home to grangetown", "Home"),
        ("i'm sat in boots waiting, take me home", "Home"),
        ("i'm down the hospital, can you get me back to gareth's", "Gareth's House"),
    ],
)
def test_where_the_caller_is_said_first_is_not_where_to(text, label):
    assert where(english(text)) == label


@pytest.mark.parametrize(
    "text", ["i'm stuck at boots and me feet are killing me", "i'm waiting at the church love"]
)
def test_where_the_caller_is_alone_is_no_destination(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "the marina where gareth moors his boat",
        "the boatyard where my son fixes boats",
        "down to the lock up where gareth keeps his tools",
        "the allotment where gareth grows his leeks",
    ],
)
def test_a_place_described_by_what_a_relative_does_there_is_not_their_house(text):
    assert where(english(text)) is None


def test_where_a_relative_lives_is_still_their_house():
    assert where(english("over to where gareth lives")) == "Gareth's House"


def test_a_preset_described_by_what_a_relative_does_there_is_still_it():
    assert where(english("the chemist where my son gets his prescriptions")) == "Boots Canton"


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour she need car to the heath i ring for her",
        "the hospital please i'm calling for my husband",
        "my sister want taxi to st paul's",
    ],
)
def test_a_ride_for_someone_else_books_no_preset(text):
    intent = english(text)
    assert where(intent) is None
    assert intent.for_someone_else


@pytest.mark.parametrize(
    "text",
    [
        "the optician's on the parade",
        "the doctor's over on the parade",
        "the dentist on the parade",
    ],
)
def test_another_kind_of_place_on_a_presets_street_is_not_the_preset(text):
    assert where(english(text)) is None


@pytest.mark.parametrize("text", ["the chemist on the parade", "boots on the parade"])
def test_the_presets_own_kind_on_its_street_is_the_preset(text):
    assert where(english(text)) == "Boots Canton"


@pytest.mark.parametrize(
    "text",
    [
        "the lift's broken again in my flat",
        "the heating isn't working at the church",
        "the toilets are out of order up the hospital",
    ],
)
def test_trouble_at_a_place_asks_for_no_ride_there(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "i'm supposed to go to the heath but bethan can't take me",
        "i'm supposed to see gareth but his car broke down",
    ],
)
def test_a_plan_whose_driver_cannot_come_books_nothing(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    ["the house next door on clive street", "the flat across the road from mine on clive street"],
)
def test_a_house_beside_home_is_not_home(text):
    assert where(english(text)) is None


def test_home_from_next_door_is_home():
    assert where(english("take me home from next door")) == "Home"


@pytest.mark.parametrize(
    "text",
    [
        "西大街 那头 渡口 坐 船",
        "涧西 那个 电脑城 修 电脑",
        "涧西 建材城 看 瓷砖",
        "西大街 那个 修鞋 铺 补 鞋",
        "去 老干部 局 交 材料",
        "去 老干部 处 盖 个 章",
        "去 河科大 三 附院",
        "去 河科大 附属 二 院",
    ],
)
def test_another_place_named_after_a_presets_name_street_or_district_is_not_it(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 河科大 一附院", "河科大一附院"),
        ("去 老干部 下棋", "老干部活动中心"),
        ("去 涧西 丽华 那", "女儿家"),
        ("不 是 去 医院 是 去 菜市场", "东关菜市场"),
    ],
)
def test_a_preset_said_with_its_own_words_is_still_it(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "去 超市 买 点 菜 不 是 去 医院",
        "一附院 旁边 那个 药店 买 药 不 是 去 医院 哈",
        "去 取 钱 不 是 到 一附院",
    ],
)
def test_a_place_denied_with_not_going_there_is_not_booked(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 老干部 哎 不 是 去 菜市场", "东关菜市场"),
        ("菜市场 不 是 不 是 上 一附院", "河科大一附院"),
    ],
)
def test_not_said_with_no_errand_before_it_corrects_to_the_place_after(text, label):
    assert where(chinese(text)) == label
