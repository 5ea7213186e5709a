"""One outward booking document: the webhook and the API send the same one, nothing internal in
it, and every body and response fits elderride/api/openapi.json."""

import datetime
import json

import jsonschema
import pytest

from elderride.services import assignments, bookings, clock, fields, lifecycle, overflow, returns
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import messages
from elderride.services.outgoing.dispatch import Webhook
from elderride.services.people import code_words
from tests import openapi_check
from tests.dispatch_receiver import SECRET, DispatchReceiver

TOKEN = "document-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Columns elderride keeps for itself: how a booking was deduplicated, which call, who typed it,
# which recurring rule made it, why it was held, which of the senior's places it named.
INTERNAL = {
    "idempotency_key",
    "call_sid",
    "created_by",
    "recurring_id",
    "occurs_on",
    "review_reason",
    "pickup_place_id",
    "destination_place_id",
}
ASSIGNED = {
    "driver_name": "Sam Lee",
    "driver_phone": "+15550100123",
    "car_make": "Toyota",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": 5,
}


@pytest.fixture
def receiver():
    server = DispatchReceiver()
    yield server
    server.stop()


@pytest.fixture
def api(app):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    return app.test_client()


def deliver_all(db, receiver):
    deliverer = Deliverer(messages.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET))
    for _ in range(50):
        db.execute(
            "update outbox set next_attempt_at = ? where status = 'pending'",
            [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
        )
        if not run_once(db, deliverer, "test"):
            return


def whole_life(db, api, margaret, book):
    """A ride out with a trip back, through assignment, a no-show report, pickup and completion;
    an address edit and a cancel taken back on another."""
    ride = book(margaret, key="recurring:1:2026-12-07")
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    returns.book_on_call(
        db, ride["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    for step, kind in enumerate(("assigned", "arriving", "no_show", "picked_up", "completed")):
        report = {"id": f"evt-{step}", "type": kind, **(ASSIGNED if kind == "assigned" else {})}
        response = api.post(f"/api/v1/bookings/{ride['id']}/events", json=report, headers=AUTH)
        assert response.status_code == 200, response.get_json()
    other = book(margaret, call_sid="CA123", channel="phone", created_by="ivr")
    bookings.edit_trip(
        db, other["id"], pickup_address="12 Oak Road", destination_address="9 Elm", actor="x"
    )
    bookings.transition(db, other["id"], "cancelled", actor="senior")
    bookings.transition(db, other["id"], "requested", actor="senior")
    return ride, other


def test_a_webhook_body_carries_no_internal_column(db, api, margaret, receiver, book):
    whole_life(db, api, margaret, book)
    deliver_all(db, receiver)
    assert len(receiver.bodies) >= 8
    for body in receiver.bodies:
        leaked = INTERNAL & set(body["booking"])
        assert not leaked, (body["event"], sorted(leaked))


def test_every_webhook_body_fits_the_document(db, api, margaret, receiver, book):
    whole_life(db, api, margaret, book)
    deliver_all(db, receiver)
    events = {body["event"] for body in receiver.bodies}
    assert {"created", "forwarded", "assigned", "no_show", "completed", "edited"} <= events
    assert "reopened" in events and "cancelled" in events
    for body in receiver.bodies:
        openapi_check.check_webhook(body)
        assert body["booking"]["version"] == 1


def test_every_api_response_fits_the_document(db, api, margaret, book):
    ride, _ = whole_life(db, api, margaret, book)
    listed = api.get("/api/v1/bookings", headers=AUTH)
    openapi_check.check_response("/api/v1/bookings", "get", 200, listed.get_json())
    for shown in listed.get_json()["bookings"]:
        one = api.get(f"/api/v1/bookings/{shown['id']}", headers=AUTH)
        openapi_check.check_response("/api/v1/bookings/{booking_id}", "get", 200, one.get_json())
        assert not INTERNAL & set(one.get_json()["booking"])
    missing = api.get("/api/v1/bookings/999999", headers=AUTH)
    openapi_check.check_response("/api/v1/bookings/{booking_id}", "get", 404, missing.get_json())
    refused = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        json={"id": "late", "type": "arriving"},
        headers=AUTH,
    )
    assert refused.status_code == 409
    openapi_check.check_response(
        "/api/v1/bookings/{booking_id}/events", "post", 409, refused.get_json()
    )


def test_a_body_with_a_column_the_document_does_not_name_fails_it(db, margaret, book):
    """The check itself can fail: a leaked column is caught by the schema, not only by the list
    above."""
    ride = book(margaret)
    body = {
        "delivery_id": "elderride-1",
        "event": "created",
        "state": "requested",
        "booking": {**ride, "version": 1},
        "queued_at": ride["created_at"],
        "sent_at": ride["created_at"],
    }
    with pytest.raises(jsonschema.ValidationError):
        openapi_check.check_webhook(body)


def test_the_webhook_and_the_api_send_the_same_document(db, api, margaret, receiver, book):
    ride = book(margaret)
    deliver_all(db, receiver)
    forwarded = next(body for body in receiver.bodies if body["event"] == "forwarded")
    shown = api.get(f"/api/v1/bookings/{ride['id']}", headers=AUTH).get_json()["booking"]
    assert forwarded["booking"] == shown


def test_the_trip_back_booked_with_the_ride_is_named_in_its_later_deliveries(
    db, api, margaret, receiver, book
):
    ride = book(margaret)
    back = returns.book_on_call(
        db, ride["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    deliver_all(db, receiver)
    outward = [body for body in receiver.bodies if body["booking"]["id"] == ride["id"]]
    # Booked after the ride out was handed over: that first delivery cannot know of it.
    assert [body["booking"]["return_ride"] for body in outward] == [None, back["id"]]


def test_an_entry_queued_before_the_document_leaves_as_the_document(db, margaret, receiver, book):
    ride = book(margaret)
    # A delivery queued by the release before this one held the raw row.
    entry = next(db.table("outbox").rows_where("kind = 'dispatch'"))
    payload = json.loads(entry["payload"])
    payload["booking"] = {**bookings.get_booking(db, ride["id"])}
    db.table("outbox").update(entry["id"], {"payload": json.dumps(payload)})
    deliver_all(db, receiver)
    first = receiver.bodies[0]
    assert not INTERNAL & set(first["booking"])
    openapi_check.check_webhook(first)


def test_the_served_document_is_the_file_with_this_servers_address(api):
    served = api.get("/api/v1/openapi.json").get_json()
    on_file = openapi_check.document()
    assert served["servers"][0]["url"].startswith("http")
    assert {**served, "servers": on_file["servers"]} == on_file


def test_the_document_states_the_rules_the_code_applies():
    schemas = openapi_check.document()["components"]["schemas"]
    report = schemas["StatusReport"]["properties"]
    for name, limit in assignments.FIELDS.items():
        assert report[name]["maxLength"] == limit
        expected = (
            fields.VISIBLE_PATTERN if name in assignments.REQUIRED else fields.PRINTABLE_PATTERN
        )
        assert report[name]["pattern"] == expected
    assert report["eta_minutes"]["maximum"] == assignments.ETA_MAX
    assert report["id"]["pattern"] == fields.PRINTABLE_PATTERN
    assert schemas["Booking"]["properties"]["state"]["enum"] == list(lifecycle.STATES)
    assert schemas["Booking"]["properties"]["needs"]["items"]["enum"] == list(fields.NEEDS)
    assert schemas["Booking"]["properties"]["code_word"]["maxLength"] == code_words.MAX_LENGTH
    assert schemas["StatusReport"]["then"]["required"] == list(assignments.REQUIRED)


def test_every_event_dispatch_can_hear_is_a_webhook_in_the_document():
    heard = {"created", "edited", "reopened", "no_show", overflow.OFFERED, overflow.WITHDRAWN} | (
        set(lifecycle.STATES) - lifecycle.UNDISPATCHED_STATES
    )
    assert set(openapi_check.document()["webhooks"]) == heard


def test_the_consoles_export_is_the_same_document(db, api, dispatcher, client, margaret, book):
    ride = book(margaret, call_sid="CA9", channel="phone", created_by="ivr")
    exported = dispatcher.get("/console/export.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    [document] = exported.get_json()["bookings"]
    assert document == api.get(f"/api/v1/bookings/{ride['id']}", headers=AUTH).get_json()["booking"]
    openapi_check.check_response(
        "/api/v1/bookings/{booking_id}", "get", 200, {"booking": document, "events": []}
    )
    # Not for anyone but staff.
    assert client.get("/console/export.json").status_code in (302, 303, 401)
