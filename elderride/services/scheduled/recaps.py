"""The family's recap of a senior's rides: the evening before a ride day, or the coming week's on
Sunday evening, by mail or text as each family member chose, each sent once."""

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from babel import dates
from sqlite_utils import Database

from elderride.languages import LANGUAGES
from elderride.services import clock, wording
from elderride.services.errors import N_, NotFound, ValidationError
from elderride.services.outgoing import outbox
from elderride.services.people.seniors import get_senior
from elderride.services.records import Senior
from elderride.services.scheduled import marks, recurring
from elderride.store import writing

# When a member hears: never, the evening before each ride day, Sunday evening for the week
# ahead, or both (on Sunday the week's recap says Monday too, so Monday's is not sent twice).
WHEN = ("off", "evening", "week", "both")
BY = ("mail", "text")
# Rides a recap reads out: any still to come (a ride a person must check is said as such).
RECAPPED_STATES = ("needs_review", "requested", "forwarded", "assigned", "no_car", "awaiting_call")
SUNDAY = 6
WEEK_DAYS = 7


@dataclass(frozen=True)
class Choice:
    """When a family member hears a senior's recap, and how."""

    when: str = "off"
    by: str = "mail"


@dataclass(frozen=True)
class RecapRide:
    """One ride as a recap says it: its local pickup moment, where to, and how it stands."""

    at: datetime.datetime
    destination: str
    state: str  # a booking's state, or "regular" for a recurring ride not booked yet


def choice_of(db: Database, member_id: int, senior_id: int) -> Choice:
    """Return what the member chose for this senior's recap (off when they never chose)."""
    row = db.execute(
        "select recap, recap_by from family_links where family_member_id = ? and senior_id = ?",
        [member_id, senior_id],
    ).fetchone()
    return Choice(*row) if row else Choice()


def set_choice(db: Database, member_id: int, senior_id: int, when: object, by: object) -> None:
    """Save the member's recap choice for this senior, refusing anything not offered (a text only
    to a number they proved their own)."""
    if when not in WHEN:
        raise ValidationError("recap", N_("Please choose when you would like the recap."))
    if by not in BY:
        raise ValidationError("recap_by", N_("Please choose a mail or a text."))
    if by == "text" and own_number(db, member_id, senior_id) is None:
        raise ValidationError(
            "recap_by",
            N_(
                'Texts go to your own number: mark yourself with "This is me" under Family '
                "contacts first, or choose a mail."
            ),
        )
    with writing(db):
        db.execute(
            "update family_links set recap = ?, recap_by = ?"
            " where family_member_id = ? and senior_id = ?",
            [when, by, member_id, senior_id],
        )


def own_number(db: Database, member_id: int, senior_id: int) -> str | None:
    """Return the number the member proved is theirs among this senior's contacts, if any."""
    row = db.execute(
        "select phone from contacts where senior_id = ? and member_id = ? order by position",
        [senior_id, member_id],
    ).fetchone()
    return str(row[0]) if row else None


def own_language(db: Database, member_id: int, senior_id: int) -> str | None:
    """Return the language chosen for the texts of the member's own number among this senior's
    contacts, if any: their recap is written in it too."""
    row = db.execute(
        "select language from contacts where senior_id = ? and member_id = ? order by position",
        [senior_id, member_id],
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def queue_due(
    db: Database, *, hour: int, window_hours: float, now: datetime.datetime | None = None
) -> int:
    """Queue every recap due at `now`: from the senior's evening `hour` (the reminder call's)
    for `window_hours`; return how many.

    Each is keyed by a schedule mark written with its outbox entry, so a second worker or a
    restart sends nothing twice.
    """
    now = now or clock.now()
    rows = db.execute(
        "select link.family_member_id, link.senior_id, link.recap, link.recap_by, member.email,"
        " member.email_confirmed_at from family_links as link"
        " join family_members as member on member.id = link.family_member_id"
        " where link.recap != 'off' order by link.senior_id, link.family_member_id"
    ).fetchall()
    queued = 0
    for member_id, senior_id, when, by, email, confirmed in rows:
        try:
            senior = get_senior(db, senior_id)
        except NotFound:
            continue
        zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")
        local = now.astimezone(zone)
        evening = datetime.datetime.combine(local.date(), datetime.time(hour), tzinfo=zone)
        if not evening <= local < evening + datetime.timedelta(hours=window_hours):
            continue
        tomorrow = local.date() + datetime.timedelta(days=1)
        if when in ("week", "both") and local.weekday() == SUNDAY:
            kind, last = "week", tomorrow + datetime.timedelta(days=WEEK_DAYS - 1)
        elif when in ("evening", "both"):
            kind, last = "evening", tomorrow
        else:
            continue
        rides, first_booking = rides_between(db, senior, tomorrow, last)
        if not rides:
            continue  # nothing to say: no recap, rather than "no rides" every evening
        number = own_number(db, member_id, senior_id) if by == "text" else None
        if number is None and not confirmed:
            continue  # a mail to an address nobody proved reaches no one we know
        with writing(db):
            mark = f"recap:{kind}:{member_id}:{senior_id}:{tomorrow.isoformat()}"
            if not marks.claim(db, mark, "text" if number else "mail"):
                continue
            words = recap_words(senior, kind, rides, own_language(db, member_id, senior_id))
            if number is not None:
                outbox.enqueue(
                    db,
                    "text",
                    {"to": number, "body": words["text"], "state": f"recap_{kind}"},
                    booking_id=first_booking,
                    ordering_key=f"ride-texts:{number}",
                )
            else:
                outbox.enqueue(
                    db,
                    "email",
                    {"to": email, "subject": words["subject"], "body": words["mail"]},
                    ordering_key=f"email:{email}",
                )
            queued += 1
    return queued


def rides_between(
    db: Database, senior: Senior, first: datetime.date, last: datetime.date
) -> tuple[list[RecapRide], int | None]:
    """Return the senior's rides on the local days `first` to `last`, booked or regular, in time
    order, and the id of the first booked one (the texts' cap counts against this senior)."""
    zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")
    start = datetime.datetime.combine(first, datetime.time(0), tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
    )
    states = ", ".join("?" for _ in RECAPPED_STATES)
    booked = db.execute(
        "select id, pickup_at, coalesce(nullif(destination_label, ''), destination_address),"
        " state, recurring_id, occurs_on from bookings"
        f" where senior_id = ? and pickup_at >= ? and pickup_at < ? and state in ({states})"
        " order by pickup_at, id",
        [senior["id"], clock.iso(start), clock.iso(end), *RECAPPED_STATES],
    ).fetchall()
    rides = [
        RecapRide(clock.parse(at).astimezone(zone), destination or "", state)
        for _id, at, destination, state, _rule, _day in booked
    ]
    taken = {(rule, day) for *_rest, rule, day in booked if rule is not None}
    # A regular ride's day is booked only the evening before: the week ahead says it all the same.
    for rule in recurring.list_rules(db, senior["id"]):
        try:
            found = recurring.occurrences(db, rule, senior, first, last)
        except NotFound:
            continue
        for occurrence in found:
            if (rule["id"], occurrence.day.isoformat()) in taken:
                continue
            label = recurring.place_label(db, senior["id"], rule["destination_place_id"])
            rides.append(RecapRide(occurrence.pickup_at.astimezone(zone), label, "regular"))
    rides.sort(key=lambda ride: ride.at)
    return rides, booked[0][0] if booked else None


def recap_words(
    senior: Senior, kind: str, rides: list[RecapRide], language: str | None = None
) -> dict[str, str]:
    """Return a recap's one-line text, and its mail (subject and body), in `language` (default
    the senior's)."""
    language = language or senior["language"]
    words: dict[str, Any] = wording.catalog(language)["recap"]
    name = wording.sendable(senior["name"], wording.NAME_LENGTH)
    lines = [_ride_words(ride, kind, words, language) for ride in rides]
    fields = {"senior": name, "rides": words["separator"].join(lines)}
    return {
        "text": words[kind].format(**fields),
        "subject": words[f"{kind}_subject"].format(senior=name),
        "mail": "\n".join(
            [words[f"{kind}_mail"].format(senior=name), "", *lines, "", words["mail_footer"]]
        ),
    }


def _ride_words(ride: RecapRide, kind: str, words: dict[str, Any], language: str) -> str:
    """One ride as the recap says it: "10:15 AM City Hospital, car booked"."""
    fields = {
        "time": wording.clock_words(ride.at.time(), language),
        "destination": wording.sendable(ride.destination, wording.PLACE_LENGTH)
        or words["somewhere"],
        "status": words["states"].get(ride.state, words["states"]["requested"]),
        "day": dates.format_skeleton("MMMEd", ride.at, locale=LANGUAGES[language].locale),
    }
    said: str = words["week_ride" if kind == "week" else "ride"].format(**fields)
    return said
