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
# What an assignment must say; only the driver's phone may be left out.
REQUIRED = ("driver_name", "car_make", "car_colour", "plate", "eta_minutes")
ETA_MAX = 240


def validate(details: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the driver, car, plate and ETA a dispatcher or dispatch system reports."""
    values: dict[str, Any] = {}
    for name, limit in FIELDS.items():
        values[name] = (
            fields.text(name, details.get(name), max_length=limit, required=name in REQUIRED)
            or None
        )
    values["eta_minutes"] = eta(details.get("eta_minutes"), required=True)
    return values


def check_report(report: Mapping[str, Any]) -> None:
    """Refuse a dispatch system's report whose driver, car, plate or ETA, where given, is not the
    shape the API's document states (elderride/api/openapi.json; a test holds the two alike)."""
    for name, limit in FIELDS.items():
        if name not in report:
            continue
        if name in REQUIRED:
            fields.visible(name, report[name], max_length=limit)
        elif report[name] != "":
            fields.printable(name, report[name], max_length=limit)
    if "eta_minutes" in report:
        # JSON's numbers only: a form's "5" is text, which the document does not allow here.
        minutes = report["eta_minutes"]
        if isinstance(minutes, bool) or not isinstance(minutes, int | float):
            raise ValidationError(
                "eta_minutes",
                N_("Please give the minutes until the car arrives, as a whole number."),
            )
        eta(minutes, required=True)


def eta(value: object, *, required: bool) -> int | None:
    """Return minutes until the car arrives as an int from 0 to 240."""
    if value in (None, "") and not required:
        return None
    minutes = fields.whole_number(value)
    if minutes is None:
        raise ValidationError(
            "eta_minutes", N_("Please give the minutes until the car arrives, as a whole number.")
        )
    if not 0 <= minutes <= ETA_MAX:
        raise ValidationError("eta_minutes", N_("Minutes until arrival must be between 0 and 240."))
    return minutes
