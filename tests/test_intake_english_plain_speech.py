"""English callers of sets U and X (issue 29, Speech II): someone else's habit said without the
verb's -s ("my husband he go to the mosque") or by where they live ("the lad next door"), and a
remark on the weather, name no place of the caller's; the caller's own trips beside them keep
theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

DEARBORN = [
    {
        "id": 1,
        "label": "Home",
        "address": "7120 Kendal Street, Dearborn, MI 48126",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Beaumont Hospital Dearborn",
        "address": "18101 Oakwood Boulevard, Dearborn, MI 48124",
        "aliases": ["beaumont", "the hospital"],
    },
    {
        "id": 3,
        "label": "ACCESS Clinic",
        "address": "6451 Schaefer Road, Dearborn, MI 48126",
        "aliases": ["the clinic"],
    },
    {
        "id": 4,
        "label": "Islamic Center of America",
        "address": "19500 Ford Road, Dearborn, MI 48128",
        "aliases": ["the mosque", "the center"],
    },
    {
        "id": 5,
        "label": "Amira's House",
        "address": "2240 Hartwell Street, Dearborn, MI 48124",
        "aliases": ["amira's", "my daughter"],
    },
]
DEARBORN_CALLER = speaker(
    "en",
    DEARBORN,
    [{"name": "Amira", "relation": "daughter"}, {"name": "Hassan", "relation": "son"}],
    now=NOW,
    timezone="America/Detroit",
)

CONSETT = [
    {"id": 1, "label": "Home", "address": "4 Front Street, Consett DH8 5AB", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Shotley Bridge Hospital",
        "address": "Shotley Bridge, Consett DH8 0NB",
        "aliases": ["the hospital", "shotley bridge"],
    },
    {
        "id": 3,
        "label": "Blackhill Bowling Club",
        "address": "Blackhill Park, Consett DH8 8JX",
        "aliases": ["the bowls", "bowling club"],
    },
    {
        "id": 4,
        "label": "Morrisons Consett",
        "address": "Delves Lane, Consett DH8 7PE",
        "aliases": ["morrisons"],
    },
]
CONSETT_CALLER = speaker(
    "en",
    CONSETT,
    [{"name": "Gillian", "relation": "daughter"}, {"name": "Norman", "relation": "brother"}],
    now=NOW,
    timezone="Europe/London",
)


@pytest.mark.parametrize(
    "text",
    [
        "my wife she go to the clinic every monday for her sugar",
        "hassan he go to the mosque on fridays",
        "my brother go to beaumont for his heart on tuesday",
        "amira she always go to the hospital for her work",
    ],
)
def test_someone_elses_habit_said_without_its_s_is_no_place(text):
    assert where(DEARBORN_CALLER(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "the woman next door goes to the hospital every week for her legs",
        "the fella upstairs gans to the bowls every saturday",
        "our norman gans up to morrisons on a thursday",
        "the lad across the road go to the bowls most days",
    ],
)
def test_a_neighbour_or_a_northern_goes_on_a_habit_is_no_place(text):
    assert where(CONSETT_CALLER(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i go to the clinic on monday", "ACCESS Clinic"),
        ("my daughter she go with me to the clinic", "ACCESS Clinic"),
        ("me and my wife go to the mosque today", "Islamic Center of America"),
        ("take me to the hospital my husband he go to work", "Beaumont Hospital Dearborn"),
    ],
)
def test_the_callers_own_trip_beside_anothers_habit_keeps_its_place(text, label):
    assert where(DEARBORN_CALLER(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i'll gan to the bowls now", "Blackhill Bowling Club"),
        ("take us up the hospital the woman next door sees to my cat", "Shotley Bridge Hospital"),
        ("the bowls please pet", "Blackhill Bowling Club"),
    ],
)
def test_the_callers_own_trip_in_the_north_keeps_its_place(text, label):
    assert where(CONSETT_CALLER(text)) == label


KESWICK = [
    {"id": 1, "label": "Home", "address": "9 Bank Street, Keswick CA12 5JY", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Keswick Bowling Club",
        "address": "Fitz Park, Keswick CA12 4DE",
        "aliases": ["the bowls", "bowling club"],
    },
    {
        "id": 3,
        "label": "Adult Training Centre",
        "address": "Tithebarn Street, Keswick CA12 5EA",
        "aliases": ["the training centre", "the centre"],
    },
    {
        "id": 4,
        "label": "Booths",
        "address": "Tithebarn Street, Keswick CA12 5EZ",
        "aliases": ["booths", "the supermarket"],
    },
]
KESWICK_CALLER = speaker(
    "en", KESWICK, [{"name": "Ruth", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)


@pytest.mark.parametrize(
    "text",
    [
        "it's blowing a hoolie out there today",
        "blowing a gale again",
        "still raining here love",
        "it's a dreich morning right enough",
        "a wet afternoon isn't it",
        "dull day today",
    ],
)
def test_a_remark_on_the_weather_names_no_place_and_no_time(text):
    intent = KESWICK_CALLER(text)
    assert (where(intent), intent.when) == (None, None)


@pytest.mark.parametrize(
    ("text", "label", "hour"),
    [
        ("the bowling club tomorrow morning", "Keswick Bowling Club", 9),
        ("it's a wet morning so take me to booths at eleven", "Booths", 11),
        ("the training centre at eleven please", "Adult Training Centre", 11),
        ("bowling club at two it's blowing a gale mind", "Keswick Bowling Club", 14),
    ],
)
def test_a_trip_asked_beside_the_weather_keeps_its_place_and_time(text, label, hour):
    intent = KESWICK_CALLER(text)
    assert where(intent) == label
    assert intent.when is not None and intent.when["local"].endswith(f"{hour:02d}:00")


FLATBUSH = [
    {
        "id": 1,
        "label": "Home",
        "address": "455 East 31st Street, Brooklyn, NY 11226",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Kings County Hospital",
        "address": "451 Clarkson Avenue, Brooklyn, NY 11203",
        "aliases": ["kings county", "the hospital"],
    },
    {
        "id": 3,
        "label": "CVS Church Avenue",
        "address": "3101 Church Avenue, Brooklyn, NY 11226",
        "aliases": ["cvs", "the pharmacy"],
    },
    {
        "id": 4,
        "label": "Holy Innocents Church",
        "address": "279 East 17th Street, Brooklyn, NY 11226",
        "aliases": ["holy innocents", "the church"],
    },
]
FLATBUSH_CALLER = speaker(
    "en",
    FLATBUSH,
    [{"name": "Mireille", "relation": "daughter"}],
    now=NOW,
    timezone="America/New_York",
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("de hospital kings county please cheri", "Kings County Hospital"),
        ("i have to get my pressure pill at de cvs", "CVS Church Avenue"),
        ("take me to de church for de mass", "Holy Innocents Church"),
    ],
)
def test_de_for_the_names_the_callers_place(text, label):
    assert where(FLATBUSH_CALLER(text)) == label


@pytest.mark.parametrize(
    "text",
    ["de botanica on flatbush avenue", "saint jean de brebeuf church", "de cvs on nostrand avenue"],
)
def test_de_for_the_names_no_other_place_as_theirs(text):
    assert where(FLATBUSH_CALLER(text)) is None


def test_de_for_the_chooses_from_a_menu():
    intent = FLATBUSH_CALLER("de second one", menu_size=3)
    assert (intent.kind, intent.choice) == ("menu", 2)


COTTINGHAM = [
    {"id": 1, "label": "Home", "address": "12 Hallgate, Cottingham HU16 4DD", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Castle Hill Hospital",
        "address": "Castle Road, Cottingham HU16 5JQ",
        "aliases": ["castle hill", "the hospital"],
    },
    {
        "id": 3,
        "label": "Fern's House",
        "address": "3 Thwaite Street, Cottingham HU16 4QX",
        "aliases": ["fern's"],
    },
]
COTTINGHAM_CALLER = speaker(
    "en",
    COTTINGHAM,
    [{"name": "Julie", "relation": "daughter"}, {"name": "Fern", "relation": "friend"}],
    now=NOW,
    timezone="Europe/London",
)


HULL_CALLER = speaker(
    "en",
    COTTINGHAM[:2],
    [{"name": "Julie", "relation": "daughter"}],
    now=NOW,
    timezone="Europe/London",
)


@pytest.mark.parametrize("text", ["can you fern our julie for us", "fern me daughter love"])
def test_phone_said_the_hull_way_asks_for_family(text):
    assert HULL_CALLER(text).kind == "family"


@pytest.mark.parametrize(
    ("text", "label"),
    [("take me to fern's", "Fern's House"), ("castle hill please love", "Castle Hill Hospital")],
)
def test_a_friend_called_fern_keeps_her_place(text, label):
    assert where(COTTINGHAM_CALLER(text)) == label


@pytest.mark.parametrize("text", ["i'll gan yam now pet", "gan yam please"])
def test_going_home_the_cumbrian_way_is_home(text):
    assert where(KESWICK_CALLER(text)) == "Home"


STIRLING = [
    {"id": 1, "label": "Home", "address": "8 Cowane Street, Stirling FK8 1JP", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Morag's House",
        "address": "14 Main Street, Bannockburn, Stirling FK7 8LZ",
        "aliases": ["morag's", "bannockburn"],
    },
    {
        "id": 3,
        "label": "Forth Valley Royal Hospital",
        "address": "Stirling Road, Larbert FK5 4WR",
        "aliases": ["the hospital", "forth valley"],
    },
]
STIRLING_CALLER = speaker(
    "en", STIRLING, [{"name": "Morag", "relation": "daughter"}], now=NOW, timezone="Europe/London"
)


@pytest.mark.parametrize(
    "text",
    [
        "bannockburn battlefield i'd like to see the statue again",
        "bannockburn cairn for the anniversary",
        "forth valley lighthouse",
    ],
)
def test_a_sight_said_after_a_presets_own_name_is_another_place(text):
    assert where(STIRLING_CALLER(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("bannockburn please", "Morag's House"),
        ("bannockburn to see my daughter", "Morag's House"),
        ("forth valley for my bloods", "Forth Valley Royal Hospital"),
    ],
)
def test_a_presets_own_name_without_a_sight_keeps_its_place(text, label):
    assert where(STIRLING_CALLER(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("i want to go back home now love i'm all done at booths", "Home"),
        ("i've finished at the training centre take me home", "Home"),
        ("i'm just done at booths can you take me home", "Home"),
        ("i'm all done here take me to booths", "Booths"),
        ("booths please when i'm all done", "Booths"),
    ],
)
def test_where_the_caller_is_all_done_is_no_place_to_go(text, label):
    assert where(KESWICK_CALLER(text)) == label


ANNANDALE = [
    {
        "id": 1,
        "label": "Home",
        "address": "7200 Columbia Pike Apt 4, Annandale, VA 22003",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Inova Fairfax Hospital",
        "address": "3300 Gallows Road, Falls Church, VA 22042",
        "aliases": ["inova", "the hospital"],
    },
    {
        "id": 3,
        "label": "Lotte Plaza Market",
        "address": "7031 Little River Turnpike, Annandale, VA 22003",
        "aliases": ["lotte", "the market"],
    },
]
ANNANDALE_CALLER = speaker(
    "en",
    ANNANDALE,
    [{"name": "Grace", "relation": "daughter"}],
    now=NOW,
    timezone="America/New_York",
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the car it come or no", "status"),
        ("the taxi it come or no i am waiting outside", "status"),
        ("de driver he coming or not", "status"),
        ("real person please", "operator"),
        ("vietnamese speak person please", "operator"),
        ("i need person amharic speaker please", "operator"),
    ],
)
def test_a_learners_question_or_request_without_its_little_words_is_understood(text, kind):
    assert ANNANDALE_CALLER(text).kind == kind


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the market please", "Lotte Plaza Market"),
        ("de hospital please driver", "Inova Fairfax Hospital"),
        ("taxi to the market please when come back i call you", "Lotte Plaza Market"),
        ("lotte market my daughter she come with me", "Lotte Plaza Market"),
    ],
)
def test_a_learners_trip_keeps_its_place(text, label):
    assert where(ANNANDALE_CALLER(text)) == label
