"""Views of the senior page."""

import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from elderride.senior import device
from elderride.services import bookings, contacts, lifecycle, pickup_times, places, seniors, wording
from elderride.services.errors import NotFound, TransitionRefused, ValidationError
from elderride.web.database import get_db
from elderride.web.i18n import current_language

bp = Blueprint("senior", __name__)


@bp.get("/s/<token>")
def device_link(token):
    """Open the family's link on the senior's device: remember the device and show the home page."""
    senior = seniors.senior_by_device_token(get_db(), token)
    if senior is None:
        return render_template("senior/link_unknown.html"), 404
    return device.remember(redirect(url_for("senior.home"), code=303), senior, token)


@bp.before_request
def load_senior():
    """Find the senior of this device; without one, explain kindly how to get the page back."""
    if request.endpoint == "senior.device_link":
        return None
    g.senior = device.current_senior(get_db())
    if g.senior is None:
        return render_template("senior/link_unknown.html"), 403
    return None


@bp.context_processor
def senior_context():
    if g.get("senior") is None:
        return {}
    return {
        "senior": g.senior,
        "family": contacts.list_contacts(get_db(), g.senior["id"]),
        "dispatch_phone": current_app.config.get("DISPATCH_PHONE"),
    }


def _own_booking(booking_id):
    """Return one of this senior's bookings, or 404 (another senior's rides do not exist here)."""
    try:
        booking = bookings.get_booking(get_db(), booking_id)
    except NotFound:
        abort(404)
    if booking["senior_id"] != g.senior["id"]:
        abort(404)
    return booking


@bp.get("/senior")
def home():
    """The home page: greeting, preset places, family buttons."""
    db = get_db()
    return render_template(
        "senior/home.html",
        places=places.list_places(db, g.senior["id"]),
        open_ride=bookings.open_booking(db, g.senior["id"]),
    )


def _trip_choices(db, args):
    """Read the destination, pickup and time choices from the query string or form."""
    senior_places = places.list_places(db, g.senior["id"])
    by_id = {str(place["id"]): place for place in senior_places}
    destination = by_id.get(args.get("to"))
    pickup = by_id.get(args.get("pickup"))
    if pickup is None and senior_places and senior_places[0] is not destination:
        # Rides start at home (the first place) unless the senior is going home.
        pickup = senior_places[0]
    when = args.get("when") if args.get("when") in pickup_times.CHOICES else "now"
    return senior_places, pickup, destination, when


@bp.get("/senior/ride")
def confirm():
    """Say the ride in plain words and offer one big button to call the car."""
    db = get_db()
    senior_places, pickup, destination, when = _trip_choices(db, request.args)
    other = request.args.get("to") == "other"
    if destination is None and not other:
        return redirect(url_for("senior.home"), code=303)
    return render_template(
        "senior/confirm.html",
        places=senior_places,
        pickup=pickup,
        destination=destination,
        other=other,
        when=when,
        time_choices=pickup_times.CHOICES,
        address=request.args.get("address", "")[:200],
        pickup_address="",
        request_key=uuid.uuid4().hex,
        errors={},
    )


@bp.post("/senior/ride")
def book():
    """Create the booking (once, however often the form is sent) and show its status."""
    db = get_db()
    form = request.form
    senior_places, pickup, destination, when = _trip_choices(db, form)
    other = form.get("to") == "other"
    destination_stop = (
        {"place_id": destination["id"]} if destination else {"address": form.get("address", "")}
    )
    try:
        booking, _ = bookings.create_booking(
            db,
            idempotency_key=f"senior:{g.senior['id']}:{form.get('request_key', '')[:100]}",
            channel="web",
            created_by="senior",
            senior_id=g.senior["id"],
            pickup={"place_id": pickup["id"]}
            if pickup
            else {"address": form.get("pickup_address", "")},
            destination=destination_stop,
            pickup_at=pickup_times.resolve(when, g.senior["timezone"]),
        )
    except ValidationError as error:
        page = render_template(
            "senior/confirm.html",
            places=senior_places,
            pickup=pickup,
            destination=destination,
            other=other or destination is None,
            when=when,
            time_choices=pickup_times.CHOICES,
            address=form.get("address", "")[:200],
            pickup_address=form.get("pickup_address", "")[:200],
            request_key=form.get("request_key", "")[:100] or uuid.uuid4().hex,
            errors=error.errors,
        )
        return page, 400
    return redirect(url_for("senior.ride", booking_id=booking["id"]), code=303)


def _status_context(booking):
    db = get_db()
    return {
        "ride": booking,
        "minutes_away": bookings.minutes_away(db, booking),
        "when_words": wording.when(booking, current_language(), g.senior["timezone"]),
        "can_cancel": booking["state"] in lifecycle.CANCELLABLE_STATES,
        "can_reopen": booking["state"] == "cancelled" and bookings.can_reopen(db, booking),
    }


@bp.get("/senior/rides/<int:booking_id>")
def ride(booking_id):
    """The ride's status in large words; it refreshes itself."""
    return render_template("senior/ride.html", **_status_context(_own_booking(booking_id)))


@bp.get("/senior/rides/<int:booking_id>/panel")
def ride_panel(booking_id):
    """Just the status panel, which the page's script swaps in without a reload."""
    response = make_response(
        render_template("senior/_ride_panel.html", **_status_context(_own_booking(booking_id)))
    )
    response.cache_control.no_store = True
    return response


@bp.get("/senior/rides/<int:booking_id>/cancel")
def cancel_question(booking_id):
    """Ask once, in plain words, whether to cancel."""
    booking = _own_booking(booking_id)
    if booking["state"] not in lifecycle.CANCELLABLE_STATES:
        return redirect(url_for("senior.ride", booking_id=booking_id), code=303)
    return render_template("senior/cancel.html", ride=booking)


@bp.post("/senior/rides/<int:booking_id>/cancel")
def cancel(booking_id):
    """Cancel the ride; a ride already beyond cancelling just shows its status."""
    _own_booking(booking_id)
    try:
        bookings.transition(get_db(), booking_id, "cancelled", actor="senior")
    except TransitionRefused:
        pass
    return redirect(url_for("senior.ride", booking_id=booking_id), code=303)


@bp.post("/senior/rides/<int:booking_id>/reopen")
def reopen(booking_id):
    """Take back a cancel while no driver was on the way."""
    _own_booking(booking_id)
    try:
        bookings.transition(get_db(), booking_id, "requested", actor="senior")
    except TransitionRefused:
        pass
    return redirect(url_for("senior.ride", booking_id=booking_id), code=303)
