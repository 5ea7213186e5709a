"""The pickup times a senior chooses from, in their own time zone: now, a few quick choices, or a
day, an hour and a quarter hour, each one tap."""

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from elderride.services import clock

# Codes in the order they are offered; each is a plain choice, no typing.
CHOICES = ("now", "in_30_minutes", "in_1_hour", "tomorrow_morning")
TOMORROW_MORNING_HOUR = 9
# Days offered as buttons: today, tomorrow and the rest of the coming week.
DAYS_AHEAD = 6
# Hours offered as buttons (a car at 3 a.m. is a matter for the taxi center's phone).
FIRST_HOUR, LAST_HOUR = 6, 22
QUARTERS = (0, 15, 30, 45)
# A day chosen before its hour starts at this hour (or the next quarter hour today).
DEFAULT_HOUR = 9
# A time chosen on the page: "2026-11-25T14:15", in the senior's own time zone.
_CHOSEN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class Choice:
    """A chosen pickup (or appointment) time: now, or a local day, hour and minute."""

    day: datetime.date | None = None
    hour: int = 0
    minute: int = 0

    @property
    def is_now(self) -> bool:
        """Whether the car should come now."""
        return self.day is None

    def code(self) -> str:
        """Return the choice as the form carries it ("now" or "YYYY-MM-DDTHH:MM")."""
        if self.day is None:
            return "now"
        return f"{self.day.isoformat()}T{self.hour:02d}:{self.minute:02d}"

    def at(self, timezone: str) -> datetime.datetime | None:
        """Return the aware moment in `timezone`, or None for now."""
        if self.day is None:
            return None
        zone = zoneinfo.ZoneInfo(timezone or "UTC")
        return datetime.datetime.combine(
            self.day, datetime.time(self.hour, self.minute), tzinfo=zone
        )

    def with_day(
        self, day: datetime.date, timezone: str, now: datetime.datetime | None = None
    ) -> "Choice":
        """Return this choice moved to `day`, keeping its hour or starting from a sensible one."""
        if self.day is not None:
            return Choice(day, self.hour, self.minute)
        local = (now or clock.now()).astimezone(zoneinfo.ZoneInfo(timezone or "UTC"))
        if day == local.date():
            soon = local + datetime.timedelta(minutes=15 - local.minute % 15 + 15)
            if soon.date() == day:
                return Choice(day, soon.hour, soon.minute)
            return Choice(day, local.hour, local.minute - local.minute % 15)
        return Choice(day, DEFAULT_HOUR, 0)

    def with_hour(self, hour: int) -> "Choice":
        """Return this choice at `hour` o'clock (today's date when no day was chosen yet)."""
        return Choice(self.day, hour, 0) if self.day is not None else self

    def with_minute(self, minute: int) -> "Choice":
        """Return this choice at `minute` past its hour."""
        return Choice(self.day, self.hour, minute) if self.day is not None else self


def today(timezone: str, now: datetime.datetime | None = None) -> datetime.date:
    """Return the senior's own today."""
    return (now or clock.now()).astimezone(zoneinfo.ZoneInfo(timezone or "UTC")).date()


def days(timezone: str, now: datetime.datetime | None = None) -> list[datetime.date]:
    """Return the days offered as buttons: today, tomorrow and the rest of the week."""
    first = today(timezone, now)
    return [first + datetime.timedelta(days=offset) for offset in range(DAYS_AHEAD + 1)]


def hours(choice: Choice, timezone: str, now: datetime.datetime | None = None) -> list[int]:
    """Return the hours offered for the chosen day (today: only those still to come)."""
    if choice.day is None:
        return []
    offered = list(range(FIRST_HOUR, LAST_HOUR + 1))
    if choice.day == today(timezone, now):
        # The hour under way is reached through today's first choice, the next quarter hour.
        local = (now or clock.now()).astimezone(zoneinfo.ZoneInfo(timezone or "UTC"))
        offered = [hour for hour in offered if hour > local.hour]
    return offered


def parse(code: str | None, timezone: str, now: datetime.datetime | None = None) -> Choice:
    """Return the choice a form or link carries: "now", one of CHOICES, or a chosen local time.

    Anything else, or a day outside the offered week, is now: a stale link never fails.
    """
    if not code or code == "now":
        return Choice()
    if code in CHOICES:
        moment = resolve(code, timezone, now)
        assert moment is not None
        local = moment.astimezone(zoneinfo.ZoneInfo(timezone or "UTC"))
        return Choice(local.date(), local.hour, local.minute)
    found = _CHOSEN.match(code)
    if not found:
        return Choice()
    year, month, day, hour, minute = (int(part) for part in found.groups())
    try:
        chosen = datetime.date(year, month, day)
    except ValueError:
        return Choice()
    if chosen not in days(timezone, now) or not 0 <= hour <= 23 or not 0 <= minute <= 59:
        return Choice()
    return Choice(chosen, hour, minute)


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
