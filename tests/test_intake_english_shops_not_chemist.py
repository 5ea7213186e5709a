"""English callers who ask for "the shops" (issue 29, Speech II): a senior's one shop of food is
where, though their chemist is saved as "the drug store", since a chemist is not where one goes
"to the shops"."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

ST_JOHNS = [
    {
        "id": 1,
        "label": "Home",
        "address": "31 Freshwater Road, St. John's, NL A1C 2N7",
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "Health Sciences Centre",
        "address": "300 Prince Philip Drive, St. John's, NL A1B 3V6",
        "aliases": ["the hospital", "the health sciences"],
    },
    {
        "id": 3,
        "label": "Sobeys Merrymeeting",
        "address": "10 Merrymeeting Road, St. John's, NL A1C 2V6",
        "aliases": ["sobeys", "the grocery store"],
    },
    {
        "id": 4,
        "label": "Lawtons Drugs",
        "address": "260 Water Street, St. John's, NL A1C 1B6",
        "aliases": ["the drug store", "lawtons"],
    },
]
NEWFOUNDLANDER = speaker("en", ST_JOHNS, now=NOW, timezone="America/St_Johns")


@pytest.mark.parametrize(
    "text",
    [
        "the shops please",
        "take me to the shops",
        "i need to go to the shops",
        "i need to go to the shops for bread",
    ],
)
def test_the_shops_are_their_one_food_shop_not_the_drug_store(text):
    assert where(NEWFOUNDLANDER(text)) == "Sobeys Merrymeeting"


def test_the_drug_store_is_still_their_chemist():
    assert where(NEWFOUNDLANDER("take me to the drug store")) == "Lawtons Drugs"
