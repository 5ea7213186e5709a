"""What follows every change to a booking: a line in its event log, and its notices queued in the outbox."""

import json

from elderride.services import lifecycle, notices, outbox
from elderride.services.contacts import notified_contacts
from elderride.services.seniors import phones_of


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


def announce(db, booking, senior, state, *, event):
    """Queue, in the caller's transaction, the dispatch hand-off and the notices for `state`."""
    outbox.enqueue(
        db,
        "dispatch",
        {"event": event, "state": state, "booking": booking},
        booking_id=booking["id"],
    )
    if senior is None:
        return
    language = senior["language"]
    if state in lifecycle.FAMILY_TEXT_STATES:
        body = notices.render("text", state, booking, senior, language)
        for contact in notified_contacts(db, senior["id"]):
            outbox.enqueue(
                db,
                "text",
                {"to": contact["phone"], "body": body, "state": state},
                booking_id=booking["id"],
                ordering_key=f"text:{booking['id']}:{contact['phone']}",
            )
    if state in lifecycle.SENIOR_CALL_STATES:
        number = booking["caller_phone"] or next((phone["phone"] for phone in phones_of(db, senior["id"])), None)
        if number:
            outbox.enqueue(
                db,
                "call",
                {
                    "to": number,
                    "say": notices.render("call", state, booking, senior, language),
                    "language": language,
                    "state": state,
                },
                booking_id=booking["id"],
            )
