"""The overflow dispatch center: a ride nobody took is offered to a second center through the
outbox, the first center to assign it keeps it, the other is withdrawn once, and a late answer
changes nothing."""

import datetime
import json
import sqlite3
import subprocess
import sys

import pytest

from elderride.services import bookings, overflow
from elderride.services.people import code_words
from elderride.services.scheduled import schedule
from elderride.store import writing
from tests import openapi_check
from tests.conftest import csrf_token
from tests.overflow_setup import (  # noqa: F401 - centers and set_clock are fixtures
    CAR,
    OVERFLOW_TOKEN,
    PRIMARY,
    PRIMARY_TOKEN,
    SECOND,
    SECOND_CAR,
    START,
    WITH_OVERFLOW,
    assign,
    centers,
    deliver_all,
    events,
    kept_by,
    raised_ride,
    set_clock,
)


def holders(path, booking_id):
    """Who keeps the ride, read from outside through a fresh read-only connection: the offer's
    holder and the driver on the ride."""
    outside = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        holder = outside.execute(
            "select holder from overflow_offers where booking_id = ?", [booking_id]
        ).fetchone()
        driver = outside.execute(
            "select state, driver_name from bookings where id = ?", [booking_id]
        ).fetchone()
        # One assignment on the ride's log, whoever made it.
        assert outside.execute(
            "select count(*) from booking_events where booking_id = ? and to_state = 'assigned'",
            [booking_id],
        ).fetchone() == (1,)
    finally:
        outside.close()
    return holder, driver


def family_texts(db, ride):
    return [
        json.loads(row["payload"])
        for row in db.table("outbox").rows_where(
            "booking_id = ? and kind = 'text'", [ride["id"]], order_by="id"
        )
        if json.loads(row["payload"])["state"] == "no_driver"
    ]


def test_a_ride_nobody_took_is_offered_to_the_second_center_once_and_the_family_told(
    app, db, margaret, book, set_clock, centers
):
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    # A second worker's pass, or the same one again, offers nothing more.
    assert schedule.run_due(db, WITH_OVERFLOW)["unassigned"] == 0
    deliver_all(db, deliverer)
    [offer] = [body for body in second.bodies if body["event"] == "offered"]
    openapi_check.check_webhook(offer)
    assert offer["booking"]["id"] == ride["id"] and offer["state"] == "forwarded"
    # Signed with the second center's own key, as the standardwebhooks library checks it.
    assert all(try_[3] for try_ in second.tries)
    assert "offered" not in events(primary, ride["id"])
    [text] = family_texts(db, ride)
    assert text["to"] == "+15550100002"
    assert "asked a second taxi center too" in text["body"]


def test_the_family_is_told_in_chinese(app, db, wang, book, set_clock, centers):
    ride = raised_ride(db, book, wang, set_clock)
    [text] = family_texts(db, ride)
    assert text["to"] == "+8613800000002"
    assert "另一家出租车调度中心" in text["body"] and "还没有司机接单" in text["body"]


def test_without_a_second_center_nothing_is_offered(app, db, margaret, book, set_clock):
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(minutes=60))
    set_clock(START + datetime.timedelta(minutes=31))
    assert schedule.run_due(db)["unassigned"] == 1
    assert overflow.offer_of(db, ride["id"]) is None
    [text] = family_texts(db, ride)
    assert "A dispatcher is working on it now" in text["body"]


def test_the_second_center_assigning_first_keeps_the_ride_and_the_primary_is_withdrawn(
    app, db, margaret, book, set_clock, centers, dispatcher
):
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    deliver_all(db, deliverer)
    api = app.test_client()
    answer = assign(api, ride, SECOND, "second-1", SECOND_CAR)
    assert answer.status_code == 200, answer.get_json()
    openapi_check.check_response(
        "/api/v1/bookings/{booking_id}/events", "post", 200, answer.get_json()
    )
    # The primary's own API answers too late: a 409 that says who has it, and nothing changes.
    late = assign(api, ride, PRIMARY, "primary-1")
    assert late.status_code == 409
    assert "overflow dispatch center took this ride first" in late.get_json()["error"]
    openapi_check.check_response(
        "/api/v1/bookings/{booking_id}/events", "post", 409, late.get_json()
    )
    eta = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        headers=PRIMARY,
        json={"id": "primary-2", "type": "eta", "eta_minutes": 3},
    )
    assert eta.status_code == 409
    # A dispatcher at the console is the primary center too.
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    refused = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", **CAR, "eta_minutes": "10"},
    )
    assert refused.status_code == 409
    assert "The overflow dispatch center took this ride first" in refused.get_data(as_text=True)
    deliver_all(db, deliverer)
    assert events(primary, ride["id"]).count("withdrawn") == 1
    withdrawn = next(body for body in primary.bodies if body["event"] == "withdrawn")
    openapi_check.check_webhook(withdrawn)
    assert "withdrawn" not in events(second, ride["id"])
    assert holders(app.config["DATABASE"], ride["id"]) == (("overflow",), ("assigned", "Wei"))


def test_the_primary_assigning_first_withdraws_the_offer_once(
    app, db, margaret, book, set_clock, centers, dispatcher
):
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    taken = dispatcher.post(
        f"/console/bookings/{ride['id']}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", **CAR, "eta_minutes": "10"},
    )
    assert taken.status_code == 303
    api = app.test_client()
    for _ in range(2):  # the second center's answer, and its replay
        late = assign(api, ride, SECOND, "second-1", SECOND_CAR)
        assert late.status_code == 409
        assert "primary dispatch center took this ride first" in late.get_json()["error"]
    deliver_all(db, deliverer)
    assert events(second, ride["id"]) == ["offered", "withdrawn"]
    assert "withdrawn" not in events(primary, ride["id"])
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("primary", "assigned", "Sam")


def test_a_replayed_answer_from_the_winner_changes_nothing(
    app, db, margaret, book, set_clock, centers
):
    primary, _second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    for _ in range(3):
        assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    # The same event id from the other center is its own report, not a replay of this one.
    assert assign(api, ride, PRIMARY, "second-1").status_code == 409
    deliver_all(db, deliverer)
    assert events(primary, ride["id"]).count("withdrawn") == 1
    log = bookings.events_of(db, ride["id"])
    assigned = [event for event in log if event["event"] == "assigned"]
    assert len(assigned) == 1 and assigned[0]["actor"] == "overflow-api"


def test_a_center_that_is_down_gets_the_offer_when_it_is_back(
    app, db, margaret, book, set_clock, centers
):
    _primary, second, deliverer = centers
    second.down = True
    ride = raised_ride(db, book, margaret, set_clock)
    for _ in range(4):
        deliver_all(db, deliverer, rounds=1)
    entry = next(db.table("outbox").rows_where("kind = 'overflow'"))
    assert entry["status"] == "pending" and entry["attempts"] >= 4 and "503" in entry["last_error"]
    second.down = False
    deliver_all(db, deliverer)
    assert events(second, ride["id"]) == ["offered"]
    # Every try carried the same id, for the center to dedupe on.
    assert len({try_[0] for try_ in second.tries}) == 1 and len(second.tries) >= 5
    assert db.table("outbox").count_where("kind = 'overflow' and status != 'done'") == 0


def test_a_cancel_reaches_the_second_center_while_it_is_offered(
    app, db, margaret, book, set_clock, centers
):
    _primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    bookings.transition(db, ride["id"], "cancelled", actor="family:1")
    deliver_all(db, deliverer)
    assert events(second, ride["id"]) == ["offered", "cancelled"]
    late = assign(app.test_client(), ride, SECOND, "second-1", SECOND_CAR)
    assert late.status_code == 409


def test_the_second_centers_key_opens_only_the_rides_offered_to_it(
    app, db, margaret, book, set_clock, centers
):
    offered = raised_ride(db, book, margaret, set_clock)
    other = book(margaret, pickup_at=START + datetime.timedelta(days=1))
    api = app.test_client()
    assert api.get(f"/api/v1/bookings/{offered['id']}", headers=SECOND).status_code == 200
    for path in (f"/api/v1/bookings/{other['id']}", "/api/v1/bookings/999999"):
        answer = api.get(path, headers=SECOND)
        assert answer.status_code == 404 and "offered to your center" in answer.get_json()["error"]
    assert assign(api, other, SECOND, "second-9").status_code == 404
    assert api.get("/api/v1/bookings", headers=SECOND).status_code == 403
    assert api.post("/api/v1/tds", headers=SECOND, json={}).status_code == 403
    forged = {"Authorization": f"Bearer {OVERFLOW_TOKEN}x"}
    assert assign(api, offered, forged, "second-1").status_code == 401
    # Before it has the ride, the second center cannot report on it.
    early = api.post(
        f"/api/v1/bookings/{offered['id']}/events",
        headers=SECOND,
        json={"id": "second-2", "type": "arrived"},
    )
    assert early.status_code == 409 and "assign a driver" in early.get_json()["error"]
    for body in ({"id": "x", "type": "assigned"}, {"type": "assigned"}, [], "x" * 5000):
        answer = api.post(f"/api/v1/bookings/{offered['id']}/events", headers=SECOND, json=body)
        assert answer.status_code == 400
    assert overflow.offer_of(db, offered["id"])["holder"] is None


RACER = """
import json, sys
from elderride import create_app

database, ride_id, token, event_id = sys.argv[1:5]
app = create_app({"TESTING": True, "DATABASE": database, "SECRET_KEY": "race",
                  "DISPATCH_API_TOKEN": "primary-api-token",
                  "DISPATCH_OVERFLOW_API_TOKEN": "overflow-api-token"})
client = app.test_client()
car = json.loads(sys.argv[5])
print("ready", flush=True)
sys.stdin.readline()  # both racers are ready: go
answer = client.post(f"/api/v1/bookings/{ride_id}/events",
                     headers={"Authorization": f"Bearer {token}"},
                     json={"id": event_id, "type": "assigned", "eta_minutes": 9, **car})
print(answer.status_code)
"""


def test_when_both_centers_answer_at_once_exactly_one_keeps_the_ride(
    app, db, margaret, wang, book, set_clock, centers
):
    primary, second, deliverer = centers
    rides = [raised_ride(db, book, senior, set_clock) for senior in (margaret, wang, margaret)]
    for ride in rides:
        racers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    RACER,
                    app.config["DATABASE"],
                    str(ride["id"]),
                    token,
                    f"race-{ride['id']}",
                    json.dumps(car),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for token, car in ((PRIMARY_TOKEN, CAR), (OVERFLOW_TOKEN, SECOND_CAR))
        ]
        # Both started and built their app (seconds, on a busy machine): let them go together.
        assert [racer.stdout.readline().strip() for racer in racers] == ["ready", "ready"]
        for racer in racers:
            racer.stdin.write("go\n")
        for racer in racers:
            racer.stdin.flush()
        answers = [racer.communicate(timeout=120)[0].strip() for racer in racers]
        assert sorted(answers) == ["200", "409"], answers
        winner = "primary" if answers[0] == "200" else "overflow"
        holder, (state, driver) = holders(app.config["DATABASE"], ride["id"])
        assert holder == (winner,) and state == "assigned"
        assert driver == ("Sam" if winner == "primary" else "Wei")
    deliver_all(db, deliverer)
    for ride in rides:
        loser = second if overflow.offer_of(db, ride["id"])["holder"] == "primary" else primary
        winner = primary if loser is second else second
        assert events(loser, ride["id"]).count("withdrawn") == 1
        assert "withdrawn" not in events(winner, ride["id"])
    # Every delivery is signed with the key of the center it went to.
    assert all(try_[3] for try_ in primary.tries + second.tries)


def test_a_second_center_without_its_own_secret_is_refused():
    from elderride.worker import overflow_from_config

    with pytest.raises(ValueError, match="ELDERRIDE_DISPATCH_OVERFLOW_SECRET"):
        overflow_from_config({"DISPATCH_OVERFLOW_URL": "http://127.0.0.1:9/offers"})


@pytest.mark.parametrize(
    "config",
    [
        {"DISPATCH_API_TOKEN": "same-token", "DISPATCH_OVERFLOW_API_TOKEN": "same-token"},
        {
            "DISPATCH_WEBHOOK_SECRET": "old-key-of-sixteen new-key-of-sixteen",
            "DISPATCH_OVERFLOW_SECRET": "new-key-of-sixteen",
        },
    ],
)
def test_two_centers_sharing_a_key_are_refused_at_start(tmp_path, config):
    from elderride.app import create_app

    with pytest.raises(ValueError, match="ELDERRIDE_DISPATCH_OVERFLOW_.* must differ"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "e.db"), **config})


def test_the_center_withdrawn_is_not_told_the_code_word_nor_the_winners_driver(
    app, db, margaret, book, set_clock, centers, dispatcher
):
    primary, second, deliverer = centers
    code_words.set_code_word(db, margaret["id"], "bluebird")
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    # Offered, the second center may read the ride and its word: it may be the one that goes.
    offered = api.get(f"/api/v1/bookings/{ride['id']}", headers=SECOND)
    assert offered.status_code == 200 and offered.get_json()["booking"]["code_word"] == "bluebird"
    assert assign(api, ride, PRIMARY, "primary-1").status_code == 200
    deliver_all(db, deliverer)
    [withdrawn] = [body for body in second.bodies if body["event"] == "withdrawn"]
    openapi_check.check_webhook(withdrawn)
    assert withdrawn["booking"]["code_word"] is None
    # Withdrawn, its key no longer reads the ride: not the word, not the primary's driver.
    late = api.get(f"/api/v1/bookings/{ride['id']}", headers=SECOND)
    assert late.status_code == 409
    openapi_check.check_response("/api/v1/bookings/{booking_id}", "get", 409, late.get_json())
    assert "primary dispatch center took this ride first" in late.get_json()["error"]
    assert "bluebird" not in late.get_data(as_text=True)
    assert "Sam" not in late.get_data(as_text=True)


LATE_REPORTER = """
import sqlite3, sys
from elderride import create_app

posting = False


def traced(statement):
    # Said just before SQLite runs it: the report, its ride read, now waits for the write lock.
    if posting and statement == "BEGIN IMMEDIATE":
        print("asking for the write lock", flush=True)


opened = sqlite3.connect


def connect(*args, **kwargs):
    connection = opened(*args, **kwargs)
    connection.set_trace_callback(traced)
    return connection


sqlite3.connect = connect
database, ride_id = sys.argv[1:3]
app = create_app({"TESTING": True, "DATABASE": database, "SECRET_KEY": "race",
                  "DISPATCH_API_TOKEN": "primary-api-token",
                  "DISPATCH_OVERFLOW_API_TOKEN": "overflow-api-token"})
client = app.test_client()
posting = True
print("posting", flush=True)
answer = client.post(f"/api/v1/bookings/{ride_id}/events",
                     headers={"Authorization": "Bearer primary-api-token"},
                     json={"id": "primary-arrived", "type": "arrived"})
print(answer.status_code, answer.get_json().get("error", ""), flush=True)
"""


def test_a_report_checked_before_the_other_center_assigned_is_refused_after_it(
    app, db, margaret, book, set_clock, centers
):
    ride = raised_ride(db, book, margaret, set_clock)
    # The primary's report is read while nobody holds the ride, then waits for the write lock
    # that this process holds while the overflow center's assignment is written: the assignment
    # is written only once the reporter says it is asking for that lock, however slow it is.
    with writing(db):
        reporter = subprocess.Popen(
            [sys.executable, "-c", LATE_REPORTER, app.config["DATABASE"], str(ride["id"])],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert reporter.stdout is not None
        assert reporter.stdout.readline().strip() == "posting"
        assert reporter.stdout.readline().strip() == "asking for the write lock"
        bookings.transition(
            db,
            ride["id"],
            "assigned",
            actor=overflow.OVERFLOW_ACTOR,
            details={**SECOND_CAR, "eta_minutes": 9},
            event_key="overflow:second-1",
        )
    answer = reporter.communicate(timeout=120)[0].strip()
    assert answer.startswith("409"), answer
    assert "overflow dispatch center took this ride first" in answer
    # Read from outside: the ride is the overflow center's, assigned, and nobody else's report
    # moved it on.
    holder, (state, driver) = holders(app.config["DATABASE"], ride["id"])
    assert (holder, state, driver) == (("overflow",), "assigned", "Wei")


def test_a_center_whose_car_fell_through_hands_the_ride_back_to_the_other(
    app, db, margaret, book, set_clock, centers
):
    # The primary took the ride first, then its driver fell through: the second center, told to
    # stop, is offered the ride again and may now take it, instead of the senior being stranded.
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, PRIMARY, "primary-1").status_code == 200
    lost = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        headers=PRIMARY,
        json={"id": "primary-2", "type": "no_car"},
    )
    assert lost.status_code == 200, lost.get_json()
    deliver_all(db, deliverer)
    assert events(second, ride["id"]) == ["offered", "withdrawn", "offered"]
    again = next(body for body in reversed(second.bodies) if body["event"] == "offered")
    assert again["state"] == "no_car"
    openapi_check.check_webhook(again)
    assert api.get(f"/api/v1/bookings/{ride['id']}", headers=SECOND).status_code == 200
    taken = assign(api, ride, SECOND, "second-1", SECOND_CAR)
    assert taken.status_code == 200, taken.get_json()
    deliver_all(db, deliverer)
    assert events(primary, ride["id"])[-2:] == ["withdrawn", "assigned"]
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("overflow", "assigned", "Wei")


def test_the_second_centers_lost_car_goes_back_to_the_primary(
    app, db, margaret, book, set_clock, centers
):
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    lost = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        headers=SECOND,
        json={"id": "second-2", "type": "no_car"},
    )
    assert lost.status_code == 200, lost.get_json()
    deliver_all(db, deliverer)
    told = events(primary, ride["id"])
    assert told[-2:] == ["no_car", "offered"] and told.count("withdrawn") == 1
    openapi_check.check_webhook(next(b for b in primary.bodies if b["event"] == "offered"))
    # The primary may assign again; the second center's own late reports are now refused, as
    # for a ride that is not its own (it gave this one back: docs/overflow.md).
    assert assign(api, ride, PRIMARY, "primary-1").status_code == 200
    late = assign(api, ride, SECOND, "second-3", SECOND_CAR)
    unknown = api.get("/api/v1/bookings/999999", headers=SECOND)
    assert (late.status_code, late.get_json()) == (404, unknown.get_json())
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("primary", "assigned", "Sam")


def test_a_centers_replayed_lost_car_is_answered_as_the_first_time_and_sends_nothing_again(
    app, db, margaret, book, set_clock, centers
):
    # The second center's no_car got through but its answer was lost: it sends the same event
    # again, as a webhook client does, and must hear the same 200, not that it should assign
    # first (it would think its car report was refused), and nobody is told twice.
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    lost = {"id": "second-2", "type": "no_car"}
    first = api.post(f"/api/v1/bookings/{ride['id']}/events", headers=SECOND, json=lost)
    assert first.status_code == 200, first.get_json()
    queued = db.table("outbox").count_where("booking_id = ?", [ride["id"]])
    again = api.post(f"/api/v1/bookings/{ride['id']}/events", headers=SECOND, json=lost)
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["booking"]["state"] == "no_car"
    assert db.table("outbox").count_where("booking_id = ?", [ride["id"]]) == queued
    deliver_all(db, deliverer)
    assert events(primary, ride["id"]).count("offered") == 1


def test_a_ride_handed_back_is_offered_without_the_driver_that_fell_through(
    app, db, margaret, book, set_clock, centers
):
    # The primary's driver fell through: the second center is offered the ride again, and is not
    # handed the primary's driver (his name, his phone, his plate) with it, neither in the offer
    # nor when it reads the ride, as a center withdrawn is not told the winner's driver.
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    car = {**CAR, "driver_phone": "+15555550142"}
    assert assign(api, ride, PRIMARY, "primary-1", car).status_code == 200
    lost = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        headers=PRIMARY,
        json={"id": "primary-2", "type": "no_car"},
    )
    assert lost.status_code == 200, lost.get_json()
    deliver_all(db, deliverer)
    again = next(body for body in reversed(second.bodies) if body["event"] == "offered")
    read = api.get(f"/api/v1/bookings/{ride['id']}", headers=SECOND)
    assert read.status_code == 200
    for seen in (json.dumps(again), read.get_data(as_text=True)):
        for secret in ("Sam", "5555550142", "ABC 123"):
            assert secret not in seen
    assert read.get_json()["booking"]["state"] == "no_car"


def test_a_replayed_report_after_the_other_center_took_the_ride_shows_it_nothing(
    app, db, margaret, book, set_clock, centers
):
    # The second center handed the ride back and the primary took it: the second center's old
    # report sent again is refused as any late one, never answered with the primary's driver.
    code_words.set_code_word(db, margaret["id"], "bluebird")
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    lost = {"id": "second-2", "type": "no_car"}
    assert (
        api.post(f"/api/v1/bookings/{ride['id']}/events", headers=SECOND, json=lost).status_code
        == 200
    )
    assert assign(api, ride, PRIMARY, "primary-1").status_code == 200
    for replayed in (lost, {"id": "second-1", "type": "assigned", "eta_minutes": 12, **SECOND_CAR}):
        again = api.post(f"/api/v1/bookings/{ride['id']}/events", headers=SECOND, json=replayed)
        assert again.status_code == 409
        assert "primary dispatch center took this ride first" in again.get_json()["error"]
        for secret in ("Sam", "ABC 123", "bluebird"):
            assert secret not in again.get_data(as_text=True)
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("primary", "assigned", "Sam")


def test_a_dispatcher_who_finds_no_car_for_the_second_centers_ride_stands_it_down(
    app, db, margaret, book, set_clock, centers, dispatcher
):
    # The second center took the ride; a dispatcher at the console learns its car is not coming
    # and marks it so. The second center is told to stand down (its driver must not still turn
    # up), and the ride is free for the primary to assign, not kept by a center with no car.
    primary, second, deliverer = centers
    ride = raised_ride(db, book, margaret, set_clock)
    api = app.test_client()
    assert assign(api, ride, SECOND, "second-1", SECOND_CAR).status_code == 200
    path = f"/console/bookings/{ride['id']}"
    token = csrf_token(dispatcher.get(path).get_data(as_text=True))
    marked = dispatcher.post(f"{path}/state", data={"csrf_token": token, "to": "no_car"})
    assert marked.status_code == 303
    deliver_all(db, deliverer)
    assert events(second, ride["id"])[-2:] == ["no_car", "withdrawn"]
    assert assign(api, ride, PRIMARY, "primary-1").status_code == 200
    assert kept_by(app.config["DATABASE"], ride["id"]) == ("primary", "assigned", "Sam")
