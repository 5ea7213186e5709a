"""English callers who speak of a shop without asking to go (issue 29, Speech II): a shop that
delivers or sends, a shop rung, or one not needed gets no place, though a preset named only by its
chain is known by its kind; the true request beside it keeps its own."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

LEEDS = [
    {"id": 1, "label": "Home", "address": "8 Harehills Lane, Leeds LS8 4EX", "is_home": 1},
    {"id": 2, "label": "St James's Hospital", "address": "Beckett Street, Leeds LS9 7TF"},
    {"id": 3, "label": "Asda Killingbeck", "address": "Killingbeck Drive, Leeds LS14 6UF"},
    {"id": 4, "label": "Sainsbury's Moortown", "address": "Harrogate Road, Leeds LS17 6LQ"},
    {"id": 5, "label": "Superdrug", "address": "Briggate, Leeds LS1 6HD"},
    {"id": 6, "label": "Jean's house", "address": "22 Gledhow Valley Road, Leeds LS8 1PN"},
]
LOINER = speaker(
    "en",
    LEEDS,
    [{"name": "Jean", "relation": "daughter"}, {"name": "Barry", "relation": "son"}],
    now=NOW,
    timezone="Europe/London",
)

TAMPA = [
    {"id": 1, "label": "Home", "address": "410 East Hanna Avenue, Tampa", "is_home": 1},
    {"id": 2, "label": "Tampa General", "address": "1 Tampa General Circle, Tampa"},
    {"id": 3, "label": "Winn Dixie Seminole Heights", "address": "6301 North Florida Avenue"},
    {"id": 4, "label": "Rite Aid", "address": "5012 North Nebraska Avenue, Tampa"},
    {"id": 5, "label": "Carol's house", "address": "19 Bird Street, Tampa"},
]
FLORIDIAN = speaker(
    "en",
    TAMPA,
    [{"name": "Carol", "relation": "daughter"}],
    now=NOW,
    timezone="America/New_York",
)


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (LOINER, "asda delivered my groceries"),
        (LOINER, "sainsbury's brought my groceries"),
        (LOINER, "sainsbury's dropped off my groceries this morning"),
        (LOINER, "the chemist is sending my tablets"),
        (LOINER, "superdrug sent my prescription"),
        (FLORIDIAN, "winn dixie delivered my groceries"),
        (FLORIDIAN, "rite aid is sending my medicine"),
        (FLORIDIAN, "the pharmacy brought my pills"),
    ],
)
def test_a_shop_that_brings_things_is_no_trip(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (LOINER, "i rang the chemist"),
        (LOINER, "can you phone the chemist"),
        (LOINER, "i called superdrug this morning"),
        (FLORIDIAN, "i called the pharmacy"),
        (FLORIDIAN, "can you call the drugstore"),
    ],
)
def test_a_shop_rung_is_no_trip(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (LOINER, "i don't need the chemist"),
        (LOINER, "no need for superdrug today"),
        (LOINER, "i don't need the hospital"),
        (FLORIDIAN, "i don't need rite aid"),
        (FLORIDIAN, "i do not need the pharmacy this week"),
        (FLORIDIAN, "i don't need winn dixie today"),
    ],
)
def test_a_shop_not_needed_is_no_trip(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (LOINER, "the chemist please", "Superdrug"),
        (LOINER, "take me to the chemist", "Superdrug"),
        (LOINER, "i need to pick up my prescription", "Superdrug"),
        (LOINER, "the hospital rang take me to the chemist", "Superdrug"),
        (LOINER, "i don't need the hospital i need the chemist", "Superdrug"),
        (LOINER, "i don't need a wheelchair take me to st james's", "St James's Hospital"),
        (LOINER, "asda sent the wrong groceries take me to sainsbury's", "Sainsbury's Moortown"),
        (FLORIDIAN, "the supermarket please", "Winn Dixie Seminole Heights"),
        (FLORIDIAN, "to do my shopping", "Winn Dixie Seminole Heights"),
        (FLORIDIAN, "i don't need rite aid take me to winn dixie", "Winn Dixie Seminole Heights"),
        (FLORIDIAN, "take me to the pharmacy to drop off my prescription", "Rite Aid"),
    ],
)
def test_a_trip_beside_them_keeps_its_place(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (LOINER, "the chemist next to jean's"),
        (LOINER, "the chemist near the hospital"),
        (FLORIDIAN, "the pharmacy next to carol's"),
        (FLORIDIAN, "the supermarket near tampa general"),
    ],
)
def test_a_kind_placed_by_another_landmark_is_another_branch(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (LOINER, "the chemist on briggate", "Superdrug"),
        (LOINER, "superdrug near the hospital", "Superdrug"),
        (LOINER, "the chemist near the bus station", "Superdrug"),
        (FLORIDIAN, "the pharmacy on nebraska avenue", "Rite Aid"),
        (FLORIDIAN, "rite aid next to carol's", "Rite Aid"),
    ],
)
def test_a_shop_placed_by_its_own_name_or_street_keeps_its_place(senior, text, label):
    assert where(senior(text)) == label
