"""Bookings: idempotent creation, the life cycle, the event log and the outbox written with them."""

import datetime
import itertools
import json

import pytest

from elderride.services import bookings, clock
from elderride.services.errors import TransitionRefused, ValidationError
from elderride.services.outgoing import outbox
from elderride.services.people import accounts
from elderride.services.records import BookingRequest, Trip

ASSIGNMENT = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota Camry",
    "car_colour": "blue",
    "plate": "ABC 123",
    "eta_minutes": 7,
}

# docs/design.md's life cycle, written out here independently of the code under test.
ALLOWED = {
    ("needs_review", "requested"),
    ("needs_review", "cancelled"),
    ("requested", "needs_review"),
    ("requested", "forwarded"),
    ("requested", "cancelled"),
    ("forwarded", "assigned"),
    ("forwarded", "no_car"),
    ("forwarded", "cancelled"),
    ("assigned", "arriving"),
    ("assigned", "no_car"),
    ("assigned", "cancelled"),
    ("arriving", "picked_up"),
    ("arriving", "cancelled"),
    ("picked_up", "completed"),
    ("no_car", "forwarded"),
    ("no_car", "assigned"),
    ("no_car", "cancelled"),
    ("cancelled", "requested"),  # undo, before a driver was assigned
}
STATES = [
    "needs_review",
    "requested",
    "forwarded",
    "assigned",
    "arriving",
    "picked_up",
    "completed",
    "cancelled",
    "no_car",
]
# How to reach each state from a fresh booking.
PATHS = {
    "needs_review": [],
    "requested": [],
    "forwarded": ["forwarded"],
    "assigned": ["forwarded", "assigned"],
    "arriving": ["forwarded", "assigned", "arriving"],
    "picked_up": ["forwarded", "assigned", "arriving", "picked_up"],
    "completed": ["forwarded", "assigned", "arriving", "picked_up", "completed"],
    "cancelled": ["cancelled"],
    "no_car": ["forwarded", "no_car"],
}


@pytest.fixture
def booking_in(db, book):
    """Book a ride for a senior and move it to `state` along PATHS."""

    def booking_in(senior, state):
        booking = book(senior, needs_review=state == "needs_review")
        for step in PATHS[state]:
            booking = bookings.transition(
                db,
                booking["id"],
                step,
                actor="test",
                details=ASSIGNMENT if step == "assigned" else None,
            )
        assert booking["state"] == state
        return booking

    return booking_in


@pytest.mark.parametrize("from_state, to_state", list(itertools.product(STATES, STATES)))
def test_every_transition_is_allowed_or_refused_as_designed(
    db, booking_in, margaret, from_state, to_state
):
    booking = booking_in(margaret, from_state)
    events_before = len(bookings.events_of(db, booking["id"]))
    details = ASSIGNMENT if to_state == "assigned" else None
    if (from_state, to_state) in ALLOWED:
        moved = bookings.transition(db, booking["id"], to_state, actor="test", details=details)
        assert moved["state"] == to_state
        last = bookings.events_of(db, booking["id"])[-1]
        assert (last["from_state"], last["to_state"], last["actor"]) == (
            from_state,
            to_state,
            "test",
        )
    else:
        with pytest.raises(TransitionRefused) as caught:
            bookings.transition(db, booking["id"], to_state, actor="test", details=details)
        assert from_state in str(caught.value) and to_state in str(caught.value)
        assert bookings.get_booking(db, booking["id"])["state"] == from_state
        assert len(bookings.events_of(db, booking["id"])) == events_before


def test_a_cancel_after_a_driver_was_assigned_cannot_be_undone(db, booking_in, margaret):
    booking = booking_in(margaret, "assigned")
    bookings.transition(db, booking["id"], "cancelled", actor="senior")
    assert not bookings.can_reopen(db, bookings.get_booking(db, booking["id"]), actor="senior")
    with pytest.raises(TransitionRefused):
        bookings.transition(db, booking["id"], "requested", actor="senior")


def test_undoing_a_cancel_logs_a_reopened_event(db, booking_in, margaret):
    booking = booking_in(margaret, "cancelled")
    bookings.transition(db, booking["id"], "requested", actor="test")
    assert [event["event"] for event in bookings.events_of(db, booking["id"])] == [
        "created",
        "cancelled",
        "reopened",
    ]


def test_a_repeated_idempotency_key_returns_the_same_booking(db, book, margaret):
    first = book(margaret, key="tap-1")
    again, created = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="tap-1",
            channel="web",
            created_by="senior",
            trip=Trip(destination={"place_id": first["destination_place_id"]}),
            senior_id=margaret["id"],
        ),
    )
    assert not created
    assert again["id"] == first["id"]
    assert db.table("bookings").count == 1
    assert db.table("outbox").count_where("booking_id = ?", [first["id"]]) == len(
        outbox_rows(db, first["id"])
    )
    assert len(bookings.events_of(db, first["id"])) == 1


def test_an_idempotency_key_of_another_senior_is_refused(db, book, margaret, wang):
    book(margaret, key="shared")
    with pytest.raises(ValidationError) as caught:
        book(wang, "市第一人民医院", key="shared")
    assert caught.value.field == "idempotency_key"


def outbox_rows(db, booking_id):
    rows = db.table("outbox").rows_where("booking_id = ?", [booking_id], order_by="id")
    return [dict(row, payload=json.loads(row["payload"])) for row in rows]


def test_a_new_booking_queues_dispatch_and_family_texts_in_its_transaction(db, book, margaret):
    booking = book(margaret)
    rows = outbox_rows(db, booking["id"])
    assert [(row["kind"], row["payload"].get("to")) for row in rows] == [
        ("dispatch", None),
        ("text", "+15550100002"),
    ]
    assert (
        "Margaret Chen" in rows[1]["payload"]["body"]
        and "City Hospital" in rows[1]["payload"]["body"]
    )
    assert rows[0]["payload"]["booking"]["id"] == booking["id"]


def test_assignment_queues_the_senior_call_back_and_family_text(db, booking_in, margaret):
    booking = booking_in(margaret, "assigned")
    rows = [
        row for row in outbox_rows(db, booking["id"]) if row["payload"].get("state") == "assigned"
    ]
    assert sorted(row["kind"] for row in rows) == ["call", "dispatch", "text"]
    call = next(row for row in rows if row["kind"] == "call")
    assert call["payload"]["to"] == "+15550100001"
    assert all(
        word in call["payload"]["say"]
        for word in ("Sam Lee", "blue Toyota Camry", "ABC 123", "7 minutes")
    )


def test_chinese_senior_family_texts_are_in_chinese(db, book, wang):
    booking = book(wang, "市第一人民医院")
    text = next(row for row in outbox_rows(db, booking["id"]) if row["kind"] == "text")
    assert text["payload"]["to"] == "+8613800000002"
    assert "王秀英" in text["payload"]["body"] and "市第一人民医院" in text["payload"]["body"]


def test_a_failure_mid_write_leaves_neither_booking_nor_outbox_rows(
    db, book, margaret, monkeypatch
):
    real_enqueue = outbox.enqueue
    calls = []

    def failing_enqueue(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 2:  # the dispatch entry is written, then the family text fails
            raise OSError("disk full")
        return real_enqueue(*args, **kwargs)

    monkeypatch.setattr(outbox, "enqueue", failing_enqueue)
    with pytest.raises(OSError):
        book(margaret)
    assert calls == ["dispatch", "text"]
    assert db.table("bookings").count == 0
    assert db.table("booking_events").count == 0
    assert db.table("outbox").count == 0


def test_a_failed_transition_leaves_state_log_and_outbox_untouched(
    db, booking_in, margaret, monkeypatch
):
    booking = booking_in(margaret, "forwarded")
    outbox_before = db.table("outbox").count
    monkeypatch.setattr(
        outbox, "enqueue", lambda *args, **kwargs: (_ for _ in ()).throw(OSError("disk full"))
    )
    with pytest.raises(OSError):
        bookings.transition(db, booking["id"], "assigned", actor="test", details=ASSIGNMENT)
    assert bookings.get_booking(db, booking["id"])["state"] == "forwarded"
    assert bookings.get_booking(db, booking["id"])["driver_name"] is None
    assert db.table("outbox").count == outbox_before
    assert [event["to_state"] for event in bookings.events_of(db, booking["id"])] == [
        "requested",
        "forwarded",
    ]


def test_a_replayed_event_key_changes_nothing(db, booking_in, margaret):
    booking = booking_in(margaret, "forwarded")
    bookings.transition(
        db, booking["id"], "assigned", actor="dispatch", details=ASSIGNMENT, event_key="evt-1"
    )
    outbox_count = db.table("outbox").count
    again = bookings.transition(
        db, booking["id"], "assigned", actor="dispatch", details=ASSIGNMENT, event_key="evt-1"
    )
    assert again["state"] == "assigned"
    assert db.table("outbox").count == outbox_count
    assert [event["to_state"] for event in bookings.events_of(db, booking["id"])].count(
        "assigned"
    ) == 1


@pytest.mark.parametrize(
    "change, field",
    [
        ({"driver_name": ""}, "driver_name"),
        ({"plate": "P" * 21}, "plate"),
        ({"eta_minutes": "soon"}, "eta_minutes"),
        ({"eta_minutes": -1}, "eta_minutes"),
        ({"eta_minutes": 241}, "eta_minutes"),
    ],
)
def test_an_assignment_with_bad_details_is_refused(db, booking_in, margaret, change, field):
    booking = booking_in(margaret, "forwarded")
    with pytest.raises(ValidationError) as caught:
        bookings.transition(
            db, booking["id"], "assigned", actor="test", details={**ASSIGNMENT, **change}
        )
    assert caught.value.field == field
    assert bookings.get_booking(db, booking["id"])["state"] == "forwarded"


def test_the_pickup_defaults_to_home_and_may_not_equal_the_destination(db, book, margaret):
    booking = book(margaret)
    assert (booking["pickup_label"], booking["pickup_address"]) == ("Home", "12 Elm Street")
    with pytest.raises(ValidationError) as caught:
        book(margaret, "Home")
    assert caught.value.field == "destination"


def test_a_destination_may_be_left_to_tell_the_driver(db, book, margaret):
    booking = book(margaret, None)
    assert booking["destination_address"] is None


@pytest.mark.parametrize(
    "pickup_at, field",
    [
        ("yesterday", "pickup_at"),
        (datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), "pickup_at"),
        (clock.now() + datetime.timedelta(days=31), "pickup_at"),
        (datetime.datetime(2030, 1, 1), "pickup_at"),
    ],
)
def test_pickup_times_in_the_past_far_future_or_without_zone_are_refused(
    db, book, margaret, pickup_at, field
):
    with pytest.raises(ValidationError) as caught:
        book(margaret, pickup_at=pickup_at)
    assert caught.value.field == field
    assert db.table("bookings").count == 0


def test_a_place_of_another_senior_cannot_be_booked(db, book, margaret, wang):
    wang_place = next(db.table("places").rows_where("senior_id = ?", [wang["id"]]))
    with pytest.raises(ValidationError) as caught:
        book(margaret, {"place_id": wang_place["id"]})
    assert caught.value.field == "destination"


def test_unknown_caller_bookings_need_review_and_notify_no_family(db):
    booking, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="call:CA1",
            channel="phone",
            created_by="caller",
            trip=Trip({"address": "5 Pine Street"}, {"address": "400 River Road"}),
            caller_phone="+15550100077",
            needs_review=True,
        ),
    )
    assert booking["state"] == "needs_review"
    assert [row["kind"] for row in outbox_rows(db, booking["id"])] == ["dispatch"]


def test_minutes_away_counts_down_from_the_assignment(db, booking_in, margaret):
    booking = booking_in(margaret, "assigned")
    assert bookings.minutes_away(db, booking) == 7
    later = clock.now() + datetime.timedelta(minutes=5)
    assert bookings.minutes_away(db, booking, now=later) == 2
    assert bookings.minutes_away(db, booking, now=later + datetime.timedelta(minutes=30)) == 0


def family_reopen(lily, margaret, ride):
    page = f"/family/seniors/{margaret['id']}/rides/{ride['id']}"
    shown = "Undo: book this ride again" in lily.page(page).get_data(as_text=True)
    lily.submit(page, f"{page}/reopen")
    return shown


def test_the_family_cannot_take_back_a_cancel_a_dispatcher_made(db, book, margaret, lily):
    # Found by the red team: a ride a dispatcher cancelled (a fake ride, a closed road) was
    # booked again by the family's "undo".
    ride = book(margaret, pickup_at=clock.now() + datetime.timedelta(hours=5))
    bookings.transition(db, ride["id"], "cancelled", actor="dispatcher:1")
    assert not family_reopen(lily, margaret, ride)
    assert bookings.get_booking(db, ride["id"])["state"] == "cancelled"
    with pytest.raises(TransitionRefused):
        bookings.transition(db, ride["id"], "requested", actor="senior")


def test_an_undo_is_for_a_few_minutes_only(db, book, margaret, lily):
    ride = book(margaret, pickup_at=clock.now() + datetime.timedelta(days=2))
    page = f"/family/seniors/{margaret['id']}/rides/{ride['id']}"
    lily.submit(f"{page}/cancel")
    later = clock.now() + bookings.REOPEN_WINDOW + datetime.timedelta(seconds=1)
    clock.set_now(later)
    try:
        assert not family_reopen(lily, margaret, ride)
    finally:
        clock.set_now(None)
    assert bookings.get_booking(db, ride["id"])["state"] == "cancelled"


def test_a_ride_whose_pickup_has_passed_is_never_reopened(db, book, margaret, lily):
    pickup = clock.now() + datetime.timedelta(minutes=3)
    ride = book(margaret, pickup_at=pickup)
    page = f"/family/seniors/{margaret['id']}/rides/{ride['id']}"
    lily.submit(f"{page}/cancel")
    # Still within the undo's minutes of the cancel, but the car's time has gone by.
    clock.set_now(pickup + datetime.timedelta(minutes=1))
    try:
        with pytest.raises(TransitionRefused):
            bookings.transition(db, ride["id"], "requested", actor=f"family:{lily_id(db)}")
    finally:
        clock.set_now(None)
    assert bookings.get_booking(db, ride["id"])["state"] == "cancelled"


def test_her_own_cancel_is_taken_back_within_the_minutes(db, book, margaret, lily):
    ride = book(margaret, pickup_at=clock.now() + datetime.timedelta(hours=5))
    page = f"/family/seniors/{margaret['id']}/rides/{ride['id']}"
    lily.submit(f"{page}/cancel")
    assert family_reopen(lily, margaret, ride)
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"


def lily_id(db):
    return accounts.family_member_by_email(db, "lily@example.com")["id"]
