"""Ordinary words of speech that are also one preset's own word ("good" of Good Companions Club,
"the day" of The Day Centre, "first" of First Methodist) name no place alone (issue 29, Speech
II, from the red team's lines): said with the rest of the name, or beside another of the
caller's places, they still find it."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 15, 30, tzinfo=datetime.UTC)

PAISLEY = [
    {"id": 1, "label": "Home", "address": "12 Causeyside Street, Paisley PA1 1UR", "aliases": []},
    {
        "id": 2,
        "label": "Royal Alexandra Hospital",
        "address": "Corsebar Road, Paisley PA2 9PN",
        "aliases": ["the r a h"],
    },
    {"id": 3, "label": "Good Companions Club", "address": "Glasgow Road, Paisley", "aliases": []},
    {"id": 4, "label": "The Day Centre", "address": "Lonend, Paisley PA1 1SU", "aliases": []},
    {
        "id": 5,
        "label": "First Methodist Church",
        "address": "Neilston Road, Paisley",
        "aliases": [],
    },
]
CALLER = speaker(
    "en", PAISLEY, [{"name": "Isla", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)


@pytest.mark.parametrize(
    "said",
    [
        "that's good to know",
        "good",
        "it's awfy cold the day",
        "no the day",
        "first thing tomorrow",
        "at first i wasn't sure",
    ],
)
def test_an_ordinary_word_alone_names_no_place(said: str) -> None:
    assert where(CALLER(said)) is None


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("the good companions", "Good Companions Club"),
        ("the day centre the day", "The Day Centre"),
        ("first methodist please", "First Methodist Church"),
        ("first thing tomorrow the r a h", "Royal Alexandra Hospital"),
        ("the day centre please", "The Day Centre"),
    ],
)
def test_with_the_rest_of_its_name_or_another_place_it_is_still_found(
    said: str, label: str
) -> None:
    assert where(CALLER(said)) == label
