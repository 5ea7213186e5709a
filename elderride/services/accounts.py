"""Family members and staff: who may sign in, and which seniors a family member looks after."""

import re

from werkzeug.security import check_password_hash, generate_password_hash

from elderride.services import clock, fields
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.store import writing

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
STAFF_ROLES = ("dispatcher", "admin")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_address(field, value):
    """Return a tidied, lower-cased email address or raise."""
    value = fields.text(field, value, max_length=200).lower()
    if not _EMAIL.match(value):
        raise ValidationError(field, N_("This does not look like an email address."))
    return value


def password(field, value):
    """Return `value` if it is long enough (no composition rules: length is what protects)."""
    if not isinstance(value, str) or len(value) < MIN_PASSWORD_LENGTH:
        raise ValidationError(field, N_("Please use at least %(limit)s characters."), limit=MIN_PASSWORD_LENGTH)
    if len(value) > MAX_PASSWORD_LENGTH:
        raise ValidationError(field, N_("Please keep this under %(limit)s characters."), limit=MAX_PASSWORD_LENGTH)
    return value


def _create(db, table, *, email, name, secret, extra=None):
    """Insert an account row after validating it; emails are unique per table."""
    collect = Collect()
    values = {
        "email": collect.run(email_address, "email", email),
        "name": collect.run(fields.text, "name", name, max_length=100),
    }
    secret = collect.run(password, "password", secret)
    collect.check()
    with writing(db):
        if db.table(table).count_where("email = ?", [values["email"]]):
            raise ValidationError("email", N_("There is already an account with this email."))
        values.update(extra or {}, password_hash=generate_password_hash(secret), created_at=clock.iso())
        return db.table(table).insert(values).last_pk


def create_family_member(db, *, email, name, password):
    """Create a family member's account and return its id."""
    return _create(db, "family_members", email=email, name=name, secret=password)


def create_staff(db, *, email, name, password, role="dispatcher"):
    """Create a staff account (a dispatcher) and return its id."""
    if role not in STAFF_ROLES:
        raise ValidationError("role", N_("Unknown role."))
    return _create(db, "staff", email=email, name=name, secret=password, extra={"role": role})


def authenticate(db, table, email, secret):
    """Return the account in `table` with this email and password, or None."""
    if not isinstance(email, str) or not isinstance(secret, str) or len(secret) > MAX_PASSWORD_LENGTH:
        return None
    rows = list(db.table(table).rows_where("email = ?", [email.strip().lower()]))
    if not rows or not check_password_hash(rows[0]["password_hash"], secret):
        return None
    return rows[0]


def link_senior(db, family_member_id, senior_id):
    """Let a family member look after a senior (doing it twice changes nothing)."""
    with writing(db):
        db.table("family_links").insert(
            {"family_member_id": family_member_id, "senior_id": senior_id, "created_at": clock.iso()},
            ignore=True,
        )


def seniors_of(db, family_member_id):
    """Return the ids of the seniors a family member looks after."""
    rows = db.execute(
        "select senior_id from family_links where family_member_id = ? order by created_at, senior_id",
        [family_member_id],
    )
    return [row[0] for row in rows]


def check_family_access(db, family_member_id, senior_id):
    """Raise NotFound unless the family member looks after this senior (never revealing it exists)."""
    if senior_id not in seniors_of(db, family_member_id):
        raise NotFound(N_("There is no such senior."))
