"""English trips that are not the caller's to book (issue 29, Speech II), tested with sentences
written here: someone else's trip, a plan that only might be, another shop at a preset's
location, and a correction said with a bare "no"; beside each, near-misses that keep their place."""

import pytest

from elderride.intake import parse
from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "Home", "address": "8 Willow Crescent", "aliases": ["home"], "is_home": 1},
    {"id": 2, "label": "Royal Alexandra Hospital", "address": "1 Corsebar Road", "aliases": []},
    {"id": 3, "label": "Asda Braehead", "address": "Kings Inch Road", "aliases": ["the shops"]},
    {"id": 4, "label": "Fiona's house", "address": "22 Elm Drive", "aliases": ["fiona's"]},
    {"id": 5, "label": "Gleniffer Bowling Club", "address": "4 Gleniffer Road", "aliases": []},
    {"id": 6, "label": "Murrays Chemist", "address": "17 Causeyside Street", "aliases": []},
    {"id": 7, "label": "Abbey Church", "address": "2 Abbey Close", "aliases": ["the church"]},
]
CONTACTS = [
    {"name": "Fiona Reid", "relation": "daughter"},
    {"name": "Callum Reid", "relation": "son"},
]


english = speaker("en", PLACES, CONTACTS)


@pytest.mark.parametrize(
    "text",
    [
        "my brother's going to the royal alexandra on friday could you book him a car",
        "callum's a going to asda this afternoon for me",
        "our fiona's away to the bowling club with her pals",
        "the neighbour is going to the abbey church for the christening",
        "she's headed to murrays chemist for her tablets",
        "they're off to the royal alexandra for his operation",
    ],
)
def test_someone_elses_trip_is_none_of_the_callers(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("take me to fiona's", "Fiona's house"),
        ("i'm going with callum to the bowling club", "Gleniffer Bowling Club"),
        ("fiona's going to take me to the royal alexandra", "Royal Alexandra Hospital"),
        ("callum's going to meet me at the abbey church", "Abbey Church"),
        ("i'm going to asda braehead", "Asda Braehead"),
        ("it's going to rain so the chemist please murrays", "Murrays Chemist"),
    ],
)
def test_a_trip_the_caller_takes_keeps_its_place(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "if my knee's still sore i might need the royal alexandra",
        "if it's pouring i'll not bother with the shops",
        "och if the weather's fair tomorrow i may go to asda",
        "if it's dry on saturday i would go to the bowling club",
    ],
)
def test_a_plan_that_only_might_be_names_no_ride(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("if it's no bother i'd like to go to the bowling club", "Gleniffer Bowling Club"),
        ("if you could take me to murrays chemist", "Murrays Chemist"),
        ("if it's not too much trouble the abbey church please", "Abbey Church"),
        ("if possible i would like the royal alexandra", "Royal Alexandra Hospital"),
    ],
)
def test_a_polite_if_still_books(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "lidl at braehead",
        "boots in braehead",
        "the methodist church on abbey close",
        "farmfoods at braehead",
        "take me to lidl at braehead",
    ],
)
def test_another_shop_at_a_presets_location_is_none_of_theirs(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("asda at braehead", "Asda Braehead"),
        ("the chemist on causeyside street", "Murrays Chemist"),
        ("the church on abbey close", "Abbey Church"),
        ("the asda one at braehead", "Asda Braehead"),
        ("my appointment at the royal alexandra", "Royal Alexandra Hospital"),
        ("the heart doctor at the royal alexandra", "Royal Alexandra Hospital"),
        ("my daughter at elm drive", "Fiona's house"),
    ],
)
def test_the_presets_own_name_at_its_location_keeps_its_place(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the royal alexandra no the drug store murrays", "Murrays Chemist"),
        ("the chemist no wait the church", "Abbey Church"),
        ("to asda no to fiona's", "Fiona's house"),
    ],
)
def test_a_bare_no_between_places_takes_the_last(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the save and buy", "Save and Buy"),
        ("save and buy on gauze street", "Save and Buy"),
        ("the save and buy in renfrew", None),
        ("the save and buy over in renfrew to buy some milk", None),
    ],
)
def test_a_purpose_word_inside_a_presets_name_is_its_name(text, place):
    shop = {"id": 9, "label": "Save and Buy", "address": "30 Gauze Street", "aliases": []}
    assert where(parse(text, language="en", places=[*PLACES, shop], contacts=CONTACTS)) == place


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("nah yeah go for it", "yes"),
        ("nah yeah that's spot on", "yes"),
        ("yeah nah leave it for today", "no"),
        ("yeah nah", "no"),
        ("nah", "no"),
        ("yeah", "yes"),
        ("can i speak to a real live person", "operator"),
        ("put me on to a live body please", "operator"),
    ],
)
def test_australian_answers_and_a_live_body_are_understood(text, kind):
    assert english(text).kind == kind
