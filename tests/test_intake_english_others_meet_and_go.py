"""English callers who speak of others meeting or going somewhere (issue 29, Speech II): "the girls
are meeting at tesco" is their plan, and the sentence alone asks for no car (the caller may want to
go too, but an operator, not the parser, should ask); "can i meet the girls at tesco" and "take me
to kroger linda goes there too" are the caller's own trips, and the person named beside them makes
them neither someone else's ride nor a call to the family."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

GLASGOW = [
    {"id": 1, "label": "Home", "address": "14 Gallowgate, Glasgow G1 5AB", "is_home": 1},
    {"id": 2, "label": "Tesco", "address": "Parkhead Forge, Glasgow G31 4EB"},
    {"id": 3, "label": "St Mary's Church", "address": "89 Abercromby Street, Glasgow G40 2DQ"},
    {"id": 4, "label": "Paddy's Market", "address": "Shipbank Lane, Glasgow G1 5QT"},
]
GLASWEGIAN = speaker(
    "en",
    GLASGOW,
    [{"name": "Grady", "relation": "friend"}, {"name": "Linda", "relation": "daughter"}],
    now=NOW,
    timezone="Europe/London",
)

CINCINNATI = [
    {"id": 1, "label": "Home", "address": "3120 Glenmore Avenue, Cincinnati", "is_home": 1},
    {"id": 2, "label": "Kroger", "address": "4777 Kenard Avenue, Cincinnati"},
    {"id": 3, "label": "Linda's house", "address": "88 Werk Road, Cincinnati"},
    {"id": 4, "label": "Westwood Library", "address": "3345 Epworth Avenue, Cincinnati"},
    {"id": 5, "label": "St Catharine Church", "address": "3324 Wunder Avenue, Cincinnati"},
]
OHIOAN = speaker(
    "en",
    CINCINNATI,
    [{"name": "Linda", "relation": "daughter"}, {"name": "Grady", "relation": "son"}],
    now=NOW,
    timezone="America/New_York",
)


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (GLASWEGIAN, "the girls are meeting at tesco"),
        (GLASWEGIAN, "the girls are meeting up at tesco"),
        (GLASWEGIAN, "my pals are meeting at the market"),
        (GLASWEGIAN, "linda is meeting her friends at tesco"),
        (OHIOAN, "the ladies are meeting at the library"),
        (OHIOAN, "my friends are meeting at kroger"),
    ],
)
def test_others_meeting_somewhere_asks_for_no_car(senior, text):
    assert where(senior(text)) is None


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (GLASWEGIAN, "can i meet the girls at tesco", "Tesco"),
        (GLASWEGIAN, "i'm meeting the girls at tesco", "Tesco"),
        (GLASWEGIAN, "take me to tesco i'm meeting the girls", "Tesco"),
        (GLASWEGIAN, "i want to meet the girls at the market", "Paddy's Market"),
        (OHIOAN, "i'm meeting the ladies at the library", "Westwood Library"),
    ],
)
def test_the_caller_meeting_others_somewhere_is_a_trip(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (OHIOAN, "take me to kroger linda goes there too", "Kroger"),
        (OHIOAN, "kroger please linda goes there too", "Kroger"),
        (OHIOAN, "take me to the library grady goes there too", "Westwood Library"),
        (OHIOAN, "i want to go to kroger my daughter shops there too", "Kroger"),
        (OHIOAN, "the church please linda goes there as well", "St Catharine Church"),
        (GLASWEGIAN, "take me to tesco linda goes there too", "Tesco"),
    ],
)
def test_another_who_goes_there_too_leaves_the_callers_trip(senior, text, label):
    intent = senior(text)
    assert (intent.kind, where(intent), intent.for_someone_else) == ("place", label, False)
