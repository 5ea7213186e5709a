"""Chinese callers telling what a relative does or where a relative is ("二嫚要来",
"建国住院了在湘雅", "二嫚病了在二院"), the relative a contact or only the one a home is saved
for: nothing to book, neither the relative's home nor where they are, unless the caller asks to go
there."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "湖南省长沙市岳麓区麓山路5号", "aliases": ["屋里"]},
    {"id": 2, "label": "湘雅医院", "address": "湖南省长沙市开福区湘雅路87号", "aliases": ["湘雅"]},
    {"id": 3, "label": "长沙市第二医院", "address": "湖南省长沙市天心区", "aliases": ["二院"]},
    {"id": 4, "label": "大儿子家", "address": "湖南省长沙市雨花区劳动路8号", "aliases": ["建国家"]},
    {"id": 5, "label": "二嫚家", "address": "湖南省长沙市开福区新河路3号"},
]
CONTACTS = [{"name": "刘建国", "relation": "son"}, {"name": "刘小红", "relation": "daughter"}]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

# 二嫚 is known only by her home's name; 建国 is a contact as well.
chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")
strangers = speaker("zh", PLACES, (), now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "二嫚 要 来",
        "二嫚要来",
        "二嫚 明天 要 来",
        "二嫚 过来 看 我",
        "建国 住院 了 在 湘雅",
        "建国住院了在湘雅",
        "二嫚 病 了 在 二院",
        "二嫚病了在二院",
        "俺 闺女 住院 了 在 二院",
    ],
)
@pytest.mark.parametrize("heard", [chinese, strangers])
def test_a_relative_told_of_books_nothing(heard, text):
    assert where(heard(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("我 要 去 湘雅 看 建国", "湘雅医院"),
        ("我要去湘雅看建国", "湘雅医院"),
        ("建国 住院 了 送 我 去 湘雅", "湘雅医院"),
        ("去 二嫚 家", "二嫚家"),
        ("去 建国 家", "大儿子家"),
    ],
)
@pytest.mark.parametrize("heard", [chinese, strangers])
def test_going_to_see_them_keeps_the_place(heard, text, place):
    assert where(heard(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "建国住院了在湘雅 你送我过去",
        "建国 住院 了 在 湘雅 你 送 我 过去",
        "建国住院了在湘雅 送我去那里",
        "建国住院了在湘雅 送我到那儿",
        "建国住院了在湘雅 我要去那",
        "建国住院了在湘雅 送我去",
        "小红 病 了 在 湘雅 送 我 过去",
    ],
)
@pytest.mark.parametrize("heard", [chinese, strangers])
def test_where_a_relative_is_then_take_me_there_is_that_place(heard, text):
    assert where(heard(text)) == "湘雅医院"
