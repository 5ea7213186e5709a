"""A name a family gave a place that a caller says in passing ("a", "the", "去", "我", "5") would
find that place in any sentence: the intake ignores it when it reads the places (the portal refuses
it, tests/test_family_portal.py)."""

import datetime

import pytest

from elderride.intake import aliases, parse
from elderride.intake.phrases import place_phrases
from elderride.services import demo
from tests.speaking import where

MARGARET = [
    {"id": 1, "label": "Home", "address": "12 Elm Street", "aliases": [], "is_home": 1},
    {"id": 2, "label": "City Hospital", "address": "400 River Road", "aliases": []},
    {"id": 3, "label": "Park Street Market", "address": "9 Park Street", "aliases": []},
]
WANG = [
    {"id": 1, "label": "家", "address": "拱墅区大关路12号", "aliases": [], "is_home": 1},
    {"id": 2, "label": "市第二人民医院", "address": "解放路88号", "aliases": []},
    {"id": 3, "label": "华联超市", "address": "大关路50号", "aliases": []},
]


def _with_alias(places, label, alias):
    return [
        {**place, "aliases": [alias]} if place["label"] == label else dict(place)
        for place in places
    ]


@pytest.mark.parametrize(
    "alias, said",
    [
        ("a", "take me to a shop"),  # a single letter
        ("b", "take me to b and q"),
        ("5", "take me to number 5"),  # only a number
        ("number five", "take me to number 5"),
        ("the", "take me to the library"),  # only words any sentence holds
        ("please", "the post office please"),
    ],
)
def test_an_english_alias_said_in_passing_finds_no_preset(alias, said):
    places = _with_alias(MARGARET, "City Hospital", alias)
    assert where(parse(said, language="en", places=places)) is None


@pytest.mark.parametrize(
    "alias, said",
    [
        ("去", "去书店"),  # one character, and one said in every request
        ("我", "我要车"),
        ("车", "我要车"),
        ("五", "我要去五一路"),  # a number
        ("5号", "去五号楼"),
        ("地方", "我要去那个地方"),  # only words that name no place
        ("那个地方", "我要去那个地方"),
    ],
)
def test_a_chinese_alias_said_in_passing_finds_no_preset(alias, said):
    places = _with_alias(WANG, "华联超市", alias)
    assert where(parse(said, language="zh", places=places)) is None


@pytest.mark.parametrize(
    "language, places, label, alias, said",
    [
        ("en", MARGARET, "City Hospital", "the hospital", "take me to the hospital"),
        ("en", MARGARET, "Park Street Market", "b and q", "take me to b and q"),
        ("zh", WANG, "华联超市", "超市", "去超市"),
        ("zh", WANG, "市第二人民医院", "二院", "去二院"),
        ("zh", WANG, "家", "我家", "回我家"),
    ],
)
def test_an_alias_that_names_the_place_still_finds_it(language, places, label, alias, said):
    assert where(parse(said, language=language, places=_with_alias(places, label, alias))) == label


def test_an_ignored_alias_is_not_offered_to_the_recognizer():
    phrases = place_phrases(_with_alias(WANG, "华联超市", "去"), "zh", [])
    assert "去" not in phrases and "华联超市" in phrases


@pytest.mark.parametrize(
    "alias, fault",
    [
        ("a", "short"),
        ("b", "short"),
        ("医", "short"),
        ("5", "number"),
        ("42", "number"),
        ("number 5", "number"),
        ("two", "number"),
        ("twelve", "number"),
        ("the twelve", "number"),
        ("twenty one", "number"),
        ("五", "number"),
        ("5号", "number"),
        ("第二个", "number"),
        ("the", "stop_words"),
        ("to the", "stop_words"),
        ("please", "stop_words"),
        ("take me", "stop_words"),
        ("我要", "stop_words"),
        ("去那里", "stop_words"),
        ("地方", "stop_words"),
        ("Lily's place " * 6, "long"),
    ],
)
def test_the_fault_of_an_alias_the_line_cannot_listen_for(alias, fault):
    assert aliases.fault(alias) == fault


@pytest.mark.parametrize(
    "alias",
    [
        "hospital",
        "the hospital",
        "my place",  # home, though "place" alone names nothing
        "my daughter's",
        "Lily's",
        "b and q",
        "Route 9 diner",
        # Numbers said one after another, as a shop's name is, or a number and a word.
        "7-Eleven",
        "7 eleven",
        "seven eleven",
        "7-11",
        "99 Ranch",
        "Fred Meyer 2",
        "家",
        "寺",
        "庙",
        "超市",
        "二院",
        "我家",
        "回家",
        "女儿那里",
        "예약",
    ],
)
def test_an_alias_that_names_a_place_has_no_fault(alias):
    assert aliases.fault(alias) is None


def test_every_demo_alias_has_no_fault():
    names = [
        alias
        for senior in demo.SENIORS
        for _, _, place_aliases in senior["places"]
        for alias in place_aliases
    ] + [alias for _, _, place_aliases in demo.MEDICAL_CLINICS.values() for alias in place_aliases]
    assert [name for name in names if aliases.fault(name)] == []


@pytest.mark.parametrize("alias", ["7-Eleven", "7 eleven", "seven eleven", "7-11"])
@pytest.mark.parametrize(
    "said", ["take me to the seven eleven", "i need to go to seven eleven please"]
)
def test_a_shop_named_by_numbers_is_found_by_its_words(alias, said):
    heard = parse(said, language="en", places=_with_alias(MARGARET, "Park Street Market", alias))
    assert where(heard) == "Park Street Market"
    assert heard.when is None  # the shop's numbers are no time: the car comes now


@pytest.mark.parametrize(
    "alias, said",
    [
        ("99 Ranch", "take me to ninety nine ranch"),
        ("Fred Meyer 2", "take me to fred meyer two"),
    ],
)
def test_a_name_with_a_number_said_as_words_finds_the_place(alias, said):
    places = _with_alias(MARGARET, "Park Street Market", alias)
    assert where(parse(said, language="en", places=places)) == "Park Street Market"


@pytest.mark.parametrize(
    "alias, said",
    [
        ("7-Eleven", "take me to twelve"),  # another number
        ("7-Eleven", "take me to eighteen"),  # 7 + 11, no name
        ("twelve", "take me to twelve"),  # stored before the portal refused it
        ("7-Eleven", "take me to seven eleven main street"),  # a house on a street
        ("Fred Meyer 2", "take me to number two"),  # a name's number alone is no name
    ],
)
def test_a_number_alone_finds_no_preset(alias, said):
    places = _with_alias(MARGARET, "Park Street Market", alias)
    assert where(parse(said, language="en", places=places)) is None


def test_a_shops_numbers_after_at_are_still_a_time():
    places = _with_alias(MARGARET, "Park Street Market", "7-Eleven")
    heard = parse(
        "pick me up at seven eleven tomorrow to the hospital", language="en", places=places
    )
    assert where(heard) == "City Hospital"
    assert heard.when is not None and heard.when["local"].endswith("07:11")


SONS_HOUSE = [*MARGARET, {"id": 4, "label": "Son's house", "address": "5 Oak Lane", "aliases": []}]


@pytest.mark.parametrize(
    "first_name, said",
    [
        ("To", "to the shops"),  # a contact's first name that is a word any sentence holds
        ("Me", "take me to the post office please"),
    ],
)
def test_a_contacts_name_said_in_passing_names_nobody(first_name, said):
    son = {"name": f"{first_name} Nguyen", "relation": "son"}
    heard = parse(said, language="en", places=SONS_HOUSE, contacts=[son])
    alone = parse(said, language="en", places=SONS_HOUSE)
    assert where(heard) != "Son's house"
    assert (heard.kind, where(heard), heard.address) == (alone.kind, where(alone), alone.address)


def test_a_contacts_own_name_still_finds_their_place():
    son = {"name": "Tom Nguyen", "relation": "son"}
    assert where(parse("over to tom's", language="en", places=SONS_HOUSE, contacts=[son])) == (
        "Son's house"
    )


NOON = datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC)
# An Atlanta senior whose corner shop is a name made only of numbers, as the portal now takes.
ATLANTA = [
    {
        "id": 1,
        "label": "Home",
        "address": "412 West 14th Street NW, Atlanta",
        "aliases": ["home"],
        "is_home": 1,
    },
    {
        "id": 2,
        "label": "Grady Memorial Hospital",
        "address": "80 Jesse Hill Jr Drive SE",
        "aliases": ["grady", "the hospital"],
    },
    {"id": 3, "label": "Kroger", "address": "725 Ponce de Leon Avenue", "aliases": ["kroger"]},
    {
        "id": 4,
        "label": "7-Eleven",
        "address": "1120 West Peachtree Street",
        "aliases": ["7-Eleven"],
    },
    {"id": 7, "label": "Dr. Patel", "address": "310 East 10th Street", "aliases": ["the doctor"]},
]


@pytest.mark.parametrize(
    "said",
    [
        "take me to the seven eleven",
        "i need to go to seven eleven please",
        "pick me up at the seven eleven",
        "from grady to seven eleven",  # where they are is no other place to go
    ],
)
def test_a_name_made_of_numbers_said_where_a_place_is_finds_it(said):
    heard = parse(said, language="en", places=ATLANTA)
    assert where(heard) == "7-Eleven"
    assert heard.when is None


@pytest.mark.parametrize(
    "said, clock",
    [
        ("pick me up seven eleven tomorrow morning", "2026-12-07 07:11"),  # a time, no place said
        ("i want to be picked up seven eleven", "2026-12-06 19:11"),
    ],
)
def test_a_name_made_of_numbers_said_as_a_time_names_no_place(said, clock):
    heard = parse(said, language="en", places=ATLANTA, now=NOON)
    assert where(heard) is None
    assert heard.when is not None and heard.when["local"] == clock


@pytest.mark.parametrize(
    "said, label",
    [
        ("take me to grady to be there seven eleven", "Grady Memorial Hospital"),
        ("take me to grady seven eleven", "Grady Memorial Hospital"),
        ("i need to go to the doctor to seven eleven", "Dr. Patel"),
        ("pick me up at seven eleven tomorrow to the hospital", "Grady Memorial Hospital"),
    ],
)
def test_numbers_said_with_another_place_are_its_time(said, label):
    assert where(parse(said, language="en", places=ATLANTA)) == label


@pytest.mark.parametrize(
    "said",
    [
        "take me to the other seven eleven",  # another one of the kind
        "take me to another seven eleven",
        "take me to the decatur seven eleven",  # one in a town
        "take me to route seven eleven",  # another numbered thing
        "take me to the seven eleven bus stop",
        "the bus seven eleven",
    ],
)
def test_numbers_that_name_another_thing_find_no_preset(said):
    assert where(parse(said, language="en", places=ATLANTA)) != "7-Eleven"


@pytest.mark.parametrize(
    "said",
    [
        "i'm at kroger take me to seven eleven",  # where they are is no other place to go
        "i'm at kroger now can you take me to seven eleven",
        "i'm at grady take me to seven eleven",
        "i'm at home take me to seven eleven",
        "i'm done at the doctor take me to seven eleven",
        "take me to my seven eleven",  # their own, as "the" says it
        "to that seven eleven",
        "take me to the usual seven eleven",
        "take me to my seven eleven on west peachtree",
        "pick me up from seven eleven",
        "pick me up at my seven eleven",
        "take me seven eleven",
        "i want seven eleven",
    ],
)
def test_numbers_said_where_a_place_goes_find_it_beside_where_they_are(said):
    heard = parse(said, language="en", places=ATLANTA, now=NOON)
    assert where(heard) == "7-Eleven"
    assert heard.when is None or heard.when.get("now")  # "i'm at kroger now" says now


@pytest.mark.parametrize(
    "said",
    [
        "i want to speak to a representative from your company",
        "i'd like to speak to a representative from the company about my ride",
        "can i have a representative from elderride",
        "i need a representative from the ride company",
        "can a representative from your office call me",
    ],
)
def test_a_representative_asked_for_from_the_company_is_the_operator(said):
    assert parse(said, language="en", places=ATLANTA).kind == "operator"


@pytest.mark.parametrize(
    "said", ["the representative from grady told me to come", "a rep from kroger called"]
)
def test_a_representative_who_did_something_is_no_request(said):
    assert parse(said, language="en", places=ATLANTA).kind != "operator"
