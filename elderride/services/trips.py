"""The everyday trips around the bookings: where the senior is when going home, and the way
back after a ride out."""

import datetime
import zoneinfo
from typing import TypedDict

from sqlite_utils import Database

from elderride.services import bookings, clock, pickup_times
from elderride.services.people import places
from elderride.services.records import Booking, Place, Senior


class LabelledStop(TypedDict):
    """Where a car may come from: one of the senior's places (or a typed address), and its name."""

    place_id: int | None
    label: str
    address: str


class WayBack(TypedDict):
    """The trip back home to offer after a ride out: home, and a suggested time."""

    home: Place
    when: pickup_times.Choice


def latest_destination_today(db: Database, senior: Senior) -> LabelledStop | None:
    """Return where today's latest ride of the senior went (not home, not cancelled), as a stop
    with its label, or None.

    "Today" is the senior's own day; the latest ride is the one picked up last.
    """
    zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")
    start = datetime.datetime.combine(clock.now().astimezone(zone).date(), datetime.time(), zone)
    home = places.home_place(db, senior["id"])
    rows = db.execute(
        "select destination_place_id, destination_label, destination_address,"
        " coalesce(pickup_at, created_at) as at from bookings"
        " where senior_id = ? and created_at >= ? and state != 'cancelled'"
        " and destination_address is not null order by at desc, id desc limit 10",
        [senior["id"], clock.iso(start - datetime.timedelta(days=1))],
    ).fetchall()
    for place_id, label, address, at in rows:
        if clock.parse(at).astimezone(zone).date() != start.date() or clock.parse(at) > clock.now():
            continue
        if home is not None and place_id == home["id"]:
            continue
        if place_id is not None:
            return {"place_id": place_id, "label": label, "address": address}
        return {"place_id": None, "label": address, "address": address}
    return None


def going_home_pickups(
    db: Database, senior: Senior, *, with_today: bool = True
) -> list[LabelledStop]:
    """Return where the car may come from on the way home, as stops with labels: where today's
    latest ride went first (unless `with_today` is False: it says where the senior is now), then
    the senior's other places (never home itself)."""
    home = places.home_place(db, senior["id"])
    latest = latest_destination_today(db, senior) if with_today else None
    stops: list[LabelledStop] = [latest] if latest else []
    for place in places.list_places(db, senior["id"]):
        if (home is None or place["id"] != home["id"]) and (
            latest is None or place["id"] != latest["place_id"]
        ):
            stops.append(
                {"place_id": place["id"], "label": place["label"], "address": place["address"]}
            )
    return stops


def way_back(db: Database, booking: Booking, senior: Senior) -> WayBack | None:
    """Return the trip back home to offer after `booking` ({"home": place, "when": Choice}), or
    None when the ride goes home, was cancelled, is itself a trip back or has one already, or the
    way back would fall beyond the week.

    The car back is suggested two hours after the ride there (at least an hour from now).
    """
    home = places.home_place(db, senior["id"])
    if (
        home is None
        or booking["state"] in ("cancelled", "awaiting_call")
        or booking["destination_place_id"] == home["id"]
        or not booking["destination_address"]
        or booking["return_of"] is not None
        or bookings.has_trip_back(db, booking["id"])
    ):
        return None
    zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")
    there = clock.parse(booking["pickup_at"] or booking["created_at"])
    later = max(there + datetime.timedelta(hours=2), clock.now() + datetime.timedelta(hours=1))
    later = later.astimezone(zone)
    if later.date() not in pickup_times.days(senior["timezone"]):
        return None
    return {"home": home, "when": pickup_times.Choice(later.date(), later.hour, 0)}
