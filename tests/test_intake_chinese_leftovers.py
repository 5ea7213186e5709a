"""Chinese callers' leftovers from set H, each tested with sentences written here: 上 as "go to", a
place placed by the caller's home, two places told apart with 不是, a correction said after the
words it corrects, a relative's name before 屋头 or 屋里, and another numbered hospital."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "岳麓区枫林路12号", "aliases": ["家", "屋头"]},
    {"id": 2, "label": "湘雅医院", "address": "开福区湘雅路87号", "aliases": ["医院", "湘雅"]},
    {"id": 3, "label": "家乐福超市", "address": "五一大道8号", "aliases": ["超市", "家乐福"]},
    {"id": 4, "label": "秀兰家", "address": "芙蓉路300号", "aliases": ["女儿家"]},
    {"id": 5, "label": "开福寺", "address": "开福寺路138号", "aliases": ["寺里"]},
    {"id": 6, "label": "老百姓大药房", "address": "枫林路20号", "aliases": ["药店", "药房"]},
    {"id": 7, "label": "上海路菜场", "address": "上海路9号", "aliases": ["菜场"]},
]
CONTACTS = [{"name": "刘秀兰", "relation": "女儿"}, {"name": "刘克明", "relation": "儿子"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 上 as "go to" after a subject or a wish.
        ("俺 要 上 湘雅 去", "湘雅医院"),
        ("我 要 上 药房 去", "老百姓大药房"),
        ("俺 上 超市 嘞", "家乐福超市"),
        # A place placed by the caller's home is theirs.
        ("那个 啥 超市 就是 我 家 附近 那家", "家乐福超市"),
        # A correction said after the words it corrects.
        ("开福寺 不对 不对 是 湘雅 我 说错 了", "湘雅医院"),
        ("开福寺 不对 家乐福 我 说错 了", "家乐福超市"),
        # Told apart with an asking word first: the first place is where.
        ("送 我 去 家乐福 不 是 开福寺", "家乐福超市"),
    ],
)
def test_the_place_meant_is_found(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        # Two places told apart with 不是, and no word asking for either.
        "湘雅 三 院 不 是 湘雅 医院",
    ],
)
def test_two_places_told_apart_are_neither_a_place_nor_an_answer(text):
    intent = chinese(text)
    assert (where(intent), intent.kind) == (None, "unknown")


@pytest.mark.parametrize("text", ["湘雅 附 三 看 牙齿", "去 湘雅 三 院"])
def test_another_numbered_hospital_of_the_same_name_is_none_of_theirs(text):
    assert where(chinese(text)) is None


# Guards for the dialect reading (they pass on the code before it, which read no 上 as "go"): a
# Mandarin word or a name that holds a dialect word keeps its meaning.
def test_a_mandarin_word_holding_a_dialect_word_keeps_its_meaning():
    intent = chinese("我 上午 去 湘雅")
    assert (where(intent), intent.when["local"][11:13]) == ("湘雅医院", "09")


def test_a_place_name_holding_a_dialect_word_is_kept():
    assert where(chinese("上海路 菜场 买 点 菜")) == "上海路菜场"


def test_a_contact_name_holding_a_dialect_word_is_kept():
    assert chinese("给 克明 打 电话").kind == "family"
