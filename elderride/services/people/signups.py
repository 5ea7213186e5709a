"""Public sign-up: a few new accounts per address a day, each confirming its email by a mailed link
before it may reach anyone."""

import datetime
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from elderride.services import clock, throttle
from elderride.services.errors import N_, ValidationError
from elderride.services.people import accounts
from elderride.services.records import Row
from elderride.store import writing

CONFIRM_MAX_AGE = 3 * 24 * 3600
# An account whose email is still unconfirmed this long after sign-up is deleted by the worker's
# pruning: time to ask for the link again after the first one ran out, not a home for squatters.
UNCONFIRMED_KEPT = datetime.timedelta(days=7)

# The seal holds the email and whether it is confirmed: once confirmed, the link is spent, and a
# link made for one address never confirms another.
EMAIL_CONFIRMATION = accounts.MailedLink(
    "family-email-confirmation",
    lambda member: f"confirm-seal:{member['email']}:{member['email_confirmed_at'] or ''}",
)

TOO_MANY_SIGN_UPS = N_(
    "Several accounts were made from this place today already. Please try again tomorrow, or ask "
    "the people who run elderride to make your account."
)


class TooManySignUps(ValidationError):
    """This address made as many accounts as it may today."""


def email_confirmed(member: Mapping[str, Any]) -> bool:
    """Tell whether the member proved their email, so they may add seniors, contacts and rides."""
    return bool(member.get("email_confirmed_at"))


def sign_up(
    db: Database,
    *,
    email: str,
    name: str,
    password: str,
    address: str | None,
    per_address: int = throttle.SIGN_UPS_PER_ADDRESS,
) -> int:
    """Create an account with its email still to confirm, within the address's daily count; return
    its id."""
    with writing(db):
        if not throttle.take_sign_up(db, address, per_address):
            raise TooManySignUps("form", TOO_MANY_SIGN_UPS)
        # A sign-up refused here (a taken email, a short password) rolls its count back with it.
        return accounts.create_family_member(db, email=email, name=name, password=password)


def confirmation_token(secret_key: str | bytes, member: Mapping[str, Any]) -> str:
    """Return a signed link token confirming this member's email, valid for three days and once."""
    return accounts.link_token(secret_key, EMAIL_CONFIRMATION, member)


def member_to_confirm(
    db: Database, secret_key: str | bytes, token: object, *, max_age: float = CONFIRM_MAX_AGE
) -> Row:
    """Return the member a confirmation token is for, or raise ValidationError when it is expired,
    forged or used."""
    return accounts.member_from_link_token(
        db, secret_key, EMAIL_CONFIRMATION, token, max_age=max_age
    )


def confirm_email(
    db: Database, secret_key: str | bytes, token: object, *, max_age: float = CONFIRM_MAX_AGE
) -> Row:
    """Confirm the email a token is for and return its member, or raise ValidationError (the token
    then changes nothing)."""
    with writing(db):
        # Checked holding the write lock: the same link opened twice at once confirms once.
        member = member_to_confirm(db, secret_key, token, max_age=max_age)
        mark_email_confirmed(db, member["id"])
    return accounts.get_family_member(db, member["id"])


def mark_email_confirmed(db: Database, family_member_id: int) -> None:
    """Record that the member proved their email (a confirmation or reset link, an operator)."""
    with writing(db):
        db.execute(
            "update family_members set email_confirmed_at = ? where id = ?"
            " and email_confirmed_at is null",
            [clock.iso(), family_member_id],
        )


def prune_unconfirmed(db: Database, *, now: datetime.datetime | None = None) -> int:
    """Delete the family accounts that never confirmed their email within UNCONFIRMED_KEPT of
    signing up, with their links to seniors; return how many."""
    cutoff = clock.iso((now or clock.now()) - UNCONFIRMED_KEPT)
    with writing(db):
        ids = [
            row[0]
            for row in db.execute(
                "select id from family_members where email_confirmed_at is null and created_at < ?",
                [cutoff],
            ).fetchall()
        ]
        for member_id in ids:
            # Nothing they did reached anyone (no senior, contact or ride before confirming);
            # what points at them goes with them, or forgets them.
            db.execute("delete from family_links where family_member_id = ?", [member_id])
            db.execute("delete from invites where created_by = ?", [member_id])
            db.execute("update invites set used_by = null where used_by = ?", [member_id])
            db.execute("update contacts set member_id = null where member_id = ?", [member_id])
            db.execute("delete from contact_claims where member_id = ?", [member_id])
            db.table("family_members").delete(member_id)
    return len(ids)
