"""A red team's findings on the intake parser, each tested as a class with sentences written here:
a cancel said with a no or of something else, a yes said in impatience, a no that is an
obligation, requests lost after a condition or before another, and times."""

import datetime

import pytest

from tests.speaking import speaker, where

# A Wednesday afternoon in London and in Chengdu.
NOW = datetime.datetime(2026, 12, 2, 15, 0, tzinfo=datetime.UTC)
PLACES = [
    {"id": 1, "label": "Home", "address": "12 Elm Road", "aliases": ["home"], "is_home": 1},
    {"id": 2, "label": "Asda", "address": "400 Main Street", "aliases": []},
    {"id": 3, "label": "Royal Infirmary", "address": "1 Hospital Drive", "aliases": ["hospital"]},
    {"id": 4, "label": "Karen's house", "address": "9 Glen Way", "aliases": ["karen's"]},
    {"id": 5, "label": "Boots", "address": "75 Oak Street", "aliases": ["chemist"]},
]
CONTACTS = [{"name": "Karen Smith", "relation": "daughter"}]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "武侯区1号", "aliases": ["我家"], "is_home": 1},
    {"id": 2, "label": "华山医院", "address": "乌鲁木齐中路12号", "aliases": ["医院"]},
    {"id": 3, "label": "永辉超市", "address": "人民南路50号", "aliases": ["超市", "永辉"]},
    {"id": 4, "label": "女儿家", "address": "大慈寺路23号", "aliases": ["闺女家"]},
]
CHINESE_CONTACTS = [{"name": "何红", "relation": "女儿"}]

english = speaker("en", PLACES, CONTACTS, now=NOW, timezone="Europe/London")
chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "don't cancel it",
        "no don't cancel",
        "no no don't cancel it i still need it",
        "please don't cancel my ride",
        "i don't want you to cancel the car",
        "别 取消",
        "不用 取消",
        "先 别 取消",
        "别 给 我 取消 啊",
        "不要 取消",
    ],
)
def test_a_cancel_said_with_a_no_keeps_the_ride(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "no"


@pytest.mark.parametrize(
    "text",
    [
        "don't worry just cancel it",
        "cancel it",
        "i had to cancel it",
        "不去了 取消 吧",
        "把 车 取消 了",
    ],
)
def test_a_cancel_with_no_no_of_its_own_still_cancels(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "cancel my hair appointment",
        "can you cancel my doctor's appointment",
        "i had to cancel the dentist",
        "they had to cancel my hospital appointment",
        "帮 我 把 挂号 取消 了",
        "取消 理发",
    ],
)
def test_a_cancel_of_something_else_is_no_cancel(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert (intent.kind, where(intent)) == ("unknown", None)


@pytest.mark.parametrize(
    "text",
    [
        "cancel my daughter's car",
        "cancel karen's taxi",
        "cancel the taxi for my daughter",
        "取消 我 女儿 的 车",
        "把 我 闺女 的 车 取消 了",
    ],
)
def test_a_cancel_of_someone_elses_ride_is_theirs(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert (intent.kind, where(intent), intent.for_someone_else) == ("unknown", None, True)


def test_a_request_after_a_cancel_of_something_else_is_the_request():
    assert where(english("i had to cancel the dentist so take me to asda")) == "Asda"


@pytest.mark.parametrize(
    "text",
    [
        "行了 行了 别 说 了",
        "好了 好了 别 说 了",
        "行 行 行 烦死 了",
        "好 好 别 念 了",
        "alright alright stop going on",
        "ok ok that's enough",
    ],
)
def test_a_yes_said_in_impatience_answers_nothing(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "sure is, thanks",
        "it sure is love",
        "sure does thank you",
        "right enough",
        "true enough thanks",
    ],
)
def test_a_regional_agreement_said_alone_is_a_yes(text):
    assert english(text).kind == "yes"


@pytest.mark.parametrize("text", ["sure is cold out", "right enough it's a dreich day"])
def test_an_agreement_with_a_remark_is_still_no_yes(text):
    assert english(text).kind == "unknown"


@pytest.mark.parametrize(
    "text,place",
    [
        ("我 不得不 上 医院", "华山医院"),
        ("我 不能 不 去 医院 啊", "华山医院"),
        ("医院 不 去 不 行 啊", "华山医院"),
        ("俺 闺女 说 让 俺 上 她 那 吃 去 介 不 就 得 去 嘛", "女儿家"),
        ("我 闺女 说 让 我 去 她 那 吃饭", "女儿家"),
        ("何红 叫 我 去 她 家", "女儿家"),
    ],
)
def test_having_to_go_is_going_and_her_place_is_the_relatives(text, place):
    intent = chinese(text)
    assert (intent.kind, where(intent)) == ("place", place)


@pytest.mark.parametrize(
    "text,place",
    [
        ("if it's possible could you take me to the hospital", "Royal Infirmary"),
        ("if it is at all possible can you take me to asda", "Asda"),
        ("if not take me to asda", "Asda"),
        ("if not then take me to asda please", "Asda"),
        ("要是 可能 的话 送 我 去 医院", "华山医院"),
        ("如果 能行 就 送 我 去 医院", "华山医院"),
        ("要是 不行 就 送 我 去 永辉", "永辉超市"),
    ],
)
def test_a_polite_condition_or_the_other_choice_asks_now(text, place):
    intent = english(text) if text.isascii() else chinese(text)
    assert (intent.kind, where(intent)) == ("place", place)


@pytest.mark.parametrize(
    "text",
    [
        "if it's raining take me to asda",
        "if i'm not well take me to the hospital",
        "要是 下雨 就 送 我 去 医院",
    ],
)
def test_a_condition_not_yet_met_still_asks_nothing_now(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert where(intent) is None


@pytest.mark.parametrize(
    "text",
    [
        "take me to asda where karen works",
        "take me to asda where my daughter works",
        "asda where karen works please",
        "take me to asda karen works there",
    ],
)
def test_a_preset_where_a_relative_works_is_the_preset(text):
    assert where(english(text)) == "Asda"


@pytest.mark.parametrize(
    "text,place",
    [
        ("我 想 听听 孙子 的 声音 然后 去 永辉", "永辉超市"),
        ("给 我 女儿 打 个 电话 然后 送 我 去 医院", "华山医院"),
        ("ring karen and then take me to asda", "Asda"),
        ("call my daughter then drive me to the hospital", "Royal Infirmary"),
        ("早上 儿子 打 过 电话 了 下午 去 医院", "华山医院"),
    ],
)
def test_a_ride_asked_after_a_call_is_the_request(text, place):
    intent = english(text) if text.isascii() else chinese(text)
    assert (intent.kind, where(intent)) == ("place", place)


@pytest.mark.parametrize("text", ["call my daughter", "给 我 女儿 打 个 电话"])
def test_a_call_alone_still_calls(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "family"


@pytest.mark.parametrize(
    "text,place,local",
    [
        ("take me to the hospital on friday", "Royal Infirmary", "2026-12-04 09:00"),
        ("take me to asda next monday at ten", "Asda", "2026-12-07 10:00"),
        ("take me to the hospital on wednesday", "Royal Infirmary", "2026-12-09 09:00"),
        ("星期五 去 医院", "华山医院", "2026-12-04 09:00"),
        ("下 周一 送 我 去 永辉", "永辉超市", "2026-12-07 09:00"),
        ("周日 上午 十 点 去 医院", "华山医院", "2026-12-06 10:00"),
    ],
)
def test_a_day_of_the_week_is_the_coming_one(text, place, local):
    intent = english(text) if text.isascii() else chinese(text)
    assert (where(intent), intent.when and intent.when["local"][:16]) == (place, local)


@pytest.mark.parametrize("text", ["i was at the hospital last friday", "上 礼拜 五 去 过 医院"])
def test_a_day_of_the_week_gone_is_no_time(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert (where(intent), intent.when) == (None, None)


@pytest.mark.parametrize(
    "text,place",
    [
        ("karen rang this morning, take me to karen's", "Karen's house"),
        ("this morning karen rang, take me to karen's", "Karen's house"),
        ("the nurse came this morning, i need to go to boots", "Boots"),
    ],
)
def test_the_day_something_was_done_is_no_time_for_the_car(text, place):
    intent = english(text)
    assert (where(intent), intent.when) == (place, None)


def test_the_time_asked_after_something_done_is_kept():
    early = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, timezone="Asia/Shanghai")
    now = datetime.datetime(2026, 12, 2, 2, 0, tzinfo=datetime.UTC)  # 10:00 in Shanghai
    intent = early("今天 早上 女儿 来 过 了 下午 去 永辉", now=now)
    assert (where(intent), intent.when and intent.when["local"][:16]) == (
        "永辉超市",
        "2026-12-02 14:00",
    )
    later = english("karen rang this morning, take me to karen's this afternoon")
    assert later.when is not None


@pytest.mark.parametrize(
    "text",
    ["阿拉 囡 叫 我 去 伊 屋里 吃 夜饭", "我 女儿 叫 我 去 他们 那", "我 闺女 何红 叫 我 去 她 家"],
)
def test_a_relatives_place_said_by_a_regional_pronoun_is_theirs(text):
    assert where(chinese(text)) == "女儿家"


def test_two_relatives_leave_their_place_unknown():
    assert where(chinese("我 女儿 和 儿子 叫 我 去 他们 家")) is None


@pytest.mark.parametrize(
    "text", ["call that taxi off", "call tomorrow's car off please", "call the car off"]
)
def test_a_ride_called_off_inside_the_verb_is_a_cancel(text):
    assert english(text).kind == "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "my knee is paining from morning",
        "i've been waiting all morning",
        "从 早上 就 头疼",
        "疼 了 一 上午 了",
    ],
)
def test_how_long_something_lasted_is_no_time(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert (intent.kind, intent.when) == ("unknown", None)


def test_a_day_of_the_week_before_a_part_of_the_day_keeps_both():
    intent = chinese("礼拜 一 下午 去 医院")
    assert (where(intent), intent.when and intent.when["local"][:16]) == (
        "华山医院",
        "2026-12-07 14:00",
    )


@pytest.mark.parametrize(
    "text",
    [
        "不 取消",
        "我 不 取消 了",
        "不用 取消 了",
        "唔 取消",
        "i'm not cancelling",
        "i'm not going to cancel it",
    ],
)
def test_not_cancelling_is_a_no(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "no"


@pytest.mark.parametrize("text", ["没 车 了 取消 吧", "不去了 取消 吧"])
def test_a_cancel_after_a_clause_of_its_own_still_cancels(text):
    assert chinese(text).kind == "cancel"


@pytest.mark.parametrize(
    "text,kind", [("surely", "yes"), ("it is so", "yes"), ("surely not", "no")]
)
def test_an_irish_surely_answers(text, kind):
    assert english(text).kind == kind


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("call my daughter then take me to tesco", None),
        ("ring my daughter and then take me to the post office", None),
        ("i want to talk to my daughter then go to the library", None),
        ("call my daughter then take me to asda", "Asda"),
        ("ring karen and then take me to the hospital", "Royal Infirmary"),
    ],
)
def test_whom_the_caller_rings_before_the_ride_is_not_where(text, place):
    # A second red team: the last request won, but the daughter called first chose her house
    # (known to the family as "my daughter's").
    theirs = [
        {**place, "aliases": ["my daughter's"]} if place["id"] == 4 else place for place in PLACES
    ]
    intent = speaker("en", theirs, CONTACTS, now=NOW, timezone="Europe/London")(text)
    assert intent.kind in ("place", "address") and where(intent) == place


@pytest.mark.parametrize(
    "text", ["the home store", "take me to the home store", "the home shop on mill lane"]
)
def test_a_shop_named_after_home_is_not_home(text):
    assert where(english(text)) is None


def test_a_shop_word_after_another_kind_still_names_it():
    assert where(english("the chemist shop please")) == "Boots"
