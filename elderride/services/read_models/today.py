"""The dispatch center's day in numbers: calls and bookings per hour, how phone bookings were
understood, how long a call took to become a booking, and the rides that went wrong.

Every query reads only the day's rows through an index on its time column (calls.started_at,
bookings.created_at, booking_events(to_state, at)), so the page costs a day, not the history.
"""

from __future__ import annotations

import datetime
import statistics
import zoneinfo
from dataclasses import dataclass, field

from sqlite_utils import Database

from elderride.services import clock

# Seconds from the start of a call to its booking, in the buckets the chart shows.
WAIT_BUCKETS: tuple[tuple[str, float], ...] = (
    ("under_1", 60),
    ("1_to_2", 120),
    ("2_to_3", 180),
    ("3_to_5", 300),
    ("over_5", float("inf")),
)
# How a phone booking's destination was understood.
UNDERSTOOD = ("speech", "keys", "person")
# What counts against the day: rides no car was found for, and no-shows (welfare checks).
TROUBLE = ("no_car", "no_show")


@dataclass
class Day:
    """One local day's figures for the "today" page."""

    date: datetime.date
    calls_per_hour: list[int] = field(default_factory=lambda: [0] * 24)
    bookings_per_hour: list[int] = field(default_factory=lambda: [0] * 24)
    understood: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UNDERSTOOD, 0))
    call_to_booking: dict[str, int] = field(
        default_factory=lambda: {name: 0 for name, _ in WAIT_BUCKETS}
    )
    median_call_to_booking: float | None = None
    trouble: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TROUBLE, 0))
    other_channels: int = 0

    @property
    def calls(self) -> int:
        """Calls that started today."""
        return sum(self.calls_per_hour)

    @property
    def bookings(self) -> int:
        """Bookings made today, every channel."""
        return sum(self.bookings_per_hour)


def day_bounds(
    zone_name: str, now: datetime.datetime | None = None
) -> tuple[datetime.date, str, str]:
    """Return the local date in `zone_name` and its start and end as UTC ISO text."""
    zone = zoneinfo.ZoneInfo(zone_name)
    local_now = (now or clock.now()).astimezone(zone)
    start = datetime.datetime.combine(local_now.date(), datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(
        local_now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
    )
    return local_now.date(), clock.iso(start), clock.iso(end)


def _hour(stamp: str, zone: zoneinfo.ZoneInfo) -> int:
    return clock.parse(stamp).astimezone(zone).hour


def figures(db: Database, zone_name: str, now: datetime.datetime | None = None) -> Day:
    """Return today's figures in the dispatch center's time zone."""
    zone = zoneinfo.ZoneInfo(zone_name)
    date, start, end = day_bounds(zone_name, now)
    day = Day(date=date)
    for (started_at,) in db.execute(
        "select started_at from calls where started_at >= ? and started_at < ?", [start, end]
    ).fetchall():
        day.calls_per_hour[_hour(started_at, zone)] += 1
    waits: list[float] = []
    rows = db.execute(
        "select bookings.channel, bookings.created_at, calls.started_at, "
        "(select to_state from booking_events where booking_events.booking_id = bookings.id "
        "order by booking_events.id limit 1), "
        "exists (select 1 from utterances where utterances.call_sid = bookings.call_sid "
        "and coalesce(utterances.transcript, '') != '') "
        "from bookings left join calls on calls.call_sid = bookings.call_sid "
        "where bookings.created_at >= ? and bookings.created_at < ?",
        [start, end],
    ).fetchall()
    for channel, created_at, call_started_at, first_state, spoken in rows:
        day.bookings_per_hour[_hour(created_at, zone)] += 1
        if channel != "phone":
            day.other_channels += 1
            continue
        if first_state == "needs_review":
            day.understood["person"] += 1
        elif spoken:
            day.understood["speech"] += 1
        else:
            day.understood["keys"] += 1
        if call_started_at:
            seconds = (clock.parse(created_at) - clock.parse(call_started_at)).total_seconds()
            waits.append(max(0.0, seconds))
            bucket = next(name for name, limit in WAIT_BUCKETS if seconds < limit)
            day.call_to_booking[bucket] += 1
    day.median_call_to_booking = statistics.median(waits) if waits else None
    (day.trouble["no_car"],) = db.execute(
        "select count(*) from booking_events where to_state = 'no_car' and at >= ? and at < ?",
        [start, end],
    ).fetchone()
    # A no-show keeps the ride's state: its welfare check is what was reported.
    (day.trouble["no_show"],) = db.execute(
        "select count(*) from welfare_checks where reported_at >= ? and reported_at < ?",
        [start, end],
    ).fetchone()
    return day
