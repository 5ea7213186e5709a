"""A senior's device link as the family sees it: never made, on, or turned off (for a while
undoable)."""

import datetime
from typing import Literal

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.people.seniors import get_senior
from elderride.services.records import Senior
from elderride.store import writing

# How long "turn the link off" can be taken back (the devices that had it open it again).
UNDO_WINDOW = datetime.timedelta(minutes=15)

LinkState = Literal["never", "on", "off"]


def state(senior: Senior) -> LinkState:
    """Tell whether the senior's device link is on, turned off, or was never made."""
    if senior.get("device_token_hash"):
        return "on"
    if senior.get("device_revoked_at"):
        return "off"
    return "never"


def can_undo(senior: Senior, now: datetime.datetime | None = None) -> bool:
    """Tell whether turning the link off can still be taken back."""
    revoked_at = senior.get("device_revoked_at")
    if state(senior) != "off" or not revoked_at or not senior.get("revoked_device_token_hash"):
        return False
    return (now or clock.now()) - clock.parse(revoked_at) < UNDO_WINDOW


def turn_off(db: Database, senior_id: int) -> None:
    """End the senior's device link, keeping what undoing it needs."""
    senior = get_senior(db, senior_id)
    if state(senior) != "on":
        return
    stamp = clock.iso()
    with writing(db):
        db.table("seniors").update(
            senior_id,
            {
                "revoked_device_key": senior["device_key"],
                "revoked_device_token_hash": senior["device_token_hash"],
                "device_revoked_at": stamp,
                "device_key": None,
                "device_token_hash": None,
                "updated_at": stamp,
            },
        )


def undo_turn_off(db: Database, senior_id: int, now: datetime.datetime | None = None) -> bool:
    """Give the senior back the link just turned off; False once the undo window has passed."""
    with writing(db):
        senior = get_senior(db, senior_id)
        if not can_undo(senior, now):
            return False
        db.table("seniors").update(
            senior_id,
            {
                "device_key": senior["revoked_device_key"],
                "device_token_hash": senior["revoked_device_token_hash"],
                "revoked_device_key": None,
                "revoked_device_token_hash": None,
                "device_revoked_at": None,
                "updated_at": clock.iso(),
            },
        )
    return True
