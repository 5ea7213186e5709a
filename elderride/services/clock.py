"""Time in one form everywhere: UTC, ISO-8601, to the millisecond."""

import datetime

# A moment tests set to run the scheduler at a chosen time (None: the real clock).
_fixed: datetime.datetime | None = None


def now() -> datetime.datetime:
    """Return the current time in UTC (the set moment, when a test has set one)."""
    if _fixed is not None:
        return _fixed
    return datetime.datetime.now(datetime.UTC)


def set_now(moment: datetime.datetime | None) -> None:
    """Set the moment `now()` returns (an aware datetime), or None for the real clock again."""
    global _fixed  # one clock for the whole process, as the real one is
    if moment is not None and moment.tzinfo is None:
        raise ValueError("the clock is set to an aware datetime")
    _fixed = moment.astimezone(datetime.UTC) if moment is not None else None


def iso(moment: datetime.datetime | None = None) -> str:
    """Return `moment` (default: now) as a UTC ISO-8601 string that sorts as text."""
    moment = moment or now()
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds")


def parse(value: str) -> datetime.datetime:
    """Return the aware datetime stored as `value`."""
    return datetime.datetime.fromisoformat(value)
