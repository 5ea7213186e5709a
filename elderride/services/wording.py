"""The words of texts and call-backs, read from voice/notices/<language>.toml."""

import datetime
import functools
import re
import tomllib
import unicodedata
import zoneinfo
from typing import Any, cast

from babel import dates

from elderride.languages import LANGUAGES
from elderride.resources import resource_dir
from elderride.services import clock
from elderride.services.people import place_fields
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
    return _moment(pickup_at, language, timezone, ("today", "tomorrow", "later"))


def deadline(at: str, language: str, timezone: str | None) -> str:
    """Say a time to be somewhere by, as it reads after "by": "10:00 AM on Tuesday, December 8"."""
    return _moment(at, language, timezone, ("by_today", "by_tomorrow", "by_later"))


def _moment(at: str, language: str, timezone: str | None, keys: tuple[str, str, str]) -> str:
    """Say `at` (UTC text) in the senior's zone with the catalog's words for today, tomorrow and
    a later day."""
    words: dict[str, str] = catalog(language)["words"]
    zone = zoneinfo.ZoneInfo(timezone or "UTC")
    moment = clock.parse(at).astimezone(zone)
    locale = LANGUAGES[language].locale
    time_text = clock_words(moment.time(), language)
    today = clock.now().astimezone(zone).date()
    today_key, tomorrow_key, later_key = keys
    if moment.date() == today:
        return words[today_key].format(time=time_text)
    if moment.date() == today + datetime.timedelta(days=1):
        return words[tomorrow_key].format(time=time_text)
    date_text = dates.format_skeleton("MMMMEEEEd", moment, locale=locale)
    return words[later_key].format(date=date_text, time=time_text)


# The longest a name, a place or a driver's detail may run in a text or a call: enough for any
# real one, too short for an advertisement.
NAME_LENGTH = 40
PLACE_LENGTH = 60
NOTES_LENGTH = 160
_MARKUP = re.compile(r"<[^<>]{0,200}>")
_SCHEME_LINK = re.compile(r"\b[a-z][a-z0-9+.-]*://\S*", re.IGNORECASE)
# A dot after a letter or digit and before letters is what makes "evil2.example/pay" a link a
# phone underlines ("12.5 km" and "St. Mary" keep theirs); so is the ideographic full stop between
# Latin letters, the dot after "www", and the dots of an address like 1.2.3.4.
_HOST_DOT = re.compile(
    r"(?<=[^\W_])\.(?=[^\W\d_]{2})|(?<=[A-Za-z0-9])。(?=[A-Za-z]{2})|(?<=\bwww)\.", re.IGNORECASE
)
_DOTTED_QUAD = re.compile(r"\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b")


def sendable(value: object, limit: int) -> str:
    """Return what people typed (a name, a place, a driver's detail) as it may be said in a text or
    a call: no links, markup or control characters, at most `limit` characters."""
    # Texts and calls carry our name: whatever a stranger types must not make them a lure.
    text = _MARKUP.sub(" ", unicodedata.normalize("NFKC", str(value or "")))
    text = "".join(
        " " if unicodedata.category(char)[0] in "CZ" or char in "<>" else char for char in text
    )
    text = _DOTTED_QUAD.sub(r"\1 \2 \3 \4", _HOST_DOT.sub(" ", _SCHEME_LINK.sub(" ", text)))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fields_of(booking: Booking, senior: Senior | None, language: str) -> dict[str, object]:
    """Return the placeholders a notice about `booking` may use, each made sendable."""
    words = catalog(language)["words"]
    car = car_name(booking["car_colour"] or "", booking["car_make"] or "")
    return {
        "senior": sendable(senior["name"] if senior else booking["caller_phone"], NAME_LENGTH),
        "pickup": sendable(booking["pickup_label"] or booking["pickup_address"], PLACE_LENGTH),
        "destination": sendable(
            booking["destination_label"] or booking["destination_address"] or words["tell_driver"],
            PLACE_LENGTH,
        ),
        "when": when(booking, language, senior["timezone"] if senior else "UTC"),
        "driver": sendable(booking["driver_name"], NAME_LENGTH),
        "car": sendable(car, NAME_LENGTH),
        "a_car": a_car(booking, language),
        "plate": sendable(booking["plate"], NAME_LENGTH),
        "eta": booking["eta_minutes"] if booking["eta_minutes"] is not None else "",
    }


def a_car(booking: Booking, language: str) -> str:
    """Say the car as people look for it, colour first: "a silver Toyota", "an orange Honda",
    "一辆银色丰田"."""
    words = catalog(language)["words"]
    colour = sendable((booking["car_colour"] or "").lower(), NAME_LENGTH)
    make = sendable(booking["car_make"], NAME_LENGTH)
    # English says "an" before a vowel sound; a colour word's first letter is a fair guide.
    form = "an_car" if (colour or make)[:1].lower() in ("a", "e", "i", "o", "u") else "a_car"
    said: str = words[form].format(car=car_name(colour, make))
    return " ".join(said.split())


def car_name(colour: str, make: str) -> str:
    """Put a car's colour before its make as its script writes them: "blue Toyota" with a space,
    "银色丰田" without one."""
    colour, make = colour.strip(), make.strip()
    if not colour or not make:
        return colour or make
    # Chinese runs its words together, and into a Latin word beside them as our catalogs do
    # ("车牌ABC 123"); two Latin words need their space whatever language the sentence is in.
    if _wide(colour[-1]) or _wide(make[0]):
        return colour + make
    return f"{colour} {make}"


def _wide(char: str) -> bool:
    """Tell whether `char` is written without spaces around it (a Chinese or Japanese character)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def render(kind: str, state: str, booking: Booking, senior: Senior | None, language: str) -> str:
    """Return the text of the `kind` ("text" or "call") notice for a booking entering `state`."""
    template: str = catalog(language)[kind][state]
    text = template.format(**fields_of(booking, senior, language))
    if kind == "call" and state == "assigned":
        text += _driver_knows(booking, language)
    return text


def _driver_knows(booking: Booking, language: str) -> str:
    """Return the words telling the senior what the driver was told of their places (the declared
    fields read on the phone), each after a space; "" for none."""
    row = cast(dict[str, Any], booking)
    said = ""
    for field in place_fields.on_the_ride():
        # The senior hears that the driver knows which door: one worry fewer at the kerb.
        if field.ride is not None and field.ride.call_words and row.get(field.name):
            note: str = catalog(language)["words"][field.ride.call_words]
            said += " " + note.format(notes=sendable(row[field.name], NOTES_LENGTH))
    return said


def clock_words(time: datetime.time, language: str) -> str:
    """Say a time of day as the senior reads one: "9:30 AM", or in Chinese "上午9点半", never
    "09:30" (the language's [clock] words)."""
    words = catalog(language)["clock"]
    form = "on_the_hour" if time.minute == 0 else "half_past" if time.minute == 30 else "minutes"
    return _clock(words, form, time.hour, time.minute)


def hour_words(hour: int, language: str) -> str:
    """Say an hour alone, as a button offers it: "2 PM", or "下午2点"."""
    return _clock(catalog(language)["clock"], "hour_only", hour, 0)


def _clock(words: dict[str, Any], form: str, hour: int, minute: int) -> str:
    """Fill one of the [clock] forms with the part of the day and the hour on the 12-hour clock."""
    period = next(name for start, name in reversed(words["periods"]) if hour >= start)
    said: str = words[form].format(period=period, hour=hour % 12 or 12, minute=minute)
    return said
