"""Chinese callers going to 老大's (the eldest child's home) with a preset 老百姓大药房 saved
under a short name of its own (药房): the eldest son's or daughter's home when one is saved, else
no preset, never the pharmacy whose long name holds 老 and 大."""

import datetime

import pytest

from tests.speaking import speaker, where

HOME = {"id": 1, "label": "家", "address": "湖南省长沙市岳麓区麓山路5号", "aliases": ["屋里"]}
PHARMACY = {
    "id": 2,
    "label": "老百姓大药房",
    "address": "湖南省长沙市岳麓区桐梓坡路12号",
    "aliases": ["药房"],
}
HOSPITAL = {"id": 3, "label": "湘雅医院", "address": "湖南省长沙市开福区湘雅路87号"}
ELDEST_SON = {"id": 4, "label": "大儿子家", "address": "湖南省长沙市雨花区劳动路8号"}
ELDEST_DAUGHTER = {"id": 4, "label": "大女儿家", "address": "湖南省长沙市天心区书院路3号"}
ONE_SON = {"id": 4, "label": "儿子家", "address": "湖南省长沙市雨花区劳动路8号"}
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)


def senior(*places):
    return speaker("zh", [HOME, PHARMACY, HOSPITAL, *places], (), now=NOW, timezone="Asia/Shanghai")


ELDEST = ["去 老大 家", "去老大家", "到 老大 屋里 去", "到老大屋里去", "送 我 去 老大 那儿"]


@pytest.mark.parametrize("text", ELDEST)
@pytest.mark.parametrize(
    ("home", "label"), [(ELDEST_SON, "大儿子家"), (ELDEST_DAUGHTER, "大女儿家")]
)
def test_the_eldest_childs_saved_home_is_where(home, label, text):
    assert where(senior(home)(text)) == label


@pytest.mark.parametrize("text", ELDEST)
@pytest.mark.parametrize("homes", [(), (ONE_SON,)])
def test_no_eldest_childs_home_is_no_preset(homes, text):
    assert where(senior(*homes)(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 老百姓 大药房", "老百姓大药房"),
        ("去 药房 拿 药", "老百姓大药房"),
        ("老大爷 叫 我 去 药房", "老百姓大药房"),
        ("去 湘雅 找 老大夫 看 病", "湘雅医院"),
    ],
)
def test_the_pharmacy_and_words_holding_laoda_keep_their_place(text, label):
    assert where(senior(ELDEST_SON)(text)) == label
