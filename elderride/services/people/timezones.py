"""Time zones as people name them: IANA zones with readable, translated names, and what was typed
read back as a zone."""

import functools
import unicodedata
import zoneinfo
from typing import NamedTuple

from babel.core import get_global
from babel.dates import get_timezone_location

from elderride.services import fields
from elderride.services.errors import N_, ValidationError

# The IANA areas people live in; "Etc/GMT+5" and the old "US/Eastern" names are left out.
AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


class Zone(NamedTuple):
    """An IANA zone with its name in a language: "America/New_York", "United States (New York)"."""

    name: str
    place: str
    city: str


def _fold(text: str) -> str:
    """Return `text` as searched: case, accents, underscores and spaces folded."""
    decomposed = unicodedata.normalize("NFKD", text.replace("_", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@functools.cache
def zones(language: str) -> tuple[Zone, ...]:
    """Return the zones people live in, by their readable name in `language`, then UTC."""
    aliases = get_global("zone_aliases")
    found = []
    for name in zoneinfo.available_timezones():
        if name.split("/", 1)[0] not in AREAS or name in aliases:
            continue
        # CLDR's "United States (New York) Time" without the trailing word, which helps nobody.
        place = get_timezone_location(name, locale=language).removesuffix(" Time")
        place = place.removesuffix("时间")
        city = get_timezone_location(name, locale=language, return_city=True)
        found.append(Zone(name, place, city))
    found.sort(key=lambda zone: (_fold(zone.place), zone.name))
    return (*found, Zone("UTC", "UTC", "UTC"))


def resolve(typed: str, language: str = "en") -> str:
    """Return the IANA zone `typed` names (its IANA name, its city or its readable name, in English
    or `language`), or raise."""
    if not isinstance(typed, str) or not typed.strip():
        raise ValidationError("timezone", N_("Please choose a time zone."))
    text = typed.strip()[:60]
    try:
        return str(fields.timezone("timezone", text))
    except ValidationError:
        pass
    wanted = _fold(text)
    for candidates in (zones(language), zones("en")):
        exact = {zone.name for zone in candidates if _fold(zone.name) == wanted}
        exact = exact or {
            zone.name for zone in candidates if wanted in (_fold(zone.city), _fold(zone.place))
        }
        if len(exact) == 1:
            return exact.pop()
        partial = {
            zone.name
            for zone in candidates
            if wanted in _fold(zone.place) or wanted in _fold(zone.name)
        }
        if len(partial) == 1:
            return partial.pop()
        if len(exact) > 1 or len(partial) > 1:
            raise ValidationError(
                "timezone",
                N_("Several time zones match %(typed)s: please choose one from the list."),
                typed=text,
            )
    raise ValidationError(
        "timezone",
        N_("No time zone matches %(typed)s: please choose one from the list."),
        typed=text,
    )
