"""English answers at the read-back said as people say them (issue 29, Speech II): Scots "aye nae
bother" agrees as "no bother" does, and "not what i meant" with a name after it turns the read-back
down, as "no" does.

"not what i meant grady" is a correction of what was read back: the read-back step takes yes or
no, and this caller did not mean the ride read to them, so the answer is "no" (the confirm step
takes it as key 2 and offers the menu again); it is never a yes, nor a place or a call to the
person named."""

import datetime

import pytest

from tests.speaking import speaker

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

GLASGOW = [
    {"id": 1, "label": "Home", "address": "14 Gallowgate, Glasgow G1 5AB", "is_home": 1},
    {
        "id": 2,
        "label": "Glasgow Royal Infirmary",
        "address": "84 Castle Street, Glasgow G4 0SF",
        "aliases": ["the royal"],
    },
    {"id": 3, "label": "Tesco Parkhead", "address": "Parkhead Forge, Glasgow G31 4EB"},
    {"id": 4, "label": "Grady's house", "address": "12 Duke Street, Glasgow G31 1JZ"},
]
GLASWEGIAN = speaker(
    "en",
    GLASGOW,
    [{"name": "Grady", "relation": "son"}, {"name": "Linda", "relation": "daughter"}],
    now=NOW,
    timezone="Europe/London",
)

ATLANTA = [
    {"id": 1, "label": "Home", "address": "410 Auburn Avenue, Atlanta", "is_home": 1},
    {"id": 2, "label": "Kroger", "address": "725 Ponce de Leon Avenue, Atlanta"},
]
GEORGIAN = speaker(
    "en", ATLANTA, [{"name": "Grady", "relation": "driver"}], now=NOW, timezone="America/New_York"
)


@pytest.mark.parametrize(
    "text",
    [
        "aye nae bother",
        "aye that's nae bother",
        "nae bother",
        "nae bother at all",
        "nae problem hen",
        "aye nae bother son",
    ],
)
def test_scots_nae_bother_agrees(text):
    assert GLASWEGIAN(text).kind == "yes"


@pytest.mark.parametrize("text", ["nae", "nae thanks", "naw", "aye right"])
def test_scots_no_is_still_no(text):
    assert GLASWEGIAN(text).kind == "no"


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (GLASWEGIAN, "not what i meant grady"),
        (GLASWEGIAN, "that's not what i meant linda"),
        (GLASWEGIAN, "no that's not what i meant"),
        (GEORGIAN, "not what i meant grady"),
        (GEORGIAN, "that's not what i said grady"),
    ],
)
def test_not_what_i_meant_turns_the_read_back_down(senior, text):
    intent = senior(text)
    assert (intent.kind, intent.place) == ("no", None)
