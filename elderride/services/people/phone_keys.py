"""The phone line's keys: which key chooses which of a senior's places, and the keys every step
has."""

from collections.abc import Sequence
from typing import TypeVar

Place = TypeVar("Place")

# Keys that mean the same at every step of a call (docs/phone-flow.md).
OTHER_KEY, OPERATOR_KEY, FAMILY_KEY = "8", "0", "9"
RESERVED_KEYS = frozenset({OTHER_KEY, OPERATOR_KEY, FAMILY_KEY})


def place_keys(places: Sequence[Place]) -> list[tuple[str | None, Place]]:
    """Return (key, place) for the places in the family's order: key 1 is the first place.

    The menu numbers places from 1, but a key that means the same at every step wins: an eighth
    place gets no key (the caller says its name).
    """
    return [
        (None if str(index) in RESERVED_KEYS else str(index), place)
        for index, place in enumerate(places, start=1)
    ]
