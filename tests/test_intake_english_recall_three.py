"""English a careful operator understands and the intake missed (issue 29, Speech II), in sentences
written here for callers of other towns: a preset found by its numbered street ("on forty nine
street" for West 49th Street); beside each, near-misses that must keep no place."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "Home", "address": "310 East 9th Avenue, Hialeah, FL 33010"},
    {
        "id": 2,
        "label": "Jackson North Medical Center",
        "address": "160 NW 95th Street, North Miami Beach, FL 33169",
        "aliases": ["jackson north", "the hospital"],
    },
    {
        "id": 3,
        "label": "Presidente Supermarket",
        "address": "1290 West 53rd Street, Hialeah, FL 33012",
        "aliases": ["presidente", "the supermarket"],
    },
    {
        "id": 4,
        "label": "St. John the Apostle Church",
        "address": "451 East 4th Avenue, Hialeah, FL 33010",
        "aliases": ["the church", "st john"],
    },
    {
        "id": 5,
        "label": "Marisol's House",
        "address": "6120 Oak Lakes Drive, Miami Lakes, FL 33014",
        "aliases": ["marisol's"],
    },
    {
        "id": 6,
        "label": "Morrisons Hialeah",
        "address": "4100 Palm Avenue, Hialeah, FL 33012",
        "aliases": ["morrisons"],
    },
    {
        "id": 7,
        "label": "Hialeah Elks Lodge",
        "address": "1045 East 4th Avenue, Hialeah, FL 33010",
        "aliases": ["the lodge", "elks lodge"],
    },
]
CONTACTS = [{"name": "Marisol", "relation": "daughter"}]
NOW = datetime.datetime(2026, 12, 6, 15, 30, tzinfo=datetime.UTC)

english = speaker("en", PLACES, CONTACTS, now=NOW, timezone="America/New_York")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("presidente on fifty three street i need rice and beans", "Presidente Supermarket"),
        ("the church please on four avenue", "St. John the Apostle Church"),
        ("the hospital jackson north on ninety five street", "Jackson North Medical Center"),
        ("the supermarket on fifty third", "Presidente Supermarket"),
    ],
)
def test_a_preset_on_its_numbered_street_said_as_a_count(text, label):
    assert where(english(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "the supermarket on forty nine street",
        "the church on fifty three street",
        "presidente on fifty three avenue",
        "the hospital on ninety five avenue",
    ],
)
def test_another_numbered_street_is_no_preset(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "to me daughter's oak lakes drive",
        "take me to my daughter's miami lakes please",
        "marisol's oak lakes",
    ],
)
def test_a_relatives_home_by_its_address_after_their_name(text):
    assert where(english(text)) == "Marisol's House"


@pytest.mark.parametrize(
    "text",
    [
        "my daughter's little one is poorly",
        "my son's oak lakes drive",
        "marisol's publix",
        "my daughter's church",
    ],
)
def test_a_relatives_other_words_name_no_home(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("jackson north the big hospital on ninety five street", "Jackson North Medical Center"),
        ("the big hospital please", "Jackson North Medical Center"),
        ("the big morrisons on palm avenue", "Morrisons Hialeah"),
    ],
)
def test_a_place_called_big_is_the_one_they_have(text, label):
    assert where(english(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "the big hospital downtown on twelfth avenue",
        "the big morrisons on okeechobee road",
        "the little hospital",
        "the big eye hospital",
    ],
)
def test_a_big_place_elsewhere_is_none_of_theirs(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the lodge for the bingo tonight elks lodge", "Hialeah Elks Lodge"),
        ("church i'm late for the eleven o'clock mass st john", "St. John the Apostle Church"),
        ("the church for the novena st john", "St. John the Apostle Church"),
    ],
)
def test_a_place_named_again_after_what_happens_there(text, label):
    assert where(english(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "the church for the funeral at old st john",
        "the lodge for the bingo at the moose lodge",
        "the lodge the moose lodge",
    ],
)
def test_another_place_named_after_the_occasion_is_none_of_theirs(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "representative representative",
        "representative please",
        "put me to the lady in the office darling not the machine",
        "put me over to a person please",
        "i want a person not the robot",
    ],
)
def test_a_person_asked_for_as_on_other_phone_lines(text):
    assert english(text).kind == "operator"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("put me to the hospital please", "Jackson North Medical Center"),
        ("put me to church on sunday", "St. John the Apostle Church"),
    ],
)
def test_put_me_to_a_place_is_that_place(text, label):
    assert where(english(text)) == label


@pytest.mark.parametrize(
    "text",
    ["no no no wait that's not it", "that's not it love", "no that's the wrong one"],
)
def test_not_it_is_a_no(text):
    assert english(text).kind == "no"


@pytest.mark.parametrize(
    "text",
    [
        "the market in little havana it's on today ain't it",
        "the bingo hall in little havana is open today",
    ],
)
def test_talk_of_another_place_today_is_no_time(text):
    assert english(text).kind in ("unknown", "address")


@pytest.mark.parametrize(
    "text",
    ["today please", "today if possible", "make it tomorrow"],
)
def test_a_day_alone_still_answers_when(text):
    assert english(text).kind == "time"


@pytest.mark.parametrize(
    "text",
    [
        "i'm supposed to go to the hospital",
        "we are supposed to go to the hospital at ten",
        "i need a lift to the hospital marisol said i should go",
        "take me to the hospital my daughter says i ought to",
    ],
)
def test_going_because_one_should_is_going(text):
    assert where(english(text)) == "Jackson North Medical Center"


@pytest.mark.parametrize(
    "text",
    [
        "i was supposed to go to the hospital yesterday",
        "marisol said i should go to the hospital in fort lauderdale",
    ],
)
def test_what_one_should_have_done_or_elsewhere_is_no_place(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "my compadre's house three forty five east eight avenue",
        "twelve ten west sixty two street",
        "my friend lives three six five three west diversey",
        "take me to fifty four eighteen north milwaukee",
    ],
)
def test_a_house_on_a_city_grid_is_an_address(text):
    intent = english(text)
    assert (intent.kind, intent.when) == ("address", None)


@pytest.mark.parametrize("text", ["at three west side please", "the hospital at three east"])
def test_a_clock_time_before_a_point_of_the_compass_is_still_a_time(text):
    assert english(text).when is not None


DOCTORS = [
    *PLACES,
    {
        "id": 8,
        "label": "Hialeah Family Clinic",
        "address": "65 Larch Street, Hialeah, FL 33010",
        "aliases": ["the clinic"],
    },
]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "i'm supposed to see the doctor about my blood pressure on larch",
            "Hialeah Family Clinic",
        ),
        ("i have to see the doctor about my sugar off larch street", "Hialeah Family Clinic"),
    ],
)
def test_an_errand_two_places_fit_is_told_apart_by_the_street(text, label):
    assert where(english(text, places=DOCTORS)) == label


@pytest.mark.parametrize(
    "text",
    ["i have to see the doctor about my blood pressure", "i have to see the doctor on elm street"],
)
def test_an_errand_two_places_fit_without_their_street_is_none(text):
    assert where(english(text, places=DOCTORS)) is None
