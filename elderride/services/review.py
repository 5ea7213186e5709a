"""What a dispatcher must settle before a phone booking held for review can go ahead."""

import re
from collections.abc import Mapping

# An address nobody understood yet is stored as a pointer to the caller's recording.
_PLACEHOLDER = re.compile(r"\(recording \d+\)")


def placeholder(utterance_id: int) -> str:
    """Return the address that stands for a recording a person must listen to."""
    return f"(recording {utterance_id})"


def is_placeholder(address: object) -> bool:
    """Tell whether `address` is still a recording's stand-in rather than a place."""
    return isinstance(address, str) and _PLACEHOLDER.fullmatch(address.strip()) is not None


def unheard_fields(booking: Mapping[str, object]) -> list[str]:
    """Return which of the booking's addresses ("pickup_address", "destination_address") are
    still recordings."""
    return [
        name
        for name in ("pickup_address", "destination_address")
        if is_placeholder(booking.get(name))
    ]
