"""English callers who give news of a place ("its shut the market today", "the n and n sent me a
letter"), say it is not needed or already done ("i'll not need the royal now", "our karen'd taken
me to the royal already"), or name what happens there ("the legion remembrance service"): news
books no ride, and an event at a place is that place."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

PLYMOUTH = [
    {"id": 1, "label": "Home", "address": "9 Wolseley Road, Plymouth PL5 1LQ", "is_home": 1},
    {
        "id": 2,
        "label": "Derriford Hospital",
        "address": "Derriford Road, Plymouth PL6 8DH",
        "aliases": ["derriford", "the hospital"],
    },
    {
        "id": 3,
        "label": "Pannier Market",
        "address": "Cornwall Street, Plymouth PL1 1PS",
        "aliases": ["the pannier market", "the market"],
    },
    {
        "id": 4,
        "label": "Karen's House",
        "address": "38 Glen Road, Plympton, Plymouth PL7 2DD",
        "aliases": ["karen's", "our karen's"],
    },
    {
        "id": 5,
        "label": "St Budeaux Legion Club",
        "address": "Royal British Legion, Normandy Way, Plymouth PL5 1SN",
        "aliases": ["the legion", "the club"],
    },
    {
        "id": 6,
        "label": "Esso Service Station",
        "address": "Crownhill Road, Plymouth PL5 3SL",
        "aliases": ["the garage"],
    },
]
RON = speaker(
    "en", PLYMOUTH, [{"name": "Karen", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)

NORWICH = [
    {"id": 1, "label": "Home", "address": "Rose Cottage, Brooke NR15 1JW", "is_home": 1},
    {
        "id": 2,
        "label": "Norfolk and Norwich Hospital",
        "address": "Colney Lane, Norwich NR4 7UY",
        "aliases": ["the n and n", "norfolk and norwich"],
    },
    {
        "id": 3,
        "label": "Hull Royal Infirmary",
        "address": "Anlaby Road, Hull HU3 2JZ",
        "aliases": ["the royal", "the infirmary"],
    },
    {
        "id": 4,
        "label": "Western Cemetery",
        "address": "Spring Bank West, Hull HU3 1LB",
        "aliases": ["the cemetery"],
    },
    {"id": 5, "label": "Mecca Bingo", "address": "Clough Road, Hull", "aliases": ["the bingo"]},
]
ARTHUR = speaker(
    "en", NORWICH, [{"name": "Karen", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)


@pytest.mark.parametrize(
    "text",
    [
        "i'll not need the royal now",
        "i'll not need the n and n now",
        "i won't need the infirmary now",
        "our karen'd taken me to the royal already",
        "our karen'd taken me to the n and n already",
        "karen's taken me to the cemetery already",
        "the n and n sent me a letter",
        "its shut the cemetery today",
        "theres nothing on at the bingo tonight",
    ],
)
def test_news_of_a_place_or_no_need_of_it_books_no_ride(text):
    assert where(ARTHUR(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "its shut our karen's today",
        "theres no need for our karen's today",
        "its shut the market today",
    ],
)
def test_a_relatives_house_or_a_market_shut_or_not_needed_books_no_ride(text):
    assert where(RON(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "take me to the legion remembrance service",
        "the legion remembrance service please",
        "the legion service on sunday",
        "take me to the legion meeting",
        "take me to the legion dinner",
    ],
)
def test_an_event_said_after_the_short_name_is_that_place(text):
    assert where(RON(text)) == "St Budeaux Legion Club"


@pytest.mark.parametrize("text", ["take me to the morning service", "the evening service please"])
def test_a_service_with_its_time_is_still_no_service_station(text):
    assert where(RON(text)) != "Esso Service Station"


@pytest.mark.parametrize(
    "text", ["i'll take the n and n", "take me to the n and n now", "the royal please"]
)
def test_the_place_itself_is_still_asked_for(text):
    assert where(ARTHUR(text)) is not None


COVENTRY = [
    {"id": 1, "label": "Home", "address": "42 Kingfield Road, Coventry CV1 4DW", "is_home": 1},
    {
        "id": 2,
        "label": "University Hospital",
        "address": "Clifford Bridge Road, Coventry CV2 2DX",
        "aliases": ["walsgrave", "the hospital"],
    },
    {
        "id": 3,
        "label": "Coventry Market",
        "address": "Queen Victoria Road, Coventry CV1 3HT",
        "aliases": ["the market"],
    },
    {
        "id": 4,
        "label": "Radford Social Club",
        "address": "61 Jubilee Crescent, Coventry CV6 3EX",
        "aliases": ["the club"],
    },
    {
        "id": 5,
        "label": "St Aldhelm's Church",
        "address": "Chapel Street, Coventry CV1 4AA",
        "aliases": ["the church"],
    },
    {
        "id": 6,
        "label": "Southville Centre",
        "address": "Beauley Road, Coventry CV3 1AA",
        "aliases": ["the centre"],
    },
]
TREVOR = speaker("en", COVENTRY, now=NOW, timezone="Europe/London")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the hospital fete at the centre", "Southville Centre"),
        ("the hospital league of friends sale at the market", "Coventry Market"),
        ("the club bingo at the hospital", "University Hospital"),
        ("the church dinner at the market", "Coventry Market"),
        ("my friend's funeral at the church", "St Aldhelm's Church"),
        ("the market food fair at the club", "Radford Social Club"),
        ("the park fun day at the church", "St Aldhelm's Church"),
        ("the bingo night at the hospital", "University Hospital"),
        ("the church choir is singing at the hospital take me there", "University Hospital"),
    ],
)
def test_an_event_at_a_place_is_where_it_is_held(text, label):
    assert where(TREVOR(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("take me to the club bingo", "Radford Social Club"),
        ("take me to the club dinner", "Radford Social Club"),
        ("i want to go to the club meeting please", "Radford Social Club"),
        ("take me to the hospital appointment", "University Hospital"),
        ("i want to go to the hospital fete please", "University Hospital"),
        ("take me to the church bingo", "St Aldhelm's Church"),
        ("i want to go to the church dinner please", "St Aldhelm's Church"),
        ("take me to the centre bingo", "Southville Centre"),
        ("i want to go to the centre lunch please", "Southville Centre"),
    ],
)
def test_a_kind_said_with_its_event_is_their_place_of_that_kind(text, label):
    assert where(TREVOR(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("take me to the legion after church", "St Budeaux Legion Club"),
        ("take me to the market after church", "Pannier Market"),
        ("take me to derriford after work", "Derriford Hospital"),
        ("the legion after the funeral please", "St Budeaux Legion Club"),
    ],
)
def test_a_kind_said_in_a_clause_of_when_is_no_other_place(text, label):
    assert where(RON(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("derriford my daughter is meeting me", "Derriford Hospital"),
        ("take me to the market my daughter is meeting me", "Pannier Market"),
        ("the legion karen is meeting me there", "St Budeaux Legion Club"),
    ],
)
def test_a_relative_who_meets_the_caller_there_is_not_where_to(text, label):
    assert where(RON(text)) == label


def test_the_relatives_own_house_is_still_theirs():
    assert where(RON("take me to my daughter's")) == "Karen's House"
