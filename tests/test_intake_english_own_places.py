"""English callers who name one of their own presets by what it is rather than by its name (issue
29, Speech II): a supermarket or chemist known only by its chain's name is still the senior's
supermarket or chemist, and the church is where the service is; two presets that fit, or another
shop said by name, get no place."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

LEEDS = [
    {"id": 1, "label": "Home", "address": "9 Cardigan Road, Leeds LS6 1LJ", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Morrisons Kirkstall",
        "address": "Kirkstall Road, Leeds LS4 2AS",
        "aliases": ["morrisons"],
    },
    {
        "id": 3,
        "label": "Boots Headingley",
        "address": "North Lane, Leeds LS6 3HU",
        "aliases": ["boots"],
    },
    {
        "id": 4,
        "label": "St Chad's Church",
        "address": "Otley Road, Leeds LS16 5JT",
        "aliases": ["st chad's"],
    },
]
TAMPA = [
    {"id": 1, "label": "Home", "address": "412 W Amelia Avenue, Tampa, FL 33602", "aliases": []},
    {
        "id": 2,
        "label": "Publix Hyde Park",
        "address": "1725 W Platt Street, Tampa, FL 33606",
        "aliases": ["publix"],
    },
    {
        "id": 3,
        "label": "Walgreens Kennedy",
        "address": "2401 W Kennedy Boulevard, Tampa, FL 33609",
        "aliases": ["walgreens"],
    },
]
# Two supermarkets and two chemists: "the supermarket" or "my prescription" says neither.
DERBY = [
    {"id": 1, "label": "Home", "address": "3 Uttoxeter Road, Derby DE22 3NA", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Tesco Kingsway",
        "address": "Kingsway, Derby DE22 3FU",
        "aliases": ["tesco"],
    },
    {
        "id": 3,
        "label": "Aldi Ashbourne Road",
        "address": "Ashbourne Road, Derby DE22 3FS",
        "aliases": ["aldi"],
    },
    {"id": 4, "label": "Boots", "address": "St Peters Street, Derby DE1 1SN", "aliases": []},
    {
        "id": 5,
        "label": "Lloyds Pharmacy",
        "address": "Kedleston Road, Derby DE22 1GB",
        "aliases": [],
    },
]

leeds = speaker("en", LEEDS, now=NOW, timezone="Europe/London")
tampa = speaker("en", TAMPA, now=NOW, timezone="America/New_York")
derby = speaker("en", DERBY, now=NOW, timezone="Europe/London")


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("the supermarket please", "Morrisons Kirkstall"),
        ("er um the shops", "Morrisons Kirkstall"),
        ("i need to do my shopping", "Morrisons Kirkstall"),
        ("the chemist please love", "Boots Headingley"),
        ("to get my prescription", "Boots Headingley"),
        ("the grocery store", "Publix Hyde Park"),
        ("the pharmacy on kennedy", "Walgreens Kennedy"),
        ("i need to pick up my medicine", "Walgreens Kennedy"),
    ],
)
def test_a_chain_is_the_kind_of_shop_it_is(said: str, label: str) -> None:
    senior = leeds if label in {p["label"] for p in LEEDS} else tampa
    assert where(senior(said)) == label


@pytest.mark.parametrize(
    "said",
    [
        "the supermarket please",
        "to do my shopping",
        "the chemist",
        "to get my prescription",
    ],
)
def test_two_shops_of_the_kind_say_neither(said: str) -> None:
    assert where(derby(said)) is None


@pytest.mark.parametrize(
    ("speak", "said"),
    [
        (leeds, "the lidl on kirkstall road"),
        (leeds, "the co op supermarket"),
        (leeds, "the superdrug in the town centre"),
        (leeds, "the lloyds chemist"),
        (tampa, "the winn dixie supermarket"),
        (tampa, "the cvs pharmacy on dale mabry"),
        (tampa, "my daughter goes to the supermarket on fridays"),
    ],
)
def test_another_shop_of_the_kind_is_not_theirs(speak, said: str) -> None:
    assert where(speak(said)) is None


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("to get a bit of shopping", "Morrisons Kirkstall"),
        ("for the service on sunday", "St Chad's Church"),
        ("i want to go to the morning service", "St Chad's Church"),
    ],
)
def test_an_errand_said_loosely_is_done_at_their_place(said: str, label: str) -> None:
    assert where(leeds(said)) == label


@pytest.mark.parametrize(
    "said",
    ["the service station on otley road", "the bus service is terrible", "customer service please"],
)
def test_a_service_that_is_not_worship_names_no_church(said: str) -> None:
    assert where(leeds(said)) is None


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("ooh st chad's if you would dear", "St Chad's Church"),
        ("ah morrisons please", "Morrisons Kirkstall"),
        ("ooh boots headingley", "Boots Headingley"),
    ],
)
def test_an_exclamation_before_the_name_is_only_a_filler(said: str, label: str) -> None:
    assert where(leeds(said)) == label


@pytest.mark.parametrize(
    "said",
    ["ooh the lidl on kirkstall road", "ooh i was at morrisons yesterday", "ah no not boots"],
)
def test_an_exclamation_keeps_what_follows_it(said: str) -> None:
    assert where(leeds(said)) is None
