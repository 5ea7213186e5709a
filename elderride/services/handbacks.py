"""A ride whose car fell through again and again: after LIMIT hand-backs it is a dispatcher's to
arrange, and the centers' reports on it are refused (docs/overflow.md)."""

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from elderride.services import assignments, lifecycle
from elderride.services.errors import N_, TransitionRefused, ValidationError
from elderride.services.records import Booking

# Two: one failed try per center. The first hand-back is what the overflow design is for (a car
# broke down, or no car was found; the other center gets its chance); after the second, the senior
# has had up to four calls and a person, not a third try, should arrange the ride. The refusal
# below says "twice".
LIMIT = 2
HANDED_BACK = N_(
    "This ride was handed back twice, so a dispatcher is arranging it now. Please do not send a "
    "car unless a dispatcher asks you to."
)
DISPATCHERS_CAR = N_(
    "A dispatcher gave this ride its car, and that car is still coming. If it is not, please "
    "tell the dispatcher: only they can say so."
)


def count(db: Database, booking_id: int) -> int:
    """Return how often a center handed the ride back (its "no car", whether it had assigned one
    or only had the ride) since a dispatcher last sent it to dispatch again."""
    # A "no car" without a car before it is a hand-back too: the center had the ride and gave it
    # back. Were only a "no car" after an assignment counted, a center saying "forwarded" and "no
    # car" in turn would never be stopped, and each "no car" past the window would phone again.
    row = db.execute(
        "select count(*) from booking_events where booking_id = :id and to_state = 'no_car'"
        " and actor not like :staff and id > coalesce("
        "(select max(id) from booking_events where booking_id = :id and to_state = 'forwarded'"
        " and actor like :staff), 0)",
        {"id": booking_id, "staff": f"{lifecycle.STAFF_ACTOR}%"},
    ).fetchone()
    return int(row[0])


def exhausted(db: Database, booking_id: int) -> bool:
    """Tell whether the ride was handed back LIMIT times: a dispatcher arranges it now."""
    return count(db, booking_id) >= LIMIT


def waiting_on_a_dispatcher(db: Database, booking_id: int, state: str) -> bool:
    """Tell whether a ride in `state` waits for a car a dispatcher must find: handed back LIMIT
    times, whatever brought it back to dispatch since (a cancel taken back)."""
    return state in lifecycle.WAITING_FOR_A_DRIVER and exhausted(db, booking_id)


def check(db: Database, booking_id: int, actor: str, kind: str) -> None:
    """Refuse a center's report on a ride still waiting for a car after LIMIT hand-backs, and its
    "no car" on the car a dispatcher found then (that car is still coming); a dispatcher at the
    console may always act."""
    if actor.startswith(lifecycle.STAFF_ACTOR):
        return
    row = db.execute("select state from bookings where id = ?", [booking_id]).fetchone()
    if row is None:
        return
    if waiting_on_a_dispatcher(db, booking_id, row[0]) or (
        kind == "no_car" and exhausted(db, booking_id)
    ):
        raise TransitionRefused(HANDED_BACK)


def check_car(db: Database, booking_id: int, actor: str, kind: str) -> None:
    """Refuse a center's "no car" on a car a dispatcher found, before the limit as after it: that
    car is still coming, whatever the center did not find."""
    if kind != "no_car" or actor.startswith(lifecycle.STAFF_ACTOR):
        return
    row = db.execute("select state from bookings where id = ?", [booking_id]).fetchone()
    if row is not None and row[0] == "assigned" and _dispatchers_car(db, booking_id):
        # A center's "no car" sent as a dispatcher found one (its worker read the ride before)
        # would clear that car and phone the senior that none is coming.
        raise TransitionRefused(DISPATCHERS_CAR)


def _dispatchers_car(db: Database, booking_id: int) -> bool:
    """Tell whether the ride's car was last assigned by a dispatcher at the console."""
    row = db.execute(
        "select actor from booking_events where booking_id = ? and to_state = 'assigned'"
        " order by id desc limit 1",
        [booking_id],
    ).fetchone()
    return row is not None and str(row[0]).startswith(lifecycle.STAFF_ACTOR)


def says_what_is_so(booking: Booking, kind: str, details: Mapping[str, Any]) -> bool:
    """Tell whether a center's report only says what the ride already is, answered as it is with
    no event and nothing told: "forwarded" on a ride forwarded to it, or "assigned" naming the
    car the ride has (another worker of the center reported it a moment before)."""
    if kind != booking["state"] or kind not in ("forwarded", "assigned"):
        return False
    if kind == "forwarded":
        return True
    try:
        named = assignments.validate(details)
    except ValidationError:
        return False  # refused as a report, with what to fix
    # The car the senior looks for, not its time: a new time is an "eta" report, told as one.
    car = (booking["driver_name"], booking["car_make"], booking["car_colour"], booking["plate"])
    return car == tuple(named[name] for name in ("driver_name", "car_make", "car_colour", "plate"))
