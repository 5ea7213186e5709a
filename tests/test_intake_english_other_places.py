"""English callers who name a place that is none of their presets (issue 29, Speech II): someone
else's weekly trip, or another place sharing one word with a preset, gets no place, and the true
request beside it keeps its own."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

INVERNESS = [
    {
        "id": 1,
        "label": "Home",
        "address": "14 Culduthel Road, Inverness IV2 4AG",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Royal Northern Infirmary",
        "address": "Ness Walk, Inverness IV3 5SF",
        "aliases": ["the infirmary", "the r n i"],
    },
    {
        "id": 3,
        "label": "Tesco Inshes",
        "address": "Sir Walter Scott Drive, Inverness IV2 3TW",
        "aliases": ["tesco"],
    },
    {
        "id": 4,
        "label": "Eilidh's House",
        "address": "3 Lochalsh Road, Inverness IV3 8HW",
        "aliases": ["eilidh's"],
    },
    {
        "id": 5,
        "label": "St Stephen's Church",
        "address": "Southside Road, Inverness IV2 4XA",
        "aliases": ["the church"],
    },
    {
        "id": 6,
        "label": "Merkinch Bowling Club",
        "address": "Thornbush Road, Inverness IV3 8LA",
        "aliases": ["the bowling club", "the bowls"],
    },
]
HIGHLANDER = speaker(
    "en",
    INVERNESS,
    [{"name": "Eilidh", "relation": "daughter"}, {"name": "Callum", "relation": "son"}],
    now=NOW,
    timezone="Europe/London",
)


@pytest.mark.parametrize(
    "text",
    [
        "eilidh goes to the infirmary on tuesdays she's a nurse there",
        "my son goes to the bowling club every friday",
        "callum he goes to the church on a sunday",
        "my daughter usually goes up to tesco on a thursday",
    ],
)
def test_someone_elses_weekly_trip_is_no_place_of_the_callers(text):
    assert where(HIGHLANDER(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the infirmary on tuesday please", "Royal Northern Infirmary"),
        ("eilidh's going with me to the infirmary on tuesday", "Royal Northern Infirmary"),
        ("take me to the bowling club my son goes there too", "Merkinch Bowling Club"),
        ("tesco please", "Tesco Inshes"),
    ],
)
def test_the_callers_own_trip_beside_anothers_keeps_its_place(text, label):
    assert where(HIGHLANDER(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "the merkinch rsl for the meat raffle",
        "royal highland to visit my friend",
        "royal highland tae see ma pal",
        "the northern meeting for the games",
    ],
)
def test_one_word_of_a_preset_with_another_name_is_another_place(text):
    assert where(HIGHLANDER(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("merkinch for the bowls", "Merkinch Bowling Club"),
        ("the royal northern to see the nurse", "Royal Northern Infirmary"),
        ("take me tae the infirmary", "Royal Northern Infirmary"),
        ("the infirmary please love", "Royal Northern Infirmary"),
        ("merkinch please", "Merkinch Bowling Club"),
    ],
)
def test_a_preset_said_loosely_keeps_its_place(text, label):
    assert where(HIGHLANDER(text)) == label


@pytest.mark.parametrize("text", ["the church on grove road", "tesco over on court street"])
def test_a_preset_on_a_street_named_by_a_street_word_is_another_branch(text):
    assert where(HIGHLANDER(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the church on southside road", "St Stephen's Church"),
        ("the tesco on sir walter scott drive", "Tesco Inshes"),
    ],
)
def test_a_preset_on_its_own_street_keeps_its_place(text, label):
    assert where(HIGHLANDER(text)) == label
