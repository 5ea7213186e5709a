"""A place named in a sentence that asks for no ride now books nothing, in English and Chinese:
where the caller went (past), where they would go "if" or "when", a question about the place, a
place refused with its reason, a not-going that a past visit or a closed place explains; and the
rides asked for around such words still stand."""

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "Home", "address": "12 Elm Road", "aliases": ["home"], "is_home": 1},
    {
        "id": 2,
        "label": "Royal Infirmary",
        "address": "1 Infirmary Square",
        "aliases": ["the royal"],
    },
    {"id": 3, "label": "Kwik Save", "address": "40 High Street", "aliases": ["the shops"]},
    {"id": 4, "label": "Brenda's Farm", "address": "Mill Lane", "aliases": ["brenda's"]},
    {"id": 5, "label": "St Cuthbert's Church", "address": "2 Church Walk", "aliases": ["church"]},
    {"id": 6, "label": "Boots", "address": "5 Market Place", "aliases": ["the chemist"]},
    {"id": 7, "label": "Miners' Welfare Club", "address": "9 Pit Road", "aliases": ["the club"]},
]
CONTACTS = [{"name": "Brenda Hall", "relation": "daughter"}]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "南明区1号", "aliases": ["我家"], "is_home": 1},
    {"id": 2, "label": "省医", "address": "中山东路83号", "aliases": ["医院"]},
    {"id": 3, "label": "河滨菜场", "address": "河滨路12号", "aliases": ["菜场"]},
    {"id": 4, "label": "黔灵寺", "address": "枣山路187号", "aliases": []},
    {"id": 5, "label": "老年活动中心", "address": "都司路8号", "aliases": ["活动中心"]},
]
CHINESE_CONTACTS = [{"name": "春梅", "relation": "女儿"}]


english = speaker("en", PLACES, CONTACTS)
chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS)


def heard(text):
    """Parse `text` in the language it is written in."""
    return chinese(text) if "\u4e00" <= text[0] <= "\u9fff" else english(text)


@pytest.mark.parametrize(
    "text",
    [
        "i was out to brenda's yesterday for me tea",
        "we were up at the club on saturday for the darts",
        "i was over at the church for the bring and buy",
        "i was down the shops this morning and they'd no bread",
        "i went the royal yesterday for me bloods so i'm alright now",
        "i went up the chemist first thing",
        "me and our brenda went the shops",
    ],
)
def test_where_the_caller_went_is_no_ride_and_no_yes(text):
    said = english(text)
    assert said.kind in {"unknown", "address"} and where(said) is None


@pytest.mark.parametrize(
    "text",
    [
        "if i am feeling dizzy you will take me infirmary",
        "if i am feeling poorly take me to the royal",
        "when i'm feeling better i'll go to the club",
        "when i am a bit steadier on me feet we'll go the chemist",
        "if we are still here at christmas we'll go to church",
    ],
)
def test_a_ride_on_a_condition_of_the_caller_is_no_ride(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("when i am done at the chemist can you take me home", "Home"),
        ("if i could get a lift to the club", "Miners' Welfare Club"),
        ("if i may i'd like to go to church", "St Cuthbert's Church"),
        ("take me to the royal if i may", "Royal Infirmary"),
    ],
)
def test_a_ride_asked_for_around_a_condition_still_stands(text, meant):
    assert where(english(text)) == meant


@pytest.mark.parametrize(
    "text",
    [
        "they having mass at saint cuthbert's at noon or what",
        "do they have bingo at the club tonight or what",
        "is there a service at church on sunday",
        "what time's mass at saint cuthbert's",
        "are they open at boots on a sunday",
        "the chemist open today or not",
    ],
)
def test_a_question_about_a_place_is_no_ride_and_no_time(text):
    said = english(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    "text",
    [
        "菜场 今天 开 门 没有",
        "黔灵寺 开 没 开 门 哦",
        "活动中心 几 点 开 门",
        "省医 今天 有 没有 专家 门诊",
    ],
)
def test_a_chinese_question_about_a_place_is_no_ride(text):
    said = chinese(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    ("text", "meant", "language"),
    [
        ("take me to the club are they open till ten", "Miners' Welfare Club", "en"),
        ("is there any chance of a car to the royal", "Royal Infirmary", "en"),
        ("送 我 去 菜场 今天 开 门 没有", "河滨菜场", "zh"),
        ("有 没有 车 送 我 去 省医", "省医", "zh"),
    ],
)
def test_a_ride_asked_for_with_a_question_still_stands(text, meant, language):
    said = english(text) if language == "en" else chinese(text)
    assert where(said) == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the club they got the darts final tonight", "Miners' Welfare Club"),
        ("church they having a carol service at six", "St Cuthbert's Church"),
    ],
)
def test_a_place_with_what_is_on_there_said_plainly_is_where(text, meant):
    # Only a question's word order or its tag ("or what") makes a question.
    assert where(english(text)) == meant


@pytest.mark.parametrize(
    "text",
    [
        "我 昨天 去 了 菜场 今天 就 不 去 了",
        "上 礼拜 去 了 省医 这 礼拜 不 去 了",
        "黔灵寺 今天 关 门 的 嘛 不 去 了",
        "活动中心 今天 放假 明天 不 去 了",
    ],
)
def test_not_going_because_of_a_past_visit_or_a_closed_place_cancels_nothing(text):
    # Said to "where to?" it asks again; said about a ride, the keys offer to cancel it.
    said = chinese(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    "text",
    [
        "the club's shut today so i won't be going",
        "i was at the royal yesterday so i won't be going today",
    ],
)
def test_not_going_because_of_a_closed_place_or_a_past_visit_in_english_cancels_nothing(text):
    said = english(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我 今天 不 去 了", "zh"),
        ("明天 不 去 了", "zh"),
        ("我 昨天 订 的 车 今天 不 去 了", "zh"),
        ("i won't be going after all", "en"),
        ("i'm not going anywhere today", "en"),
    ],
)
def test_not_going_on_the_day_of_a_ride_still_cancels(text, language):
    said = english(text) if language == "en" else chinese(text)
    assert said.kind == "cancel"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("不 克 医院 哦 我 又 没 得 病", "zh"),
        ("我 不 克 省医 了 又 没 得 啥子 病", "zh"),
        ("not the church today father's away", "en"),
        ("not the club tonight the darts is cancelled", "en"),
    ],
)
def test_a_place_refused_with_its_reason_is_no_answer(text, language):
    # "不" refuses the place, not the question: the line asks again.
    said = english(text) if language == "en" else chinese(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("屋头 没得 米 了 去 河滨 买 点", "河滨菜场"),
        ("家 里 没 菜 了 去 河滨 买 点", "河滨菜场"),
        ("屋头 有 人 送 我 回 屋头", "家"),
        ("回 屋头", "家"),
    ],
)
def test_what_is_at_home_is_no_ride_home(text, meant):
    assert where(chinese(text)) == meant


@pytest.mark.parametrize("text", ["不 去 菜场 了 屋头 有 菜", "菜场 不 去 了 家 里 还 有 菜"])
def test_a_place_refused_for_what_is_at_home_is_neither(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "i've just come back from the chemist",
        "i was up the royal tuesday gone",
        "did i leave my glasses at the club",
        "我 已经 去 了 菜场 了",
        "早上 去 了 菜场 买 了 菜",
        "我 刚 从 省医 回来",
        "我 前 几 天 到 省医 去 了",
        "i've been the chemist already love",
    ],
)
def test_more_ways_of_telling_the_past_name_no_destination(text):
    said = heard(text)
    assert where(said) is None


@pytest.mark.parametrize(
    ("text", "meant", "language"),
    [
        ("我 要 去 了 送 我 去 省医", "省医", "zh"),
        (
            "take me to the club i went there last week and left my brolly",
            "Miners' Welfare Club",
            "en",
        ),
        ("i was at the club last night i want to go back home", "Home", "en"),
    ],
)
def test_a_ride_asked_for_around_the_past_still_stands(text, meant, language):
    said = english(text) if language == "en" else chinese(text)
    assert where(said) == meant


@pytest.mark.parametrize(
    "text",
    [
        "i might go to church later if i feel up to it",
        "i'd go to the club if our brenda was home",
        "i'd go to the shops but they're closed",
    ],
)
def test_a_trip_the_caller_only_might_make_is_no_ride(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("i'd like to go to the club if i may", "Miners' Welfare Club"),
        ("perhaps you could take me to the royal if it's no trouble", "Royal Infirmary"),
        ("is there any chance you could take me to the royal", "Royal Infirmary"),
    ],
)
def test_a_polite_ride_is_no_hedge_and_no_question(text, meant):
    assert where(english(text)) == meant


@pytest.mark.parametrize(
    "text",
    [
        "what's on at the club tonight",
        "do you know if the club's open tonight",
        "活动中心 今天 有 活动 吗",
        "菜场 有 冇 开",
        "河滨菜场 开 了 没得",
        "菜场 今儿 开门 不",
        "活动中心 今儿 有 活动 没",
    ],
)
def test_more_questions_about_a_place_name_no_destination(text):
    said = heard(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    "text",
    [
        "i'll go to the club another day",
        "the chemist some other time",
        "改 天 再 去 菜场",
        "等 我 病 好 了 再 去 活动中心",
        "过 两 天 再 去 黔灵寺",
    ],
)
def test_a_place_put_off_to_no_day_in_particular_is_no_ride(text):
    said = heard(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    "text", ["maybe another day dear", "another time", "改 天 吧", "可能 改天 吧"]
)
def test_putting_off_alone_still_declines(text):
    said = heard(text)
    assert said.kind == "no"


def test_going_back_to_where_the_caller_was_is_that_place():
    said = english("i was at the royal yesterday and i need to go back today")
    assert where(said) == "Royal Infirmary"


@pytest.mark.parametrize(
    "text",
    [
        "my sister went to the royal yesterday and she has to go back today",
        "i went to the royal yesterday i don't want to go back",
        "i was at the royal yesterday i need to go back but not today",
    ],
)
def test_going_back_said_of_someone_else_or_refused_is_no_place(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the club when i'm ready love", "Miners' Welfare Club"),
        ("take me home when i'm done", "Home"),
        ("church when i'm dressed", "St Cuthbert's Church"),
    ],
)
def test_a_place_said_with_when_the_caller_is_ready_is_where(text, meant):
    # "When" sets a time, not a condition, unless the caller then says what they will do.
    assert where(english(text)) == meant


def test_what_the_caller_will_do_once_ready_is_no_ride_now():
    assert where(english("once i've had me tea i'll go to church")) is None


@pytest.mark.parametrize(
    "text",
    [
        "要是 我 头 晕 你们 就 送 我 去 省医",
        "倘若 我 病 了 送 我 去 省医",
        "万一 我 摔 了 帮 我 叫 车 去 省医",
    ],
)
def test_a_ride_asked_for_in_a_chinese_supposition_is_supposed_too(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "方便 的话 送 我 去 省医",
        "如果 有 车 的话 送 我 去 省医",
        "送 我 去 省医 要是 下 雨 我 带 伞",
    ],
)
def test_a_chinese_ride_asked_for_with_a_polite_or_later_condition_stands(text):
    assert where(chinese(text)) == "省医"


@pytest.mark.parametrize(
    "text",
    ["how far is it to the royal", "is it far to the club", "the chemist were shut tuesday gone"],
)
def test_how_far_a_place_is_or_that_it_was_shut_is_no_ride(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "i couldn't face the royal today",
        "no point going to the club it's shut",
        "i don't fancy the club tonight",
        "i can't be doing with the royal",
        "懒得 去 菜场",
        "没 必要 去 省医",
        "去 什么 省医 嘛 我 好 得 很",
        "省医 就 算 了 吧",
    ],
)
def test_a_place_the_caller_has_no_heart_or_use_for_is_refused(text):
    said = heard(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("i don't fancy the royal take me to the club", "Miners' Welfare Club"),
        ("省医 就 算 了 去 菜场", "河滨菜场"),
        ("懒得 去 菜场 送 我 去 省医", "省医"),
    ],
)
def test_the_place_asked_for_after_one_refused_is_where(text, meant):
    assert where(heard(text)) == meant


@pytest.mark.parametrize(
    "text",
    [
        "is the royal doing flu jabs",
        "does the chemist deliver",
        "oh is the church having a carol service",
        "has the chemist got my prescription in",
    ],
)
def test_a_question_begun_about_a_place_is_no_ride(text):
    said = english(text)
    assert said.kind == "unknown" and where(said) is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the royal is the one i want", "Royal Infirmary"),
        ("take me to the club is the bar open", "Miners' Welfare Club"),
    ],
)
def test_is_the_said_later_is_no_question_about_the_place_asked_for(text, meant):
    assert where(english(text)) == meant
