"""English callers who say an event and where it is held ("the church service at the hospital"):
the ride goes where it is held, one of theirs or none, and never to their own church when it is
held somewhere else."""

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
    {"id": 4, "label": "Banner Hospital", "address": "1111 East McDowell Road"},
    {"id": 5, "label": "Phoenix Public Market", "address": "14 East Pierce Street"},
]
ARIZONAN = speaker("en", PHOENIX, now=NOW, timezone="America/Phoenix")


# A red team's lines on a rule that took the event's own kind of place ("church service" → their
# church) over where it was held: it booked their church for a service at the crematorium.
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the church service at the hospital", "Banner Hospital"),
        ("take me to the church service at the market", "Phoenix Public Market"),
        ("the church service at the park", "Encanto Park"),
    ],
)
def test_an_event_held_at_one_of_their_places_is_that_place(text, place):
    assert where(ARIZONAN(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "the church service at the crematorium",
        "the church service at the cathedral downtown",
    ],
)
def test_an_event_held_somewhere_else_is_never_their_church(text):
    assert where(ARIZONAN(text)) != "Grace Lutheran Church"


@pytest.mark.parametrize("text", ["the park", "take me to the park please"])
def test_the_park_alone_is_still_the_park(text):
    assert where(ARIZONAN(text)) == "Encanto Park"
