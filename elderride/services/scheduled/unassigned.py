"""Rides nobody has taken as their pickup nears: raised to the top of the console, and the family
told once what is being done."""

import datetime

from sqlite_utils import Database

from elderride.services import bookings, clock, wording
from elderride.services.lifecycle import WAITING_FOR_A_DRIVER
from elderride.services.outgoing import outbox
from elderride.services.people.contacts import notified_contacts
from elderride.services.people.seniors import get_senior
from elderride.services.scheduled import marks
from elderride.store import writing

# A ride for "now" waiting longer than this is dispatch's forgotten one, not one to raise.
NOW_RIDES_LOOK_BACK = datetime.timedelta(hours=6)


def mark(booking_id: int) -> str:
    """The mark that says a ride was raised for having no driver."""
    return f"unassigned:{booking_id}"


def escalate_due(
    db: Database, *, booked_minutes: float, now_minutes: float, now: datetime.datetime
) -> int:
    """Raise every ride still without a driver `booked_minutes` before its pickup (a ride for
    "now": `now_minutes` after it was asked for), once each; return how many."""
    states = ", ".join("?" for _ in WAITING_FOR_A_DRIVER)
    # Two index ranges: booked rides by their pickup time (m090), rides for now by when they were
    # asked for; the unary + keeps SQLite on those ranges, not the history of states.
    booked = db.execute(
        "select id from bookings where pickup_at > ? and pickup_at <= ?"
        f" and +state in ({states}) order by pickup_at limit 200",
        [
            clock.iso(now - NOW_RIDES_LOOK_BACK),
            clock.iso(now + datetime.timedelta(minutes=booked_minutes)),
            *WAITING_FOR_A_DRIVER,
        ],
    ).fetchall()
    for_now = db.execute(
        "select id from bookings where created_at > ? and created_at <= ? and pickup_at is null"
        f" and +state in ({states}) order by created_at limit 200",
        [
            clock.iso(now - NOW_RIDES_LOOK_BACK),
            clock.iso(now - datetime.timedelta(minutes=now_minutes)),
            *WAITING_FOR_A_DRIVER,
        ],
    ).fetchall()
    raised = 0
    for (booking_id,) in [*booked, *for_now]:
        with writing(db):
            booking = bookings.get_booking(db, booking_id)
            if booking["state"] not in WAITING_FOR_A_DRIVER:
                continue  # a driver took it meanwhile
            if not marks.claim(db, mark(booking_id), booking["state"]):
                continue
            raised += 1
            if booking["senior_id"] is None:
                continue
            senior = get_senior(db, booking["senior_id"])
            language = senior["language"]
            body = wording.catalog(language)["car"]["no_driver_family"].format(
                **wording.fields_of(booking, senior, language)
            )
            for contact in notified_contacts(db, senior["id"]):
                outbox.enqueue(
                    db,
                    "text",
                    {"to": contact["phone"], "body": body, "state": "no_driver"},
                    booking_id=booking_id,
                    ordering_key=f"ride-texts:{contact['phone']}",
                )
    return raised
