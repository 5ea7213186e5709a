"""Chinese callers who talk about one of their own places without asking to go (issue 29, Speech
II): when it closes, news of it, a bus stop by it, a trip there in doubt or someone from it gets
no place; a ride asked for after it keeps its own."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "长沙市岳麓区桐梓坡路6号", "aliases": ["屋里"]},
    {"id": 2, "label": "湘雅医院", "address": "长沙市开福区湘雅路87号", "aliases": ["湘雅"]},
    {"id": 3, "label": "步步高超市", "address": "长沙市岳麓区", "aliases": ["步步高"]},
    {"id": 4, "label": "望月湖菜市场", "address": "长沙市岳麓区", "aliases": ["菜市场"]},
    {"id": 5, "label": "老年活动中心", "address": "长沙市岳麓区", "aliases": ["活动中心"]},
]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, (), now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "湘雅 几 点 下班",
        "医院 几 点 下班 啊",
        "步步高 的 鸡蛋 又 涨价 了",
        "菜市场 的 肉 涨价 了",
        "公交车 在 湘雅 门口 停",
        "二路 车 在 菜市场 门口 停",
    ],
)
def test_talk_of_a_place_is_no_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "湘雅 的 护士 要 来",
        "湘雅 的 医生 要 来 看 我",
        "活动 中心 的 人 要 来 家里",
        "湘雅 的 人 打 电话 来 了",
    ],
)
def test_someone_from_a_place_is_no_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "我 可能 晚 点 去 菜市场 再 打 电话",
        "我 也许 下午 去 步步高 到时候 再 打 电话",
    ],
)
def test_a_trip_in_doubt_is_no_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("我 现在 在 步步高 送 我 回 家", "家"),
        ("湘雅 的 护士 要 来 我 现在 要 去 菜市场", "望月湖菜市场"),
        ("我 现在 在 家 要 去 湘雅", "湘雅医院"),
        ("女儿 要 来 家里 接 我 去 湘雅", "湘雅医院"),
        ("步步高 的 鸡蛋 又 涨价 了 我 要 去 菜市场", "望月湖菜市场"),
    ],
)
def test_a_ride_asked_after_talk_of_a_place_keeps_its_own(text, label):
    assert where(chinese(text)) == label
