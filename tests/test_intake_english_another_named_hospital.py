"""English callers who name another hospital that shares one word with a short name of theirs
(issue 29, Speech II): "the royal alexandra" is not the senior's Royal Infirmary known as "the
royal", since a name said after the short name makes it another place; the short name alone, or
with what callers say after a place (a time, a reason, a thanks), is still theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

GLASGOW = [
    {"id": 1, "label": "Home", "address": "14 Gallowgate, Glasgow G1 5AB", "is_home": 1},
    {
        "id": 2,
        "label": "Glasgow Royal Infirmary",
        "address": "84 Castle Street, Glasgow G4 0SF",
        "aliases": ["the royal", "the infirmary"],
    },
    {"id": 3, "label": "St Mary's Church", "address": "89 Abercromby Street, Glasgow G40 2DQ"},
    {"id": 4, "label": "Tesco", "address": "Parkhead Forge, Glasgow G31 4EB"},
]
GLASWEGIAN = speaker(
    "en", GLASGOW, [{"name": "Linda", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)

HULL = [
    {"id": 1, "label": "Home", "address": "22 Hessle Road, Hull HU3 2AA", "is_home": 1},
    {
        "id": 2,
        "label": "Hull Royal Infirmary",
        "address": "Anlaby Road, Hull HU3 2JZ",
        "aliases": ["the royal", "hri"],
    },
    {"id": 3, "label": "Asda Hessle Road", "address": "Hessle Road, Hull HU3 4BB"},
]
HULLENSIAN = speaker("en", HULL, now=NOW, timezone="Europe/London")


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (GLASWEGIAN, "the royal alexandra"),
        (GLASWEGIAN, "take me to the royal alexandra"),
        (GLASWEGIAN, "the royal alexandra hospital"),
        (GLASWEGIAN, "i need to go to the royal alexandra please"),
        (HULLENSIAN, "the royal victoria"),
        (HULLENSIAN, "take me to the royal marsden"),
        (HULLENSIAN, "the royal berkshire hospital please"),
    ],
)
def test_another_name_after_their_short_name_is_another_hospital(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (GLASWEGIAN, "the royal", "Glasgow Royal Infirmary"),
        (GLASWEGIAN, "the royal please", "Glasgow Royal Infirmary"),
        (GLASWEGIAN, "take me to the royal infirmary", "Glasgow Royal Infirmary"),
        (GLASWEGIAN, "the royal about me chest", "Glasgow Royal Infirmary"),
        (GLASWEGIAN, "the royal for my appointment", "Glasgow Royal Infirmary"),
        (GLASWEGIAN, "the royal tomorrow at ten", "Glasgow Royal Infirmary"),
        (GLASWEGIAN, "the royal hen", "Glasgow Royal Infirmary"),
        (GLASWEGIAN, "tesco please", "Tesco"),
        (HULLENSIAN, "the royal thank you", "Hull Royal Infirmary"),
        (HULLENSIAN, "the royal again", "Hull Royal Infirmary"),
        (HULLENSIAN, "take me by the royal once", "Hull Royal Infirmary"),
        (
            HULLENSIAN,
            "i was at the royal yesterday i need to go back today",
            "Hull Royal Infirmary",
        ),
    ],
)
def test_their_short_name_alone_or_with_what_follows_a_place_is_theirs(senior, text, label):
    assert where(senior(text)) == label
