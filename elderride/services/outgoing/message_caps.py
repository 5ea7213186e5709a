"""The daily caps on texts and calls, per senior and per number: past either, messages are held for
a person to look at."""

import datetime
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from elderride.services import clock
from elderride.store import writing

CAPPED_KINDS = ("text", "call")
WINDOW = datetime.timedelta(hours=24)


class MessageHeld(Exception):
    """A text or call not sent because its senior reached the daily cap."""


def sent_in_window(db: Database, booking_id: int, *, now: datetime.datetime | None = None) -> int:
    """Return how many texts and calls about this booking's senior went out in the last 24 hours."""
    since = clock.iso((now or clock.now()) - WINDOW)
    count: int = db.execute(
        """
        select count(*) from outbox
        join bookings on bookings.id = outbox.booking_id
        where bookings.senior_id = (select senior_id from bookings where id = ?)
          and outbox.kind in ('text', 'call') and outbox.status = 'done' and outbox.finished_at >= ?
        """,
        [booking_id, since],
    ).fetchone()[0]
    return count


def sent_to_in_window(db: Database, recipient: str, *, now: datetime.datetime | None = None) -> int:
    """Return how many texts and calls went to the number `recipient` in the last 24 hours."""
    since = clock.iso((now or clock.now()) - WINDOW)
    count: int = db.execute(
        "select count(*) from messages"
        " where recipient = ? and channel in ('text', 'call') and created_at >= ?",
        [recipient, since],
    ).fetchone()[0]
    return count


def check(
    db: Database,
    entry: Mapping[str, Any],
    cap: int | None,
    recipient_cap: int | None = None,
) -> None:
    """Raise MessageHeld when `entry` is a text or call past its senior's cap of `cap` in 24 hours,
    or past `recipient_cap` to its number."""
    if entry["kind"] not in CAPPED_KINDS:
        return
    if cap is not None and entry["booking_id"] is not None:
        sent = sent_in_window(db, entry["booking_id"])
        if sent >= cap:
            raise MessageHeld(
                f"held: {sent} texts and calls for this senior in 24 hours "
                f"(ELDERRIDE_DAILY_MESSAGE_CAP is {cap})"
            )
    # Per number as well: one number given as the contact of many seniors, in many accounts,
    # would otherwise get each senior's whole allowance.
    recipient = entry["payload"].get("to")
    if recipient_cap is not None and recipient:
        sent = sent_to_in_window(db, recipient)
        if sent >= recipient_cap:
            raise MessageHeld(
                f"held: {sent} texts and calls to this number in 24 hours "
                f"(ELDERRIDE_DAILY_RECIPIENT_CAP is {recipient_cap})"
            )


def hold(db: Database, entry: Mapping[str, Any], reason: str) -> bool:
    """Keep a claimed message out of the queue, saying why, where the console shows it (False if its
    lease was lost)."""
    with writing(db):
        cursor = db.execute(
            "update outbox set status = 'held', last_error = ?, finished_at = ?, claimed_until = "
            "null, claim_token = null"
            " where id = ? and status = 'pending' and claim_token is ?",
            [reason, clock.iso(), entry["id"], entry.get("claim_token")],
        )
    return cursor.rowcount == 1
