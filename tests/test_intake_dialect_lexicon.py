"""The Chinese dialect lexicon (voice/intake/zh-dialects.toml), read before every rule: sentences
written here in the words of each dialect area, for pronouns, home, days, answers, questions,
family and markets."""

import datetime

import pytest

from elderride.intake import dialects
from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "鼓楼区东街口8号", "aliases": ["家"]},
    {"id": 2, "label": "协和医院", "address": "新权路29号", "aliases": ["医院", "协和"]},
    {"id": 3, "label": "永辉超市", "address": "五四路100号", "aliases": ["超市", "永辉"]},
    {"id": 4, "label": "阿梅家", "address": "仓山区首山路5号", "aliases": ["女儿家"]},
    {"id": 5, "label": "西禅寺", "address": "工业路1号", "aliases": ["寺里"]},
    {"id": 6, "label": "南门菜市场", "address": "南门路3号", "aliases": ["菜市场", "集"]},
]
CONTACTS = [{"name": "林阿梅", "relation": "女儿"}]
NOW = datetime.datetime(2026, 12, 6, 0, 0, tzinfo=datetime.UTC)


chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("转 厝", "家"),  # 闽南话
        ("返 屋企 啦", "家"),  # 粤语
        ("转 屋下", "家"),  # 客家话
        ("赶 场 去", "南门菜市场"),  # 西南官话
        ("去 赶 墟", "南门菜市场"),  # 粤语、客家话
        ("去 幺女 屋头", "阿梅家"),  # 西南官话
        ("去 我 查某囝 家", "阿梅家"),  # 闽南话
    ],
)
def test_a_dialect_word_for_home_family_going_or_a_market_finds_the_place(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("天光日 上昼 十 点 去 协和", "2026-12-07"),  # 客家话、粤语
        ("后儿个 去 医院", "2026-12-08"),  # 北方官话
    ],
)
def test_a_day_said_in_dialect_is_that_day(text, day):
    intent = chinese(text)
    assert intent.when is not None and intent.when["local"][:10] == day


@pytest.mark.parametrize(
    "text",
    [
        "永辉 执 笠 咗",  # 粤语: closed down
        "我 堂客 今朝 去 超市",  # 湘语、赣语: the wife's trip
    ],
)
def test_someone_elses_past_or_a_closed_place_in_dialect_names_no_place(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("毋 通 叫 车", "no"),  # 闽南话
        ("你 讲 乜嘢", "repeat"),  # 粤语
    ],
)
def test_an_answer_or_a_request_in_dialect_is_understood(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize("sentence", ["俺想起屋头火锅", "阿拉上午去屋头", "克明讲俺上屋头火锅"])
def test_a_long_run_of_sentences_is_read_as_each_sentence_alone(sentence):
    # The kept words and names guard every sentence of a long run, not only the first ones.
    places = [*PLACES, {"id": 7, "label": "屋头火锅", "address": "春熙路1号", "aliases": []}]
    contacts = [*CONTACTS, {"name": "王克明", "relation": "儿子"}]
    alone = dialects.standard(sentence, "zh", places, contacts)
    assert alone != sentence
    assert dialects.standard(sentence * 2000, "zh", places, contacts) == alone * 2000
