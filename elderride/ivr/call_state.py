"""What a call remembers between its requests: where the conversation is and the ride it chose.

Stored as JSON in `calls.context`, one key a field, a field at its default left out: the same
form the line has always written, so a call in progress during an upgrade (or a rollback) reads
on where it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Self

from sqlite_utils import Database

from elderride.services import calls


def _stored(instance: Any) -> dict[str, Any]:
    """The fields of a dataclass not at their defaults, nested ones stored the same way."""
    stored: dict[str, Any] = {}
    for field in dataclasses.fields(instance):
        value = getattr(instance, field.name)
        if field.default is not dataclasses.MISSING and value == field.default:
            continue
        if field.default_factory is not dataclasses.MISSING and value == field.default_factory():
            continue
        stored[field.name] = _stored(value) if dataclasses.is_dataclass(value) else value
    return stored


def _known(cls: type, stored: Mapping[str, Any]) -> dict[str, Any]:
    """The stored keys that are fields of `cls` (a key no longer used is left behind)."""
    names = [field.name for field in dataclasses.fields(cls)]
    return {name: stored[name] for name in names if name in stored}


@dataclasses.dataclass
class Choice:
    """The ride read back to the caller: where to, where from (none: where they are), when."""

    destination_place_id: int | None = None
    destination_label: str = ""
    pickup_place_id: int | None = None
    pickup_label: str | None = None
    pickup_address: str | None = None
    pickup_at: str | None = None  # UTC ISO-8601; none: now
    appointment: bool = False  # pickup_at is when to be there, not when the car comes
    review: bool = False  # a spoken address: a person checks it

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> Self:
        return cls(**_known(cls, stored))


@dataclasses.dataclass(frozen=True)
class Heard:
    """An answer recorded from a caller we do not know: the recording, and its words if
    understood."""

    utterance: int
    text: str

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> Self:
        return cls(utterance=stored["utterance"], text=stored["text"])


@dataclasses.dataclass
class CallState:
    """Where a call's conversation is: what the line asked and said, and what the caller chose."""

    # The line's own bookkeeping: answers applied (every URL names the next), where the call
    # started, what it said last (a replay hears it again), the live stream it listens on.
    n: int = 0
    started_step: str | None = None
    last_twiml: str | None = None
    stream: str | None = None
    # Booking: bookings made (each answer that books is its own), the last one, the ride read
    # back, a ride out whose way back is being chosen, and what to say before the next question.
    booked: int = 0
    booking_id: int | None = None
    choice: Choice | None = None
    way_back_of: int | None = None
    just_said: list[str] = dataclasses.field(default_factory=list)
    # Another time, keyed: the day (ISO date) and the hour (0 to 23).
    when_day: str | None = None
    when_hour: int | None = None
    # Open rides: a caller not believed is told there are some; a believed one hears them, and
    # may cancel one.
    rides_unread: bool = False
    open_rides: list[int] = dataclasses.field(default_factory=list)
    open_booking: int | None = None
    open_destination: str = ""
    cancel_choices: list[int] | None = None
    # A trip back waiting for this call, and whether the caller said "not now".
    return_ride: int | None = None
    return_from: str = ""
    return_to: str = ""
    return_declined: bool = False
    # A caller we do not know: where from and where to, as recorded.
    pickup: Heard | None = None
    destination: Heard | None = None

    def holds(self, name: str) -> bool:
        """Return whether the field a step needs (`Step.needs`) is set."""
        return getattr(self, name) is not None

    @classmethod
    def can_need(cls, name: str) -> bool:
        """Return whether a step may need field `name`: one unset until a step sets it."""
        fields = dataclasses.fields(cls)
        return any(field.name == name and field.default is None for field in fields)

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> Self:
        """The state from its stored form (a call's decoded `context`)."""
        values = _known(cls, stored)
        if values.get("choice") is not None:
            values["choice"] = Choice.from_stored(values["choice"])
        for name in ("pickup", "destination"):
            if values.get(name) is not None:
                values[name] = Heard.from_stored(values[name])
        return cls(**values)

    @classmethod
    def load(cls, call: Mapping[str, Any]) -> Self:
        """The state of a call, as `calls.get_call` returns it."""
        return cls.from_stored(call["context"])

    def stored(self) -> dict[str, Any]:
        """The stored form: the fields not at their defaults, by name."""
        return _stored(self)

    def save(self, db: Database, call_sid: str) -> None:
        """Store where the conversation is."""
        calls.save_context(db, call_sid, self.stored())
