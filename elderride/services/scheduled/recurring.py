"""Recurring rides the family sets (every Monday, Wednesday and Friday at 8:30): the rules, and
when each occurrence's car comes, in the senior's own wall-clock time."""

import datetime
import json
import zoneinfo
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from elderride.services import clock, fields
from elderride.services.errors import N_, Collect, NotFound, ValidationError
from elderride.services.people.places import get_place
from elderride.services.people.seniors import get_senior
from elderride.services.records import Place, Senior
from elderride.store import inserted_id, writing
from elderride.store.database import loads

TIME_KINDS = ("pickup", "appointment")
RETURN_KINDS = ("none", "at", "call")
# A family sets a few rides a week; more rules than this is a mistake, not a schedule.
MAX_RULES = 10
MAX_SKIPPED = 60
# How far ahead a rule may start, and how long it may run.
MAX_START_DAYS = 365
MAX_RUN_DAYS = 3 * 365
# Minutes the drive takes when the place does not say (the family may set it per place).
DEFAULT_TRAVEL_MINUTES = 30


@dataclass(frozen=True)
class Occurrence:
    """One day's ride of a rule: the local day and when the car comes (UTC)."""

    rule_id: int
    day: datetime.date
    pickup_at: datetime.datetime
    return_at: datetime.datetime | None
    # When the senior must be there, for a rule whose time is an appointment.
    appointment_at: datetime.datetime | None = None


def _row(row: Any) -> dict[str, Any]:
    """Return a rule row with its JSON columns decoded."""
    rule = dict(row)
    rule["weekdays"] = loads(rule["weekdays"], [])
    rule["skipped"] = loads(rule["skipped"], [])
    return rule


def _time_of_day(field: str, value: Any) -> str:
    """Return a wall-clock time as HH:MM, or raise."""
    text = fields.text(field, value, max_length=5)
    try:
        moment = datetime.time.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, N_("Please choose a time.")) from None
    if len(text) != 5 or moment.second or moment.minute % 5:
        raise ValidationError(field, N_("Please choose a time."))
    return moment.strftime("%H:%M")


def _date(field: str, value: Any, *, required: bool = True) -> datetime.date | None:
    """Return a YYYY-MM-DD date, or None when it may be left out, or raise."""
    if isinstance(value, str) and len(value.strip()) > 10:
        # Too long to be a date: say what a date looks like, not how long it may be.
        raise ValidationError(field, N_("Please give a date like 2026-12-31."))
    text = fields.text(field, value, max_length=10, required=required)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, N_("Please give a date like 2026-12-31.")) from None


def _weekdays(value: Any) -> list[int]:
    """Return the chosen days of the week (0 Monday … 6 Sunday), or raise."""
    if not isinstance(value, list | tuple) or len(value) > 7:
        raise ValidationError("weekdays", N_("Please choose the days of the week."))
    days = set()
    for day in value:
        if not (
            (isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6)
            or (isinstance(day, str) and len(day) == 1 and day in "0123456")
        ):
            raise ValidationError("weekdays", N_("Please choose the days of the week."))
        days.add(int(day))
    if not days:
        raise ValidationError("weekdays", N_("Please choose at least one day of the week."))
    return sorted(days)


def _skipped(value: Any) -> list[str]:
    """Return the skipped dates as sorted YYYY-MM-DD texts, or raise."""
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list | tuple):
        raise ValidationError("skipped", N_("Please give dates like 2026-12-31."))
    if len(value) > MAX_SKIPPED:
        raise ValidationError(
            "skipped", N_("At most %(limit)s dates can be skipped."), limit=MAX_SKIPPED
        )
    days = set()
    for day in value:
        found = _date("skipped", day)
        if found is not None:
            days.add(found.isoformat())
    return sorted(days)


def _clean(db: Database, senior_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Validate a rule's fields together, so a form shows every problem at once."""
    collect = Collect()
    today = clock.now().astimezone(_zone(get_senior(db, senior_id))).date()
    time_kind = values.get("time_kind") or "pickup"
    if time_kind not in TIME_KINDS:
        collect.run(_refuse, "time_kind", N_("Please choose what the time means."))
    return_kind = values.get("return_kind") or "none"
    if return_kind not in RETURN_KINDS:
        collect.run(_refuse, "return_kind", N_("Please choose how they come back."))
    clean: dict[str, Any] = {
        "weekdays": collect.run(_weekdays, values.get("weekdays")),
        "at_time": collect.run(_time_of_day, "at_time", values.get("at_time")),
        "time_kind": time_kind,
        "pickup_place_id": collect.run(_place, db, senior_id, "pickup", values.get("pickup")),
        "destination_place_id": collect.run(
            _place, db, senior_id, "destination", values.get("destination")
        ),
        "return_kind": return_kind,
        "return_time": None,
        "start_date": collect.run(_date, "start_date", values.get("start_date")),
        "end_date": collect.run(_date, "end_date", values.get("end_date"), required=False),
        "skipped": collect.run(_skipped, values.get("skipped") or []),
    }
    if return_kind == "at":
        clean["return_time"] = collect.run(_time_of_day, "return_time", values.get("return_time"))
    collect.check()
    if clean["pickup_place_id"] == clean["destination_place_id"]:
        raise ValidationError(
            "destination",
            N_("The car would take you where you already are. Please choose another place."),
        )
    start, end = clean["start_date"], clean["end_date"]
    if start < today - datetime.timedelta(days=MAX_START_DAYS) or start > today + (
        datetime.timedelta(days=MAX_START_DAYS)
    ):
        raise ValidationError("start_date", N_("Please start within a year from today."))
    if end is not None and (end < start or end > start + datetime.timedelta(days=MAX_RUN_DAYS)):
        raise ValidationError(
            "end_date", N_("The last day must be after the first, within three years.")
        )
    if _pickup_on_some_day(db, senior_id, clean).date() != _SOME_DAY:
        raise ValidationError(
            "at_time",
            N_("The car would have to come the day before. Please choose a later time."),
        )
    if return_kind == "at" and clean["return_time"] <= _pickup_clock(db, senior_id, clean):
        raise ValidationError("return_time", N_("The trip back must be later than the ride."))
    clean["start_date"] = start.isoformat()
    clean["end_date"] = end.isoformat() if end else None
    return clean


def _refuse(field: str, message: str) -> None:
    raise ValidationError(field, message)


def _place(db: Database, senior_id: int, field: str, value: Any) -> int:
    """Return the id of one of the senior's places, or raise."""
    try:
        return get_place(db, senior_id, fields.row_id(field, value))["id"]
    except (NotFound, ValidationError):
        raise ValidationError(field, N_("Please choose one of the places.")) from None


def _travel_minutes(place: Place) -> int:
    """Minutes the drive to `place` takes, as the family set it (or the default)."""
    minutes = place.get("travel_minutes")
    return minutes if isinstance(minutes, int) else DEFAULT_TRAVEL_MINUTES


_SOME_DAY = datetime.date(2000, 1, 3)


def _pickup_on_some_day(db: Database, senior_id: int, rule: dict[str, Any]) -> datetime.datetime:
    """When the car comes on a day, the appointment time less the drive (perhaps the day before)."""
    at = datetime.datetime.combine(_SOME_DAY, _clock_time(rule["at_time"]))
    if rule["time_kind"] == "appointment":
        place = get_place(db, senior_id, rule["destination_place_id"])
        at -= datetime.timedelta(minutes=_travel_minutes(place))
    return at


def _pickup_clock(db: Database, senior_id: int, rule: dict[str, Any]) -> str:
    """The wall-clock time the car comes (an appointment time less the drive), as HH:MM."""
    return _pickup_on_some_day(db, senior_id, rule).strftime("%H:%M")


def _clock_time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _zone(senior: Senior) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(senior["timezone"] or "UTC")


def list_rules(db: Database, senior_id: int, *, active_only: bool = True) -> list[dict[str, Any]]:
    """Return the senior's recurring rides, the earliest time first."""
    where = "senior_id = ?" + (" and active = 1" if active_only else "")
    rows = db.table("recurring_rides").rows_where(where, [senior_id], order_by="at_time, id")
    return [_row(row) for row in rows]


def get_rule(db: Database, senior_id: int, rule_id: int) -> dict[str, Any]:
    """Return one of the senior's recurring rides, or raise NotFound."""
    rows = list(
        db.table("recurring_rides").rows_where(
            "id = ? and senior_id = ? and active = 1", [rule_id, senior_id]
        )
    )
    if not rows:
        raise NotFound(N_("There is no such recurring ride."))
    return _row(rows[0])


def add_rule(db: Database, senior_id: int, values: dict[str, Any], *, created_by: str) -> int:
    """Set up a recurring ride for the senior from a form's values; return its id."""
    with writing(db):
        clean = _clean(db, senior_id, values)
        existing = list_rules(db, senior_id)
        # A form sent twice (a double click, a reload) must not book every day twice.
        same = ("weekdays", "at_time", "pickup_place_id", "destination_place_id")
        if any(all(rule[name] == clean[name] for name in same) for rule in existing):
            raise ValidationError("weekdays", N_("This ride is already set up."))
        if len(existing) >= MAX_RULES:
            raise ValidationError(
                "weekdays",
                N_("There can be at most %(limit)s recurring rides. Please stop one first."),
                limit=MAX_RULES,
            )
        stamp = clock.iso()
        return inserted_id(
            db.table("recurring_rides").insert(
                {
                    **clean,
                    "senior_id": senior_id,
                    "weekdays": json.dumps(clean["weekdays"]),
                    "skipped": json.dumps(clean["skipped"]),
                    "active": 1,
                    "created_by": created_by,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
        )


def skip_date(db: Database, senior_id: int, rule_id: int, day: Any) -> dict[str, Any]:
    """Add a date on which the ride does not happen (a holiday, a visit)."""
    with writing(db):
        rule = get_rule(db, senior_id, rule_id)
        skipped = _skipped([*rule["skipped"], day])
        db.table("recurring_rides").update(
            rule_id, {"skipped": json.dumps(skipped), "updated_at": clock.iso()}
        )
        return get_rule(db, senior_id, rule_id)


def stop_rule(db: Database, senior_id: int, rule_id: int) -> None:
    """Stop a recurring ride: no more occurrences are booked (those booked stay, each
    cancellable)."""
    with writing(db):
        get_rule(db, senior_id, rule_id)
        db.table("recurring_rides").update(rule_id, {"active": 0, "updated_at": clock.iso()})


def _local(day: datetime.date, text: str, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The UTC moment of a wall-clock time on a local day.

    In the hour a clock springs forward the time does not exist; fold=0 reads it with the offset
    before the change, so 2:30 becomes 3:30 (PEP 495), never an hour early.
    """
    local = datetime.datetime.combine(day, _clock_time(text), tzinfo=zone)
    return local.astimezone(datetime.UTC)


def occurrences(
    db: Database,
    rule: dict[str, Any],
    senior: Senior,
    first: datetime.date,
    last: datetime.date,
) -> list[Occurrence]:
    """Return the rule's occurrences on the local days from `first` to `last`, skipped days
    left out."""
    zone = _zone(senior)
    start = max(first, datetime.date.fromisoformat(rule["start_date"]))
    end = last
    if rule["end_date"]:
        end = min(end, datetime.date.fromisoformat(rule["end_date"]))
    pickup_clock = _pickup_clock(db, rule["senior_id"], rule)
    found = []
    day = start
    while day <= end:
        if day.weekday() in rule["weekdays"] and day.isoformat() not in rule["skipped"]:
            found.append(
                Occurrence(
                    rule_id=rule["id"],
                    day=day,
                    pickup_at=_local(day, pickup_clock, zone),
                    return_at=_local(day, rule["return_time"], zone)
                    if rule["return_kind"] == "at"
                    else None,
                    appointment_at=_local(day, rule["at_time"], zone)
                    if rule["time_kind"] == "appointment"
                    else None,
                )
            )
        day += datetime.timedelta(days=1)
    return found


def week_ahead(db: Database, senior_id: int, *, days: int = 7) -> list[dict[str, Any]]:
    """Return the senior's recurring rides in the coming days, soonest first, with their bookings
    (None while not yet booked)."""
    senior = get_senior(db, senior_id)
    now = clock.now()
    today = now.astimezone(_zone(senior)).date()
    rows = []
    for rule in list_rules(db, senior_id):
        try:
            found = occurrences(db, rule, senior, today, today + datetime.timedelta(days=days - 1))
        except NotFound:
            continue  # a place the rule needs was deleted: nothing can be booked for it
        destination = place_label(db, senior_id, rule["destination_place_id"])
        for occurrence in found:
            if occurrence.pickup_at <= now:
                continue
            booking = db.execute(
                "select id, state from bookings where idempotency_key = ?",
                [occurrence_key(rule["id"], occurrence.day)],
            ).fetchone()
            rows.append(
                {
                    "rule": rule,
                    "day": occurrence.day,
                    "pickup_at": clock.iso(occurrence.pickup_at),
                    "destination": destination,
                    "booking_id": booking[0] if booking else None,
                    "state": booking[1] if booking else None,
                }
            )
    return sorted(rows, key=lambda row: row["pickup_at"])


def place_label(db: Database, senior_id: int, place_id: int) -> str:
    try:
        return str(get_place(db, senior_id, place_id)["label"])
    except NotFound:
        return ""


def occurrence_key(rule_id: int, day: datetime.date, *, part: str = "") -> str:
    """The idempotency key of an occurrence's booking (its trip back with part="return")."""
    return f"recurring:{rule_id}:{day.isoformat()}" + (f":{part}" if part else "")
