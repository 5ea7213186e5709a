"""A senior's rides as the family follows them: the ones still to come, and the history."""

from typing import Any

from sqlite_utils import Database

from elderride.services import bookings, lifecycle, paging

CLOSED_STATES = tuple(sorted(set(lifecycle.STATES) - lifecycle.OPEN_STATES))


def when(ride: dict[str, Any]) -> str:
    """Return when a ride picks up: its booked time, or when it was asked for ("now")."""
    return str(ride["pickup_at"] or ride["created_at"])


def upcoming(db: Database, senior_id: int, *, limit: int = 10) -> list[dict[str, Any]]:
    """Return the senior's open rides, the soonest pickup first."""
    rides = bookings.list_bookings(
        db, senior_id=senior_id, states=sorted(lifecycle.OPEN_STATES), limit=limit
    )
    return sorted(rides, key=when)


def history(
    db: Database, senior_id: int, *, size: int = 10, before: int | None = None
) -> paging.Page:
    """Return one page of the senior's finished and cancelled rides, newest first."""
    return bookings.page_bookings(
        db, senior_id=senior_id, states=CLOSED_STATES, size=size, before=before
    )
