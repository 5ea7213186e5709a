"""The booking's event log: one line for every change."""

import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from elderride.services.errors import N_, ValidationError
from elderride.services.records import Booking


def record(
    db: Database,
    booking: Booking,
    from_state: str | None,
    to_state: str,
    *,
    actor: str,
    event: str,
    details: Mapping[str, Any],
    event_key: str | None = None,
) -> None:
    """Append one line to the booking's event log."""
    db.table("booking_events").insert(
        {
            "booking_id": booking["id"],
            "at": booking["updated_at"],
            "actor": actor,
            "event": event,
            "from_state": from_state,
            "to_state": to_state,
            "details": json.dumps(details, ensure_ascii=False),
            "event_key": event_key,
        }
    )


def replayed(db: Database, booking_id: int, event_key: str | None) -> bool:
    """Tell whether `event_key` was already reported for this ride (refused for another one)."""
    if event_key is None:
        return False
    replay = db.execute(
        "select booking_id from booking_events where event_key = ?", [event_key]
    ).fetchone()
    if replay is None:
        return False
    if replay[0] != booking_id:
        raise ValidationError("event_key", N_("This event id was already used for another ride."))
    return True
