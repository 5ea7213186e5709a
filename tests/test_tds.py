"""The TDS dispatch adapter: a booking's whole life as TDS telegrams out, TDS status back in,
checked against the project's own schema of what it sends and the API's document."""

import datetime
import json
import os
from pathlib import Path

import jsonschema
import pytest

from elderride.services import bookings, clock, overflow
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import messages
from elderride.services.outgoing.dispatch import new_secret
from elderride.services.outgoing.tds import TdsAdapter
from elderride.services.people import places
from elderride.worker import deliverer_from_config
from tests import openapi_check
from tests.conftest import place_of
from tests.overflow_setup import SECOND, SECOND_CAR, assign, let_second_center_in, offer_now
from tests.overflow_setup import report as report_event
from tests.tds_provider import TdsProvider

TOKEN = "tds-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RAW = {**AUTH, "Content-Type": "application/json"}
SECRET = new_secret()
OWN_SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "elderride/api/tds-telegrams.schema.json").read_text()
)
SENT = jsonschema.Draft202012Validator(
    OWN_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


@pytest.fixture
def provider():
    server = TdsProvider(SECRET)
    yield server
    server.stop()


@pytest.fixture
def api(app):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    return app.test_client()


def deliver_all(db, provider, rounds=50):
    deliverer = Deliverer(
        messages.BuiltinNotifier(),
        dispatch=TdsAdapter(provider.url, SECRET, funding_entity="county-paratransit"),
    )
    for _ in range(rounds):
        db.execute(
            "update outbox set next_attempt_at = ? where status = 'pending'",
            [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
        )
        if not run_once(db, deliverer, "test"):
            return


def report(api, telegrams, status=200):
    response = api.post("/api/v1/tds", json=telegrams, headers=AUTH)
    assert response.status_code == status, response.get_json()
    if status < 300:
        openapi_check.check_response("/api/v1/tds", "post", status, response.get_json())
    return response.get_json()


def in_an_hour():
    return clock.iso(clock.now() + datetime.timedelta(minutes=60))


def confirmation(ticket):
    return {
        "providerOrderConfirmation": {
            "tripTicketId": ticket,
            "scheduledPickupPoint": {"@street": "12 Elm Street"},
            "scheduledDropoffPoint": {"@street": "400 River Road"},
            "scheduledPickupTime": {"@time": in_an_hour()},
            "@driverId": "Sam Lee",
            "@vehicleNumber": "ABC 123",
            "@vehicleInformation": "Toyota Sienna, blue",
        }
    }


def task(ticket, status):
    return {
        "tripTaskConfirmation": {
            "tripTicketId": ticket,
            "tripTaskId": "task-7",
            "vehicleNumber": "ABC 123",
            "customerLocInDropoffSequence": 1,
            "nodePerformedTime": {"@time": clock.iso()},
            "@tripStatus": status,
            # The published JSON schema requires this name without its @ (docs/tds.md).
            "tripStatus": status,
        }
    }


def completion(ticket):
    now = clock.iso()
    return {
        "tripTaskCompletion": {
            "tripTicketId": ticket,
            "pickupTime": {"@time": now},
            "dropoffTime": {"@time": now},
            "cost": 0.0,
        }
    }


def test_a_bookings_whole_life_in_telegrams(db, api, margaret, provider, book):
    home = place_of(db, margaret, "Home")
    places.update_place(
        db,
        margaret["id"],
        home["id"],
        label="Home",
        address=home["address"],
        coordinates="40.71, -74.0",
    )
    hospital = place_of(db, margaret, "City Hospital")
    places.update_place(
        db,
        margaret["id"],
        hospital["id"],
        label=hospital["label"],
        address=hospital["address"],
        medical=True,
    )
    tomorrow = clock.now().date() + datetime.timedelta(days=1)
    ride = book(
        margaret,
        appointment_at=datetime.datetime.combine(tomorrow, datetime.time(15), datetime.UTC),
        companions=1,
        caller_phone="+15550100001",
    )
    deliver_all(db, provider)
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"
    [(first, signed)] = provider.received
    assert signed and set(first) == {"tripRequest", "clientOrderConfirmation"}
    order = first["clientOrderConfirmation"]
    assert order["tripTicketId"] == f"elderride-{ride['id']}"
    assert order["hardConstraintOnDropoffTime"] is True
    assert order["dropoffTime"]["@time"] == order["appointmentTime"]["@time"]
    assert order["numOtherReservedPassengers"] == 1 and order["customerMobilePhone"] == 15550100001
    assert order["pickupAddress"]["geographicLocation"]["@lat"] == 40.71
    assert first["tripRequest"]["@specialAttributes"] == ["WA", "D2D"]
    ticket = order["tripTicketId"]
    received = [
        confirmation(ticket),
        task(ticket, "no show"),
        task(ticket, "performed"),
        completion(ticket),
    ]
    assigned = report(api, received[0])["booking"]
    assert assigned["state"] == "assigned"
    assert assigned["driver"]["name"] == "Sam Lee" and assigned["driver"]["plate"] == "ABC 123"
    assert (assigned["driver"]["car_make"], assigned["driver"]["car_colour"]) == (
        "Toyota Sienna",
        "blue",
    )
    assert 58 <= assigned["driver"]["eta_minutes"] <= 60
    assert report(api, received[1])["booking"]["no_show"]["state"] == "calling"
    assert report(api, received[2])["booking"]["state"] == "picked_up"
    assert report(api, received[3])["booking"]["state"] == "completed"
    # Another ride: its address corrected, then cancelled.
    other = book(margaret, "Lily's home")
    bookings.edit_trip(
        db,
        other["id"],
        pickup_address="12 Elm Street, side door",
        destination_address="88 Oak Avenue",
        actor="dispatcher",
    )
    bookings.transition(db, other["id"], "cancelled", actor="senior")
    deliver_all(db, provider)
    sent = [telegrams for telegrams, _ in provider.received]
    assert [sorted(telegrams) for telegrams in sent] == [
        ["clientOrderConfirmation", "tripRequest"],
        ["clientOrderConfirmation", "tripRequest"],
        ["clientOrderConfirmation"],
        ["tripRequest"],
    ]
    assert sent[-1]["tripRequest"]["@openAttribute"] == f"cancel elderride-{other['id']}"
    for telegrams in sent:
        SENT.validate(telegrams)
    # Kept for validating against the published TDS schemas outside the repository (docs/tds.md).
    dump = os.environ.get("TDS_LIFE_DUMP")
    if dump:
        Path(dump).write_text(json.dumps({"sent": sent, "received": received}, indent=2))


def test_our_schema_refuses_a_telegram_we_must_not_send(db, margaret, provider, book):
    book(margaret)
    deliver_all(db, provider)
    [(sent, _)] = provider.received
    broken = json.loads(json.dumps(sent))
    broken["clientOrderConfirmation"]["hardConstraintOnDropoffTime"] = True
    broken["clientOrderConfirmation"].pop("dropoffTime", None)
    with pytest.raises(jsonschema.ValidationError):
        SENT.validate(broken)
    with pytest.raises(jsonschema.ValidationError):
        SENT.validate({**sent, "tripRequest": {**sent["tripRequest"], "@tripPurpose": ["M"]}})


def test_a_replayed_telegram_changes_nothing(db, api, margaret, provider, book):
    ride = book(margaret)
    deliver_all(db, provider)
    ticket = f"elderride-{ride['id']}"
    message = confirmation(ticket)
    report(api, message)
    events = len(bookings.events_of(db, ride["id"]))
    assert report(api, message)["booking"]["state"] == "assigned"
    report(api, task(ticket, "no show"))
    report(api, task(ticket, "no show"))
    assert db.table("welfare_checks").count == 1
    assert len(bookings.events_of(db, ride["id"])) == events + 1


@pytest.mark.parametrize(
    "message, field",
    [
        ({}, "telegram"),
        ([1, 2], "telegram"),
        ({"tripCancellation": {}}, "telegram"),
        ({"providerOrderConfirmation": "x"}, "providerOrderConfirmation"),
        # A notice that changes nothing is still a telegram, never a bare value (found by
        # schemathesis: these were taken with a 202).
        ({"tripRequestResponse": True, "tripScheduledConfirmation": False}, "tripRequestResponse"),
        (
            {"vehicleConfirmation": [], "tripTaskCompletion": {"tripTicketId": "RIDE"}},
            "vehicleConfirmation",
        ),
        ({"providerOrderConfirmation": {"tripTicketId": "other-5"}}, "tripTicketId"),
        ({"tripTaskConfirmation": {"tripTicketId": "RIDE", "@tripStatus": "gone"}}, "@tripStatus"),
    ],
)
def test_bad_status_telegrams_are_explained_and_change_nothing(
    db, api, margaret, provider, book, message, field
):
    ride = book(margaret)
    deliver_all(db, provider)
    message = json.loads(json.dumps(message).replace("RIDE", f"elderride-{ride['id']}"))
    answer = report(api, message, status=400)
    assert answer["field"] == field and answer["error"]
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"


def test_a_vehicle_named_badly_or_a_report_out_of_turn_is_refused(
    db, api, margaret, provider, book
):
    ride = book(margaret)
    deliver_all(db, provider)
    ticket = f"elderride-{ride['id']}"
    unnamed = confirmation(ticket)
    unnamed["providerOrderConfirmation"]["@vehicleInformation"] = "Toyota"
    assert report(api, unnamed, status=400)["field"] in ("car_make", "car_colour")
    # Confirmed without a vehicle yet: still with dispatch.
    bare = confirmation(ticket)
    del bare["providerOrderConfirmation"]["@driverId"]
    assert report(api, bare)["booking"]["state"] == "forwarded"
    bookings.transition(db, ride["id"], "cancelled", actor="senior")
    refused = report(api, completion(ticket), status=409)
    assert refused["state"] == "cancelled"
    assert (
        report(
            api,
            {"tripScheduledConfirmation": {"tripTicketId": ticket, "dataReceived": True}},
            status=202,
        )["booking"]
        is None
    )


def test_a_ticket_for_no_ride_is_a_404(api):
    answer = report(api, completion("elderride-999999"), status=404)
    assert answer["field"] == "tripTicketId"


def test_a_ride_nobody_was_assigned_to_is_not_completed(db, api, margaret, provider, book):
    ride = book(margaret)
    deliver_all(db, provider)
    ticket = f"elderride-{ride['id']}"
    for message in (completion(ticket), task(ticket, "performed")):
        assert report(api, message, status=409)["state"] == "forwarded"


def test_the_status_endpoint_needs_the_token(api, margaret, book):
    ride = book(margaret)
    response = api.post("/api/v1/tds", json=completion(f"elderride-{ride['id']}"))
    assert response.status_code == 401


def test_the_adapter_is_chosen_by_configuration(app, provider):
    config = {
        **app.config,
        "DISPATCH_WEBHOOK_URL": provider.url,
        "DISPATCH_WEBHOOK_SECRET": SECRET,
        "DISPATCH_ADAPTER": "tds",
        "TDS_FUNDING_ENTITY": "county",
    }
    assert isinstance(deliverer_from_config(config).dispatch, TdsAdapter)
    with pytest.raises(ValueError, match="ELDERRIDE_DISPATCH_ADAPTER"):
        deliverer_from_config({**config, "DISPATCH_ADAPTER": "fax"})


def test_nothing_is_forwarded_while_the_provider_is_down(db, margaret, provider, book):
    provider.down = True
    ride = book(margaret)
    deliver_all(db, provider, rounds=3)
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"
    provider.down = False
    deliver_all(db, provider)
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"
    assert len(provider.received) == 1


def _calls_about(db, ride):
    return [
        json.loads(row["payload"])["state"]
        for row in db.table("outbox").rows_where(
            "booking_id = ? and kind = 'call'", [ride["id"]], order_by="id"
        )
    ]


@pytest.mark.parametrize("outcome", ["performed", "completed"])
def test_a_senior_in_the_car_is_not_phoned_that_it_is_arriving(
    db, api, margaret, provider, book, outcome
):
    ride = book(margaret)
    deliver_all(db, provider)
    ticket = f"elderride-{ride['id']}"
    report(api, confirmation(ticket))
    before = _calls_about(db, ride)
    message = task(ticket, "performed") if outcome == "performed" else completion(ticket)
    answer = report(api, message)
    assert answer["booking"]["state"] == ("picked_up" if outcome == "performed" else "completed")
    # The walk went through arriving (the log shows it), but only its end may speak.
    assert "arriving" in [event["to_state"] for event in bookings.events_of(db, ride["id"])]
    assert _calls_about(db, ride) == before


@pytest.mark.parametrize("where", ["@driverId", "@vehicleInformation", "tripTicketId"])
@pytest.mark.parametrize("text", ["\ud800", "\x00", "\x1b[2J"])
def test_a_telegram_with_unprintable_text_is_a_400_naming_the_field(
    db, api, margaret, provider, book, where, text
):
    ride = book(margaret)
    deliver_all(db, provider)
    message = confirmation(f"elderride-{ride['id']}")
    message["providerOrderConfirmation"][where] += text
    raw = json.dumps(message)  # escapes a lone surrogate as \ud800, as a client would send it
    response = api.post("/api/v1/tds", data=raw, headers=RAW)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json()["field"] == where
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"


def test_a_lone_surrogate_in_a_field_we_do_not_read_is_no_500_and_still_a_replay(
    db, api, margaret, provider, book
):
    ride = book(margaret)
    deliver_all(db, provider)
    ticket = f"elderride-{ride['id']}"
    report(api, confirmation(ticket))
    raw = '{"tripTaskCompletion": {"tripTicketId": "' + ticket + '", "x": "\\ud800"}}'
    response = api.post("/api/v1/tds", data=raw, headers=RAW)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["booking"]["state"] == "completed"
    events = len(bookings.events_of(db, ride["id"]))
    assert api.post("/api/v1/tds", data=raw, headers=RAW).status_code == 200
    assert len(bookings.events_of(db, ride["id"])) == events


def test_a_reconfirmation_with_another_vehicle_is_refused_not_dropped(
    db, api, margaret, provider, book
):
    ride = book(margaret)
    deliver_all(db, provider)
    ticket = f"elderride-{ride['id']}"
    report(api, confirmation(ticket))
    first = bookings.get_booking(db, ride["id"])
    other = confirmation(ticket)
    other["providerOrderConfirmation"].update(
        {"@driverId": "Ann Other", "@vehicleNumber": "ZZZ 999", "@vehicleInformation": "Honda, red"}
    )
    refused = report(api, other, status=409)
    assert refused["state"] == "assigned" and "vehicle" in refused["error"]
    assert bookings.get_booking(db, ride["id"])["plate"] == first["plate"]
    # The same confirmation again is still a harmless replay.
    assert report(api, confirmation(ticket))["booking"]["state"] == "assigned"


def handed_to_second_center(app, db, api, senior, provider, book):
    """A ride forwarded to the provider, offered to the second center, which assigned Wei."""
    let_second_center_in(app)
    ride = book(senior)
    deliver_all(db, provider)
    offer_now(db, ride)
    taken = assign(api, ride, SECOND, "second-1", SECOND_CAR)
    assert taken.status_code == 200, taken.get_json()
    return ride


def test_a_ride_the_overflow_center_took_first_is_cancelled_with_the_provider(
    app, db, api, margaret, provider, book
):
    ride = handed_to_second_center(app, db, api, margaret, provider, book)
    deliver_all(db, provider, rounds=5)
    sent = [telegrams for telegrams, _ in provider.received]
    assert sent[-1] == {"tripRequest": sent[-1]["tripRequest"]}
    assert sent[-1]["tripRequest"]["@openAttribute"] == f"cancel elderride-{ride['id']}"
    for telegrams in sent:
        SENT.validate(telegrams)
    # The provider's own confirmation, too late, changes nothing.
    late = report(api, confirmation(f"elderride-{ride['id']}"), status=409)
    assert "overflow dispatch center took this ride first" in late["error"]


def test_a_ride_handed_back_by_the_overflow_center_is_requested_from_the_provider_again(
    app, db, api, margaret, provider, book
):
    ride = handed_to_second_center(app, db, api, margaret, provider, book)
    lost = report_event(api, ride, SECOND, "s-2", "no_car")
    assert lost.status_code == 200, lost.get_json()
    deliver_all(db, provider, rounds=5)
    sent = [telegrams for telegrams, _ in provider.received]
    assert "@openAttribute" not in sent[-1]["tripRequest"]
    assert sent[-1]["clientOrderConfirmation"]["tripTicketId"] == f"elderride-{ride['id']}"
    for telegrams in sent:
        SENT.validate(telegrams)
    # The provider's confirmation now assigns the ride.
    assert report(api, confirmation(f"elderride-{ride['id']}"))["booking"]["state"] == "assigned"


@pytest.mark.parametrize("status", ["no pickup", "no show"])
def test_the_providers_trip_outcome_on_a_ride_the_overflow_center_holds_is_refused(
    app, db, api, margaret, provider, book, status
):
    # The overflow center took the ride and its driver Wei is on the way: the provider, told to
    # cancel, cannot say its own car did not come (the senior and family would hear "no car",
    # the overflow center would lose the ride) nor start a no-show check on it.
    ride = handed_to_second_center(app, db, api, margaret, provider, book)
    late = report(api, task(f"elderride-{ride['id']}", status), status=409)
    assert "overflow dispatch center took this ride first" in late["error"]
    kept = bookings.get_booking(db, ride["id"])
    assert (kept["state"], kept["driver_name"]) == ("assigned", "Wei")
    assert overflow.offer_of(db, ride["id"])["holder"] == "overflow"
    assert db.table("welfare_checks").count_where("booking_id = ?", [ride["id"]]) == 0
