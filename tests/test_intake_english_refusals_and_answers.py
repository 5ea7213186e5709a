"""English a careful operator understands and the intake missed or misplaced (issue 29, Speech II),
in sentences written here for callers of other towns: ordinal menu answers beside a preset whose
name holds the ordinal, the Upper Midwest "ya" and "over by", a relative who waits or drives, and
places refused by not wanting, not being able, striking off, someone else's habit or a delivery."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 15, 30, tzinfo=datetime.UTC)

DULUTH = [
    {"id": 1, "label": "Home", "address": "1420 East Fifth Street, Duluth MN", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Essentia Health St. Mary's",
        "address": "407 East Third Street, Duluth MN",
        "aliases": ["st mary's", "the hospital"],
    },
    {
        "id": 3,
        "label": "First Lutheran Church",
        "address": "1100 East Superior Street, Duluth MN",
        "aliases": ["first lutheran", "church"],
    },
    {
        "id": 4,
        "label": "Gary and Sue's",
        "address": "5120 Glenwood Street, Duluth MN",
        "aliases": ["gary's", "glenwood"],
    },
    {
        "id": 5,
        "label": "Super One Foods",
        "address": "5025 Miller Trunk Highway, Duluth MN",
        "aliases": ["super one", "the grocery store"],
    },
]
MINNESOTAN = speaker(
    "en",
    DULUTH,
    [{"name": "Gary", "relation": "son"}, {"name": "Sue", "relation": "daughter-in-law"}],
    now=NOW,
    timezone="America/Chicago",
    menu_size=5,
)

MOBILE = [
    {
        "id": 1,
        "label": "Home",
        "address": "2210 Dauphin Island Parkway, Mobile AL",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Springhill Medical Center",
        "address": "3719 Dauphin Street, Mobile AL",
        "aliases": ["springhill"],
    },
    {
        "id": 3,
        "label": "Winn-Dixie Airport",
        "address": "4701 Airport Boulevard, Mobile AL",
        "aliases": ["winn dixie"],
    },
    {
        "id": 4,
        "label": "Tonya's House",
        "address": "88 Pinehill Drive, Mobile AL",
        "aliases": ["tonya's"],
    },
    {
        "id": 5,
        "label": "Dr. Okafor",
        "address": "1700 Center Street, Mobile AL",
        "aliases": ["the doctor"],
    },
]
ALABAMIAN = speaker(
    "en",
    MOBILE,
    [{"name": "Tonya", "relation": "daughter"}, {"name": "Reggie", "relation": "son"}],
    now=NOW,
    timezone="America/Chicago",
)


@pytest.mark.parametrize(
    ("said", "choice"),
    [("the first one", 1), ("the first option please", 1), ("the third one ya", 3)],
)
def test_an_ordinal_with_a_menu_word_chooses_even_beside_a_preset_holding_it(said, choice):
    intent = MINNESOTAN(said)
    assert (intent.kind, intent.choice) == ("menu", choice)


def test_the_preset_named_by_its_ordinal_is_still_that_place():
    assert where(MINNESOTAN("first lutheran please")) == "First Lutheran Church"


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("ya home then", "Home"),
        ("over by gary and sue's on glenwood", "Gary and Sue's"),
        ("home please my wife is waiting", "Home"),
        ("home please my daughter is waiting", "Home"),
    ],
)
def test_upper_midwest_words_and_a_relative_who_waits(said, meant):
    assert where(MINNESOTAN(said)) == meant


@pytest.mark.parametrize("said", ["see ya", "the bench over by first lutheran"])
def test_you_and_a_landmark_stay_as_they_are(said):
    intent = MINNESOTAN(said)
    assert intent.kind != "yes"
    assert where(intent) is None


def test_a_ride_called_off_because_a_relative_drives_is_a_cancel():
    assert MINNESOTAN("call off the ride gary's going to drive me").kind == "cancel"


@pytest.mark.parametrize(
    "said",
    [
        "no i don't want springhill",
        "i can't go to winn dixie this afternoon",
        "forget the doctor",
        "my husband goes to springhill on thursdays",
        "they deliver to tonya's on saturdays",
    ],
)
def test_a_place_refused_or_someone_elses_names_no_place(said):
    assert where(ALABAMIAN(said)) is None


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("i don't want to be late take me to springhill", "Springhill Medical Center"),
        ("i can't go to winn dixie by myself can you take me", "Winn-Dixie Airport"),
        ("don't forget i have the doctor at three", "Dr. Okafor"),
        ("i have no car take me to springhill", "Springhill Medical Center"),
        ("i forget the street of my daughter tonya's house", "Tonya's House"),
    ],
)
def test_wanting_not_to_be_late_needing_help_or_having_no_car_still_asks(said, meant):
    assert where(ALABAMIAN(said)) == meant


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("can somebody speak vietnamese please", "operator"),
        ("i need an interpreter", "operator"),
        ("no sir hang on now", "no"),
    ],
)
def test_asking_for_ones_language_and_a_softened_hold(said, kind):
    assert ALABAMIAN(said).kind == kind


def test_a_shop_right_beside_one_of_theirs_is_no_yes_and_no_place():
    intent = ALABAMIAN("the pawn shop right beside winn dixie")
    assert intent.kind != "yes"
    assert where(intent) is None
