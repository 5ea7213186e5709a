"""Looking things up for a page: what is missing, or someone else's, is a 404."""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort

from elderride.services import bookings
from elderride.services.errors import NotFound
from elderride.services.records import Booking
from elderride.web.database import get_db

T = TypeVar("T")


def found_or_404(lookup: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a service lookup, turning NotFound into a 404."""
    try:
        return lookup(*args, **kwargs)
    except NotFound:
        abort(404)


def booking_or_404(booking_id: int, *, senior_id: int | None = None) -> Booking:
    """Return the booking, or 404; with `senior_id`, also when it is another senior's (their rides
    do not exist here)."""
    try:
        booking = bookings.get_booking(get_db(), booking_id)
    except NotFound:
        # The API's error handler shows a 404's description to the dispatch system.
        abort(404, description="There is no such booking.")
    if senior_id is not None and booking["senior_id"] != senior_id:
        abort(404)
    return booking
