"""Scheduled work the outbox worker does on its clock: book each recurring occurrence ahead of
time, call the evening before every ride booked ahead (and send the family's recaps), escalate
unanswered welfare checks.

Every piece of work is keyed in the database (a booking's idempotency key, a schedule mark, a
conditional update), so two workers, or one restarted, never do it twice.
"""

import datetime
import logging
import zoneinfo
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from elderride.services import bookings, clock, returns, wording
from elderride.services.errors import NotFound, TransitionRefused, ValidationError
from elderride.services.outgoing import outbox
from elderride.services.people.contacts import notified_contacts, text_language
from elderride.services.people.seniors import get_senior, phones_of
from elderride.services.records import Booking, BookingRequest, Senior, Trip
from elderride.services.scheduled import recaps, recurring, unassigned, welfare
from elderride.store import writing

log = logging.getLogger(__name__)

# Reminder calls go out from this local hour the evening before, and not later than this many
# hours after it: nobody is rung at night.
REMINDER_WINDOW_HOURS = 3
# States of an occurrence's ride worth a reminder (not one already cancelled, nor one a person
# must still check).
REMINDED_STATES = ("requested", "forwarded", "assigned", "no_car")


@dataclass(frozen=True)
class Settings:
    """How far ahead occurrences are booked, when reminders are rung, how long a senior has to
    answer a welfare call."""

    lead_hours: float = 18.0
    reminder_hour: int = 18
    welfare_answer_seconds: float = welfare.ANSWER_SECONDS
    # A ride with no driver this many minutes before its pickup is raised (for "now": after it was
    # asked for).
    assign_deadline_minutes: float = 30.0
    assign_deadline_now_minutes: float = 15.0
    # The same for a ride that must arrive on time: before, or after, this many minutes instead.
    assign_deadline_medical_minutes: float = 60.0
    assign_deadline_medical_now_minutes: float = 5.0
    # Whether a ride raised is offered to the overflow dispatch center too.
    offer_overflow: bool = False


def settings_from_config(config: Any) -> Settings:
    """Read the scheduler's settings from an app's configuration, refusing ones it cannot keep."""
    settings = Settings(
        lead_hours=float(config.get("RECURRING_LEAD_HOURS", 18.0)),
        reminder_hour=int(config.get("REMINDER_HOUR", 18)),
        welfare_answer_seconds=float(config.get("WELFARE_ANSWER_SECONDS", welfare.ANSWER_SECONDS)),
        assign_deadline_minutes=float(config.get("ASSIGN_DEADLINE_MINUTES", 30.0)),
        assign_deadline_now_minutes=float(config.get("ASSIGN_DEADLINE_NOW_MINUTES", 15.0)),
        assign_deadline_medical_minutes=float(config.get("ASSIGN_DEADLINE_MEDICAL_MINUTES", 60.0)),
        assign_deadline_medical_now_minutes=float(
            config.get("ASSIGN_DEADLINE_MEDICAL_NOW_MINUTES", 5.0)
        ),
        offer_overflow=bool(config.get("DISPATCH_OVERFLOW_URL")),
    )
    # Refused when the worker starts, not found out on every pass.
    if not 0 <= settings.reminder_hour <= 23:
        raise ValueError("ELDERRIDE_REMINDER_HOUR must be an hour from 0 to 23")
    if not 0 < settings.lead_hours <= 24 * bookings.MAX_DAYS_AHEAD:
        raise ValueError(
            "ELDERRIDE_RECURRING_LEAD_HOURS must be more than 0 and at most "
            f"{24 * bookings.MAX_DAYS_AHEAD} (rides are booked at most "
            f"{bookings.MAX_DAYS_AHEAD} days ahead)"
        )
    if settings.welfare_answer_seconds <= 0:
        raise ValueError("ELDERRIDE_WELFARE_ANSWER_SECONDS must be more than 0")
    if not 0 < settings.assign_deadline_minutes <= 24 * 60:
        raise ValueError("ELDERRIDE_ASSIGN_DEADLINE_MINUTES must be more than 0 and at most 1440")
    if not 0 < settings.assign_deadline_now_minutes <= 6 * 60:
        raise ValueError(
            "ELDERRIDE_ASSIGN_DEADLINE_NOW_MINUTES must be more than 0 and at most 360"
        )
    if settings.assign_deadline_medical_minutes < settings.assign_deadline_minutes:
        raise ValueError(
            "ELDERRIDE_ASSIGN_DEADLINE_MEDICAL_MINUTES must be at least "
            "ELDERRIDE_ASSIGN_DEADLINE_MINUTES: a ride that must be on time is raised earlier"
        )
    if settings.assign_deadline_medical_now_minutes > settings.assign_deadline_now_minutes:
        raise ValueError(
            "ELDERRIDE_ASSIGN_DEADLINE_MEDICAL_NOW_MINUTES must be at most "
            "ELDERRIDE_ASSIGN_DEADLINE_NOW_MINUTES: a ride that must be on time is raised earlier"
        )
    return settings


def run_due(
    db: Database, settings: Settings | None = None, *, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Do what is due at `now` (default: the clock's now); return how much of each was done."""
    settings = settings or Settings()
    now = now or clock.now()
    return {
        "booked": book_occurrences(db, settings, now),
        "reminded": queue_reminders(db, settings, now),
        # At the same evening hour as the senior's reminder, after the day's rides are booked.
        "recapped": recaps.queue_due(
            db, hour=settings.reminder_hour, window_hours=REMINDER_WINDOW_HOURS, now=now
        ),
        "escalated": welfare.escalate_due(db, now=now),
        "expired": expire_waiting_returns(db, now),
        "unassigned": unassigned.escalate_due(
            db,
            unassigned.Deadlines(
                booked=settings.assign_deadline_minutes,
                now=settings.assign_deadline_now_minutes,
                medical_booked=settings.assign_deadline_medical_minutes,
                medical_now=settings.assign_deadline_medical_now_minutes,
            ),
            now=now,
            offer_overflow=settings.offer_overflow,
        ),
    }


def expire_waiting_returns(db: Database, now: datetime.datetime) -> int:
    """Cancel the trips back still waiting for a call once the day of their ride out has ended
    (the senior found another way home); return how many.

    A forgotten waiting ride would hold one of the senior's few open rides for ever.
    """
    expired = 0
    rows = db.execute(
        "select id from bookings where state = 'awaiting_call' order by created_at limit 200"
    ).fetchall()
    for (booking_id,) in rows:
        booking = bookings.get_booking(db, booking_id)
        outward = (
            bookings.get_booking(db, booking["return_of"]) if booking["return_of"] else booking
        )
        if not returns.before_today(db, outward, now):
            continue
        try:
            bookings.transition(db, booking_id, "cancelled", actor="schedule")
        except TransitionRefused:
            continue  # called for, or cancelled, by someone else meanwhile
        expired += 1
    return expired


def _reminder_at(
    day: datetime.date, zone: zoneinfo.ZoneInfo, settings: Settings
) -> datetime.datetime:
    """When the evening-before reminder for a ride on local `day` is due (UTC)."""
    evening = datetime.datetime.combine(
        day - datetime.timedelta(days=1), datetime.time(settings.reminder_hour), tzinfo=zone
    )
    return evening.astimezone(datetime.UTC)


def book_occurrences(db: Database, settings: Settings, now: datetime.datetime) -> int:
    """Book every occurrence due: within the lead time of its pickup, or once its reminder is
    due; return how many bookings were made."""
    lead = datetime.timedelta(hours=settings.lead_hours)
    made = 0
    senior_ids = [
        row[0]
        for row in db.execute(
            "select distinct senior_id from recurring_rides where active = 1"
        ).fetchall()
    ]
    for senior_id in senior_ids:
        senior = get_senior(db, senior_id)
        zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")
        today = now.astimezone(zone).date()
        last = (now + lead).astimezone(zone).date() + datetime.timedelta(days=1)
        for rule in recurring.list_rules(db, senior_id):
            try:
                found = recurring.occurrences(db, rule, senior, today, last)
            except NotFound:
                continue  # a place was deleted: the family sees the rule cannot be booked
            for occurrence in found:
                if occurrence.pickup_at <= now:
                    continue
                due = now >= occurrence.pickup_at - lead or now >= _reminder_at(
                    occurrence.day, zone, settings
                )
                if due:
                    made += _book(db, rule, senior, occurrence)
    return made


def _book(db: Database, rule: dict[str, Any], senior: Senior, occurrence: Any) -> int:
    """Book one occurrence (and its trip back) through the ordinary booking path; return how many
    bookings were new."""
    key = recurring.occurrence_key(rule["id"], occurrence.day)
    # A day refused once (three rides open, a place deleted) is tried again on the next passes
    # until its time, since a ride may be cancelled meanwhile; the family is told only once.
    failed_key = f"failed:{key}"
    if db.execute("select 1 from bookings where idempotency_key = ?", [key]).fetchone():
        return 0  # booked already (by another worker, or before a restart)
    common = {
        "channel": "family",
        "created_by": f"recurring:{rule['id']}",
        "senior_id": senior["id"],
        "recurring_id": rule["id"],
        "occurs_on": occurrence.day.isoformat(),
    }
    try:
        with writing(db):
            outward, created = bookings.create_booking(
                db,
                BookingRequest(
                    idempotency_key=key,
                    trip=Trip(
                        pickup={"place_id": rule["pickup_place_id"]},
                        destination={"place_id": rule["destination_place_id"]},
                        pickup_at=occurrence.pickup_at,
                        appointment_at=occurrence.appointment_at,
                    ),
                    **common,
                ),
            )
            if not created:
                return 0
            if rule["return_kind"] == "none":
                return 1
            bookings.create_booking(
                db,
                BookingRequest(
                    idempotency_key=recurring.occurrence_key(
                        rule["id"], occurrence.day, part="return"
                    ),
                    trip=Trip(
                        pickup={"place_id": rule["destination_place_id"]},
                        destination={"place_id": rule["pickup_place_id"]},
                        pickup_at=occurrence.return_at,
                    ),
                    awaiting_call=rule["return_kind"] == "call",
                    return_of=outward["id"],
                    **common,
                ),
            )
            return 2
    except (ValidationError, NotFound) as error:
        # Three rides already open, a place deleted: this day cannot be booked. The family is
        # told once; the next occurrences are tried as usual.
        log.warning("recurring ride %s on %s not booked: %s", rule["id"], occurrence.day, error)
        with writing(db):
            marked = db.execute(
                "insert or ignore into schedule_marks (key, at, detail) values (?, ?, ?)",
                [failed_key, clock.iso(), str(error)[:500]],
            ).rowcount
            if marked:
                _tell_family_not_booked(db, senior, rule, occurrence)
        return 0


def _tell_family_not_booked(
    db: Database, senior: Senior, rule: dict[str, Any], occurrence: Any
) -> None:
    """Text the notified family that one day of a recurring ride could not be booked."""
    destination = recurring.place_label(db, senior["id"], rule["destination_place_id"])
    for contact in notified_contacts(db, senior["id"]):
        language = text_language(contact, senior)
        when = wording.pickup_time(clock.iso(occurrence.pickup_at), language, senior["timezone"])
        body = wording.catalog(language)["recurring"]["not_booked"].format(
            senior=wording.sendable(senior["name"], wording.NAME_LENGTH),
            destination=wording.sendable(destination, wording.PLACE_LENGTH),
            when=when,
        )
        outbox.enqueue(
            db,
            "text",
            {"to": contact["phone"], "body": body, "state": "not_booked"},
            ordering_key=f"text:recurring:{rule['id']}:{contact['phone']}",
        )


def queue_reminders(db: Database, settings: Settings, now: datetime.datetime) -> int:
    """Queue the evening-before call for each ride booked ahead whose reminder is due, one-off or
    recurring; return how many."""
    horizon = now + datetime.timedelta(days=2)
    marks = ", ".join("?" for _ in REMINDED_STATES)
    # The unary + keeps SQLite off the indexes of state and return_of, which hold the whole
    # history: the index of pickup times (m090) gives the small range of the next two days.
    rows = db.execute(
        "select id from bookings where pickup_at > ? and pickup_at <= ? and +return_of is null"
        f" and +state in ({marks}) and +senior_id is not null order by pickup_at",
        [clock.iso(now), clock.iso(horizon), *REMINDED_STATES],
    ).fetchall()
    queued = 0
    for (booking_id,) in rows:
        booking = bookings.get_booking(db, booking_id)
        # The query chose rides of a senior, each with a pickup time.
        assert booking["senior_id"] is not None and booking["pickup_at"] is not None
        senior = get_senior(db, booking["senior_id"])
        zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")
        due = _reminder_at(ride_day(booking, zone), zone, settings)
        if not due <= now < due + datetime.timedelta(hours=REMINDER_WINDOW_HOURS):
            continue
        if booking["recurring_id"] is None and clock.parse(booking["created_at"]) >= due:
            continue  # booked this evening or later: the senior has just said it, no call needed
        number = next((phone["phone"] for phone in phones_of(db, senior["id"])), None)
        if number is None:
            continue
        with writing(db):
            # The mark and the call are one transaction: a second worker's insert is ignored
            # and it queues nothing.
            marked = db.execute(
                "insert or ignore into schedule_marks (key, at, detail) values (?, ?, ?)",
                [reminder_mark(booking_id), clock.iso(now), number],
            ).rowcount
            if not marked:
                continue
            language = senior["language"]
            outbox.enqueue(
                db,
                "call",
                {
                    "to": number,
                    "say": reminder_words(booking, senior),
                    # An answering machine hears no keys: the ride stays booked.
                    "machine_say": reminder_words(booking, senior, machine=True),
                    "language": language,
                    "state": "reminder",
                    "answer": f"/voice/reminder?booking={booking_id}",
                },
                booking_id=booking_id,
                ordering_key=f"reminder:{booking_id}",
            )
            queued += 1
    return queued


def ride_day(booking: Booking, zone: zoneinfo.ZoneInfo) -> datetime.date:
    """The local day a ride is for: an occurrence's own day, or the day of its pickup time."""
    if booking["occurs_on"] is not None:
        return datetime.date.fromisoformat(booking["occurs_on"])
    assert booking["pickup_at"] is not None
    return clock.parse(booking["pickup_at"]).astimezone(zone).date()


def reminder_mark(booking_id: int) -> str:
    """The schedule mark that says a ride's evening-before call was queued."""
    return f"reminder:{booking_id}"


def was_reminded(db: Database, booking_id: int) -> bool:
    """Tell whether the ride's evening-before call was queued (only then may it be answered)."""
    found = db.execute(
        "select 1 from schedule_marks where key = ?", [reminder_mark(booking_id)]
    ).fetchone()
    return found is not None


def reminder_words(booking: Booking, senior: Senior, *, machine: bool = False) -> str:
    """What the reminder call says: when, where to, and the keys (to a machine: that the ride
    stays booked)."""
    language = senior["language"]
    catalog = wording.catalog(language)["reminder"]
    fields = wording.fields_of(booking, senior, language)
    when = str(fields["when"])
    fields["when"] = when[:1].upper() + when[1:]
    # A recurring ride's day can be skipped and the next one still comes; a one-off is cancelled.
    keys = catalog["keys"] if booking["recurring_id"] is not None else catalog["keys_single"]
    return " ".join([catalog["ride"].format(**fields), catalog["machine"] if machine else keys])
