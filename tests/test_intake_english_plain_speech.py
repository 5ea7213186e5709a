"""English callers of sets U and X (issue 29, Speech II): someone else's habit said without the
verb's -s ("my husband he go to the mosque") or by where they live ("the lad next door"), and a
remark on the weather, name no place of the caller's; the caller's own trips beside them keep
theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

DEARBORN = [
    {
        "id": 1,
        "label": "Home",
        "address": "7120 Kendal Street, Dearborn, MI 48126",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Beaumont Hospital Dearborn",
        "address": "18101 Oakwood Boulevard, Dearborn, MI 48124",
        "aliases": ["beaumont", "the hospital"],
    },
    {
        "id": 3,
        "label": "ACCESS Clinic",
        "address": "6451 Schaefer Road, Dearborn, MI 48126",
        "aliases": ["the clinic"],
    },
    {
        "id": 4,
        "label": "Islamic Center of America",
        "address": "19500 Ford Road, Dearborn, MI 48128",
        "aliases": ["the mosque", "the center"],
    },
    {
        "id": 5,
        "label": "Amira's House",
        "address": "2240 Hartwell Street, Dearborn, MI 48124",
        "aliases": ["amira's", "my daughter"],
    },
]
DEARBORN_CALLER = speaker(
    "en",
    DEARBORN,
    [{"name": "Amira", "relation": "daughter"}, {"name": "Hassan", "relation": "son"}],
    now=NOW,
    timezone="America/Detroit",
)

CONSETT = [
    {"id": 1, "label": "Home", "address": "4 Front Street, Consett DH8 5AB", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Shotley Bridge Hospital",
        "address": "Shotley Bridge, Consett DH8 0NB",
        "aliases": ["the hospital", "shotley bridge"],
    },
    {
        "id": 3,
        "label": "Blackhill Bowling Club",
        "address": "Blackhill Park, Consett DH8 8JX",
        "aliases": ["the bowls", "bowling club"],
    },
    {
        "id": 4,
        "label": "Morrisons Consett",
        "address": "Delves Lane, Consett DH8 7PE",
        "aliases": ["morrisons"],
    },
]
CONSETT_CALLER = speaker(
    "en",
    CONSETT,
    [{"name": "Gillian", "relation": "daughter"}, {"name": "Norman", "relation": "brother"}],
    now=NOW,
    timezone="Europe/London",
)


@pytest.mark.parametrize(
    "text",
    [
        "my wife she go to the clinic every monday for her sugar",
        "hassan he go to the mosque on fridays",
        "my brother go to beaumont for his heart on tuesday",
        "amira she always go to the hospital for her work",
    ],
)
def test_someone_elses_habit_said_without_its_s_is_no_place(text):
    assert where(DEARBORN_CALLER(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "the woman next door goes to the hospital every week for her legs",
        "the fella upstairs gans to the bowls every saturday",
        "our norman gans up to morrisons on a thursday",
        "the lad across the road go to the bowls most days",
    ],
)
def test_a_neighbour_or_a_northern_goes_on_a_habit_is_no_place(text):
    assert where(CONSETT_CALLER(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i go to the clinic on monday", "ACCESS Clinic"),
        ("my daughter she go with me to the clinic", "ACCESS Clinic"),
        ("me and my wife go to the mosque today", "Islamic Center of America"),
        ("take me to the hospital my husband he go to work", "Beaumont Hospital Dearborn"),
    ],
)
def test_the_callers_own_trip_beside_anothers_habit_keeps_its_place(text, label):
    assert where(DEARBORN_CALLER(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i'll gan to the bowls now", "Blackhill Bowling Club"),
        ("take us up the hospital the woman next door sees to my cat", "Shotley Bridge Hospital"),
        ("the bowls please pet", "Blackhill Bowling Club"),
    ],
)
def test_the_callers_own_trip_in_the_north_keeps_its_place(text, label):
    assert where(CONSETT_CALLER(text)) == label
