"""The phone line's scheduled parts: "ready to go home?" for a trip back waiting for the call, and
the evening-before reminder's keep and skip keys."""

import datetime
import json
import zoneinfo

import pytest

from elderride.ivr.simulator import CallSimulator
from elderride.services import bookings, clock, returns
from elderride.services.delivery import Deliverer, run_once
from elderride.services.errors import ValidationError
from elderride.services.people.places import list_places
from elderride.services.records import BookingRequest, Trip
from elderride.services.scheduled import recurring, schedule
from elderride.twilio_notifier import TwilioNotifier
from tests.conftest import csrf_token
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
ASSIGNED = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": 5,
}


def ride_to_hospital(db, senior, *, to_state="picked_up", pickup_at=None):
    places = list_places(db, senior["id"])
    booking, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="out",
            channel="web",
            created_by="senior",
            senior_id=senior["id"],
            trip=Trip(
                pickup={"place_id": places[0]["id"]},
                destination={"place_id": places[1]["id"]},
                pickup_at=pickup_at,
            ),
        ),
    )
    path = ["forwarded", "assigned", "arriving", "picked_up", "completed"]
    for step in path[: path.index(to_state) + 1]:
        details = ASSIGNED if step == "assigned" else None
        bookings.transition(db, booking["id"], step, actor="dispatch", details=details)
    return booking


def test_the_trip_back_when_you_call_is_booked_with_one_key(call, db, margaret):
    outward = ride_to_hospital(db, margaret)
    waiting = returns.book_on_call(
        db, outward["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    assert waiting["state"] == "awaiting_call"
    assert not db.execute(
        "select count(*) from outbox where booking_id = ?", [waiting["id"]]
    ).fetchone()[0]
    phone = call("+15550100001")
    heard = phone.start()
    assert "Ready to go home from City Hospital? Press 1" in heard.text
    heard = phone.press("1")
    assert heard.hung_up and "Your car home is booked" in heard.text
    back = bookings.get_booking(db, waiting["id"])
    assert back["state"] == "requested" and back["return_of"] == outward["id"]
    assert (back["pickup_label"], back["destination_label"]) == ("City Hospital", "Home")
    # Now dispatch hears of it, and the family is told as for any booking.
    kinds = [
        (row["kind"], json.loads(row["payload"])["state"])
        for row in db.table("outbox").rows_where("booking_id = ?", [waiting["id"]])
    ]
    assert ("dispatch", "requested") in kinds and ("text", "requested") in kinds
    # A replayed key press books nothing more.
    status, _ = phone.request(phone.requests[-1][0], {"Digits": "1"})
    assert status == 200
    assert db.table("bookings").count == 2


def test_the_trip_back_is_not_offered_before_the_ride_out(call, db, margaret):
    later = clock.now() + datetime.timedelta(hours=3)
    outward = ride_to_hospital(db, margaret, to_state="forwarded", pickup_at=later)
    returns.book_on_call(
        db, outward["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    heard = call("+15550100001").start()
    assert "Ready to go home" not in heard.text


def test_key_2_goes_on_to_the_rest_and_the_trip_back_keeps_waiting(call, db, margaret):
    outward = ride_to_hospital(db, margaret, to_state="completed")
    waiting = returns.book_on_call(
        db, outward["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    phone = call("+15550100001")
    phone.start()
    heard = phone.press("2")
    assert "Ready to go home" not in heard.text and "To go to City Hospital, press 2" in heard.text
    assert bookings.get_booking(db, waiting["id"])["state"] == "awaiting_call"


@pytest.fixture
def set_clock():
    yield clock.set_now
    clock.set_now(None)


@pytest.fixture
def reminder(phone_app, db, margaret, set_clock, fake_twilio, twilio_post):
    """Sunday evening in New York: Monday's 8:30 ride is booked and its reminder call placed."""
    places = list_places(db, margaret["id"])
    rule_id = recurring.add_rule(
        db,
        margaret["id"],
        {
            "weekdays": ["0", "2", "4"],
            "at_time": "08:30",
            "pickup": places[0]["id"],
            "destination": places[1]["id"],
            "return_kind": "call",
            "start_date": "2026-10-26",
        },
        created_by="family:1",
    )
    set_clock(datetime.datetime(2026, 10, 25, 18, 5, tzinfo=NEW_YORK))
    assert schedule.run_due(db) == {
        "booked": 2,
        "reminded": 1,
        "recapped": 0,
        "escalated": 0,
        "expired": 0,
        "unassigned": 0,
    }
    notifier = TwilioNotifier(
        ACCOUNT_SID,
        AUTH_TOKEN,
        "+15550109999",
        api_base=fake_twilio.url,
        public_base_url="http://localhost",
    )
    while run_once(db, Deliverer(notifier), "w"):
        pass
    [placed] = [call for call in fake_twilio.calls if "/voice/reminder" in call["Twiml"]]
    assert placed["To"] == "+15550100001"
    phone = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called="+15550100001",
    )
    [outward, back] = list(
        db.table("bookings").rows_where("recurring_id = ?", [rule_id], order_by="id")
    )
    return phone, placed["Twiml"], outward, back


def test_the_reminder_call_keeps_the_ride_on_1(reminder, db):
    phone, twiml, outward, back = reminder
    heard = phone.pick_up(twiml)
    assert "Tomorrow at 8:30" in heard.text and "City Hospital" in heard.text
    assert "To keep it, press 1. To skip it, press 2." in heard.text
    heard = phone.press("1")
    assert heard.hung_up and "The car will come as booked" in heard.text
    assert bookings.get_booking(db, outward["id"])["state"] == "forwarded"
    assert bookings.get_booking(db, back["id"])["state"] == "awaiting_call"


def test_the_reminder_call_skips_the_ride_on_2_and_tells_the_family(reminder, db):
    phone, twiml, outward, back = reminder
    phone.pick_up(twiml)
    heard = phone.press("2")
    assert heard.hung_up and "That ride is cancelled" in heard.text
    assert bookings.get_booking(db, outward["id"])["state"] == "cancelled"
    # Its trip back goes with it, and dispatch never heard of that one.
    assert bookings.get_booking(db, back["id"])["state"] == "cancelled"
    texts = [
        json.loads(row["payload"])
        for row in db.table("outbox").rows_where(
            "booking_id = ? and kind = 'text'", [outward["id"]]
        )
    ]
    assert [text["state"] for text in texts] == ["requested", "cancelled"]
    assert not db.execute(
        "select count(*) from outbox where booking_id = ? and kind = 'dispatch'", [back["id"]]
    ).fetchone()[0]
    # A replayed 2 changes nothing and says the same.
    status, body = phone.request(phone.requests[-1][0], {"Digits": "2"})
    assert status == 200 and "That ride is cancelled" in body


def test_silence_on_the_reminder_asks_once_more_then_keeps_the_ride(reminder, db):
    phone, twiml, outward, _ = reminder
    phone.pick_up(twiml)
    heard = phone.silence()
    assert "press 1" in heard.text and heard.gather is not None
    heard = phone.silence()
    assert heard.hung_up and "The car will come as booked" in heard.text
    assert bookings.get_booking(db, outward["id"])["state"] == "forwarded"


def test_the_reminder_answer_is_refused_unsigned_for_another_phone_or_ride(
    reminder, db, phone_app, twilio_post, margaret
):
    phone, _, outward, _ = reminder
    client = phone_app.test_client()
    assert client.post(f"/voice/reminder?booking={outward['id']}", data={}).status_code == 403
    stranger = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called="+15550100077",
    )
    status, _ = stranger.request(f"/voice/reminder?booking={outward['id']}", {"Digits": "2"})
    assert status == 404
    for query in ("booking=99999", "booking=abc", "booking=" + "9" * 40, ""):
        status, _ = phone.request(f"/voice/reminder?{query}", {"Digits": "2"})
        assert status == 404
    # A ride nobody was reminded of has no reminder to answer.
    single = ride_to_hospital(db, margaret, to_state="forwarded")
    status, _ = phone.request(f"/voice/reminder?booking={single['id']}", {"Digits": "2"})
    assert status == 404
    assert bookings.get_booking(db, outward["id"])["state"] == "forwarded"


def test_without_a_public_address_the_reminder_is_said_and_the_ride_kept(
    phone_app, db, margaret, set_clock, fake_twilio
):
    import xml.etree.ElementTree as ElementTree

    places = list_places(db, margaret["id"])
    recurring.add_rule(
        db,
        margaret["id"],
        {
            "weekdays": ["0"],
            "at_time": "08:30",
            "pickup": places[0]["id"],
            "destination": places[1]["id"],
            "start_date": "2026-10-26",
        },
        created_by="family:1",
    )
    set_clock(datetime.datetime(2026, 10, 25, 18, 5, tzinfo=NEW_YORK))
    schedule.run_due(db)
    notifier = TwilioNotifier(ACCOUNT_SID, AUTH_TOKEN, "+15550109999", api_base=fake_twilio.url)
    while run_once(db, Deliverer(notifier), "w"):
        pass
    [placed] = [call for call in fake_twilio.calls if "City Hospital" in call["Twiml"]]
    document = ElementTree.fromstring(placed["Twiml"])
    # Twilio could not reach back with a key: the words are said twice, nothing is asked.
    assert [verb.tag for verb in document] == ["Say", "Pause", "Say"]
    assert "Tomorrow at 8:30" in document[0].text
    assert db.execute("select state from bookings where recurring_id is not null").fetchone()[
        0
    ] in ("requested", "forwarded")


def test_a_caller_with_a_ride_later_hears_that_ride_not_its_waiting_trip_back(
    call, db, margaret, mid_morning
):
    later = clock.now() + datetime.timedelta(hours=3)
    outward = ride_to_hospital(db, margaret, to_state="forwarded", pickup_at=later)
    returns.book_on_call(
        db, outward["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    heard = call("+15550100001").start()
    # Both are counted, as the cap counts them; the ride out is read first, its trip back after.
    assert "You have 2 cars booked. To City Hospital, today at" in heard.text
    assert heard.text.index("City Hospital, today") < heard.text.index("To Home, when you call")


def test_a_trip_back_whose_ride_out_was_taken_back_is_hers_to_cancel(call, db, margaret):
    outward = ride_to_hospital(db, margaret, to_state="completed")
    waiting = returns.book_on_call(
        db, outward["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    # The ride out was taken back: the trip back still waits, hers to send or cancel (she may
    # have got there another way).
    db.table("bookings").update(outward["id"], {"state": "cancelled"})
    phone = call("+15550100001")
    heard = phone.start()
    assert "Ready to go home from City Hospital?" in heard.text
    assert "To cancel this car home, press 3." in heard.text
    heard = phone.press("3")
    heard = phone.press("1")
    assert bookings.get_booking(db, waiting["id"])["state"] == "cancelled"


def test_a_trip_back_from_an_unheard_recording_goes_to_a_person_when_called_for(
    app, client, db, margaret
):
    places = list_places(db, margaret["id"])
    outward, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="heard-later",
            channel="phone",
            created_by="caller",
            senior_id=margaret["id"],
            needs_review=True,
            trip=Trip(
                pickup={"place_id": places[0]["id"]}, destination={"address": "(recording 7)"}
            ),
        ),
    )
    with pytest.raises(ValidationError):
        returns.book_on_call(
            db, outward["id"], senior_id=margaret["id"], channel="web", created_by="senior"
        )
    # One made before that rule (or by hand) is sent to a dispatcher, never an error page.
    back, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="old-back",
            channel="web",
            created_by="senior",
            senior_id=margaret["id"],
            awaiting_call=True,
            return_of=outward["id"],
            trip=Trip(
                pickup={"address": "(recording 7)"}, destination={"place_id": places[0]["id"]}
            ),
        ),
    )
    client.get(f"/s/{margaret['device_token']}")
    page = client.get(f"/senior/rides/{back['id']}").get_data(as_text=True)
    sent = client.post(
        f"/senior/rides/{back['id']}/call-now", data={"csrf_token": csrf_token(page)}
    )
    assert sent.status_code == 303
    assert bookings.get_booking(db, back["id"])["state"] == "needs_review"


def test_a_ride_out_from_days_ago_is_offered_no_trip_back(app, client, db, margaret):
    outward = ride_to_hospital(db, margaret, to_state="completed")
    clock.set_now(clock.now() + datetime.timedelta(days=3))
    try:
        client.get(f"/s/{margaret['device_token']}")
        page = client.get(f"/senior/rides/{outward['id']}").get_data(as_text=True)
        assert "Yes, when I call" not in page
        with pytest.raises(ValidationError):
            returns.book_on_call(
                db, outward["id"], senior_id=margaret["id"], channel="web", created_by="senior"
            )
    finally:
        clock.set_now(None)


def test_a_trip_back_is_offered_once_and_again_after_it_is_cancelled(book, client, db, margaret):
    out = book(margaret)
    client.get(f"/s/{margaret['device_token']}")
    ride_page = f"/senior/rides/{out['id']}"
    assert "Yes, when I call" in client.get(ride_page).get_data(as_text=True)
    back = returns.book_on_call(
        db, out["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    page = client.get(ride_page).get_data(as_text=True)
    assert "A car back" not in page and "Yes, when I call" not in page  # one is already waiting
    bookings.transition(db, back["id"], "cancelled", actor="senior")
    assert "Yes, when I call" in client.get(ride_page).get_data(as_text=True)
    again = returns.book_on_call(
        db, out["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    assert again["id"] != back["id"] and again["state"] == "awaiting_call"
    # A double tap books that one once.
    twice = returns.book_on_call(
        db, out["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    assert twice["id"] == again["id"]


def one_off(db, senior, pickup_at, key="one-off"):
    """Book a single ride from home to the senior's second place (City Hospital) at `pickup_at`."""
    places = list_places(db, senior["id"])
    booking, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key=key,
            channel="family",
            created_by="family:1",
            senior_id=senior["id"],
            trip=Trip(
                pickup={"place_id": places[0]["id"]},
                destination={"place_id": places[1]["id"]},
                pickup_at=pickup_at,
            ),
        ),
    )
    return booking


def place_reminders(db, fake_twilio):
    """Deliver the queued calls through the real Twilio client to the fake host; return those that
    ask the reminder's keys."""
    notifier = TwilioNotifier(
        ACCOUNT_SID,
        AUTH_TOKEN,
        "+15550109999",
        api_base=fake_twilio.url,
        public_base_url="http://localhost",
    )
    while run_once(db, Deliverer(notifier), "w"):
        pass
    return [call for call in fake_twilio.calls if "/voice/reminder" in call["Twiml"]]


def test_a_one_off_ride_booked_for_next_week_gets_its_evening_before_call(
    phone_app, db, margaret, set_clock, fake_twilio, twilio_post
):
    # Booked on a Tuesday morning for the Tuesday after, 10:15 in New York.
    set_clock(datetime.datetime(2026, 10, 20, 9, 0, tzinfo=NEW_YORK))
    ride = one_off(db, margaret, datetime.datetime(2026, 10, 27, 10, 15, tzinfo=NEW_YORK))
    assert ride["recurring_id"] is None
    for moment, expected in (
        (datetime.datetime(2026, 10, 25, 18, 5), 0),  # two evenings before: not yet
        (datetime.datetime(2026, 10, 26, 17, 55), 0),  # before the evening hour
        (datetime.datetime(2026, 10, 26, 18, 5), 1),  # the evening before
        (datetime.datetime(2026, 10, 26, 18, 35), 0),  # a later pass calls no second time
    ):
        set_clock(moment.replace(tzinfo=NEW_YORK))
        assert schedule.run_due(db)["reminded"] == expected, moment
    [placed] = place_reminders(db, fake_twilio)
    assert placed["To"] == "+15550100001"
    phone = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called="+15550100001",
    )
    heard = phone.pick_up(placed["Twiml"])
    assert "Tomorrow at 10:15\u202fAM a car takes you to City Hospital." in heard.text
    assert "To keep it, press 1. To cancel, press 2." in heard.text
    heard = phone.press("2")
    assert heard.hung_up and "That ride is cancelled" in heard.text
    assert bookings.get_booking(db, ride["id"])["state"] == "cancelled"
    texts = [
        json.loads(row["payload"])["state"]
        for row in db.table("outbox").rows_where("booking_id = ? and kind = 'text'", [ride["id"]])
    ]
    assert texts == ["requested", "cancelled"]


def test_a_one_off_ride_is_reminded_in_chinese_and_kept_with_1(
    phone_app, db, wang, set_clock, fake_twilio, twilio_post
):
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    set_clock(datetime.datetime(2026, 10, 20, 9, 0, tzinfo=shanghai))
    ride = one_off(db, wang, datetime.datetime(2026, 10, 27, 10, 15, tzinfo=shanghai))
    set_clock(datetime.datetime(2026, 10, 26, 18, 5, tzinfo=shanghai))
    assert schedule.run_due(db)["reminded"] == 1
    [placed] = place_reminders(db, fake_twilio)
    phone = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called="+8613800000001",
    )
    heard = phone.pick_up(placed["Twiml"])
    assert "明天上午10点15分有车送您去" in heard.text
    assert "保留这次用车请按1，取消请按2。" in heard.text
    heard = phone.press("1")
    assert heard.hung_up and "车会按时来接您" in heard.text
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"


def test_a_ride_booked_after_the_evening_hour_for_tomorrow_gets_no_reminder(
    db, margaret, set_clock
):
    set_clock(datetime.datetime(2026, 10, 26, 18, 30, tzinfo=NEW_YORK))
    one_off(db, margaret, datetime.datetime(2026, 10, 27, 10, 15, tzinfo=NEW_YORK))
    for minutes in (0, 30, 60):
        set_clock(
            datetime.datetime(2026, 10, 26, 18, 30, tzinfo=NEW_YORK)
            + datetime.timedelta(minutes=minutes)
        )
        assert schedule.run_due(db)["reminded"] == 0
