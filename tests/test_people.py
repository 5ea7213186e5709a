"""Seniors, their numbers, places and contacts: validation, limits, order."""

import pytest

from elderride.services.errors import NotFound, ValidationError
from elderride.services.people import contacts, places, seniors


@pytest.fixture
def senior_id(db):
    return seniors.create_senior(
        db, name="Ada Park", language="en", numbers=[("+15550100050", "mobile")]
    )


def test_phone_numbers_are_stored_in_e164(db):
    senior_id = seniors.create_senior(
        db, name="Bo", language="en", numbers=[("(415) 555-2671", "landline")]
    )
    assert [phone["phone"] for phone in seniors.phones_of(db, senior_id)] == ["+14155552671"]
    assert seniors.senior_by_phone(db, "+14155552671")["id"] == senior_id


@pytest.mark.parametrize("number", ["", "12", "not a number", "+1 555", "9" * 41, "+999 1234567"])
def test_bad_phone_numbers_are_refused_naming_the_field(db, senior_id, number):
    with pytest.raises(ValidationError) as caught:
        seniors.add_phone(db, senior_id, number)
    assert caught.value.field == "phone"
    assert len(seniors.phones_of(db, senior_id)) == 1


def test_a_number_belongs_to_one_senior_only(db, senior_id):
    other = seniors.create_senior(db, name="Cy", language="en")
    with pytest.raises(ValidationError) as caught:
        seniors.add_phone(db, other, "+1 555 010 0050")
    assert caught.value.field == "phone"
    assert "cannot be added" in str(caught.value) and "another senior" not in str(caught.value)
    assert seniors.phones_of(db, other) == []


def test_creating_a_senior_with_a_taken_number_creates_nothing(db, senior_id):
    before = db.table("seniors").count
    with pytest.raises(ValidationError):
        seniors.create_senior(db, name="Dee", language="en", numbers=[("+15550100050", "mobile")])
    assert db.table("seniors").count == before


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"name": "   \t "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"language": "fr"}, "language"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"needs": ["jetpack"]}, "needs"),
        ({"name": 42}, "name"),
    ],
)
def test_bad_senior_fields_are_refused_naming_the_field(db, changes, field):
    values = {"name": "Eve", "language": "en", **changes}
    with pytest.raises(ValidationError) as caught:
        seniors.create_senior(db, **values)
    assert field in caught.value.errors
    assert db.table("seniors").count == 0


def test_every_bad_field_is_reported_at_once(db):
    with pytest.raises(ValidationError) as caught:
        seniors.create_senior(db, name="", language="xx", needs=["nope"])
    assert set(caught.value.errors) == {"name", "language", "needs"}


def test_names_are_tidied(db):
    senior_id = seniors.create_senior(db, name="  Fay\u200b  \n Lin\x00 ", language="zh")
    assert seniors.get_senior(db, senior_id)["name"] == "Fay Lin"


def test_places_keep_the_family_order_and_can_be_moved(db, senior_id):
    ids = [
        places.add_place(db, senior_id, label=label, address=f"{label} street")
        for label in ("Home", "Clinic", "Park")
    ]
    assert [place["label"] for place in places.list_places(db, senior_id)] == [
        "Home",
        "Clinic",
        "Park",
    ]
    places.move_place(db, senior_id, ids[2], 0)
    assert [place["label"] for place in places.list_places(db, senior_id)] == [
        "Park",
        "Home",
        "Clinic",
    ]
    places.delete_place(db, senior_id, ids[1])
    listed = places.list_places(db, senior_id)
    assert [(place["label"], place["position"]) for place in listed] == [("Park", 0), ("Home", 1)]


def test_a_ninth_place_is_refused(db, senior_id):
    for index in range(places.MAX_PLACES):
        places.add_place(db, senior_id, label=f"Place {index}", address=f"{index} Road")
    with pytest.raises(ValidationError) as caught:
        places.add_place(db, senior_id, label="One too many", address="9 Road")
    assert caught.value.field == "label"
    assert len(places.list_places(db, senior_id)) == places.MAX_PLACES


@pytest.mark.parametrize(
    "values, field",
    [
        ({"label": "", "address": "1 Road"}, "label"),
        ({"label": "Shop", "address": ""}, "address"),
        ({"label": "x" * 61, "address": "1 Road"}, "label"),
        ({"label": "Shop", "address": "y" * 201}, "address"),
        (
            {
                "label": "Shop",
                "address": "1 Road",
                "aliases": ["a"] * 3 + [f"b{i}" for i in range(10)],
            },
            "aliases",
        ),
    ],
)
def test_bad_places_are_refused_naming_the_field(db, senior_id, values, field):
    with pytest.raises(ValidationError) as caught:
        places.add_place(db, senior_id, **values)
    assert field in caught.value.errors
    assert places.list_places(db, senior_id) == []


def test_place_labels_are_unique_per_senior(db, senior_id):
    places.add_place(db, senior_id, label="Home", address="1 Road")
    with pytest.raises(ValidationError) as caught:
        places.add_place(db, senior_id, label="home", address="2 Road")
    assert caught.value.field == "label"


def test_aliases_are_cleaned_and_deduplicated(db, senior_id):
    place_id = places.add_place(
        db, senior_id, label="女儿家", address="滨江区", aliases="女儿那里，闺女家, 闺女家 ,"
    )
    assert places.get_place(db, senior_id, place_id)["aliases"] == ["女儿那里", "闺女家"]


@pytest.mark.parametrize(
    "alias", ["7-Eleven", "7 eleven", "seven eleven", "99 Ranch", "Fred Meyer 2"]
)
def test_a_shops_name_with_a_number_is_kept(db, senior_id, alias):
    place_id = places.add_place(db, senior_id, label="Corner shop", address="1 Road", aliases=alias)
    assert places.get_place(db, senior_id, place_id)["aliases"] == [alias]


@pytest.mark.parametrize("alias", ["12", "twelve", "number 5", "twenty one"])
def test_a_name_that_is_only_a_number_is_refused(db, senior_id, alias):
    with pytest.raises(ValidationError) as caught:
        places.add_place(db, senior_id, label="Corner shop", address="1 Road", aliases=alias)
    assert caught.value.errors["aliases"][1] == {"alias": alias, "limit": 60}
    assert "only a number" in caught.value.errors["aliases"][0]
    assert places.list_places(db, senior_id) == []


def test_a_seventh_contact_is_refused(db, senior_id):
    for index in range(contacts.MAX_CONTACTS):
        contacts.add_contact(db, senior_id, name=f"Kid {index}", phone=f"+1555010010{index}")
    with pytest.raises(ValidationError):
        contacts.add_contact(db, senior_id, name="Kid 7", phone="+15550100120")
    assert len(contacts.list_contacts(db, senior_id)) == contacts.MAX_CONTACTS


def test_contacts_validate_phone_and_name(db, senior_id):
    with pytest.raises(ValidationError) as caught:
        contacts.add_contact(db, senior_id, name="", phone="nope")
    assert set(caught.value.errors) == {"name", "phone"}


def test_contacts_reorder_and_who_is_notified(db, senior_id):
    first = contacts.add_contact(db, senior_id, name="Gus", phone="+15550100060", notify=False)
    second = contacts.add_contact(db, senior_id, name="Hal", phone="+15550100061", notify=True)
    contacts.move_contact(db, senior_id, second, 0)
    assert [contact["id"] for contact in contacts.list_contacts(db, senior_id)] == [second, first]
    assert [contact["name"] for contact in contacts.notified_contacts(db, senior_id)] == ["Hal"]


def test_another_seniors_place_is_not_found(db, senior_id):
    other = seniors.create_senior(db, name="Ivy", language="en")
    place_id = places.add_place(db, other, label="Home", address="1 Road")
    with pytest.raises(NotFound):
        places.get_place(db, senior_id, place_id)
    with pytest.raises(NotFound):
        places.delete_place(db, senior_id, place_id)
    assert places.get_place(db, other, place_id)["label"] == "Home"


def test_device_tokens_can_be_revoked_and_reissued(db, senior_id):
    first = seniors.issue_device_token(db, senior_id, "secret key")
    assert seniors.senior_by_device_token(db, first)["id"] == senior_id
    second = seniors.issue_device_token(db, senior_id, "secret key")
    assert seniors.senior_by_device_token(db, first) is None
    assert seniors.senior_by_device_token(db, second)["id"] == senior_id
    seniors.revoke_device_token(db, senior_id)
    assert seniors.senior_by_device_token(db, second) is None
