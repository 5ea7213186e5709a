"""Rides booked by the family on a senior's behalf, followed live, cancelled."""

import datetime
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from babel import dates
from flask import g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlite_utils import Database

from elderride.family.blueprint import (
    bp,
    confirmed_email_required,
    own_senior,
    sign_in_required,
)
from elderride.family.undoing import undo_offer
from elderride.languages import LANGUAGES
from elderride.services import bookings, fields, lifecycle, paging, pickup_times
from elderride.services.errors import N_, TransitionRefused, ValidationError
from elderride.services.people import place_fields, places, seniors
from elderride.services.read_models import ride_lists
from elderride.services.records import BookingRequest, Stop, Trip
from elderride.web.database import get_db
from elderride.web.i18n import current_language
from elderride.web.lookups import booking_or_404


@bp.context_processor
def ride_words() -> dict[str, Any]:
    """`day_name(day)`: a day on the ride form as the page's language writes it;
    `place_fields`: the declared place fields the place form and the ride page show."""

    def day_name(day: datetime.date) -> str:
        return dates.format_skeleton("MMMMEEEEd", day, locale=LANGUAGES[current_language()].locale)

    return {"day_name": day_name, "place_fields": place_fields}


def _chosen_time(
    values: Mapping[str, Any], timezone: str
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Return (pickup_at, appointment_at) from the form's day, hour, minute and "be there by"
    boxes, or raise naming the field to fix."""
    code = values["when"]
    if code in pickup_times.CHOICES:
        return pickup_times.resolve(code, timezone), None
    offered = {day.isoformat() for day in pickup_times.days(timezone)}
    if code not in offered:
        raise ValidationError("when", N_("Please choose a time."))
    hour = fields.whole_number(values["hour"], max_digits=2)
    if hour is None or not pickup_times.FIRST_HOUR <= hour <= pickup_times.LAST_HOUR:
        raise ValidationError("hour", N_("Please choose the hour."))
    minute = fields.whole_number(values["minute"] or "0", max_digits=2)
    if minute not in pickup_times.QUARTERS:
        raise ValidationError("minute", N_("Please choose the minutes."))
    day = pickup_times.parse(f"{code}T{hour:02d}:{minute:02d}", timezone).at(timezone)
    if values["arrive"]:
        return None, day
    return day, None


# Any: booking rows as a read model lists them (plain dicts).
def _with_minutes(db: Database, rides: Iterable[Any]) -> list[dict[str, Any]]:
    return [dict(ride, minutes_away=bookings.minutes_away(db, ride)) for ride in rides]


@bp.get("/seniors/<int:senior_id>")
@sign_in_required
def senior(senior_id: int) -> ResponseReturnValue:
    """The senior's rides: the ones to come, followed live, and the history with dates."""
    own_senior(senior_id)
    db = get_db()
    try:
        before = paging.cursor(request.args.get("rides_before"))
    except ValidationError:
        before = None
    history = ride_lists.history(db, senior_id, size=10, before=before)
    return render_template(
        "family/senior.html",
        senior=seniors.get_senior(db, senior_id),
        upcoming=_with_minutes(db, ride_lists.upcoming(db, senior_id)),
        cancellable=lifecycle.CANCELLABLE_STATES,
        history=history.rows,
        older_rides=history.next,
        undo=undo_offer(senior_id),
    )


@bp.get("/seniors/<int:senior_id>/rides/panel")
@sign_in_required
def senior_rides_panel(senior_id: int) -> ResponseReturnValue:
    """Just the rides to come, which the page's script swaps in without a reload."""
    person = own_senior(senior_id)
    db = get_db()
    return render_template(
        "family/_upcoming.html",
        senior=person,
        upcoming=_with_minutes(db, ride_lists.upcoming(db, senior_id)),
        cancellable=lifecycle.CANCELLABLE_STATES,
    )


def _stop(choice: str | None, typed: Any) -> Stop | None:
    """A form's place choice: a preset place id, "typed" for the typed address, "driver" for
    none."""
    if choice == "driver":
        return None
    if choice == "typed" or not choice:
        return {"address": typed}
    try:
        return {"place_id": int(choice)}
    except ValueError:
        return {"address": typed}


@bp.route("/seniors/<int:senior_id>/rides/new", methods=["GET", "POST"])
@sign_in_required
@confirmed_email_required
def ride_new(senior_id: int) -> ResponseReturnValue:
    """Book a ride for the senior: pickup, destination, time and needs."""
    person = own_senior(senior_id)
    db = get_db()
    preset = places.list_places(db, senior_id)
    home = places.home_place(db, senior_id)
    errors = {}
    values: dict[str, Any] = {
        "pickup": str(home["id"]) if home else "typed",
        "destination": "",
        "when": "now",
        "hour": "",
        "minute": "0",
        "arrive": False,
        "companions": "0",
        "needs": person["needs"],
        "request_key": uuid.uuid4().hex,
    }
    if request.method == "POST":
        form = request.form
        values = {
            key: form.get(key, "")
            for key in (
                "pickup",
                "pickup_address",
                "destination",
                "destination_address",
                "when",
                "hour",
                "minute",
                "companions",
                "request_key",
            )
        }
        values["needs"] = form.getlist("needs")
        values["arrive"] = form.get("arrive") == "on"
        when = appointment = None
        try:
            when, appointment = _chosen_time(values, person["timezone"])
        except ValidationError as error:
            errors = error.errors
        if not errors:
            try:
                trip = Trip(
                    pickup=_stop(values["pickup"], values.get("pickup_address")),
                    destination=_stop(values["destination"], values.get("destination_address")),
                    pickup_at=when,
                    appointment_at=appointment,
                )
                booking, _ = bookings.create_booking(
                    db,
                    BookingRequest(
                        idempotency_key=f"family:{g.member['id']}:{values['request_key'][:100]}",
                        channel="family",
                        created_by=f"family:{g.member['id']}",
                        trip=trip,
                        senior_id=senior_id,
                        needs=values["needs"],
                        companions=values["companions"] or "0",
                    ),
                )
            except ValidationError as error:
                errors = error.errors
            else:
                return redirect(
                    url_for("family.ride", senior_id=senior_id, booking_id=booking["id"]), code=303
                )
    return render_template(
        "family/ride_form.html",
        senior=person,
        places=preset,
        values=values,
        errors=errors,
        days=pickup_times.days(person["timezone"]),
        hours=range(pickup_times.FIRST_HOUR, pickup_times.LAST_HOUR + 1),
        quarters=pickup_times.QUARTERS,
        needs=fields.NEEDS,
        most_companions=bookings.MAX_COMPANIONS,
    ), 400 if errors else 200


def _ride_context(senior_id: int, booking_id: int) -> dict[str, Any]:
    person = own_senior(senior_id)
    booking = booking_or_404(booking_id, senior_id=senior_id)
    db = get_db()
    return {
        "senior": person,
        "ride": booking,
        "events": bookings.events_of(db, booking_id),
        "minutes_away": bookings.minutes_away(db, booking),
        "can_cancel": booking["state"] in lifecycle.CANCELLABLE_STATES,
        # Taking a cancel back, as the senior can: while no driver was on the way and the cap
        # leaves room.
        "can_reopen": booking["state"] == "cancelled"
        and bookings.can_reopen(db, booking, actor=f"family:{g.member['id']}")
        and bookings.has_room(bookings.open_bookings(db, person["id"])),
    }


@bp.get("/seniors/<int:senior_id>/rides/<int:booking_id>")
@sign_in_required
def ride(senior_id: int, booking_id: int) -> ResponseReturnValue:
    """One ride: its state, car and driver, and every step of its event log; it follows the ride
    live."""
    return render_template("family/ride.html", **_ride_context(senior_id, booking_id))


@bp.get("/seniors/<int:senior_id>/rides/<int:booking_id>/panel")
@sign_in_required
def ride_panel(senior_id: int, booking_id: int) -> ResponseReturnValue:
    """Just the ride's panel, which the page's script swaps in without a reload."""
    return render_template("family/_ride_panel.html", **_ride_context(senior_id, booking_id))


@bp.get("/seniors/<int:senior_id>/rides/<int:booking_id>/cancel")
@sign_in_required
def ride_cancel_question(senior_id: int, booking_id: int) -> ResponseReturnValue:
    """Ask once whether to cancel: a stray click on the ride page cancels nothing."""
    context = _ride_context(senior_id, booking_id)
    if not context["can_cancel"]:
        return redirect(
            url_for("family.ride", senior_id=senior_id, booking_id=booking_id), code=303
        )
    return render_template("family/cancel.html", **context)


@bp.post("/seniors/<int:senior_id>/rides/<int:booking_id>/cancel")
@sign_in_required
def ride_cancel(senior_id: int, booking_id: int) -> ResponseReturnValue:
    """Cancel a ride for the senior."""
    return _move(senior_id, booking_id, "cancelled")


@bp.post("/seniors/<int:senior_id>/rides/<int:booking_id>/reopen")
@sign_in_required
def ride_reopen(senior_id: int, booking_id: int) -> ResponseReturnValue:
    """Take a cancel back while no driver was on the way (its texts, not yet sent, never go)."""
    return _move(senior_id, booking_id, "requested")


def _move(senior_id: int, booking_id: int, state: str) -> ResponseReturnValue:
    """Move the senior's ride to `state` as this family member; one no longer movable just shows."""
    own_senior(senior_id)
    booking_or_404(booking_id, senior_id=senior_id)
    try:
        bookings.transition(get_db(), booking_id, state, actor=f"family:{g.member['id']}")
    except TransitionRefused:
        pass
    return redirect(url_for("family.ride", senior_id=senior_id, booking_id=booking_id), code=303)
