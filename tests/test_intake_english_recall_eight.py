"""English a careful operator understands and the intake missed or misplaced (issue 29, Speech II),
in sentences written here for callers of other towns: a remark on the heat or cold with its
temperature and its day, North East Scots questions, corrections that say the wrong name again or
put the one meant first, and a place told by its own name around a landmark."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 15, 30, tzinfo=datetime.UTC)

INVERNESS = [
    {
        "id": 1,
        "label": "Home",
        "address": "12 Culduthel Road, Inverness IV2 4AG",
        "aliases": ["hame", "culduthel road"],
    },
    {
        "id": 2,
        "label": "Raigmore Hospital",
        "address": "Old Perth Road, Inverness IV2 3UJ",
        "aliases": ["raigmore", "the hospital"],
    },
    {
        "id": 3,
        "label": "Tesco Inshes",
        "address": "Sir Walter Scott Drive, Inverness",
        "aliases": ["tesco", "the big tesco"],
    },
    {
        "id": 4,
        "label": "Isla's House",
        "address": "7 Lochalsh Road, Inverness",
        "aliases": ["isla's", "lochalsh road"],
    },
    {
        "id": 5,
        "label": "Merkinch Lunch Club",
        "address": "Grant Street, Inverness",
        "aliases": ["the lunch club", "merkinch"],
    },
]
HIGHLANDER = speaker(
    "en",
    INVERNESS,
    [{"name": "Isla", "relation": "daughter"}, {"name": "Callum", "relation": "son"}],
    now=NOW,
    timezone="Europe/London",
)

PERTH = [
    {"id": 1, "label": "Home", "address": "4 Hale Road, Forrestfield WA", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Fiona Stanley Hospital",
        "address": "11 Robin Warren Drive, Murdoch WA",
        "aliases": ["fiona stanley", "the hospital"],
    },
    {
        "id": 3,
        "label": "Kalamunda Markets",
        "address": "Central Mall, Kalamunda WA",
        "aliases": ["the markets"],
    },
    {
        "id": 4,
        "label": "Shane's Place",
        "address": "21 Berkshire Road, Forrestfield WA",
        "aliases": ["shane's"],
    },
    {
        "id": 5,
        "label": "Kalamunda Bowling Club",
        "address": "Canning Road, Kalamunda WA",
        "aliases": ["the bowls club", "bowls"],
    },
]
SANDGROPER = speaker(
    "en",
    PERTH,
    [{"name": "Shane", "relation": "son"}, {"name": "Debbie", "relation": "daughter"}],
    now=NOW,
    timezone="Australia/Perth",
)

TUCSON = [
    {"id": 1, "label": "Home", "address": "3300 East Pima Street, Tucson AZ", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Banner University Medical Center",
        "address": "1625 North Campbell Avenue, Tucson AZ",
        "aliases": ["banner", "the university hospital"],
    },
    {
        "id": 3,
        "label": "Walgreens Speedway",
        "address": "3302 East Speedway Boulevard, Tucson AZ",
        "aliases": ["walgreens", "the pharmacy"],
    },
    {
        "id": 4,
        "label": "Ellie Towne Senior Center",
        "address": "1660 West Ruthrauff Road, Tucson AZ",
        "aliases": ["the senior center", "ellie towne"],
    },
    {
        "id": 5,
        "label": "Rosa's House",
        "address": "910 West Calle Sur, Tucson AZ",
        "aliases": ["rosa's"],
    },
    {
        "id": 6,
        "label": "Safeway Grant Road",
        "address": "3360 East Grant Road, Tucson AZ",
        "aliases": ["safeway"],
    },
]
ARIZONAN = speaker(
    "en",
    TUCSON,
    [{"name": "Rosa", "relation": "daughter"}, {"name": "Manny", "relation": "son"}],
    now=NOW,
    timezone="America/Phoenix",
)


@pytest.mark.parametrize(
    ("speak", "said"),
    [
        (SANDGROPER, "stinking hot today thirty eight degrees on the radio"),
        (SANDGROPER, "a warm one today thirty five degrees at the airport"),
        (SANDGROPER, "a scorcher this afternoon forty one degrees they said"),
        (HIGHLANDER, "it's awfy cauld the day"),
        (HIGHLANDER, "minus four this morning they reckon"),
        (HIGHLANDER, "twelve below zero the day would you credit it"),
    ],
)
def test_a_remark_on_the_heat_or_cold_books_no_time(speak, said):
    intent = speak(said)
    assert intent.kind == "unknown"
    assert intent.when is None


def test_a_temperature_said_with_a_ride_keeps_the_ride_and_its_hour():
    intent = SANDGROPER("thirty eight degrees today take me to the markets at two")
    assert where(intent) == "Kalamunda Markets"
    assert intent.when is not None and intent.when["local"].endswith("14:00")


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("far's ma taxi", "status"),
        ("fit did ye say there", "repeat"),
        ("put me through tae ma son callum", "family"),
    ],
)
def test_north_east_scots_questions_and_asks(said, kind):
    assert HIGHLANDER(said).kind == kind


def test_north_east_scots_going_to_one_of_theirs_with_friends():
    intent = HIGHLANDER("doon tae merkinch for a blether wi the ither lassies")
    assert where(intent) == "Merkinch Lunch Club"


@pytest.mark.parametrize(
    ("speak", "said", "meant"),
    [
        (
            SANDGROPER,
            "shane's no not shane's the bowls club it's pennants",
            "Kalamunda Bowling Club",
        ),
        (HIGHLANDER, "tesco no not tesco isla's she's got the kettle on", "Isla's House"),
        (HIGHLANDER, "callum's no not callum's isla's she's got the kettle on", "Isla's House"),
        (
            SANDGROPER,
            "debbie's no not debbie's shane's place he's got the grandkids",
            "Shane's Place",
        ),
        (ARIZONAN, "banner no no first walgreens for my insulin", "Walgreens Speedway"),
        (ARIZONAN, "safeway no first the pharmacy", "Walgreens Speedway"),
        (ARIZONAN, "safeway i mean walgreens no safeway", "Safeway Grant Road"),
    ],
)
def test_a_correction_that_repeats_the_wrong_name_or_puts_the_meant_first(speak, said, meant):
    assert where(speak(said)) == meant


def test_a_place_told_by_its_own_name_around_a_landmark_is_that_place():
    intent = ARIZONAN("the old reid park no ellie towne the senior center by ellie towne")
    assert where(intent) == "Ellie Towne Senior Center"


@pytest.mark.parametrize(
    "said",
    [
        "the library by ellie towne",
        "the big senior center across from ellie towne",
    ],
)
def test_another_place_beside_one_of_theirs_is_none_of_theirs(said):
    assert where(ARIZONAN(said)) is None
