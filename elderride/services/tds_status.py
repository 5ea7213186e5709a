"""What a TDS trip provider reports back: its order confirmation with the vehicle and driver, a
vehicle task's outcome (performed, no show, no pickup) and the completed trip (docs/tds.md)."""

import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from elderride.services import assignments, bookings, clock, fields, overflow
from elderride.services.errors import N_, TransitionRefused, ValidationError
from elderride.services.outgoing.tds import booking_of_ticket as booking_of_ticket
from elderride.services.records import Booking
from elderride.services.scheduled import welfare
from elderride.store import writing

ACTOR = "dispatch-tds"
# Telegrams a provider sends that change nothing here: it received the order, or its vehicle's
# capacities.
NOTED = ("tripScheduledConfirmation", "vehicleConfirmation", "tripRequestResponse")
HEARD = ("providerOrderConfirmation", "tripTaskConfirmation", "tripTaskCompletion")
# A vehicle task's outcome, as the report it is on a ride.
OUTCOMES = {"no pickup": "no_car", "no show": "no_show"}
# The onward road a provider's report may walk a ride along, one move at a time.
ONWARD = ("requested", "forwarded", "assigned", "arriving", "picked_up", "completed")
# The fields of a telegram this adapter reads.
READ = ("tripTicketId", "@driverId", "@vehicleNumber", "@vehicleInformation", "@tripStatus")
# What a provider's confirmation names, and a later one may not quietly change.
VEHICLE = ("driver_name", "plate", "car_make", "car_colour")


def _key(name: str, telegram: Mapping[str, Any]) -> str:
    """Return the replay key of a telegram: TDS gives none, so its content is its identity."""
    canonical = json.dumps({name: telegram}, sort_keys=True, ensure_ascii=False)
    # surrogatepass: the same bytes as plain UTF-8 for any text a telegram may hold (_check_text),
    # so no string can make the key itself fail.
    return "tds:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _check_text(name: str, telegram: Mapping[str, Any]) -> None:
    """Refuse a telegram whose fields we read hold a control character or half a UTF-16 pair,
    naming the field: nothing a provider means needs one (other fields are the provider's own)."""
    for field in READ:
        value = telegram.get(field)
        if isinstance(value, str) and not fields.is_printable(value):
            raise ValidationError(field, N_("This must be printable text."))


def _booking(telegram: Mapping[str, Any]) -> int:
    booking_id = booking_of_ticket(telegram.get("tripTicketId"))
    if booking_id is None:
        raise ValidationError(
            "tripTicketId", N_("tripTicketId must be the ticket elderride sent: elderride-<id>.")
        )
    return booking_id


def _vehicle(telegram: Mapping[str, Any]) -> dict[str, Any]:
    """Return the driver and car of a provider's confirmation, as an assignment takes them."""
    make, _, colour = str(telegram.get("@vehicleInformation") or "").rpartition(",")
    pickup = telegram.get("scheduledPickupTime")
    minutes = 0
    if isinstance(pickup, Mapping) and isinstance(pickup.get("@time"), str):
        try:
            # RFC 3339 allows a lower-case T and Z; Python's ISO reader wants them upper-case.
            moment = clock.parse(pickup["@time"].upper())
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ValidationError("scheduledPickupTime", N_("scheduledPickupTime is not a time."))
        minutes = round((moment - clock.now()) / datetime.timedelta(minutes=1))
    details = {
        "driver_name": telegram.get("@driverId"),
        "plate": telegram.get("@vehicleNumber"),
        "car_make": make.strip(),
        "car_colour": colour.strip(),
        "eta_minutes": min(max(minutes, 0), assignments.ETA_MAX),
    }
    assignments.check_report(details)
    return details


def _walk(db: Database, booking_id: int, target: str, key: str, details: dict[str, Any]) -> None:
    """Move a ride onward to `target`, through the states between (a provider reports outcomes,
    not each step)."""
    # A ride the overflow center took first is not this provider's to report on.
    overflow.check_report(db, booking_id, ACTOR, target, event_key=f"{key}:{target}")
    booking = bookings.get_booking(db, booking_id)
    state_now = booking["state"]
    told = (booking["driver_name"], booking["plate"], booking["car_make"], booking["car_colour"])
    named = tuple(details.get(name) for name in VEHICLE)
    if state_now == target == "assigned" and tuple(v or "" for v in told) != tuple(
        v or "" for v in named
    ):
        # Another car for a ride already told its car: the senior would wait for the wrong one.
        raise TransitionRefused(
            N_(
                "This ride already has a driver and vehicle. To change them, dispatch must take "
                "the ride back first (no pickup), then confirm the new vehicle."
            ),
            from_state=state_now,
            to_state=target,
        )
    if state_now == target:
        return
    # No car found is a ride back with dispatch: a car may still be named for it.
    here = "forwarded" if state_now == "no_car" else state_now
    if here not in ONWARD or ONWARD.index(here) >= ONWARD.index(target):
        raise TransitionRefused(
            N_("A ride that is %(from_state)s cannot become %(to_state)s."),
            from_state=state_now,
            to_state=target,
        )
    road = ONWARD[ONWARD.index(here) + 1 : ONWARD.index(target) + 1]
    if "assigned" in road and not details:
        # Only a confirmation names the driver and car: a ride nobody was assigned to was not
        # picked up or completed.
        raise TransitionRefused(
            N_("A ride that is %(from_state)s cannot become %(to_state)s."),
            from_state=state_now,
            to_state=target,
        )
    # One write: nobody sees the ride half-way, and only where it ends is told to the senior
    # (a senior already in the car is never phoned that it is arriving).
    with writing(db):
        for state in road:
            bookings.transition(
                db,
                booking_id,
                state,
                actor=ACTOR,
                details=details if state == "assigned" else {},
                event_key=f"{key}:{state}",
                notify=state == target,
            )


def hear(
    db: Database, message: object, *, answer_seconds: float = welfare.ANSWER_SECONDS
) -> Booking | None:
    """Apply one TDS status message (a JSON object of telegrams by name) and return the ride it
    was about, None for one that changes nothing; raise ValidationError or TransitionRefused."""
    if not isinstance(message, Mapping) or not message:
        raise ValidationError("telegram", N_("Send a JSON object of TDS telegrams by name."))
    unknown = set(message) - set(HEARD) - set(NOTED)
    if unknown:
        raise ValidationError(
            "telegram",
            N_("Unknown TDS telegram %(name)s; send one of: %(names)s."),
            name=sorted(unknown)[0][:40],
            names=", ".join(HEARD + NOTED),
        )
    for name, telegram in message.items():
        if not isinstance(telegram, Mapping):
            raise ValidationError(name, N_("A TDS telegram is a JSON object."))
        if name in HEARD:
            _check_text(name, telegram)
    heard = [name for name in HEARD if name in message]
    if len(heard) > 1:
        raise ValidationError("telegram", N_("Send one status telegram at a time."))
    if not heard:
        return None
    name = heard[0]
    telegram = message[name]
    booking_id = _booking(telegram)
    # NotFound (no ride with this ticket) goes to the caller as it is.
    bookings.get_booking(db, booking_id)
    key = _key(name, telegram)
    # Checked and applied in one write transaction: the overflow center may take the ride between.
    with writing(db):
        _apply(db, booking_id, name, telegram, key, answer_seconds)
    return bookings.get_booking(db, booking_id)


def _apply(
    db: Database,
    booking_id: int,
    name: str,
    telegram: Mapping[str, Any],
    key: str,
    answer_seconds: float,
) -> None:
    """Apply one heard telegram to its ride."""
    if name == "providerOrderConfirmation":
        if not telegram.get("@driverId") or not telegram.get("@vehicleNumber"):
            # Confirmed, but no vehicle yet: the ride stays with dispatch until one is named.
            return
        _walk(db, booking_id, "assigned", key, _vehicle(telegram))
    elif name == "tripTaskConfirmation":
        status = telegram.get("@tripStatus")
        if status in OUTCOMES:
            # A ride the overflow center took first is not this provider's to report on.
            overflow.check_report(db, booking_id, ACTOR, OUTCOMES[status], event_key=key)
        if status == "no show":
            welfare.report_no_show(
                db, booking_id, event_key=key, actor=ACTOR, answer_seconds=answer_seconds
            )
        elif status == "performed":
            _walk(db, booking_id, "picked_up", key, {})
        elif status == "no pickup":
            bookings.transition(db, booking_id, "no_car", actor=ACTOR, event_key=key)
        else:
            raise ValidationError(
                "@tripStatus", N_("@tripStatus must be performed, no show or no pickup.")
            )
    else:
        _walk(db, booking_id, "completed", key, {})
