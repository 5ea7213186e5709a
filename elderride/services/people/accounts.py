"""Family members and staff: who may sign in, and which seniors a family member looks after."""

import dataclasses
import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from elderride.services import clock, fields, throttle
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.services.people import seniors
from elderride.services.records import Row
from elderride.store import inserted_id, writing

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
STAFF_ROLES = ("dispatcher", "admin")
# Each portal signs in against its own table and counts its own failures.
TABLES = {"family": "family_members", "staff": "staff"}


class EmailTaken(ValidationError):
    """An account with this email exists already."""


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_address(field: str, value: object) -> str:
    """Return a tidied, lower-cased email address or raise."""
    value = fields.text(field, value, max_length=200).lower()
    if not _EMAIL.match(value):
        raise ValidationError(field, N_("This does not look like an email address."))
    return value


def password(field: str, value: object) -> str:
    """Return `value` if it is long enough (no composition rules: length is what protects)."""
    if not isinstance(value, str) or len(value) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            field, N_("Please use at least %(limit)s characters."), limit=MIN_PASSWORD_LENGTH
        )
    if len(value) > MAX_PASSWORD_LENGTH:
        raise ValidationError(
            field, N_("Please keep this under %(limit)s characters."), limit=MAX_PASSWORD_LENGTH
        )
    return value


EMAIL_TAKEN = N_("There is already an account with this email.")


def new_session_key() -> str:
    """Return a random key naming one account in its sessions (ids are reused after a delete)."""
    return secrets.token_hex(16)


def _create(
    db: Database,
    table: str,
    *,
    email: str,
    name: str,
    secret: str,
    extra: Mapping[str, Any] | None = None,
    taken: str = EMAIL_TAKEN,
) -> int:
    """Insert an account row after validating it; emails are unique per table (`taken` says so)."""
    collect = Collect()
    values = {
        "email": collect.run(email_address, "email", email),
        "name": collect.run(fields.text, "name", name, max_length=100),
    }
    checked = collect.run(password, "password", secret)
    collect.check()
    assert checked is not None  # check() raised otherwise
    with writing(db):
        if db.table(table).count_where("email = ?", [values["email"]]):
            raise EmailTaken("email", taken)
        values.update(
            extra or {},
            password_hash=generate_password_hash(checked),
            created_at=clock.iso(),
            session_key=new_session_key(),
        )
        return inserted_id(db.table(table).insert(values))


def create_family_member(
    db: Database,
    *,
    email: str,
    name: str,
    password: str,
    email_confirmed: bool = False,
    trusted_by: str | None = None,
) -> int:
    """Create a family member's account and return its id; its email counts as confirmed only when
    an operator or the demo vouches for it, and `trusted_by` names who vouched for the family
    itself (its rides for now are never held for review)."""
    # Said without confirming that the account exists: anyone may try any email here.
    taken = N_(
        "This email cannot be used for a new account. If it is yours, sign in or reset your "
        "password."
    )
    extra: dict[str, object] = {}
    if email_confirmed:
        extra["email_confirmed_at"] = clock.iso()
    if trusted_by:
        extra.update(trusted_by=trusted_by, trusted_at=clock.iso())
    return _create(
        db, "family_members", email=email, name=name, secret=password, extra=extra, taken=taken
    )


def create_staff(
    db: Database, *, email: str, name: str, password: str, role: str = "dispatcher"
) -> int:
    """Create a staff account (a dispatcher) and return its id."""
    if role not in STAFF_ROLES:
        raise ValidationError("role", N_("Unknown role."))
    return _create(db, "staff", email=email, name=name, secret=password, extra={"role": role})


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("a password nobody has")


def authenticate(db: Database, table: str, email: object, secret: object) -> Row | None:
    """Return the account in `table` with this email and password, or None."""
    if (
        not isinstance(email, str)
        or not isinstance(secret, str)
        or len(secret) > MAX_PASSWORD_LENGTH
    ):
        return None
    rows = list(db.table(table).rows_where("email = ?", [email.strip().lower()[:200]]))
    # An unknown email costs the same hashing as a known one, so timing does not tell them apart.
    stored: str = rows[0]["password_hash"] if rows else _dummy_hash()
    if not check_password_hash(stored, secret) or not rows:
        return None
    return rows[0]


def sign_in(
    db: Database, portal: str, email: object, secret: object, address: str | None
) -> tuple[Row | None, float]:
    """Check a sign-in within the portal's limits: (account, 0), (None, 0) when wrong, or (None,
    seconds to wait)."""
    attempt, wait = throttle.begin_sign_in(db, portal, email, address)
    if attempt is None:
        return None, wait
    account = authenticate(db, TABLES[portal], email, secret)
    if account is not None:
        throttle.sign_in_succeeded(db, portal, email)
    return account, 0


def end_sessions(db: Database, table: str, account_id: int) -> None:
    """Sign the account out everywhere: sessions carrying an older version stop working."""
    assert table in TABLES.values()
    with writing(db):
        db.execute(
            f"update {table} set session_version = session_version + 1 where id = ?", [account_id]
        )


# Seniors one account may look after: a family has a few; a care organisation asks an operator for
# more (`elderride family-limit`), so one sign-up cannot fill the site with made-up seniors.
SENIORS_PER_ACCOUNT = 4
MAX_SENIORS_LIMIT = 10_000
SENIOR_LIMIT_REACHED = N_(
    "An account can look after up to %(limit)s seniors. To look after more, for example for a care "
    "home, please ask the people who run elderride to raise the limit of your account."
)


def seniors_limit(member: Mapping[str, Any]) -> int:
    """Return how many seniors this family member may look after."""
    limit = member.get("seniors_limit")
    return SENIORS_PER_ACCOUNT if limit is None else int(limit)


def check_room_for_senior(db: Database, family_member_id: int, field: str = "form") -> None:
    """Raise ValidationError on `field` when the family member looks after as many seniors as they
    may."""
    limit = seniors_limit(get_family_member(db, family_member_id))
    if len(seniors_of(db, family_member_id)) >= limit:
        raise ValidationError(field, SENIOR_LIMIT_REACHED, limit=limit)


def link_senior(
    db: Database, family_member_id: int, senior_id: int, *, field: str = "form"
) -> None:
    """Let a family member look after a senior (doing it twice changes nothing), within their
    limit."""
    with writing(db):
        if senior_id in seniors_of(db, family_member_id):
            return
        # Counted holding the write lock, so two tabs or two processes cannot both take the last
        # place.
        check_room_for_senior(db, family_member_id, field)
        db.table("family_links").insert(
            {
                "family_member_id": family_member_id,
                "senior_id": senior_id,
                "created_at": clock.iso(),
            }
        )


def create_senior_for(db: Database, family_member_id: int, **senior: Any) -> int:
    """Create a senior (`seniors.create_senior`'s fields) looked after by this family member, within
    their limit; return their id."""
    with writing(db):
        check_room_for_senior(db, family_member_id)
        senior_id = seniors.create_senior(db, **senior)
        link_senior(db, family_member_id, senior_id)
    return senior_id


def set_seniors_limit(db: Database, email: object, limit: int) -> Row:
    """Let the family account with this email look after up to `limit` seniors; return it."""
    member = family_member_by_email(db, email)
    if member is None:
        raise NotFound(N_("There is no such account."))
    if not 0 <= limit <= MAX_SENIORS_LIMIT:
        raise ValidationError(
            "limit", N_("Please choose a number from 0 to %(limit)s."), limit=MAX_SENIORS_LIMIT
        )
    with writing(db):
        db.table("family_members").update(member["id"], {"seniors_limit": limit})
    return get_family_member(db, member["id"])


def seniors_of(db: Database, family_member_id: int) -> list[int]:
    """Return the ids of the seniors a family member looks after."""
    rows = db.execute(
        "select senior_id from family_links where family_member_id = ? order by created_at, "
        "senior_id",
        [family_member_id],
    )
    return [row[0] for row in rows]


def check_family_access(db: Database, family_member_id: int, senior_id: int) -> None:
    """Raise NotFound unless the family member looks after this senior (never revealing it
    exists)."""
    if senior_id not in seniors_of(db, family_member_id):
        raise NotFound(N_("There is no such senior."))


def get_family_member(db: Database, family_member_id: object) -> Row:
    """Return the family member with this id, or raise NotFound."""
    rows = list(db.table("family_members").rows_where("id = ?", [family_member_id]))
    if not rows:
        raise NotFound(N_("There is no such account."))
    return rows[0]


def family_member_by_email(db: Database, email: object) -> Row | None:
    """Return the family member with this email, or None."""
    if not isinstance(email, str):
        return None
    rows = list(db.table("family_members").rows_where("email = ?", [email.strip().lower()[:200]]))
    return rows[0] if rows else None


def set_password(db: Database, family_member_id: int, secret: object) -> None:
    """Give a family member a new password, ending every reset link made before and every
    session."""
    checked = password("password", secret)
    with writing(db):
        db.table("family_members").update(
            family_member_id, {"password_hash": generate_password_hash(checked)}
        )
        end_sessions(db, "family_members", family_member_id)


RESET_MAX_AGE = 3600


@dataclasses.dataclass(frozen=True)
class MailedLink:
    """A kind of signed link mailed to a family member: its own salt, and what of the account it
    seals."""

    salt: str
    # What the link is bound to; it changes once the link is used, so the link works once.
    sealed: Callable[[Mapping[str, Any]], str]


PASSWORD_RESET = MailedLink(
    "family-password-reset", lambda member: "reset-seal:" + member["password_hash"]
)


def _seal(secret_key: str | bytes, kind: MailedLink, member: Mapping[str, Any]) -> str:
    """Return a keyed digest of what the link seals: it changes with it and reveals nothing of
    it."""
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return hmac.new(key, kind.sealed(member).encode(), hashlib.sha256).hexdigest()[:32]


def link_token(secret_key: str | bytes, kind: MailedLink, member: Mapping[str, Any]) -> str:
    """Return a signed token of this kind for this member's link."""
    token: str = URLSafeTimedSerializer(secret_key, salt=kind.salt).dumps(
        {"member": member["id"], "seal": _seal(secret_key, kind, member)}
    )
    return token


def member_from_link_token(
    db: Database, secret_key: str | bytes, kind: MailedLink, token: object, *, max_age: float
) -> Row:
    """Return the member a link token of this kind is for, or raise ValidationError when it is
    expired, forged or used."""
    invalid = N_("This link is not valid. Please ask for a new one.")
    if not isinstance(token, str) or len(token) > 500:
        raise ValidationError("token", invalid)
    try:
        claim = URLSafeTimedSerializer(secret_key, salt=kind.salt).loads(
            token, max_age=int(max_age)
        )
    except SignatureExpired:
        raise ValidationError(
            "token", N_("This link has expired. Please ask for a new one.")
        ) from None
    except BadSignature:
        raise ValidationError("token", invalid) from None
    try:
        member = get_family_member(db, claim.get("member"))
    except (NotFound, AttributeError):
        raise ValidationError("token", invalid) from None
    if not hmac.compare_digest(_seal(secret_key, kind, member), str(claim.get("seal"))):
        raise ValidationError("token", N_("This link was already used. Please ask for a new one."))
    return member


def reset_token(secret_key: str | bytes, member: Mapping[str, Any]) -> str:
    """Return a signed link token for resetting this member's password, valid for an hour and
    once."""
    # The seal binds the token to the current password: once it changes, the link is spent.
    return link_token(secret_key, PASSWORD_RESET, member)


def member_from_reset_token(
    db: Database, secret_key: str | bytes, token: str, *, max_age: float = RESET_MAX_AGE
) -> Row:
    """Return the member a reset token is for, or raise ValidationError when it is expired, forged
    or used."""
    return member_from_link_token(db, secret_key, PASSWORD_RESET, token, max_age=max_age)
