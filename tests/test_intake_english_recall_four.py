"""English a careful operator understands and the intake missed (issue 29, Speech II), in sentences
written here for callers of other towns: a vague direction said with a preset, a preset told by its
look, its street, a clause about it or a numbered street said the New York way, a name said again
after "first"; beside each, near-misses that must keep no place."""

import datetime

import pytest

from tests.speaking import speaker, where

SWANSEA = [
    {"id": 1, "label": "Home", "address": "9 Heol Las, Morriston, Swansea SA6 6AB"},
    {
        "id": 2,
        "label": "Morriston Hospital",
        "address": "Heol Maes Eglwys, Morriston, Swansea SA6 6NL",
        "aliases": ["the hospital"],
    },
    {
        "id": 3,
        "label": "Swansea Market",
        "address": "Oxford Street, Swansea SA1 3PQ",
        "aliases": ["the market", "the market in town"],
    },
    {
        "id": 4,
        "label": "Superdrug St Thomas",
        "address": "4 Port Tennant Road, St Thomas, Swansea SA1 8JN",
        "aliases": ["superdrug"],
    },
    {
        "id": 5,
        "label": "Morriston Tabernacle",
        "address": "Woodfield Street, Morriston, Swansea SA6 8AQ",
        "aliases": ["the chapel", "the tabernacle"],
    },
]
WELSH = speaker("en", SWANSEA, [{"name": "Gareth", "relation": "son"}])

QUEENS = [
    {"id": 1, "label": "Home", "address": "41-12 Parsons Boulevard, Flushing, NY 11355"},
    {
        "id": 2,
        "label": "Elmhurst Hospital",
        "address": "79-01 Broadway, Elmhurst, NY 11373",
        "aliases": ["elmhurst", "the hospital"],
    },
    {
        "id": 3,
        "label": "Farmacia El Pueblo",
        "address": "310 East 116th Street, New York, NY 10029",
        "aliases": ["el pueblo", "the pharmacy"],
    },
    {
        "id": 4,
        "label": "Harlem Senior Center",
        "address": "2 West 125th Street, New York, NY 10027",
        "aliases": ["the center"],
    },
]
NOW = datetime.datetime(2026, 12, 6, 15, 30, tzinfo=datetime.UTC)
NEW_YORKER = speaker(
    "en", QUEENS, [{"name": "Rosa", "relation": "daughter"}], now=NOW, timezone="America/New_York"
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("into town love the market in swansea i wants some cockles", "Swansea Market"),
        ("into town bach the market in town for some laverbread", "Swansea Market"),
    ],
)
def test_a_vague_direction_is_no_other_place(text, label):
    assert where(WELSH(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the covered market up oxford street", "Swansea Market"),
        ("the new hospital up morriston the public one", "Morriston Hospital"),
        ("superdrug on port tennant road down st thomas", "Superdrug St Thomas"),
        ("near where the old gasworks was the big hospital", "Morriston Hospital"),
    ],
)
def test_a_preset_told_by_its_look_its_street_or_a_landmark(text, label):
    assert where(WELSH(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        # Another hospital, kind or street than the preset's own.
        "the eye hospital up morriston",
        "the covered market up walter road",
        "near where the old gasworks was",
        "the indoor bowls on oxford street",
    ],
)
def test_described_near_misses_keep_no_place(text):
    assert where(WELSH(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the pharmacy on one sixteenth street my pills", "Farmacia El Pueblo"),
        ("the center on one twenty fifth", "Harlem Senior Center"),
        (
            "the hospital where my wife she stay last winter the big one on broadway",
            "Elmhurst Hospital",
        ),
        ("the hospital where my son was born", "Elmhurst Hospital"),
        ("elmhurst no wait the pharmacy first el pueblo i need my pills", "Farmacia El Pueblo"),
    ],
)
def test_a_preset_by_its_numbered_street_a_clause_or_said_again(text, label):
    assert where(NEW_YORKER(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "the pharmacy on one twenty fifth",
        "the clinic on one sixteenth the one across from the pharmacy",
        "the other center on one sixteenth",
        "the hospital where my wife she stay last winter the big one on queens boulevard",
        "i was at the hospital last winter",
    ],
)
def test_another_numbered_street_or_a_past_visit_is_no_preset(text):
    assert where(NEW_YORKER(text)) is None


def test_where_a_relative_stays_is_their_home_not_a_preset_named_alike():
    assert where(WELSH("saint thomas parish that's where my son stay take me there")) is None


def test_a_numbered_street_is_no_time():
    assert NEW_YORKER("the pharmacy on one sixteenth").when is None


PERTH = [
    {"id": 1, "label": "Home", "address": "7 Lefroy Street, Bassendean WA 6054"},
    {
        "id": 2,
        "label": "Swan Districts Hospital",
        "address": "Eveline Road, Middle Swan WA 6056",
        "aliases": ["the hospital"],
    },
]
AUSSIE = speaker("en", PERTH, [{"name": "Kylie", "relation": "daughter"}], now=NOW)


def test_an_australian_parade_is_an_address():
    assert AUSSIE("twenty one marine parade cottesloe").kind == "address"


@pytest.mark.parametrize(
    "text", ["car come what time", "taxi reach when ah", "the driver coming what time"]
)
def test_the_ride_asked_after_with_the_question_last(text):
    assert NEW_YORKER(text).kind == "status"


def test_a_person_asked_after_with_the_question_last_is_no_status():
    assert NEW_YORKER("my daughter come what time").kind != "status"


@pytest.mark.parametrize("text", ["i want talk my daughter rosa", "me want speak my daughter"])
def test_a_relative_asked_for_without_to(text):
    assert NEW_YORKER(text).kind == "family"


@pytest.mark.parametrize(
    "text", ["no love hold on i never said that", "hang on pet i didn't ask for that"]
)
def test_a_read_back_denied_is_a_no(text):
    assert AUSSIE(text).kind == "no"


def test_a_talk_given_is_no_call():
    assert NEW_YORKER("the library for a talk rosa's giving").kind != "family"


@pytest.mark.parametrize(
    "text",
    [
        "bitter this morning the pond's froze right over",
        "the wind went right through me on the way to the shops",
    ],
)
def test_right_saying_how_far_is_no_yes(text):
    assert AUSSIE(text).kind != "yes"


def test_right_said_as_an_answer_is_still_yes():
    assert AUSSIE("yeah that's right").kind == "yes"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the hospital in morriston my appointment's at ten", "Morriston Hospital"),
        ("the market in swansea my cockles are ready", "Swansea Market"),
    ],
)
def test_whose_thing_after_the_town_is_no_part_of_where(text, label):
    assert where(WELSH(text)) == label


def test_another_town_before_whose_thing_is_still_elsewhere():
    assert where(WELSH("the hospital in neath my appointment's at ten")) is None


LITTLE_SAIGON = [
    {"id": 1, "label": "Home", "address": "9021 Bolsa Avenue, Westminster, CA 92683"},
    {
        "id": 2,
        "label": "Thanh Tam Tofu",
        "address": "9562 Bolsa Avenue, Westminster, CA 92683",
        "aliases": ["thanh tam"],
    },
    {
        "id": 3,
        "label": "Garden Grove Hospital",
        "address": "12601 Garden Grove Boulevard, Garden Grove, CA 92843",
        "aliases": ["the hospital"],
    },
]
LEARNER = speaker("en", LITTLE_SAIGON, [{"name": "Minh", "relation": "son"}], now=NOW)


@pytest.mark.parametrize("text", ["take me to tan tom please", "i go tan tom"])
def test_a_foreign_name_written_as_english_words_that_sound_alike(text):
    assert where(LEARNER(text)) == "Thanh Tam Tofu"


@pytest.mark.parametrize(
    "text",
    [
        "take me to tin town please",
        "tan tom on brookhurst not the bolsa one",
        "my friend she go tan tom i call for her",
    ],
)
def test_a_sound_alike_that_differs_or_is_placed_elsewhere_is_no_preset(text):
    assert where(LEARNER(text)) is None


SOUTHWEST_HOUSTON = [
    {"id": 1, "label": "Home", "address": "11215 Bellaire Boulevard, Houston, TX 77072"},
    {
        "id": 2,
        "label": "Thuan Phat Supermarket",
        "address": "11122 Bellaire Boulevard, Houston, TX 77072",
        "aliases": ["thuan phat", "the market"],
    },
    {
        "id": 3,
        "label": "Chua Phat Quang",
        "address": "10002 Synott Road, Sugar Land, TX 77498",
        "aliases": ["the temple", "phat quang"],
    },
    {
        "id": 4,
        "label": "Dr. Tran Van Duc",
        "address": "9889 Bellaire Boulevard, Houston, TX 77036",
        "aliases": ["doctor tran", "the doctor"],
    },
]
HOUSTON = speaker("en", SOUTHWEST_HOUSTON, [{"name": "Hai", "relation": "son"}], now=NOW)


@pytest.mark.parametrize(
    "text", ["go to twin fat please", "twin fat", "take me to twin fat", "i go twin fat"]
)
def test_a_sound_alike_that_is_the_whole_destination_is_the_preset(text):
    assert where(HOUSTON(text)) == "Thuan Phat Supermarket"


@pytest.mark.parametrize(
    "text",
    [
        # Followed by a kind word: the name of another place.
        "take me to the foot king massage",
        "fat kang buffet",
        "take me to twin fat bakery",
        "drive me to fort king spa please",
        # After an article and an adjective: words describing something.
        "the tiny fat cat sits on my porch",
        "take me to the big twin fat",
        # After a number word: a measure or a count.
        "ten fat chickens",
        "ten feet tall",
        "i wouldn't touch it with a ten foot pole",
        "take me to two tin fat",
        # No request to go.
        "my grandson has tiny feet",
        "hai is a ten foot giant",
    ],
)
def test_sound_alike_words_in_a_longer_phrase_or_no_request_are_no_preset(text):
    assert where(HOUSTON(text)) is None
