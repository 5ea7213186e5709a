"""Signed-in sessions of family members and staff: started, checked on every request, ended
everywhere."""

import dataclasses
import math
import time
from collections.abc import Mapping
from typing import Any

from flask import request, session
from flask_babel import format_timedelta
from sqlite_utils import Database

from elderride.services.errors import N_
from elderride.services.people import accounts
from elderride.web.i18n import gettext as _

# The session keys of each portal: the account's id and the session version it was signed in at.
KEYS = {"family": ("family_member_id", "family_version"), "staff": ("staff_id", "staff_version")}
# The account's own random key: an id alone may be handed to the next account after a delete.
ACCOUNT_KEYS = {"family": "family_key", "staff": "staff_key"}
# A dispatcher's console left open and unused signs out after this (a shared desk's browser).
IDLE_LIMITS = {"staff": 12 * 3600}
# How stale the "last seen" stamp may get before it is written again (a cookie per minute, not per
# request).
SEEN_RESOLUTION = 60


def start(portal: str, account: Mapping[str, Any]) -> None:
    """Begin a session for `account`, replacing whatever the browser had."""
    account_key, version_key = KEYS[portal]
    session.clear()
    session[account_key] = account["id"]
    session[version_key] = account["session_version"]
    session[ACCOUNT_KEYS[portal]] = account["session_key"]
    session["seen"] = int(time.time())
    # Family members stay signed in on their own devices; staff sessions end with the browser or
    # when idle.
    session.permanent = portal == "family"


def current(db: Database, portal: str) -> dict[str, Any] | None:
    """Return the signed-in account of `portal`, or None (clearing a session that was ended or went
    idle)."""
    account_key, version_key = KEYS[portal]
    account_id = session.get(account_key)
    if account_id is None:
        return None
    account = next(db.table(accounts.TABLES[portal]).rows_where("id = ?", [account_id]), None)
    now = int(time.time())
    seen = session.get("seen")
    idle_limit = IDLE_LIMITS.get(portal)
    idle = idle_limit is not None and (not isinstance(seen, int) or now - seen > idle_limit)
    if (
        account is None
        or not account["session_key"]
        or session.get(ACCOUNT_KEYS[portal]) != account["session_key"]
        or session.get(version_key) != account["session_version"]
        or idle
    ):
        session.clear()
        return None
    if not isinstance(seen, int) or now - seen >= SEEN_RESOLUTION:
        session["seen"] = now
    return account


def end(db: Database, portal: str) -> None:
    """Sign the account out here and on every other device."""
    account_key, _version_key = KEYS[portal]
    account_id = session.get(account_key)
    if account_id is not None and current(db, portal) is not None:
        accounts.end_sessions(db, accounts.TABLES[portal], account_id)
    session.clear()


TOO_MANY_TRIES = N_("Too many tries. Please try again in %(wait)s.")


def wait_words(seconds: float) -> str:
    """Say a wait in words of the page's language ("3 seconds", "15分钟")."""
    return format_timedelta(max(1, math.ceil(seconds)), threshold=1.1, add_direction=False)


def too_many_tries(seconds: float) -> str:
    """Say how long to wait before the next sign-in try."""
    return _(TOO_MANY_TRIES, wait=wait_words(seconds))


@dataclasses.dataclass
class SignInTry:
    """A posted sign-in: the account now signed in, or the error to show with its status."""

    email: str = ""
    account: dict[str, Any] | None = None
    error: str | None = None
    status: int = 200
    headers: dict[str, str] = dataclasses.field(default_factory=dict)


def sign_in_posted(db: Database, portal: str) -> SignInTry:
    """Check the posted email and password within the portal's limits, and start the session when
    they match."""
    email = request.form.get("email", "")[:200]
    account, wait = accounts.sign_in(
        db, portal, email, request.form.get("password", ""), request.remote_addr
    )
    if wait:
        return SignInTry(
            email,
            error=too_many_tries(wait),
            status=429,
            headers={"Retry-After": str(math.ceil(wait))},
        )
    if account is None:
        return SignInTry(
            email, error=_("That email and password do not match an account."), status=400
        )
    start(portal, account)
    return SignInTry(email, account=account)
