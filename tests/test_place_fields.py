"""A place's fields are declared once (services/people/place_fields.py): a field declared there,
with its column added as a migration would, is on the family's form, checked, stored, carried by
the ride to dispatch and the driver, and shown and read to the senior, with no other file
changed."""

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from babel.messages.mofile import read_mo

from elderride.api import openapi
from elderride.services import booking_document, bookings, wording
from elderride.services.outgoing import tds
from elderride.services.people import place_fields, places
from elderride.services.people.place_fields import OnTheRide, PlaceField
from tests import openapi_check

ROOT = Path(__file__).resolve().parent.parent

# A field nobody has yet: the code of the building's front door, for the driver at the pickup.
DOOR_CODE = PlaceField(
    "door_code",
    "text",
    "Door code for the driver",
    "The code of the building's front door.",
    max_length=12,
    list_label="door code:",
    ride=OnTheRide(
        "pickup",
        "The code of the pickup building's front door.",
        console_label="Door code",
        family_label="Door code",
        senior_text="The driver has the door code: %(notes)s",
        call_words="driver_note",
    ),
)


@pytest.fixture
def door_code(monkeypatch, db):
    """The door code declared, and its columns added as its migration would add them."""
    monkeypatch.setattr(place_fields, "FIELDS", (*place_fields.FIELDS, DOOR_CODE))
    db.table("places").add_column("door_code", str, not_null_default="")
    db.table("bookings").add_column("door_code", str)
    return DOOR_CODE


def home_form(db, margaret, **changes):
    """The family's form for Margaret's home as it stands, with `changes`."""
    home = places.home_place(db, margaret["id"])
    assert home is not None
    form = {"label": home["label"], "address": home["address"], "is_home": "on"}
    return f"/family/seniors/{margaret['id']}/places/{home['id']}", {**form, **changes}


def test_a_declared_field_is_on_the_familys_form_checked_and_stored(db, lily, margaret, door_code):
    blank = lily.page(f"/family/seniors/{margaret['id']}/places/new").get_data(as_text=True)
    assert "Door code for the driver" in blank and "The code of the building" in blank
    box = '<input id="door_code" name="door_code" type="text" value="" maxlength="12"'
    assert box in blank

    path, form = home_form(db, margaret, door_code="#4521 then 9999")
    refused = lily.submit(path, data=form)
    assert refused.status_code == 400
    shown = refused.get_data(as_text=True)
    assert 'id="door_code-error">Please keep this under 12 characters.' in shown
    assert places.home_place(db, margaret["id"])["door_code"] == ""

    assert lily.submit(path, data={**form, "door_code": "  #4521 "}).status_code == 303
    assert places.home_place(db, margaret["id"])["door_code"] == "#4521"
    listed = lily.page(f"/family/seniors/{margaret['id']}/setup").get_data(as_text=True)
    assert "door code: #4521" in listed
    # Left out of a later change, it is kept, as the notes are.
    home = places.home_place(db, margaret["id"])
    places.update_place(db, margaret["id"], home["id"], label="Home", address=home["address"])
    assert places.home_place(db, margaret["id"])["door_code"] == "#4521"


def test_a_declared_field_rides_to_dispatch_the_driver_and_the_senior(
    app, db, lily, margaret, dispatcher, book, door_code
):
    path, form = home_form(db, margaret, door_code="#4521")
    assert lily.submit(path, data=form).status_code == 303
    ride = book(margaret, "City Hospital")
    assert ride["door_code"] == "#4521"

    handed = next(
        db.table("outbox").rows_where("kind = 'dispatch' and booking_id = ?", [ride["id"]])
    )
    body = {
        "delivery_id": "elderride-1",
        "event": "created",
        "state": ride["state"],
        "booking": json.loads(handed["payload"])["booking"],
        "queued_at": ride["created_at"],
        "sent_at": ride["created_at"],
    }
    assert body["booking"]["door_code"] == "#4521"
    # The contract on file does not know the key until `elderride write-contract` writes it.
    with pytest.raises(jsonschema.ValidationError):
        openapi_check.check_webhook(body)
    written = openapi.with_place_fields(openapi_check.document())
    openapi_check.check_webhook(body, written)
    booking = written["components"]["schemas"]["Booking"]
    assert booking["properties"]["door_code"]["description"] == DOOR_CODE.ride.description
    assert "door_code" in booking["required"]

    console = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert '<dt>Door code</dt><dd class="door-code">#4521</dd>' in console
    family = lily.page(f"/family/seniors/{margaret['id']}/rides/{ride['id']}")
    assert '<dd class="door-code">#4521</dd>' in family.get_data(as_text=True)
    senior = app.test_client()
    senior.get(f"/s/{margaret['device_token']}")
    panel = senior.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "The driver has the door code: #4521" in panel

    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    assigned = bookings.transition(
        db,
        ride["id"],
        "assigned",
        actor="dispatch",
        details={"driver_name": "Sam Lee", "car_make": "Toyota", "car_colour": "Blue"}
        | {"plate": "ABC 123", "eta_minutes": 5},
    )
    said = wording.render("call", "assigned", assigned, margaret, "en")
    assert said.endswith("The driver has your family's note: #4521.")


def test_a_ride_from_a_place_without_the_field_carries_null(db, margaret, book, door_code):
    ride = book(margaret, {"address": "9 Elm Street"}, pickup={"address": "12 Oak Road"})
    assert ride["door_code"] is None
    assert booking_document.document_of(db, ride)["door_code"] is None


def test_the_contract_on_file_is_the_one_the_declaration_writes():
    on_file = openapi_check.document()
    assert openapi.with_place_fields(on_file) == on_file, "run: elderride write-contract"
    # And the written keys sit where the booking document puts them.
    required = on_file["components"]["schemas"]["Booking"]["required"]
    assert required[required.index("appointment_at") + 1] == "pickup_notes"


def test_pickup_notes_reach_the_tds_order_under_the_declared_key(db, margaret, book):
    home = places.home_place(db, margaret["id"])
    places.update_place(
        db, margaret["id"], home["id"], label="Home", address=home["address"], pickup_notes="Ring"
    )
    document = booking_document.document_of(db, book(margaret))
    order = tds.order_confirmation(document, customer_name="M", funding_entity="F")
    assert order["detailedPickupLocationDescription"] == "Ring"
    assert place_fields.on_the_ride()[0].ride.tds == "detailedPickupLocationDescription"


def test_every_declared_field_is_of_a_known_kind_with_a_unique_name():
    names = [field.name for field in place_fields.FIELDS]
    assert len(names) == len(set(names))
    assert {field.kind for field in place_fields.FIELDS} <= set(place_fields.KINDS)
    for field in place_fields.on_the_ride():
        # The booking column, the document and the contract carry one line of text.
        assert field.kind == "text" and field.ride.stop in ("pickup", "destination")
    telegram_keys = [field.ride.tds for field in place_fields.on_the_ride() if field.ride.tds]
    assert len(telegram_keys) == len(set(telegram_keys))


def test_every_declared_words_are_translated_and_read_on_the_phone_in_each_language():
    with (ROOT / "elderride/translations/zh/LC_MESSAGES/messages.mo").open("rb") as file:
        chinese = read_mo(file)
    for field in place_fields.FIELDS:
        words = [field.label, field.hint, field.list_label]
        if field.ride is not None:
            words += [field.ride.console_label, field.ride.family_label, field.ride.senior_text]
        for text in filter(None, words):
            assert chinese.get(text) is not None and chinese[text].string, text
        if field.ride is not None and field.ride.call_words:
            for language in ("en", "zh"):
                notices = tomllib.loads((ROOT / f"voice/notices/{language}.toml").read_text())
                assert "{notes}" in notices["words"][field.ride.call_words]
