"""The intake parser on how older callers really talk, in English and Chinese."""

import datetime

import pytest

from elderride.intake import parse
from elderride.services.demo import SENIORS
from tests.speaking import speaker

# Monday 23 November 2026, 15:10 UTC: 10:10 in New York, 23:10 in Shanghai.
NOW = datetime.datetime(2026, 11, 23, 15, 10, tzinfo=datetime.UTC)


def demo_places(index):
    return [
        {"id": number, "label": label, "address": address, "aliases": aliases}
        for number, (label, address, aliases) in enumerate(SENIORS[index]["places"], start=1)
    ]


english = speaker("en", demo_places(0), now=NOW, timezone="America/New_York")


chinese = speaker("zh", demo_places(1), now=NOW, timezone="Asia/Shanghai")


ENGLISH_PLACES = [
    ("well dear, I'd like to go to my daughter's place please", "Lily's home"),
    ("the hospital near the river please", "City Hospital"),
    ("home", "Home"),
    ("Home.", "Home"),
    ("take me home please", "Home"),
    ("um I need to get to the hospital", "City Hospital"),
    ("city hospital tomorrow morning at nine", "City Hospital"),
    ("lilys home", "Lily's home"),  # the recognizer dropped the apostrophe
    ("to the city hospitle", "City Hospital"),  # a recognizer's near miss
    ("cityhospital please", "City Hospital"),  # a missing space
    ("the clinic", "City Hospital"),
    ("go to lily's", "Lily's home"),
    ("could you take me to my daughter's", "Lily's home"),
    ("I want to go back to my house thank you", "Home"),
    ("HOSPITAL", "City Hospital"),
    ("oh hello yes I'd like a car to City Hospital please love", "City Hospital"),
]


@pytest.mark.parametrize("said, label", ENGLISH_PLACES)
def test_english_places_are_recognised(said, label):
    intent = english(said)
    assert intent.kind == "place"
    assert intent.place.label == label
    assert intent.confidence >= 0.8


CHINESE_PLACES = [
    ("麻烦你，我要去医院看病", "市第一人民医院"),
    ("回家", "家"),
    ("我要回家", "家"),
    ("去女儿家", "女儿家"),
    ("女儿那里", "女儿家"),
    ("明天上午九点去医院", "市第一人民医院"),
    ("去 市 第一 人民 医院", "市第一人民医院"),  # the recognizer's spaces between words
    ("市第一人民医院", "市第一人民医院"),
    ("去一院", "市第一人民医院"),
    ("去闺女家吧谢谢", "女儿家"),
    ("送我到市第一人名医院", "市第一人民医院"),  # 名 for 民: a recognizer's slip
    ("喂，你好，帮我叫个车去娜娜家", "女儿家"),
]


@pytest.mark.parametrize("said, label", CHINESE_PLACES)
def test_chinese_places_are_recognised(said, label):
    intent = chinese(said)
    assert intent.kind == "place"
    assert intent.place.label == label


NOT_A_PLACE = [
    ("I want to go to the bank", "en", "address", "bank"),
    ("take me to 55 harbor street", "en", "address", "55 harbor street"),
    ("I'd like a taxi to the library at half past two", "en", "address", "library"),
    ("my son's house", "en", "unknown", None),
    ("the homes for sale", "en", "unknown", None),
    ("我要去火车站", "zh", "address", "火车站"),
    ("去火车站明天上午九点", "zh", "address", "火车站"),
    ("我想去超市", "zh", "address", "超市"),
    ("去儿子家", "zh", "address", "儿子家"),
]


@pytest.mark.parametrize("said, language, kind, address", NOT_A_PLACE)
def test_what_is_not_a_preset_place_is_not_matched_to_one(said, language, kind, address):
    intent = english(said) if language == "en" else chinese(said)
    assert intent.place is None
    assert intent.kind == kind
    assert intent.address == address
    if kind == "address":
        assert intent.confidence <= 0.5  # a person checks free addresses


KEYWORDS = [
    ("yes", "en", "yes"),
    ("yes please", "en", "yes"),
    ("yeah that's right", "en", "yes"),
    ("okay dear", "en", "yes"),
    ("no", "en", "no"),
    ("no no no", "en", "no"),
    ("that's not right", "en", "no"),
    ("cancel", "en", "cancel"),
    ("cancel the car to the hospital please", "en", "cancel"),
    ("I don't need the car anymore", "en", "cancel"),
    ("where is my car", "en", "status"),
    ("when is the car coming dear", "en", "status"),
    ("can I talk to a person", "en", "operator"),
    ("operator", "en", "operator"),
    ("call my daughter", "en", "family"),
    ("please call my family", "en", "family"),
    ("是的", "zh", "yes"),
    ("对", "zh", "yes"),
    ("好的好的", "zh", "yes"),
    ("不是", "zh", "no"),
    ("不对不对", "zh", "no"),
    ("取消", "zh", "cancel"),
    ("不要车了", "zh", "cancel"),
    ("车到哪了", "zh", "status"),
    ("转人工", "zh", "operator"),
    ("给家人打电话", "zh", "family"),
    ("帮我给女儿打电话", "zh", "family"),
]


@pytest.mark.parametrize("said, language, kind", KEYWORDS)
def test_answers_and_requests_are_recognised(said, language, kind):
    intent = english(said) if language == "en" else chinese(said)
    assert intent.kind == kind
    assert intent.confidence >= 0.8


MENU = [
    ("two", "en", 2),
    ("number three", "en", 3),
    ("press one", "en", 1),
    ("9", "en", 9),
    ("zero", "en", 0),
    ("一", "zh", 1),
    ("按二", "zh", 2),
    ("第三个", "zh", 3),
    ("零", "zh", 0),
]


@pytest.mark.parametrize("said, language, choice", MENU)
def test_menu_numbers_said_aloud(said, language, choice):
    intent = english(said, menu_size=3) if language == "en" else chinese(said, menu_size=3)
    assert (intent.kind, intent.choice) == ("menu", choice)


TIMES = [
    ("now please", "en", "now"),
    ("as soon as possible", "en", "now"),
    ("tomorrow morning at nine", "en", "2026-11-24 09:00"),
    ("at half past two", "en", "2026-11-23 14:30"),
    ("at quarter past three", "en", "2026-11-23 15:15"),
    ("quarter to four", "en", "2026-11-23 15:45"),
    ("in half an hour", "en", "2026-11-23 10:40"),
    ("in twenty minutes", "en", "2026-11-23 10:30"),
    ("tomorrow at three", "en", "2026-11-24 15:00"),
    ("this evening at seven", "en", "2026-11-23 19:00"),
    ("the day after tomorrow at 10 am", "en", "2026-11-25 10:00"),
    ("at 9:30", "en", "2026-11-23 21:30"),  # 9:30 this morning has passed: tonight
    ("明天上午九点", "zh", "2026-11-24 09:00"),
    ("下午三点半", "zh", "2026-11-24 15:30"),  # 23:10 now, so tomorrow afternoon
    ("后天早上八点一刻", "zh", "2026-11-25 08:15"),
    ("半小时后", "zh", "2026-11-23 23:40"),
    ("十分钟后", "zh", "2026-11-23 23:20"),
    ("一个小时以后", "zh", "2026-11-24 00:10"),
    ("中午一点", "zh", "2026-11-24 13:00"),
    ("明天下午两点四十五分", "zh", "2026-11-24 14:45"),
    ("现在", "zh", "now"),
    ("马上", "zh", "now"),
]


@pytest.mark.parametrize("said, language, local", TIMES)
def test_times_in_the_callers_own_words(said, language, local):
    intent = english(said) if language == "en" else chinese(said)
    when = intent.when
    assert when is not None
    assert (when.get("local") if not when["now"] else "now") == local


def test_a_time_is_stored_in_utc():
    when = english("tomorrow morning at nine").when
    assert when["at"] == "2026-11-24T14:00+00:00"


@pytest.mark.parametrize(
    "said, local",
    [
        ("i am going to the hospital", None),
        ("i am going home", None),
        ("yes i am ready to go home now", "now"),
        ("i am going to the hospital at ten a m", "2026-11-24 10:00"),
        ("i am going to the hospital at two pm", "2026-11-23 14:00"),
        ("i am going to the hospital at nine thirty p m", "2026-11-23 21:30"),
    ],
)
def test_i_am_is_the_caller_not_the_morning(said, local):
    # "am" is a morning only after a clock time: "i am going" was booked for 9 tomorrow morning.
    intent = english(said)
    when = intent.when
    assert (None if when is None else "now" if when["now"] else when["local"]) == local
    assert intent.place is not None and intent.place.label in ("City Hospital", "Home")


@pytest.mark.parametrize(
    "said, local",
    [
        ("the hospital at nine o'clock am", "2026-11-24 09:00"),
        ("the hospital at 9 o'clock a m", "2026-11-24 09:00"),
        ("the hospital at nine in the am", "2026-11-24 09:00"),
        ("the hospital at seven in the pm", "2026-11-23 19:00"),
        ("the hospital tomorrow pm", "2026-11-24 14:00"),
        ("the hospital this p m", "2026-11-23 14:00"),
    ],
)
def test_am_or_pm_after_oclock_or_a_day_is_still_its_half_of_the_day(said, local):
    # "nine o'clock am" was booked for 9 in the evening, "tomorrow pm" for 9 in the morning.
    intent = english(said)
    assert intent.when is not None and intent.when["local"] == local
    assert intent.place is not None and intent.place.label == "City Hospital"


@pytest.mark.parametrize("said", ["快一点", "慢一点好吗", "早一点"])
def test_a_bit_faster_is_not_one_oclock(said):
    assert chinese(said).when is None


@pytest.mark.parametrize("said", ["", "   ", "um", "hmm well", "。。。", "[unk]"])
def test_nothing_meaningful_is_unknown(said):
    intent = english(said)
    assert intent.kind == "unknown" and intent.confidence == 0.0


def test_places_and_times_come_together():
    intent = chinese("明天上午九点去医院")
    assert intent.place.label == "市第一人民医院"
    assert intent.when["local"] == "2026-11-24 09:00"


def test_two_places_sharing_a_name_are_not_guessed_between():
    places = [
        {"label": "Park", "aliases": ["the garden"]},
        {"label": "Garden centre", "aliases": ["the garden"]},
    ]
    intent = parse("the garden please", language="en", places=places, now=NOW)
    assert intent.place is None


def test_hostile_and_huge_input_is_handled():
    intent = english("<script>alert(1)</script> " * 500)
    assert intent.kind in INTENTS_ALLOWED
    assert english("\x00\x01 hospital").place.label == "City Hospital"


INTENTS_ALLOWED = {"unknown", "address"}


def test_there_are_at_least_sixty_utterances():
    total = (
        len(ENGLISH_PLACES)
        + len(CHINESE_PLACES)
        + len(NOT_A_PLACE)
        + len(KEYWORDS)
        + len(MENU)
        + len(TIMES)
    )
    assert total >= 60
