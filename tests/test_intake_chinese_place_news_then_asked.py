"""Chinese callers who tell news of a place and then ask to go ("步步高鸡蛋涨价了 我也要去买 派车",
"湘雅打电话来了 叫我今天去 帮我叫个车", "省立医院门口停就行 送我去"): the news cancels only
itself, and the request after it is a trip to the place; news alone is still no trip."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "岳麓区桃子湖路17号", "aliases": ["我家"]},
    {"id": 2, "label": "湘雅医院", "address": "开福区湘雅路87号", "aliases": ["湘雅"]},
    {"id": 3, "label": "步步高超市", "address": "岳麓区枫林三路", "aliases": ["步步高"]},
    {"id": 4, "label": "儿子家", "address": "雨花区劳动东路139号", "aliases": []},
    {"id": 5, "label": "省立医院", "address": "济南市槐荫区经五纬七路324号", "aliases": ["省立"]},
]
CONTACTS = [{"name": "谭志强", "relation": "儿子"}, {"name": "谭小梅", "relation": "孙女"}]
NOW = datetime.datetime(2026, 12, 6, 1, 30, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("湘雅打电话来了 叫我今天去 帮我叫个车", "湘雅医院"),
        ("湘雅打电话来了 要我去", "湘雅医院"),
        ("湘雅那边打电话来了 说要复查 派车", "湘雅医院"),
        ("省立打电话来了 叫我去 派个车", "省立医院"),
    ],
)
def test_a_place_that_rang_and_a_request_is_a_trip_there(text, label):
    intent = chinese(text)
    assert intent.kind == "place"
    assert where(intent) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("省立医院门口停就行 送我去", "省立医院"),
        ("湘雅门口停车 送我过去", "湘雅医院"),
        ("湘雅门口停 你送我", "湘雅医院"),
        ("在步步高门口停 送我去", "步步高超市"),
        ("步步高鸡蛋涨价了 我也要去买 派车", "步步高超市"),
        ("菜涨价了 去步步高", "步步高超市"),
    ],
)
def test_where_to_stop_or_a_price_then_a_request_is_a_trip_there(text, label):
    intent = chinese(text)
    assert intent.kind == "place"
    assert where(intent) == label


@pytest.mark.parametrize(
    "text",
    [
        "湘雅打电话来了",
        "步步高的鸡蛋又涨价了",
        "公交车在湘雅门口停",
        "步步高鸡蛋涨价了 我不去了",
    ],
)
def test_news_alone_is_no_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "志强住院了在湘雅 你送我过去",
        "志强 住院 了 在 湘雅 你 送 我 过去",
        "志强住院了在湘雅 送我去那儿",
        "小梅 在 湘雅 住院 送 我 去 那里",
    ],
)
def test_the_son_in_hospital_then_take_me_there_is_the_hospital_not_his_home(text):
    assert where(chinese(text)) == "湘雅医院"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("志强 在 湘雅医院 上班 送 我 去", "湘雅医院"),
        ("志强在湘雅医院上班 送我过去", "湘雅医院"),
        ("小梅 在 步步高超市 买 东西 送 我 去 那里", "步步高超市"),
    ],
)
def test_what_the_relative_does_there_is_no_part_of_the_place(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text", ["我在湘雅 送我过去", "我 在 湘雅医院 拿药 送 我 过去", "俺在步步高 你送俺去那儿"]
)
def test_where_the_caller_is_then_take_me_there_is_no_place(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [("我在家 送我去湘雅", "湘雅医院"), ("我在湘雅 志强在步步高 送我过去", "步步高超市")],
)
def test_where_the_caller_is_and_another_place_asked_is_that_place(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "送我去步步高 志强叫我去的",
        "送我去步步高志强叫我去的",
        "去 步步高 我 儿子 让 我 去 的",
        "送我去步步高 他叫我去的",
    ],
)
def test_a_relative_who_told_me_to_go_after_the_place_is_no_place(text):
    assert where(chinese(text)) == "步步高超市"


# A red team's 500 lines on the rule above: it took every 在X …送我过去 as a ride to X, even
# when the ride was declined, someone else drives, the caller is there, or X is only near where
# they are: 27 wrong places.
@pytest.mark.parametrize(
    "text",
    [
        "志强在湘雅上班不用送我过去",
        "志强 在 湘雅 上班 不用 送 我 过去",
        "小梅在湘雅上班别送我过去",
        "志强在湘雅上班他会送我过去",
        "小梅 在 湘雅 上班 他 会 送 我 过去",
        "我正在湘雅送我过去",
        "我 就 在 湘雅 送 我 过去",
        "我就在湘雅附近送我过去",
        "我现在在步步高 送我过去",
    ],
)
def test_a_declined_ride_a_relative_gone_or_the_caller_there_is_no_place(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["志强住在湘雅附近送我过去", "志强 住 在 湘雅 旁边 送 我 过去"])
def test_near_a_place_is_never_that_place(text):
    assert where(chinese(text)) != "湘雅医院"
    assert chinese(text).address is None


# Read before this rule as a ride to him (his home, as before it), never to where he no longer is.
@pytest.mark.parametrize("text", ["志强不在湘雅了送我过去", "志强 不 在 湘雅 了 送 我 过去"])
def test_where_a_relative_no_longer_is_is_no_ride_there(text):
    assert where(chinese(text)) != "湘雅医院"
