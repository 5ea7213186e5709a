"""A senior's family contacts: who they call with one tap, and who hears about rides."""

from collections.abc import Collection
from typing import Any, cast

from sqlite_utils import Database

from elderride.services import clock, fields
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.services.outgoing import consent
from elderride.services.people import ordering, phones
from elderride.services.people.seniors import get_senior
from elderride.services.records import Contact, Senior
from elderride.store import inserted_id, writing

MAX_CONTACTS = 6


def _clean(
    name: object,
    relation: object,
    phone: object,
    notify: object,
    region: str,
    allowed_regions: Collection[str] | None,
    language: object = "",
) -> dict[str, Any]:
    """Validate a contact's fields together, so every problem is reported at once."""
    collect = Collect()
    values = {
        "name": collect.run(fields.text, "name", name, max_length=100),
        "relation": collect.run(fields.text, "relation", relation, max_length=40, required=False),
        "phone": collect.run(
            phones.normalise,
            phone,
            field="phone",
            region=region,
            allowed_regions=allowed_regions or {region},
        ),
        "notify": 1 if notify else 0,
        # Nothing chosen: the senior's language, followed if theirs changes.
        "language": collect.run(fields.language, "language", language) if language else None,
    }
    collect.check()
    return values


def list_contacts(db: Database, senior_id: int) -> list[Contact]:
    """Return the senior's contacts in their order; the first is who "call my family" reaches."""
    rows = db.table("contacts").rows_where("senior_id = ?", [senior_id], order_by="position, id")
    return [cast(Contact, dict(row)) for row in rows]


def get_contact(db: Database, senior_id: int, contact_id: int) -> Contact:
    """Return one of the senior's contacts, or raise NotFound."""
    rows = list(
        db.table("contacts").rows_where("id = ? and senior_id = ?", [contact_id, senior_id])
    )
    if not rows:
        raise NotFound(N_("There is no such contact."))
    return cast(Contact, dict(rows[0]))


def add_contact(
    db: Database,
    senior_id: int,
    *,
    name: str,
    phone: str,
    relation: str = "",
    notify: bool = False,
    region: str = phones.DEFAULT_REGION,
    allowed_regions: Collection[str] | None = None,
    family_name: str | None = None,
    language: str = "",
) -> int:
    """Add a contact at the end of the senior's list and return its id (numbers in
    `allowed_regions`, default `region`); a number to notify is asked, in `family_name`'s name,
    whether it agrees."""
    senior = get_senior(db, senior_id)
    values = _clean(name, relation, phone, notify, region, allowed_regions, language)
    with writing(db):
        if db.table("contacts").count_where("senior_id = ?", [senior_id]) >= MAX_CONTACTS:
            raise ValidationError(
                "name",
                N_("A senior can have at most %(limit)s family contacts."),
                limit=MAX_CONTACTS,
            )
        values.update(
            senior_id=senior_id,
            position=ordering.next_position(db, "contacts", senior_id),
            created_at=clock.iso(),
        )
        contact_id = inserted_id(db.table("contacts").insert(values))
        if values["notify"]:
            consent.ask(
                db,
                values["phone"],
                senior=senior,
                family_name=family_name,
                language=values["language"],
            )
        return contact_id


def update_contact(
    db: Database,
    senior_id: int,
    contact_id: int,
    *,
    name: str,
    phone: str,
    relation: str = "",
    notify: bool = False,
    region: str = phones.DEFAULT_REGION,
    allowed_regions: Collection[str] | None = None,
    family_name: str | None = None,
    language: str = "",
) -> None:
    """Change a contact's details; a number newly to notify is asked whether it agrees, and a
    changed number is nobody's own until its holder proves it (contact_claims)."""
    before = get_contact(db, senior_id, contact_id)
    values = _clean(name, relation, phone, notify, region, allowed_regions, language)
    if values["phone"] != before["phone"]:
        values["member_id"] = None
    with writing(db):
        db.table("contacts").update(contact_id, values)
        if values["notify"]:
            consent.ask(
                db,
                values["phone"],
                senior=get_senior(db, senior_id),
                family_name=family_name,
                language=values["language"],
            )


def delete_contact(db: Database, senior_id: int, contact_id: int) -> None:
    """Delete a contact and close the gap in the order."""
    get_contact(db, senior_id, contact_id)
    with writing(db):
        db.table("contacts").delete(contact_id)
        ordering.renumber(
            db, "contacts", senior_id, ordering.ordered_ids(db, "contacts", senior_id)
        )


def move_contact(db: Database, senior_id: int, contact_id: int, position: int | str) -> None:
    """Move a contact to `position` (0 is first)."""
    get_contact(db, senior_id, contact_id)
    with writing(db):
        ordering.move(db, "contacts", senior_id, contact_id, position)


def text_language(contact: Contact, senior: Senior) -> str:
    """Return the language a contact's texts are written in: their own choice, else the
    senior's."""
    return contact.get("language") or senior["language"]


def notified_contacts(db: Database, senior_id: int, *, actor: str = "") -> list[Contact]:
    """Return the contacts who are texted about this senior's rides, leaving out the family
    member who did it (`actor` "family:<id>"): nobody is told what they just did themselves."""
    kind, _sep, number = actor.partition(":")
    own = int(number) if kind == "family" and number.isdigit() else None
    return [
        contact
        for contact in list_contacts(db, senior_id)
        if contact["notify"] and (own is None or contact.get("member_id") != own)
    ]
