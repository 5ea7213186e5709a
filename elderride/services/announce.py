"""Who hears of a change to a booking: the dispatch hand-off, the family's texts and the senior's
call-back."""

import datetime

from sqlite_utils import Database

from elderride.services import (
    booking_document,
    car_marks,
    clock,
    lifecycle,
    overflow,
    trust,
    wording,
)
from elderride.services.outgoing import outbox
from elderride.services.people import code_words
from elderride.services.people.contacts import notified_contacts, text_language
from elderride.services.people.seniors import phones_of
from elderride.services.records import Booking, Senior

# How long a cancel's texts wait, so that undoing the cancel at once sends nothing.
CANCEL_TEXT_DELAY_SECONDS = 60
# News that replaces what came before about the ride's car: a call or text about the car not yet
# sent is dropped, as it is no longer true (docs/overflow.md, "A ride handed back again and again").
CAR_NEWS = frozenset({"assigned", "no_car"})
SUPERSEDED = frozenset({"assigned", "no_car", "heads_up", "arriving", "arrived"})
# Within this long, news already told on this ride, and the last told, in the same words, is not
# told again: a center that drops a car and finds none again has nothing new to say to an older
# person, but a car with another plate is news even when the "no car" between was never sent.
REPEAT_WINDOW = datetime.timedelta(minutes=15)


def _fold(db: Database, booking_id: int, kind: str, to: str, state: str, words: str) -> bool:
    """Drop the ride's unsent car news to `to` that `state` makes untrue, in the caller's
    transaction; tell whether `state`, in these `words`, is what `to` was last told about the ride,
    within REPEAT_WINDOW (nothing new to tell)."""
    if state in CAR_NEWS:
        # One that failed and waits to be tried again is dropped too (retried, it would tell of a
        # car that is not coming), but not one a worker is placing this moment.
        now = clock.iso()
        db.execute(
            "update outbox set status = 'withdrawn', finished_at = ?, last_error = 'newer news "
            "about the ride came before it was sent'"
            " where booking_id = ? and kind = ? and status = 'pending'"
            " and (claimed_until is null or claimed_until < ?)"
            " and json_extract(payload, '$.to') = ?"
            f" and json_extract(payload, '$.state') in ({', '.join('?' for _ in SUPERSEDED)})",
            [now, booking_id, kind, now, to, *sorted(SUPERSEDED)],
        )
    said = "$.body" if kind == "text" else "$.say"
    last = db.execute(
        "select json_extract(payload, '$.state'), json_extract(payload, ?), created_at from outbox"
        " where booking_id = ?"
        " and kind = ? and status in ('pending', 'done') and json_extract(payload, '$.to') = ?"
        " order by id desc limit 1",
        [said, booking_id, kind, to],
    ).fetchone()
    return (
        last is not None
        and (last[0], last[1]) == (state, words)
        and clock.parse(last[2]) > clock.now() - REPEAT_WINDOW
    )


def _withdraw_cancel_texts(db: Database, booking_id: int) -> bool:
    """Take back the booking's cancel texts that have not gone yet; tell whether there were any."""
    cursor = db.execute(
        "update outbox set status = 'withdrawn', finished_at = ?, last_error = 'the cancel was "
        "undone before it was sent'"
        " where booking_id = ? and kind = 'text' and status = 'pending' and attempts = 0"
        " and json_extract(payload, '$.state') = 'cancelled'",
        [clock.iso(), booking_id],
    )
    return cursor.rowcount > 0


def _hurry_cancel_texts(db: Database, phone: str, *, before: int) -> None:
    """Send a number's cancel texts still waiting out their undo minute now: a newer text queues
    behind them, and must neither wait that minute nor arrive first."""
    db.execute(
        "update outbox set next_attempt_at = ? where kind = 'text' and status = 'pending'"
        " and attempts = 0 and id < ? and next_attempt_at > ?"
        " and json_extract(payload, '$.to') = ? and json_extract(payload, '$.state') = 'cancelled'",
        [clock.iso(), before, clock.iso(), phone],
    )


def dispatch_hears(booking: Booking, state: str, from_state: str | None = None) -> bool:
    """Tell whether dispatch is told that `booking` is now in `state` (coming from `from_state`)."""
    # A ride waiting for the senior's call reaches dispatch when they call, and never if it is
    # cancelled before.
    if state in lifecycle.UNDISPATCHED_STATES or (
        state == "cancelled" and from_state in lifecycle.UNDISPATCHED_STATES
    ):
        return False
    # A ride held until a person checks it is real reaches dispatch only once they let it go: a
    # dispatch system may send a car for any booking it hears of, whatever its state says.
    held = booking["review_reason"] is not None
    return not (held and "needs_review" in (state, from_state))


def change(
    db: Database,
    booking: Booking,
    senior: Senior | None,
    state: str,
    *,
    event: str,
    from_state: str | None = None,
    actor: str = "",
) -> None:
    """Queue, in the caller's transaction, the dispatch hand-off and the notices for `state`."""
    if dispatch_hears(booking, state, from_state):
        outbox.enqueue(
            db,
            "dispatch",
            {"event": event, "state": state, "booking": booking_document.document_of(db, booking)},
            booking_id=booking["id"],
        )
        overflow.follow(db, booking, event)
    if senior is None:
        return
    language = senior["language"]
    # A cancel taken back before its texts went says nothing at all: neither "cancelled" nor "booked
    # again".
    quiet = event == "reopened" and _withdraw_cancel_texts(db, booking["id"])
    held = trust.REASONS.get(booking["review_reason"] or "")
    texted = state in lifecycle.FAMILY_TEXT_STATES or (
        state == "needs_review" and held is not None and held.family_texted
    )
    if texted and not quiet:
        for contact in notified_contacts(db, senior["id"], actor=actor):
            body = wording.render("text", state, booking, senior, text_language(contact, senior))
            if _fold(db, booking["id"], "text", contact["phone"], state, body):
                continue
            entry_id = outbox.enqueue(
                db,
                "text",
                {"to": contact["phone"], "body": body, "state": state},
                booking_id=booking["id"],
                # One queue per number: texts about its rides arrive in the order they happened.
                ordering_key=f"ride-texts:{contact['phone']}",
            )
            if state == "cancelled":
                # A cancel can be undone (a mistaken tap): its texts wait a moment before they go.
                later = clock.iso(
                    clock.now() + datetime.timedelta(seconds=CANCEL_TEXT_DELAY_SECONDS)
                )
                db.table("outbox").update(entry_id, {"next_attempt_at": later})
            else:
                _hurry_cancel_texts(db, contact["phone"], before=entry_id)
    if state == "arriving" and not car_marks.arriving_call_due(db, booking):
        return  # the senior already heard the car is near, or at the door
    if state in lifecycle.SENIOR_CALL_STATES:
        number = booking["caller_phone"] or next(
            (phone["phone"] for phone in phones_of(db, senior["id"])), None
        )
        if number:
            say, shown = wording.render("call", state, booking, senior, language), None
            if state == "arriving":
                # With no heads-up before it, this is the arrival call: it says the code word.
                say, shown = code_words.said_with(senior, say)
            if _fold(db, booking["id"], "call", number, state, say):
                return
            outbox.enqueue(
                db,
                "call",
                {
                    "to": number,
                    "say": say,
                    **({"shown": shown} if shown else {}),
                    "language": language,
                    "state": state,
                },
                booking_id=booking["id"],
            )
