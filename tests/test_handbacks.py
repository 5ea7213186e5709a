"""A center that keeps handing one ride back: after the second hand-back a dispatcher arranges
it, the senior and family hear each piece of news once, and a center that gave a ride back reads
it no more (docs/overflow.md, "A ride handed back again and again")."""

import datetime
import json
import re
import subprocess
import sys
import threading

from elderride.services import bookings, handbacks, overflow
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing.tds import TdsAdapter
from elderride.services.scheduled import schedule
from elderride.twilio_notifier import TwilioNotifier
from tests.conftest import csrf_token
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN
from tests.overflow_setup import (  # noqa: F401 - the lower-case names but two are fixtures
    CAR,
    OVERFLOW_TOKEN,
    PRIMARY,
    PRIMARY_TOKEN,
    SECOND,
    SECOND_CAR,
    START,
    WITH_OVERFLOW,
    assign,
    center_processes,
    centers,
    deliver_all,
    events,
    kept_by,
    offer_now,
    raised_ride,
    report,
    set_clock,
)
from tests.tds_provider import TdsProvider

SENIOR = "+15550100001"  # Margaret's phone
FAMILY = "+15550100002"  # Lily, her contact who is texted


def through_twilio(fake_twilio, **centers_):
    """A worker that places calls and texts through the real Twilio library, to the fake host."""
    notifier = TwilioNotifier(ACCOUNT_SID, AUTH_TOKEN, "+15550109999", api_base=fake_twilio.url)
    return Deliverer(notifier, **centers_)


def placed(fake_twilio):
    """How many calls Margaret got, and how many texts her family got."""
    return (
        sum(call["To"] == SENIOR for call in fake_twilio.calls),
        sum(text["To"] == FAMILY for text in fake_twilio.messages),
    )


def test_a_center_looping_assigned_and_no_car_hands_the_ride_to_a_dispatcher(
    app, db, margaret, book, set_clock, centers, fake_twilio, dispatcher
):
    # The worst case for the senior: the worker places every call before the next report comes.
    primary, second, webhooks = centers
    deliverer = through_twilio(fake_twilio, dispatch=webhooks.dispatch, overflow=webhooks.overflow)
    ride = raised_ride(db, book, margaret, set_clock)
    deliver_all(db, deliverer)
    before = placed(fake_twilio)
    api = app.test_client()
    answers = []
    for round_ in range(1, 6):
        answers.append(assign(api, ride, PRIMARY, f"car-{round_}", CAR))
        deliver_all(db, deliverer)
        answers.append(report(api, ride, PRIMARY, f"lost-{round_}", "no_car"))
        deliver_all(db, deliverer)
    assert [answer.status_code for answer in answers] == [200] * 4 + [409] * 6
    for refused in answers[4:]:
        body = refused.get_json()
        assert body["state"] == "no_car"
        assert "handed back twice" in body["error"] and "dispatcher" in body["error"]
    # Each piece of news once a round, for the two rounds a center may have: a car, then none.
    calls, texts = (now - then for now, then in zip(placed(fake_twilio), before, strict=True))
    assert (calls, texts) == (4, 4)
    # The second center was offered the ride again after the first hand-back, not the second.
    assert events(second, ride["id"]).count("offered") == 2
    assert kept_by(app.config["DATABASE"], ride["id"]) == (None, "no_car", None)
    # A replay of an old report is answered as the first time and places nothing.
    again = assign(api, ride, PRIMARY, "car-1", CAR)
    assert again.status_code == 200 and again.get_json()["booking"]["state"] == "no_car"
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == (before[0] + 4, before[1] + 4)
    # The ride is the dispatcher's now: the console shows why, and assigns it.
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert 'id="handed-back"' in page and "handed this ride back twice" in page
    queue = dispatcher.get("/console/").get_data(as_text=True)
    assert "Handed back twice: find a car yourself" in queue
    taken = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", **SECOND_CAR, "eta_minutes": "9"},
    )
    assert taken.status_code == 303
    deliver_all(db, deliverer)
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("primary", "assigned", "Wei")
    # The senior hears of the dispatcher's car: that is news.
    assert placed(fake_twilio)[0] == before[0] + 5


TDS_LOOP = """
import json, sys
from elderride import create_app

database, ticket, token = sys.argv[1:4]
app = create_app({"TESTING": True, "DATABASE": database, "SECRET_KEY": "loop",
                  "DISPATCH_API_TOKEN": token})
client = app.test_client()
for round_ in range(1, 6):
    for telegram in (
        {"providerOrderConfirmation": {"tripTicketId": ticket, "@driverId": f"Sam Lee {round_}",
                                       "@vehicleNumber": "ABC 123",
                                       "@vehicleInformation": "Toyota Sienna, blue"}},
        {"tripTaskConfirmation": {"tripTicketId": ticket, "tripTaskId": f"task-{round_}",
                                  "@tripStatus": "no pickup", "tripStatus": "no pickup"}},
    ):
        answer = client.post("/api/v1/tds", json=telegram,
                             headers={"Authorization": f"Bearer {token}"})
        print(json.dumps([answer.status_code, answer.get_json()]), flush=True)
"""


def test_a_tds_provider_looping_hands_the_ride_to_a_dispatcher_and_the_senior_hears_the_last(
    app, db, margaret, book, fake_twilio
):
    # The provider reports in a process of its own, faster than the worker places calls: what is
    # no longer true by the time the worker comes is never said.
    secret = "whsec_" + "dGRzLWxvb3Atc2VjcmV0LWtleQ=="
    provider = TdsProvider(secret)
    try:
        deliverer = through_twilio(
            fake_twilio, dispatch=TdsAdapter(provider.url, secret, funding_entity="county")
        )
        ride = book(margaret)
        deliver_all(db, deliverer)
        assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"
        before = placed(fake_twilio)
        loop = subprocess.run(
            [
                sys.executable,
                "-c",
                TDS_LOOP,
                app.config["DATABASE"],
                f"elderride-{ride['id']}",
                "tds-loop-token",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        answers = [json.loads(line) for line in loop.stdout.splitlines()]
        assert [status for status, _ in answers] == [200] * 4 + [409] * 6, answers
        for _, body in answers[4:]:
            assert body["state"] == "no_car" and "handed back twice" in body["error"]
        deliver_all(db, deliverer)
        # One call and one text: the car fell through and a dispatcher is on it. The four
        # earlier pieces of news were no longer true when the worker came to them.
        calls, texts = (now - then for now, then in zip(placed(fake_twilio), before, strict=True))
        assert (calls, texts) == (1, 1)
        assert "not found a car" in fake_twilio.calls[-1]["Twiml"]
        assert bookings.get_booking(db, ride["id"])["state"] == "no_car"
        # Nothing sent twice to the provider: its order went once.
        requests = [t for t, _ in provider.received if "clientOrderConfirmation" in t]
        assert len(requests) == 1
    finally:
        provider.stop()


def test_news_already_told_on_this_ride_is_not_told_again_within_the_window(
    app, db, margaret, book, set_clock, fake_twilio
):
    app.config["DISPATCH_API_TOKEN"] = "primary-api-token"
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(minutes=60))
    api = app.test_client()
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    deliver_all(db, deliverer)
    before = placed(fake_twilio)
    for minute, lost in ((1, "lost-1"), (5, "lost-2"), (25, "lost-3")):
        set_clock(START + datetime.timedelta(minutes=minute))
        assert report(api, ride, PRIMARY, lost, "no_car").status_code == 200
        deliver_all(db, deliverer)
        # A dispatcher sends the ride to dispatch again (no car either time): each "no car" is a
        # hand-back, and the dispatcher's send gives the center its tries again.
        bookings.transition(db, ride["id"], "forwarded", actor="dispatcher:1")
        deliver_all(db, deliverer)
    # Told at minute 1; minute 5 was the same news, still true; minute 25 is past the window.
    calls, texts = (now - then for now, then in zip(placed(fake_twilio), before, strict=True))
    assert (calls, texts) == (2, 2)


def test_a_center_that_handed_a_ride_back_reads_it_as_an_unknown_ride(
    app, db, margaret, book, set_clock, centers
):
    _primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    assert report(api, ride, SECOND, "second-2", "no_car").status_code == 200
    unknown = api.get("/api/v1/bookings/999999", headers=SECOND)
    for answer in (
        api.get(f"/api/v1/bookings/{ride['id']}", headers=SECOND),
        assign(api, ride, SECOND, "second-3", SECOND_CAR),
        report(api, ride, SECOND, "second-4", "arrived"),
    ):
        assert (answer.status_code, answer.get_json()) == (
            unknown.status_code,
            unknown.get_json(),
        )
    # Its lost-car report sent again is still answered as the first time (docs/overflow.md).
    assert report(api, ride, SECOND, "second-2", "no_car").status_code == 200
    # Nor is it sent what happens to the ride next.
    bookings.edit_trip(
        db,
        ride["id"],
        pickup_address="12 Elm Street, side door",
        destination_address="400 River Road",
        actor="dispatcher:1",
    )
    deliver_all(db, deliverer)
    assert events(second, ride["id"]) == ["offered", "assigned", "no_car"]
    assert overflow.offer_of(db, ride["id"])["holder"] is None
    # The primary takes the ride: still none of the second center's business, and told as before.
    assert assign(api, ride, PRIMARY, "primary-1", CAR).status_code == 200
    answer = api.get(f"/api/v1/bookings/{ride['id']}", headers=SECOND)
    assert (answer.status_code, answer.get_json()) == (unknown.status_code, unknown.get_json())
    deliver_all(db, deliverer)
    assert events(second, ride["id"]) == ["offered", "assigned", "no_car"]


def test_hostile_reports_on_a_ride_handed_back_twice_change_nothing(
    app, db, margaret, book, set_clock, centers
):
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    for round_ in (1, 2):
        assert assign(api, ride, PRIMARY, f"car-{round_}", CAR).status_code == 200
        assert report(api, ride, PRIMARY, f"lost-{round_}", "no_car").status_code == 200
    logged = len(bookings.events_of(db, ride["id"]))
    queued = db.table("outbox").count_where("booking_id = ?", [ride["id"]])
    unknown = api.get("/api/v1/bookings/999999", headers=SECOND)
    path = f"/api/v1/bookings/{ride['id']}/events"
    for headers, body, status in (
        # Out of order: a center reports the car near on a ride with no car.
        (PRIMARY, {"id": "late-1", "type": "arrived"}, 409),
        (PRIMARY, {"id": "late-2", "type": "eta", "eta_minutes": 3}, 409),
        (PRIMARY, {"id": "late-3", "type": "no_show"}, 409),
        # The second center, which was never holding it this round, is told nothing of it.
        (SECOND, {"id": "s-1", "type": "assigned", "eta_minutes": 5, **SECOND_CAR}, 404),
        # Broken and oversized bodies are explained, as on any ride.
        (PRIMARY, {"id": "x" * 500, "type": "assigned"}, 400),
        (PRIMARY, {"id": "big", "type": "assigned", "driver_name": "x" * 100_000}, None),
        (PRIMARY, [], 400),
    ):
        answer = api.post(path, headers=headers, json=body)
        assert answer.status_code < 500 and answer.status_code != 200, answer.status_code
        if status is not None:
            assert answer.status_code == status, (body, answer.get_json())
        if headers is SECOND:
            assert answer.get_json() == unknown.get_json()
    # The same event id as another ride's report is refused, not applied here.
    other = book(margaret, pickup_at=START + datetime.timedelta(days=1))
    bookings.transition(db, other["id"], "forwarded", actor="dispatch")
    assert assign(api, other, PRIMARY, "other-1", CAR).status_code == 200
    assert assign(api, ride, PRIMARY, "other-1", CAR).status_code == 400
    assert len(bookings.events_of(db, ride["id"])) == logged
    assert db.table("outbox").count_where("booking_id = ?", [ride["id"]]) == queued
    assert kept_by(app.config["DATABASE"], ride["id"]) == (None, "no_car", None)


def test_a_second_car_after_an_unsent_no_car_is_told_to_the_senior_and_family(
    app, db, margaret, book, set_clock, fake_twilio
):
    # Car A is told; it falls through, and a car with another plate comes before the worker
    # placed the "no car" call: that call is no longer true, but car B is news she must hear.
    app.config["DISPATCH_API_TOKEN"] = "primary-api-token"
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(minutes=60))
    api = app.test_client()
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    assert assign(api, ride, PRIMARY, "car-a", CAR).status_code == 200
    deliver_all(db, deliverer)
    before = placed(fake_twilio)
    assert report(api, ride, PRIMARY, "lost-a", "no_car").status_code == 200
    assert assign(api, ride, PRIMARY, "car-b", SECOND_CAR).status_code == 200
    deliver_all(db, deliverer)
    calls, texts = (now - then for now, then in zip(placed(fake_twilio), before, strict=True))
    assert (calls, texts) == (1, 1)
    told = [text["Body"] for text in fake_twilio.messages if text["To"] == FAMILY][-1]
    assert SECOND_CAR["plate"] in told


def test_a_broken_report_on_a_ride_given_back_is_answered_as_on_an_unknown_ride(
    app, db, margaret, book, set_clock, centers
):
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    assert report(api, ride, SECOND, "second-2", "no_car").status_code == 200
    other = book(margaret, pickup_at=START + datetime.timedelta(days=1))
    bookings.transition(db, other["id"], "forwarded", actor="dispatch")
    assert assign(api, other, PRIMARY, "other-1", CAR).status_code == 200
    for body in (
        [],
        {},
        {"id": "q-1", "type": "teleported"},
        {"id": "q-2", "type": "assigned", "eta_minutes": "soon"},
        {"id": "q-3", "type": "eta"},
        {"id": "x" * 500, "type": "assigned"},
        {"id": "other-1", "type": "assigned", "eta_minutes": 5, **SECOND_CAR},
    ):
        answers = [
            api.post(f"/api/v1/bookings/{booking_id}/events", headers=SECOND, json=body)
            for booking_id in (999999, ride["id"])
        ]
        unknown, given_back = (
            (a.status_code, a.get_json(), a.headers.get("ETag")) for a in answers
        )
        assert given_back == unknown, body
    # Its own report sent again is still answered as the first time (docs/overflow.md).
    assert report(api, ride, SECOND, "second-2", "no_car").status_code == 200


def test_a_center_cannot_hand_back_the_car_a_dispatcher_found_after_the_limit(
    app, db, margaret, book, set_clock, centers, fake_twilio, dispatcher
):
    primary, second, webhooks = centers
    deliverer = through_twilio(fake_twilio, dispatch=webhooks.dispatch, overflow=webhooks.overflow)
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    for round_ in (1, 2):
        assert assign(api, ride, PRIMARY, f"car-{round_}", CAR).status_code == 200
        assert report(api, ride, PRIMARY, f"lost-{round_}", "no_car").status_code == 200
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    taken = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", **SECOND_CAR, "eta_minutes": "9"},
    )
    assert taken.status_code == 303
    deliver_all(db, deliverer)
    before = placed(fake_twilio)
    # The primary center is sent the dispatcher's car, and answers it with "no car" as before:
    # the car is still coming, and the senior must not be told it is not.
    refused = report(api, ride, PRIMARY, "lost-3", "no_car")
    assert refused.status_code == 409, refused.get_json()
    assert "handed back twice" in refused.get_json()["error"]
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == before
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("primary", "assigned", "Wei")


def test_a_car_whose_call_failed_once_is_not_called_in_after_it_fell_through(
    app, db, margaret, book, set_clock, fake_twilio
):
    # Twilio refused the "your car is coming" call and text once; before their retry, the car
    # falls through. Retried now, they would tell the senior a car is coming that is not.
    app.config["DISPATCH_API_TOKEN"] = "primary-api-token"
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(minutes=60))
    api = app.test_client()
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    deliver_all(db, deliverer)
    before = placed(fake_twilio)
    assert assign(api, ride, PRIMARY, "car-a", CAR).status_code == 200
    fake_twilio.fail_next = 10
    run_once(db, deliverer, "test")
    assert placed(fake_twilio) == before
    failed = db.table("outbox").count_where(
        "booking_id = ? and status = 'pending' and attempts > 0", [ride["id"]]
    )
    assert failed == 2
    fake_twilio.fail_next = 0
    assert report(api, ride, PRIMARY, "lost-a", "no_car").status_code == 200
    deliver_all(db, deliverer)
    calls, texts = (now - then for now, then in zip(placed(fake_twilio), before, strict=True))
    assert (calls, texts) == (1, 1)
    told = [text["Body"] for text in fake_twilio.messages if text["To"] == FAMILY][-1]
    assert CAR["plate"] not in told


def test_a_ride_handed_back_twice_and_taken_back_after_a_cancel_stays_marked_for_a_dispatcher(
    app, db, margaret, book, set_clock, centers, dispatcher
):
    # Margaret cancels the ride nobody found a car for and takes the cancel back at once: it goes
    # to dispatch again, whose reports on it are still refused, so the console must still say so.
    _primary, _second, webhooks = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    for round_ in (1, 2):
        assert assign(api, ride, PRIMARY, f"car-{round_}", CAR).status_code == 200
        assert report(api, ride, PRIMARY, f"lost-{round_}", "no_car").status_code == 200
    senior = f"senior:{margaret['id']}"
    bookings.transition(db, ride["id"], "cancelled", actor=senior)
    bookings.transition(db, ride["id"], "requested", actor=senior)
    deliver_all(db, webhooks)
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"
    refused = assign(api, ride, PRIMARY, "car-3", CAR)
    assert refused.status_code == 409
    queue = dispatcher.get("/console/").get_data(as_text=True)
    assert "Handed back twice: find a car yourself" in queue
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert 'id="handed-back"' in page
    # And in Chinese, for a dispatcher who reads it.
    dispatcher.set_cookie("lang", "zh")
    queue = dispatcher.get("/console/").get_data(as_text=True)
    assert "已被退回两次：请亲自安排车辆" in queue
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert "调度中心已两次退回这单用车，不会再派给任何调度中心" in page


def test_a_replay_from_a_center_that_gave_the_ride_back_shows_none_of_its_later_changes(
    app, db, margaret, book, set_clock, centers
):
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    assert report(api, ride, SECOND, "second-2", "no_car").status_code == 200
    bookings.edit_trip(
        db,
        ride["id"],
        pickup_address="12 Elm Street, side door",
        destination_address="400 River Road",
        actor="dispatcher:1",
    )
    again = report(api, ride, SECOND, "second-2", "no_car")
    assert again.status_code == 200
    assert "side door" not in again.get_data(as_text=True)


def test_a_center_looping_forwarded_and_no_car_hands_the_ride_to_a_dispatcher(
    app, db, margaret, book, set_clock, centers, fake_twilio, dispatcher, center_processes
):
    # The primary center says it has the ride, then that it has no car, again and again, from
    # its own process over HTTP, ten minutes apart: past the window that folds a repeated "no
    # car", and never assigning, so no hand-back was ever counted.
    primary, second, webhooks = centers
    deliverer = through_twilio(fake_twilio, dispatch=webhooks.dispatch, overflow=webhooks.overflow)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(hours=2))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    offer_now(db, ride)
    deliver_all(db, deliverer)
    before, told_primary = placed(fake_twilio), len(events(primary, ride["id"]))
    center = center_processes(PRIMARY_TOKEN)
    answers = []
    for round_ in range(1, 6):
        set_clock(START + datetime.timedelta(minutes=10 * round_))
        answers.append(center.report(ride, "forwarded", f"have-{round_}"))
        deliver_all(db, deliverer)
        answers.append(center.report(ride, "no_car", f"none-{round_}"))
        deliver_all(db, deliverer)
    # Its first "forwarded" says what is so (the ride is with it); its "no car" gives the ride
    # back; it takes it again once; the second "no car" is the second hand-back.
    assert [status for status, _ in answers] == [200] * 4 + [409] * 6, answers
    for _, body in answers[4:]:
        assert body["state"] == "no_car"
        assert "handed back twice" in body["error"] and "dispatcher" in body["error"]
    # One call and one text: the second "no car" said nothing new within 15 minutes.
    calls, texts = (now - then for now, then in zip(placed(fake_twilio), before, strict=True))
    assert (calls, texts) == (1, 1)
    # Each center heard each change once: the primary its own three, the second center, which
    # was still looking for a car, those and then to stop.
    assert events(primary, ride["id"])[told_primary:] == ["no_car", "forwarded", "no_car"]
    assert events(second, ride["id"]) == ["offered", "no_car", "forwarded", "no_car", "withdrawn"]
    assert kept_by(app.config["DATABASE"], ride["id"]) == (None, "no_car", None)
    api = app.test_client()
    unknown = api.get("/api/v1/bookings/999999", headers=SECOND)
    gone = api.get(f"/api/v1/bookings/{ride['id']}", headers=SECOND)
    assert (gone.status_code, gone.get_json()) == (unknown.status_code, unknown.get_json())
    # The ride is a dispatcher's now: the console says why, and the dispatcher's car is told.
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert 'id="handed-back"' in page
    assert "Handed back twice: find a car yourself" in dispatcher.get("/console/").get_data(
        as_text=True
    )
    taken = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", **SECOND_CAR, "eta_minutes": "9"},
    )
    assert taken.status_code == 303
    deliver_all(db, deliverer)
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("primary", "assigned", "Wei")
    assert placed(fake_twilio)[0] == before[0] + 2


def test_replayed_late_and_misdirected_forwarded_and_no_car_reports_change_nothing(
    app, db, margaret, book, set_clock, centers, fake_twilio, center_processes
):
    primary_center, second_center, webhooks = centers
    deliverer = through_twilio(fake_twilio, dispatch=webhooks.dispatch, overflow=webhooks.overflow)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(hours=2))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    offer_now(db, ride)
    deliver_all(db, deliverer)
    before = placed(fake_twilio)
    primary, second = center_processes(PRIMARY_TOKEN), center_processes(OVERFLOW_TOKEN)
    unknown = app.test_client().get("/api/v1/bookings/999999", headers=SECOND).get_json()

    def logged():
        return (
            len(bookings.events_of(db, ride["id"])),
            db.table("outbox").count_where("booking_id = ?", [ride["id"]]),
        )

    def unchanged(reports):
        """Send each (center, kind, id, status), and check nothing was logged or queued."""
        then = logged()
        for center, kind, event_id, status in reports:
            answer, body = center.report(ride, kind, event_id)
            assert answer == status, (kind, event_id, body)
            if answer == 404:
                assert body == unknown
            deliver_all(db, deliverer)
        assert logged() == then

    # With the ride: the primary saying so, once or again, or under its first id, is no news.
    unchanged(
        [
            (primary, "forwarded", "have-1", 200),
            (primary, "forwarded", "have-1", 200),
            (primary, "forwarded", "have-2", 200),
            # The second center has assigned nothing: it does not have the ride to say so.
            (second, "forwarded", "second-have-1", 409),
            # Out of order: a car near on a ride with no car.
            (primary, "arrived", "near-1", 409),
        ]
    )
    assert primary.report(ride, "no_car", "none-1")[0] == 200
    deliver_all(db, deliverer)
    # Its "no car" sent again, and a second "no car" on a ride with no car: nothing new.
    unchanged([(primary, "no_car", "none-1", 200), (primary, "no_car", "none-2", 409)])
    # The second center takes the ride: the primary's reports on it are the other center's ride.
    assert second.report(ride, "assigned", "second-car", eta_minutes=9, **SECOND_CAR)[0] == 200
    deliver_all(db, deliverer)
    unchanged(
        [
            (primary, "forwarded", "have-3", 409),
            (primary, "no_car", "none-3", 409),
            (primary, "no_car", "none-1", 200),
        ]
    )
    taken = primary.report(ride, "forwarded", "have-4")[1]
    assert "overflow dispatch center took this ride first" in taken["error"]
    # Its car falls through: the second hand-back. Nobody may report on the ride but a
    # dispatcher, whoever sends what; replays are answered as the first time.
    assert second.report(ride, "no_car", "second-none")[0] == 200
    deliver_all(db, deliverer)
    unchanged(
        [
            (primary, "forwarded", "have-5", 409),
            (primary, "forwarded", "have-1", 409),
            (primary, "no_car", "none-4", 409),
            (primary, "assigned", "late-car", 409),
            (second, "forwarded", "second-have-2", 404),
            (second, "assigned", "second-car", 200),
            (second, "no_car", "second-none", 200),
            (primary, "no_car", "none-1", 200),
        ]
    )
    # Told once each: no car, the second center's car, and no car again.
    calls, texts = (now - then for now, then in zip(placed(fake_twilio), before, strict=True))
    assert (calls, texts) == (3, 3)
    assert events(second_center, ride["id"]) == ["offered", "no_car", "assigned", "no_car"]
    assert kept_by(app.config["DATABASE"], ride["id"]) == (None, "no_car", None)


def no_pickup_first(ticket, round_):
    """A provider's round: no pickup, a car, no pickup (TDS gives no ids: each round its own)."""
    return [
        {
            "tripTaskConfirmation": {
                "tripTicketId": ticket,
                "tripTaskId": f"task-{round_}-a",
                "@tripStatus": "no pickup",
            }
        },
        {
            "providerOrderConfirmation": {
                "tripTicketId": ticket,
                "@driverId": f"Sam Lee {round_}",
                "@vehicleNumber": "ABC 123",
                "@vehicleInformation": "Toyota Sienna, blue",
            }
        },
        {
            "tripTaskConfirmation": {
                "tripTicketId": ticket,
                "tripTaskId": f"task-{round_}-b",
                "@tripStatus": "no pickup",
            }
        },
    ]


def test_a_tds_provider_whose_first_word_is_no_pickup_has_handed_the_ride_back_once(
    app, db, margaret, book, fake_twilio, center_processes
):
    # "No pickup" on a ride it never confirmed a car for is the provider giving the ride back:
    # after one car more and its "no pickup", a dispatcher arranges the ride.
    secret = "whsec_" + "dGRzLWxvb3Atc2VjcmV0LWtleQ=="
    provider = TdsProvider(secret)
    try:
        app.config["DISPATCH_API_TOKEN"] = PRIMARY_TOKEN
        deliverer = through_twilio(
            fake_twilio, dispatch=TdsAdapter(provider.url, secret, funding_entity="county")
        )
        ride = book(margaret)
        deliver_all(db, deliverer)
        center = center_processes(PRIMARY_TOKEN)
        ticket = f"elderride-{ride['id']}"
        answers = []
        for round_ in (1, 2):
            for telegram in no_pickup_first(ticket, round_):
                answers.append(center.post("/api/v1/tds", telegram))
                deliver_all(db, deliverer)
        assert [status for status, _ in answers] == [200] * 3 + [409] * 3, answers
        for _, body in answers[3:]:
            assert body["state"] == "no_car" and "handed back twice" in body["error"]
        # The provider was sent its order once, and never offered the ride again.
        requests = [t for t, _ in provider.received if "clientOrderConfirmation" in t]
        assert len(requests) == 1
    finally:
        provider.stop()


def test_a_ride_handed_back_twice_before_its_deadline_is_not_offered_to_the_second_center(
    app, db, margaret, book, set_clock, centers, fake_twilio, center_processes
):
    # The primary center gave the ride back twice before anyone raised it: at its deadline the
    # second center is not offered a ride whose reports would all be refused, and the family is
    # told a dispatcher is on it, not that a second center was asked.
    _primary, second, webhooks = centers
    deliverer = through_twilio(fake_twilio, dispatch=webhooks.dispatch, overflow=webhooks.overflow)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(minutes=60))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    center = center_processes(PRIMARY_TOKEN)
    for kind, event_id in (("no_car", "none-1"), ("forwarded", "have-2"), ("no_car", "none-2")):
        assert center.report(ride, kind, event_id)[0] == 200
    deliver_all(db, deliverer)
    set_clock(START + datetime.timedelta(minutes=31))
    assert schedule.run_due(db, WITH_OVERFLOW)["unassigned"] == 1
    deliver_all(db, deliverer)
    assert overflow.offer_of(db, ride["id"]) is None
    assert events(second, ride["id"]) == []
    told = [text["Body"] for text in fake_twilio.messages if text["To"] == FAMILY][-1]
    assert "A dispatcher is working on it now" in told and "second" not in told


def test_a_forwarded_that_changed_nothing_sent_again_after_no_car_takes_the_ride_again_quietly(
    app, db, margaret, book, set_clock, fake_twilio, center_processes
):
    # Nothing was logged for it, so it cannot be told from the center taking the ride again: it
    # is that, nobody hears of it, and the center's next "no car" is its second hand-back.
    app.config["DISPATCH_API_TOKEN"] = PRIMARY_TOKEN
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(hours=2))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    deliver_all(db, deliverer)
    center = center_processes(PRIMARY_TOKEN)
    assert center.report(ride, "forwarded", "have-1")[0] == 200
    assert center.report(ride, "no_car", "none-1")[0] == 200
    deliver_all(db, deliverer)
    told = placed(fake_twilio)
    status, body = center.report(ride, "forwarded", "have-1")
    assert (status, body["booking"]["state"]) == (200, "forwarded")
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == told
    assert center.report(ride, "no_car", "none-2")[0] == 200
    status, body = center.report(ride, "forwarded", "have-3")
    assert status == 409 and "handed back twice" in body["error"]
    # Logged now, the same id again is a replay: answered, and the ride stays a dispatcher's.
    status, body = center.report(ride, "forwarded", "have-1")
    assert (status, body["booking"]["state"]) == (200, "no_car")


def test_a_centers_no_car_sent_as_a_dispatcher_assigned_a_car_leaves_that_car_coming(
    app, db, margaret, book, set_clock, fake_twilio, dispatcher, center_processes
):
    # The primary center, in its own process, finds no car and says so; a dispatcher at the
    # console has just found one (a taxi phoned). Its "no car" is about a ride it had, not the
    # dispatcher's car: that car is still coming, and the senior must not be told it is not.
    app.config["DISPATCH_API_TOKEN"] = PRIMARY_TOKEN
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(hours=2))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    deliver_all(db, deliverer)
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    taken = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", **SECOND_CAR, "eta_minutes": "9"},
    )
    assert taken.status_code == 303
    deliver_all(db, deliverer)
    told = placed(fake_twilio)
    center = center_processes(PRIMARY_TOKEN)
    status, body = center.report(ride, "no_car", "none-1")
    assert status == 409, body
    assert "dispatcher" in body["error"] and body["state"] == "assigned"
    # Sent again, or under a new id, it is the same: nothing changes and nobody is told.
    assert center.report(ride, "no_car", "none-1")[0] == 409
    assert center.report(ride, "no_car", "none-2")[0] == 409
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == told
    ride_now = bookings.get_booking(db, ride["id"])
    assert (ride_now["state"], ride_now["driver_name"]) == ("assigned", "Wei")
    # Nor did it count as a hand-back: a dispatcher's car that falls through is theirs to mark.
    assert handbacks.count(db, ride["id"]) == 0
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    lost = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "no_car"},
    )
    assert lost.status_code == 303
    assert bookings.get_booking(db, ride["id"])["state"] == "no_car"
    # The center may take the ride again and assign its own car, and hand that one back.
    assert center.report(ride, "forwarded", "have-1")[0] == 200
    assert center.report(ride, "assigned", "car-1", eta_minutes=12, **CAR)[0] == 200
    status, body = center.report(ride, "no_car", "none-3")
    assert (status, body["booking"]["state"]) == (200, "no_car")


def confirm_form(dispatcher, ride, target):
    """What the console's confirm page for `target` sends when its button is pressed: every field
    of its form, as a browser sends them."""
    page = dispatcher.get(f"/console/bookings/{ride['id']}/confirm/{target}").get_data(as_text=True)
    form = re.search(r'<section class="confirm".*?<form[^>]*>(.*?)</form>', page, re.S)
    assert form, "the page asks nothing"
    return hidden_inputs(form.group(1))


def hidden_inputs(form):
    """The hidden fields of a form's html, as a browser sends them."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_a_dispatchers_no_car_confirmed_after_a_center_assigned_a_car_leaves_that_car_coming(
    app, db, margaret, book, set_clock, fake_twilio, dispatcher, center_processes
):
    # The dispatcher asks to report "no car" on a ride with none; before they press "Yes", the
    # primary center, in its own process, assigns a car and the senior is phoned about it. The
    # press meant the ride they saw: it must not clear that car and phone "no car" after it.
    app.config["DISPATCH_API_TOKEN"] = PRIMARY_TOKEN
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(hours=2))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    deliver_all(db, deliverer)
    center = center_processes(PRIMARY_TOKEN)
    asked = confirm_form(dispatcher, ride, "no_car")
    assert center.report(ride, "assigned", "car-1", eta_minutes=12, **CAR)[0] == 200
    deliver_all(db, deliverer)
    told = placed(fake_twilio)
    late = dispatcher.post(f"/console/bookings/{ride['id']}/state", data=asked)
    assert late.status_code == 409
    assert "changed while you were looking" in late.get_data(as_text=True)
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == told
    ride_now = bookings.get_booking(db, ride["id"])
    assert (ride_now["state"], ride_now["driver_name"]) == ("assigned", "Sam")
    # The same with the car it was asked about replaced by another: the new one is still coming.
    asked = confirm_form(dispatcher, ride, "no_car")
    assert center.report(ride, "no_car", "none-1")[0] == 200
    assert center.report(ride, "assigned", "car-2", eta_minutes=9, **SECOND_CAR)[0] == 200
    deliver_all(db, deliverer)
    told = placed(fake_twilio)
    assert dispatcher.post(f"/console/bookings/{ride['id']}/state", data=asked).status_code == 409
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == told
    assert bookings.get_booking(db, ride["id"])["driver_name"] == "Wei"
    # Asked again about the car it now has, the dispatcher's "no car" is told.
    asked = confirm_form(dispatcher, ride, "no_car")
    assert dispatcher.post(f"/console/bookings/{ride['id']}/state", data=asked).status_code == 303
    deliver_all(db, deliverer)
    assert bookings.get_booking(db, ride["id"])["state"] == "no_car"
    assert placed(fake_twilio)[0] == told[0] + 1


def test_the_second_center_told_to_stop_for_a_dispatchers_car_is_told_only_that(
    app, db, margaret, book, set_clock, centers, dispatcher
):
    # A dispatcher's car took the ride from the second center: its late "no car" is answered as
    # any late report, that the primary took the ride, not whose car it has now.
    ride = raised_ride(db, book, margaret, set_clock)
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    taken = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", **CAR, "eta_minutes": "9"},
    )
    assert taken.status_code == 303
    api = app.test_client()
    late = report(api, ride, SECOND, "second-1", "no_car")
    assert late.status_code == 409
    assert late.get_json()["error"] == (
        "The primary dispatch center took this ride first; it stays with them."
    )
    refused = report(api, ride, PRIMARY, "primary-1", "no_car")
    assert refused.status_code == 409 and "dispatcher" in refused.get_json()["error"]


def test_a_no_show_from_the_center_that_lost_the_ride_is_refused_whatever_its_id(
    app, db, margaret, book, set_clock, centers, fake_twilio, center_processes
):
    # The primary center gave the ride back and the second center took it. The primary then
    # reports its driver waiting at the door under an id it used on this ride before: that is a
    # new report, not a replay, and the senior must not be phoned about a driver who is not there.
    primary, second, webhooks = centers
    deliverer = through_twilio(fake_twilio, dispatch=webhooks.dispatch, overflow=webhooks.overflow)
    ride = raised_ride(db, book, margaret, set_clock)
    deliver_all(db, deliverer)
    first, other = center_processes(PRIMARY_TOKEN), center_processes(OVERFLOW_TOKEN)
    assert first.report(ride, "no_car", "p-1")[0] == 200
    assert other.report(ride, "assigned", "o-1", eta_minutes=12, **SECOND_CAR)[0] == 200
    deliver_all(db, deliverer)
    told = placed(fake_twilio)
    for event_id in ("p-1", "p-2"):
        status, body = first.report(ride, "no_show", event_id)
        assert status == 409, body
        assert (
            body["error"]
            == "The overflow dispatch center took this ride first; it stays with them."
        )
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == told
    assert db.execute("select count(*) from welfare_checks").fetchone()[0] == 0
    # The second center's own report is heard.
    assert other.report(ride, "no_show", "o-2")[0] == 200


def hidden_fields(page, action):
    """The hidden fields of the page's form that posts to `action`, as a browser sends them."""
    form = re.search(
        rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S
    )
    assert form, f"the page has no form for {action}"
    return hidden_inputs(form.group(1))


def test_a_dispatchers_car_report_pressed_after_a_center_replaced_the_car_is_not_told(
    app, db, margaret, book, set_clock, fake_twilio, dispatcher, center_processes
):
    # A driver phones the desk that he is at the door; before the dispatcher presses the button,
    # the center, in its own process, drops his car and names another. The senior must not be
    # told the new car is at the door, or that its driver waits for them.
    app.config["DISPATCH_API_TOKEN"] = PRIMARY_TOKEN
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(hours=2))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    center = center_processes(PRIMARY_TOKEN)
    assert center.report(ride, "assigned", "car-1", eta_minutes=12, **CAR)[0] == 200
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    path = f"/console/bookings/{ride['id']}"
    at_door = hidden_fields(page, f"{path}/arrived")
    waiting = hidden_fields(page, f"{path}/no-show")
    timed = {**hidden_fields(page, f"{path}/eta"), "eta_minutes": "2"}
    assert center.report(ride, "no_car", "none-1")[0] == 200
    assert center.report(ride, "assigned", "car-2", eta_minutes=9, **SECOND_CAR)[0] == 200
    deliver_all(db, deliverer)
    told = placed(fake_twilio)
    for action, form in (("arrived", at_door), ("no-show", waiting), ("eta", timed)):
        late = dispatcher.post(f"{path}/{action}", data=form)
        assert late.status_code == 409, action
        assert "changed while you were looking" in late.get_data(as_text=True)
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == told
    assert db.execute("select count(*) from welfare_checks").fetchone()[0] == 0
    ride_now = bookings.get_booking(db, ride["id"])
    assert (ride_now["state"], ride_now["eta_minutes"]) == ("assigned", 9)
    # Pressed on the page as it is now, the driver at the door is told.
    page = dispatcher.get(path).get_data(as_text=True)
    assert (
        dispatcher.post(f"{path}/arrived", data=hidden_fields(page, f"{path}/arrived")).status_code
        == 303
    )
    deliver_all(db, deliverer)
    assert placed(fake_twilio)[0] == told[0] + 1


def test_one_centers_two_workers_assigning_the_same_car_at_once_are_both_answered_yes(
    app, db, margaret, book, set_clock, fake_twilio, center_processes
):
    # Two workers of one center, each in its own process, report the same car under their own
    # ids at the same moment. Neither may be told its car was refused (its driver would be stood
    # down), and the senior hears of the car once.
    app.config["DISPATCH_API_TOKEN"] = PRIMARY_TOKEN
    deliverer = through_twilio(fake_twilio)
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(hours=2))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    deliver_all(db, deliverer)
    told = placed(fake_twilio)
    one, two = center_processes(PRIMARY_TOKEN), center_processes(PRIMARY_TOKEN)
    answers = [None, None]

    def send(index, worker):
        answers[index] = worker.report(ride, "assigned", f"worker-{index}", eta_minutes=12, **CAR)

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate((one, two))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in answers] == [200, 200], answers
    assert {body["booking"]["driver"]["plate"] for _, body in answers} == {"ABC 123"}
    deliver_all(db, deliverer)
    assert placed(fake_twilio) == (told[0] + 1, told[1] + 1)
    assert [event["to_state"] for event in bookings.events_of(db, ride["id"])][-1:] == ["assigned"]
    assert sum(e["to_state"] == "assigned" for e in bookings.events_of(db, ride["id"])) == 1
    # Another car on a ride that has one is still refused: the senior waits for the first.
    status, body = one.report(ride, "assigned", "worker-3", eta_minutes=5, **SECOND_CAR)
    assert status == 409 and body["state"] == "assigned"
    assert bookings.get_booking(db, ride["id"])["driver_name"] == "Sam"
