"""No-show welfare checks: the driver is there and the senior is not. Never a fee: a call to the
senior, then the family, and an alert for dispatchers until someone marks it resolved."""

import datetime
from typing import Any

from sqlite_utils import Database

from elderride.services import booking_document, booking_log, clock, wording
from elderride.services.errors import N_, NotFound, TransitionRefused, ValidationError
from elderride.services.outgoing import outbox
from elderride.services.people.contacts import notified_contacts, text_language
from elderride.services.people.seniors import get_senior, phones_of
from elderride.services.records import Booking, Senior
from elderride.store import inserted_id, writing

# The driver can only be waiting outside for a ride whose driver is on the way or there.
REPORTABLE_STATES = frozenset({"assigned", "arriving"})
UNRESOLVED_STATES = ("calling", "answered", "escalated")
# How long the senior has to answer the call before the family is told.
ANSWER_SECONDS = 180.0


def _row(row: Any) -> dict[str, Any]:
    return dict(row)


def get_check(db: Database, check_id: int) -> dict[str, Any]:
    """Return the welfare check with this id, or raise NotFound."""
    rows = list(db.table("welfare_checks").rows_where("id = ?", [check_id]))
    if not rows:
        raise NotFound(N_("There is no such welfare check."))
    return _row(rows[0])


# The booking document reads the latest check too; the query is written once, there.
check_of = booking_document.latest_check


def _key(event_key: str) -> str:
    return f"no_show:{event_key}"


def reported(db: Database, event_key: str) -> bool:
    """Tell whether a no-show was already reported under `event_key` (a replay of it): an id the
    center's other reports used is a new no-show."""
    row = db.execute(
        "select 1 from welfare_checks where event_key = ?", [_key(event_key)]
    ).fetchone()
    return row is not None


def report_no_show(
    db: Database,
    booking_id: int,
    *,
    event_key: str,
    actor: str,
    answer_seconds: float = ANSWER_SECONDS,
) -> dict[str, Any]:
    """Record that the driver is there and the senior is not: call the senior now, and the family
    if nobody answers in time; a replayed report or a second one while the first is open changes
    nothing."""
    from elderride.services.bookings import get_booking

    key = _key(event_key)
    with writing(db):
        replay = next(db.table("welfare_checks").rows_where("event_key = ?", [key]), None)
        if replay is not None:
            if replay["booking_id"] != booking_id:
                raise ValidationError(
                    "event_key", N_("This event id was already used for another ride.")
                )
            return _row(replay)
        # The dispatch system's event ids are one space: an id its other reports used for another
        # ride is refused here too.
        used = db.execute(
            "select booking_id from booking_events where event_key = ?", [event_key]
        ).fetchone()
        if used is not None and used[0] != booking_id:
            raise ValidationError(
                "event_key", N_("This event id was already used for another ride.")
            )
        booking = get_booking(db, booking_id)
        latest = check_of(db, booking_id)
        if latest is not None and latest["state"] in UNRESOLVED_STATES:
            return latest
        if booking["state"] not in REPORTABLE_STATES:
            raise TransitionRefused(
                N_("A ride that is %(from_state)s cannot have a driver waiting for it."),
                from_state=booking["state"],
            )
        now = clock.now()
        check_id = inserted_id(
            db.table("welfare_checks").insert(
                {
                    "booking_id": booking_id,
                    "senior_id": booking["senior_id"],
                    "state": "calling",
                    "event_key": key,
                    "reported_at": clock.iso(now),
                    "escalate_at": clock.iso(now + datetime.timedelta(seconds=answer_seconds)),
                }
            )
        )
        booking_log.record(
            db,
            {**booking, "updated_at": clock.iso(now)},
            booking["state"],
            booking["state"],
            actor=actor,
            event="no_show",
            details={},
            # The dispatch system's ids are one space: its other reports see this one too (unless
            # this ride's own earlier report already holds the id).
            event_key=event_key if used is None else None,
        )
        check = get_check(db, check_id)
        outbox.enqueue(
            db,
            "dispatch",
            {
                "event": "no_show",
                "state": booking["state"],
                "booking": booking_document.document_of(db, booking),
            },
            booking_id=booking_id,
        )
        senior = get_senior(db, booking["senior_id"]) if booking["senior_id"] else None
        number = booking["caller_phone"] or (
            next((phone["phone"] for phone in phones_of(db, senior["id"])), None)
            if senior
            else None
        )
        if number:
            language = senior["language"] if senior else "en"
            outbox.enqueue(
                db,
                "call",
                {
                    "to": number,
                    "say": _words(language, "call", booking, senior),
                    "machine_say": _words(language, "machine", booking, senior),
                    "language": language,
                    "state": "no_show",
                    "answer": f"/voice/welfare?check={check_id}",
                },
                booking_id=booking_id,
                ordering_key=f"welfare:{check_id}:senior",
            )
        return check


def _words(language: str, part: str, booking: Booking, senior: Senior | None) -> str:
    """The welfare notice `part` in `language`, filled in for the booking."""
    template = wording.catalog(language)["welfare"][part]
    return str(template.format(**wording.fields_of(booking, senior, language)))


def answered(db: Database, check_id: int) -> bool:
    """The senior answered the welfare call: the family need not be alarmed; tell whether it was
    still waiting."""
    with writing(db):
        cursor = db.execute(
            "update welfare_checks set state = 'answered', answered_at = ? "
            "where id = ? and state = 'calling'",
            [clock.iso(), check_id],
        )
    return bool(cursor.rowcount == 1)


def resolve(db: Database, check_id: int, *, actor: str) -> dict[str, Any]:
    """Mark a welfare check resolved (someone found the senior well): the alert ends and no
    escalation follows."""
    with writing(db):
        check = get_check(db, check_id)
        if check["state"] != "resolved":
            db.table("welfare_checks").update(
                check_id,
                {"state": "resolved", "resolved_at": clock.iso(), "resolved_by": actor[:100]},
            )
        return get_check(db, check_id)


def unresolved(db: Database, *, limit: int = 50) -> list[dict[str, Any]]:
    """Return the welfare checks a dispatcher must still look at, oldest first, with their
    rides."""
    from elderride.services.bookings import get_booking

    # The open checks first (a handful), then each one's ride by its id: the console's every
    # refresh never touches the history of bookings.
    checks = [
        _row(row)
        for row in db.table("welfare_checks").rows_where(
            "state in ('calling', 'answered', 'escalated')", order_by="id", limit=limit
        )
    ]
    for check in checks:
        booking = get_booking(db, check["booking_id"])
        senior = get_senior(db, check["senior_id"]) if check["senior_id"] else None
        check.update(
            pickup_label=booking["pickup_label"],
            pickup_address=booking["pickup_address"],
            senior_name=senior["name"] if senior else None,
        )
    return checks


def escalate_due(db: Database, *, now: datetime.datetime | None = None) -> int:
    """Tell the family about every check whose senior did not answer in time; return how many.

    The conditional update is the claim: of two workers only one moves a check on and queues its
    texts and calls, in the same transaction.
    """
    from elderride.services.bookings import get_booking

    now = now or clock.now()
    due = [
        row[0]
        for row in db.execute(
            "select id from welfare_checks where state = 'calling' and escalate_at <= ? "
            "order by escalate_at limit 50",
            [clock.iso(now)],
        ).fetchall()
    ]
    escalated = 0
    for check_id in due:
        with writing(db):
            check = get_check(db, check_id)
            booking = get_booking(db, check["booking_id"])
            if booking["state"] in ("picked_up", "completed"):
                # They came out after all: the driver has them, nobody needs alarming.
                db.execute(
                    "update welfare_checks set state = 'answered', answered_at = ? "
                    "where id = ? and state = 'calling'",
                    [clock.iso(now), check_id],
                )
                continue
            claimed = db.execute(
                "update welfare_checks set state = 'escalated', escalated_at = ? "
                "where id = ? and state = 'calling'",
                [clock.iso(now), check_id],
            ).rowcount
            if claimed != 1:
                continue
            escalated += 1
            senior = get_senior(db, check["senior_id"]) if check["senior_id"] else None
            if senior is None:
                continue
            for contact in notified_contacts(db, senior["id"]):
                language = text_language(contact, senior)
                for kind, part in (("text", "family_text"), ("call", "family_call")):
                    words = _words(language, part, booking, senior)
                    payload = {"to": contact["phone"], "language": language, "state": "no_show"}
                    payload.update({"body": words} if kind == "text" else {"say": words})
                    outbox.enqueue(
                        db,
                        kind,
                        payload,
                        booking_id=booking["id"],
                        ordering_key=f"welfare:{check_id}:{kind}:{contact['phone']}",
                    )
    return escalated
