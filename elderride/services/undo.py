"""Taking back a delete: a senior's place, family contact or number put back as it was, where it
was."""

import sqlite3
from typing import Any, Literal

from sqlite_utils import Database

from elderride.services.errors import N_, NotFound, ValidationError
from elderride.services.people import contacts, ordering, places, seniors
from elderride.store import inserted_id, writing

Kind = Literal["places", "contacts", "phones"]

TABLES: dict[str, str] = {"places": "places", "contacts": "contacts", "phones": "senior_phones"}
LIMITS: dict[str, int] = {
    "places": places.MAX_PLACES,
    "contacts": contacts.MAX_CONTACTS,
    "phones": seniors.MAX_PHONES,
}


def deleted_row(db: Database, kind: Kind, senior_id: int, item_id: int) -> dict[str, Any]:
    """Return the row about to be deleted, all its columns, as undoing needs it; or raise
    NotFound."""
    rows = list(db.table(TABLES[kind]).rows_where("id = ? and senior_id = ?", [item_id, senior_id]))
    if not rows:
        raise NotFound(N_("There is no such item."))
    return dict(rows[0])


def restore(db: Database, kind: Kind, senior_id: int, row: dict[str, Any]) -> None:
    """Put a deleted row back at its old place in the order, or raise ValidationError when it no
    longer fits."""
    table = TABLES[kind]
    row = dict(row, senior_id=senior_id)
    with writing(db):
        if kind == "contacts" and db.table(table).count_where(
            "senior_id = ? and name = ? and phone = ?",
            [senior_id, row.get("name"), row.get("phone")],
        ):
            return  # already back: an undo sent twice (its offer lives in the browser's cookie)
        if db.table(table).count_where("senior_id = ?", [senior_id]) >= LIMITS[kind]:
            raise ValidationError("undo", N_("There is no room for it any more."))
        if kind == "places":
            label = str(row.get("label", "")).casefold()
            if any(
                place["label"].casefold() == label for place in places.list_places(db, senior_id)
            ):
                raise ValidationError("undo", N_("Another place now has this name."))
        if kind == "contacts" and row.get("member_id") is not None:
            # Its family member may have proved another number their own since.
            if db.table(table).count_where(
                "senior_id = ? and member_id = ?", [senior_id, row["member_id"]]
            ):
                row["member_id"] = None
        # The row keeps its id unless a new row took it since.
        if db.execute(f"select 1 from [{table}] where id = ?", [row.get("id")]).fetchone():
            row.pop("id", None)
        try:
            restored = inserted_id(db.table(table).insert(row))
        except sqlite3.IntegrityError:
            raise ValidationError("undo", N_("This number is now someone else's.")) from None
        if kind != "phones":
            ordering.move(db, table, senior_id, restored, row.get("position") or 0)
