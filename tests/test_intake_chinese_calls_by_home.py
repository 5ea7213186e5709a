"""Chinese callers asking to phone a relative by the name they saved that relative's home under
("二丫家", "三妮家", "大嫚家"), a name the line knows no relation word for: a call to the person,
never a ride to the home, while going to the home keeps its place."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "河北省保定市莲池区裕华路3号", "aliases": ["俺家"]},
    {"id": 2, "label": "保定市第一中心医院", "address": "河北省保定市长城北大街320号"},
    {"id": 3, "label": "二丫家", "address": "河北省保定市竞秀区东风路8号", "aliases": ["燕子家"]},
    {"id": 4, "label": "三妮家", "address": "河北省保定市满城区永安路5号", "aliases": ["大嫚家"]},
    {"id": 5, "label": "北国超市", "address": "河北省保定市朝阳北大街", "aliases": ["北国"]},
]
CONTACTS = [{"name": "刘燕", "relation": "daughter"}, {"name": "刘军", "relation": "son"}]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "给 俺 二丫 打 个 电话",
        "给 二丫 打 电话",
        "帮 我 给 三妮 打 个 电话",
        "俺 想 跟 大嫚 通 个 电话",
        "给 燕子 打 个 电话",
    ],
)
def test_calling_the_one_a_home_is_saved_for_is_family(text):
    intent = chinese(text)
    assert (intent.kind, where(intent)) == ("family", None)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("去 俺 二丫 家", "二丫家"),
        ("上 三妮 家", "三妮家"),
        ("二丫 家 三妮 给 我 打 过 电话 了", "二丫家"),
        ("去 北国 超市", "北国超市"),
    ],
)
def test_going_to_the_home_keeps_its_place(text, place):
    intent = chinese(text)
    assert (intent.kind, where(intent)) == ("place", place)
