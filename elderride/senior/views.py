"""Views of the senior page."""

import uuid
from collections.abc import Iterable
from typing import Any

from flask import (
    Blueprint,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlite_utils import Database

from elderride.senior import device
from elderride.senior.trip import TripChoices
from elderride.services import bookings, lifecycle, trips, trust, wording
from elderride.services.errors import TransitionRefused, ValidationError
from elderride.services.people import code_words, contacts, place_fields, places, seniors
from elderride.services.records import Booking, BookingRequest, Trip
from elderride.web.database import get_db
from elderride.web.i18n import current_language, gettext
from elderride.web.lookups import booking_or_404

bp = Blueprint("senior", __name__)


@bp.get("/s/<token>")
def device_link(token: str) -> ResponseReturnValue:
    """Open the family's link on the senior's device: remember the device and show the home page."""
    senior = seniors.senior_by_device_token(get_db(), token)
    if senior is None:
        return render_template("senior/link_unknown.html"), 404
    return device.remember(redirect(url_for("senior.home"), code=303), senior, token)


@bp.before_request
def load_senior() -> ResponseReturnValue | None:
    """Find the senior of this device; without one, explain kindly how to get the page back."""
    if request.endpoint == "senior.device_link":
        return None
    g.senior = device.current_senior(get_db())
    if g.senior is None:
        return render_template("senior/link_unknown.html"), 403
    return None


@bp.context_processor
def senior_context() -> dict[str, Any]:
    if g.get("senior") is None:
        return {"place_fields": place_fields}
    return {
        "senior": g.senior,
        "family": contacts.list_contacts(get_db(), g.senior["id"]),
        "dispatch_phone": current_app.config.get("DISPATCH_PHONE"),
        "place_fields": place_fields,
    }


def _own_booking(booking_id: int) -> Booking:
    """Return one of this senior's bookings, or 404 (another senior's rides do not exist here)."""
    return booking_or_404(booking_id, senior_id=g.senior["id"])


@bp.get("/senior")
def home() -> ResponseReturnValue:
    """The home page: greeting, the open rides soonest first, preset places, family buttons."""
    db = get_db()
    rides = bookings.open_bookings(db, g.senior["id"])
    return render_template(
        "senior/home.html",
        places=places.list_places(db, g.senior["id"]),
        open_rides=_rides_with_words(rides),
        full=not bookings.has_room(rides),
        cancellable=lifecycle.CANCELLABLE_STATES,
    )


def _rides_with_words(rides: Iterable[Booking]) -> list[tuple[Booking, str]]:
    """Pair each ride with when it comes, in the senior's words."""
    language, zone = current_language(), g.senior["timezone"]
    return [(ride, wording.when(ride, language, zone)) for ride in rides]


CHANGE_FIELDS = ("set_pickup", "set_day", "set_hour", "set_minute", "set_arrive")


@bp.get("/senior/ride")
def confirm() -> ResponseReturnValue:
    """Say the ride in plain words and offer one big button to call the car."""
    choices = TripChoices(get_db(), request.args)
    if choices.destination is None and not choices.other:
        return redirect(url_for("senior.home"), code=303)
    return render_template(
        "senior/confirm.html", **choices.context(request_key=uuid.uuid4().hex, errors={})
    )


@bp.post("/senior/ride")
def book() -> ResponseReturnValue:
    """Create the booking (once, however often the form is sent) and show its status; a tapped
    choice button shows the page again with that choice, keeping what was typed."""
    db = get_db()
    form = request.form
    choices = TripChoices(db, form)
    request_key = form.get("request_key", "")[:100] or uuid.uuid4().hex
    if any(field in form for field in CHANGE_FIELDS):
        return render_template(
            "senior/confirm.html", **choices.context(request_key=request_key, errors={})
        )
    at = choices.choice.at(g.senior["timezone"])
    try:
        booking, _ = bookings.create_booking(
            db,
            BookingRequest(
                idempotency_key=f"senior:{g.senior['id']}:{request_key}",
                channel="web",
                created_by="senior",
                trip=Trip(
                    pickup=choices.pickup_stop(form),
                    destination=choices.destination_stop(form),
                    pickup_at=None if choices.arrive else at,
                    appointment_at=at if choices.arrive else None,
                ),
                senior_id=g.senior["id"],
            ),
        )
    except ValidationError as error:
        page = render_template(
            "senior/confirm.html", **choices.context(request_key=request_key, errors=error.errors)
        )
        return page, 400
    return redirect(url_for("senior.ride", booking_id=booking["id"]), code=303)


def _return_offer(db: Database, booking: Booking) -> dict[str, Any] | None:
    """The trip back offered after a ride to a place that is not home: a link to book it at a
    time, or None."""
    way_back = trips.way_back(db, booking, g.senior)
    if way_back is None:
        return None
    query: dict[str, Any] = {"to": way_back["home"]["id"], "when": way_back["when"].code()}
    if booking["destination_place_id"] is not None:
        query["pickup"] = booking["destination_place_id"]
    else:
        query.update(pickup_typed="1", pickup_address=booking["destination_address"])
    return {"home": way_back["home"], "url": url_for("senior.confirm", **query)}


def _car_words(booking: Booking) -> str | None:
    """The car as a person looks for it at the kerb: colour and make first, then plate, then the
    driver ("A silver Toyota, plate ABC 123, driver Sam"), or None before a driver is on the
    way."""
    if booking["state"] not in ("assigned", "arriving") or not booking["driver_name"]:
        return None
    colour = (booking["car_colour"] or "").lower()
    name = wording.car_name(colour, booking["car_make"] or "")
    # English says "an" before a vowel sound; a colour word's first letter is a fair guide.
    if name[:1] in ("a", "e", "i", "o", "u"):
        car = gettext("an %(car)s", car=name)
    else:
        car = gettext("a %(car)s", car=name)
    words = gettext(
        "%(car)s, plate %(plate)s, driver %(driver)s",
        car=car,
        plate=booking["plate"] or "",
        driver=booking["driver_name"],
    )
    return words[:1].upper() + words[1:]


def _status_context(booking: Booking) -> dict[str, Any]:
    db = get_db()
    return {
        "return_offer": _return_offer(db, booking),
        "ride": booking,
        "hold_reason": trust.REASONS.get(booking["review_reason"] or ""),
        "minutes_away": bookings.minutes_away(db, booking),
        "car_words": _car_words(booking),
        "code_word": code_words.for_the_ride(db, booking["senior_id"], booking["state"]),
        "car_name": wording.car_name(booking["car_colour"] or "", booking["car_make"] or ""),
        "when_words": wording.when(booking, current_language(), g.senior["timezone"]),
        "appointment_words": wording.deadline(
            booking["appointment_at"], current_language(), g.senior["timezone"]
        )
        if booking["appointment_at"]
        else None,
        # A cancelled or finished ride no longer says when the car will come.
        "still_open": booking["state"] in lifecycle.OPEN_STATES,
        "can_cancel": booking["state"] in lifecycle.CANCELLABLE_STATES,
        # Taking a cancel back is offered only while the cap leaves room for the ride again.
        "can_reopen": booking["state"] == "cancelled"
        and bookings.can_reopen(db, booking, actor="senior")
        and bookings.has_room(bookings.open_bookings(db, g.senior["id"])),
    }


@bp.get("/senior/rides/<int:booking_id>")
def ride(booking_id: int) -> ResponseReturnValue:
    """The ride's status in large words; it refreshes itself."""
    return render_template("senior/ride.html", **_status_context(_own_booking(booking_id)))


@bp.get("/senior/rides/<int:booking_id>/panel")
def ride_panel(booking_id: int) -> ResponseReturnValue:
    """Just the status panel, which the page's script swaps in without a reload."""
    return render_template("senior/_ride_panel.html", **_status_context(_own_booking(booking_id)))


@bp.get("/senior/rides/<int:booking_id>/cancel")
def cancel_question(booking_id: int) -> ResponseReturnValue:
    """Ask once, in plain words, whether to cancel."""
    booking = _own_booking(booking_id)
    if booking["state"] not in lifecycle.CANCELLABLE_STATES:
        return redirect(url_for("senior.ride", booking_id=booking_id), code=303)
    return render_template("senior/cancel.html", ride=booking)


@bp.post("/senior/rides/<int:booking_id>/cancel")
def cancel(booking_id: int) -> ResponseReturnValue:
    """Cancel the ride; a ride already beyond cancelling just shows its status."""
    _own_booking(booking_id)
    try:
        bookings.transition(get_db(), booking_id, "cancelled", actor="senior")
    except TransitionRefused:
        pass
    return redirect(url_for("senior.ride", booking_id=booking_id), code=303)


@bp.post("/senior/rides/<int:booking_id>/reopen")
def reopen(booking_id: int) -> ResponseReturnValue:
    """Take back a cancel while no driver was on the way."""
    _own_booking(booking_id)
    try:
        bookings.transition(get_db(), booking_id, "requested", actor="senior")
    except TransitionRefused:
        pass
    return redirect(url_for("senior.ride", booking_id=booking_id), code=303)
