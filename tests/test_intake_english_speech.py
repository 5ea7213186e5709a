"""English as older callers speak it across dialects (issue 29, Speech II), tested with sentences
written here: a condition or someone else's whereabouts names no ride, Jamaican Patois and
Yorkshire refusals, cancels and noes, corrections ending in "first", another place sharing a
preset's name, where the caller is before where they go, and a relative fetched to the phone."""

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "Home", "address": "7 Station Lane", "aliases": ["home"], "is_home": 1},
    {"id": 2, "label": "Providence Medical Center", "address": "2 Oak Avenue", "aliases": []},
    {"id": 3, "label": "Tesco", "address": "40 High Street", "aliases": ["the supermarket"]},
    {"id": 4, "label": "Winston's flat", "address": "9 Acre Lane", "aliases": []},
    {"id": 5, "label": "Larkfield Surgery", "address": "3 Mill Road", "aliases": ["the surgery"]},
    {"id": 6, "label": "Bethel Chapel", "address": "11 Hill Street", "aliases": ["chapel"]},
    {"id": 7, "label": "Riverside Clinic", "address": "5 Quay Street", "aliases": ["the clinic"]},
]
CONTACTS = [
    {"name": "Winston Brown", "relation": "son"},
    {"name": "Maureen Brown", "relation": "daughter"},
]


english = speaker("en", PLACES, CONTACTS)


@pytest.mark.parametrize(
    "text",
    [
        "if winston was in i'd pop round but he's away in leeds till friday",
        "if maureen did ask me i would go over to winston's",
        "if my son moves down to bristol i'll have to get the train to see him",
        "if the surgery was open on sundays i'd go then",
        "if winston wanted me round i'd go to his flat",
    ],
)
def test_a_condition_on_someone_names_no_ride(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("if it's no bother take me to the clinic", "Riverside Clinic"),
        ("if you could take me to tesco please", "Tesco"),
        ("if my daughter isn't home please take me to winston's flat", "Winston's flat"),
        ("if that's alright the chapel please", "Bethel Chapel"),
    ],
)
def test_a_polite_if_still_asks_for_the_place(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "mi nah go back a di surgery dem rude",
        "me nah go tesco today",
        "mi naa go back a providence",
    ],
)
def test_a_patois_refusal_is_no_place(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "mi nah need di taxi winston a carry mi",
        "mi nuh want di car again",
    ],
)
def test_a_patois_cancel_cancels(text):
    assert english(text).kind == "cancel"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("tesco no mi mean di clinic", "Riverside Clinic"),
        ("di chapel mi mean di surgery", "Larkfield Surgery"),
    ],
)
def test_a_patois_correction_takes_the_place_after_it(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "providence children's for the baby's checkup",
        "the providence clinic out past the ring road",
        "riverside heights dental surgery for my filling",
        "tesco opticians for my new glasses",
        "bethel church of god for the wedding",
    ],
)
def test_another_place_sharing_a_presets_name_is_none_of_theirs(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("providence for my checkup", "Providence Medical Center"),
        ("providence medical center for my scan", "Providence Medical Center"),
        ("tesco before the shops shut", "Tesco"),
        ("riverside they said come at ten", "Riverside Clinic"),
        ("the bethel chapel hall for the coffee morning", "Bethel Chapel"),
        ("the clinic my knee is bad", "Riverside Clinic"),
    ],
)
def test_a_presets_name_with_other_words_after_it_keeps_its_place(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("tesco no wait the clinic first then i'll get the bus to tesco", "Riverside Clinic"),
        ("the chapel sorry the surgery first and then i walk to the chapel", "Larkfield Surgery"),
        ("tesco no wait the surgery first", "Larkfield Surgery"),
    ],
)
def test_a_correction_to_what_comes_first_takes_that_place(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "maureen's been up at providence all week with her chest",
        "my neighbour had to go to the clinic in the night",
    ],
)
def test_someone_elses_whereabouts_name_no_ride(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("i'm at tesco and i want to get back home", "Home"),
        ("i'm at the surgery so take me home", "Home"),
        ("pick me up at the chapel and take me to winston's flat", "Winston's flat"),
        ("i'm at home take me to the clinic", "Riverside Clinic"),
        ("the clinic please i'm at home", "Riverside Clinic"),
    ],
)
def test_where_the_caller_is_is_not_where_they_go(text, place):
    assert where(english(text)) == place
