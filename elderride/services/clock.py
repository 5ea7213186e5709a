"""Time in one form everywhere: UTC, ISO-8601, to the millisecond."""

import datetime


def now():
    """Return the current time in UTC."""
    return datetime.datetime.now(datetime.UTC)


def iso(moment=None):
    """Return `moment` (default: now) as a UTC ISO-8601 string that sorts as text."""
    moment = moment or now()
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds")


def parse(value):
    """Return the aware datetime stored as `value`."""
    return datetime.datetime.fromisoformat(value)
