"""Trips back "when you call": a ride that waits, unknown to dispatch, until the senior calls for
it with one key or one tap."""

import datetime
import zoneinfo

from sqlite_utils import Database

from elderride.services import bookings, clock, lifecycle, review, trust
from elderride.services.errors import N_, NotFound, TransitionRefused, ValidationError
from elderride.services.people import places, seniors
from elderride.services.records import Booking, BookingRequest, Stop, Trip
from elderride.store import writing

# States of the ride out after which the senior may be ready to come back.
AWAY_STATES = frozenset({"picked_up", "completed"})


def can_return(db: Database, ride: Booking) -> bool:
    """Tell whether a ride may have a trip back "when you call": a senior's ride out from one of
    their places to somewhere other than home, today or later, not cancelled, with no trip back
    yet."""
    if ride["senior_id"] is None:
        return False
    home = places.home_place(db, ride["senior_id"])
    return (
        not before_today(db, ride)
        and ride["return_of"] is None
        and ride["state"] not in ("cancelled", "awaiting_call")
        and ride["destination_address"] is not None
        and not review.is_placeholder(ride["destination_address"])
        and ride["pickup_place_id"] is not None
        and (home is None or ride["destination_place_id"] != home["id"])
        and not bookings.has_trip_back(db, ride["id"])
    )


def before_today(db: Database, ride: Booking, now: datetime.datetime | None = None) -> bool:
    """Tell whether a ride out was on a day before its senior's today: its trip back is no longer
    offered, and one still waiting for the call ends."""
    assert ride["senior_id"] is not None
    zone = zoneinfo.ZoneInfo(seniors.get_senior(db, ride["senior_id"])["timezone"] or "UTC")
    day = clock.parse(ride["pickup_at"] or ride["created_at"]).astimezone(zone).date()
    return day < (now or clock.now()).astimezone(zone).date()


def book_on_call(
    db: Database, outward_id: int, *, senior_id: int, channel: str, created_by: str
) -> Booking:
    """Book the trip back from a ride's destination to where it started, waiting for the senior's
    call; a repeat returns the first one."""
    with writing(db):
        outward = bookings.get_booking(db, outward_id)
        if outward["senior_id"] != senior_id:
            raise NotFound(N_("There is no such ride."))
        if (
            outward["state"] == "cancelled"
            or outward["return_of"] is not None
            or before_today(db, outward)
        ):
            raise ValidationError(
                "return", N_("This ride cannot have a trip back. Please book a new ride.")
            )
        # Nowhere said, or only a recording nobody has heard yet: no car can be sent from there.
        if outward["destination_address"] is None or review.is_placeholder(
            outward["destination_address"]
        ):
            raise ValidationError(
                "return", N_("We do not know where this ride goes, so we cannot bring you back.")
            )
        pickup: Stop = (
            {"place_id": outward["destination_place_id"]}
            if outward["destination_place_id"] is not None
            else {"address": outward["destination_address"]}
        )
        # The trip back goes home (the place the family marked), else where the ride started.
        home = places.home_place(db, senior_id)
        destination: Stop = (
            {"place_id": home["id"]}
            if home is not None
            else {"place_id": outward["pickup_place_id"]}
            if outward["pickup_place_id"] is not None
            else {"address": outward["pickup_address"]}
        )
        # A double tap books one trip back; after one was cancelled, the next is a new booking.
        cancelled = len(bookings.return_ride_ids(db, outward_id)) - bookings.has_trip_back(
            db, outward_id
        )
        key = f"return-call:{outward_id}" + (f":{cancelled}" if cancelled else "")

        def book(trip: Trip) -> Booking:
            request = BookingRequest(
                idempotency_key=key,
                channel=channel,
                created_by=created_by,
                senior_id=senior_id,
                awaiting_call=True,
                return_of=outward_id,
                trip=trip,
            )
            return bookings.create_booking(db, request)[0]

        try:
            return book(Trip(pickup=pickup, destination=destination))
        except ValidationError as error:
            # A place deleted since: the stored address still says where the car goes.
            if error.field not in ("pickup", "destination"):
                raise
            return book(
                Trip(
                    pickup={"address": outward["destination_address"]},
                    destination={"address": outward["pickup_address"]},
                )
            )


def ready_return(db: Database, senior_id: int) -> Booking | None:
    """Return the senior's trip back that waits for their call and can go now (the ride out has
    taken them there, or its time has come), or None."""
    rows = db.execute(
        "select id from bookings where senior_id = ? and state = 'awaiting_call' "
        "order by created_at desc limit 5",
        [senior_id],
    ).fetchall()
    now = clock.iso()
    for (booking_id,) in rows:
        booking = bookings.get_booking(db, booking_id)
        if booking["return_of"] is None:
            return booking
        outward = bookings.get_booking(db, booking["return_of"])
        # A ride out that ended without taking them (cancelled, no car) strands nobody: they may
        # have got there another way, so the trip back is theirs to send or cancel.
        if outward["state"] in AWAY_STATES or outward["state"] not in lifecycle.OPEN_STATES:
            return booking
        if (
            outward["state"] in lifecycle.OPEN_STATES
            and outward["pickup_at"] is not None
            and outward["pickup_at"] <= now
        ):
            return booking
    return None


def call_for(db: Database, booking_id: int, *, actor: str) -> Booking:
    """The senior is ready: the waiting trip back goes to dispatch now (family told as for any
    booking); a repeat changes nothing."""
    with writing(db):
        booking = bookings.get_booking(db, booking_id)
        if booking["state"] != "awaiting_call":
            return booking
        # Called for, it is a ride for now: the same check as any other before dispatch hears.
        reason = trust.hold_reason(
            db, booking["senior_id"], channel=booking["channel"], pickup_at=None
        )
        if reason is not None:
            return bookings.transition(
                db, booking_id, "needs_review", actor=actor, review_reason=reason
            )
        try:
            return bookings.transition(db, booking_id, "requested", actor=actor)
        except TransitionRefused:
            # Where it starts is still a recording: a dispatcher checks it, then sends the car.
            return bookings.transition(db, booking_id, "needs_review", actor=actor)
