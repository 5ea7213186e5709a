"""The booking's event log: one line for every change."""

import json


def record(db, booking, from_state, to_state, *, actor, event, details, event_key=None):
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
