"""The scheduler in the outbox worker, on a set clock: recurring occurrences, reminder calls."""

import datetime
import json
import time
import zoneinfo

import pytest

from elderride.services import bookings, clock
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing.messages import BuiltinNotifier
from elderride.services.people.places import list_places
from elderride.services.records import BookingRequest, Trip
from elderride.services.scheduled import recurring, schedule
from elderride.store import connect
from elderride.worker import Worker

UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
ASSIGNMENT = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": 5,
}


@pytest.fixture
def set_clock():
    """Set the clock every service reads; the real one comes back after the test."""
    yield clock.set_now
    clock.set_now(None)


def places_of(db, phone):
    senior = db.execute("select senior_id from senior_phones where phone = ?", [phone]).fetchone()[
        0
    ]
    return senior, list_places(db, senior)


def monday_wednesday_friday(
    db, phone, *, skipped=(), return_kind="none", start="2026-10-26", return_time=None
):
    senior_id, places = places_of(db, phone)
    rule_id = recurring.add_rule(
        db,
        senior_id,
        {
            "weekdays": ["0", "2", "4"],
            "at_time": "08:30",
            "pickup": places[0]["id"],
            "destination": places[1]["id"],
            "return_kind": return_kind,
            "return_time": return_time,
            "start_date": start,
            "skipped": list(skipped),
        },
        created_by="family:1",
    )
    return senior_id, rule_id


def drive_the_rides_done(db, now):
    """Dispatch's part: each forwarded ride is driven and completed half an hour after pickup."""
    rows = db.execute(
        "select id from bookings where state = 'forwarded' and pickup_at <= ?",
        [clock.iso(now - datetime.timedelta(minutes=30))],
    ).fetchall()
    for (booking_id,) in rows:
        for state in ("assigned", "arriving", "picked_up", "completed"):
            details = ASSIGNMENT if state == "assigned" else None
            bookings.transition(db, booking_id, state, actor="dispatch", details=details)


def walk(db, set_clock, start, end, *, step=datetime.timedelta(minutes=30), workers=None):
    """Move the clock from `start` to `end`, one scheduler pass and one delivery round a step."""
    deliverer = Deliverer(BuiltinNotifier())
    workers = workers or [Worker(None, deliverer, schedule_settings=schedule.Settings())]
    moment = start
    while moment <= end:
        set_clock(moment)
        for worker in workers:
            worker.schedule_pass(db)
            while run_once(db, deliverer, worker.name):
                pass
        drive_the_rides_done(db, moment)
        moment += step


def occurrence_bookings(db, rule_id):
    return [
        dict(row)
        for row in db.table("bookings").rows_where("recurring_id = ?", [rule_id], order_by="id")
    ]


def reminder_calls(db, rule_id):
    return [
        json.loads(row[0])
        for row in db.execute(
            "select outbox.payload from outbox join bookings on bookings.id = outbox.booking_id "
            "where bookings.recurring_id = ? and outbox.kind = 'call' "
            "and json_extract(outbox.payload, '$.state') = 'reminder' order by outbox.id",
            [rule_id],
        ).fetchall()
    ]


EXPECTED_NEW_YORK = [
    # 8:30 in New York: EDT (UTC-4) until Sunday 1 November 2026, EST (UTC-5) after.
    datetime.datetime(2026, 10, 26, 12, 30, tzinfo=UTC),
    datetime.datetime(2026, 10, 30, 12, 30, tzinfo=UTC),
    datetime.datetime(2026, 11, 2, 13, 30, tzinfo=UTC),
    datetime.datetime(2026, 11, 4, 13, 30, tzinfo=UTC),
    datetime.datetime(2026, 11, 6, 13, 30, tzinfo=UTC),
]


def test_a_weekly_ride_books_each_day_ahead_across_a_clock_change_and_a_skipped_day(
    db, demo_data, set_clock
):
    _, rule_id = monday_wednesday_friday(db, "+15550100001", skipped=["2026-10-28"])
    walk(
        db,
        set_clock,
        datetime.datetime(2026, 10, 24, 12, 0, tzinfo=NEW_YORK),
        datetime.datetime(2026, 11, 7, 12, 0, tzinfo=NEW_YORK),
    )
    booked = occurrence_bookings(db, rule_id)
    assert [clock.parse(row["pickup_at"]) for row in booked] == EXPECTED_NEW_YORK
    assert [row["occurs_on"] for row in booked] == [
        "2026-10-26",
        "2026-10-30",
        "2026-11-02",
        "2026-11-04",
        "2026-11-06",
    ]
    for row in booked:
        # Booked 18 hours ahead (within one step of the walk), through the ordinary path.
        ahead = clock.parse(row["pickup_at"]) - clock.parse(row["created_at"])
        assert datetime.timedelta(hours=17, minutes=30) < ahead <= datetime.timedelta(hours=18)
        assert row["channel"] == "family" and row["state"] == "completed"
        events = [event["event"] for event in bookings.events_of(db, row["id"])]
        assert events[:2] == ["created", "forwarded"]
        texts = db.execute(
            "select count(*) from messages where booking_id = ? and channel = 'text' "
            "and recipient = '+15550100002'",
            [row["id"]],
        ).fetchone()[0]
        assert texts >= 1  # Lily, who is notified, heard of it
    reminders = reminder_calls(db, rule_id)
    assert len(reminders) == 5
    assert reminders[0]["say"].startswith(
        "Hello Margaret Chen. This is elderride. Tomorrow at 8:30"
    )
    assert "City Hospital" in reminders[0]["say"] and "press 2" in reminders[0]["say"]
    assert all(call["to"] == "+15550100001" for call in reminders)


def test_shanghai_keeps_its_hour_when_new_york_changes_its_clocks(db, demo_data, set_clock):
    _, rule_id = monday_wednesday_friday(db, "+8613800000001", skipped=["2026-10-28"])
    walk(
        db,
        set_clock,
        datetime.datetime(2026, 10, 24, 12, 0, tzinfo=SHANGHAI),
        datetime.datetime(2026, 11, 7, 12, 0, tzinfo=SHANGHAI),
    )
    booked = occurrence_bookings(db, rule_id)
    assert [clock.parse(row["pickup_at"]) for row in booked] == [
        datetime.datetime(2026, 10, 26, 0, 30, tzinfo=UTC),
        datetime.datetime(2026, 10, 30, 0, 30, tzinfo=UTC),
        datetime.datetime(2026, 11, 2, 0, 30, tzinfo=UTC),
        datetime.datetime(2026, 11, 4, 0, 30, tzinfo=UTC),
        datetime.datetime(2026, 11, 6, 0, 30, tzinfo=UTC),
    ]
    reminders = reminder_calls(db, rule_id)
    assert len(reminders) == 5
    assert reminders[0]["say"].startswith("王秀英您好") and "明天" in reminders[0]["say"]
    assert reminders[0]["language"] == "zh"


def test_the_spring_clock_change_moves_a_missing_time_later_never_earlier(db, demo_data):
    senior_id, places = places_of(db, "+15550100001")
    rule_id = recurring.add_rule(
        db,
        senior_id,
        {
            "weekdays": ["6"],
            "at_time": "02:30",
            "pickup": places[0]["id"],
            "destination": places[1]["id"],
            "start_date": "2027-03-07",
        },
        created_by="family:1",
    )
    rule = recurring.get_rule(db, senior_id, rule_id)
    senior = {"timezone": "America/New_York", "id": senior_id}
    found = recurring.occurrences(
        db, rule, senior, datetime.date(2027, 3, 7), datetime.date(2027, 3, 21)
    )
    # 2:30 does not exist on 14 March 2027 in New York: it is read as 3:30 EDT.
    assert [
        occurrence.pickup_at.astimezone(NEW_YORK).strftime("%d %H:%M") for occurrence in found
    ] == [
        "07 02:30",
        "14 03:30",
        "21 02:30",
    ]


def test_a_restart_and_a_second_worker_book_nothing_twice(db, demo_data, set_clock, app):
    _, rule_id = monday_wednesday_friday(db, "+15550100001", skipped=["2026-10-28"])
    first_half_end = datetime.datetime(2026, 10, 29, 18, 15, tzinfo=NEW_YORK)
    walk(db, set_clock, datetime.datetime(2026, 10, 24, 12, 0, tzinfo=NEW_YORK), first_half_end)
    # A restart: new workers, new connections, no memory of what was done; two of them at once.
    second = connect(app.config["DATABASE"])
    try:
        deliverer = Deliverer(BuiltinNotifier())
        workers = [
            Worker(None, deliverer, schedule_settings=schedule.Settings(), name=name)
            for name in ("restarted", "another")
        ]
        # The restart lands mid-evening: Friday's booking and reminder are already due, and
        # both new workers pass at the same moments.
        walk(
            second,
            set_clock,
            first_half_end,
            datetime.datetime(2026, 11, 7, 12, 0, tzinfo=NEW_YORK),
            workers=workers,
        )
    finally:
        second.close()
    booked = occurrence_bookings(db, rule_id)
    assert [clock.parse(row["pickup_at"]) for row in booked] == EXPECTED_NEW_YORK
    assert len(reminder_calls(db, rule_id)) == 5


def test_two_worker_threads_at_the_same_moment_book_and_remind_once(db, demo_data, set_clock, app):
    _, rule_id = monday_wednesday_friday(db, "+15550100001", return_kind="call")
    # Sunday 18:05 in New York: Monday's ride is booked (it is within 18 hours) and its
    # reminder is due.
    set_clock(datetime.datetime(2026, 10, 25, 18, 5, tzinfo=NEW_YORK))
    passes = {"first": 0, "second": 0}

    class Counting(Worker):
        def schedule_pass(self, db):
            done = super().schedule_pass(db)
            passes[self.name] += 1
            return done

    workers = [
        Counting(
            app.config["DATABASE"],
            Deliverer(BuiltinNotifier()),
            poll_seconds=0.01,
            schedule_settings=schedule.Settings(),
            schedule_seconds=0.0,
            name=name,
        )
        for name in passes
    ]
    threads = [worker.start_thread() for worker in workers]
    try:
        deadline = time.monotonic() + 30
        while min(passes.values()) < 20 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        for worker in workers:
            worker.stop()
        for thread in threads:
            thread.join(timeout=10)
    assert min(passes.values()) >= 20
    booked = occurrence_bookings(db, rule_id)
    assert [(row["state"], row["return_of"] is not None) for row in booked] == [
        ("forwarded", False),
        ("awaiting_call", True),
    ]
    assert booked[1]["return_of"] == booked[0]["id"]
    assert len(reminder_calls(db, rule_id)) == 1
    # The return waits for the senior's call: dispatch has not heard of it.
    assert not db.execute(
        "select count(*) from outbox where booking_id = ? and kind = 'dispatch'",
        [booked[1]["id"]],
    ).fetchone()[0]
    assert not any(thread.is_alive() for thread in threads)


def test_a_day_that_cannot_be_booked_tells_the_family_once(db, demo_data, set_clock):
    senior_id, rule_id = monday_wednesday_friday(db, "+15550100001")
    places = list_places(db, senior_id)
    # What a family typed reaches the text only as words we send: no link of theirs.
    db.table("seniors").update(senior_id, {"name": "Pay at http://evil.example/N"})
    db.table("places").update(places[1]["id"], {"label": "Refund at evil2.com/pay"})
    set_clock(datetime.datetime(2026, 10, 25, 9, 0, tzinfo=NEW_YORK))
    # Three rides already open: the cap refuses a fourth.
    opened = []
    for index in range(3):
        booked, _ = bookings.create_booking(
            db,
            BookingRequest(
                idempotency_key=f"open-{index}",
                channel="web",
                created_by="senior",
                senior_id=senior_id,
                trip=Trip(
                    pickup={"place_id": places[0]["id"]}, destination={"place_id": places[2]["id"]}
                ),
            ),
        )
        opened.append(booked)
    for minutes in (0, 20, 40):
        set_clock(datetime.datetime(2026, 10, 25, 18, minutes, tzinfo=NEW_YORK))
        schedule.run_due(db)
    assert occurrence_bookings(db, rule_id) == []
    texts = db.execute(
        "select payload from outbox where kind = 'text' "
        "and json_extract(payload, '$.state') = 'not_booked'"
    ).fetchall()
    assert len(texts) == 1
    assert json.loads(texts[0][0])["to"] == "+15550100002"
    body = json.loads(texts[0][0])["body"]
    assert "Pay at" in body and "Refund at" in body
    assert not any(link in body for link in ("http://", "evil.example", "evil2.com"))
    # A ride cancelled before the day's pickup makes room: the next pass books the day after all.
    bookings.transition(db, opened[0]["id"], "cancelled", actor="senior")
    set_clock(datetime.datetime(2026, 10, 25, 19, 0, tzinfo=NEW_YORK))
    schedule.run_due(db)
    assert len(occurrence_bookings(db, rule_id)) >= 1


def test_a_trip_back_nobody_called_for_ends_with_its_day(db, demo_data, set_clock):
    _, rule_id = monday_wednesday_friday(db, "+15550100001", return_kind="call")
    walk(
        db,
        set_clock,
        datetime.datetime(2026, 10, 24, 12, 0, tzinfo=NEW_YORK),
        datetime.datetime(2026, 11, 7, 12, 0, tzinfo=NEW_YORK),
    )
    booked = occurrence_bookings(db, rule_id)
    outward = [row for row in booked if row["return_of"] is None]
    back = [row for row in booked if row["return_of"] is not None]
    # Every day of the six is booked: a waiting trip back never blocks the next ride.
    assert len(outward) == 6 and len(back) == 6
    assert {row["state"] for row in back} == {"cancelled"}
    for row in back:
        cancel = [e for e in bookings.events_of(db, row["id"]) if e["to_state"] == "cancelled"]
        assert cancel[0]["actor"] == "schedule"
        day_after = datetime.date.fromisoformat(row["occurs_on"]) + datetime.timedelta(days=1)
        assert clock.parse(cancel[0]["at"]).astimezone(NEW_YORK).date() == day_after


def test_an_appointment_time_books_the_car_the_drive_earlier(db, demo_data):
    senior_id, places = places_of(db, "+8613800000001")
    rule_id = recurring.add_rule(
        db,
        senior_id,
        {
            "weekdays": ["1"],
            "at_time": "10:00",
            "time_kind": "appointment",
            "pickup": places[0]["id"],
            "destination": places[1]["id"],
            "return_kind": "at",
            "return_time": "12:15",
            "start_date": "2026-12-01",
        },
        created_by="family:1",
    )
    rule = recurring.get_rule(db, senior_id, rule_id)
    senior = {"timezone": "Asia/Shanghai", "id": senior_id}
    [occurrence] = recurring.occurrences(
        db, rule, senior, datetime.date(2026, 12, 1), datetime.date(2026, 12, 7)
    )
    travel = places[1].get("travel_minutes") or recurring.DEFAULT_TRAVEL_MINUTES
    there = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
    assert occurrence.pickup_at == there - datetime.timedelta(minutes=travel)
    assert occurrence.return_at == datetime.datetime(2026, 12, 1, 12, 15, tzinfo=SHANGHAI)
    # The day's booking keeps the appointment, as a booking made by hand does.
    clock.set_now(datetime.datetime(2026, 11, 30, 18, 0, tzinfo=SHANGHAI))
    try:
        schedule.run_due(db)
    finally:
        clock.set_now(None)
    [booked] = [ride for ride in occurrence_bookings(db, rule_id) if ride["return_of"] is None]
    assert clock.parse(booked["appointment_at"]) == there
    assert clock.parse(booked["pickup_at"]) == there - datetime.timedelta(minutes=travel)


def test_a_schedule_pass_reads_index_ranges_never_the_history(db, demo_data, set_clock, app):
    from tests.test_query_plans import plan_problems

    monday_wednesday_friday(db, "+15550100001", return_kind="call")
    monday_wednesday_friday(db, "+8613800000001", return_kind="at", return_time="11:00")
    statements = []
    worker = connect(app.config["DATABASE"])
    worker.conn.set_trace_callback(statements.append)
    try:
        # Sunday evening: bookings due, reminders due; Monday night: waiting trips back end.
        for moment in (
            datetime.datetime(2026, 10, 25, 18, 5, tzinfo=NEW_YORK),
            datetime.datetime(2026, 10, 27, 0, 5, tzinfo=NEW_YORK),
        ):
            set_clock(moment)
            schedule.run_due(worker)
    finally:
        worker.close()
    checked = [
        sql for sql in dict.fromkeys(statements) if sql.lstrip().lower().startswith("select")
    ]
    assert any("awaiting_call" in sql for sql in checked)
    assert any("from bookings where pickup_at >" in sql for sql in checked)
    assert any("welfare_checks" in sql for sql in checked)
    assert {sql: problems for sql in checked if (problems := plan_problems(db, sql))} == {}


def test_a_failing_schedule_pass_never_stops_deliveries(db, demo_data, app, monkeypatch):
    from elderride.services.outgoing import outbox
    from elderride.store import writing

    def broken(*args, **kwargs):
        raise RuntimeError("the scheduler broke")

    monkeypatch.setattr(schedule, "run_due", broken)
    with writing(db):
        entry_id = outbox.enqueue(db, "text", {"to": "+15550100002", "body": "hello"})
    worker = Worker(
        app.config["DATABASE"],
        Deliverer(BuiltinNotifier()),
        poll_seconds=0.01,
        schedule_settings=schedule.Settings(),
        schedule_seconds=0.0,
    )
    thread = worker.start_thread()
    try:
        deadline = time.monotonic() + 20
        while db.table("outbox").get(entry_id)["status"] != "done":
            assert time.monotonic() < deadline, "the text was never delivered"
            time.sleep(0.02)
    finally:
        worker.stop()
        thread.join(timeout=10)


@pytest.mark.parametrize(
    "config",
    [
        {"REMINDER_HOUR": 24},
        {"REMINDER_HOUR": -1},
        {"RECURRING_LEAD_HOURS": 0.0},
        {"RECURRING_LEAD_HOURS": 24 * 31.0},
        {"WELFARE_ANSWER_SECONDS": 0.0},
    ],
)
def test_settings_the_scheduler_cannot_keep_are_refused_at_start(config):
    with pytest.raises(ValueError, match="ELDERRIDE_"):
        schedule.settings_from_config(config)
