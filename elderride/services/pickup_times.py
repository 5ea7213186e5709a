"""The few pickup times a senior chooses from, in their own time zone."""

import datetime
import zoneinfo

from elderride.services import clock

# Codes in the order they are offered; each is a plain choice, no typing.
CHOICES = ("now", "in_30_minutes", "in_1_hour", "tomorrow_morning")
TOMORROW_MORNING_HOUR = 9


def resolve(
    code: str | None, timezone: str | None, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """Return the aware pickup time for `code` (None for now), or raise ValueError for an unknown
    code."""
    now = now or clock.now()
    if code in (None, "", "now"):
        return None
    if code == "in_30_minutes":
        return now + datetime.timedelta(minutes=30)
    if code == "in_1_hour":
        return now + datetime.timedelta(hours=1)
    if code == "tomorrow_morning":
        zone = zoneinfo.ZoneInfo(timezone or "UTC")
        tomorrow = now.astimezone(zone).date() + datetime.timedelta(days=1)
        return datetime.datetime.combine(
            tomorrow, datetime.time(TOMORROW_MORNING_HOUR), tzinfo=zone
        )
    raise ValueError(f"unknown pickup time {code!r}")
