"""A senior's rides as the family follows them: the ones still to come, and the history."""

import datetime
from typing import Any

from sqlite_utils import Database

from elderride.services import bookings, clock, lifecycle, paging

CLOSED_STATES = tuple(sorted(set(lifecycle.STATES) - lifecycle.OPEN_STATES))
# A ride booked for further ahead than this is "booked", not yet "finding a car".
SOON = datetime.timedelta(minutes=30)


def upcoming(
    db: Database, senior_id: int, *, limit: int = 10, now: datetime.datetime | None = None
) -> list[dict[str, Any]]:
    """Return the senior's open rides, the soonest pickup first, each marked `later` when its
    pickup is more than half an hour away."""
    soon = clock.iso((now or clock.now()) + SOON)
    return [
        dict(ride, later=ride["pickup_at"] is not None and ride["pickup_at"] > soon)
        for ride in bookings.open_bookings(db, senior_id)[:limit]
    ]


def history(
    db: Database, senior_id: int, *, size: int = 10, before: int | None = None
) -> paging.Page:
    """Return one page of the senior's finished and cancelled rides, newest first."""
    return bookings.page_bookings(
        db, senior_id=senior_id, states=CLOSED_STATES, size=size, before=before
    )
