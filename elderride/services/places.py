"""A senior's preset places: where they go, in the order the phone line reads them."""

import json
from collections.abc import Iterable, Mapping
from typing import Any, cast

from sqlite_utils import Database

from elderride.services import clock, fields, ordering
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.services.records import Place
from elderride.services.seniors import get_senior
from elderride.store import inserted_id, writing
from elderride.store.database import loads

# The phone menu offers keys 1..8 for places (0 and 9 are a person and the family).
MAX_PLACES = 8


def _row(row: Mapping[str, Any]) -> Place:
    """Return a place row with its aliases decoded."""
    place = dict(row)
    place["aliases"] = loads(place["aliases"], [])
    return cast(Place, place)


def _clean(
    label: object, address: object, aliases: str | Iterable[object] | None
) -> dict[str, Any]:
    """Validate a place's fields together, so every problem is reported at once."""
    collect = Collect()
    values = {
        "label": collect.run(fields.text, "label", label, max_length=60),
        "address": collect.run(fields.text, "address", address, max_length=200),
        "aliases": collect.run(fields.aliases, "aliases", aliases),
    }
    collect.check()
    return values


def _check_label_free(
    db: Database, senior_id: int, label: str, place_id: int | None = None
) -> None:
    """Refuse a label another of this senior's places has: the phone line must tell them apart."""
    for place in list_places(db, senior_id):
        if place["id"] != place_id and place["label"].casefold() == label.casefold():
            raise ValidationError(
                "label", N_("There is already a place called %(label)s."), label=label
            )


def list_places(db: Database, senior_id: int) -> list[Place]:
    """Return the senior's places in their order."""
    rows = db.table("places").rows_where("senior_id = ?", [senior_id], order_by="position, id")
    return [_row(row) for row in rows]


def get_place(db: Database, senior_id: int, place_id: int) -> Place:
    """Return one of the senior's places, or raise NotFound."""
    rows = list(db.table("places").rows_where("id = ? and senior_id = ?", [place_id, senior_id]))
    if not rows:
        raise NotFound(N_("There is no such place."))
    return _row(rows[0])


def add_place(
    db: Database,
    senior_id: int,
    *,
    label: str,
    address: str,
    aliases: str | Iterable[object] = (),
) -> int:
    """Add a place at the end of the senior's list and return its id."""
    get_senior(db, senior_id)
    values = _clean(label, address, aliases)
    with writing(db):
        if db.table("places").count_where("senior_id = ?", [senior_id]) >= MAX_PLACES:
            raise ValidationError(
                "label", N_("A senior can have at most %(limit)s places."), limit=MAX_PLACES
            )
        _check_label_free(db, senior_id, values["label"])
        return inserted_id(
            db.table("places").insert(
                {
                    "senior_id": senior_id,
                    "label": values["label"],
                    "address": values["address"],
                    "aliases": json.dumps(values["aliases"], ensure_ascii=False),
                    "position": ordering.next_position(db, "places", senior_id),
                    "created_at": clock.iso(),
                }
            )
        )


def update_place(
    db: Database,
    senior_id: int,
    place_id: int,
    *,
    label: str,
    address: str,
    aliases: str | Iterable[object] = (),
) -> None:
    """Change a place's label, address and aliases."""
    get_place(db, senior_id, place_id)
    values = _clean(label, address, aliases)
    with writing(db):
        _check_label_free(db, senior_id, values["label"], place_id)
        values["aliases"] = json.dumps(values["aliases"], ensure_ascii=False)
        db.table("places").update(place_id, values)


def delete_place(db: Database, senior_id: int, place_id: int) -> None:
    """Delete a place and close the gap in the order."""
    get_place(db, senior_id, place_id)
    with writing(db):
        db.table("places").delete(place_id)
        ordering.renumber(db, "places", senior_id, ordering.ordered_ids(db, "places", senior_id))


def move_place(db: Database, senior_id: int, place_id: int, position: int | str) -> None:
    """Move a place to `position` (0 is first)."""
    get_place(db, senior_id, place_id)
    with writing(db):
        ordering.move(db, "places", senior_id, place_id, position)
