"""The records that cross layers: what a booking request says, and what a booking row holds."""

import dataclasses
import datetime
from collections.abc import Sequence
from typing import Any, TypedDict

# A table row as sqlite-utils gives it, for tables no record below describes.
Row = dict[str, Any]


class Stop(TypedDict, total=False):
    """Where a ride starts or ends: one of the senior's places by id, or a typed address (or a
    point the device gave, with words for it)."""

    place_id: int
    address: str
    label: str
    latitude: float
    longitude: float


@dataclasses.dataclass(frozen=True)
class Trip:
    """Where a ride goes from and to, and when (None: now; no destination: tell the driver)."""

    # None for the pickup means the senior's home.
    pickup: Stop | None = None
    destination: Stop | None = None
    # An aware datetime, or ISO text as a call's context keeps it.
    pickup_at: datetime.datetime | str | None = None
    # Be there by then: the pickup time is this less the destination's travel allowance.
    appointment_at: datetime.datetime | str | None = None


@dataclasses.dataclass(frozen=True)
class BookingRequest:
    """Who asks for a trip, through which channel and why, once per idempotency key."""

    idempotency_key: str
    channel: str
    created_by: str
    trip: Trip = dataclasses.field(default_factory=Trip)
    senior_id: int | None = None
    caller_phone: str | None = None
    # None: the senior's own needs.
    needs: Sequence[str] | None = None
    # A ride a person must check first (a spoken address, an unknown caller).
    needs_review: bool = False
    # Why the ride waits for a person, known before it is made (a trust.REASONS key).
    hold_reason: str | None = None
    call_sid: str | None = None
    # A trip back that waits for the senior's call before it reaches dispatch.
    awaiting_call: bool = False
    # The ride out this is the trip back of.
    return_of: int | None = None
    # The family's recurring ride this is an occurrence of, and its day (ISO date).
    recurring_id: int | None = None
    occurs_on: str | None = None
    # Escorts or carers riding with the senior (a form's text is checked by create_booking).
    companions: int | str = 0


class Booking(TypedDict):
    """A row of the bookings table, its JSON `needs` decoded."""

    id: int
    senior_id: int | None
    caller_phone: str | None
    pickup_place_id: int | None
    pickup_label: str | None
    pickup_address: str
    destination_place_id: int | None
    destination_label: str | None
    destination_address: str | None
    pickup_at: str | None
    appointment_at: str | None
    pickup_notes: str | None
    needs: list[str]
    channel: str
    state: str
    idempotency_key: str
    call_sid: str | None
    return_of: int | None
    recurring_id: int | None
    occurs_on: str | None
    driver_name: str | None
    driver_phone: str | None
    car_make: str | None
    car_colour: str | None
    plate: str | None
    eta_minutes: int | None
    # Why the ride waits for a dispatcher (services/trust.py), until one lets it go ahead.
    review_reason: str | None
    # 'appointment' or 'medical' for a ride that must arrive by dropoff_by (services/priority.py).
    priority: str | None
    dropoff_by: str | None
    # The stops' coordinates as their places had them when it was booked, if any.
    pickup_latitude: float | None
    pickup_longitude: float | None
    destination_latitude: float | None
    destination_longitude: float | None
    # Escorts or carers riding along.
    companions: int
    created_by: str
    created_at: str
    updated_at: str


class Senior(TypedDict):
    """A row of the seniors table, its JSON `needs` decoded."""

    id: int
    name: str
    language: str
    timezone: str
    needs: list[str]
    notes: str
    device_token: str | None
    device_token_hash: str | None
    device_key: str | None
    # A link just turned off, kept for a short undo.
    device_revoked_at: str | None
    revoked_device_key: str | None
    revoked_device_token_hash: str | None
    # Calls from the senior's numbers are believed without full attestation (see caller_id).
    trust_unsigned_calls: int
    # "call" or "text": how the car's heads-up and a late notice reach the senior (car_updates).
    car_news_by: str
    # The word the driver says at the door, as the family set it (None: none); code_words.py.
    code_word: str | None
    created_at: str
    updated_at: str


class Place(TypedDict):
    """A row of the places table, its JSON `aliases` decoded."""

    id: int
    senior_id: int
    label: str
    address: str
    aliases: list[str]
    is_home: int
    pickup_notes: str
    travel_minutes: int
    # The family marked it medical (a hospital, a clinic, dialysis): rides there go first.
    medical: int
    # Where it is, when the family gave it (WGS 84): schedulers place a pickup by it.
    latitude: float | None
    longitude: float | None
    position: int
    created_at: str


class Contact(TypedDict):
    """A row of the contacts table: one of a senior's family, and whether they hear of rides."""

    id: int
    senior_id: int
    name: str
    relation: str
    phone: str
    notify: int
    position: int
    # The family account this contact is, if they said so: not texted about what they do.
    member_id: int | None
    created_at: str
    # The language of their texts when not the senior's (a grandson who reads English).
    language: str | None
