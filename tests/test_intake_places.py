"""Place matching word by word: distinctive words, any order, addresses, relations, Chinese short
forms, and when to give no answer."""

import pytest

from elderride.intake.numbers import spoken_numbers
from tests.speaking import speaker

DOROTHY = [
    {"id": 1, "label": "Home", "address": "21 Baker Street", "aliases": []},
    {"id": 2, "label": "St. Mary's Church", "address": "4 Chapel Lane", "aliases": []},
    {"id": 3, "label": "Main Street Pharmacy", "address": "118 Main Street", "aliases": []},
    {"id": 4, "label": "Tom's flat", "address": "37 Elm Grove", "aliases": []},
]
DOROTHY_FAMILY = [
    {"name": "Tom Walker", "relation": "Son"},
    {"name": "Anne Price", "relation": "daughter"},
]
WANG = [
    {"id": 1, "label": "家", "address": "拱墅区大关路12号", "aliases": []},
    {"id": 2, "label": "市第二人民医院", "address": "解放路88号", "aliases": []},
    {"id": 3, "label": "华联超市", "address": "大关路50号", "aliases": []},
    {"id": 4, "label": "儿子家", "address": "滨江区长河路200号", "aliases": []},
]
WANG_FAMILY = [{"name": "王强", "relation": "儿子"}, {"name": "王丽", "relation": "女儿"}]


english = speaker("en", DOROTHY, DOROTHY_FAMILY)


chinese = speaker("zh", WANG, WANG_FAMILY)


def label(intent):
    return intent.place.label if intent.place else None


@pytest.mark.parametrize(
    "said, place",
    [
        ("the pharmacy", "Main Street Pharmacy"),  # the one word only it has
        ("the pharmacy on main street", "Main Street Pharmacy"),  # the words in another order
        ("that church st mary's", "St. Mary's Church"),
        ("to church please", "St. Mary's Church"),
        ("the chemist", "Main Street Pharmacy"),  # a word for the same thing
        ("twenty one baker street", "Home"),  # an address as Vosk writes numbers
        ("a hundred and eighteen main street", "Main Street Pharmacy"),
        ("my son's place", "Tom's flat"),  # through the contact marked son
        ("my boy's house", "Tom's flat"),
        ("over to tom's", "Tom's flat"),
    ],
)
def test_english_places_by_their_words(said, place):
    intent = english(said)
    assert (intent.kind, label(intent)) == ("place", place)
    assert intent.confidence >= 0.8


@pytest.mark.parametrize(
    "said",
    [
        "my daughter's house",  # Anne is the daughter, but she has no place here
        "my sister's house",  # no sister at all
        "mary's house",  # a house is not the church
        "the methodist church",  # another church
        "church street",  # a street, not the church
        "eighteen main street",  # another house on the pharmacy's street
        "the post office on main street",
        "the library",
    ],
)
def test_english_places_that_are_not_the_seniors_get_no_answer(said):
    assert english(said).place is None


def test_without_the_contacts_a_relation_names_no_place():
    assert english("my son's place", contacts=[]).place is None


def test_a_word_two_places_share_is_no_answer():
    places = [
        {"label": "Park Lane surgery", "address": ""},
        {"label": "Park Road dentist", "address": ""},
    ]
    assert english("the park", places=places).place is None
    assert label(english("the surgery on park lane", places=places)) == "Park Lane surgery"


@pytest.mark.parametrize(
    "said, place",
    [
        ("去二院", "市第二人民医院"),  # the name's characters in order
        ("第二医院", "市第二人民医院"),
        ("人民医院", "市第二人民医院"),
        ("我要去医院看病", "市第二人民医院"),  # the only hospital
        ("超市", "华联超市"),
        ("儿子那儿", "儿子家"),
        ("去王强家", "儿子家"),  # the son by his name
        ("去强强那里", "儿子家"),
        ("大关路十二号", "家"),
    ],
)
def test_chinese_places_by_short_forms_head_nouns_and_family(said, place):
    intent = chinese(said)
    assert (intent.kind, label(intent)) == ("place", place)


@pytest.mark.parametrize(
    "said",
    [
        "去第一医院",
        "去中医院",
        "去公园",
        "去女婿家",
        "去女儿家",
        "去菜市场",
        "去大关路",
        "去市第一人民医院",
    ],
)
def test_chinese_places_the_senior_does_not_have_get_no_answer(said):
    assert chinese(said).place is None


@pytest.mark.parametrize(
    "said, language, kind",
    [
        ("has the car left yet", "en", "status"),
        ("where's my ride at", "en", "status"),
        ("ring my son please", "en", "family"),
        ("could you call tom for me", "en", "family"),
        ("get my daughter on the phone", "en", "family"),
        ("i need a live person", "en", "operator"),
        ("i don't need that ride no more", "en", "cancel"),
        ("车还要多久", "zh", "status"),
        ("师傅出发了没有", "zh", "status"),
        ("给我儿子打个电话", "zh", "family"),
        ("我要给王丽打电话", "zh", "family"),
        ("把车退了吧", "zh", "cancel"),
    ],
)
def test_requests_in_other_words(said, language, kind):
    intent = english(said) if language == "en" else chinese(said)
    assert intent.kind == kind


def test_asking_for_a_car_to_the_sons_is_a_booking_not_a_call():
    intent = english("can you call a taxi to my son's")
    assert (intent.kind, label(intent)) == ("place", "Tom's flat")


@pytest.mark.parametrize(
    "said, reading",
    [
        ("twenty one", "21"),
        ("one hundred eighteen", "118"),
        ("eight oh four", "804"),
        ("three ten", "310"),
        ("twelve hundred", "1200"),
        ("a hundred and four", "104"),
    ],
)
def test_house_numbers_as_they_are_said(said, reading):
    runs = spoken_numbers(said.split())
    assert len(runs) == 1 and reading in runs[0][2]


@pytest.mark.parametrize(
    "said, language, place",
    [
        ("my son said to go to the pharmacy", "en", "Main Street Pharmacy"),
        ("from my son's to the church please", "en", "St. Mary's Church"),
        ("我儿子说让我去医院", "zh", "市第二人民医院"),
        ("跟儿子去医院", "zh", "市第二人民医院"),
    ],
)
def test_family_mentioned_outside_the_destination_does_not_decide_it(said, language, place):
    intent = english(said) if language == "en" else chinese(said)
    assert label(intent) == place


@pytest.mark.parametrize(
    "said, kind",
    [("我要跟王丽说", "family"), ("和儿子讲一下", "family"), ("我儿子说让我去医院", "place")],
)
def test_talking_with_family_is_a_call_but_what_they_said_is_not(said, kind):
    assert chinese(said).kind == kind


@pytest.mark.parametrize(
    "said, language, place",
    [
        ("i'm at church can you take me to the pharmacy", "en", "Main Street Pharmacy"),
        ("from saint mary's church to the pharmacy please", "en", "Main Street Pharmacy"),
        ("i need to go to the pharmacy to pick up my pills", "en", "Main Street Pharmacy"),
        ("我在华联超市，回家", "zh", "家"),
        ("我在医院 要去超市", "zh", "华联超市"),
    ],
)
def test_where_the_caller_is_is_not_where_they_go(said, language, place):
    intent = english(said) if language == "en" else chinese(said)
    assert label(intent) == place
