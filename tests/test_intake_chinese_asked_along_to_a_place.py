"""Chinese callers asked along by a relative to a named place ("二嫚叫我跟她去人民医院"): the
caller goes there, and the relative who asked, though a home of hers is saved (二嫚家), is who
asked, not where to go; asked along to someone else's relative's home is still no trip."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {
        "id": 1,
        "label": "家",
        "address": "山东省临沂市兰山区金雀山路金雀山小区6号楼",
        "aliases": ["俺家"],
    },
    {
        "id": 2,
        "label": "临沂市人民医院",
        "address": "山东省临沂市兰山区解放路27号",
        "aliases": ["人民医院", "市医院"],
    },
    {"id": 3, "label": "九州超市", "address": "山东省临沂市兰山区沂蒙路", "aliases": ["九州"]},
    {
        "id": 4,
        "label": "二闺女家",
        "address": "山东省临沂市河东区滨河东路凤凰城12号楼",
        "aliases": ["小芳家", "二嫚家"],
    },
    {
        "id": 5,
        "label": "人民广场",
        "address": "山东省临沂市兰山区沂蒙路人民广场",
        "aliases": ["广场"],
    },
]
CONTACTS = [{"name": "王芳", "relation": "daughter"}, {"name": "王刚", "relation": "son"}]
NOW = datetime.datetime(2026, 12, 14, 1, 45, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("二嫚叫我跟她去人民医院", "临沂市人民医院"),
        ("二嫚喊我一起去九州", "九州超市"),
        ("二嫚叫我一道去广场 派车", "人民广场"),
        ("二嫚叫我跟她去九州 送我去九州", "九州超市"),
        ("二嫚叫我去人民医院 送我去", "临沂市人民医院"),
        ("二嫚让我去人民医院看看 送我去", "临沂市人民医院"),
    ],
)
def test_asked_along_to_a_named_place_is_a_trip_there(text, label):
    intent = chinese(text)
    assert intent.kind == "place"
    assert where(intent) == label


@pytest.mark.parametrize("text", ["二嫚叫我去她家 送我过去", "二嫚叫我跟她回她家", "送我去二嫚家"])
def test_asked_to_her_own_home_is_her_home(text):
    assert where(chinese(text)) == "二闺女家"
