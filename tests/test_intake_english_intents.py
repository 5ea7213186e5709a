"""English requests that name no place (issue 29, Speech II), as Vosk writes them: where the car
is, not having heard, a person to talk to, a relative to call, a menu choice, and talk that answers
nothing; beside each, near-misses that keep their reading."""

import datetime

import pytest

from tests.speaking import speaker

PLACES = [
    {"id": 1, "label": "Home", "address": "8 Willow Crescent", "aliases": ["home"], "is_home": 1},
    {"id": 2, "label": "Royal Alexandra Hospital", "address": "1 Corsebar Road", "aliases": []},
    {"id": 3, "label": "Asda Braehead", "address": "Kings Inch Road", "aliases": ["the shops"]},
    {"id": 4, "label": "Fiona's house", "address": "22 Elm Drive", "aliases": ["fiona's"]},
    {"id": 5, "label": "Murrays Chemist", "address": "17 Causeyside Street", "aliases": []},
]
CONTACTS = [
    {"name": "Fiona Reid", "relation": "daughter"},
    {"name": "Callum Reid", "relation": "son"},
]
NOW = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=datetime.UTC)


english = speaker("en", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    "text",
    [
        "is it coming or what",
        "is he coming or what i been stood out here ages",
        "is she on her way yet",
        "are they here yet or not",
        "has he left yet",
        "the man coming or what i been waiting out here",
        "where's the van at",
        "is that van coming or what",
        "where's the minibus got to",
        "the fella still hasn't come",
        "any idea when the driver's gonna show up",
        "i been stood out here twenty minutes",
    ],
)
def test_the_car_or_driver_asked_after_is_status(text):
    assert english(text).kind == "status"


@pytest.mark.parametrize(
    "text",
    [
        "my son is coming for his dinner",
        "my son says he's coming",
        "she left her glasses at the chemist",
        "i haven't had it yet",
        "is it far to the hospital",
        "the man at the chemist said my tablets are not in yet",
        "i need a van to take me to asda",
        "is it open on a sunday the chemist",
        "the bus stop by asda where the bus goes from",
    ],
)
def test_a_pronoun_or_a_van_elsewhere_is_no_status(text):
    assert english(text).kind != "status"


@pytest.mark.parametrize(
    "text",
    [
        "you what bab",
        "you what love",
        "what you said",
        "sorry what you said",
        "what did you said",
        "sorry can you repeat i did not understand",
        "please repeat i don't understand",
        "i didn't understand what you said",
        "sorry love the dog was barking and i missed that",
        "no sorry i didn't get you",
        "yes sorry can you repeat that",
    ],
)
def test_not_hearing_or_understanding_is_repeat(text):
    assert english(text).kind == "repeat"


def test_a_repeat_prescription_is_no_repeat():
    assert english("i need to pick up my repeat prescription at murrays").kind == "place"


@pytest.mark.parametrize(
    "text",
    [
        "put me on to a lady in the office",
        "please give me some person to talk",
        "i want to talk to the lady at the office not this machine",
        "can you put me through to a woman please",
        "let me speak to one of your girls please",
        "i don't want this machine i want a person",
        "connect me to somebody please",
        "is there a man i can speak with",
    ],
)
def test_a_person_to_talk_to_is_operator(text):
    assert english(text).kind == "operator"


@pytest.mark.parametrize(
    "text",
    [
        "connect me to my son callum",
        "connect me with my daughter",
        "could you get fiona to phone me",
        "get our callum to ring me back",
        "patch me through to my son",
        "ask callum to ring me when he can",
    ],
)
def test_a_relative_to_talk_to_is_family(text):
    assert english(text).kind == "family"


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("the second po", 2),
        ("second one po", 2),
        ("the third one yeah", 3),
        ("yeah the third one", 3),
        ("number two yes", 2),
        ("the last one number four", 4),
        ("the second", 2),
        ("the fourth please", 4),
    ],
)
def test_a_menu_choice_with_a_yes_or_a_particle_is_the_choice(text, choice):
    intent = english(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


@pytest.mark.parametrize(
    "text",
    [
        "aye well i was just thinking like",
        "yeah well that's what they all say",
        "yes but i was going to ask you something",
        "achha achha wait my tea is on the gas",
        "okay hold on my tea is on the gas",
        "my daughter said i should",
        "our fiona says i should",
        "my son reckons i ought to",
        "my daughter is coming round later",
        "our callum's coming over for his tea",
        "so i says to her i says",
        "and then he says to me he says",
        "i was gonna say summat now what was it",
        "now where was i",
        "this cold weather is too much oh",
        "this weather is terrible",
        "i told him to go away",
    ],
)
def test_talk_that_answers_nothing_is_unknown(text):
    intent = english(text)
    assert (intent.kind, intent.place, intent.when) == ("unknown", None, None)


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        ("yes well go on then", "yes", None),
        ("take me to my daughter", "place", "Fiona's house"),
        ("my daughter's please", "place", "Fiona's house"),
        ("my daughter please she's expecting me", "place", "Fiona's house"),
        ("my daughter said to take me to the chemist", "place", "Murrays Chemist"),
        ("my daughter wants me at hers", "place", "Fiona's house"),
        ("now please", "time", None),
        ("i need a car now", "time", None),
    ],
)
def test_near_misses_keep_their_reading(text, kind, place):
    intent = english(text)
    assert (intent.kind, intent.place.label if intent.place else None) == (kind, place)


def test_this_afternoon_is_still_a_time():
    intent = english("the hospital this afternoon please")
    assert intent.when is not None and intent.when["local"].endswith("14:00")


@pytest.mark.parametrize(
    "text",
    [
        "the bull ring our fiona wants a new coat",
        "the shops on the ring road",
    ],
)
def test_a_call_word_in_a_name_calls_nobody(text):
    assert english(text).kind != "family"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("i reckon not honey", "no"),
        ("afraid not love", "no"),
        ("i think not thank you", "no"),
        ("that'll be right", "unknown"),
        ("tell that driver don't bother coming my son took me", "cancel"),
        ("the taxi needn't come now", "cancel"),
        ("my son says he'll take me so i won't be needing you today", "cancel"),
        ("i won't be needin that ride sunday", "cancel"),
    ],
)
def test_a_no_or_a_cancel_in_other_words(text, kind):
    assert english(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("i could not hear you", "repeat"),
        ("sorry what was the question", "repeat"),
        ("put me through to the office", "operator"),
        ("let me talk to dispatch please", "operator"),
        ("has the driver reached", "status"),
        ("where is the vehicle", "status"),
        ("any sign of him", "status"),
        ("i'm still waiting", "status"),
        ("how far away is he", "status"),
        ("what's keeping the taxi", "status"),
        ("i have been waiting since nine", "status"),
        ("what was it you said", "repeat"),
        ("you're going too quick for me", "repeat"),
        ("put me through to one of your people", "operator"),
    ],
)
def test_more_ways_of_asking_the_same(text, kind):
    assert english(text).kind == kind


def test_a_menu_number_pointed_at_is_the_choice():
    intent = english("the second one there")
    assert (intent.kind, intent.choice) == ("menu", 2)


def test_a_call_someone_else_asked_for_is_no_address():
    assert english("my son told me to ring you").address is None
