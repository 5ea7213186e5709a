"""Drivers the dispatch center has assigned before, remembered so a dispatcher picks rather than
types."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.errors import N_, NotFound
from elderride.store import writing

# The assign form offers this many, most recently seen first.
OFFERED = 50
# What a remembered driver fills in; the minutes until arrival are new every time.
FILLS = {
    "driver_phone": "phone",
    "car_make": "car_make",
    "car_colour": "car_colour",
    "plate": "plate",
}


def remember(db: Database, assignment: dict[str, Any]) -> None:
    """Remember (or refresh) the driver and car of a validated assignment."""
    name = assignment["driver_name"]
    values = {
        "name_key": name.casefold(),
        "name": name,
        "phone": assignment.get("driver_phone"),
        "car_make": assignment.get("car_make"),
        "car_colour": assignment.get("car_colour"),
        "plate": assignment.get("plate"),
        "last_seen_at": clock.iso(),
    }
    with writing(db):
        db.execute(
            "insert into drivers (name_key, name, phone, car_make, car_colour, plate, rides, "
            "last_seen_at) values (:name_key, :name, :phone, :car_make, :car_colour, :plate, 1, "
            ":last_seen_at) on conflict (name_key) do update set name = excluded.name, "
            "phone = excluded.phone, car_make = excluded.car_make, "
            "car_colour = excluded.car_colour, plate = excluded.plate, rides = rides + 1, "
            "last_seen_at = excluded.last_seen_at",
            values,
        )


def recent(db: Database, limit: int = OFFERED) -> list[dict[str, Any]]:
    """Return the drivers seen most recently first."""
    rows = db.execute(
        "select * from drivers order by last_seen_at desc limit ?", [limit]
    ).fetchall()
    columns = [column.name for column in db.table("drivers").columns]
    return [dict(zip(columns, row)) for row in rows]


def get_driver(db: Database, driver_id: int) -> dict[str, Any]:
    """Return one remembered driver, or raise NotFound."""
    row = next(db.table("drivers").rows_where("id = ?", [driver_id]), None)
    if row is None:
        raise NotFound(N_("There is no such driver."))
    return dict(row)


def filled_in(db: Database, form: dict[str, str]) -> dict[str, str]:
    """Return the assign form with a chosen remembered driver's details in the fields left blank.

    What the dispatcher typed always wins: a driver in another car today keeps the new car.
    """
    filled = dict(form)
    chosen = (form.get("driver_id") or "").strip()
    if not chosen.isdigit() or len(chosen) > 18:
        return filled
    try:
        driver = get_driver(db, int(chosen))
    except NotFound:
        return filled
    if not (filled.get("driver_name") or "").strip():
        filled["driver_name"] = driver["name"]
    for field_name, column in FILLS.items():
        if not (filled.get(field_name) or "").strip() and driver[column]:
            filled[field_name] = driver[column]
    return filled
