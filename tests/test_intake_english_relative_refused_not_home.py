"""English callers who refuse a relative's home (issue 29, Speech II): "not going to karen's house"
refuses Karen's house whole, and the word "house" left after the name is never read as Home; a
place asked for after the refusal is still where."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

CARLISLE = [
    {
        "id": 1,
        "label": "Home",
        "address": "27 Brook Street, Carlisle",
        "is_home": 1,
        "aliases": ["home", "brook street"],
    },
    {
        "id": 2,
        "label": "Cumberland Infirmary",
        "address": "Newtown Road, Carlisle",
        "aliases": ["the infirmary", "the cumberland", "hospital"],
    },
    {
        "id": 3,
        "label": "Sainsbury's",
        "address": "Church Street, Carlisle",
        "aliases": ["sainsburys", "the supermarket"],
    },
    {
        "id": 4,
        "label": "Karen's House",
        "address": "8 Beech Grove, Stanwix, Carlisle",
        "aliases": ["karen's", "our karen's"],
    },
    {
        "id": 5,
        "label": "Upperby Bowling Club",
        "address": "London Road, Upperby, Carlisle",
        "aliases": ["the bowls", "bowling club"],
    },
]
WILF = speaker(
    "en",
    CARLISLE,
    [{"name": "Karen", "relation": "daughter"}, {"name": "Stephen", "relation": "son"}],
    now=NOW,
    timezone="Europe/London",
)

PHOENIX = [
    {"id": 1, "label": "Home", "address": "4120 West Camelback Road, Phoenix", "is_home": 1},
    {"id": 2, "label": "Banner Hospital", "address": "1111 East McDowell Road, Phoenix"},
    {"id": 3, "label": "Susan's house", "address": "19 North 7th Street, Phoenix"},
]
MARGE = speaker(
    "en",
    PHOENIX,
    [{"name": "Susan", "relation": "daughter"}],
    now=NOW,
    timezone="America/Phoenix",
)


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (WILF, "i'm not going to karen's house today"),
        (WILF, "if it rains i won't go to karen's house"),
        (WILF, "i'm not going to karen's place"),
        (WILF, "i'm not going to our karen's flat today"),
        (WILF, "i won't go to karen's"),
        (WILF, "don't take me to my daughter's house"),
        (MARGE, "i'm not going to susan's house today"),
        (MARGE, "i won't go to susan's place"),
        (MARGE, "don't take me to my daughter's house"),
    ],
)
def test_a_relatives_home_refused_books_nothing(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (WILF, "not karen's house, take me home", "Home"),
        (WILF, "i'm not going to karen's house take me to the infirmary", "Cumberland Infirmary"),
        (WILF, "karen's house please", "Karen's House"),
        (MARGE, "not susan's house, take me home", "Home"),
        (MARGE, "take me to my daughter's house", "Susan's house"),
    ],
)
def test_a_place_asked_for_after_it_is_where(senior, text, label):
    assert where(senior(text)) == label
