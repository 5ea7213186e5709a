"""Chinese callers' words sets R and S missed, tested with sentences written here: a menu choice
said with 第 to a senior whose preset holds 第一, a daughter told apart by her birth order from the
one whose home is saved, and more."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "湖南省岳阳市岳阳楼区洞庭南路18号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "岳阳市第一人民医院",
        "address": "湖南省岳阳市岳阳楼区东茅岭路39号",
        "aliases": ["一院", "第一人民医院"],
    },
    {
        "id": 3,
        "label": "步步高超市",
        "address": "湖南省岳阳市岳阳楼区巴陵中路66号",
        "aliases": ["步步高", "超市"],
    },
    {
        "id": 4,
        "label": "满女家",
        "address": "湖南省岳阳市君山区柳林洲镇8号",
        "aliases": ["春花家", "大坪那边"],
    },
    {"id": 5, "label": "圣安寺", "address": "湖南省岳阳市岳阳楼区圣安寺", "aliases": ["庙里"]},
    {"id": 6, "label": "老百姓大药房", "address": "湖南省岳阳市巴陵中路80号", "aliases": ["药房"]},
]
CONTACTS = [
    {"name": "周春花", "relation": "daughter"},
    {"name": "周建军", "relation": "son"},
    {"name": "刘伟", "relation": "son-in-law"},
]
NOW = datetime.datetime(2026, 12, 10, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai", menu_size=6)


@pytest.mark.parametrize(
    ("text", "choice"),
    [("第一 个", 1), ("第 一 个", 1), ("第一", 1), ("呃 二 就 那 第二", 2), ("呃 三 就 三 那个", 3)],
)
def test_a_menu_choice_is_no_preset_holding_its_ordinal(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


@pytest.mark.parametrize("text", ["第一 人民 医院", "去 一 院", "呃 第一 人民 医院"])
def test_the_preset_named_with_its_ordinal_is_still_the_preset(text):
    assert where(chinese(text)) == "岳阳市第一人民医院"


@pytest.mark.parametrize("text", ["去 我 大 女儿 屋头", "去 我 大 女儿 家"])
def test_another_daughter_by_birth_order_is_not_the_saved_one(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["去 我 女儿 屋头", "去 春花 家", "去 满女 家"])
def test_the_saved_daughter_is_still_hers(text):
    assert where(chinese(text)) == "满女家"
