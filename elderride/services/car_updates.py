"""Where the car is: the "your car is N minutes away" heads-up, the call when it is at the door,
and the kind word when it is late, each said once through the outbox."""

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from elderride.services import booking_log, clock, wording
from elderride.services.assignments import eta
from elderride.services.bookings import get_booking, transition
from elderride.services.car_marks import arrived_mark, heads_up_mark, late_mark
from elderride.services.errors import N_, TransitionRefused
from elderride.services.outgoing import call_outcomes, outbox
from elderride.services.people import code_words
from elderride.services.people.contacts import notified_contacts, text_language
from elderride.services.people.seniors import get_senior, phones_of
from elderride.services.records import Booking, Senior
from elderride.services.scheduled import marks
from elderride.store import writing

# States in which a car is on its way, so an ETA or "arrived" means something.
ON_THE_WAY = ("assigned", "arriving")
# How the senior may hear the car's news, as the family chose on the set-up page.
NEWS_BY = ("call", "text")
# Why an "arriving" call not placed yet was not placed: the arrival call took its place.
WITHDRAWN = "not placed: the car was at the door first, and the arrival call says it"


@dataclass(frozen=True)
class Settings:
    """How near the car is when the senior hears "N minutes away", and how late is late."""

    heads_up_minutes: int = 5
    late_minutes: int = 5


def settings_from_config(config: Any) -> Settings:
    """Read these settings from an app's configuration (their ranges are settings.toml's, checked
    at start)."""
    return Settings(
        heads_up_minutes=int(config.get("HEADS_UP_MINUTES", 5)),
        late_minutes=int(config.get("LATE_MINUTES", 5)),
    )


def report_eta(
    db: Database,
    booking_id: int,
    minutes: object,
    *,
    actor: str,
    settings: Settings,
    event_key: str | None = None,
) -> Booking:
    """Record a new ETA for a car on its way, then say what it calls for (the heads-up, a late
    notice), each once; a replayed event_key changes nothing."""
    with writing(db):
        if booking_log.replayed(db, booking_id, event_key):
            return get_booking(db, booking_id)
        booking = _on_the_way(db, booking_id)
        minutes_left = eta(minutes, required=True)
        db.table("bookings").update(
            booking_id, {"eta_minutes": minutes_left, "updated_at": clock.iso()}
        )
        booking = get_booking(db, booking_id)
        booking_log.record(
            db,
            booking,
            booking["state"],
            booking["state"],
            actor=actor,
            event="eta",
            details={"eta_minutes": minutes_left},
            event_key=event_key,
        )
        reported(db, booking, settings, event="eta")
    return booking


def report_arrived(
    db: Database, booking_id: int, *, actor: str, event_key: str | None = None
) -> Booking:
    """Record that the car is at the door: the senior hears it once, with the car described; a
    car still "assigned" becomes "arriving"."""
    with writing(db):
        if booking_log.replayed(db, booking_id, event_key):
            return get_booking(db, booking_id)
        booking = _on_the_way(db, booking_id)
        # The arrival call says all the "arriving" call would: that one is not placed as well.
        marks.claim(db, heads_up_mark(booking_id), "arrived")
        if booking["state"] == "assigned":
            booking = transition(db, booking_id, "arriving", actor=actor)
        db.table("bookings").update(booking_id, {"eta_minutes": 0, "updated_at": clock.iso()})
        booking = get_booking(db, booking_id)
        booking_log.record(
            db,
            booking,
            booking["state"],
            booking["state"],
            actor=actor,
            event="arrived",
            details={},
            event_key=event_key,
        )
        senior = _senior_of(db, booking)
        if (
            senior is not None
            and not _arriving_call_heard(db, booking_id)
            and marks.claim(db, arrived_mark(booking_id))
        ):
            _tell_senior(db, booking, senior, "arrived")
    return booking


def _arriving_call_heard(db: Database, booking_id: int) -> bool:
    """Tell whether the "arriving" call, placed because no heads-up came first, stands for the
    arrival call: it was placed and did not end unanswered, busy or at a machine.

    "Your car is arriving now. Look for a silver Toyota" sends the senior to the door, so the
    car at the door is no second call. One not placed yet is withdrawn (the arrival call says
    more); one nobody answered gives way to the arrival call. Call in the report's transaction.
    """
    if marks.detail(db, heads_up_mark(booking_id)) != "arriving":
        return False
    entry = db.execute(
        "select id, status from outbox where booking_id = ? and kind = 'call'"
        " and json_extract(payload, '$.state') = 'arriving' order by id limit 1",
        [booking_id],
    ).fetchone()
    if entry is None:
        return False
    entry_id, status = entry
    if status == "pending":
        # A worker holding it right now is placing it: then it counts as placed.
        withdrawn = db.execute(
            "update outbox set status = 'withdrawn', finished_at = ?, last_error = ?"
            " where id = ? and status = 'pending' and (claimed_until is null or claimed_until < ?)",
            [clock.iso(), WITHDRAWN, entry_id, clock.iso()],
        ).rowcount
        return not withdrawn
    if status != "done":
        return False  # refused, held or given up: it never rang
    # Placed: heard unless it ended with nobody or a machine (a notifier that does not say who
    # answered said it).
    return not call_outcomes.not_heard(db, entry_id)


def _on_the_way(db: Database, booking_id: int) -> Booking:
    """Return the ride a report about its car is for, refusing one with no car on the way."""
    booking = get_booking(db, booking_id)
    if booking["state"] not in ON_THE_WAY:
        raise TransitionRefused(
            N_("A ride that is %(from_state)s has no car on the way to report."),
            from_state=booking["state"],
        )
    return booking


def _senior_of(db: Database, booking: Booking) -> Senior | None:
    return get_senior(db, booking["senior_id"]) if booking["senior_id"] is not None else None


def reported(db: Database, booking: Booking, settings: Settings, *, event: str) -> None:
    """After a report that may carry an ETA (`event` "assigned", "arriving" or "eta"): tell the
    senior the car is near, and everyone that it is late, each once; call in the report's
    transaction."""
    senior = _senior_of(db, booking)
    if senior is None or booking["state"] not in ON_THE_WAY or booking["eta_minutes"] is None:
        return
    _maybe_late(db, booking, senior, settings)
    if event == "eta" and 0 < booking["eta_minutes"] <= settings.heads_up_minutes:
        if marks.claim(db, heads_up_mark(booking["id"]), str(booking["eta_minutes"])):
            _tell_senior(db, booking, senior, "heads_up")
    elif event == "assigned" and booking["eta_minutes"] <= settings.heads_up_minutes:
        # The assignment's own call already says "in about 4 minutes": that is the heads-up.
        marks.claim(db, heads_up_mark(booking["id"]), "assigned")


def expected_at(db: Database, booking: Booking) -> datetime.datetime | None:
    """When the car should reach the pickup by the latest ETA (None without one)."""
    if booking["eta_minutes"] is None:
        return None
    latest = db.execute(
        "select at from booking_events where booking_id = ? and to_state = ? order by id desc"
        " limit 1",
        [booking["id"], booking["state"]],
    ).fetchone()
    reported_at = clock.parse(latest[0]) if latest else clock.now()
    return reported_at + datetime.timedelta(minutes=booking["eta_minutes"])


def _maybe_late(db: Database, booking: Booking, senior: Senior, settings: Settings) -> None:
    """Tell the senior and the family, once, when the ETA slips past the pickup time by more than
    the late minutes."""
    if booking["pickup_at"] is None:
        return  # a ride for now has no time to be late for: its ETA is the time
    expected = expected_at(db, booking)
    pickup = clock.parse(booking["pickup_at"])
    if expected is None or expected <= pickup + datetime.timedelta(minutes=settings.late_minutes):
        return
    if not marks.claim(db, late_mark(booking["id"]), clock.iso(expected)):
        return
    zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")

    def late_fields(language: str) -> dict[str, object]:
        fields = _fields(booking, senior, language)
        fields["new_time"] = wording.clock_words(expected.astimezone(zone).time(), language)
        fields["booked_time"] = wording.clock_words(pickup.astimezone(zone).time(), language)
        return fields

    _tell_senior(db, booking, senior, "late", late_fields(senior["language"]))
    for contact in notified_contacts(db, senior["id"]):
        language = text_language(contact, senior)
        body = wording.catalog(language)["car"]["late_family"].format(**late_fields(language))
        outbox.enqueue(
            db,
            "text",
            {"to": contact["phone"], "body": body, "state": "late"},
            booking_id=booking["id"],
            ordering_key=f"ride-texts:{contact['phone']}",
        )


def _fields(booking: Booking, senior: Senior, language: str) -> dict[str, object]:
    return wording.fields_of(booking, senior, language)


def _tell_senior(
    db: Database,
    booking: Booking,
    senior: Senior,
    part: str,
    fields: dict[str, object] | None = None,
) -> None:
    """Queue the senior's `part` notice ("heads_up", "arrived", "late") as the family chose: a
    text to their mobile, or else a call."""
    language = senior["language"]
    fields = fields or _fields(booking, senior, language)
    words = wording.catalog(language)["car"]
    minutes = booking["eta_minutes"] or 0
    fields["minutes_away"] = words["one_minute" if minutes == 1 else "minutes"].format(eta=minutes)
    numbers = phones_of(db, senior["id"])
    mobile = next((phone["phone"] for phone in numbers if phone["kind"] == "mobile"), None)
    kind = (
        "text"
        if senior["car_news_by"] == "text" and mobile and not booking["caller_phone"]
        else "call"
    )
    said, shown = words[f"{part}_{kind}"].format(**fields), None
    if part == "arrived":
        # The car at the door: the senior hears the word the driver will say; the console's
        # message log never keeps it.
        said, shown = code_words.said_with(senior, said)
    hidden = {"shown": shown} if shown else {}
    if kind == "text":
        outbox.enqueue(
            db,
            "text",
            {"to": mobile, "body": said, "state": part, **hidden},
            booking_id=booking["id"],
            ordering_key=f"ride-texts:{mobile}",
        )
        return
    number = booking["caller_phone"] or next((phone["phone"] for phone in numbers), None)
    if number is None:
        return
    outbox.enqueue(
        db,
        "call",
        {"to": number, "say": said, **hidden, "language": language, "state": part},
        booking_id=booking["id"],
    )
