"""The one delete a family member can take back: kept in their session for a short while."""

from collections.abc import Iterable, Mapping
from typing import Any

from flask import session

from elderride.services import clock
from elderride.services.people import device_links

KEY = "family_undo"
# As long as turning the link off can be undone, so both read the same.
WINDOW = device_links.UNDO_WINDOW


def offer_undo(senior_id: int, kind: str, row: Mapping[str, Any], words: Iterable[object]) -> None:
    """Remember what was just deleted (`row`) so the next page can offer to put it back."""
    session[KEY] = {
        "senior_id": senior_id,
        "kind": kind,
        "row": row,
        "words": list(words),
        "at": clock.iso(),
    }


def undo_offer(senior_id: int, *, take: bool = False) -> dict[str, Any] | None:
    """Return the delete that can still be undone on this senior's pages, or None; `take` forgets
    it."""
    offer = session.get(KEY)
    if not isinstance(offer, dict) or offer.get("senior_id") != senior_id:
        return None
    try:
        fresh = clock.now() - clock.parse(offer["at"]) < WINDOW
    except (KeyError, TypeError, ValueError):
        fresh = False
    if take or not fresh:
        session.pop(KEY, None)
    return offer if fresh else None


def forget_undo() -> None:
    """Drop the offer (after something else changed the list, undoing would surprise)."""
    session.pop(KEY, None)
