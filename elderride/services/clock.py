"""Time in one form everywhere: UTC, ISO-8601, to the millisecond."""

import datetime


def now() -> datetime.datetime:
    """Return the current time in UTC."""
    return datetime.datetime.now(datetime.UTC)


def iso(moment: datetime.datetime | None = None) -> str:
    """Return `moment` (default: now) as a UTC ISO-8601 string that sorts as text."""
    moment = moment or now()
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds")


def parse(value: str) -> datetime.datetime:
    """Return the aware datetime stored as `value`."""
    return datetime.datetime.fromisoformat(value)
