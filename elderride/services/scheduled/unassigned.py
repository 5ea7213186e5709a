"""Rides nobody has taken as their pickup nears: raised to the top of the console (a ride that must
arrive on time earlier), offered to the overflow center where there is one, and the family told once
what is being done."""

import datetime
from dataclasses import dataclass

from sqlite_utils import Database

from elderride.services import bookings, clock, overflow, wording
from elderride.services.lifecycle import WAITING_FOR_A_DRIVER
from elderride.services.outgoing import outbox
from elderride.services.people.contacts import notified_contacts, text_language
from elderride.services.people.seniors import get_senior
from elderride.services.records import Booking
from elderride.services.scheduled import marks
from elderride.store import writing

# A ride for "now" waiting longer than this is dispatch's forgotten one, not one to raise.
NOW_RIDES_LOOK_BACK = datetime.timedelta(hours=6)


def mark(booking_id: int) -> str:
    """The mark that says a ride was raised for having no driver."""
    return f"unassigned:{booking_id}"


@dataclass(frozen=True)
class Deadlines:
    """When a ride with no driver is raised: minutes before a booked pickup, minutes after a ride
    for now was asked for; a ride that must arrive on time (medical, an appointment) earlier."""

    booked: float = 30.0
    now: float = 15.0
    medical_booked: float = 60.0
    medical_now: float = 5.0

    def before_pickup(self, booking: Booking) -> datetime.timedelta:
        """Return how long before its pickup a booked ride is raised."""
        minutes = self.medical_booked if booking["priority"] else self.booked
        return datetime.timedelta(minutes=minutes)

    def after_asking(self, booking: Booking) -> datetime.timedelta:
        """Return how long after it was asked for a ride for now is raised."""
        minutes = self.medical_now if booking["priority"] else self.now
        return datetime.timedelta(minutes=minutes)


def is_due(booking: Booking, deadlines: Deadlines, now: datetime.datetime) -> bool:
    """Tell whether a ride with no driver has reached its deadline at `now`."""
    if booking["pickup_at"] is not None:
        return clock.parse(booking["pickup_at"]) <= now + deadlines.before_pickup(booking)
    return clock.parse(booking["created_at"]) <= now - deadlines.after_asking(booking)


def escalate_due(
    db: Database, deadlines: Deadlines, *, now: datetime.datetime, offer_overflow: bool = False
) -> int:
    """Raise every ride still without a driver at its deadline (Deadlines), once each, and offer it
    to the overflow center when there is one; return how many were raised."""
    states = ", ".join("?" for _ in WAITING_FOR_A_DRIVER)
    # Two index ranges: booked rides by their pickup time (m090), rides for now by when they were
    # asked for; the unary + keeps SQLite on those ranges, not the history of states. Each range
    # reaches the earliest deadline; is_due then keeps each ride's own.
    reach = max(deadlines.booked, deadlines.medical_booked)
    booked = db.execute(
        "select id from bookings where pickup_at > ? and pickup_at <= ?"
        f" and +state in ({states}) order by pickup_at limit 200",
        [
            clock.iso(now - NOW_RIDES_LOOK_BACK),
            clock.iso(now + datetime.timedelta(minutes=reach)),
            *WAITING_FOR_A_DRIVER,
        ],
    ).fetchall()
    for_now = db.execute(
        "select id from bookings where created_at > ? and created_at <= ? and pickup_at is null"
        f" and +state in ({states}) order by created_at limit 200",
        [
            clock.iso(now - NOW_RIDES_LOOK_BACK),
            clock.iso(now - datetime.timedelta(minutes=min(deadlines.now, deadlines.medical_now))),
            *WAITING_FOR_A_DRIVER,
        ],
    ).fetchall()
    raised = 0
    for (booking_id,) in [*booked, *for_now]:
        with writing(db):
            booking = bookings.get_booking(db, booking_id)
            if booking["state"] not in WAITING_FOR_A_DRIVER:
                continue  # a driver took it meanwhile
            if not is_due(booking, deadlines, now):
                continue  # an ordinary ride within the earlier deadline of one that must be on time
            if not marks.claim(db, mark(booking_id), booking["state"]):
                continue
            raised += 1
            offered = offer_overflow and overflow.offer(db, booking)
            if booking["senior_id"] is None:
                continue
            senior = get_senior(db, booking["senior_id"])
            words = "no_driver_overflow_family" if offered else "no_driver_family"
            for contact in notified_contacts(db, senior["id"]):
                language = text_language(contact, senior)
                body = wording.catalog(language)["car"][words].format(
                    **wording.fields_of(booking, senior, language)
                )
                outbox.enqueue(
                    db,
                    "text",
                    {"to": contact["phone"], "body": body, "state": "no_driver"},
                    booking_id=booking_id,
                    ordering_key=f"ride-texts:{contact['phone']}",
                )
    return raised
