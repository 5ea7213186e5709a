"""English place matching both ways (issue 29, sets I and J), tested with sentences written here:
a word of a preset's address is no preset when the caller names another place there, and a preset
named by its kind, its street, its initials or its people is found."""

import pytest

from elderride.intake import dialects, parse
from tests.speaking import speaker, where

PLACES = [
    {
        "id": 1,
        "label": "Home",
        "address": "9 Millfield Road, Heaton, Newcastle NE6 5XX",
        "aliases": ["home"],
    },
    {
        "id": 2,
        "label": "Newcastle General Hospital",
        "address": "Westgate Road, Newcastle NE4 6BE",
        "aliases": ["the general"],
    },
    {
        "id": 3,
        "label": "Boots Gosforth",
        "address": "High Street, Gosforth, Newcastle NE3 1HQ",
        "aliases": ["boots", "the chemist"],
    },
    {
        "id": 4,
        "label": "Our Shirley's",
        "address": "12 Albion Street, Hebburn NE31 1XX",
        "aliases": ["shirley's", "hebburn"],
    },
    {
        "id": 5,
        "label": "St Aidan's Church",
        "address": "Benton Lane, Longbenton NE12 8XX",
        "aliases": ["church", "mass"],
    },
    {
        "id": 6,
        "label": "Jesmond Medical Group",
        "address": "Osborne Road, Jesmond NE2 2XX",
        "aliases": ["the surgery", "jmg"],
    },
]
CONTACTS = [{"name": "Shirley", "relation": "daughter"}, {"name": "Keith", "relation": "son"}]


english = speaker("en", PLACES, CONTACTS)


@pytest.mark.parametrize(
    "text",
    [
        "number forty two elm grove in gosforth",
        "seven hundred ten bayou road in heaton",
        "take me to eighteen cedar avenue over in hebburn",
        "can you get me to five kings road in jesmond my friend's",
    ],
)
def test_a_house_number_and_street_are_an_address_not_a_preset_of_that_town(text):
    intent = english(text)
    assert (intent.kind, where(intent)) == ("address", None)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("nine millfield road", "Home"),
        ("twelve albion street in hebburn", "Our Shirley's"),
    ],
)
def test_a_house_number_on_a_presets_own_street_is_that_preset(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("n g h please for me bloods", "Newcastle General Hospital"),
        ("i've an appointment at the n g h", "Newcastle General Hospital"),
        ("j m g", "Jesmond Medical Group"),
        ("the n h g please", None),
        ("the surgery the big one jmg", "Jesmond Medical Group"),
    ],
)
def test_a_presets_initials_said_as_letters_are_its_name(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "come on man just take us back home to millfield road",
        "hang on take me home to millfield road",
        "i want to go back to the house like my own house in heaton",
        "back to me own place in heaton",
    ],
)
def test_home_said_with_its_own_street_or_district_is_home(text):
    assert where(english(text)) == "Home"


@pytest.mark.parametrize(
    "text",
    [
        "the dental hospital next to the n g h i've lost a filling",
        "the hospital opposite the general",
        "the other surgery by jesmond medical group",
    ],
)
def test_a_place_beside_a_preset_is_not_that_preset(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "the service at saint cuthbert's in hebburn",
        "the old parson's yard at hebburn for the memorial",
        "boots metrocentre in gateshead",
        "the superdrug on osborne road i need my prescription",
    ],
)
def test_another_place_named_where_a_preset_is_is_not_that_preset(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my daughter's in hebburn", "Our Shirley's"),
        ("shirley's at hebburn", "Our Shirley's"),
        ("boots in gosforth", "Boots Gosforth"),
        ("i need my prescription from boots on the high street", "Boots Gosforth"),
    ],
)
def test_a_preset_said_where_it_is_is_that_preset(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("carry me by the general yeah my sugar doctor's there", "Newcastle General Hospital"),
        ("pass by shirley's house for me", "Our Shirley's"),
        ("the general hospital over in newcastle yeah you're right", "Newcastle General Hospital"),
        ("my daughter's house yeah our shirley's", "Our Shirley's"),
        ("the um what do you call it the chemist boots yeah boots", "Boots Gosforth"),
    ],
)
def test_a_preset_named_with_a_yeah_or_by_is_the_place_not_a_yes(text, place):
    intent = english(text)
    assert (intent.kind, where(intent)) == ("place", place)


def test_a_place_by_a_preset_is_still_beside_it():
    assert where(english("the hospital by the general")) is None


def test_a_relatives_place_of_another_kind_is_not_their_house():
    places = [
        *PLACES[:3],
        {"id": 7, "label": "Keith's Allotment", "address": "Moor Lane", "aliases": ["keith's"]},
    ]
    intent = parse("my son's house", language="en", places=places, contacts=CONTACTS)
    assert where(intent) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "i've got my appointment up the general at half ten can you get me there",
            "Newcastle General Hospital",
        ),
        ("boots at quarter to ten", "Boots Gosforth"),
        ("the hospital in the toon the big one on westgate road", "Newcastle General Hospital"),
        ("i gotta go for my bloodwork at the general", "Newcastle General Hospital"),
        ("my flu jab at boots", "Boots Gosforth"),
    ],
)
def test_a_time_a_size_or_an_appointment_said_with_a_preset_places_it_nowhere_else(text, place):
    assert where(english(text)) == place


def test_a_street_number_said_with_a_preset_is_still_another_street():
    assert where(english("boots on ninety five")) is None


@pytest.mark.parametrize(
    "text",
    [
        "can you take me over to our shirley's she's minding the kids",
        "take me round shirley's he's doing the tea",
        "to my daughter's she's expecting me",
    ],
)
def test_a_relatives_place_then_she_is_is_theirs(text):
    assert where(english(text)) == "Our Shirley's"


def test_a_relatives_relatives_place_is_still_not_theirs():
    assert where(english("shirley's mother in law's")) is None


ANGELA = [
    {"id": 1, "label": "Home", "address": "812 Federal Street", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Reading Terminal Market",
        "address": "12th and Arch Streets",
        "aliases": ["the market"],
    },
    {
        "id": 3,
        "label": "St. Rita's Church",
        "address": "1166 South 18th Street",
        "aliases": ["church"],
    },
]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the market on twelfth by the cheesesteak guys on arch", "Reading Terminal Market"),
        ("take me to church on eighteenth street saint rita's", "St. Rita's Church"),
        ("the church on eighteenth", "St. Rita's Church"),
        ("the church on nineteenth", None),
    ],
)
def test_a_street_said_as_an_ordinal_word_is_its_number(text, place):
    assert where(parse(text, language="en", places=ANGELA)) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the hospital in the toon for my knee newcastle general", "Newcastle General Hospital"),
        ("for my prescription boots gosforth", "Boots Gosforth"),
        ("my eye hospital", None),
    ],
)
def test_what_the_caller_has_said_before_a_presets_name_is_no_part_of_it(text, place):
    assert where(english(text)) == place


def test_a_cornish_my_bird_is_a_form_of_address_not_a_word_of_the_place():
    # Kept, "my bird doctor" would be a bird doctor, a kind of place the surgery is not.
    said = dialects.standard(
        "the surgery please my bird doctor wants to see me", "en", PLACES, CONTACTS
    )
    assert said.split()[:3] == ["the", "surgery", "please"] and "bird" not in said.split()


WENDELL = [
    {"id": 1, "label": "Home", "address": "2214 Cottage Grove Avenue", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Fareway",
        "address": "4100 University Avenue",
        "aliases": ["grocery store"],
    },
    {"id": 3, "label": "Mercy Medical Center", "address": "1111 6th Avenue", "aliases": ["mercy"]},
]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("i need to get over to fareway on university", "Fareway"),
        ("grocery store the one on university i need milk", "Fareway"),
        ("the university", None),
    ],
)
def test_a_kind_word_that_names_the_presets_street_is_its_street(text, place):
    assert where(parse(text, language="en", places=WENDELL)) == place


@pytest.mark.parametrize(
    "text", ["saint anne's for the mass", "sainte anne's please", "ste anne's church"]
)
def test_the_french_sainte_is_saint(text):
    places = [
        {"id": 1, "label": "Home", "address": "186 Lasalle Boulevard", "aliases": ["home"]},
        {"id": 2, "label": "Ste-Anne-des-Pins Church", "address": "14 Beech Street", "aliases": []},
    ]
    assert where(parse(text, language="en", places=places)) == "Ste-Anne-des-Pins Church"


def test_a_kind_word_in_the_presets_district_is_its_district():
    places = [
        {"id": 1, "label": "Home", "address": "23 Heugh Road, Walmer", "aliases": ["home"]},
        {"id": 2, "label": "Elna's house", "address": "41 Buffelsfontein Road, Mill Park"},
    ]
    contacts = [{"name": "Elna Botha", "relation": "daughter"}]
    said = "to elna's in mill park for the braai"
    assert where(parse(said, language="en", places=places, contacts=contacts)) == "Elna's house"
    assert where(parse("to the park", language="en", places=places, contacts=contacts)) is None


@pytest.mark.parametrize(
    ("text", "place"), [("out to kevin's in c b h", "Kevin's house"), ("kevin's in c b x", None)]
)
def test_a_town_of_a_presets_address_said_by_its_initials_is_that_town(text, place):
    places = [
        {"id": 1, "label": "Home", "address": "27 Gower Street, St. John's", "aliases": ["home"]},
        {"id": 2, "label": "Kevin's house", "address": "14 Legion Road, Cape Breton Heights"},
    ]
    contacts = [{"name": "Kevin", "relation": "son"}]
    assert where(parse(text, language="en", places=places, contacts=contacts)) == place


def test_the_doctor_is_the_gp_in_a_town_with_a_chemist_too():
    places = [
        {"id": 1, "label": "Home", "address": "33 Kaikorai Valley Road", "aliases": ["home"]},
        {"id": 4, "label": "Dunedin Hospital", "address": "201 Great King Street", "aliases": []},
        {
            "id": 2,
            "label": "Mornington Medical Centre",
            "address": "Highgate, Mornington",
            "aliases": ["the gp"],
        },
        {"id": 3, "label": "Mornington Pharmacy", "address": "Highgate, Mornington", "aliases": []},
    ]
    said = "need to see the doctor about my hip at mornington"
    assert where(parse(said, language="en", places=places)) == "Mornington Medical Centre"


@pytest.mark.parametrize(
    "text",
    [
        "the bingo hall in gosforth",
        "the swimming baths in jesmond",
        "my mate's house in heaton",
        "me mate's in heaton",
    ],
)
def test_another_place_or_house_where_a_preset_is_is_not_that_preset(text):
    assert where(english(text)) is None


def test_the_presets_own_hall_where_it_is_is_that_preset():
    places = [*PLACES, {"id": 9, "label": "British Legion", "address": "Front Street, Lively"}]
    intent = parse("the legion hall in lively", language="en", places=places, contacts=CONTACTS)
    assert where(intent) == "British Legion"


def test_a_mate_is_a_form_of_address_not_a_friend_when_asking_to_go_home():
    assert where(english("cheers mate take me home")) == "Home"


def test_a_building_at_a_preset_is_part_of_it():
    assert where(english("i gotta see my doctor in the walton building at the general")) == (
        "Newcastle General Hospital"
    )


RICHMOND = [
    {"id": 1, "label": "Home", "address": "2418 East 41st Avenue, Vancouver", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Kevin's House",
        "address": "9180 No. 2 Road, Richmond",
        "aliases": ["kevin's", "number two road"],
    },
]
in_richmond = speaker("en", RICHMOND, [{"name": "Kevin", "relation": "son"}])


@pytest.mark.parametrize("text", ["number one", "number three", "number nine please"])
def test_another_number_is_not_a_preset_saved_by_its_number(text):
    """A road known by its number ("No. 2 Road") is not named by another number: "number three"
    at a menu is the third choice, never the son's house."""
    assert where(in_richmond(text)) is None


@pytest.mark.parametrize("text", ["number two road", "kevin's on number two road"])
def test_a_preset_saved_by_its_number_is_found_by_it(text):
    assert where(in_richmond(text)) == "Kevin's House"
