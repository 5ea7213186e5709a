"""English callers in their own words (issue 29, Speech II), tested with sentences written here:
someone seen at a place, forms of address, fetching a person to the phone, "that place", remarks on
the day, where the caller is now, and the regional words of voice/intake/en-dialects.toml."""

import datetime

import pytest

from elderride.intake import dialects, parse
from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "Home", "address": "8 Willow Crescent", "aliases": ["home"], "is_home": 1},
    {"id": 2, "label": "St Luke's Regional Hospital", "address": "1 Infirmary Road", "aliases": []},
    {"id": 3, "label": "Morrisons Kirkstall", "address": "Kirkstall Rd", "aliases": ["the shops"]},
    {"id": 4, "label": "Gary's house", "address": "22 Elm Drive", "aliases": ["gary's"]},
    {"id": 5, "label": "British Legion Club", "address": "4 Mill Road", "aliases": ["the legion"]},
    {"id": 6, "label": "Boots Chemist", "address": "17 Briggate", "aliases": ["the chemist"]},
    {"id": 7, "label": "St Anne's Church", "address": "2 Abbey Close", "aliases": ["the church"]},
    {"id": 8, "label": "Headingley Surgery", "address": "3 Mill Lane", "aliases": ["the surgery"]},
]
CONTACTS = [
    {"name": "Gary Holt", "relation": "son"},
    {"name": "Maureen Holt", "relation": "daughter"},
]
NOW = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC)


english = speaker("en", PLACES, CONTACTS, now=NOW)


@pytest.mark.parametrize(
    "text",
    [
        "the lung doctor at st luke's regional on friday",
        "the eye doctor at st luke's regional",
        "the doctor at st luke's",
        "i got to see the foot doctor at st luke's regional",
    ],
)
def test_someone_seen_at_a_place_is_that_place(text):
    assert where(english(text)) == "St Luke's Regional Hospital"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the shops me son", "Morrisons Kirkstall"),
        ("i wants the chemist me son", "Boots Chemist"),
        ("the legion my son the one on mill road", "British Legion Club"),
        ("the surgery son the one on mill lane", "Headingley Surgery"),
        ("st anne's duck", "St Anne's Church"),
    ],
)
def test_a_form_of_address_is_never_a_person(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("nay lad i'll not bother", "no"),
        ("no son that's wrong", "no"),
        ("aye lad go on", "yes"),
    ],
)
def test_an_answer_with_a_form_of_address_is_that_answer(text, kind):
    intent = english(text)
    assert (intent.kind, where(intent)) == (kind, None)


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        ("ring our gary lad", "family", None),
        ("take me to my son's", "place", "Gary's house"),
        ("i'm off to see the lad at his house", "place", "Gary's house"),
        ("sorry duck i didn't catch that", "repeat", None),
        ("morrisons pet if you would", "place", "Morrisons Kirkstall"),
    ],
)
def test_a_son_or_a_lad_spoken_of_is_still_the_person(text, kind, place):
    intent = english(text)
    assert (intent.kind, where(intent)) == (kind, place)


@pytest.mark.parametrize(
    "text",
    [
        "get gary for me would you",
        "fetch maureen for me love",
        "could you go get our gary for me",
    ],
)
def test_getting_someone_for_the_caller_calls_them(text):
    intent = english(text)
    assert (intent.kind, where(intent)) == ("family", None)


def test_getting_a_ride_to_someone_for_the_caller_is_no_call():
    assert where(english("could you get me to gary's for me")) == "Gary's house"


@pytest.mark.parametrize(
    "text",
    [
        "not the surgery i've had enough of that place",
        "that place",
        "no not the church i'm finished with the place",
        "take me to that place",
    ],
)
def test_that_place_is_never_home(text):
    assert where(english(text)) is None


@pytest.mark.parametrize("text", ["our place", "back to my place", "take me home"])
def test_my_own_place_is_home(text):
    assert where(english(text)) == "Home"


def test_another_legion_hall_is_not_theirs():
    assert where(english("the legion hall in armley")) is None
    assert where(english("the legion hall")) == "British Legion Club"


@pytest.mark.parametrize(
    "text",
    [
        "it's a bitter one today",
        "it's roasting this afternoon isn't it",
        "lord it's freezing this morning are you keeping warm",
        "some foggy out today",
    ],
)
def test_a_remark_on_the_days_weather_is_no_time(text):
    intent = english(text)
    assert (intent.kind, intent.when) == ("unknown", None)


def test_the_day_of_a_ride_asked_for_is_still_its_time():
    intent = english("it's cold today so take me to the shops")
    assert where(intent) == "Morrisons Kirkstall"
    assert intent.when is not None


@pytest.mark.parametrize("text", ["i'm at the surgery", "i'm at boots chemist now"])
def test_where_the_caller_is_now_is_no_ride_there(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("i'm at the surgery take me home", "Home"),
        ("i'm at the chemist could you get me back to my place", "Home"),
        ("i'm at the surgery on thursday", "Headingley Surgery"),
        ("i'm at st luke's tomorrow at ten", "St Luke's Regional Hospital"),
    ],
)
def test_where_the_caller_is_with_a_ride_or_a_day_still_books(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("aye right as if", "no"),  # Scotland: "aye right" is a no
        ("nahi ji", "no"),  # South Asian English
        ("gwaan", "yes"),  # Jamaica
        ("do the needful", "yes"),  # South Asian English
        ("haan ji", "yes"),  # South Asian English
        ("ja no fine go ahead", "yes"),  # South Africa
        ("sweet as", "yes"),  # New Zealand
        ("do so", "yes"),  # Ireland
        ("ayuh", "yes"),  # Maine
        ("tidy", "yes"),  # Wales
        ("lush ta", "yes"),  # the West Country, Wales, the North of England
        ("weh di cab deh", "status"),  # Jamaica
        ("mash three", "menu"),  # the US South
        ("i'll push two", "menu"),  # North America, New Zealand
        ("hit four", "menu"),  # North America
        ("sure look", "unknown"),  # Ireland
    ],
)
def test_a_regional_answer_is_its_standard_answer(text, kind):
    intent = english(text)
    assert (intent.kind, where(intent), intent.when) == (kind, None, None)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the kirk please", "St Anne's Church"),  # Scotland
        ("i must be at the kerk by nine", "St Anne's Church"),  # South Africa
        ("i'm gannin yem", "Home"),  # Tyneside
        ("the ozzy please", "St Luke's Regional Hospital"),  # Merseyside
        ("take me to the hozzie", "St Luke's Regional Hospital"),  # Australia
    ],
)
def test_a_regional_word_for_a_place_names_it(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("i'm away to st anne's the morra", "2026-12-08 09:00"),  # Scotland
        ("i'm fixin to go to the chemist the morra", "2026-12-08 09:00"),  # US South, Scotland
        ("the surgery the day", "2026-12-07 09:00"),  # Scotland: "the day" is today
        ("i wants the surgery this arvo", "2026-12-07 14:00"),  # Newfoundland, Australia
        ("arvo", "2026-12-07 14:00"),  # Australia
    ],
)
def test_a_regional_day_is_that_day(text, day):
    intent = english(text)
    assert intent.when is not None
    assert intent.when["local"] == day


def test_a_regional_past_trip_books_nothing():
    # Ireland: "i'm after going" is "i've been".
    assert english("i'm after going to the surgery this morning").kind == "unknown"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the day centre", "Kirk Street Day Centre"),
        ("kirk street", "Kirk Street Day Centre"),
        ("ring kirk", None),
        ("the day after tomorrow", None),
    ],
)
def test_a_word_of_their_own_places_or_people_is_never_changed(text, place):
    places = [*PLACES, {"id": 9, "label": "Kirk Street Day Centre", "address": "9 Kirk Street"}]
    contacts = [*CONTACTS, {"name": "Kirk Holt", "relation": "grandson"}]
    intent = parse(text, language="en", places=places, contacts=contacts, now=NOW)
    assert where(intent) == place
    assert intent.kind in ("place", "family", "time")


def test_every_form_of_address_and_regional_word_is_tidy_lower_case():
    lexicon = dialects.lexicon("en")
    said = [*lexicon["address"], *lexicon["owned"], *lexicon["owners"], *lexicon["words"]]
    assert said
    assert [word for word in said if word != word.strip().lower() or "  " in word] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("round duck pond", "Duck Pond Cafe"),
        ("over duck pond", "Duck Pond Cafe"),
        ("up love lane please", "Love Lane Surgery"),
    ],
)
def test_a_form_of_address_that_names_their_own_place_is_kept(text, place):
    # "duck" and "love" are forms of address, but here the words of the senior's own places.
    places = [
        *PLACES,
        {"id": 9, "label": "Duck Pond Cafe", "address": "3 Mill Row", "aliases": ["duck pond"]},
        {"id": 10, "label": "Pond Road Clinic", "address": "1 Pond Road", "aliases": []},
        {"id": 11, "label": "Love Lane Surgery", "address": "9 Love Lane", "aliases": []},
    ]
    assert dialects.standard(text, "en", places, CONTACTS) == text
    assert where(parse(text, language="en", places=places, contacts=CONTACTS, now=NOW)) == place
