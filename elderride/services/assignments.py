"""What a dispatcher or dispatch system reports when a driver takes a ride: driver, car, plate,
ETA."""

from collections.abc import Mapping
from typing import Any

from elderride.services import fields
from elderride.services.errors import N_, ValidationError

FIELDS = {
    "driver_name": 100,
    "driver_phone": 40,
    "car_make": 60,
    "car_colour": 40,
    "plate": 20,
}


def validate(details: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the driver, car, plate and ETA a dispatcher or dispatch system reports."""
    values: dict[str, Any] = {}
    for name, limit in FIELDS.items():
        values[name] = (
            fields.text(name, details.get(name), max_length=limit, required=name != "driver_phone")
            or None
        )
    values["eta_minutes"] = eta(details.get("eta_minutes"), required=True)
    return values


def eta(value: object, *, required: bool) -> int | None:
    """Return minutes until the car arrives as an int from 0 to 240."""
    if value in (None, "") and not required:
        return None
    minutes = fields.whole_number(value)
    if minutes is None:
        raise ValidationError(
            "eta_minutes", N_("Please give the minutes until the car arrives, as a whole number.")
        )
    if not 0 <= minutes <= 240:
        raise ValidationError("eta_minutes", N_("Minutes until arrival must be between 0 and 240."))
    return minutes
