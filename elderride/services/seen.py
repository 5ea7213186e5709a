"""What a dispatcher saw of a ride when they chose a move: a move chosen on a ride that has since
changed its state or its car is refused, so it is not applied to a ride they did not see."""

import hashlib
import json

from sqlite_utils import Database

from elderride.services import bookings
from elderride.services.errors import N_, TransitionRefused
from elderride.services.records import Booking

CHANGED = N_(
    "This ride changed while you were looking: its car or its state is not what you saw. Look at "
    "it again below before you act."
)


def stamp(booking: Booking) -> str:
    """Return a short stamp of what a page shows of a ride that a move depends on: its state and
    its car (an edited address or a new ETA does not change what "no car" or "cancel" means)."""
    shown = [booking["state"], *(booking[name] for name in ("driver_name", "plate", "car_make"))]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:16]


def check(db: Database, booking_id: int, stamped: object) -> None:
    """Refuse a move chosen on the ride as `stamped`, when it is no longer so (None: a form that
    carries no stamp); call in the write transaction that makes the move (a center may change the
    ride until then)."""
    if stamped is not None and stamp(bookings.get_booking(db, booking_id)) != stamped:
        raise TransitionRefused(CHANGED)
