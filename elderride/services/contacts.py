"""A senior's family contacts: who they call with one tap, and who hears about rides."""

from elderride.services import clock, fields, ordering, phones
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.services.seniors import get_senior
from elderride.store import writing

MAX_CONTACTS = 6


def _clean(name, relation, phone, notify, region, allowed_regions):
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
    }
    collect.check()
    return values


def list_contacts(db, senior_id):
    """Return the senior's contacts in their order; the first is who "call my family" reaches."""
    rows = db.table("contacts").rows_where("senior_id = ?", [senior_id], order_by="position, id")
    return [dict(row) for row in rows]


def get_contact(db, senior_id, contact_id):
    """Return one of the senior's contacts, or raise NotFound."""
    rows = list(
        db.table("contacts").rows_where("id = ? and senior_id = ?", [contact_id, senior_id])
    )
    if not rows:
        raise NotFound(N_("There is no such contact."))
    return dict(rows[0])


def add_contact(
    db,
    senior_id,
    *,
    name,
    phone,
    relation="",
    notify=False,
    region=phones.DEFAULT_REGION,
    allowed_regions=None,
):
    """Add a contact at the end of the senior's list and return its id (numbers in
    `allowed_regions`, default `region`)."""
    get_senior(db, senior_id)
    values = _clean(name, relation, phone, notify, region, allowed_regions)
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
        return db.table("contacts").insert(values).last_pk


def update_contact(
    db,
    senior_id,
    contact_id,
    *,
    name,
    phone,
    relation="",
    notify=False,
    region=phones.DEFAULT_REGION,
    allowed_regions=None,
):
    """Change a contact's details."""
    get_contact(db, senior_id, contact_id)
    values = _clean(name, relation, phone, notify, region, allowed_regions)
    with writing(db):
        db.table("contacts").update(contact_id, values)


def delete_contact(db, senior_id, contact_id):
    """Delete a contact and close the gap in the order."""
    get_contact(db, senior_id, contact_id)
    with writing(db):
        db.table("contacts").delete(contact_id)
        ordering.renumber(
            db, "contacts", senior_id, ordering.ordered_ids(db, "contacts", senior_id)
        )


def move_contact(db, senior_id, contact_id, position):
    """Move a contact to `position` (0 is first)."""
    get_contact(db, senior_id, contact_id)
    with writing(db):
        ordering.move(db, "contacts", senior_id, contact_id, position)


def notified_contacts(db, senior_id):
    """Return the contacts who are texted about this senior's rides."""
    return [contact for contact in list_contacts(db, senior_id) if contact["notify"]]
