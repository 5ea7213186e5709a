"""English callers who tell something of a place and then plainly ask for a ride (issue 29,
Speech II): what is told ("the lads are meeting at the club", "i had a letter from the royal",
"don't bother with tesco") cancels only its own clause, and the ask after it ("take me to boots",
"i need a lift there") is read on its own, "there" being the place just named."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

LIVERPOOL = [
    {"id": 1, "label": "Home", "address": "14 Rocky Lane, Anfield, Liverpool L6 4BA", "is_home": 1},
    {
        "id": 2,
        "label": "Royal Liverpool Hospital",
        "address": "Prescot Street, Liverpool L7 8XP",
        "aliases": ["the royal", "the hospital"],
    },
    {
        "id": 3,
        "label": "Tesco Old Swan",
        "address": "Prescot Road, Old Swan, Liverpool L13 3AS",
        "aliases": ["tesco", "the big tesco"],
    },
    {
        "id": 4,
        "label": "Our Karen's",
        "address": "22 Queens Drive, Walton, Liverpool L4 6SH",
        "aliases": ["karen's"],
    },
    {
        "id": 5,
        "label": "Boots Chemist Old Swan",
        "address": "1 St Oswald's Street, Old Swan, Liverpool L13 5SA",
        "aliases": ["the chemist", "boots"],
    },
]
SCOUSER = speaker(
    "en",
    LIVERPOOL,
    [{"name": "Karen", "relation": "daughter"}, {"name": "Steven", "relation": "son"}],
    now=NOW,
    timezone="Europe/London",
)

NEWCASTLE = [
    {
        "id": 1,
        "label": "Home",
        "address": "31 Welbeck Road, Walker, Newcastle NE6 2HX",
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "Grainger Market",
        "address": "Grainger Street, Newcastle upon Tyne NE1 5QQ",
        "aliases": ["the grainger", "the market"],
    },
    {
        "id": 3,
        "label": "Walker Over 60s Club",
        "address": "Walker Community Centre, Church Street, Walker, Newcastle upon Tyne NE6 3BS",
        "aliases": ["the club", "over sixties", "the community centre"],
    },
]
GEORDIE = speaker(
    "en", NEWCASTLE, [{"name": "Karen", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)

LEEDS = [
    {
        "id": 1,
        "label": "Home",
        "address": "23 Conway Street, Harehills, Leeds LS8 5BN",
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "St James's Hospital",
        "address": "Beckett Street, Leeds LS9 7TF",
        "aliases": ["jimmy's", "st james's", "the hospital"],
    },
    {
        "id": 3,
        "label": "Roundhay Road Pharmacy",
        "address": "312 Roundhay Road, Leeds LS8 5AB",
        "aliases": ["the chemist", "the pharmacy"],
    },
]
LOINER = speaker(
    "en", LEEDS, [{"name": "Imran", "relation": "son"}], now=NOW, timezone="Europe/London"
)

BIRMINGHAM = [
    {
        "id": 1,
        "label": "Home",
        "address": "42 Church Road, Erdington, Birmingham B24 9AX",
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "Our Debbie's",
        "address": "17 Warren Farm Road, Kingstanding, Birmingham B44 0QN",
        "aliases": ["debbie's", "kingstanding"],
    },
    {
        "id": 3,
        "label": "Lloyds Pharmacy Erdington",
        "address": "Sutton New Road, Erdington, Birmingham B23 6TD",
        "aliases": ["lloyds", "the chemist"],
    },
]
BRUMMIE = speaker(
    "en",
    BIRMINGHAM,
    [{"name": "Debbie", "relation": "daughter"}],
    now=NOW,
    timezone="Europe/London",
)


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (GEORDIE, "the lads are meeting at the club i need a lift there", "Walker Over 60s Club"),
        (
            GEORDIE,
            "the lads are all meeting at the club can i get a taxi there",
            "Walker Over 60s Club",
        ),
        (GEORDIE, "the lads are meeting at the club and i want to go", "Walker Over 60s Club"),
        (SCOUSER, "the girls are meeting at tesco and i want to go", "Tesco Old Swan"),
    ],
)
def test_others_meeting_then_the_caller_asks_to_go(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (SCOUSER, "i had a letter from the royal i need to go in", "Royal Liverpool Hospital"),
        (
            SCOUSER,
            "i've got a letter from the royal for tuesday take me there",
            "Royal Liverpool Hospital",
        ),
        (LOINER, "i had a letter from jimmy's take me there please", "St James's Hospital"),
        (
            LOINER,
            "the lady from the chemist said come and collect take me there",
            "Roundhay Road Pharmacy",
        ),
        (
            SCOUSER,
            "the nurse from the royal said come in take me to the royal",
            "Royal Liverpool Hospital",
        ),
    ],
)
def test_told_to_come_in_then_the_caller_asks(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (SCOUSER, "don't bother with tesco take me to the royal", "Royal Liverpool Hospital"),
        (SCOUSER, "i'll not bother with tesco take me to boots", "Boots Chemist Old Swan"),
        (SCOUSER, "i'll ring you back take me to tesco first", "Tesco Old Swan"),
        (SCOUSER, "tesco has shut take me to boots", "Boots Chemist Old Swan"),
        (SCOUSER, "they've shut the chemist take me to tesco", "Tesco Old Swan"),
        (SCOUSER, "i've just come out of tesco take me to karen's", "Our Karen's"),
        (BRUMMIE, "i've come out of lloyds take me to debbie's", "Our Debbie's"),
        (
            LOINER,
            "the chemist has shut the back counter take me there anyway",
            "Roundhay Road Pharmacy",
        ),
    ],
)
def test_another_place_put_aside_then_the_caller_asks(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    ("senior", "text"),
    [
        (GEORDIE, "the lads are meeting at the club"),
        (SCOUSER, "i had a letter from the royal"),
        (SCOUSER, "don't bother with tesco"),
        (SCOUSER, "tesco has shut"),
    ],
)
def test_what_is_only_told_still_asks_nothing(senior, text):
    assert where(senior(text)) is None


def test_a_ride_asked_for_first_stays_asked():
    assert (
        where(SCOUSER("take me to the royal they've shut the car park but take me anyway"))
        == "Royal Liverpool Hospital"
    )


ERDINGTON = [
    {
        "id": 1,
        "label": "Home",
        "address": "42 Church Road, Erdington, Birmingham B24 9AX",
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "Good Hope Hospital",
        "address": "Rectory Road, Sutton Coldfield B75 7RR",
        "aliases": ["good hope", "the hospital"],
    },
    {
        "id": 3,
        "label": "St Barnabas Church",
        "address": "High Street, Erdington, Birmingham B23 6SY",
        "aliases": ["st barnabas", "church"],
    },
]
ERDINGTONIAN = speaker("en", ERDINGTON, now=NOW, timezone="Europe/London")


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (ERDINGTONIAN, "good hope please i've had a letter from good hope", "Good Hope Hospital"),
        (ERDINGTONIAN, "good hope please i've had a letter from them", "Good Hope Hospital"),
        (SCOUSER, "the royal please i've had a letter from them", "Royal Liverpool Hospital"),
    ],
)
def test_a_place_asked_for_first_stands_before_news_of_a_letter(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "take me to church theres scaffolding but its open",
        "take me to church there's scaffolding up but it's still open",
    ],
)
def test_an_ask_stands_when_the_place_is_said_to_be_open(text):
    assert where(ERDINGTONIAN(text)) == "St Barnabas Church"


@pytest.mark.parametrize(
    "text",
    [
        "tesco has shut i need you to take me to boots",
        "tesco has shut i want you to take me to boots",
        "tesco has shut i'd like you to take me to boots",
    ],
)
def test_an_ask_after_need_you_to_is_asked_not_told(text):
    assert where(SCOUSER(text)) == "Boots Chemist Old Swan"


# A red team's lines: with "theres" read as "there's", "there's nothing at church for me" (which
# booked before) now booked in Vosk's form too: nothing there for the caller is no trip there.
@pytest.mark.parametrize(
    "text",
    [
        "theres nothing at church for me",
        "there's nothing at church for me now",
        "there is nothing at st barnabas for me",
        "theres nothing at good hope they can do",
    ],
)
def test_nothing_at_a_place_for_the_caller_is_no_trip(text):
    assert where(ERDINGTONIAN(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("theres nothing at tesco for me take me to boots", "Boots Chemist Old Swan"),
        ("there's nothing at boots i need so take me to tesco", "Tesco Old Swan"),
    ],
)
def test_nothing_at_one_place_then_an_ask_is_the_ask(text, label):
    assert where(SCOUSER(text)) == label
