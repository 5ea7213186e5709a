"""The words of texts and call-backs, read from voice/notices/<language>.toml."""

import datetime
import functools
import tomllib
import zoneinfo
from typing import Any

from babel import dates

from elderride.languages import LANGUAGES
from elderride.resources import resource_dir
from elderride.services import clock


@functools.cache
def catalog(language):
    """Return the notice texts for `language`."""
    with open(resource_dir("voice") / "notices" / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


def when(booking: dict[str, Any], language: str, timezone: str | None) -> str:
    """Say when the car comes: "now", or the pickup time in the senior's own time zone."""
    words = catalog(language)["words"]
    if booking.get("state") == "awaiting_call":
        return words["when_you_call"]
    if not booking["pickup_at"]:
        return words["now"]
    zone = zoneinfo.ZoneInfo(timezone or "UTC")
    moment = clock.parse(booking["pickup_at"]).astimezone(zone)
    locale = LANGUAGES[language].locale
    time_text = dates.format_time(moment, format="short", locale=locale)
    today = clock.now().astimezone(zone).date()
    if moment.date() == today:
        return words["today"].format(time=time_text)
    if moment.date() == today + datetime.timedelta(days=1):
        return words["tomorrow"].format(time=time_text)
    date_text = dates.format_skeleton("MMMMEEEEd", moment, locale=locale)
    return words["later"].format(date=date_text, time=time_text)


def fields_of(booking, senior, language):
    """Return the placeholders a notice about `booking` may use."""
    words = catalog(language)["words"]
    return {
        "senior": senior["name"] if senior else booking["caller_phone"] or "",
        "pickup": booking["pickup_label"] or booking["pickup_address"],
        "destination": booking["destination_label"]
        or booking["destination_address"]
        or words["tell_driver"],
        "when": when(booking, language, senior["timezone"] if senior else "UTC"),
        "driver": booking["driver_name"] or "",
        "car": " ".join(part for part in (booking["car_colour"], booking["car_make"]) if part),
        "plate": booking["plate"] or "",
        "eta": booking["eta_minutes"] if booking["eta_minutes"] is not None else "",
    }


def render(kind, state, booking, senior, language):
    """Return the text of the `kind` ("text" or "call") notice for a booking entering `state`."""
    template = catalog(language)[kind][state]
    return template.format(**fields_of(booking, senior, language))
