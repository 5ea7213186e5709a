"""English callers who say an event that names its own kind of place and where it is held ("the
church service at the park"): the event is where they go, their church or none, and the place
after "at" only says where it is, never a ride to their park."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

PHOENIX = [
    {"id": 1, "label": "Home", "address": "1420 Saguaro Drive", "is_home": 1},
    {"id": 2, "label": "Grace Lutheran Church", "address": "18 Palm Lane", "aliases": ["church"]},
    {
        "id": 3,
        "label": "Encanto Park",
        "address": "2705 North 15th Avenue",
        "aliases": ["the park"],
    },
]
ARIZONAN = speaker("en", PHOENIX, now=NOW, timezone="America/Phoenix")
NO_CHURCH = speaker(
    "en", [place for place in PHOENIX if place["id"] != 2], now=NOW, timezone="America/Phoenix"
)


@pytest.mark.parametrize(
    "text", ["the church service at the park", "take me to the church service at the park"]
)
def test_the_church_service_at_the_park_is_their_church(text):
    assert where(ARIZONAN(text)) == "Grace Lutheran Church"


@pytest.mark.parametrize(
    "text", ["the church service at the park", "take me to the church service at the park"]
)
def test_the_church_service_at_the_park_is_never_the_park(text):
    assert where(NO_CHURCH(text)) is None


@pytest.mark.parametrize("text", ["the park", "take me to the park please"])
def test_the_park_alone_is_still_the_park(text):
    assert where(NO_CHURCH(text)) == "Encanto Park"
