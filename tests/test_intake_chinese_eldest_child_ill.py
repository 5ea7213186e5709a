"""Chinese callers who say a child by birth order is ill and ask for the son's home ("老大病了
送我去儿子家"): the child who lies ill is why, not another child's home told apart."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "江苏省徐州市云龙区和平路57号", "aliases": ["俺家"]},
    {"id": 2, "label": "徐医附院", "address": "江苏省徐州市鼓楼区淮海西路", "aliases": ["附院"]},
    {
        "id": 3,
        "label": "儿子家",
        "address": "江苏省徐州市铜山区北京南路万科城8号楼",
        "aliases": ["小军家", "万科城"],
    },
]
CONTACTS = [
    {"name": "张军", "relation": "son"},
    {"name": "张丽", "relation": "daughter"},
    {"name": "刘梅", "relation": "daughter-in-law"},
]
NOW = datetime.datetime(2026, 12, 6, 2, 30, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "老大病了 送我去儿子家",
        "老大病了 送我去小军家",
        "老大病了在家 送我去小军家",
        "送我去儿子家 老大病了",
    ],
)
def test_the_eldest_ill_and_the_sons_home_asked_is_the_sons_home(text):
    intent = chinese(text)
    assert intent.kind == "place"
    assert where(intent) == "儿子家"


@pytest.mark.parametrize("text", ["去老二家", "送我去老三家"])
def test_another_child_by_order_is_still_told_apart(text):
    assert where(chinese(text)) != "儿子家"
