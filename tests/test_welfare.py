"""No-show welfare checks: reported by dispatch, a call to the senior, the family after 3 minutes
without an answer, an alert on the console until resolved."""

import datetime
import json

import pytest

from elderride.ivr.simulator import CallSimulator
from elderride.services import bookings, clock, demo
from elderride.services.delivery import Deliverer, run_once
from elderride.services.records import BookingRequest, Trip
from elderride.services.scheduled import schedule, welfare
from elderride.twilio_notifier import TwilioNotifier
from tests.conftest import csrf_token
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

TOKEN = "api-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ASSIGNED = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": 5,
}
START = datetime.datetime(2026, 11, 24, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def set_clock():
    clock.set_now(START)
    yield clock.set_now
    clock.set_now(None)


@pytest.fixture
def api(app):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    return app.test_client()


def ride_in(db, senior, state, key="welfare"):
    hospital = next(db.table("places").rows_where("senior_id = ? and position = 1", [senior["id"]]))
    booking, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key=key,
            channel="web",
            created_by="senior",
            senior_id=senior["id"],
            trip=Trip(destination={"place_id": hospital["id"]}),
        ),
    )
    path = ["forwarded", "assigned", "arriving"]
    for step in path[: path.index(state) + 1] if state in path else []:
        details = ASSIGNED if step == "assigned" else None
        bookings.transition(db, booking["id"], step, actor="dispatch", details=details)
    return bookings.get_booking(db, booking["id"])


def report(api, booking_id, event_id="ns-1"):
    return api.post(
        f"/api/v1/bookings/{booking_id}/events",
        json={"id": event_id, "type": "no_show"},
        headers=AUTH,
    )


def welfare_outbox(db, kind):
    return [
        json.loads(row[0])
        for row in db.execute(
            "select payload from outbox where kind = ? "
            "and json_extract(payload, '$.state') = 'no_show' order by id",
            [kind],
        ).fetchall()
    ]


@pytest.fixture
def run_at(db):
    def run(seconds):
        clock.set_now(START + datetime.timedelta(seconds=seconds))
        return schedule.run_due(db)["escalated"]

    return run


def test_a_no_show_calls_the_senior_then_the_family_after_three_minutes(
    api, db, margaret, set_clock, run_at
):
    ride = ride_in(db, margaret, "arriving")
    response = report(api, ride["id"])
    assert response.status_code == 200
    assert response.get_json()["booking"]["no_show"]["state"] == "calling"
    assert response.get_json()["booking"]["state"] == "arriving"  # no state change, no fee
    [senior_call] = welfare_outbox(db, "call")
    assert senior_call["to"] == "+15550100001"
    assert "Your driver is waiting outside" in senior_call["say"]
    assert senior_call["answer"].startswith("/voice/welfare?check=")
    # Dispatch hears of it too, with the check in the booking.
    hand_off = db.execute(
        "select payload from outbox where kind = 'dispatch' "
        "and json_extract(payload, '$.event') = 'no_show'"
    ).fetchone()
    assert json.loads(hand_off[0])["booking"]["no_show"]["state"] == "calling"

    assert run_at(179) == 0
    assert welfare_outbox(db, "text") == []
    assert run_at(180) == 1
    texts, calls = welfare_outbox(db, "text"), welfare_outbox(db, "call")[1:]
    # Lily is notified; Tom is not.
    assert [text["to"] for text in texts] == ["+15550100002"]
    assert texts[0]["body"].startswith("URGENT")
    assert [call["to"] for call in calls] == ["+15550100002"]
    # Later passes, by this worker or another, add nothing.
    assert run_at(240) == 0 and run_at(600) == 0
    assert len(welfare_outbox(db, "text")) == 1
    assert welfare.check_of(db, ride["id"])["state"] == "escalated"


def test_resolved_in_time_nobody_else_is_called(api, db, margaret, set_clock, run_at):
    ride = ride_in(db, margaret, "assigned")
    assert report(api, ride["id"]).status_code == 200
    check = welfare.check_of(db, ride["id"])
    welfare.resolve(db, check["id"], actor="dispatcher:1")
    assert run_at(600) == 0
    assert welfare_outbox(db, "text") == []
    assert welfare.unresolved(db) == []


def test_a_senior_who_comes_out_is_not_escalated(api, db, margaret, set_clock, run_at):
    ride = ride_in(db, margaret, "arriving")
    assert report(api, ride["id"]).status_code == 200
    bookings.transition(db, ride["id"], "picked_up", actor="dispatch")
    assert run_at(300) == 0
    assert welfare_outbox(db, "text") == []


def test_a_replayed_report_makes_one_check_and_a_reused_id_elsewhere_is_refused(
    api, db, margaret, set_clock
):
    ride = ride_in(db, margaret, "arriving")
    other = ride_in(db, margaret, "assigned", key="other")
    assert report(api, ride["id"]).status_code == 200
    assert report(api, ride["id"]).status_code == 200
    # A second report of the same no-show while the first is open adds nothing either.
    assert report(api, ride["id"], event_id="ns-2").status_code == 200
    assert db.table("welfare_checks").count == 1
    assert len(welfare_outbox(db, "call")) == 1
    reused = report(api, other["id"])
    assert reused.status_code == 400 and reused.get_json()["field"] == "event_key"


def test_an_event_id_another_report_used_for_another_ride_is_refused(api, db, margaret, set_clock):
    ride = ride_in(db, margaret, "arriving")
    other = ride_in(db, margaret, "forwarded", key="other")
    assigned = {"id": "ev-1", "type": "assigned", "driver_name": "Sam Lee", "car_make": "Kia"}
    assigned.update(car_colour="Red", plate="X 1", eta_minutes=5)
    sent = api.post(f"/api/v1/bookings/{other['id']}/events", json=assigned, headers=AUTH)
    assert sent.status_code == 200
    reused = report(api, ride["id"], event_id="ev-1")
    assert reused.status_code == 400 and reused.get_json()["field"] == "event_key"
    assert db.table("welfare_checks").count == 0
    # And the other way: a report reusing a no_show's id on another ride is refused.
    assert report(api, ride["id"], event_id="ev-2").status_code == 200
    assigned["id"] = "ev-2"
    again = api.post(f"/api/v1/bookings/{other['id']}/events", json=assigned, headers=AUTH)
    assert again.status_code == 400
    # An id this ride's own report used, reused for its no_show, is no error.
    third = ride_in(db, margaret, "assigned", key="third")
    arrived = {"id": "ev-3", "type": "arriving"}
    sent = api.post(f"/api/v1/bookings/{third['id']}/events", json=arrived, headers=AUTH)
    assert sent.status_code == 200
    assert report(api, third["id"], event_id="ev-3").status_code == 200
    assert welfare.check_of(db, third["id"]) is not None


@pytest.mark.parametrize("state", ["requested", "forwarded", "cancelled"])
def test_no_driver_can_be_waiting_for_a_ride_without_one(api, db, margaret, set_clock, state):
    ride = ride_in(db, margaret, state)
    if state == "cancelled":
        bookings.transition(db, ride["id"], "cancelled", actor="senior")
    response = report(api, ride["id"])
    assert response.status_code == 409
    assert response.get_json()["state"] == bookings.get_booking(db, ride["id"])["state"]
    assert db.table("welfare_checks").count == 0


def test_the_console_shows_the_alert_until_it_is_marked_resolved(
    app, api, db, margaret, set_clock, run_at
):
    ride = ride_in(db, margaret, "arriving")
    report(api, ride["id"])
    run_at(200)
    client = app.test_client()
    page = client.get("/console/signin").get_data(as_text=True)
    client.post(
        "/console/signin",
        data={
            "csrf_token": csrf_token(page),
            "email": demo.DISPATCHER_EMAIL,
            "password": demo.DISPATCHER_PASSWORD,
        },
    )
    queue = client.get("/console/").get_data(as_text=True)
    assert "Welfare check" in queue and "the family has been called" in queue
    check = welfare.check_of(db, ride["id"])
    # Without the form token nothing changes.
    refused = client.post(f"/console/welfare/{check['id']}/resolved")
    assert refused.status_code == 400
    assert welfare.check_of(db, ride["id"])["state"] == "escalated"
    resolved = client.post(
        f"/console/welfare/{check['id']}/resolved", data={"csrf_token": csrf_token(queue)}
    )
    assert resolved.status_code == 303
    assert "Welfare check" not in client.get("/console/").get_data(as_text=True)
    assert (
        client.post(
            "/console/welfare/99999/resolved", data={"csrf_token": csrf_token(queue)}
        ).status_code
        == 404
    )
    # Someone signed out cannot resolve anything.
    assert app.test_client().post(f"/console/welfare/{check['id']}/resolved").status_code in (
        302,
        400,
    )


def pick_up_welfare_call(db, fake_twilio, twilio_post, number):
    """Deliver the outbox through Twilio's stand-in and answer the welfare call at `number`:
    return the phone, the call Twilio was asked to place, and what was heard first."""
    notifier = TwilioNotifier(
        ACCOUNT_SID,
        AUTH_TOKEN,
        "+15550109999",
        api_base=fake_twilio.url,
        public_base_url="http://localhost",
    )
    while run_once(db, Deliverer(notifier), "w"):
        pass
    [placed] = [call for call in fake_twilio.calls if "/voice/welfare" in call["Twiml"]]
    assert placed["To"] == number
    phone = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called=number,
    )
    return phone, placed, phone.pick_up(placed["Twiml"])


def test_the_senior_pressing_1_on_the_welfare_call_stops_the_escalation(
    phone_app, api, db, margaret, set_clock, run_at, fake_twilio, twilio_post
):
    ride = ride_in(db, margaret, "arriving")
    report(api, ride["id"])
    phone, placed, heard = pick_up_welfare_call(db, fake_twilio, twilio_post, "+15550100001")
    assert "Your driver is waiting outside" in heard.text
    heard = phone.press("1")
    assert heard.hung_up and "Thank you" in heard.text
    assert run_at(600) == 0
    assert welfare.check_of(db, ride["id"])["state"] == "answered"
    # The answer URL is for this senior's phone only: signed but from another number, refused.
    stranger = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called="+15550100077",
    )
    status, _ = stranger.request(
        placed["Twiml"].split('action="')[1].split('"')[0], {"Digits": "1"}
    )
    assert status == 404
    unsigned = phone_app.test_client().post("/voice/welfare?check=1", data={"Digits": "1"})
    assert unsigned.status_code == 403


def test_a_caller_the_line_does_not_know_can_answer_the_welfare_call_too(
    phone_app, api, db, demo_data, set_clock, run_at, fake_twilio, twilio_post
):
    ride, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="unknown",
            channel="phone",
            created_by="caller",
            caller_phone="+15550100077",
            trip=Trip(pickup={"address": "9 Elm Street"}, destination={"address": "1 Main St"}),
        ),
    )
    car = {"driver_name": "Sam", "car_make": "Kia", "car_colour": "Red", "plate": "X 1"}
    for state in ("forwarded", "assigned", "arriving"):
        details = {**car, "eta_minutes": 5} if state == "assigned" else None
        bookings.transition(db, ride["id"], state, actor="dispatch", details=details)
    report(api, ride["id"])
    phone, _, _ = pick_up_welfare_call(db, fake_twilio, twilio_post, "+15550100077")
    heard = phone.press("1")
    assert heard.hung_up and "Thank you" in heard.text
    assert welfare.check_of(db, ride["id"])["state"] == "answered"


def test_the_api_and_the_webhook_carry_the_no_show_and_the_return_link(
    api, db, margaret, set_clock
):
    from elderride.services import returns
    from elderride.services.outgoing.dispatch import webhook_body

    ride = ride_in(db, margaret, "arriving")
    back = returns.book_on_call(
        db, ride["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    report(api, ride["id"])
    shown = api.get(f"/api/v1/bookings/{ride['id']}", headers=AUTH).get_json()["booking"]
    assert shown["return_ride"] == back["id"] and shown["return_of"] is None
    assert shown["no_show"]["state"] == "calling"
    assert (
        api.get(f"/api/v1/bookings/{back['id']}", headers=AUTH).get_json()["booking"]["return_of"]
        == ride["id"]
    )
    document = api.get("/api/v1/openapi.json").get_json()
    assert (
        "no_show" in document["components"]["schemas"]["StatusReport"]["properties"]["type"]["enum"]
    )
    assert {"return_of", "return_ride", "no_show"} <= set(
        document["components"]["schemas"]["Booking"]["properties"]
    )
    entry = next(
        dict(row, payload=json.loads(row["payload"]))
        for row in db.table("outbox").rows_where("kind = 'dispatch'", order_by="id desc")
    )
    body = json.loads(webhook_body(entry))
    assert body["event"] == "no_show" and body["booking"]["no_show"]["state"] == "calling"


@pytest.mark.parametrize(
    "extra",
    [{"driver_name": "x" * 101}, {"plate": 7}, {"eta_minutes": "soon"}, {"car_colour": [1]}],
)
def test_a_no_show_or_a_replay_with_a_malformed_field_is_refused(
    api, db, margaret, set_clock, extra
):
    ride = ride_in(db, margaret, "arriving")
    for kind in ("no_show", "arriving"):
        response = api.post(
            f"/api/v1/bookings/{ride['id']}/events",
            json={"id": "bad", "type": kind, **extra},
            headers=AUTH,
        )
        assert response.status_code == 400 and response.get_json()["field"] in extra
    assert db.table("welfare_checks").count == 0


def test_the_alert_appears_on_the_open_console_and_passes_axe(
    page, live_server, api, db, margaret, set_clock, run_at
):
    import os

    from playwright.sync_api import expect

    from tests.browser import axe_violations

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/console/signin")
    page.get_by_label("Email").fill(demo.DISPATCHER_EMAIL)
    page.get_by_label("Password").fill(demo.DISPATCHER_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    ride = ride_in(db, margaret, "arriving")
    report(api, ride["id"])
    run_at(181)
    # The open queue refreshes itself: the alert comes without a reload.
    alert = page.locator(".welfare")
    expect(alert).to_contain_text("Margaret Chen", timeout=15_000)
    expect(alert).to_contain_text("the family has been called")
    assert axe_violations(page) == []
    shots = os.environ.get("ELDERRIDE_SHOTS")
    if shots:
        page.screenshot(path=f"{shots}/console-welfare-en-desktop.png")
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{shots}/console-welfare-en-phone.png", full_page=True)
    with page.expect_navigation():
        alert.get_by_role("button", name="Mark resolved").click()
    expect(page.locator(".welfare")).to_have_count(0)
    assert welfare.check_of(db, ride["id"])["state"] == "resolved"
