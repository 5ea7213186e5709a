"""Rides that must arrive on time: an appointment said, or a place the family marked medical."""

import datetime
from collections.abc import Mapping
from typing import Any

from elderride.services import clock
from elderride.services.records import Booking, Place

# How long a scheduler may take to fetch the senior: after the time asked, or, for a ride that
# must arrive on time, before it.
PICKUP_WINDOW_MINUTES = 30
# The priorities a ride may carry; None is an ordinary ride.
MEDICAL = "medical"
APPOINTMENT = "appointment"


def of_trip(
    *,
    appointment_at: str | None,
    pickup_at: str | None,
    destination: Place | None,
    now: datetime.datetime,
) -> tuple[str | None, str | None]:
    """Return a ride's priority and the latest it may be dropped off (UTC ISO), or (None, None).

    An appointment is its own deadline; a ride to a medical place without one must arrive within
    the family's travel allowance of when the car comes.
    """
    medical = destination is not None and bool(destination["medical"])
    if appointment_at is not None:
        return (MEDICAL if medical else APPOINTMENT), appointment_at
    if medical:
        assert destination is not None
        start = clock.parse(pickup_at) if pickup_at else now
        return MEDICAL, clock.iso(start + datetime.timedelta(minutes=destination["travel_minutes"]))
    return None, None


def queue_term(ride: Mapping[str, Any]) -> int:
    """Return a ride's place in the queue's order before any other term: rides that must arrive
    on time first."""
    return 0 if ride["priority"] else 1


def pickup_window(booking: Booking) -> dict[str, str]:
    """Return the earliest and latest the car may come (UTC ISO): from the time asked (or booked,
    for now) for half an hour, or the half hour before it for a ride that must arrive on time."""
    asked = clock.parse(booking["pickup_at"] or booking["created_at"])
    window = datetime.timedelta(minutes=PICKUP_WINDOW_MINUTES)
    if booking["pickup_at"] and booking.get("dropoff_by"):
        return {"earliest": clock.iso(asked - window), "latest": clock.iso(asked)}
    return {"earliest": clock.iso(asked), "latest": clock.iso(asked + window)}
