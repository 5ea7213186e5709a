"""English callers who name a district two of their presets share get no place (issue 29, Speech
II), and the true requests beside it, a one-word name said whole or a district only one preset
has, keep their place."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

PAISLEY = [
    {
        "id": 1,
        "label": "Home",
        "address": "9 Causeyside Street, Ferguslie, Paisley PA1 1UR",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Royal Alexandra Hospital",
        "address": "Corsebar Road, Paisley PA2 9PN",
        "aliases": ["the royal"],
    },
    {
        "id": 3,
        "label": "Asda Ferguslie",
        "address": "Ferguslie Park Avenue, Ferguslie, Paisley PA3 1BX",
        "aliases": ["asda"],
    },
    {
        "id": 4,
        "label": "Morven's House",
        "address": "12 Glenburn Road, Paisley PA2 8JF",
        "aliases": ["morven's"],
    },
    {
        "id": 5,
        "label": "Piazza Shopping Centre",
        "address": "Central Way, Paisley PA1 1EL",
        "aliases": ["the piazza"],
    },
    {
        "id": 6,
        "label": "Renfrew Victory Baths",
        "address": "Inchinnan Road, Renfrew PA4 8ND",
        "aliases": ["the baths"],
    },
]
RENFREWSHIRE = speaker(
    "en",
    PAISLEY,
    [{"name": "Morven", "relation": "daughter"}],
    now=NOW,
    timezone="Europe/London",
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the royal", "Royal Alexandra Hospital"),
        ("the royal please", "Royal Alexandra Hospital"),
        ("the royal for my appointment", "Royal Alexandra Hospital"),
        ("the royal alexandra", "Royal Alexandra Hospital"),
        ("asda tomorrow morning", "Asda Ferguslie"),
        ("asda ferguslie", "Asda Ferguslie"),
        ("asda for my messages", "Asda Ferguslie"),
        ("the piazza please", "Piazza Shopping Centre"),
    ],
)
def test_a_one_word_name_said_whole_keeps_its_place(text, label):
    assert where(RENFREWSHIRE(text)) == label


@pytest.mark.parametrize("text", ["take me to ferguslie", "ferguslie please", "up to ferguslie"])
def test_a_district_two_presets_share_names_neither(text):
    assert where(RENFREWSHIRE(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the asda in ferguslie", "Asda Ferguslie"),
        ("asda please", "Asda Ferguslie"),
        # Renfrew is the baths' own town and no other preset's.
        ("take me to renfrew", "Renfrew Victory Baths"),
    ],
)
def test_a_district_only_one_preset_has_keeps_its_place(text, label):
    assert where(RENFREWSHIRE(text)) == label
