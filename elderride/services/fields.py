"""Checks for the text people type into elderride: present, within bounds, clean."""

import functools
import math
import re
import sys
import unicodedata
import zoneinfo
from collections.abc import Iterable
from typing import Any

from elderride.intake import aliases as other_names
from elderride.languages import CODES
from elderride.services.errors import N_, ValidationError

NEEDS = ("walker", "wheelchair", "hearing", "meet_at_door", "easy_entry")

# Control characters (but not ordinary spaces) are never meaningful in a name or address.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# C0 and C1 controls, and half of a UTF-16 pair on its own (JSON can carry one; SQLite
# cannot store it as UTF-8): an identifier someone else chose never needs them.
_CONTROL_RANGES = r"\x00-\x1f\x7f-\x9f"
_UNPRINTABLE = re.compile(rf"[{_CONTROL_RANGES}\ud800-\udfff]")
# The same rules as patterns an API document can state, for Python's and ECMAScript's regular
# expressions alike: printable text, and printable text with something to read once spaces and
# the invisible characters `text` drops are gone. Lone surrogates are left out: a JSON Schema
# pattern matches characters, and half a pair is none.
PRINTABLE_PATTERN = f"^[^{_CONTROL_RANGES}]*$"
VISIBLE_PATTERN = (
    f"^[^{_CONTROL_RANGES}]*"
    rf"[^\s{_CONTROL_RANGES}\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
    f"[^{_CONTROL_RANGES}]*$"
)


def text(field: str, value: object, *, max_length: int, required: bool = True) -> str:
    """Return `value` tidied (NFC, one line, trimmed) or raise naming the field."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, N_("This must be text."))
    value = unicodedata.normalize("NFC", _CONTROL.sub("", value))
    value = " ".join(value.split())
    if required and not value:
        raise ValidationError(field, N_("Please fill this in."))
    if len(value) > max_length:
        raise ValidationError(
            field, N_("Please keep this under %(limit)s characters."), limit=max_length
        )
    return value


def whole_number(value: object, *, max_digits: int = 9) -> int | None:
    """Return `value` as an int when it is a whole number (2, 2.0, " 2 "), else None: never 2.9,
    true or infinity."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if len(str(abs(value))) <= max_digits else None
    if isinstance(value, float):
        return (
            int(value)
            if math.isfinite(value) and value.is_integer() and abs(value) < 10**max_digits
            else None
        )
    if isinstance(value, str):
        digits = value.strip()
        if digits[:1] == "-":
            digits = digits[1:]
        if digits.isascii() and digits.isdigit() and len(digits) <= max_digits:
            return int(value.strip())
    return None


def is_printable(value: str) -> bool:
    """Tell whether `value` holds no control character and no lone surrogate."""
    return not _UNPRINTABLE.search(value)


def printable(field: str, value: object, *, max_length: int) -> str:
    """Return `value` if it is a string without control characters or lone surrogates, else
    raise."""
    if not isinstance(value, str) or not 1 <= len(value) <= max_length:
        raise ValidationError(
            field, N_("Please keep this between 1 and %(limit)s characters."), limit=max_length
        )
    if not is_printable(value):
        raise ValidationError(field, N_("This must be printable text."))
    return value


def visible(field: str, value: object, *, max_length: int) -> str:
    """Return `value` if it is printable text with something to read, as VISIBLE_PATTERN says, else
    raise."""
    printable(field, value, max_length=max_length)
    if not re.fullmatch(VISIBLE_PATTERN, str(value)):
        raise ValidationError(field, N_("Please fill this in."))
    return str(value)


# SQLite's largest integer: an id beyond it names no row (and cannot even be asked about).
MAX_ROW_ID = 2**63 - 1


def row_id(field: str, value: Any) -> int:
    """Return `value` as a row id (a positive integer SQLite can hold) or raise naming the field."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(field, N_("There is no such item.")) from None
    if not 0 < number <= MAX_ROW_ID:
        raise ValidationError(field, N_("There is no such item."))
    return number


def language(field: str, value: object) -> str:
    """Return a supported language code or raise."""
    if not isinstance(value, str) or value not in CODES:
        raise ValidationError(field, N_("Please choose English or Chinese."))
    return value


def needs(field: str, values: Iterable[str] | None) -> list[str]:
    """Return the known need codes from `values`, in the canonical order, or raise on an unknown
    one."""
    given = set(values or ())
    unknown = given - set(NEEDS)
    if unknown:
        raise ValidationError(field, N_("Unknown need: %(need)s."), need=sorted(unknown)[0][:40])
    return [need for need in NEEDS if need in given]


# What the family is told for each fault the phone line finds in a place's other name
# (intake/aliases.py): what is wrong, and what to give instead.
ALIAS_FAULTS = {
    "long": N_("Please keep each other name under %(limit)s characters."),
    "number": N_(
        '"%(alias)s" is only a number, and callers say numbers for times and menu choices: please '
        "give the place's name instead."
    ),
    "short": N_(
        '"%(alias)s" is too short for the phone line to tell apart: please give at least 2 letters '
        '(or 2 Chinese characters), such as "Lily\'s place".'
    ),
    "stop_words": N_(
        '"%(alias)s" holds only words callers say in any sentence, such as "the", "to" or '
        '"please": please add a word that names the place, such as "hospital".'
    ),
}


# Why the phone line leaves out an other name stored before the portal refused such names (the
# set-up page lists it with this reason, beside a button that removes it).
ALIAS_UNHEARD = {
    "long": N_("too long for a name said on the phone"),
    "number": N_("it is only a number, and callers say numbers for times and menu choices"),
    "short": N_("too short to tell apart from a letter said alone"),
    "stop_words": N_('it holds only words callers say in any sentence, such as "the" or "to"'),
}


def aliases(field: str, values: str | Iterable[object] | None, *, max_count: int = 10) -> list[str]:
    """Return cleaned, de-duplicated spoken aliases or raise, naming the first the phone line
    cannot listen for."""
    if isinstance(values, str):
        values = re.split(r"[,;\n，；、]", values)
    cleaned: list[str] = []
    for value in values or ():
        # No bound here: an alias too long is one of the faults below, told as such.
        alias = text(field, value, max_length=sys.maxsize, required=False)
        if not alias or alias.casefold() in {a.casefold() for a in cleaned}:
            continue
        fault = other_names.fault(alias)
        if fault is not None:
            raise ValidationError(
                field, ALIAS_FAULTS[fault], alias=alias, limit=other_names.MAX_LENGTH
            )
        cleaned.append(alias)
    if len(cleaned) > max_count:
        raise ValidationError(
            field, N_("Please give at most %(limit)s other names."), limit=max_count
        )
    return cleaned


@functools.cache
def _known_zones() -> frozenset[str]:
    """The IANA zone names: not the database's folders ("America"), its "right/" and "posix/"
    copies, or the machine's own "localtime"."""
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory"}) | {"UTC"}


def timezone(field: str, value: object) -> str:
    """Return a known IANA time zone name or raise."""
    if not isinstance(value, str) or len(value) > 64 or not value:
        raise ValidationError(field, N_("Please choose a time zone."))
    if value not in _known_zones():
        raise ValidationError(field, N_("Unknown time zone: %(zone)s."), zone=value)
    return value


# Paste from a map ("40.7128, -74.0060", "40.7128 -74.0060"): two decimal numbers, nothing else.
_COORDINATES = re.compile(
    r"\s*([+-]?\d{1,3}(?:\.\d{1,10})?)\s*[,;\s]\s*([+-]?\d{1,3}(?:\.\d{1,10})?)\s*"
)


def coordinates(field: str, value: object) -> tuple[float, float] | None:
    """Return (latitude, longitude) from pasted text, None for nothing, or raise naming the
    field: a latitude from -90 to 90 and a longitude from -180 to 180."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > 60:
        raise ValidationError(field, COORDINATES_HELP)
    found = _COORDINATES.fullmatch(value)
    if not found:
        raise ValidationError(field, COORDINATES_HELP)
    latitude, longitude = float(found.group(1)), float(found.group(2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(
            field,
            N_(
                "The latitude (first) goes from -90 to 90 and the longitude (second) from -180 "
                "to 180."
            ),
        )
    return latitude, longitude


COORDINATES_HELP = N_(
    "Please paste the place's coordinates as two numbers, latitude then longitude, such as "
    "40.7128, -74.0060."
)
