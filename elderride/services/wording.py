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
from elderride.services.records import Booking, Senior


@functools.cache
def catalog(language: str) -> dict[str, Any]:
    """Return the notice texts for `language`."""
    with open(resource_dir("voice") / "notices" / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


def when(booking: Booking, language: str, timezone: str | None) -> str:
    """Say when the booking's car comes: "now", "when you call" for a trip back waiting for the
    senior's call, or the pickup time in the senior's time zone."""
    if booking["state"] == "awaiting_call":
        called: str = catalog(language)["words"]["when_you_call"]
        return called
    return pickup_time(booking["pickup_at"], language, timezone)


def pickup_time(pickup_at: str | None, language: str, timezone: str | None) -> str:
    """Say when a car comes at `pickup_at` (UTC text, None for now) in the senior's time zone."""
    words: dict[str, str] = catalog(language)["words"]
    if not pickup_at:
        return words["now"]
    zone = zoneinfo.ZoneInfo(timezone or "UTC")
    moment = clock.parse(pickup_at).astimezone(zone)
    locale = LANGUAGES[language].locale
    time_text = dates.format_time(moment, format="short", locale=locale)
    today = clock.now().astimezone(zone).date()
    if moment.date() == today:
        return words["today"].format(time=time_text)
    if moment.date() == today + datetime.timedelta(days=1):
        return words["tomorrow"].format(time=time_text)
    date_text = dates.format_skeleton("MMMMEEEEd", moment, locale=locale)
    return words["later"].format(date=date_text, time=time_text)


def fields_of(booking: Booking, senior: Senior | None, language: str) -> dict[str, object]:
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


def render(kind: str, state: str, booking: Booking, senior: Senior | None, language: str) -> str:
    """Return the text of the `kind` ("text" or "call") notice for a booking entering `state`."""
    template: str = catalog(language)[kind][state]
    text = template.format(**fields_of(booking, senior, language))
    if kind == "call" and state == "assigned" and booking.get("pickup_notes"):
        # The senior hears that the driver knows which door: one worry fewer at the kerb.
        note: str = catalog(language)["words"]["driver_note"]
        text += " " + note.format(notes=booking["pickup_notes"])
    return text
