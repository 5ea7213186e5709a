"""Seniors: who they are, the numbers they call from, and the device link to their page."""

import json
import secrets

from elderride.services import clock, fields, phones
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.store import writing
from elderride.store.database import loads

PHONE_KINDS = ("mobile", "landline")
MAX_PHONES = 4


def _row(row):
    """Return a senior row with its JSON columns decoded."""
    senior = dict(row)
    senior["needs"] = loads(senior["needs"], [])
    return senior


def create_senior(db, *, name, language, timezone="UTC", needs=(), notes="", numbers=(), region=phones.DEFAULT_REGION, allowed_regions=None):
    """Create a senior with their phone numbers (each as (number, kind)) and return their id."""
    collect = Collect()
    name = collect.run(fields.text, "name", name, max_length=100)
    language = collect.run(fields.language, "language", language)
    timezone = collect.run(fields.timezone, "timezone", timezone)
    needs = collect.run(fields.needs, "needs", needs)
    notes = collect.run(fields.text, "notes", notes, max_length=500, required=False)
    collect.check()
    stamp = clock.iso()
    with writing(db):
        senior_id = (
            db.table("seniors")
            .insert(
                {
                    "name": name,
                    "language": language,
                    "timezone": timezone,
                    "needs": json.dumps(needs),
                    "notes": notes,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            .last_pk
        )
        for number, kind in numbers:
            add_phone(db, senior_id, number, kind, region=region, allowed_regions=allowed_regions)
    return senior_id


def update_senior(db, senior_id, *, name, language, timezone="UTC", needs=(), notes=""):
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


def get_senior(db, senior_id):
    """Return the senior with this id, or raise NotFound."""
    rows = list(db.table("seniors").rows_where("id = ?", [senior_id]))
    if not rows:
        raise NotFound(N_("There is no such senior."))
    return _row(rows[0])


def add_phone(db, senior_id, number, kind="mobile", *, region=phones.DEFAULT_REGION, allowed_regions=None):
    """Give a senior another number to call from (in `allowed_regions`, default `region`); a number already someone's is refused."""
    number = phones.normalise(number, region=region, allowed_regions=allowed_regions or {region})
    if kind not in PHONE_KINDS:
        raise ValidationError("kind", N_("Please choose mobile or landline."))
    with writing(db):
        taken = db.execute("select senior_id from senior_phones where phone = ?", [number]).fetchone()
        if taken:
            if taken[0] == senior_id:
                raise ValidationError("phone", N_("This senior already has this number."))
            # Caller ID must point at one senior, or the phone line would greet the wrong person;
            # whose number it is stays unsaid.
            raise ValidationError("phone", N_("This number cannot be added. If it is the senior's own, please contact the people who run elderride."))
        count = db.table("senior_phones").count_where("senior_id = ?", [senior_id])
        if count >= MAX_PHONES:
            raise ValidationError("phone", N_("A senior can have at most %(limit)s numbers."), limit=MAX_PHONES)
        return (
            db.table("senior_phones")
            .insert({"senior_id": senior_id, "phone": number, "kind": kind, "created_at": clock.iso()})
            .last_pk
        )


def remove_phone(db, senior_id, phone_id):
    """Remove one of a senior's numbers."""
    with writing(db):
        cursor = db.execute("delete from senior_phones where id = ? and senior_id = ?", [phone_id, senior_id])
        if cursor.rowcount == 0:
            raise NotFound(N_("There is no such number."))


def phones_of(db, senior_id):
    """Return a senior's numbers, oldest first."""
    return list(db.table("senior_phones").rows_where("senior_id = ?", [senior_id], order_by="id"))


def senior_by_phone(db, number):
    """Return the senior who calls from `number` (E.164), or None."""
    row = db.execute(
        "select seniors.* from seniors join senior_phones on senior_phones.senior_id = seniors.id"
        " where senior_phones.phone = ?",
        [number],
    ).fetchone()
    if row is None:
        return None
    return get_senior(db, row[0])


def issue_device_token(db, senior_id):
    """Give the senior a new device link token, ending any earlier one, and return it."""
    get_senior(db, senior_id)
    token = secrets.token_urlsafe(24)
    with writing(db):
        db.table("seniors").update(senior_id, {"device_token": token, "updated_at": clock.iso()})
    return token


def revoke_device_token(db, senior_id):
    """End the senior's device link, so devices that opened it no longer show the page."""
    get_senior(db, senior_id)
    with writing(db):
        db.table("seniors").update(senior_id, {"device_token": None, "updated_at": clock.iso()})


def senior_by_device_token(db, token):
    """Return the senior whose current device token is `token`, or None."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    rows = list(db.table("seniors").rows_where("device_token = ?", [token]))
    return _row(rows[0]) if rows else None
