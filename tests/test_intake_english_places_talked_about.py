"""English callers who talk about one of their own places without asking to go (issue 29, Speech
II): news of it, someone from it, a trip there in doubt, or just come out of it gets no place; a
ride asked for after it keeps its own."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

LEEDS = [
    {"id": 1, "label": "Home", "address": "8 Harehills Lane, Leeds LS8 4EX", "is_home": 1},
    {
        "id": 2,
        "label": "St James's Hospital",
        "address": "Beckett Street, Leeds LS9 7TF",
        "aliases": ["the hospital", "jimmy's"],
    },
    {
        "id": 3,
        "label": "Kirkgate Market",
        "address": "Vicar Lane, Leeds",
        "aliases": ["the market"],
    },
    {
        "id": 4,
        "label": "Chapel Allerton Surgery",
        "address": "Town Street, Leeds",
        "aliases": ["the doctor's", "the surgery"],
    },
    {
        "id": 5,
        "label": "Roundhay Road Pharmacy",
        "address": "312 Roundhay Road, Leeds",
        "aliases": ["the chemist"],
    },
]
LOINER = speaker(
    "en", LEEDS, [{"name": "Jean", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)


@pytest.mark.parametrize(
    "text",
    [
        "they're doing up the market it's all scaffolding",
        "they've shut the chemist",
        "kirkgate market has put its prices up again",
        "the chemist put their prices up",
        "i had a letter from the hospital this morning",
        "got a letter from jimmy's about my knee",
        "they're digging the road up outside the surgery",
        "is the market still doing the pensioners' discount",
    ],
)
def test_news_of_a_place_is_no_trip(text):
    assert where(LOINER(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "the nurse from the surgery is coming round",
        "a lady from the hospital is coming round on thursday",
        "the hospital are sending someone out to see me",
        "the surgery's sending a nurse out to me",
        "someone from the chemist is popping in later",
    ],
)
def test_someone_coming_from_a_place_is_no_trip(text):
    assert where(LOINER(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "i'm not sure i'll bother with the market this week",
        "i might go to the market later i'll ring back",
        "i'll let you know about the hospital tomorrow",
        "i'll ring you back about the doctor's",
    ],
)
def test_a_trip_in_doubt_is_no_trip(text):
    assert where(LOINER(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "i've just come out of the hospital",
        "i've just come out of kirkgate market",
        "just come out of the doctor's",
    ],
)
def test_just_out_of_a_place_is_no_trip(text):
    assert where(LOINER(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i've just come out of the hospital can you take me home", "Home"),
        (
            "the nurse from the surgery is coming round later can you take me to the market first",
            "Kirkgate Market",
        ),
        ("they've shut the chemist i need to go to the hospital", "St James's Hospital"),
        ("my daughter is coming round to take me to the hospital", "St James's Hospital"),
        ("i'm popping in to the chemist", "Roundhay Road Pharmacy"),
    ],
)
def test_a_ride_asked_after_talk_of_a_place_keeps_its_own(text, label):
    assert where(LOINER(text)) == label
