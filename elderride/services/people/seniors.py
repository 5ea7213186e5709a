"""Seniors: who they are, the numbers they call from, and the device link to their page."""

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Collection, Iterable, Mapping
from typing import Any, cast

from sqlite_utils import Database

from elderride.services import clock, fields
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.services.people import phones
from elderride.services.records import Row, Senior
from elderride.store import inserted_id, writing
from elderride.store.database import loads

PHONE_KINDS = ("mobile", "landline")
MAX_PHONES = 4


def _row(row: Mapping[str, Any]) -> Senior:
    """Return a senior row with its JSON columns decoded."""
    senior = dict(row)
    senior["needs"] = loads(senior["needs"], [])
    return cast(Senior, senior)


def create_senior(
    db: Database,
    *,
    name: str,
    language: str,
    timezone: str = "UTC",
    needs: Iterable[str] = (),
    notes: str = "",
    numbers: Iterable[tuple[str, str]] = (),
    region: str = phones.DEFAULT_REGION,
    allowed_regions: Collection[str] | None = None,
) -> int:
    """Create a senior with their phone numbers (each as (number, kind)) and return their id."""
    collect = Collect()
    stamp = clock.iso()
    values = {
        "name": collect.run(fields.text, "name", name, max_length=100),
        "language": collect.run(fields.language, "language", language),
        "timezone": collect.run(fields.timezone, "timezone", timezone),
        "needs": json.dumps(collect.run(fields.needs, "needs", needs)),
        "notes": collect.run(fields.text, "notes", notes, max_length=500, required=False),
        "created_at": stamp,
        "updated_at": stamp,
    }
    collect.check()
    with writing(db):
        senior_id = inserted_id(db.table("seniors").insert(values))
        for number, kind in numbers:
            add_phone(db, senior_id, number, kind, region=region, allowed_regions=allowed_regions)
    return senior_id


def update_senior(
    db: Database,
    senior_id: int,
    *,
    name: str,
    language: str,
    timezone: str = "UTC",
    needs: Iterable[str] = (),
    notes: str = "",
) -> None:
    """Change a senior's name, language, needs and notes."""
    get_senior(db, senior_id)
    collect = Collect()
    values = {
        "name": collect.run(fields.text, "name", name, max_length=100),
        "language": collect.run(fields.language, "language", language),
        "timezone": collect.run(fields.timezone, "timezone", timezone),
        "needs": json.dumps(collect.run(fields.needs, "needs", needs)),
        "notes": collect.run(fields.text, "notes", notes, max_length=500, required=False),
        "updated_at": clock.iso(),
    }
    collect.check()
    with writing(db):
        db.table("seniors").update(senior_id, values)


def set_unsigned_calls(db: Database, senior_id: int, *, believed: bool) -> None:
    """Let calls from the senior's numbers be believed without full STIR/SHAKEN attestation (a
    landline on a carrier that does not sign), or stop."""
    get_senior(db, senior_id)
    with writing(db):
        db.table("seniors").update(
            senior_id, {"trust_unsigned_calls": int(believed), "updated_at": clock.iso()}
        )


def set_car_news_by(db: Database, senior_id: int, by: str) -> None:
    """Choose how the senior hears the car is near, at the door or late: "call" or "text" (to
    their mobile; a senior with none is still called)."""
    if by not in ("call", "text"):
        raise ValidationError("car_news_by", N_("Please choose a call or a text."))
    get_senior(db, senior_id)
    with writing(db):
        db.table("seniors").update(senior_id, {"car_news_by": by, "updated_at": clock.iso()})


def get_senior(db: Database, senior_id: int) -> Senior:
    """Return the senior with this id, or raise NotFound."""
    rows = list(db.table("seniors").rows_where("id = ?", [senior_id]))
    if not rows:
        raise NotFound(N_("There is no such senior."))
    return _row(rows[0])


def add_phone(
    db: Database,
    senior_id: int,
    number: str,
    kind: str = "mobile",
    *,
    region: str = phones.DEFAULT_REGION,
    allowed_regions: Collection[str] | None = None,
) -> int:
    """Give a senior another number to call from (in `allowed_regions`, default `region`); a number
    already someone's is refused."""
    number = phones.normalise(number, region=region, allowed_regions=allowed_regions or {region})
    if kind not in PHONE_KINDS:
        raise ValidationError("kind", N_("Please choose mobile or landline."))
    with writing(db):
        taken = db.execute(
            "select senior_id from senior_phones where phone = ?", [number]
        ).fetchone()
        if taken:
            if taken[0] == senior_id:
                raise ValidationError("phone", N_("This senior already has this number."))
            # Caller ID must point at one senior, or the phone line would greet the wrong person;
            # whose number it is stays unsaid.
            raise ValidationError(
                "phone",
                N_(
                    "This number cannot be added. If it is the senior's own, please contact the "
                    "people who run elderride."
                ),
            )
        count = db.table("senior_phones").count_where("senior_id = ?", [senior_id])
        if count >= MAX_PHONES:
            raise ValidationError(
                "phone", N_("A senior can have at most %(limit)s numbers."), limit=MAX_PHONES
            )
        return inserted_id(
            db.table("senior_phones").insert(
                {"senior_id": senior_id, "phone": number, "kind": kind, "created_at": clock.iso()}
            )
        )


def remove_phone(db: Database, senior_id: int, phone_id: int) -> None:
    """Remove one of a senior's numbers."""
    with writing(db):
        cursor = db.execute(
            "delete from senior_phones where id = ? and senior_id = ?", [phone_id, senior_id]
        )
        if cursor.rowcount == 0:
            raise NotFound(N_("There is no such number."))


def phones_of(db: Database, senior_id: int) -> list[Row]:
    """Return a senior's numbers, oldest first."""
    return list(db.table("senior_phones").rows_where("senior_id = ?", [senior_id], order_by="id"))


def senior_by_phone(db: Database, number: str | None) -> Senior | None:
    """Return the senior who calls from `number` (E.164), or None."""
    row = db.execute(
        "select seniors.* from seniors join senior_phones on senior_phones.senior_id = seniors.id"
        " where senior_phones.phone = ?",
        [number],
    ).fetchone()
    if row is None:
        return None
    return get_senior(db, row[0])


def _device_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_token(senior: Mapping[str, Any], secret_key: str | bytes) -> str | None:
    """Return the senior's current device link token, or None when the link is off or predates keyed
    links."""
    # Only a random key and the token's hash are stored: the token is a keyed digest of that key,
    # so a copy of the database alone opens no senior's page (like invitations, kept as hashes).
    if not senior.get("device_key"):
        return None
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    digest = hmac.new(
        key, f"senior-device:{senior['id']}:{senior['device_key']}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode()[:32]


def issue_device_token(db: Database, senior_id: int, secret_key: str | bytes) -> str:
    """Give the senior a new device link token, ending any earlier one, and return it."""
    senior = get_senior(db, senior_id)
    senior["device_key"] = secrets.token_urlsafe(16)
    token = device_token(senior, secret_key)
    assert token is not None  # the senior has a device key now
    with writing(db):
        db.table("seniors").update(
            senior_id,
            {
                "device_key": senior["device_key"],
                "device_token_hash": _device_token_hash(token),
                "updated_at": clock.iso(),
            },
        )
    return token


def revoke_device_token(db: Database, senior_id: int) -> None:
    """End the senior's device link, so devices that opened it no longer show the page."""
    get_senior(db, senior_id)
    with writing(db):
        db.table("seniors").update(
            senior_id, {"device_key": None, "device_token_hash": None, "updated_at": clock.iso()}
        )


def has_device_link(senior: Mapping[str, Any]) -> bool:
    """Tell whether the senior's device link is on."""
    return bool(senior.get("device_token_hash"))


def senior_by_device_token(db: Database, token: object) -> Senior | None:
    """Return the senior whose current device token is `token`, or None."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    rows = list(
        db.table("seniors").rows_where("device_token_hash = ?", [_device_token_hash(token)])
    )
    return _row(rows[0]) if rows else None
