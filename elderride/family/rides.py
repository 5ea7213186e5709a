"""Rides booked by the family on a senior's behalf, followed live, cancelled."""

import uuid

from flask import abort, g, make_response, redirect, render_template, request, url_for

from elderride.family.blueprint import bp, own_senior, sign_in_required
from elderride.family.undoing import undo_offer
from elderride.services import (
    bookings,
    fields,
    lifecycle,
    paging,
    pickup_times,
    places,
    ride_lists,
    seniors,
)
from elderride.services.errors import N_, NotFound, TransitionRefused, ValidationError
from elderride.web.database import get_db


def _with_minutes(db, rides):
    return [dict(ride, minutes_away=bookings.minutes_away(db, ride)) for ride in rides]


@bp.get("/seniors/<int:senior_id>")
@sign_in_required
def senior(senior_id):
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
        history=history.rows,
        older_rides=history.next,
        undo=undo_offer(senior_id),
    )


@bp.get("/seniors/<int:senior_id>/rides/panel")
@sign_in_required
def senior_rides_panel(senior_id):
    """Just the rides to come, which the page's script swaps in without a reload."""
    person = own_senior(senior_id)
    db = get_db()
    response = make_response(
        render_template(
            "family/_upcoming.html",
            senior=person,
            upcoming=_with_minutes(db, ride_lists.upcoming(db, senior_id)),
        )
    )
    response.cache_control.no_store = True
    return response


def _stop(choice, typed):
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
def ride_new(senior_id):
    """Book a ride for the senior: pickup, destination, time and needs."""
    person = own_senior(senior_id)
    db = get_db()
    preset = places.list_places(db, senior_id)
    errors = {}
    values = {
        "pickup": str(preset[0]["id"]) if preset else "typed",
        "destination": "",
        "when": "now",
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
                "request_key",
            )
        }
        values["needs"] = form.getlist("needs")
        try:
            when = pickup_times.resolve(values["when"], person["timezone"])
        except ValueError:
            when = None
            errors["when"] = (N_("Please choose a time."), {})
        if not errors:
            try:
                booking, _ = bookings.create_booking(
                    db,
                    idempotency_key=f"family:{g.member['id']}:{values['request_key'][:100]}",
                    channel="family",
                    created_by=f"family:{g.member['id']}",
                    senior_id=senior_id,
                    pickup=_stop(values["pickup"], values.get("pickup_address")),
                    destination=_stop(values["destination"], values.get("destination_address")),
                    pickup_at=when,
                    needs=values["needs"],
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
        time_choices=pickup_times.CHOICES,
        needs=fields.NEEDS,
    ), 400 if errors else 200


def _own_ride(senior_id, booking_id):
    try:
        booking = bookings.get_booking(get_db(), booking_id)
    except NotFound:
        abort(404)
    if booking["senior_id"] != senior_id:
        abort(404)
    return booking


def _ride_context(senior_id, booking_id):
    person = own_senior(senior_id)
    booking = _own_ride(senior_id, booking_id)
    db = get_db()
    return {
        "senior": person,
        "ride": booking,
        "events": bookings.events_of(db, booking_id),
        "minutes_away": bookings.minutes_away(db, booking),
        "can_cancel": booking["state"] in lifecycle.CANCELLABLE_STATES,
    }


@bp.get("/seniors/<int:senior_id>/rides/<int:booking_id>")
@sign_in_required
def ride(senior_id, booking_id):
    """One ride: its state, car and driver, and every step of its event log; it follows the ride
    live."""
    return render_template("family/ride.html", **_ride_context(senior_id, booking_id))


@bp.get("/seniors/<int:senior_id>/rides/<int:booking_id>/panel")
@sign_in_required
def ride_panel(senior_id, booking_id):
    """Just the ride's panel, which the page's script swaps in without a reload."""
    response = make_response(
        render_template("family/_ride_panel.html", **_ride_context(senior_id, booking_id))
    )
    response.cache_control.no_store = True
    return response


@bp.post("/seniors/<int:senior_id>/rides/<int:booking_id>/cancel")
@sign_in_required
def ride_cancel(senior_id, booking_id):
    """Cancel a ride for the senior."""
    own_senior(senior_id)
    _own_ride(senior_id, booking_id)
    try:
        bookings.transition(get_db(), booking_id, "cancelled", actor=f"family:{g.member['id']}")
    except TransitionRefused:
        pass
    return redirect(url_for("family.ride", senior_id=senior_id, booking_id=booking_id), code=303)
