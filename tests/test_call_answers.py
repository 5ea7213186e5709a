"""Calls that know who answered: Twilio's answering machine detection and status callbacks, from
the local fake Twilio answering as a person, a machine, with no answer and busy."""

import datetime
import json
import xml.etree.ElementTree as ElementTree
import zoneinfo

import pytest

from elderride.services import bookings, car_updates, clock
from elderride.services.delivery import Deliverer, run_once
from elderride.services.people.places import list_places
from elderride.services.records import BookingRequest, Trip
from elderride.services.scheduled import schedule, welfare
from elderride.twilio_notifier import TwilioNotifier
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
EVENING = datetime.datetime(2026, 10, 26, 18, 5, tzinfo=NEW_YORK)
CAR = {
    "driver_name": "Sam",
    "car_make": "Toyota",
    "car_colour": "Silver",
    "plate": "ABC 123",
    "eta_minutes": 10,
}


@pytest.fixture
def set_clock():
    yield clock.set_now
    clock.set_now(None)


@pytest.fixture
def placing(phone_app, db, fake_twilio):
    """Deliver what is due through the real Twilio library to the fake host, with the public
    address Twilio calls back on; return how many calls the fake has had."""
    phone_app.config["PUBLIC_BASE_URL"] = "http://localhost"
    notifier = TwilioNotifier(
        ACCOUNT_SID,
        AUTH_TOKEN,
        "+15550109999",
        api_base=fake_twilio.url,
        public_base_url="http://localhost",
    )

    def place():
        while run_once(db, Deliverer(notifier), "w"):
            pass
        return len(fake_twilio.calls)

    return place


@pytest.fixture
def reminded(db, margaret, set_clock, placing, fake_twilio):
    """Tuesday's one-off 10:15 ride to City Hospital, booked a week ahead; Monday evening its
    reminder call is placed."""
    set_clock(datetime.datetime(2026, 10, 20, 9, 0, tzinfo=NEW_YORK))
    places = list_places(db, margaret["id"])
    ride, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="tuesday",
            channel="family",
            created_by="family:1",
            senior_id=margaret["id"],
            trip=Trip(
                pickup={"place_id": places[0]["id"]},
                destination={"place_id": places[1]["id"]},
                pickup_at=datetime.datetime(2026, 10, 27, 10, 15, tzinfo=NEW_YORK),
            ),
        ),
    )
    set_clock(EVENING)
    assert schedule.run_due(db)["reminded"] == 1
    assert placing() == 1
    return ride


def family_texts(db, ride, state):
    return [
        json.loads(row["payload"])
        for row in db.table("outbox").rows_where(
            "booking_id = ? and kind = 'text'", [ride["id"]], order_by="id"
        )
        if json.loads(row["payload"])["state"] == state
    ]


def attempts(db, ride):
    return [
        (row["attempt"], row["state"], row["answered_by"])
        for row in db.table("call_attempts").rows_where(
            "booking_id = ?", [ride["id"]], order_by="id"
        )
    ]


def test_every_call_asks_twilio_who_answered_and_how_it_ended(reminded, fake_twilio):
    [placed] = fake_twilio.calls
    assert placed["MachineDetection"] == "DetectMessageEnd"
    assert placed["AsyncAmd"] == "true"
    assert placed["AsyncAmdStatusCallback"].startswith("http://localhost/voice/placed/amd?entry=")
    assert placed["StatusCallback"].startswith("http://localhost/voice/placed/status?entry=")
    assert placed["StatusCallbackEvent"] == "completed"


def test_a_person_answers_and_nothing_more_is_done(reminded, db, fake_twilio, twilio_post):
    assert fake_twilio.answer(0, "person", twilio_post) is None
    assert fake_twilio.updates == []  # a person is never moved off the call
    assert attempts(db, reminded) == [(1, "completed", "human")]
    assert family_texts(db, reminded, "reminder_unreached") == []
    events = [event["event"] for event in bookings.events_of(db, reminded["id"])]
    assert events[-1] == "call_attempt"


def test_a_machine_hears_a_short_message_with_no_keys_and_the_family_is_told(
    reminded, db, fake_twilio, twilio_post
):
    moved = fake_twilio.answer(0, "machine", twilio_post)
    document = ElementTree.fromstring(moved)
    said = " ".join(element.text or "" for element in document.iter("Say"))
    assert "Tomorrow at 10:15\u202fAM a car takes you to City Hospital." in said
    assert "It stays booked." in said and "press" not in said
    assert document.find(".//Gather") is None
    assert attempts(db, reminded) == [(1, "completed", "machine_end_beep")]
    [text] = family_texts(db, reminded, "reminder_unreached")
    assert text["to"] == "+15550100002"
    assert "could not reach Margaret Chen" in text["body"] and "still booked" in text["body"]
    assert bookings.get_booking(db, reminded["id"])["state"] == "forwarded"


def test_no_answer_and_busy_are_tried_again_minutes_apart_then_the_family_is_told_once(
    reminded, db, fake_twilio, twilio_post, placing, set_clock
):
    fake_twilio.answer(0, "no-answer", twilio_post)
    assert placing() == 1  # the second try waits its minutes
    set_clock(EVENING + datetime.timedelta(minutes=5, seconds=1))
    assert placing() == 2
    assert fake_twilio.calls[1]["To"] == "+15550100001"
    fake_twilio.answer(1, "busy", twilio_post)
    set_clock(EVENING + datetime.timedelta(minutes=10, seconds=2))
    assert placing() == 3
    fake_twilio.answer(2, "no-answer", twilio_post)
    set_clock(EVENING + datetime.timedelta(minutes=30))
    assert placing() == 3  # bounded: three calls in all
    assert attempts(db, reminded) == [
        (1, "no-answer", None),
        (2, "busy", None),
        (3, "no-answer", None),
    ]
    [text] = family_texts(db, reminded, "reminder_unreached")
    assert "(3 calls)" in text["body"]
    # Twilio repeats a callback it thinks was lost: nothing is done twice.
    status, _ = twilio_post(
        fake_twilio.calls[2]["StatusCallback"],
        *signed(fake_twilio.calls[2]["StatusCallback"], fake_twilio.call_sids[2], "no-answer"),
    )
    assert status == 204
    assert len(family_texts(db, reminded, "reminder_unreached")) == 1
    assert placing() == 3


def test_busy_then_a_person_tells_nobody(
    reminded, db, fake_twilio, twilio_post, placing, set_clock, dispatcher
):
    fake_twilio.answer(0, "busy", twilio_post)
    set_clock(EVENING + datetime.timedelta(minutes=6))
    assert placing() == 2
    fake_twilio.answer(1, "person", twilio_post)
    assert attempts(db, reminded) == [(1, "busy", None), (2, "completed", "human")]
    assert family_texts(db, reminded, "reminder_unreached") == []
    # Each try is on the ride's history in the console.
    page = dispatcher.get(f"/console/bookings/{reminded['id']}").get_data(as_text=True)
    assert "Call 1: busy" in page and "Call 2: answered" in page


def test_an_arrival_call_nobody_answers_is_told_to_the_family_in_chinese(
    db, wang, book, placing, fake_twilio, twilio_post, set_clock, phone_app
):
    phone_app.config["CALL_RETRIES"] = 0
    set_clock(datetime.datetime(2026, 10, 27, 2, 0, tzinfo=datetime.UTC))
    ride = book(wang)
    for state in ("forwarded", "assigned", "arriving"):
        bookings.transition(db, ride["id"], state, actor="dispatch", details=CAR)
    calls = placing()
    [arriving] = [
        index for index, form in enumerate(fake_twilio.calls) if "马上就到" in form["Twiml"]
    ]
    assert calls == 2
    fake_twilio.answer(arriving, "no-answer", twilio_post)
    [text] = family_texts(db, ride, "arrived_unreached")
    assert text["to"] == "+8613800000002"
    assert "没有接我们的电话" in text["body"]


def signed(url, call_sid, status):
    """The params and headers of a status callback as Twilio signs it."""
    from twilio.request_validator import RequestValidator

    params = {"CallSid": call_sid, "AccountSid": ACCOUNT_SID, "CallStatus": status}
    return params, {
        "X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(url, params)
    }


def test_callbacks_that_are_forged_or_name_another_call_are_refused(
    reminded, db, fake_twilio, twilio_post, phone_app
):
    url = fake_twilio.calls[0]["StatusCallback"]
    # Unsigned.
    client = phone_app.test_client()
    assert client.post(url.replace("http://localhost", ""), data={}).status_code == 403
    # Signed, but for a CallSid we never placed for this entry.
    status, _ = twilio_post(url, *signed(url, "CA" + "9" * 32, "no-answer"))
    assert status == 404
    # An entry that is not a number.
    bad = "http://localhost/voice/placed/status?entry=abc"
    status, _ = twilio_post(bad, *signed(bad, fake_twilio.call_sids[0], "no-answer"))
    assert status == 404
    assert attempts(db, reminded) == [(1, "placed", None)]
    assert db.execute("select count(*) from outbox where kind = 'call'").fetchone()[0] == 1


def test_a_reminder_nobody_answered_is_not_tried_again_once_the_ride_is_cancelled(
    reminded, db, fake_twilio, twilio_post, placing, set_clock, dispatcher
):
    fake_twilio.answer(0, "no-answer", twilio_post)
    bookings.transition(db, reminded["id"], "cancelled", actor="family:1")
    set_clock(EVENING + datetime.timedelta(minutes=5, seconds=1))
    assert placing() == 1
    assert attempts(db, reminded) == [(1, "no-answer", None)]
    # Dropped on purpose, and the ride's history says so.
    pending = "select count(*) from outbox where kind = 'call' and status = 'pending'"
    assert db.execute(pending).fetchone()[0] == 0
    page = dispatcher.get(f"/console/bookings/{reminded['id']}").get_data(as_text=True)
    assert "Call 2: not placed, the ride had moved on" in page


@pytest.mark.parametrize("then", [("picked_up", "completed"), ("picked_up",), ("arrived",)])
def test_a_car_call_nobody_answered_is_not_tried_again_once_the_ride_moved_past_it(
    db, margaret, book, placing, fake_twilio, twilio_post, set_clock, then
):
    set_clock(datetime.datetime(2026, 10, 27, 14, 0, tzinfo=datetime.UTC))
    ride = book(margaret)
    for state in ("forwarded", "assigned", "arriving"):
        bookings.transition(db, ride["id"], state, actor="dispatch", details=CAR)
    calls = placing()
    fake_twilio.answer(calls - 1, "busy", twilio_post)
    for step in then:
        if step == "arrived":
            car_updates.report_arrived(db, ride["id"], actor="dispatch")
        else:
            bookings.transition(db, ride["id"], step, actor="dispatch")
    set_clock(datetime.datetime(2026, 10, 27, 14, 6, tzinfo=datetime.UTC))
    placed = placing()
    # No second try of the stale "arriving" call; only the "at the door" call, when there is one.
    assert [attempt for attempt, _, _ in attempts(db, ride) if attempt > 1] == []
    assert placed - calls == (1 if then == ("arrived",) else 0)


def test_a_welfare_call_is_not_tried_again_once_the_check_is_resolved(
    db, margaret, book, placing, fake_twilio, twilio_post, set_clock
):
    set_clock(datetime.datetime(2026, 10, 27, 14, 0, tzinfo=datetime.UTC))
    ride = book(margaret)
    for state in ("forwarded", "assigned", "arriving"):
        bookings.transition(db, ride["id"], state, actor="dispatch", details=CAR)
    placing()
    check = welfare.report_no_show(db, ride["id"], event_key="no-show-1", actor="dispatch")
    calls = placing()
    fake_twilio.answer(calls - 1, "no-answer", twilio_post)
    welfare.resolve(db, check["id"], actor="dispatcher:1")
    set_clock(datetime.datetime(2026, 10, 27, 14, 6, tzinfo=datetime.UTC))
    assert placing() == calls
    assert [attempt for attempt, _, _ in attempts(db, ride) if attempt > 1] == []


def test_a_replayed_answering_machine_callback_moves_the_call_once(
    reminded, db, fake_twilio, twilio_post
):
    from twilio.request_validator import RequestValidator

    url = fake_twilio.calls[0]["AsyncAmdStatusCallback"]
    params = {
        "CallSid": fake_twilio.call_sids[0],
        "AccountSid": ACCOUNT_SID,
        "AnsweredBy": "machine_end_beep",
        "CallStatus": "in-progress",
    }
    headers = {"X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(url, params)}
    # Twilio repeats a callback it thinks was lost; a replay may come three times.
    for _ in range(3):
        status, _ = twilio_post(url, params, headers)
        assert status == 204
    assert len(fake_twilio.updates) == 1
    assert attempts(db, reminded) == [(1, "placed", "machine_end_beep")]


@pytest.mark.parametrize("outcome", ["person", None])
def test_an_arriving_call_with_no_heads_up_is_the_arrival_call(
    db, margaret, book, placing, fake_twilio, twilio_post, set_clock, outcome
):
    # With no heads-up first, "Your car is arriving now. Look for a silver Toyota" already sent
    # her to the door: "arrived" after it is no second call, whether she answered or the call is
    # still ringing.
    set_clock(datetime.datetime(2026, 10, 27, 14, 0, tzinfo=datetime.UTC))
    ride = book(margaret)
    for state in ("forwarded", "assigned", "arriving"):
        bookings.transition(db, ride["id"], state, actor="dispatch", details=CAR)
    calls = placing()
    if outcome:
        fake_twilio.answer(calls - 1, outcome, twilio_post)
    car_updates.report_arrived(db, ride["id"], actor="dispatch")
    set_clock(datetime.datetime(2026, 10, 27, 14, 6, tzinfo=datetime.UTC))
    assert placing() == calls


def test_an_arrival_reported_before_the_arriving_call_went_replaces_it(
    db, margaret, book, placing, fake_twilio
):
    ride = book(margaret)
    for state in ("forwarded", "assigned"):
        bookings.transition(db, ride["id"], state, actor="dispatch", details=CAR)
    calls = placing()
    bookings.transition(db, ride["id"], "arriving", actor="dispatch")
    car_updates.report_arrived(db, ride["id"], actor="dispatch")
    assert placing() == calls + 1
    assert "Your car is here at Home" in fake_twilio.calls[-1]["Twiml"]
