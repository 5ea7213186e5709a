"""Bookings: created once per request, moved through the life cycle, every step logged and
announced."""

import datetime
import json

from elderride.services import (
    announce,
    assignments,
    booking_log,
    clock,
    drivers,
    fields,
    lifecycle,
    outbox,
    paging,
    review,
)
from elderride.services.errors import N_, NotFound, TransitionRefused, ValidationError
from elderride.services.places import get_place, list_places
from elderride.services.seniors import get_senior
from elderride.store import writing
from elderride.store.database import loads

CHANNELS = ("web", "phone", "family", "dispatcher")
# How far ahead a ride may be booked.
MAX_DAYS_AHEAD = 30
# How many rides a senior may have open at once (DESIGN.md: "a small cap").
MAX_OPEN_RIDES = 3


def _row(row):
    """Return a booking row with its JSON columns decoded."""
    booking = dict(row)
    booking["needs"] = loads(booking["needs"], [])
    return booking


def get_booking(db, booking_id):
    """Return the booking with this id, or raise NotFound."""
    rows = list(db.table("bookings").rows_where("id = ?", [booking_id]))
    if not rows:
        raise NotFound(N_("There is no such ride."))
    return _row(rows[0])


def list_bookings(db, *, senior_id=None, states=None, limit=100):
    """Return bookings, newest first, optionally for one senior and in some states."""
    return page_bookings(db, senior_id=senior_id, states=states, size=limit).rows


def page_bookings(db, *, senior_id=None, states=None, size=100, before=None) -> paging.Page:
    """Return one page of bookings, newest first, older than the cursor `before`.

    Each state is its own index range, merged here: the cost is the page, not the history.
    """
    where, params = [], []
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
    page.rows = [_row(row) for row in page.rows]
    return page


def open_booking(db, senior_id):
    """Return the senior's most recent open booking, or None."""
    found = list_bookings(db, senior_id=senior_id, states=sorted(lifecycle.OPEN_STATES), limit=1)
    return found[0] if found else None


def minutes_away(db, booking, now=None):
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


def events_of(db, booking_id):
    """Return a booking's event log, oldest first."""
    rows = db.table("booking_events").rows_where("booking_id = ?", [booking_id], order_by="id")
    return [dict(row, details=loads(row["details"], {})) for row in rows]


def _stop(db, senior_id, stop, field, *, optional=False):
    """Resolve a pickup or destination to (place_id, label, address).

    A stop is {"place_id": id} for one of the senior's places, {"address": text}
    for a typed address, or None, which for a destination means "tell the driver".
    """
    if stop is None or stop == {}:
        if optional:
            return None, None, None
        raise ValidationError(field, N_("Please choose where the car should come."))
    if stop.get("place_id") is not None:
        if senior_id is None:
            raise ValidationError(field, N_("There is no such place."))
        try:
            place = get_place(db, senior_id, fields.row_id(field, stop["place_id"]))
        except (NotFound, ValidationError):
            raise ValidationError(field, N_("There is no such place.")) from None
        return place["id"], place["label"], place["address"]
    address = fields.text(field, stop.get("address"), max_length=200)
    return None, None, address


def _pickup_at(value, now):
    """Return a pickup time as UTC ISO text (None for now), refusing the past and the far future."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = clock.parse(value)
        except ValueError:
            raise ValidationError("pickup_at", N_("This is not a time.")) from None
    if value.tzinfo is None:
        raise ValidationError("pickup_at", N_("This time has no time zone."))
    # A few minutes' grace: a form filled in slowly still means "at that time".
    if value < now - datetime.timedelta(minutes=5):
        raise ValidationError("pickup_at", N_("This time has already passed."))
    if value > now + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(
            "pickup_at", N_("Rides can be booked up to %(days)s days ahead."), days=MAX_DAYS_AHEAD
        )
    return clock.iso(value)


def create_booking(
    db,
    *,
    idempotency_key,
    channel,
    created_by,
    senior_id=None,
    caller_phone=None,
    pickup=None,
    destination=None,
    pickup_at=None,
    needs=None,
    needs_review=False,
    call_sid=None,
):
    """Create a booking and queue its notices; the same idempotency key returns the first booking.

    Returns (booking, created), created being False when the key was seen before.
    """
    key = fields.text("idempotency_key", idempotency_key, max_length=200)
    if channel not in CHANNELS:
        raise ValidationError("channel", N_("Unknown channel."))
    now = clock.now()
    with writing(db):
        existing = list(db.table("bookings").rows_where("idempotency_key = ?", [key]))
        if existing:
            booking = _row(existing[0])
            if booking["senior_id"] != senior_id or (
                senior_id is None and booking["caller_phone"] != caller_phone
            ):
                raise ValidationError(
                    "idempotency_key", N_("This request was already used for another ride.")
                )
            return booking, False
        senior = get_senior(db, senior_id) if senior_id is not None else None
        if senior is None and not caller_phone:
            raise ValidationError("senior", N_("A ride needs a senior or a caller's number."))
        # Each open ride texts the family and calls the senior: a few at a time is all a person
        # needs.
        # A ride a dispatcher must review first sends nothing until then, so the phone line may
        # always leave one.
        if (
            senior is not None
            and not needs_review
            and len(list_bookings(db, senior_id=senior_id, states=sorted(lifecycle.OPEN_STATES)))
            >= MAX_OPEN_RIDES
        ):
            raise ValidationError(
                "senior",
                N_(
                    "There are already %(limit)s rides on the way or waiting. Please cancel one "
                    "first."
                ),
                limit=MAX_OPEN_RIDES,
            )
        if pickup is None and senior is not None:
            # The senior's first place is home: rides start there unless they say otherwise.
            places = list_places(db, senior_id)
            pickup = {"place_id": places[0]["id"]} if places else None
        pickup_place_id, pickup_label, pickup_address = _stop(db, senior_id, pickup, "pickup")
        destination_place_id, destination_label, destination_address = _stop(
            db, senior_id, destination, "destination", optional=True
        )
        if destination_address is not None and (
            (pickup_place_id is not None and pickup_place_id == destination_place_id)
            or destination_address.casefold() == pickup_address.casefold()
        ):
            raise ValidationError(
                "destination",
                N_("The car would take you where you already are. Please choose another place."),
            )
        when = _pickup_at(pickup_at, now)
        if needs is None:
            needs = senior["needs"] if senior else []
        needs = fields.needs("needs", needs)
        state = "needs_review" if needs_review else "requested"
        stamp = clock.iso(now)
        booking_id = (
            db.table("bookings")
            .insert(
                {
                    "senior_id": senior_id,
                    "caller_phone": caller_phone,
                    "pickup_place_id": pickup_place_id,
                    "pickup_label": pickup_label,
                    "pickup_address": pickup_address,
                    "destination_place_id": destination_place_id,
                    "destination_label": destination_label,
                    "destination_address": destination_address,
                    "pickup_at": when,
                    "needs": json.dumps(needs),
                    "channel": channel,
                    "state": state,
                    "idempotency_key": key,
                    "call_sid": call_sid,
                    "created_by": created_by,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            .last_pk
        )
        booking = get_booking(db, booking_id)
        booking_log.record(db, booking, None, state, actor=created_by, event="created", details={})
        announce.change(db, booking, senior, state, event="created")
    return booking, True


def transition(db, booking_id, to_state, *, actor, details=None, event_key=None):
    """Move a booking to `to_state`, log it and queue its notices; a replayed event_key changes
    nothing."""
    details = details or {}
    with writing(db):
        if event_key is not None:
            replay = db.execute(
                "select booking_id from booking_events where event_key = ?", [event_key]
            ).fetchone()
            if replay:
                if replay[0] != booking_id:
                    raise ValidationError(
                        "event_key", N_("This event id was already used for another ride.")
                    )
                return get_booking(db, booking_id)
        booking = get_booking(db, booking_id)
        from_state = booking["state"]
        reason = lifecycle.refusal(from_state, to_state)
        if reason is None and from_state == "cancelled" and not can_reopen(db, booking):
            reason = N_(
                "A driver was already on the way, so this ride cannot be taken back. Please book a "
                "new one."
            )
        if reason is None and to_state == "requested" and review.unheard_fields(booking):
            # Confirming "(recording 4)" would send a driver nowhere: a person listens first.
            reason = N_(
                "An address is still a recording. Listen to it and type the address before "
                "confirming."
            )
        if reason:
            raise TransitionRefused(reason, from_state=from_state, to_state=to_state)
        values = {"state": to_state, "updated_at": clock.iso()}
        # Only what the report means is logged, validated: never a form's other fields (its token,
        # its button).
        logged = {}
        if to_state == "assigned":
            values.update(assignments.validate(details))
            logged = {key: values[key] for key in (*assignments.FIELDS, "eta_minutes")}
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
        senior = get_senior(db, booking["senior_id"]) if booking["senior_id"] is not None else None
        announce.change(db, booking, senior, to_state, event=event)
    return booking


def can_reopen(db, booking):
    """Tell whether a cancelled booking may be taken back: only if no driver was on the way."""
    if booking["state"] != "cancelled" or booking["driver_name"]:
        return False
    if review.unheard_fields(booking):
        # Taken back it would go ahead as "(recording 4)": a person must hear it first.
        return False
    cancel = db.execute(
        "select from_state from booking_events where booking_id = ? and to_state = 'cancelled' "
        "order by id desc limit 1",
        [booking["id"]],
    ).fetchone()
    return cancel is not None and cancel[0] in lifecycle.REOPENABLE_FROM


def edit_trip(db, booking_id, *, pickup_address, destination_address, actor):
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
        changes = {}
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
        outbox.enqueue(
            db,
            "dispatch",
            {"event": "edited", "state": booking["state"], "booking": booking},
            booking_id=booking_id,
        )
    return booking
