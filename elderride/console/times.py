"""Times as a dispatcher reads them: in the center's time zone, "14:30 today", "in 12 min"."""

import datetime
import functools
import zoneinfo
from collections.abc import Mapping
from typing import Any

from babel import dates
from flask import current_app

from elderride.languages import LANGUAGES
from elderride.services import clock
from elderride.web.i18n import current_language
from elderride.web.i18n import gettext as _


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(current_app.config["TIMEZONE"])


def _locale() -> str:
    return LANGUAGES[current_language()].locale


# Babel takes about 20 µs to write one time, and the outbox page shows a hundred: there are only
# 1,440 times of day, and a page's dates are a few days, so each is written once per language.
@functools.lru_cache(maxsize=4096)
def _time_of_day(hour: int, minute: int, locale: str) -> str:
    return dates.format_time(datetime.time(hour, minute), format="short", locale=locale)


@functools.lru_cache(maxsize=1024)
def _day(day: datetime.date, locale: str) -> str:
    return dates.format_skeleton("MMMEd", day, locale=locale)


def _time_text(moment: datetime.datetime) -> str:
    return _time_of_day(moment.hour, moment.minute, _locale())


def _moment(stamp: str | None) -> datetime.datetime | None:
    if not stamp:
        return None
    try:
        return clock.parse(stamp).astimezone(_zone())
    except (TypeError, ValueError):
        return None


def clock_time(stamp: str | None) -> str:
    """Return the local time of day of a stored UTC time, "14:30"."""
    moment = _moment(stamp)
    return _time_text(moment) if moment else ""


def human(stamp: str | None, now: datetime.datetime | None = None) -> str:
    """Return "14:30 today", "09:05 yesterday", "14:30 tomorrow", or the date and time."""
    moment = _moment(stamp)
    if moment is None:
        return ""
    return _day_and_time(moment, (now or clock.now()).astimezone(_zone()).date())


def their_time(ride: Mapping[str, Any], now: datetime.datetime | None = None) -> str | None:
    """Return when the car comes on the senior's own clock, "9:30 AM tomorrow" (for a car now,
    their time now), or None when their clock reads as the center's or the ride has no senior."""
    zone_name = ride.get("senior_timezone")
    if not zone_name or ride["state"] == "awaiting_call":
        return None
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
        moment = clock.parse(ride["pickup_at"]) if ride["pickup_at"] else (now or clock.now())
    except (TypeError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None
    if moment.astimezone(zone).utcoffset() == moment.astimezone(_zone()).utcoffset():
        return None
    theirs = moment.astimezone(zone)
    if not ride["pickup_at"]:
        # A car for now: what their clock says at this moment (a call at 2 in the morning).
        return _time_text(theirs)
    return _day_and_time(theirs, (now or clock.now()).astimezone(zone).date())


def _day_and_time(moment: datetime.datetime, today: datetime.date) -> str:
    """Say a local moment against that clock's today: "14:30 today", "tomorrow", or the date."""
    time_text = _time_text(moment)
    days = (moment.date() - today).days
    if days == 0:
        return _("%(time)s today", time=time_text)
    if days == -1:
        return _("%(time)s yesterday", time=time_text)
    if days == 1:
        return _("%(time)s tomorrow", time=time_text)
    date_text = _day(moment.date(), _locale())
    return _("%(date)s, %(time)s", date=date_text, time=time_text)


def relative(stamp: str | None, now: datetime.datetime | None = None) -> str:
    """Return how far a time is from now in words, "in 12 minutes" or "3 minutes ago"."""
    moment = _moment(stamp)
    if moment is None:
        return ""
    delta = moment - (now or clock.now())
    if abs(delta) < datetime.timedelta(minutes=1):
        return _("now")
    return dates.format_timedelta(
        delta,
        granularity="minute",
        threshold=1.5,
        add_direction=True,
        format="short",
        locale=_locale(),
    )


def waited(stamp: str | None, now: datetime.datetime | None = None) -> str:
    """Return how long since `stamp`, "7 min" or "1 h 05 min", or "–" before it (the page's script
    counts on)."""
    moment = _moment(stamp)
    if moment is None:
        return ""
    seconds = ((now or clock.now()) - moment).total_seconds()
    if seconds < 0:
        return "–"
    minutes = int(seconds // 60)
    if minutes < 60:
        return _("%(minutes)s min", minutes=minutes)
    return _("%(hours)s h %(minutes)s min", hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def pickup_short(ride: Mapping[str, Any], now: datetime.datetime | None = None) -> str:
    """Return when the car should come in a queue's cell: "now", "14:30 · in 12 min", or the day."""
    if ride["state"] == "awaiting_call":
        return _("when they call")
    if not ride["pickup_at"]:
        return _("now")
    moment = _moment(ride["pickup_at"])
    if moment is None:
        return ""
    if moment.date() == (now or clock.now()).astimezone(_zone()).date():
        return f"{clock_time(ride['pickup_at'])} · {relative(ride['pickup_at'], now)}"
    return human(ride["pickup_at"], now)


def pickup(ride: Mapping[str, Any], now: datetime.datetime | None = None) -> str:
    """Return when the car should come: "now", or "14:30 today · in 12 minutes"."""
    if ride["state"] == "awaiting_call":
        return _("when they call")
    if not ride["pickup_at"]:
        return _("now")
    return f"{human(ride['pickup_at'], now)} · {relative(ride['pickup_at'], now)}"


def date_words(date: datetime.date) -> str:
    """Return a date written out in the page's language, "Tuesday, November 24, 2026"."""
    return dates.format_date(date, format="full", locale=_locale())
