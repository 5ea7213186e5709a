"""Answers to the calls elderride places: the reminder's keep or skip, the welfare check's
"press 1". Signed like every voice webhook."""

from collections.abc import Set
from typing import Any

from flask import Response, abort, current_app, request, url_for
from sqlite_utils import Database

from elderride.ivr import twiml
from elderride.ivr.prompts import prompts
from elderride.ivr.views import bp, signed, twiml_response
from elderride.services import bookings, lifecycle, wording
from elderride.services.errors import NotFound, TransitionRefused
from elderride.services.outgoing import call_attempts, call_outcomes, outbox
from elderride.services.people import phones, seniors
from elderride.services.records import Booking, Senior
from elderride.services.scheduled import schedule, welfare
from elderride.web.database import get_db


def _id(name: str) -> int:
    """The id a signed answer URL names: digits only, few enough for SQLite's integers."""
    value = request.args.get(name, "")
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        abort(404)
    return int(value)


def _with_senior(senior_id: int, booking: Booking) -> Senior:
    """The senior of a call, who must be at its far end: a signed URL for another senior's ride
    is refused."""
    db = get_db()
    numbers = {phone["phone"] for phone in seniors.phones_of(db, senior_id)}
    _at_far_end(numbers, booking)
    return seniors.get_senior(db, senior_id)


def _at_far_end(numbers: Set[str], booking: Booking) -> None:
    """Refuse (404) a call whose far end is neither one of `numbers` nor the ride's caller."""
    caller_phone = booking.get("caller_phone")
    if caller_phone:
        numbers = {*numbers, caller_phone}
    ends = {phones.caller_id(request.form.get(name, "")) for name in ("To", "From")}
    if not numbers & ends:
        abort(404)


def _said(words: str, language: str, *, again_url: str | None = None) -> Response:
    """Say `words`; with `again_url`, wait for a key once more and post it there."""
    return twiml_response(twiml.answer_then(prompts(language), words, again_url=again_url))


@bp.post("/reminder")
@signed
def reminder() -> Response:
    """The evening-before call of a ride booked ahead: 1 keeps the ride, 2 skips it (cancelled as
    any ride is, family told); anything else asks once more, then keeps it."""
    db = get_db()
    try:
        booking = bookings.get_booking(db, _id("booking"))
    except NotFound:
        abort(404)
    if booking["senior_id"] is None or not schedule.was_reminded(db, booking["id"]):
        abort(404)  # no reminder was placed for this ride: there is nothing to answer
    senior = _with_senior(booking["senior_id"], booking)
    words = wording.catalog(senior["language"])["reminder"]
    key = request.form.get("Digits", "")[:1]
    if key == "2":
        skip_occurrence(db, booking["id"])
        return _said(words["skipped"], senior["language"])
    if key == "1" or request.args.get("again"):
        # Silence twice keeps the ride: a missed reminder must never cost the senior a car.
        return _said(words["kept"], senior["language"])
    again = url_for("ivr.reminder", booking=booking["id"], again=1)
    return _said(schedule.reminder_words(booking, senior), senior["language"], again_url=again)


def skip_occurrence(db: Database, booking_id: int) -> None:
    """Cancel an occurrence's ride and its trip back; a repeat changes nothing."""
    for ride_id in [booking_id, *bookings.return_ride_ids(db, booking_id)]:
        ride = bookings.get_booking(db, ride_id)
        if ride["state"] in lifecycle.CANCELLABLE_STATES:
            try:
                bookings.transition(db, ride_id, "cancelled", actor="senior:reminder")
            except TransitionRefused:
                pass  # moved on meanwhile: what is true now stands


@bp.post("/welfare")
@signed
def welfare_answer() -> Response:
    """The no-show call: 1 means the senior is there and well, and the family is not alarmed."""
    db = get_db()
    try:
        check = welfare.get_check(db, _id("check"))
        booking = bookings.get_booking(db, check["booking_id"])
    except NotFound:
        abort(404)
    if check["senior_id"] is None:
        # A caller the line does not know: the ride's own number is who was called.
        _at_far_end(set(), booking)
        senior, language = None, "en"
    else:
        senior = _with_senior(check["senior_id"], booking)
        language = senior["language"]
    words = wording.catalog(language)["welfare"]
    if request.form.get("Digits", "")[:1] == "1":
        welfare.answered(db, check["id"])
        return _said(words["answered"], language)
    if request.args.get("again"):
        return _said("", language)  # silence twice: the family will be called
    again = url_for("ivr.welfare_answer", check=check["id"], again=1)
    return _said(
        words["call"].format(**wording.fields_of(booking, senior, language)),
        language,
        again_url=again,
    )


def _attempt() -> dict[str, Any]:
    """The placed call a signed callback is about: its entry and its CallSid must match one we
    placed (404 otherwise)."""
    attempt = call_attempts.get_attempt(get_db(), _id("entry"), request.form.get("CallSid", ""))
    if attempt is None:
        abort(404)
    return attempt


@bp.post("/placed/amd")
@signed
def placed_amd() -> Response:
    """Twilio's asynchronous answer to "who picked up?": a machine, once its greeting ended, is
    moved to the short message; a person goes on hearing the call."""
    attempt = _attempt()
    who = request.form.get("AnsweredBy", "")[:40]
    # Twilio repeats a callback it thinks was lost: only the first moves the live call.
    if call_attempts.answered_by(get_db(), attempt, who) and call_outcomes.is_machine(who):
        base = (current_app.config.get("PUBLIC_BASE_URL") or request.url_root).rstrip("/")
        _move_to(
            attempt["call_sid"], base + url_for("ivr.placed_machine", entry=attempt["outbox_id"])
        )
    return Response("", status=204)


def _move_to(call_sid: str, url: str) -> None:
    """Send the live call to `url` through Twilio's REST API (the twilio library's call update); a
    refusal or a timeout leaves the call as it was."""
    from twilio.base.exceptions import TwilioException
    from twilio.http.http_client import TwilioHttpClient
    from twilio.rest import Client

    config = current_app.config
    client = Client(
        config["TWILIO_ACCOUNT_SID"],
        config["TWILIO_AUTH_TOKEN"],
        http_client=TwilioHttpClient(timeout=5.0),
    )
    # Tests and private deployments point the REST host elsewhere, as the notifier does.
    client.api.base_url = config["TWILIO_API_BASE"].rstrip("/")
    try:
        client.calls(call_sid).update(url=url, method="POST")
    except (TwilioException, OSError) as error:
        # The machine then records the call's own words: still a message, only a longer one.
        current_app.logger.warning(
            "could not move call %s to its machine message: %s", call_sid, error
        )


@bp.post("/placed/machine")
@signed
def placed_machine() -> Response:
    """What an answering machine records after its beep: the words once, no keys asked."""
    attempt = _attempt()
    payload = outbox.call_payload(get_db(), attempt["outbox_id"])
    if payload is None:
        abort(404)
    return _said(call_attempts.machine_words(payload), payload["language"])


@bp.post("/placed/status")
@signed
def placed_status() -> Response:
    """How a placed call ended: a person, a machine, no answer, busy; retried or the family told
    as docs/phone-flow.md says."""
    attempt = _attempt()
    status = request.form.get("CallStatus", "")[:40]
    if status not in ("completed", "busy", "no-answer", "failed", "canceled"):
        return Response("", status=204)  # not an end: nothing follows yet
    settings = call_attempts.settings_from_config(current_app.config)
    call_attempts.ended(
        get_db(), attempt, status, request.form.get("AnsweredBy", "")[:40], settings
    )
    return Response("", status=204)
