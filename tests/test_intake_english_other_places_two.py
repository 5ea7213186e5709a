"""English callers who name another place by one word of a preset's own (issue 29, Speech II):
another name after a one-word name said whole, a district two presets share, get no place; the
caller saying again what they said, or a Scots "nae bother", is read as meant; the true requests
beside them keep their place."""

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

SAVANNAH = [
    {"id": 1, "label": "Home", "address": "410 East Gwinnett Street, Savannah, GA 31401"},
    {
        "id": 2,
        "label": "Candler Hospital",
        "address": "5353 Reynolds Street, Savannah, GA 31405",
        "aliases": ["candler"],
    },
    {
        "id": 3,
        "label": "Publix Habersham",
        "address": "4711 Habersham Street, Savannah, GA 31405",
        "aliases": ["publix"],
    },
]
LOWCOUNTRY = speaker("en", SAVANNAH, now=NOW, timezone="America/New_York")


@pytest.mark.parametrize(
    "text",
    [
        # A one-word name said whole, then a word of another place's name.
        "the royal oak",
        "the royal edward",
        "asda braehead",
        "the asda clydebank",
        "the piazza milano",
    ],
)
def test_a_one_word_name_with_another_name_after_it_is_another_place(text):
    assert where(RENFREWSHIRE(text)) is None


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


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i said candler not publix", "Candler Hospital"),
        ("no i said publix", "Publix Habersham"),
        ("like i said candler", "Candler Hospital"),
        ("i told you publix", "Publix Habersham"),
    ],
)
def test_the_place_said_again_after_i_said_is_meant(text, label):
    assert where(LOWCOUNTRY(text)) == label


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("i said no", "no"),
        ("i said yes", "yes"),
        ("aye nae bother", "yes"),
        ("nae bother at all", "yes"),
        ("nae problem hen", "yes"),
        ("nae thanks", "no"),
        ("nae", "no"),
    ],
)
def test_scots_nae_and_said_again_answers_read_as_meant(text, kind):
    assert RENFREWSHIRE(text).kind == kind
