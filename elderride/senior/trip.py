"""The ride page's choices: where to, where from (home first asks where the senior is), and
when, each one tap."""

import datetime
from collections.abc import Mapping
from typing import Any

from babel import dates
from flask import g
from flask_babel import gettext as _
from sqlite_utils import Database

from elderride.languages import LANGUAGES
from elderride.services import bookings, clock, fields, pickup_times, trips, wording
from elderride.services.errors import ValidationError
from elderride.services.people import places
from elderride.services.records import Place, Stop
from elderride.web.database import get_db
from elderride.web.i18n import current_language


def _choice_words(choice: pickup_times.Choice, *, by: bool = False) -> str:
    """Say a chosen time as the ride's page will say it (`by`: as it reads after "by")."""
    at = choice.at(g.senior["timezone"])
    if by and at is not None:
        return wording.deadline(clock.iso(at), current_language(), g.senior["timezone"])
    return wording.pickup_time(
        clock.iso(at) if at else None, current_language(), g.senior["timezone"]
    )


def _device_point(args: Mapping[str, Any]) -> tuple[float, float] | None:
    """Return the (latitude, longitude) the senior's device gave, or None when it gave nothing
    usable (the page then asks for the address)."""
    try:
        latitude = round(float(args.get("here_latitude", "")), 6)
        longitude = round(float(args.get("here_longitude", "")), 6)
        return fields.coordinates("pickup", f"{latitude}, {longitude}")
    except (ValueError, ValidationError):
        return None


# The question each tapped choice leads to, asked first on the page it opens: a day asks for the
# hour, the hour for the minutes, the minutes for whether it is a pickup or an appointment; after
# that (or after "now" or a pickup) the ride is said whole with "Call the car" beside it.
NEXT_STEP = {"set_day": "hour", "set_hour": "minute", "set_minute": "mode"}


def _locale() -> str:
    return LANGUAGES[current_language()].locale


def _hour_labels() -> dict[int, str]:
    """Each offered hour as the senior's language says it: "2 PM" in English, "下午2点" in
    Chinese."""
    return {hour: wording.hour_words(hour, current_language()) for hour in range(24)}


class TripChoices:
    """What the senior has chosen so far on the ride page: where to, where from, when."""

    def __init__(self, db: Database, args: Mapping[str, Any]) -> None:
        zone = g.senior["timezone"]
        self.places = places.list_places(db, g.senior["id"])
        by_id = {str(place["id"]): place for place in self.places}
        self.home = places.home_place(db, g.senior["id"])
        self.other = args.get("to") == "other"
        self.destination = by_id.get(args.get("to", ""))
        self.going_home = (
            self.destination is not None
            and self.home is not None
            and self.destination["id"] == self.home["id"]
        )
        self.address = args.get("address", "")[:200]
        self.pickup_address = args.get("pickup_address", "")[:200]
        # Going home, the car comes from where today's last ride went, unless the senior says.
        self.suggested = trips.latest_destination_today(db, g.senior) if self.going_home else None
        chosen = args.get("set_pickup", args.get("pickup"))
        # Where the device says the senior is, when they asked for that and it said.
        self.here = (
            _device_point(args)
            if chosen == "here" or (chosen is None and args.get("pickup_here") == "1")
            else None
        )
        self.typed_pickup = (chosen in ("typed", "here") and self.here is None) or (
            chosen is None and args.get("pickup_typed") == "1"
        )
        self.pickup = None if self.typed_pickup or self.here else by_id.get(chosen or "")
        if self.pickup is None and not self.typed_pickup and self.here is None:
            if self.going_home:
                if self.suggested and self.suggested["place_id"] is not None:
                    self.pickup = by_id.get(str(self.suggested["place_id"]))
                elif self.suggested and not self.pickup_address:
                    self.pickup_address = self.suggested["address"][:200]
            elif self.home is not None and (
                self.destination is None or self.home["id"] != self.destination["id"]
            ):
                self.pickup = self.home
        if self.pickup is not None and self.pickup is self.destination:
            self.pickup = None
        self.choice = pickup_times.parse(args.get("when"), zone)
        self.arrive = args.get("arrive") == "1" and not self.choice.is_now
        self._apply_changes(args, zone)

    def _apply_changes(self, args: Mapping[str, Any], zone: str) -> None:
        """Apply a tapped time button (the form keeps every typed word) and note which question
        comes next."""
        self.step = "start"
        day = args.get("set_day")
        if day == "now":
            self.choice = pickup_times.Choice()
            self.step = "ready"
        elif day:
            chosen = pickup_times.parse(f"{day}T00:00", zone)
            if chosen.day is not None:  # a day, not "now"
                self.choice = self.choice.with_day(chosen.day, zone)
                self.step = NEXT_STEP["set_day"]
        hour = fields.whole_number(args.get("set_hour", ""), max_digits=2)
        if hour is not None and hour in pickup_times.hours(self.choice, zone):
            self.choice = self.choice.with_hour(hour)
            self.step = NEXT_STEP["set_hour"]
        minute = fields.whole_number(args.get("set_minute", ""), max_digits=2)
        if minute is not None and minute in pickup_times.QUARTERS and not self.choice.is_now:
            self.choice = self.choice.with_minute(minute)
            self.step = NEXT_STEP["set_minute"]
        if args.get("set_arrive") in ("0", "1"):
            self.arrive = args["set_arrive"] == "1" and not self.choice.is_now
            self.step = "ready"
        if "set_pickup" in args:
            self.step = "ready"
        if self.choice.is_now:
            self.arrive = False
            if self.step != "start":
                self.step = "ready"
        if self.step == "hour" and not pickup_times.hours(self.choice, zone):
            # Today's last hour is gone: its first offered time is the choice, and the minutes
            # come next.
            self.step = "minute"

    def pickup_choices(self) -> list[Place]:
        """The places the car may come from, the suggested one first."""
        offered = [place for place in self.places if place is not self.destination]
        suggested = self.suggested["place_id"] if self.suggested else None
        if suggested is not None:
            offered.sort(key=lambda place: place["id"] != suggested)
        return offered

    def pickup_stop(self, form: Mapping[str, str]) -> Stop:
        """The pickup as the booking service takes it."""
        if self.pickup is not None:
            return {"place_id": self.pickup["id"]}
        if self.here is not None:
            latitude, longitude = self.here
            return {
                "address": f"{latitude:.6f}, {longitude:.6f}",
                "label": _("My location"),
                "latitude": latitude,
                "longitude": longitude,
            }
        return {"address": form.get("pickup_address", "")}

    def destination_stop(self, form: Mapping[str, str]) -> Stop:
        """The destination as the booking service takes it."""
        if self.destination is not None:
            return {"place_id": self.destination["id"]}
        return {"address": form.get("address", "")}

    def context(self, **extra: Any) -> dict[str, Any]:
        """Everything the ride page shows."""
        zone = g.senior["timezone"]
        appointment = None
        at = self.choice.at(zone)
        if self.arrive and at is not None:  # an arrival time is never "now"
            appointment = bookings.pickup_for_appointment(
                get_db(),
                g.senior["id"],
                {"place_id": self.destination["id"]} if self.destination else None,
                at,
            )
        return {
            "trip": self,
            "step": self.step,
            "places": self.places,
            "pickup": self.pickup,
            "destination": self.destination,
            "other": self.other or self.destination is None,
            "when": self.choice.code(),
            "when_text": _choice_words(self.choice),
            "by_text": _choice_words(self.choice, by=True),
            "pickup_time_text": _choice_words(
                pickup_times.Choice(appointment.date(), appointment.hour, appointment.minute)
            )
            if appointment
            else None,
            "days": pickup_times.days(zone),
            "hour_labels": _hour_labels(),
            "quarter_labels": {
                minute: wording.clock_words(
                    datetime.time(self.choice.hour, minute), current_language()
                )
                for minute in pickup_times.QUARTERS
            },
            "weekdays": {
                day: dates.format_date(day, "EEEE", locale=LANGUAGES[current_language()].locale)
                for day in pickup_times.days(zone)
            },
            "today": pickup_times.today(zone),
            "hours": pickup_times.hours(self.choice, zone),
            "quarters": pickup_times.QUARTERS,
            "address": self.address,
            "pickup_address": self.pickup_address,
            "here": self.here,
            **extra,
        }
