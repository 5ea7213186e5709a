"""Bookings: created once per request, moved through the life cycle, every step logged and
announced."""

import dataclasses
import datetime
import json
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple, cast

from sqlite_utils import Database

from elderride.services import (
    announce,
    assignments,
    booking_document,
    booking_log,
    clock,
    drivers,
    fields,
    lifecycle,
    overflow,
    paging,
    priority,
    review,
    trust,
)
from elderride.services.booking_document import return_ride_id as return_ride_id
from elderride.services.errors import N_, NotFound, TransitionRefused, ValidationError
from elderride.services.outgoing import outbox
from elderride.services.people import place_fields
from elderride.services.people.places import DEFAULT_TRAVEL_MINUTES, get_place, home_place
from elderride.services.people.seniors import get_senior
from elderride.services.records import Booking, BookingRequest, Place, Senior, Stop
from elderride.store import inserted_id, writing
from elderride.store.database import loads

CHANNELS = ("web", "phone", "family", "dispatcher")
# How far ahead a ride may be booked.
MAX_DAYS_AHEAD = 30
STAFF_ACTOR = lifecycle.STAFF_ACTOR
# How many rides a senior may have open at once (DESIGN.md: "a small cap").
MAX_OPEN_RIDES = 3
# A cancel is taken back ("undo") within this long, by whoever made it: a mistaken tap is noticed
# at once, and a ride cancelled long ago (or by someone else) is booked anew instead.
REOPEN_WINDOW = datetime.timedelta(minutes=10)
# Escorts or carers riding along: a car has room for the senior and a few more.
MAX_COMPANIONS = 3
FULL = N_("There are already %(limit)s rides on the way or waiting. Please cancel one first.")


def _row(row: Mapping[str, Any]) -> Booking:
    """Return a booking row with its JSON columns decoded."""
    booking = dict(row)
    booking["needs"] = loads(booking["needs"], [])
    return cast(Booking, booking)


def get_booking(db: Database, booking_id: int) -> Booking:
    """Return the booking with this id, or raise NotFound."""
    rows = list(db.table("bookings").rows_where("id = ?", [booking_id]))
    if not rows:
        raise NotFound(N_("There is no such ride."))
    return _row(rows[0])


def list_bookings(
    db: Database,
    *,
    senior_id: int | None = None,
    states: Collection[str] | None = None,
    limit: int = 100,
) -> list[Booking]:
    """Return bookings, newest first, optionally for one senior and in some states."""
    return cast(
        list[Booking], page_bookings(db, senior_id=senior_id, states=states, size=limit).rows
    )


def page_bookings(
    db: Database,
    *,
    senior_id: int | None = None,
    states: Collection[str] | None = None,
    size: int = 100,
    before: int | None = None,
) -> paging.Page:
    """Return one page of bookings, newest first, older than the cursor `before`.

    Each state is its own index range, merged here: the cost is the page, not the history.
    """
    where: list[str] = []
    params: list[Any] = []
    if senior_id is not None:
        where.append("senior_id = ?")
        params.append(senior_id)
    if states:
        lists = [
            paging.newest_first(
                db,
                "bookings",
                [*where, "state = ?"],
                [*params, state],
                order="created_at",
                limit=size + 1,
                before=before,
            )
            for state in sorted(set(states))
        ]
        rows = paging.merged(lists, "created_at", size + 1)
    else:
        rows = paging.newest_first(
            db, "bookings", where, params, order="created_at", limit=size + 1, before=before
        )
    page = paging.page_of(rows, size)
    page.rows = [cast(dict[str, Any], _row(row)) for row in page.rows]
    return page


def oldest_in_state(db: Database, state: str, limit: int) -> list[Booking]:
    """Return up to `limit` bookings in `state`, the longest there first (one index range)."""
    rows = db.table("bookings").rows_where(
        "state = ?", [state], order_by="created_at, id", limit=limit
    )
    return [_row(row) for row in rows]


def open_booking(db: Database, senior_id: int) -> Booking | None:
    """Return the senior's most recent open booking, or None; a trip back still waiting for their
    call only when there is no other."""
    for states in (lifecycle.OPEN_STATES - lifecycle.UNDISPATCHED_STATES, lifecycle.OPEN_STATES):
        found = list_bookings(db, senior_id=senior_id, states=sorted(states), limit=1)
        if found:
            return found[0]
    return None


def return_ride_ids(db: Database, booking_id: int) -> list[int]:
    """Return the ids of the trips back booked for this ride."""
    rows = db.execute("select id from bookings where return_of = ? order by id", [booking_id])
    return [int(row[0]) for row in rows.fetchall()]


def has_trip_back(db: Database, booking_id: int) -> bool:
    """Tell whether this ride has a trip back that was not cancelled (one cancelled may be booked
    again)."""
    found = db.execute(
        "select 1 from bookings where return_of = ? and state != 'cancelled' limit 1", [booking_id]
    ).fetchone()
    return found is not None


def soonest_first(booking: Booking) -> tuple[bool, str, str]:
    """Sort key of open rides: a ride for now (no pickup time) by when it was booked, then by
    pickup time; a trip back waiting for the senior's call last, as it comes only then."""
    return (
        booking["state"] in lifecycle.UNDISPATCHED_STATES,
        booking["pickup_at"] or booking["created_at"],
        booking["created_at"],
    )


def open_bookings(db: Database, senior_id: int) -> list[Booking]:
    """Return all of the senior's open rides, soonest first (a few: the cap keeps them few)."""
    # Rides a dispatcher reviews are outside the cap, so read a few more than it allows.
    found = list_bookings(
        db, senior_id=senior_id, states=sorted(lifecycle.OPEN_STATES), limit=MAX_OPEN_RIDES * 4
    )
    return sorted(found, key=soonest_first)


def pickup_for_appointment(
    db: Database,
    senior_id: int | None,
    destination: Stop | None,
    appointment: datetime.datetime | str,
) -> datetime.datetime:
    """Return when the car should come to be at `destination` by `appointment`: the family's
    travel allowance for that place earlier (30 minutes for any other place)."""
    moment = _aware(appointment, "appointment_at")
    minutes = DEFAULT_TRAVEL_MINUTES
    if destination and destination.get("place_id") is not None and senior_id is not None:
        try:
            place = get_place(db, senior_id, fields.row_id("destination", destination["place_id"]))
        except (NotFound, ValidationError):
            raise ValidationError("destination", N_("There is no such place.")) from None
        minutes = place["travel_minutes"]
    return moment - datetime.timedelta(minutes=minutes)


def minutes_away(
    db: Database, booking: Booking, now: datetime.datetime | None = None
) -> int | None:
    """Return how many minutes until the assigned car arrives, counted from when the ETA was
    given."""
    if booking["eta_minutes"] is None or booking["state"] not in ("assigned", "arriving"):
        return None
    latest = db.execute(
        "select at, details from booking_events where booking_id = ? and to_state = ? order by id "
        "desc limit 1",
        [booking["id"], booking["state"]],
    ).fetchone()
    if latest is None:
        return booking["eta_minutes"]
    at, details = latest
    if booking["state"] == "arriving" and "eta_minutes" not in loads(details, {}):
        return 0
    elapsed = ((now or clock.now()) - clock.parse(at)).total_seconds() / 60
    return max(0, round(booking["eta_minutes"] - elapsed))


def events_of(db: Database, booking_id: int) -> list[dict[str, Any]]:
    """Return a booking's event log, oldest first."""
    rows = db.table("booking_events").rows_where("booking_id = ?", [booking_id], order_by="id")
    return [dict(row, details=loads(row["details"], {})) for row in rows]


class ResolvedStop(NamedTuple):
    """A stop as the bookings row keeps it: the place it was, its label and its address."""

    place_id: int | None
    label: str | None
    address: str | None
    # WGS 84, copied from the place as its label and address are.
    latitude: float | None = None
    longitude: float | None = None


@dataclasses.dataclass(frozen=True)
class _ResolvedTrip:
    """A trip checked and looked up: both stops, the pickup time and the needs, ready to store."""

    pickup: ResolvedStop
    destination: ResolvedStop
    pickup_at: str | None
    appointment_at: str | None
    # The declared place fields a ride carries (services/people/place_fields.py), copied from its
    # preset stops: the family's notes for the driver at the pickup ("side door, ring twice").
    from_places: dict[str, object]
    needs: list[str]
    # Must it arrive on time, and by when (services/priority.py).
    priority: str | None = None
    dropoff_by: str | None = None


def _stop(
    db: Database, senior_id: int | None, stop: Stop | None, field: str, *, optional: bool = False
) -> ResolvedStop:
    """Resolve a pickup or destination to (place_id, label, address).

    A stop is {"place_id": id} for one of the senior's places, {"address": text}
    for a typed address, or None, which for a destination means "tell the driver".
    """
    if stop is None or stop == {}:
        if optional:
            return ResolvedStop(None, None, None)
        raise ValidationError(field, N_("Please choose where the car should come."))
    if stop.get("place_id") is not None:
        if senior_id is None:
            raise ValidationError(field, N_("There is no such place."))
        try:
            place = get_place(db, senior_id, fields.row_id(field, stop["place_id"]))
        except (NotFound, ValidationError):
            raise ValidationError(field, N_("There is no such place.")) from None
        return ResolvedStop(
            place["id"], place["label"], place["address"], place["latitude"], place["longitude"]
        )
    address = fields.text(field, stop.get("address"), max_length=200)
    if "latitude" in stop or "longitude" in stop:
        # A point from the senior's device: checked as one a family pastes.
        point = fields.coordinates(field, f"{stop.get('latitude')}, {stop.get('longitude')}")
        label = fields.text(field, stop.get("label"), max_length=60, required=False) or None
        if point is not None:
            return ResolvedStop(None, label, address, *point)
    return ResolvedStop(None, None, address)


def _aware(value: object, field: str) -> datetime.datetime:
    """Return `value` (a datetime or ISO text) as an aware datetime, or raise naming `field`."""
    if isinstance(value, str):
        try:
            value = clock.parse(value)
        except ValueError:
            raise ValidationError(field, N_("This is not a time.")) from None
    if not isinstance(value, datetime.datetime):
        raise ValidationError(field, N_("This is not a time."))
    if value.tzinfo is None:
        raise ValidationError(field, N_("This time has no time zone."))
    return value


def _pickup_at(value: datetime.datetime | str | None, now: datetime.datetime) -> str | None:
    """Return a pickup time as UTC ISO text (None for now), refusing the past and the far future."""
    if value is None:
        return None
    moment = _aware(value, "pickup_at")
    # A few minutes' grace: a form filled in slowly still means "at that time".
    if moment < now - datetime.timedelta(minutes=5):
        raise ValidationError("pickup_at", N_("This time has already passed."))
    if moment > now + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(
            "pickup_at", N_("Rides can be booked up to %(days)s days ahead."), days=MAX_DAYS_AHEAD
        )
    return clock.iso(moment)


def create_booking(db: Database, request: BookingRequest) -> tuple[Booking, bool]:
    """Create a booking and queue its notices; the same idempotency key returns the first booking.

    With an appointment time (be there by then), the pickup time is that less the destination's
    travel allowance. Returns (booking, created), created being False when the key was seen
    before.
    """
    key = _validate(request)
    now = clock.now()
    with writing(db):
        existing = _replayed(db, request, key)
        if existing is not None:
            return existing, False
        senior = get_senior(db, request.senior_id) if request.senior_id is not None else None
        _check_room(db, request, senior)
        trip = _resolve_trip(db, request, senior, now)
        reason = (
            None
            if request.awaiting_call
            else request.hold_reason
            or trust.hold_reason(
                db, request.senior_id, channel=request.channel, pickup_at=trip.pickup_at, now=now
            )
        )
        state = "needs_review" if request.needs_review or reason else "requested"
        if request.awaiting_call:
            state = "awaiting_call"
        booking = _insert(db, request, key, trip, state, clock.iso(now), reason)
        booking_log.record(
            db,
            booking,
            None,
            state,
            actor=request.created_by,
            event="created",
            details={"review_reason": reason} if reason else {},
        )
        announce.change(db, booking, senior, state, event="created", actor=request.created_by)
    return booking, True


def _validate(request: BookingRequest) -> str:
    """Check what needs no database: return the tidied idempotency key, or raise."""
    key = fields.text("idempotency_key", request.idempotency_key, max_length=200)
    if request.channel not in CHANNELS:
        raise ValidationError("channel", N_("Unknown channel."))
    companions(request.companions)
    return key


def companions(value: object) -> int:
    """Return how many people ride along with the senior, a whole number from 0 to 3, or raise."""
    number = fields.whole_number(value, max_digits=2)
    if number is None or not 0 <= number <= MAX_COMPANIONS:
        raise ValidationError(
            "companions",
            N_("Please choose how many people ride along: 0 to %(limit)s."),
            limit=MAX_COMPANIONS,
        )
    return number


def _replayed(db: Database, request: BookingRequest, key: str) -> Booking | None:
    """Return the booking this key already made for the same person, None if it is new, or raise
    if the key made another person's."""
    existing = list(db.table("bookings").rows_where("idempotency_key = ?", [key]))
    if not existing:
        return None
    booking = _row(existing[0])
    if booking["senior_id"] != request.senior_id or (
        request.senior_id is None and booking["caller_phone"] != request.caller_phone
    ):
        raise ValidationError(
            "idempotency_key", N_("This request was already used for another ride.")
        )
    return booking


def has_room(open_rides: Collection[Booking]) -> bool:
    """Tell whether a senior with these open rides may book one more (the cap, MAX_OPEN_RIDES)."""
    return len(open_rides) < MAX_OPEN_RIDES


def _check_room(db: Database, request: BookingRequest, senior: Senior | None) -> None:
    """Refuse a ride for nobody, and one past the senior's cap of open rides."""
    if senior is None and not request.caller_phone:
        raise ValidationError("senior", N_("A ride needs a senior or a caller's number."))
    # Each open ride texts the family and calls the senior: a few at a time is all a person
    # needs.
    # A ride a dispatcher must review first sends nothing until then, so the phone line may
    # always leave one.
    if (
        senior is not None
        and not request.needs_review
        and not request.hold_reason
        and not has_room(
            list_bookings(db, senior_id=request.senior_id, states=sorted(lifecycle.OPEN_STATES))
        )
    ):
        raise ValidationError("senior", FULL, limit=MAX_OPEN_RIDES)


def _resolve_trip(
    db: Database, request: BookingRequest, senior: Senior | None, now: datetime.datetime
) -> _ResolvedTrip:
    """Look up the trip's places, check its stops differ and its time is bookable, and settle the
    needs."""
    pickup_stop = request.trip.pickup
    if pickup_stop is None and senior is not None:
        # Rides start at the senior's home unless they say otherwise.
        home = home_place(db, senior["id"])
        pickup_stop = {"place_id": home["id"]} if home else None
    pickup = _stop(db, request.senior_id, pickup_stop, "pickup")
    destination = _stop(
        db, request.senior_id, request.trip.destination, "destination", optional=True
    )
    # A pickup that resolved always has an address: the column is NOT NULL.
    assert pickup.address is not None
    if destination.address is not None and (
        (pickup.place_id is not None and pickup.place_id == destination.place_id)
        or destination.address.casefold() == pickup.address.casefold()
    ):
        raise ValidationError(
            "destination",
            N_("The car would take you where you already are. Please choose another place."),
        )
    pickup_at = request.trip.pickup_at
    appointment = None
    if request.trip.appointment_at is not None:
        appointment = _pickup_at(request.trip.appointment_at, now)
        assert appointment is not None
        pickup_at = pickup_for_appointment(
            db, request.senior_id, request.trip.destination, appointment
        )
        if pickup_at < now:
            raise ValidationError(
                "appointment_at",
                N_("There is not enough time to get there by then. Please choose a later time."),
            )
    when = _pickup_at(pickup_at, now)
    needs = request.needs
    if needs is None:
        needs = senior["needs"] if senior else []
    destination_place = (
        get_place(db, senior["id"], destination.place_id)
        if destination.place_id is not None and senior is not None
        else None
    )
    urgency, dropoff_by = priority.of_trip(
        appointment_at=appointment, pickup_at=when, destination=destination_place, now=now
    )
    # A preset stop is always the senior's own place (_stop checked it).
    pickup_place = (
        get_place(db, senior["id"], pickup.place_id)
        if pickup.place_id is not None and senior is not None
        else None
    )
    return _ResolvedTrip(
        pickup,
        destination,
        when,
        appointment,
        _from_places({"pickup": pickup_place, "destination": destination_place}),
        fields.needs("needs", needs),
        urgency,
        dropoff_by,
    )


def _from_places(stops: dict[str, Place | None]) -> dict[str, object]:
    """Return the declared place fields a ride carries, each from its stop's place (None for an
    empty one, or a stop that is no preset place)."""
    copied: dict[str, object] = {}
    for field in place_fields.on_the_ride():
        assert field.ride is not None
        place = cast(dict[str, Any] | None, stops[field.ride.stop])
        copied[field.name] = (place or {}).get(field.name) or None
    return copied


def _insert(
    db: Database,
    request: BookingRequest,
    key: str,
    trip: _ResolvedTrip,
    state: str,
    stamp: str,
    review_reason: str | None,
) -> Booking:
    """Insert the bookings row and return it."""
    booking_id = inserted_id(
        db.table("bookings").insert(
            {
                "senior_id": request.senior_id,
                "caller_phone": request.caller_phone,
                "pickup_place_id": trip.pickup.place_id,
                "pickup_label": trip.pickup.label,
                "pickup_address": trip.pickup.address,
                "destination_place_id": trip.destination.place_id,
                "destination_label": trip.destination.label,
                "destination_address": trip.destination.address,
                "pickup_latitude": trip.pickup.latitude,
                "pickup_longitude": trip.pickup.longitude,
                "destination_latitude": trip.destination.latitude,
                "destination_longitude": trip.destination.longitude,
                "companions": companions(request.companions),
                "pickup_at": trip.pickup_at,
                "appointment_at": trip.appointment_at,
                **trip.from_places,
                "needs": json.dumps(trip.needs),
                "channel": request.channel,
                "state": state,
                "idempotency_key": key,
                "call_sid": request.call_sid,
                "return_of": request.return_of,
                "recurring_id": request.recurring_id,
                "occurs_on": request.occurs_on,
                "review_reason": review_reason,
                "priority": trip.priority,
                "dropoff_by": trip.dropoff_by,
                "created_by": request.created_by,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    )
    return get_booking(db, booking_id)


def transition(
    db: Database,
    booking_id: int,
    to_state: str,
    *,
    actor: str,
    details: Mapping[str, Any] | None = None,
    event_key: str | None = None,
    review_reason: str | None = None,
    notify: bool = True,
) -> Booking:
    """Move a booking to `to_state`, log it and queue its notices (dispatch's only, notify=False);
    a replayed event_key changes nothing."""
    details = details or {}
    with writing(db):
        if booking_log.replayed(db, booking_id, event_key):
            return get_booking(db, booking_id)
        booking = get_booking(db, booking_id)
        from_state = booking["state"]
        if to_state == "assigned":
            # A ride offered to two centers is kept by the first to assign it; the other hears
            # that, not only that the ride is assigned (a refusal below undoes the claim).
            overflow.claim(db, booking, actor)
        reason = lifecycle.refusal(from_state, to_state)
        if (
            reason is None
            and from_state == "cancelled"
            and not can_reopen(db, booking, actor=actor)
        ):
            reason = N_(
                "A driver was already on the way, so this ride cannot be taken back. Please book a "
                "new one."
            )
        if reason is None and from_state == "cancelled" and booking["senior_id"] is not None:
            # Taking a cancel back makes an open ride again: the cap counts it like a new one.
            others = list_bookings(
                db, senior_id=booking["senior_id"], states=sorted(lifecycle.OPEN_STATES)
            )
            if not has_room(others):
                reason = FULL
        if reason is None and to_state == "requested" and review.unheard_fields(booking):
            # Confirming "(recording 4)" would send a driver nowhere: a person listens first.
            reason = N_(
                "An address is still a recording. Listen to it and type the address before "
                "confirming."
            )
        if reason:
            raise TransitionRefused(
                reason, from_state=from_state, to_state=to_state, limit=MAX_OPEN_RIDES
            )
        values: dict[str, Any] = {"state": to_state, "updated_at": clock.iso()}
        # Only what the report means is logged, validated: never a form's other fields (its token,
        # its button).
        logged: dict[str, Any] = {}
        if to_state == "requested":
            # A person let it go ahead (only a dispatcher moves a held ride on: can_reopen).
            values["review_reason"] = None
        elif to_state == "needs_review" and review_reason is not None:
            # Held for a reason of services/trust.py: dispatch hears nothing until a person looks.
            values["review_reason"] = logged["review_reason"] = review_reason
        if to_state == "assigned":
            values.update(assignments.validate(details))
            logged = {key: values[key] for key in (*assignments.FIELDS, "eta_minutes")}
        elif to_state == "no_car":
            # The car fell through: the ride has no driver, and whichever center takes it next is
            # not handed this one (who he was stays in the log).
            values.update(dict.fromkeys((*assignments.FIELDS, "eta_minutes")))
        elif to_state == "arriving" and details.get("eta_minutes") not in (None, ""):
            values["eta_minutes"] = logged["eta_minutes"] = assignments.eta(
                details["eta_minutes"], required=False
            )
        db.table("bookings").update(booking_id, values)
        if to_state == "assigned":
            drivers.remember(db, values)
        booking = get_booking(db, booking_id)
        event = "reopened" if from_state == "cancelled" else to_state
        booking_log.record(
            db,
            booking,
            from_state,
            to_state,
            actor=actor,
            event=event,
            details=logged,
            event_key=event_key,
        )
        senior = (
            get_senior(db, booking["senior_id"])
            if notify and booking["senior_id"] is not None
            else None
        )
        announce.change(
            db, booking, senior, to_state, event=event, from_state=from_state, actor=actor
        )
        if to_state == "no_car":
            # The car fell through: the ride is free again, for either center to take.
            overflow.release(db, booking, actor)
    return booking


def can_reopen(db: Database, booking: Booking, *, actor: str) -> bool:
    """Tell whether `actor` may take back a cancelled booking: their own cancel (a dispatcher:
    anyone's), made within REOPEN_WINDOW, before any driver was on the way or its pickup time."""
    if booking["state"] != "cancelled" or booking["driver_name"]:
        return False
    if review.unheard_fields(booking) or booking["review_reason"]:
        # Taken back it would go ahead as "(recording 4)", or unchecked: a person must look first.
        return False
    now = clock.now()
    if booking["pickup_at"] is not None and clock.parse(booking["pickup_at"]) <= now:
        return False  # a car for a time gone by is a new ride, booked as one
    cancel = db.execute(
        "select from_state, actor, at from booking_events where booking_id = ?"
        " and to_state = 'cancelled' order by id desc limit 1",
        [booking["id"]],
    ).fetchone()
    if cancel is None or cancel[0] not in lifecycle.REOPENABLE_FROM:
        return False
    from_state, cancelled_by, cancelled_at = cancel
    # Staff answer for what they do; a family member or the senior takes back only their own
    # cancel, never a dispatcher's (a fake ride, a closed road) or another's.
    if not actor.startswith(STAFF_ACTOR) and actor != cancelled_by:
        return False
    return clock.parse(cancelled_at) > now - REOPEN_WINDOW


def edit_trip(
    db: Database,
    booking_id: int,
    *,
    pickup_address: object,
    destination_address: object,
    actor: str,
) -> Booking:
    """Let a dispatcher correct where a ride starts and ends (a phone address heard wrong), logging
    it."""
    pickup = fields.text("pickup_address", pickup_address, max_length=200)
    destination = (
        fields.text("destination_address", destination_address, max_length=200, required=False)
        or None
    )
    with writing(db):
        booking = get_booking(db, booking_id)
        if booking["state"] not in lifecycle.OPEN_STATES:
            raise TransitionRefused(
                N_("A ride that is %(from_state)s cannot be changed."), from_state=booking["state"]
            )
        changes: dict[str, Any] = {}
        if pickup != booking["pickup_address"]:
            changes.update(pickup_address=pickup, pickup_label=None, pickup_place_id=None)
        if destination != booking["destination_address"]:
            changes.update(
                destination_address=destination, destination_label=None, destination_place_id=None
            )
        if not changes:
            return booking
        changes["updated_at"] = clock.iso()
        db.table("bookings").update(booking_id, changes)
        booking = get_booking(db, booking_id)
        booking_log.record(
            db,
            booking,
            booking["state"],
            booking["state"],
            actor=actor,
            event="edited",
            details={"pickup_address": pickup, "destination_address": destination},
        )
        if announce.dispatch_hears(booking, booking["state"]):
            outbox.enqueue(
                db,
                "dispatch",
                {
                    "event": "edited",
                    "state": booking["state"],
                    "booking": booking_document.document_of(db, booking),
                },
                booking_id=booking_id,
            )
            overflow.follow(db, booking, "edited")
    return booking
