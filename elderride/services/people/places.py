"""A senior's preset places: where they go, in the order the phone line reads them."""

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from sqlite_utils import Database

from elderride.intake import aliases as other_names
from elderride.services import clock, fields
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.services.people import ordering, place_fields
from elderride.services.people.place_fields import PlaceField
from elderride.services.people.seniors import get_senior
from elderride.services.records import Place
from elderride.store import inserted_id, writing
from elderride.store.database import loads

# The phone menu offers keys 1..8 for places (0 and 9 are a person and the family).
MAX_PLACES = 8
# How long the family expects the drive to a place takes when they have not said (minutes).
DEFAULT_TRAVEL_MINUTES = 30
MAX_TRAVEL_MINUTES = 240
MAX_NOTES_LENGTH = 300


def _row(row: Mapping[str, Any]) -> Place:
    """Return a place row with its aliases decoded."""
    place = dict(row)
    place["aliases"] = loads(place["aliases"], [])
    return cast(Place, place)


def _travel_minutes(field: str, value: object) -> int:
    """Return the minutes the drive to a place takes, a whole number from 0 to 240, or raise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_TRAVEL_MINUTES
    number = fields.whole_number(value, max_digits=4)
    if number is None or not 0 <= number <= MAX_TRAVEL_MINUTES:
        raise ValidationError(
            field,
            N_("Please give the minutes as a number from 0 to %(limit)s."),
            limit=MAX_TRAVEL_MINUTES,
        )
    return number


def _tick(field: str, value: object) -> bool | None:
    """Return a ticked box as True or False, None when not given (kept as it is)."""
    return None if value is None else bool(value)


# How each kind of declared field (services/people/place_fields.py) is checked.
CHECKS: dict[str, Callable[[PlaceField, object], object]] = {
    "text": lambda field, value: fields.text(
        field.name, value, max_length=field.max_length, required=field.required
    ),
    "aliases": lambda field, value: fields.aliases(field.name, cast(str | None, value)),
    "coordinates": lambda field, value: fields.coordinates(field.name, value),
    "minutes": lambda field, value: _travel_minutes(field.name, value),
    "check": lambda field, value: _tick(field.name, value),
    "home": lambda field, value: _tick(field.name, value),
}


def _clean(given: Mapping[str, object]) -> dict[str, Any]:
    """Validate a place's declared fields together, so every problem is reported at once."""
    collect = Collect()
    values = {
        field.name: collect.run(CHECKS[field.kind], field, given.get(field.name))
        for field in place_fields.FIELDS
    }
    collect.check()
    return values


def _columns(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return checked values as the places table keeps them: aliases as JSON, coordinates as two
    columns, a tick as 0 or 1; the home mark and ticks not given are left to the caller."""
    row: dict[str, Any] = {}
    for field in place_fields.FIELDS:
        value = values[field.name]
        if field.kind == "aliases":
            row[field.name] = json.dumps(value, ensure_ascii=False)
        elif field.kind == "coordinates":
            row["latitude"], row["longitude"] = value or (None, None)
        elif field.kind == "check":
            if value is not None:
                row[field.name] = int(value)
        elif field.kind != "home":
            row[field.name] = value
    return row


def _as_given(place: Place) -> dict[str, object]:
    """Return a stored place's fields as the family would give them, so an update that leaves one
    out keeps it."""
    row = cast(dict[str, Any], place)
    given: dict[str, object] = {}
    for field in place_fields.FIELDS:
        if field.kind == "coordinates":
            given[field.name] = (
                _pasted((row["latitude"], row["longitude"] or 0.0))
                if row["latitude"] is not None
                else None
            )
        elif field.kind != "home":
            given[field.name] = row.get(field.name)
    return given


def _pasted(coordinates: str | tuple[float, float] | None) -> str | None:
    """Return coordinates as the family would paste them, so one check judges both kinds."""
    if isinstance(coordinates, tuple):
        return f"{coordinates[0]}, {coordinates[1]}"
    return coordinates


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


def home_place(db: Database, senior_id: int) -> Place | None:
    """Return the place the family marked as the senior's home, wherever it is in the list, or
    None."""
    rows = list(db.table("places").rows_where("senior_id = ? and is_home = 1", [senior_id]))
    return _row(rows[0]) if rows else None


def _mark_home(db: Database, senior_id: int, place_id: int) -> None:
    """Make `place_id` the senior's only home; the caller holds the transaction."""
    db.execute("update places set is_home = (id = ?) where senior_id = ?", [place_id, senior_id])


def get_place(db: Database, senior_id: int, place_id: int) -> Place:
    """Return one of the senior's places, or raise NotFound."""
    rows = list(db.table("places").rows_where("id = ? and senior_id = ?", [place_id, senior_id]))
    if not rows:
        raise NotFound(N_("There is no such place."))
    return _row(rows[0])


def _declared_only(more: Mapping[str, object], function: str) -> Mapping[str, object]:
    """Return keyword arguments beyond a function's own, refusing any no place field declares."""
    unknown = set(more) - {field.name for field in place_fields.FIELDS}
    if unknown:
        raise TypeError(f"{function}() got an unexpected keyword argument {sorted(unknown)[0]!r}")
    return more


def add_place(
    db: Database,
    senior_id: int,
    *,
    label: str,
    address: str,
    aliases: str | Iterable[object] = (),
    is_home: bool | None = None,
    pickup_notes: str = "",
    travel_minutes: int | str | None = None,
    medical: bool = False,
    coordinates: str | tuple[float, float] | None = None,
    **more: object,
) -> int:
    """Add a place at the end of the senior's list and return its id; `more` gives any other
    declared field (services/people/place_fields.py).

    `is_home` None makes it home only when the senior has none yet, so a first place is home.
    """
    get_senior(db, senior_id)
    values = _clean(
        {
            "label": label,
            "address": address,
            "aliases": aliases,
            "pickup_notes": pickup_notes,
            "travel_minutes": travel_minutes,
            "medical": medical,
            "coordinates": _pasted(coordinates),
            **_declared_only(more, "add_place"),
        }
    )
    with writing(db):
        if db.table("places").count_where("senior_id = ?", [senior_id]) >= MAX_PLACES:
            raise ValidationError(
                "label", N_("A senior can have at most %(limit)s places."), limit=MAX_PLACES
            )
        _check_label_free(db, senior_id, values["label"])
        if is_home is None:
            is_home = home_place(db, senior_id) is None
        place_id = inserted_id(
            db.table("places").insert(
                {
                    "senior_id": senior_id,
                    **_columns(values),
                    "position": ordering.next_position(db, "places", senior_id),
                    "created_at": clock.iso(),
                }
            )
        )
        if is_home:
            _mark_home(db, senior_id, place_id)
        return place_id


def update_place(
    db: Database,
    senior_id: int,
    place_id: int,
    *,
    label: str,
    address: str,
    aliases: str | Iterable[object] = (),
    is_home: bool | None = None,
    pickup_notes: str | None = None,
    travel_minutes: int | str | None = None,
    medical: bool | None = None,
    coordinates: str | tuple[float, float] | None = None,
    **more: object,
) -> None:
    """Change a place's fields; `is_home` True makes it the home, False unmarks it, None keeps
    it as it is, and notes, minutes, the medical mark, coordinates or any other declared field in
    `more` left None keep theirs ("" for the coordinates clears them); other names the line
    ignores stay until `remove_alias`."""
    place = get_place(db, senior_id, place_id)
    changed = {
        "pickup_notes": pickup_notes,
        "travel_minutes": travel_minutes,
        "medical": medical,
        "coordinates": _pasted(coordinates),
        **_declared_only(more, "update_place"),
    }
    values = _clean(
        {
            **_as_given(place),
            **{name: value for name, value in changed.items() if value is not None},
            "label": label,
            "address": address,
            "aliases": aliases,
        }
    )
    # The form shows an ignored name apart, not in its box: saving the rest never drops it unseen.
    values["aliases"] += [alias for alias, _ in unheard_aliases(place)]
    with writing(db):
        _check_label_free(db, senior_id, values["label"], place_id)
        row = _columns(values)
        if is_home is not None:
            row["is_home"] = int(is_home)
        db.table("places").update(place_id, row)
        if is_home:
            _mark_home(db, senior_id, place_id)


def unheard_aliases(place: Place) -> list[tuple[str, other_names.Fault]]:
    """Return the place's other names the phone line does not listen for, each with its fault:
    stored before the portal refused such names, they are kept until the family removes them."""
    found = [(alias, other_names.fault(alias)) for alias in place["aliases"]]
    return [(alias, fault) for alias, fault in found if fault is not None]


def heard_aliases(place: Place) -> list[str]:
    """Return the place's other names the phone line listens for, in their stored order."""
    ignored = {alias for alias, _ in unheard_aliases(place)}
    return [alias for alias in place["aliases"] if alias not in ignored]


def remove_alias(db: Database, senior_id: int, place_id: int, alias: str) -> None:
    """Remove one of a place's other names as stored; the others are kept as they are."""
    place = get_place(db, senior_id, place_id)
    kept = [name for name in place["aliases"] if name != alias]
    with writing(db):
        db.table("places").update(place_id, {"aliases": json.dumps(kept, ensure_ascii=False)})


def delete_place(db: Database, senior_id: int, place_id: int) -> None:
    """Delete a place and close the gap in the order."""
    get_place(db, senior_id, place_id)
    with writing(db):
        db.table("places").delete(place_id)
        ordering.renumber(db, "places", senior_id, ordering.ordered_ids(db, "places", senior_id))


def move_place(db: Database, senior_id: int, place_id: int, position: int | str) -> None:
    """Move a place to `position` (0 is first); only the order changes, never which is home."""
    get_place(db, senior_id, place_id)
    with writing(db):
        ordering.move(db, "places", senior_id, place_id, position)
