"""The dispatch API's views: bearer-token JSON, every error a JSON body with a clear message."""

import hmac
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from elderride.api.openapi import EVENT_TYPES, document
from elderride.services import (
    assignments,
    booking_document,
    booking_log,
    bookings,
    car_updates,
    fields,
    handbacks,
    lifecycle,
    overflow,
    paging,
    tds_status,
)
from elderride.services.errors import NotFound, TransitionRefused, ValidationError
from elderride.services.records import Booking
from elderride.services.scheduled import welfare
from elderride.store import writing
from elderride.web import links
from elderride.web.database import get_db
from elderride.web.lookups import booking_or_404
from elderride.web.security import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# A dispatch system carries a bearer token, not a browser's form token.
csrf.exempt(bp)


def error(status: int, message: str, **extra: Any) -> tuple[Response, int]:
    """Return a JSON error response."""
    return jsonify({"error": message, **extra}), status


@bp.errorhandler(HTTPException)
def http_error(exception: HTTPException) -> ResponseReturnValue:
    return error(exception.code or 500, exception.description or exception.name)


# The application's own 404 handler answers by status code, ahead of the handler above: a
# missing booking says so here.
@bp.errorhandler(404)
def not_found(exception: HTTPException) -> ResponseReturnValue:
    return http_error(exception)


# What the overflow center's key may do: read and answer the rides offered to it, nothing more.
OVERFLOW_ENDPOINTS = frozenset({"api.get_booking", "api.post_event"})


@bp.before_request
def check_token() -> ResponseReturnValue | None:
    """Every call but the description itself needs `Authorization: Bearer <token>`: the primary
    center's ELDERRIDE_DISPATCH_API_TOKEN, or the overflow center's own key (answering for it)."""
    if request.endpoint == "api.openapi":
        return None
    given = request.headers.get("Authorization", "").encode()
    for setting, actor in (
        ("DISPATCH_API_TOKEN", "dispatch-api"),
        ("DISPATCH_OVERFLOW_API_TOKEN", overflow.OVERFLOW_ACTOR),
    ):
        token = current_app.config.get(setting)
        # Both compared every time: which key matched takes no longer to find.
        if token and hmac.compare_digest(given, f"Bearer {token}".encode()):
            g.api_actor = actor
    if "api_actor" not in g:
        return error(401, "A valid bearer token is required.")
    if g.api_actor == overflow.OVERFLOW_ACTOR:
        if request.endpoint not in OVERFLOW_ENDPOINTS:
            return error(
                403, "The overflow center's key reads and answers only rides offered to it."
            )
        booking_id = (request.view_args or {}).get("booking_id")
        offered = None if booking_id is None else overflow.offer_of(get_db(), booking_id)
        if (
            booking_id is None
            or offered is None
            or not (overflow.readable(offered) or _own_replay(booking_id))
        ):
            # Not told apart from a ride that does not exist, whatever the body: other rides are
            # none of its business, nor one it gave back.
            return error(404, overflow.UNKNOWN)
    return None


def _own_replay(booking_id: int) -> bool:
    """Tell whether the request is a report the overflow center already sent on this ride (its
    answer lost): answered as the first time, though it gave the ride back since."""
    if request.method != "POST":
        return False
    try:
        report = request.get_json(silent=True)
    except RecursionError:
        return False
    event_id = report.get("id") if isinstance(report, dict) else None
    if not isinstance(event_id, str):
        return False
    try:
        return booking_log.replayed(get_db(), booking_id, _event_key(event_id))
    except ValidationError:
        return False  # another ride's id: told nothing of this one


# Any: a Booking from get_booking, or a row of a page of bookings (a plain dict).
def booking_json(booking: Any) -> dict[str, Any]:
    """A booking as the API shows it: the one outward document."""
    return booking_document.document_of(get_db(), booking)


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """The OpenAPI 3.1 description of this API."""
    return jsonify(document(links.site_url()))


# A page of bookings holds this many unless the caller asks for fewer (or up to PAGE_MAX).
PAGE_SIZE = 100
PAGE_MAX = 200


@bp.get("/bookings")
def list_bookings() -> ResponseReturnValue:
    """Bookings, newest first, optionally in one state, a page at a time: follow `next` for older
    ones."""
    state = request.args.get("state")
    if state is not None and state not in lifecycle.STATES:
        return error(
            400, f"Unknown state; use one of: {', '.join(lifecycle.STATES)}.", field="state"
        )
    limit = request.args.get("limit", str(PAGE_SIZE))
    # Digits only, as the document's integer: int() would also take " 5", "+5", "1_0" and "٥".
    size = int(limit) if limit.isascii() and limit.isdigit() and len(limit) <= 3 else 0
    if not 1 <= size <= PAGE_MAX:
        return error(400, f"The limit is a whole number from 1 to {PAGE_MAX}.", field="limit")
    try:
        before = paging.cursor(request.args.get("before"))
    except ValidationError:
        return error(
            400,
            "This page link is not valid: `before` is the booking id from a `next` link; leave it "
            "out for the first page.",
            field="before",
        )
    page = bookings.page_bookings(
        get_db(), states=[state] if state else None, size=size, before=before
    )
    following = None
    if page.next is not None:
        query: dict[str, Any] = {
            key: value
            for key, value in (("state", state), ("limit", request.args.get("limit")))
            if value is not None
        }
        # A client that follows it carries its token: never to the address a Host header named.
        following = links.site_url() + url_for("api.list_bookings", before=page.next, **query)
    response = jsonify(
        {"bookings": [booking_json(booking) for booking in page.rows], "next": following}
    )
    if following:
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response


@bp.get("/bookings/<int:booking_id>")
def get_booking(booking_id: int) -> ResponseReturnValue:
    """One booking with its event log."""
    booking = booking_or_404(booking_id)
    try:
        overflow.check_read(get_db(), booking_id, g.api_actor)
    except TransitionRefused as refusal:
        return error(409, str(refusal), state=booking["state"])
    events = [
        {
            "at": event["at"],
            "event": event["event"],
            "from_state": event["from_state"],
            "to_state": event["to_state"],
            "actor": event["actor"],
        }
        for event in bookings.events_of(get_db(), booking_id)
    ]
    return jsonify({"booking": booking_json(booking), "events": events})


@bp.post("/bookings/<int:booking_id>/events")
def post_event(booking_id: int) -> ResponseReturnValue:
    """A status report from the dispatch system; a repeated event id changes nothing."""
    try:
        report = request.get_json(silent=True)
    except RecursionError:
        # Python's JSON parser recurses once per nesting level; no report nests deeply.
        report = None
    if not isinstance(report, dict):
        return error(400, "Send a JSON object.")
    event_id, kind = report.get("id"), report.get("type")
    try:
        fields.printable("id", event_id, max_length=100)
    except ValidationError:
        return error(
            400, "Every event needs an id: printable text of 1 to 100 characters.", field="id"
        )
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        return error(
            400, f"Unknown event type; use one of: {', '.join(EVENT_TYPES)}.", field="type"
        )
    booking_or_404(booking_id)
    # The document promises these fields' shapes for every report, a replay or a no_show
    # included, not only where a state change reads them.
    try:
        assignments.check_report(report)
    except ValidationError as invalid:
        message, params = invalid.errors[invalid.field]
        return error(400, message % params if params else message, field=invalid.field)
    if kind == "no_show":
        return _no_show(booking_id, event_id)
    details = {
        key: report.get(key)
        for key in ("driver_name", "driver_phone", "car_make", "car_colour", "plate", "eta_minutes")
        if key in report
    }
    db = get_db()
    settings = car_updates.settings_from_config(current_app.config)
    try:
        with writing(db):
            # Checked in the write transaction: the other center may have taken the ride since
            # this report arrived.
            overflow.check_report(db, booking_id, g.api_actor, kind, event_key=_event_key(event_id))
            if kind == "eta":
                if "eta_minutes" not in report:
                    raise ValidationError(
                        "eta_minutes",
                        "Please give the minutes until the car arrives, as a whole number.",
                    )
                booking = car_updates.report_eta(
                    db,
                    booking_id,
                    report["eta_minutes"],
                    actor=g.api_actor,
                    settings=settings,
                    event_key=_event_key(event_id),
                )
            elif kind == "arrived":
                booking = car_updates.report_arrived(
                    db, booking_id, actor=g.api_actor, event_key=_event_key(event_id)
                )
            else:
                booking = bookings.get_booking(db, booking_id)
                # A ride already with this center, or its car: saying so again is no news to anyone.
                if not handbacks.says_what_is_so(booking, kind, details):
                    booking = bookings.transition(
                        db,
                        booking_id,
                        kind,
                        actor=g.api_actor,
                        details=details,
                        event_key=_event_key(event_id),
                    )
                    car_updates.reported(db, booking, settings, event=kind)
    except NotFound as unknown:
        return error(404, str(unknown))
    except TransitionRefused as refusal:
        return error(409, str(refusal), state=bookings.get_booking(get_db(), booking_id)["state"])
    except ValidationError as invalid:
        field = invalid.field
        message, params = invalid.errors[field]
        return error(400, message % params if params else message, field=field)
    return jsonify({"booking": _answer(booking)})


def _answer(booking: Booking) -> dict[str, Any]:
    """The booking as a report's answer shows it: to the overflow center on a ride it gave back
    (a replay of its own report), as it was last sent to it, none of the ride's later changes."""
    if g.api_actor == overflow.OVERFLOW_ACTOR and not overflow.readable(
        overflow.offer_of(get_db(), booking["id"])
    ):
        told = overflow.last_told(get_db(), booking["id"])
        if told is not None:
            return told
    return booking_json(booking)


def _event_key(event_id: object) -> str:
    """The log's key for a report: each center's event ids are its own."""
    prefix = "overflow" if g.api_actor == overflow.OVERFLOW_ACTOR else "api"
    return f"{prefix}:{event_id}"


def _no_show(booking_id: int, event_id: object) -> ResponseReturnValue:
    """The driver is there and the senior is not: start a welfare check (never a fee)."""
    db = get_db()
    try:
        with writing(db):
            key = _event_key(event_id)
            # Only its own no-show sent again is a replay: an id its state reports used on this
            # ride is a new report, checked as one (the center may have lost the ride since).
            overflow.check_report(
                db,
                booking_id,
                g.api_actor,
                "no_show",
                event_key=key if welfare.reported(db, key) else None,
            )
            welfare.report_no_show(
                db,
                booking_id,
                event_key=key,
                actor=g.api_actor,
                answer_seconds=current_app.config["WELFARE_ANSWER_SECONDS"],
            )
    except NotFound as unknown:
        return error(404, str(unknown))
    except TransitionRefused as refusal:
        return error(409, str(refusal), state=bookings.get_booking(db, booking_id)["state"])
    except ValidationError as invalid:
        message, params = invalid.errors[invalid.field]
        return error(400, message % params if params else message, field=invalid.field)
    return jsonify({"booking": _answer(bookings.get_booking(db, booking_id))})


@bp.post("/tds")
def tds_status_report() -> ResponseReturnValue:
    """A TDS trip provider's status telegram: its confirmation with vehicle and driver, a vehicle
    task's outcome, or the completed trip; a repeated telegram changes nothing."""
    try:
        message = request.get_json(silent=True)
    except RecursionError:
        message = None
    try:
        booking = tds_status.hear(
            get_db(), message, answer_seconds=current_app.config["WELFARE_ANSWER_SECONDS"]
        )
    except NotFound:
        return error(404, "There is no ride with this tripTicketId.", field="tripTicketId")
    except TransitionRefused as refusal:
        booking_id = tds_status.booking_of_ticket(_ticket(message))
        state = bookings.get_booking(get_db(), booking_id)["state"] if booking_id else None
        return error(409, str(refusal), state=state)
    except ValidationError as invalid:
        message_text, params = invalid.errors[invalid.field]
        return error(400, message_text % params if params else message_text, field=invalid.field)
    if booking is None:
        return jsonify({"booking": None}), 202
    return jsonify({"booking": booking_json(booking)})


def _ticket(message: object) -> str | None:
    """The tripTicketId of the status telegram in a message, whatever its name."""
    for name in tds_status.HEARD:
        telegram = message.get(name) if isinstance(message, dict) else None
        if isinstance(telegram, dict):
            return telegram.get("tripTicketId")
    return None
