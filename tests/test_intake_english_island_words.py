"""English of Jamaica and Ireland the intake lost or misplaced (issue 29, Speech II), in sentences
written here for callers of other towns: Patois "a" for to, "yard" for home, "pon" for on and a
closing "nuh", and an Irish endearment ("a stór", written "a store") that names no shop."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 15, 30, tzinfo=datetime.UTC)

HANDSWORTH = [
    {"id": 1, "label": "Home", "address": "51 Grove Lane, Handsworth, Birmingham B21 9HE"},
    {
        "id": 2,
        "label": "City Hospital",
        "address": "Dudley Road, Birmingham B18 7QH",
        "aliases": ["the hospital", "city"],
    },
    {
        "id": 3,
        "label": "Bull Ring Markets",
        "address": "Edgbaston Street, Birmingham B5 4RQ",
        "aliases": ["the market", "the rag market"],
    },
    {
        "id": 4,
        "label": "New Testament Church of God",
        "address": "Soho Road, Handsworth, Birmingham B21 9SN",
        "aliases": ["church"],
    },
]
BRUM_PATOIS = speaker(
    "en",
    HANDSWORTH,
    [{"name": "Delroy", "relation": "son"}],
    now=NOW,
    timezone="Europe/London",
)

CORK = [
    {"id": 1, "label": "Home", "address": "8 Ballyhooly Road, Mayfield, Cork", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Cork University Hospital",
        "address": "Wilton, Cork T12 DC4A",
        "aliases": ["the hospital", "c u h"],
    },
    {
        "id": 3,
        "label": "SuperValu Mayfield",
        "address": "Silversprings Road, Mayfield, Cork",
        "aliases": ["supervalu", "the shop"],
    },
    {
        "id": 4,
        "label": "Mayfield Stores",
        "address": "Old Youghal Road, Mayfield, Cork",
        "aliases": ["the stores"],
    },
]
CORK_CALLER = speaker("en", CORK, [], now=NOW, timezone="Europe/Dublin")


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("tek me go a church sunday nuh", "New Testament Church of God"),
        ("mi want go a hospital", "City Hospital"),
        ("carry me back a yard please", "Home"),
        ("mi ready fi go a yard now", "Home"),
        ("mi go a yard", "Home"),
        ("me want go a yard now", "Home"),
        ("the market up pon edgbaston street", "Bull Ring Markets"),
        ("the hospital nuh", "City Hospital"),
    ],
)
def test_patois_going_words_name_the_place(said: str, label: str) -> None:
    assert where(BRUM_PATOIS(said)) == label


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("home to mayfield a store", "Home"),
        ("the hospital a stor i'm not great", "Cork University Hospital"),
        ("out to supervalu a chroi", "SuperValu Mayfield"),
        # Hard negatives: a shop asked for by its name is still that shop.
        ("the stores please", "Mayfield Stores"),
        ("up to the stores for the paper", "Mayfield Stores"),
    ],
)
def test_an_irish_endearment_names_no_shop(said: str, label: str) -> None:
    assert where(CORK_CALLER(said)) == label


@pytest.mark.parametrize(
    "said",
    [
        # Hard negatives: another hospital, and a market not theirs.
        "the hospital up pon the hill in sandwell",
        "tek me go a di fish market nuh",
        # Someone else's going, told in Patois, asks no ride.
        "me sister go a church every sunday",
        "delroy go a market saturday",
    ],
)
def test_patois_words_name_no_other_place(said: str) -> None:
    assert where(BRUM_PATOIS(said)) is None
