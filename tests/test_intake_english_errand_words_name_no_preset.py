"""English callers who say an errand whose words are in a preset's name (issue 29, Speech II): "for
the service" is worship, not the Esso service station, and "the shops" with a market and a
supermarket is neither; the errand finds the senior's one place of its kind, as without the name."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

GLASGOW = [
    {"id": 1, "label": "Home", "address": "14 Gallowgate, Glasgow G1 5AB", "is_home": 1},
    {"id": 2, "label": "St Mary's Church", "address": "89 Abercromby Street, Glasgow G40 2DQ"},
    {"id": 3, "label": "Esso service station", "address": "London Road, Glasgow G40 3PA"},
    {"id": 4, "label": "Paddy's Market", "address": "Shipbank Lane, Glasgow G1 5QT"},
    {"id": 5, "label": "Morrisons supermarket", "address": "Duke Street, Glasgow G31 1PX"},
]
GLASWEGIAN = speaker("en", GLASGOW, now=NOW, timezone="Europe/London")

TOLEDO = [
    {"id": 1, "label": "Home", "address": "2210 Parkwood Avenue, Toledo", "is_home": 1},
    {"id": 2, "label": "Market", "address": "525 Market Street, Toledo"},
    {"id": 3, "label": "Supermarket", "address": "3301 Monroe Street, Toledo"},
    {"id": 4, "label": "Church", "address": "440 Collingwood Boulevard, Toledo"},
    {"id": 5, "label": "Marathon service station", "address": "1900 Sylvania Avenue, Toledo"},
]
OHIOAN = speaker("en", TOLEDO, now=NOW, timezone="America/New_York")

ONE_SHOP = [
    {"id": 1, "label": "Home", "address": "8 Harehills Lane, Leeds LS8 4EX", "is_home": 1},
    {"id": 2, "label": "Kirkgate Market", "address": "Vicar Lane, Leeds LS2 7HY"},
    {"id": 3, "label": "St James's Hospital", "address": "Beckett Street, Leeds LS9 7TF"},
]
LOINER = speaker("en", ONE_SHOP, now=NOW, timezone="Europe/London")


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (GLASWEGIAN, "for the service", "St Mary's Church"),
        (GLASWEGIAN, "i want to go for the service", "St Mary's Church"),
        (GLASWEGIAN, "take me to the service please", "St Mary's Church"),
        (GLASWEGIAN, "i want to go to the morning service", "St Mary's Church"),
        (OHIOAN, "for the service", "Church"),
        (OHIOAN, "i'd like to go to the evening service", "Church"),
    ],
)
def test_the_service_said_as_worship_is_their_church(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (GLASWEGIAN, "the service station", "Esso service station"),
        (GLASWEGIAN, "the esso", "Esso service station"),
        (GLASWEGIAN, "take me to the esso station", "Esso service station"),
        (OHIOAN, "the service station please", "Marathon service station"),
        (OHIOAN, "the marathon", "Marathon service station"),
    ],
)
def test_the_service_station_by_its_name_is_still_theirs(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (GLASWEGIAN, "the shops"),
        (GLASWEGIAN, "take me to the shops"),
        (GLASWEGIAN, "i want to go to the shops"),
        (OHIOAN, "the shops"),
        (OHIOAN, "take me to the shops please"),
        (OHIOAN, "i need to go to the shops"),
    ],
)
def test_the_shops_with_a_market_and_a_supermarket_is_neither(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (LOINER, "the shops", "Kirkgate Market"),
        (LOINER, "take me to the shops", "Kirkgate Market"),
        (GLASWEGIAN, "the supermarket", "Morrisons supermarket"),
        (GLASWEGIAN, "the market please", "Paddy's Market"),
        (OHIOAN, "the supermarket", "Supermarket"),
        (OHIOAN, "take me to the market", "Market"),
    ],
)
def test_one_shop_or_a_shop_by_its_kind_keeps_its_place(senior, text, label):
    assert where(senior(text)) == label


NO_CHURCH = [place for place in GLASGOW if "Church" not in place["label"]]
STATION_ONLY = speaker("en", NO_CHURCH, now=NOW, timezone="Europe/London")


@pytest.mark.parametrize(
    "text",
    [
        "the morning service",
        "the evening service please",
        "take me to the morning service",
        "the sunday service",
        "the church service",
    ],
)
def test_a_service_said_with_its_time_is_never_the_service_station(text):
    assert where(STATION_ONLY(text)) is None


@pytest.mark.parametrize(
    "text", ["the morning service", "the evening service please", "take me to the morning service"]
)
def test_a_service_said_with_its_time_is_their_church(text):
    assert where(GLASWEGIAN(text)) == "St Mary's Church"
