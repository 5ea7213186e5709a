"""A preset an English caller names by the suburb or town of its address alone (issue 29, Speech
II), in sentences written here for callers of other towns: "out to hillsborough please" is the one
place there; another place in that suburb, or a town all their places share, is none."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 15, 30, tzinfo=datetime.UTC)

SHEFFIELD = [
    {"id": 1, "label": "Home", "address": "31 Abbey Lane, Beauchief, Sheffield S8 0BN"},
    {
        "id": 2,
        "label": "Northern General Hospital",
        "address": "Herries Road, Sheffield S5 7AU",
        "aliases": ["the hospital"],
    },
    {
        "id": 3,
        "label": "Julie's House",
        "address": "12 Middlewood Road, Hillsborough, Sheffield S6 4HA",
        "aliases": ["julie's", "our julie's"],
    },
    {
        "id": 4,
        "label": "St John's Church",
        "address": "Ranmoor Park Road, Ranmoor, Sheffield S10 3GX",
        "aliases": ["church"],
    },
]
SHEFFIELD_CALLER = speaker(
    "en",
    SHEFFIELD,
    [{"name": "Julie", "relation": "daughter"}],
    now=NOW,
    timezone="Europe/London",
)

TULSA = [
    {"id": 1, "label": "Home", "address": "1207 South Main Street, Broken Arrow, OK 74012"},
    {
        "id": 2,
        "label": "Hillcrest Medical Center",
        "address": "1120 South Utica Avenue, Tulsa, OK 74104",
        "aliases": ["the hospital"],
    },
    {
        "id": 3,
        "label": "Ray's Place",
        "address": "4410 North Cincinnati Avenue, Tulsa, OK 74126",
        "aliases": ["ray's"],
    },
]
TULSA_CALLER = speaker(
    "en", TULSA, [{"name": "Ray", "relation": "son"}], now=NOW, timezone="America/Chicago"
)


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("out to hillsborough please", "Julie's House"),
        ("hillsborough", "Julie's House"),
        ("er ranmoor please", "St John's Church"),
        ("back to beauchief", "Home"),
    ],
)
def test_the_one_place_in_a_suburb_is_named_by_it(said: str, label: str) -> None:
    assert where(SHEFFIELD_CALLER(said)) == label


def test_the_one_place_in_a_town_is_named_by_it() -> None:
    assert where(TULSA_CALLER("broken arrow please")) == "Home"


@pytest.mark.parametrize(
    "said",
    [
        # Hard negatives: another place in the suburb, and the city all their places share.
        "the library in hillsborough",
        "hillsborough park for the band",
        "the chippy at ranmoor",
        "into sheffield please",
    ],
)
def test_another_place_in_the_suburb_is_none_of_theirs(said: str) -> None:
    assert where(SHEFFIELD_CALLER(said)) is None


def test_a_city_two_places_share_names_neither() -> None:
    assert where(TULSA_CALLER("tulsa please")) is None
