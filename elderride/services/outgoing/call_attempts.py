"""Calls that know who answered: each call placed, whether a person or a machine took it, the
bounded retries of one nobody answered, and the family told when the rules say (docs/phone-flow.md).
"""

import datetime
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from elderride.services import booking_log, clock, lifecycle, wording
from elderride.services.car_marks import arrived_mark
from elderride.services.outgoing import outbox
from elderride.services.outgoing.call_outcomes import UNANSWERED, is_machine
from elderride.services.people.contacts import notified_contacts, text_language
from elderride.services.people.seniors import get_senior
from elderride.services.scheduled import marks
from elderride.store import writing

# Calls whose not reaching the senior the family must hear of: the evening-before reminder, and
# the car at the door (or about to be).
ESCALATED_STATES = {
    "reminder": "reminder_unreached",
    "arrived": "arrived_unreached",
    "arriving": "arrived_unreached",
}

# A ride in one of these needs no call about it tried again: nobody waits for a car any more.
OVER = frozenset({"cancelled", "picked_up", "completed"})
# Car notices the car at the door makes stale (car_marks.arrived_mark says it was told).
BEFORE_ARRIVAL = frozenset({"heads_up", "late", "arriving"})


@dataclass(frozen=True)
class Settings:
    """How many times a call nobody answered is tried again, and how far apart."""

    retries: int = 2
    retry_minutes: float = 5.0


def settings_from_config(config: Any) -> Settings:
    """Read these settings from an app's configuration (their ranges are settings.toml's, checked
    at start)."""
    return Settings(
        retries=int(config.get("CALL_RETRIES", 2)),
        retry_minutes=float(config.get("CALL_RETRY_MINUTES", 5.0)),
    )


def _row(row: Any) -> dict[str, Any]:
    return dict(row)


def placed(db: Database, outbox_id: int, call_sid: str) -> None:
    """Record that the outbox entry's call was placed as `call_sid` (a repeat changes nothing)."""
    row = next(db.table("outbox").rows_where("id = ?", [outbox_id]), None)
    payload = json.loads(row["payload"]) if row else {}
    stamp = clock.iso()
    with writing(db):
        db.table("call_attempts").insert(
            {
                "outbox_id": outbox_id,
                "first_outbox_id": payload.get("first_outbox_id", outbox_id),
                "attempt": payload.get("attempt", 1),
                "booking_id": row["booking_id"] if row else None,
                "to_phone": payload.get("to"),
                "call_sid": call_sid[:64],
                "state": "placed",
                "answered_by": None,
                "created_at": stamp,
                "updated_at": stamp,
            },
            ignore=True,
        )


def get_attempt(db: Database, outbox_id: int, call_sid: str) -> dict[str, Any] | None:
    """Return the attempt that delivered this entry as this call, or None (a forged pairing)."""
    row = next(
        db.table("call_attempts").rows_where(
            "outbox_id = ? and call_sid = ?", [outbox_id, call_sid[:64]]
        ),
        None,
    )
    return _row(row) if row is not None else None


def attempts_of(db: Database, booking_id: int) -> list[dict[str, Any]]:
    """Return the calls placed about a booking, oldest first (the console shows them)."""
    return [
        _row(row)
        for row in db.table("call_attempts").rows_where(
            "booking_id = ?", [booking_id], order_by="id"
        )
    ]


def answered_by(db: Database, attempt: dict[str, Any], who: str) -> bool:
    """Record who answered (Twilio's asynchronous AnsweredBy) on a call still placed, once; tell
    whether this report was the one recorded (a replay is not, and must do nothing)."""
    with writing(db):
        claimed: int = db.execute(
            "update call_attempts set answered_by = ?, updated_at = ?"
            " where id = ? and answered_by is null and state = 'placed'",
            [who[:40], clock.iso(), attempt["id"]],
        ).rowcount
    return claimed == 1


def ended(
    db: Database,
    attempt: dict[str, Any],
    status: str,
    who: str,
    settings: Settings,
    *,
    now: datetime.datetime | None = None,
) -> str:
    """Record how the call ended, and do what follows once: "retry" (queued a few minutes on),
    "escalated" (the family told), or "done"; a repeated callback does nothing more ("seen")."""
    now = now or clock.now()
    who = who[:40] or (attempt["answered_by"] or "")
    with writing(db):
        claimed = db.execute(
            "update call_attempts set state = ?, answered_by = ?, updated_at = ?"
            " where id = ? and state = 'placed'",
            [status[:40], who or None, clock.iso(now), attempt["id"]],
        ).rowcount
        if claimed != 1:
            return "seen"
        payload = outbox.call_payload(db, attempt["outbox_id"]) or {}
        if attempt["booking_id"] is not None:
            _log(db, attempt, status, who, now)
        reached = status == "completed" and not is_machine(who)
        if reached:
            return "done"
        if status in UNANSWERED and attempt["attempt"] <= settings.retries:
            again = dict(
                payload,
                attempt=attempt["attempt"] + 1,
                first_outbox_id=attempt["first_outbox_id"],
            )
            entry_id = outbox.enqueue(
                db,
                "call",
                again,
                booking_id=attempt["booking_id"],
                ordering_key=f"call-retry:{attempt['first_outbox_id']}",
            )
            later = now + datetime.timedelta(minutes=settings.retry_minutes)
            db.table("outbox").update(entry_id, {"next_attempt_at": clock.iso(later)})
            return "retry"
        if _escalate(db, attempt, payload):
            return "escalated"
        return "done"


def obsolete(db: Database, payload: dict[str, Any], booking_id: int | None) -> bool:
    """Tell whether a call's retry says what no longer holds: its ride is over or moved past the
    state it announced, the car is at the door after a heads-up, or its welfare check is
    resolved."""
    if not payload.get("attempt") or booking_id is None:
        return False  # a first call goes as queued: the notice that queued it was current
    from elderride.services.bookings import get_booking

    said = payload.get("state", "")
    if said == "no_show":
        latest = db.execute(
            "select state from welfare_checks where booking_id = ? order by id desc limit 1",
            [booking_id],
        ).fetchone()
        return latest is not None and latest[0] == "resolved"
    state = get_booking(db, booking_id)["state"]
    if state in OVER:
        return True
    if said in BEFORE_ARRIVAL and marks.marked(db, arrived_mark(booking_id)):
        return True
    return said in lifecycle.STATES and state != said


def drop(db: Database, payload: dict[str, Any], booking_id: int) -> None:
    """Put a retry not placed, because the ride moved on, on the ride's log."""
    from elderride.services.bookings import get_booking

    booking = get_booking(db, booking_id)
    booking_log.record(
        db,
        {**booking, "updated_at": clock.iso()},
        booking["state"],
        booking["state"],
        actor="twilio",
        event="call_attempt",
        details={"attempt": payload["attempt"], "status": "obsolete", "answered_by": None},
    )


def _log(db: Database, attempt: dict[str, Any], status: str, who: str, now: Any) -> None:
    """Put the attempt's outcome on its booking's log."""
    from elderride.services.bookings import get_booking

    booking = get_booking(db, attempt["booking_id"])
    booking_log.record(
        db,
        {**booking, "updated_at": clock.iso(now)},
        booking["state"],
        booking["state"],
        actor="twilio",
        event="call_attempt",
        details={"attempt": attempt["attempt"], "status": status, "answered_by": who or None},
    )


def _escalate(db: Database, attempt: dict[str, Any], payload: dict[str, Any]) -> bool:
    """Text the notified family when a call the rules name did not reach the senior; tell whether
    it did."""
    from elderride.services.bookings import get_booking

    part = ESCALATED_STATES.get(payload.get("state", ""))
    if part is None or attempt["booking_id"] is None:
        return False
    booking = get_booking(db, attempt["booking_id"])
    if booking["senior_id"] is None or booking["state"] in ("cancelled", "completed", "picked_up"):
        return False  # nothing left to worry about, or nobody to tell
    senior = get_senior(db, booking["senior_id"])
    for contact in notified_contacts(db, senior["id"]):
        language = text_language(contact, senior)
        fields = wording.fields_of(booking, senior, language)
        fields["tries"] = attempt["attempt"]
        body = wording.catalog(language)["calls"][part].format(**fields)
        outbox.enqueue(
            db,
            "text",
            {"to": contact["phone"], "body": body, "state": part},
            booking_id=booking["id"],
            ordering_key=f"ride-texts:{contact['phone']}",
        )
    return True


def machine_words(payload: dict[str, Any]) -> str:
    """What an answering machine hears: the call's words with no keys asked."""
    words: str = payload.get("machine_say") or payload["say"]
    return words
