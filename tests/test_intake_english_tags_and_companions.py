"""English requests the intake lost or misplaced (issue 29, Speech II), in sentences written here
for callers of other towns: a request with its question tag after the place ("home will you"), and
a group of friends said after "with" ("with the girls"), who name no relative's place."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 15, 30, tzinfo=datetime.UTC)

HULL = [
    {
        "id": 1,
        "label": "Home",
        "address": "14 Chanterlands Avenue, Hull HU5 3TR",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Hull Royal Infirmary",
        "address": "Anlaby Road, Hull HU3 2JZ",
        "aliases": ["the infirmary", "the hospital"],
    },
    {
        "id": 3,
        "label": "Western Cemetery",
        "address": "Spring Bank West, Hull HU3 6LB",
        "aliases": ["the cemetery"],
    },
    {
        "id": 4,
        "label": "Tracey's House",
        "address": "7 Cottingham Road, Hull HU6 7RX",
        "aliases": ["tracey's", "my girl's"],
    },
    {
        "id": 5,
        "label": "Gary's Flat",
        "address": "22 Hessle Road, Hull HU3 4BD",
        "aliases": ["gary's", "our lad's"],
    },
]
HULL_CALLER = speaker(
    "en",
    HULL,
    [{"name": "Tracey", "relation": "daughter"}, {"name": "Gary", "relation": "son"}],
    now=NOW,
    timezone="Europe/London",
)


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("take us home will you", "Home"),
        ("home will you love", "Home"),
        ("the cemetery will you", "Western Cemetery"),
        ("get me up the infirmary will you please", "Hull Royal Infirmary"),
        ("back to chanterlands avenue will you", "Home"),
        ("home shall we", "Home"),
    ],
)
def test_a_request_with_its_question_tag_names_the_place(said: str, label: str) -> None:
    assert where(HULL_CALLER(said)) == label


@pytest.mark.parametrize(
    "said",
    [
        "the bingo hall with the girls",
        "the working men's club with the lads",
        "the casino on the marina with the boys",
        "out to the girls",
    ],
)
def test_a_group_of_friends_names_no_relatives_place(said: str) -> None:
    assert where(HULL_CALLER(said)) is None


@pytest.mark.parametrize(
    ("said", "label"),
    [
        # Hard negatives: the relative's own place, by its possessive, is still theirs.
        ("round to my girl's", "Tracey's House"),
        ("our lad's please", "Gary's Flat"),
        ("take me to traceys", "Tracey's House"),
        ("the infirmary with the girls", "Hull Royal Infirmary"),
    ],
)
def test_a_relatives_place_is_still_named_by_its_possessive(said: str, label: str) -> None:
    assert where(HULL_CALLER(said)) == label


def test_will_of_a_place_name_still_names_it() -> None:
    park = [
        {"id": 1, "label": "Home", "address": "3 Elm Street, Tulsa, OK", "aliases": ["home"]},
        {
            "id": 2,
            "label": "Will Rogers Senior Center",
            "address": "3501 East 11th Street, Tulsa, OK",
            "aliases": ["the senior center"],
        },
    ]
    tulsan = speaker("en", park, [], now=NOW, timezone="America/Chicago")
    assert where(tulsan("will rogers please")) == "Will Rogers Senior Center"
