"""A preset named by the street its address is on (issue 29, Speech II): ordinals said as words,
directions said whole for the address's NW or W, a kind or a word of no kind before, a purpose or
a describing clause after; another named place or kind on that street stays none of theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 8, 15, 30, tzinfo=datetime.UTC)

# A Tulsa senior on a numbered grid, a grocery whose name runs two words together.
TULSA = [
    {
        "id": 1,
        "label": "Home",
        "address": "1418 NE 23rd Street, Tulsa, OK 74106",
        "aliases": ["home", "the house"],
    },
    {
        "id": 2,
        "label": "Reasor's Foods",
        "address": "2110 E Pine Avenue, Tulsa, OK 74110",
        "aliases": ["reasor's", "the grocery store"],
    },
    {
        "id": 3,
        "label": "Marcus's House",
        "address": "907 SE 41st Street, Tulsa, OK 74105",
        "aliases": ["marcus's", "my grandson's"],
    },
    {
        "id": 4,
        "label": "Greater Union Baptist Church",
        "address": "1202 W Archer Street, Tulsa, OK",
        "aliases": ["the church", "greater union"],
    },
    {
        "id": 5,
        "label": "Mega Drugmart",
        "address": "500 Harvard Road, Tulsa, OK 74112",
        "aliases": ["drugmart"],
    },
]
OKIE = speaker(
    "en", TULSA, [{"name": "Marcus", "relation": "grandson"}], now=NOW, timezone="America/Chicago"
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("take me back to the house on northeast twenty third", "Home"),
        ("my place on northeast twenty third street please", "Home"),
        ("over to marcus's place on southeast forty first", "Marcus's House"),
        (
            "the church on archer street where my husband used to sing",
            "Greater Union Baptist Church",
        ),
        ("the church off west archer for the noon service", "Greater Union Baptist Church"),
        ("the big store on pine avenue for my groceries", "Reasor's Foods"),
        ("the grocery store out pine avenue", "Reasor's Foods"),
        ("the reasor's out east pine", "Reasor's Foods"),
        ("the drug mart up harvard road", "Mega Drugmart"),
        ("the mart on harvard rd", "Mega Drugmart"),
    ],
)
def test_a_preset_named_by_its_own_street(text, label):
    assert where(OKIE(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "the walmart on pine avenue",
        "the bank on northeast twenty third",
        "the house on northwest twenty third",
        "the church on pine avenue",
        "his place on southeast forty first",
        "the store on west archer street",
        "the house on northeast twenty third by the school",
        "the greater union school on west archer street",
        "the eye clinic on harvard road",
    ],
)
def test_another_place_on_a_presets_street_is_none_of_theirs(text):
    assert where(OKIE(text)) is None


def test_a_house_number_on_a_presets_street_stays_an_address():
    intent = OKIE("the house at 1500 northeast twenty third street")
    assert intent.place is None
