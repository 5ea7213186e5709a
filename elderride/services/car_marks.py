"""The marks that say which of the car's news the senior already heard: near, late, at the door."""

from sqlite_utils import Database

from elderride.services.records import Booking
from elderride.services.scheduled import marks


def heads_up_mark(booking_id: int) -> str:
    """The mark that says the senior was told the car is near."""
    return f"heads_up:{booking_id}"


def late_mark(booking_id: int) -> str:
    """The mark that says the senior and family were told the car is late."""
    return f"late:{booking_id}"


def arrived_mark(booking_id: int) -> str:
    """The mark that says the senior was told the car is at the door."""
    return f"arrived:{booking_id}"


def arriving_call_due(db: Database, booking: Booking) -> bool:
    """Tell whether the "arriving" call is still to be placed: not when the senior already heard
    the car is near (the heads-up, or the arrival call); call in the change's transaction."""
    return marks.claim(db, heads_up_mark(booking["id"]), "arriving")
