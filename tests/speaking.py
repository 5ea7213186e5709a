"""A senior's words parsed in tests: one parse bound to their places and contacts, and the label of
the place understood."""

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from elderride.intake import parse
from elderride.intake.intent import Intent


def speaker(
    language: str,
    places: Sequence[Mapping[str, Any]] = (),
    contacts: Sequence[Mapping[str, Any]] = (),
    **fixed: Any,
) -> Callable[..., Intent]:
    """Return `parse` for one senior; a keyword given at the call (places=, menu_size=) wins."""
    return functools.partial(parse, language=language, places=places, contacts=contacts, **fixed)


def where(intent: Intent) -> str | None:
    """Return the label of the place `intent` names, or None."""
    return intent.place.label if intent.place else None
