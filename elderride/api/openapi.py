"""The OpenAPI 3.1 description of the dispatch API and its webhooks: elderride/api/openapi.json,
served with this server's address. `elderride write-contract` writes the declared place fields a
ride carries into its Booking schema (a test fails while the file lacks one)."""

import copy
import functools
import json
from pathlib import Path
from typing import Any

from elderride.services.people import place_fields

PATH = Path(__file__).with_name("openapi.json")


@functools.cache
def _file() -> dict[str, Any]:
    return json.loads(PATH.read_text(encoding="utf-8"))


def document(server_url: str) -> dict[str, Any]:
    """Return the OpenAPI document for a server at `server_url`."""
    served = copy.deepcopy(_file())
    served["servers"] = [{"url": server_url}]
    return served


def _after(entries: dict[str, Any], anchor: str, name: str, value: Any) -> dict[str, Any]:
    """Return `entries` with `name` set to `value`: in its place when it is there, else just after
    `anchor`."""
    if name in entries:
        return {**entries, name: value}
    result: dict[str, Any] = {}
    for key, entry in entries.items():
        result[key] = entry
        if key == anchor:
            result[name] = value
    return result


def with_place_fields(contract: dict[str, Any]) -> dict[str, Any]:
    """Return the document with its Booking schema naming every declared place field a ride carries
    (services/people/place_fields.py), after appointment_at in declared order, as the booking
    document places them."""
    written = copy.deepcopy(contract)
    booking = written["components"]["schemas"]["Booking"]
    anchor = "appointment_at"
    for field in place_fields.on_the_ride():
        assert field.ride is not None
        described = {"type": ["string", "null"], "description": field.ride.description}
        booking["properties"] = _after(booking["properties"], anchor, field.name, described)
        required = dict.fromkeys(booking["required"])
        booking["required"] = list(_after(required, anchor, field.name, None))
        anchor = field.name
    return written


def write() -> None:
    """Write the declared place fields into elderride/api/openapi.json."""
    text = json.dumps(with_place_fields(_file()), indent=2, ensure_ascii=False) + "\n"
    PATH.write_text(text, encoding="utf-8")


# The status reports a dispatch system may send, as the document lists them. no_show is no state
# change: the driver is there and the senior is not (a welfare check).
EVENT_TYPES = tuple(_file()["components"]["schemas"]["StatusReport"]["properties"]["type"]["enum"])
