"""Views of the dispatch console."""

import functools
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlite_utils import Database

from elderride.console import times
from elderride.services import (
    booking_document,
    bookings,
    calls,
    car_updates,
    clock,
    drivers,
    handbacks,
    lifecycle,
    paging,
    review,
    seen,
    trust,
)
from elderride.services.errors import N_, NotFound, TransitionRefused, ValidationError
from elderride.services.outgoing import messages, outbox
from elderride.services.people import code_words, phones, place_fields, seniors
from elderride.services.read_models import ride_queue
from elderride.services.records import Booking
from elderride.services.scheduled import welfare
from elderride.store import writing
from elderride.web import sessions
from elderride.web.database import get_db
from elderride.web.lookups import booking_or_404, found_or_404

bp = Blueprint("console", __name__, url_prefix="/console")
# Moves that stop a ride for good or leave a senior without a car: a second step asks first.
CONFIRMED_MOVES = ("cancelled", "no_car")
# A view function, as Flask routes it.
View = Callable[..., ResponseReturnValue]


@bp.before_request
def load_staff() -> None:
    g.staff = sessions.current(get_db(), "staff")


@bp.context_processor
def console_helpers() -> dict[str, Any]:
    return {
        "console_time": {
            "clock": times.clock_time,
            "human": times.human,
            "relative": times.relative,
            "waited": times.waited,
            "pickup": times.pickup,
            "pickup_short": times.pickup_short,
            "their_time": times.their_time,
        },
        "waiting_since": ride_queue.waiting_since,
        "timezone_name": current_app.config["TIMEZONE"],
        "phone_display": phones.display,
        "is_recording": review.is_placeholder,
        "hold_reasons": trust.REASONS,
        "place_fields": place_fields,
    }


def staff_required(view: View) -> View:
    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> ResponseReturnValue:
        if g.staff is None:
            return redirect(url_for("console.sign_in"))
        return view(**kwargs)

    return wrapped


@bp.route("/signin", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    """Staff sign in."""
    tried = sessions.SignInTry()
    if request.method == "POST":
        tried = sessions.sign_in_posted(get_db(), "staff")
        if tried.account is not None:
            return redirect(url_for("console.queue"), code=303)
    return render_template("console/sign_in.html", error=tried.error), tried.status, tried.headers


@bp.post("/signout")
def sign_out() -> ResponseReturnValue:
    """End the session, on this device and every other."""
    sessions.end(get_db(), "staff")
    return redirect(url_for("console.sign_in"), code=303)


# Rides on one page of the queue; older ones are a link away.
QUEUE_PAGE = 100


def _cursor(name: str = "before") -> int | None:
    """The page cursor a link carried, or None (a broken one is treated as the first page)."""
    try:
        return paging.cursor(request.args.get(name))
    except ValidationError:
        return None


def _alarm_minutes(db: Database) -> int | None:
    """Return how many minutes dispatch has left a booking unacknowledged, once that is too long."""
    age = outbox.oldest_pending_age(db, "dispatch")
    if age is None or age <= current_app.config["DISPATCH_ALARM_SECONDS"]:
        return None
    return round(age / 60)


def _queue_context() -> dict[str, Any]:
    db = get_db()
    state = request.args.get("state")
    state = state if state in lifecycle.STATES else None
    text = request.args.get("q", "")[: ride_queue.MAX_QUERY].strip()
    sort = request.args.get("sort")
    sort = sort if sort in ride_queue.SORTS else ride_queue.SORTS[0]
    if text:
        found = ride_queue.search(db, text, default_region=current_app.config["DEFAULT_REGION"])
        listed = ride_queue.Queue(rides=found)
    else:
        listed = ride_queue.open_queue(
            db,
            state=state,
            size=QUEUE_PAGE,
            before=_cursor(),
            sort=sort,
            now=clock.iso(clock.now()),
        )
    return {
        "reviews": listed.reviews,
        "rides": listed.rides,
        "older": listed.older,
        "more_reviews": listed.more_reviews,
        "state": state,
        "sort": sort,
        "query": text,
        "states": lifecycle.STATES,
        "alarm_minutes": _alarm_minutes(db),
        "dead": outbox.backlog(db)["dead"],
        "welfare_checks": welfare.unresolved(db),
    }


@bp.post("/welfare/<int:check_id>/resolved")
@staff_required
def welfare_resolved(check_id: int) -> ResponseReturnValue:
    """A dispatcher marks a no-show welfare check resolved: the alert ends, no one else is
    called."""
    try:
        welfare.resolve(get_db(), check_id, actor=f"dispatcher:{g.staff['id']}")
    except NotFound:
        abort(404)
    return redirect(url_for("console.queue"), code=303)


@bp.get("/")
@staff_required
def queue() -> ResponseReturnValue:
    """The live queue of open requests."""
    return render_template("console/queue.html", **_queue_context())


@bp.get("/queue-panel")
@staff_required
def queue_panel() -> ResponseReturnValue:
    """Just the queue, which the page's script swaps in without a reload."""
    return render_template("console/_queue.html", **_queue_context())


# The export holds at most this many open rides, newest first (as the API's largest page).
EXPORT_MAX = 200


@bp.get("/export.json")
@staff_required
def export() -> ResponseReturnValue:
    """The open rides as the dispatch document, for a dispatch system fed by hand."""
    db = get_db()
    page = bookings.page_bookings(db, states=sorted(lifecycle.OPEN_STATES), size=EXPORT_MAX)
    response = jsonify(
        {
            # A page of bookings is booking rows.
            # A file of every senior's code word would let its holder pose as any driver: the
            # word goes to dispatch ride by ride (webhook, API) and shows on one ride's page.
            "bookings": [
                booking_document.document_of(db, cast(Booking, ride), with_code_word=False)
                for ride in page.rows
            ],
            "complete": page.next is None,
        }
    )
    response.headers["Content-Disposition"] = 'attachment; filename="elderride-open-rides.json"'
    return response


@bp.get("/bookings/<int:booking_id>")
@staff_required
def booking(booking_id: int) -> ResponseReturnValue:
    """Everything about one booking, and what can be done with it."""
    return _booking_page(booking_id, {})


def _booking_page(
    booking_id: int,
    errors: Mapping[str, tuple[str, Mapping[str, Any]]],
    status: int = 200,
    form: Mapping[str, Any] | None = None,
    confirming: str | None = None,
) -> ResponseReturnValue:
    db = get_db()
    ride = booking_or_404(booking_id)
    # The page also shows the senior's name and number, added to the row itself.
    ride_queue.with_people(db, [cast(dict[str, Any], ride)])
    senior = seniors.get_senior(db, ride["senior_id"]) if ride["senior_id"] else None
    utterances = calls.utterances_of(db, ride["call_sid"]) if ride["call_sid"] else []
    deliveries = outbox.entries(db, booking_id=booking_id)
    moves = lifecycle.moves(ride["state"])
    if ride["state"] == "cancelled" and not bookings.can_reopen(
        db, ride, actor=f"dispatcher:{g.staff['id']}"
    ):
        moves = []
    page = render_template(
        "console/booking.html",
        ride=ride,
        senior=senior,
        family=trust.family_of(db, senior["id"]) if senior else [],
        senior_phones=seniors.phones_of(db, senior["id"]) if senior else [],
        events=bookings.events_of(db, booking_id),
        utterances=utterances,
        messages=messages.messages(db, booking_id=booking_id),
        deliveries=deliveries,
        actions=moves,
        confirmed_moves=CONFIRMED_MOVES,
        unheard=review.unheard_fields(ride),
        drivers=drivers.recent(db),
        errors=errors,
        form=form or {},
        confirming=confirming,
        seen=seen.stamp(ride),
        minutes_away=bookings.minutes_away(db, ride),
        # Only here, one ride at a time, while its car is to come: the dispatcher tells the driver.
        code_word=code_words.for_the_ride(db, ride["senior_id"], ride["state"]),
        welfare_check=welfare.check_of(db, booking_id),
        handed_back=handbacks.waiting_on_a_dispatcher(db, booking_id, ride["state"]),
        can_report_no_show=ride["state"] in welfare.REPORTABLE_STATES,
        report_key=uuid.uuid4().hex,
    )
    return page, status


@bp.get("/bookings/<int:booking_id>/confirm/<target>")
@staff_required
def confirm_move(booking_id: int, target: str) -> ResponseReturnValue:
    """Ask once more before cancelling a ride or reporting that no car was found."""
    ride = booking_or_404(booking_id)
    if target not in CONFIRMED_MOVES or target not in lifecycle.moves(ride["state"]):
        abort(404)
    return _booking_page(booking_id, {}, confirming=target)


@bp.post("/bookings/<int:booking_id>/state")
@staff_required
def change_state(booking_id: int) -> ResponseReturnValue:
    """Move a booking (confirm a review, assign a driver, mark arriving, no car, cancel …)."""
    ride = booking_or_404(booking_id)
    target = request.form.get("to", "")
    form = request.form.to_dict()
    if target == "assigned":
        # A remembered driver fills in what the dispatcher left blank.
        form = drivers.filled_in(get_db(), form)
    db = get_db()
    try:
        with writing(db):
            # Chosen on the page as it was: a center may have assigned or dropped a car since.
            seen.check(db, booking_id, form.get("seen"))
            moved = bookings.transition(
                db,
                booking_id,
                target,
                actor=f"dispatcher:{g.staff['id']}",
                details=form,
            )
            car_updates.reported(
                db, moved, car_updates.settings_from_config(current_app.config), event=target
            )
    except ValidationError as error:
        return _booking_page(booking_id, error.errors, 400, form=form)
    except TransitionRefused as refusal:
        errors = {"to": (refusal.message, refusal.params)}
        if target == "requested":
            # Point at the addresses still to be typed, not only at the button.
            for name in review.unheard_fields(ride):
                errors[name] = (N_("Still a recording: listen, then type the address."), {})
        return _booking_page(booking_id, errors, 409, form=form)
    return redirect(url_for("console.booking", booking_id=booking_id), code=303)


@bp.post("/bookings/<int:booking_id>/eta")
@staff_required
def report_eta(booking_id: int) -> ResponseReturnValue:
    """A driver phoned in a new time: the senior hears "N minutes away" or "late" as it calls
    for."""
    booking_or_404(booking_id)
    form = request.form.to_dict()
    db = get_db()
    try:
        with writing(db):
            # The time a driver phoned in is for the car on the page, not one a center named since.
            seen.check(db, booking_id, form.get("seen"))
            car_updates.report_eta(
                db,
                booking_id,
                form.get("eta_minutes", ""),
                actor=f"dispatcher:{g.staff['id']}",
                settings=car_updates.settings_from_config(current_app.config),
            )
    except ValidationError as error:
        return _booking_page(booking_id, error.errors, 400, form=form)
    except TransitionRefused as refusal:
        return _booking_page(booking_id, {"eta_minutes": (refusal.message, refusal.params)}, 409)
    return redirect(url_for("console.booking", booking_id=booking_id, _anchor="actions"), code=303)


@bp.post("/bookings/<int:booking_id>/arrived")
@staff_required
def report_arrived(booking_id: int) -> ResponseReturnValue:
    """The driver says the car is at the door: the senior hears it once, the car described."""
    booking_or_404(booking_id)
    db = get_db()
    try:
        with writing(db):
            seen.check(db, booking_id, request.form.get("seen"))
            car_updates.report_arrived(db, booking_id, actor=f"dispatcher:{g.staff['id']}")
    except TransitionRefused as refusal:
        return _booking_page(booking_id, {"to": (refusal.message, refusal.params)}, 409)
    return redirect(url_for("console.booking", booking_id=booking_id, _anchor="actions"), code=303)


@bp.post("/bookings/<int:booking_id>/no-show")
@staff_required
def no_show(booking_id: int) -> ResponseReturnValue:
    """The driver is there and the senior has not come out: the same welfare check as the
    dispatch API's no_show (a call to the senior, the family if nobody answers), never a fee."""
    booking_or_404(booking_id)
    # The form's own key makes a double click or a resent form one report, not two.
    report_key = "".join(ch for ch in request.form.get("report_key", "")[:64] if ch.isalnum())
    db = get_db()
    try:
        with writing(db):
            seen.check(db, booking_id, request.form.get("seen"))
            welfare.report_no_show(
                db,
                booking_id,
                event_key=f"console:{booking_id}:{report_key or uuid.uuid4().hex}",
                actor=f"dispatcher:{g.staff['id']}",
                answer_seconds=current_app.config["WELFARE_ANSWER_SECONDS"],
            )
    except TransitionRefused as refusal:
        return _booking_page(booking_id, {"no_show": (refusal.message, refusal.params)}, 409)
    return redirect(url_for("console.booking", booking_id=booking_id), code=303)


@bp.post("/bookings/<int:booking_id>/trip")
@staff_required
def edit_trip(booking_id: int) -> ResponseReturnValue:
    """Correct the pickup and destination addresses."""
    booking_or_404(booking_id)
    form = request.form.to_dict()
    try:
        bookings.edit_trip(
            get_db(),
            booking_id,
            pickup_address=request.form.get("pickup_address", ""),
            destination_address=request.form.get("destination_address", ""),
            actor=f"dispatcher:{g.staff['id']}",
        )
    except ValidationError as error:
        return _booking_page(booking_id, error.errors, 400, form=form)
    except TransitionRefused as refusal:
        return _booking_page(
            booking_id, {"trip": (refusal.message, refusal.params)}, 409, form=form
        )
    return redirect(url_for("console.booking", booking_id=booking_id, _anchor="actions"), code=303)


@bp.post("/families/<int:family_member_id>/trust")
@staff_required
def trust_family(family_member_id: int) -> ResponseReturnValue:
    """Vouch for a family account: its rides for now go straight to dispatch from now on."""
    try:
        trust.trust_family(get_db(), family_member_id, by=f"dispatcher:{g.staff['id']}")
    except NotFound:
        abort(404)
    ride_id = request.form.get("booking_id", type=int)
    if ride_id is None:
        return redirect(url_for("console.queue"), code=303)
    return redirect(url_for("console.booking", booking_id=ride_id, _anchor="family"), code=303)


@bp.get("/recordings/<int:utterance_id>")
@staff_required
def recording(utterance_id: int) -> ResponseReturnValue:
    """A caller's recording, for the console's audio player."""
    utterance = found_or_404(calls.get_utterance, get_db(), utterance_id)
    if not utterance["audio_path"] or "\0" in utterance["audio_path"]:
        abort(404)
    path = Path(utterance["audio_path"]).resolve()
    # Only files in the recordings folder are ever served, whatever the database says.
    if Path(current_app.config["RECORDINGS"]).resolve() not in path.parents or not path.is_file():
        abort(404)
    return send_file(path, mimetype="audio/wav")


@bp.get("/outbox")
@staff_required
def outbox_page() -> ResponseReturnValue:
    """Notifications sent and deliveries to dispatch, failures and dead letters first, older ones a
    page at a time."""
    db = get_db()
    done = outbox.finished_page(db, size=100, before=_cursor("done_before"))
    sent = messages.message_page(db, size=100, before=_cursor("messages_before"))
    entries = [
        dict(entry, recipient=messages.recipient(entry))
        for entry in outbox.dead_and_waiting(db) + done.rows
    ]
    return render_template(
        "console/outbox.html",
        entries=entries,
        messages=sent.rows,
        older_done=done.next,
        older_messages=sent.next,
        alarm_minutes=_alarm_minutes(db),
    )


@bp.post("/outbox/<int:entry_id>/retry")
@staff_required
def retry(entry_id: int) -> ResponseReturnValue:
    """Put a dead letter back in the queue."""
    outbox.retry(get_db(), entry_id)
    return redirect(url_for("console.outbox_page"), code=303)
