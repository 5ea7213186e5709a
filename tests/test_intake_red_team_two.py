"""A second red team's findings on the intake parser: the day told as today's is not the ride's
day, and a plan told with what stands in its way asks for no ride."""

import datetime

import pytest

from tests.speaking import speaker, where

# A Sunday afternoon in Atlanta; a Monday evening in Changsha.
ENGLISH_NOW = datetime.datetime(2026, 12, 6, 21, 20, tzinfo=datetime.UTC)
CHINESE_NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
PLACES = [
    {
        "id": 1,
        "label": "Home",
        "address": "412 West 14th Street NW",
        "aliases": ["home"],
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "Grady Memorial Hospital",
        "address": "80 Jesse Hill Jr Drive SE",
        "aliases": ["grady", "the hospital"],
    },
    {"id": 3, "label": "Kroger", "address": "725 Ponce de Leon Avenue", "aliases": ["kroger"]},
    {"id": 4, "label": "Linda's House", "address": "22 Oak Lane", "aliases": ["my daughter's"]},
    {"id": 5, "label": "Dr. Patel", "address": "310 East 10th Street", "aliases": ["the doctor"]},
]
CONTACTS = [{"name": "Linda", "relation": "daughter"}]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "芙蓉区五一大道88号", "aliases": ["家里"], "is_home": 1},
    {"id": 2, "label": "湘雅医院", "address": "开福区湘雅路87号", "aliases": ["医院"]},
    {"id": 3, "label": "步步高超市", "address": "五一大道200号", "aliases": ["超市"]},
]
CHINESE_CONTACTS = [{"name": "王丽华", "relation": "daughter"}]

english = speaker("en", PLACES, CONTACTS, now=ENGLISH_NOW, timezone="America/New_York")
chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, now=CHINESE_NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        (
            "today is sunday i need to go to grady on friday",
            "Grady Memorial Hospital",
            "2026-12-11",
        ),
        ("it's sunday today take me to grady on friday", "Grady Memorial Hospital", "2026-12-11"),
        ("today's sunday, take me to kroger on tuesday", "Kroger", "2026-12-08"),
        ("it is sunday today and i want to go to kroger on wednesday", "Kroger", "2026-12-09"),
        ("今天 星期一 星期五 去 医院", "湘雅医院", "2026-12-11"),
        ("今天 是 星期一 我 要 星期五 去 医院", "湘雅医院", "2026-12-11"),
        ("今天 礼拜一 礼拜三 去 超市", "步步高超市", "2026-12-09"),
    ],
)
def test_the_day_told_as_today_is_not_the_rides_day(text, place, day):
    intent = english(text) if text.isascii() else chinese(text)
    assert where(intent) == place
    assert intent.when is not None and not intent.when["now"]
    assert intent.when["local"] == f"{day} 09:00"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("it's sunday take me to grady", "Grady Memorial Hospital"),
        ("今天 星期一 去 医院", "湘雅医院"),
    ],
)
def test_today_told_with_no_other_day_is_still_today(text, place):
    intent = english(text) if text.isascii() else chinese(text)
    assert where(intent) == place
    assert intent.when is None or intent.when["now"] or intent.when["local"].startswith("2026-12-0")


@pytest.mark.parametrize(
    "text",
    [
        "i'm supposed to go to grady on friday but linda is taking me",
        "i'm supposed to go to my daughter's but she's sick",
        "i'm supposed to go to the hospital but i don't want to",
        "i'm supposed to go to the doctor but i forgot when",
        "i have to go to kroger tomorrow but my son will take me",
    ],
)
def test_a_plan_told_with_what_stands_in_its_way_books_nothing(text):
    intent = english(text)
    assert intent.kind == "unknown"
    assert where(intent) is None


@pytest.mark.parametrize(
    "text",
    [
        "i'm supposed to go to grady what time is my ride",
        "what time is my ride",
        "when's the car",
    ],
)
def test_what_time_the_ride_is_asks_after_it(text):
    assert english(text).kind == "status"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("i'm supposed to go to the hospital", "Grady Memorial Hospital"),
        ("i'm supposed to go to grady but i have no way to get there", "Grady Memorial Hospital"),
        (
            "i need to go to grady but i don't want to go alone can you take me",
            "Grady Memorial Hospital",
        ),
    ],
)
def test_a_plan_with_no_obstacle_still_asks(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "the representative from grady told me to come",
        "a rep from kroger called",
        "the rep at the doctor's office rang me",
    ],
)
def test_someone_from_a_place_is_no_person_asked_for(text):
    assert english(text).kind != "operator"


@pytest.mark.parametrize("text", ["representative", "representative please", "get me a rep"])
def test_a_representative_asked_for_is_still_a_person(text):
    assert english(text).kind == "operator"
