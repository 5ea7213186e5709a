"""How the family portal shows times, people and ride steps: in the senior's time zone and the
page's language."""

import datetime
import zoneinfo
from collections.abc import Mapping
from typing import Any

from babel.dates import format_skeleton
from flask import g

from elderride.family.blueprint import bp
from elderride.languages import LANGUAGES
from elderride.services import clock, wording
from elderride.services.errors import NotFound
from elderride.services.people import accounts, phones, timezones
from elderride.web.database import get_db
from elderride.web.i18n import current_language
from elderride.web.i18n import gettext as _


def _zone(name: str | None) -> datetime.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


@bp.app_template_filter("family_time")
def family_time(
    stamp: str | datetime.datetime | None, zone_name: str | None, *, with_date: bool = True
) -> str:
    """Show a stored UTC time as the senior's local date and time: "Tue, Nov 24, 2:30 PM"."""
    if not stamp:
        return ""
    moment = clock.parse(stamp) if isinstance(stamp, str) else stamp
    language = current_language()
    locale = LANGUAGES[language].locale
    zone = _zone(zone_name)
    # A 12-hour clock in English, a 24-hour one in Chinese, as each language's readers expect.
    time_words = format_skeleton("hm" if language == "en" else "Hm", moment, zone, locale=locale)
    if not with_date:
        return time_words
    local_day = moment.astimezone(zone).date()
    today = clock.now().astimezone(zone).date()
    if local_day == today:
        day = _("today")
    elif local_day == today + datetime.timedelta(days=1):
        day = _("tomorrow")
    else:
        day = format_skeleton("MMMEd", moment, zone, locale=locale)
    return f"{day} {time_words}" if language == "zh" else f"{day}, {time_words}"


@bp.app_template_filter("time_words")
def time_words(hh_mm: Any) -> str:
    """Show a time of day typed as "14:30" as the page's readers say it: "2:30 PM", 下午2点半."""
    try:
        moment = datetime.time.fromisoformat(hh_mm)
    except (TypeError, ValueError):
        return hh_mm or ""
    return wording.clock_words(moment, current_language())


@bp.app_template_filter("date_words")
def date_words(iso_day: Any) -> str:
    """Show a date kept as "2026-12-25" in words: "Friday, December 25"."""
    try:
        day = datetime.date.fromisoformat(iso_day)
    except (TypeError, ValueError):
        return iso_day or ""
    return format_skeleton("MMMMEEEEd", day, locale=LANGUAGES[current_language()].locale)


@bp.app_template_filter("zone_words")
def zone_words(zone_name: str) -> str:
    """Name a time zone as people read it: "United States (New York)"."""
    language = current_language()
    for zone in timezones.zones(language):
        if zone.name == zone_name:
            return zone.place
    return zone_name


@bp.app_template_global("actor_words")
def actor_words(actor: str | None, senior: Mapping[str, Any]) -> str:
    """Say who did something to a ride, from its event log's actor field."""
    kind, _sep, number = (actor or "").partition(":")
    if kind == "family":
        member = g.get("member")
        if member is not None and str(member["id"]) == number:
            return _("you")
        try:
            return accounts.get_family_member(get_db(), int(number))["name"]
        except (NotFound, ValueError):
            return _("a family member")
    if kind == "senior":
        return _("%(name)s, on their page", name=senior["name"])
    if kind == "caller":
        return _("%(name)s, by phone", name=senior["name"])
    if kind == "dispatcher":
        return _("a dispatcher")
    if kind in ("dispatch", "dispatch-api"):
        return _("the taxi center")
    if kind == "overflow-api":
        return _("a second taxi center")
    return _("elderride")


@bp.app_template_filter("phone_words")
def phone_words(number: str) -> str:
    """Show a stored E.164 number the way people write it: "+1 555-010-0001"."""
    return phones.display(number)
