"""The booking as it leaves elderride: one versioned document for the webhook, the API and the
console's export, built here and nowhere else (its schema is BookingDocument in
elderride/api/openapi.json)."""

from typing import Any, cast

from sqlite_utils import Database

from elderride.services import priority, special_attributes
from elderride.services.people import place_fields
from elderride.services.people.code_words import for_the_ride
from elderride.services.records import Booking

# Raised only for a change a receiver must code for (a key removed or its meaning changed); new
# optional keys keep the version (docs/dispatch-changelog.md).
VERSION = 1


def return_ride_id(db: Database, booking_id: int) -> int | None:
    """Return the id of the latest trip back booked for this ride, or None."""
    row = db.execute(
        "select id from bookings where return_of = ? order by id desc limit 1", [booking_id]
    ).fetchone()
    return int(row[0]) if row else None


def latest_check(db: Database, booking_id: int) -> dict[str, Any] | None:
    """Return the booking's latest no-show welfare check, or None."""
    # A plain query: rows_where first asks sqlite_master whether the table exists, three more
    # statements for each of an API page's hundred bookings.
    rows = list(
        db.query(
            "select * from welfare_checks where booking_id = ? order by id desc limit 1",
            [booking_id],
        )
    )
    return dict(rows[0]) if rows else None


def no_show_part(check: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return a welfare check as the document shows it: its state and times, never who was
    called."""
    if check is None:
        return None
    return {
        "state": check["state"],
        "reported_at": check["reported_at"],
        "escalate_at": check["escalate_at"],
        "escalated_at": check["escalated_at"],
        "resolved_at": check["resolved_at"],
    }


def _stop(booking: Booking, stop: str) -> dict[str, Any]:
    """Return a ride's pickup or destination: its label, address and coordinates (null when the
    family gave none)."""
    row = cast(dict[str, Any], booking)
    return {
        "label": row[f"{stop}_label"],
        "address": row[f"{stop}_address"],
        "latitude": row.get(f"{stop}_latitude"),
        "longitude": row.get(f"{stop}_longitude"),
    }


def from_places(booking: Booking) -> dict[str, Any]:
    """Return the place fields a ride carries (services/people/place_fields.py), each under its own
    name; null when the ride has none (a row queued before its column has no key)."""
    row = cast(dict[str, Any], booking)
    return {field.name: row.get(field.name) for field in place_fields.on_the_ride()}


def outward(
    booking: Booking,
    *,
    return_ride: int | None,
    no_show: dict[str, Any] | None,
    code_word: str | None = None,
) -> dict[str, Any]:
    """Return the document for a booking row: only what a dispatch system may see, never the
    columns elderride keeps for itself (idempotency key, call, who typed it, recurring rule)."""
    return {
        "version": VERSION,
        "id": booking["id"],
        "state": booking["state"],
        "channel": booking["channel"],
        "senior_id": booking["senior_id"],
        "caller_phone": booking["caller_phone"],
        "pickup": _stop(booking, "pickup"),
        "destination": _stop(booking, "destination"),
        "pickup_at": booking["pickup_at"],
        "pickup_window": priority.pickup_window(booking),
        "appointment_at": booking["appointment_at"],
        # The declared place fields the ride carries: the family's notes for the driver.
        **from_places(booking),
        # For the driver to say at the door, so the senior knows the car is theirs.
        "code_word": code_word,
        # A row queued before m095 has neither key: an ordinary ride.
        "priority": booking.get("priority") or "normal",
        "dropoff": (
            {"latest": booking["dropoff_by"], "hard": True} if booking.get("dropoff_by") else None
        ),
        "needs": list(booking["needs"]),
        "special_attributes": special_attributes.tds_codes(booking["needs"]),
        "companions": booking.get("companions") or 0,
        "driver": {
            "name": booking["driver_name"],
            "phone": booking["driver_phone"],
            "car_make": booking["car_make"],
            "car_colour": booking["car_colour"],
            "plate": booking["plate"],
            "eta_minutes": booking["eta_minutes"],
        },
        "created_at": booking["created_at"],
        "updated_at": booking["updated_at"],
        "return_of": booking["return_of"],
        "return_ride": return_ride,
        "no_show": no_show,
    }


def document_of(db: Database, booking: Booking, *, with_code_word: bool = True) -> dict[str, Any]:
    """Return the document for a booking as the database holds it now (its trip back, its latest
    no-show check and, while its car is still to come, the senior's code word; `with_code_word`
    False leaves it null)."""
    return outward(
        booking,
        return_ride=return_ride_id(db, booking["id"]),
        no_show=no_show_part(latest_check(db, booking["id"])),
        # Only while a driver may still need it: a list of past rides is no file of every word.
        code_word=(
            for_the_ride(db, booking["senior_id"], booking["state"]) if with_code_word else None
        ),
    )


def as_queued(db: Database, booking: dict[str, Any]) -> dict[str, Any]:
    """Return the document of an outbox entry's booking: a raw row queued before the document
    existed (an upgrade with deliveries pending) leaves as the document too."""
    if "version" in booking:
        return booking
    return document_of(db, cast(Booking, booking))
