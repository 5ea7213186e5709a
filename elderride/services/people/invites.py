"""Invitations that let another family member share a senior: single use, kept only as a hash."""

import hashlib
import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.errors import N_, ValidationError
from elderride.services.people import accounts
from elderride.store import writing


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(db: Database, senior_id: int, family_member_id: int) -> str:
    """Return a new invitation token for a senior the family member looks after."""
    accounts.check_family_access(db, family_member_id, senior_id)
    token = secrets.token_urlsafe(24)
    with writing(db):
        db.table("invites").insert(
            {
                "token_hash": _hash(token),
                "senior_id": senior_id,
                "created_by": family_member_id,
                "created_at": clock.iso(),
            }
        )
    return token


@dataclass(frozen=True)
class Invitation:
    """Who asked whom to help look after which senior, as the invitation's page says it."""

    inviter: str
    senior: str


def describe(db: Database, token: object) -> Invitation | None:
    """Return who invited whom to help with which senior, or None for a token that is wrong or
    already used (nobody's name is shown for it)."""
    if not isinstance(token, str) or len(token) > 100:
        return None
    row = db.execute(
        "select family_members.name, seniors.name from invites "
        "join family_members on family_members.id = invites.created_by "
        "join seniors on seniors.id = invites.senior_id "
        "where invites.token_hash = ? and invites.used_at is null",
        [_hash(token)],
    ).fetchone()
    return Invitation(inviter=row[0], senior=row[1]) if row else None


def accept_invite(db: Database, token: object, family_member_id: int) -> int:
    """Link the family member to the invitation's senior and spend the invitation; return the
    senior's id."""
    if not isinstance(token, str) or len(token) > 100:
        raise ValidationError("invite", N_("This invitation is not valid."))
    with writing(db):
        rows = list(db.table("invites").rows_where("token_hash = ?", [_hash(token)]))
        if not rows:
            raise ValidationError("invite", N_("This invitation is not valid."))
        invite = rows[0]
        if invite["used_at"]:
            raise ValidationError(
                "invite", N_("This invitation was already used. Please ask for a new one.")
            )
        # Refused past the member's limit of seniors, the invitation stays unspent.
        accounts.link_senior(db, family_member_id, invite["senior_id"], field="invite")
        db.table("invites").update(
            invite["id"], {"used_by": family_member_id, "used_at": clock.iso()}
        )
    senior_id: int = invite["senior_id"]
    return senior_id
