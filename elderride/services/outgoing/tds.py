"""The TDS dispatch adapter: each booking change as telegrams of TCRP Report 210's Transactional
Data Specification (JSON, as the published schema names them), posted through the same outbox
and signed as our webhooks are (docs/tds.md)."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlite_utils import Database

from elderride.services import booking_document, overflow
from elderride.services.errors import N_
from elderride.services.outgoing import http_requests
from elderride.services.outgoing.dispatch import WebhookFailed, signed_headers, signing_keys
from elderride.services.people import place_fields

TICKET_PREFIX = "elderride-"
# TDS has no cancel telegram: a trip request naming the ticket in its attribute "for local use"
# withdraws it (docs/tds.md).
CANCEL_MARK = "cancel "
# A pasted point is good to about a house: the precision TDS asks for, in metres.
PASTED_PRECISION_METRES = 50
# The changes a trip provider is sent; the others (assigned, picked up, …) are its own reports.
# `offered`: a ride handed back to this center after the overflow center's car fell through.
ORDER_EVENTS = frozenset({"created", "reopened", "requested", "edited", "offered"})


def ticket_id(booking_id: int) -> str:
    """Return the tripTicketId of a booking: how the provider names it back."""
    return f"{TICKET_PREFIX}{booking_id}"


def booking_of_ticket(ticket: object) -> int | None:
    """Return the booking id a tripTicketId names, or None for one that is not ours."""
    if not isinstance(ticket, str) or not ticket.startswith(TICKET_PREFIX):
        return None
    digits = ticket[len(TICKET_PREFIX) :]
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 18 else None


def _time(stamp: str) -> dict[str, Any]:
    return {"@time": stamp}


# The words a driver reads for a stop with no address: sent in English, and marked for the catalogs
# like every sentence a person reads.
NO_ADDRESS = N_("The senior tells the driver where to go.")


def _address(stop: dict[str, Any]) -> dict[str, Any]:
    """Return a stop as a TDS addressType: its words, and its coordinates when there are any."""
    if stop["address"] is None:
        return {
            "manualDescriptionAddress": {
                "@manualText": NO_ADDRESS,
                "@sendtoInvoice": False,
                "@sendtoVehicle": True,
                "@sendtoOperator": True,
                "@vehicleConfirmation": False,
            }
        }
    address: dict[str, Any] = {"@addressName": stop["label"] or stop["address"]}
    address["@street"] = stop["address"]
    if stop["latitude"] is not None and stop["longitude"] is not None:
        address["geographicLocation"] = {
            "@typeOfCoordinate": "WGS84",
            "@precision": PASTED_PRECISION_METRES,
            "@lat": stop["latitude"],
            "@long": stop["longitude"],
        }
    return address


def _times(document: dict[str, Any]) -> dict[str, Any]:
    """Return the time elements a trip request and an order share."""
    pickup = document["pickup_at"] or document["created_at"]
    times: dict[str, Any] = {"pickupTime": _time(pickup)}
    if document["pickup_at"] is None:
        times["pickupTime"]["@timeType"] = "asap"
    if document["appointment_at"]:
        times["appointmentTime"] = _time(document["appointment_at"])
    if document["dropoff"]:
        times["dropoffTime"] = _time(document["dropoff"]["latest"])
    times["pickupWindowStartTime"] = _time(document["pickup_window"]["earliest"])
    times["pickupWindowEndTime"] = _time(document["pickup_window"]["latest"])
    times["hardConstraintOnPickupTime"] = False
    times["hardConstraintOnDropoffTime"] = bool(document["dropoff"] and document["dropoff"]["hard"])
    return times


def trip_request(document: dict[str, Any], *, cancel: bool = False) -> dict[str, Any]:
    """Return telegram 1A for a booking document: where, when, and the senior's special
    attributes (the one telegram that carries them)."""
    telegram: dict[str, Any] = {
        "pickupAddress": _address(document["pickup"]),
        "dropoffAddress": _address(document["destination"]),
        **_times(document),
    }
    if document["special_attributes"]:
        telegram["@specialAttributes"] = list(document["special_attributes"])
    if cancel:
        telegram["@openAttribute"] = CANCEL_MARK + ticket_id(document["id"])
    return telegram


def order_confirmation(
    document: dict[str, Any], *, customer_name: str, funding_entity: str
) -> dict[str, Any]:
    """Return telegram 2A for a booking document: the order itself, under its ticket id."""
    telegram: dict[str, Any] = {
        "tripTicketId": ticket_id(document["id"]),
        "pickupAddress": _address(document["pickup"]),
        "dropoffAddress": _address(document["destination"]),
        **_times(document),
        "customerName": customer_name,
        "numOtherReservedPassengers": document["companions"],
        "fundingEntityId": funding_entity,
    }
    for field in place_fields.on_the_ride():
        # Where the declaration names a telegram key for it: which door, ring twice.
        if field.ride is not None and field.ride.tds and document.get(field.name):
            telegram[field.ride.tds] = document[field.name]
    phone = document["caller_phone"] or ""
    if phone.startswith("+") and phone[1:].isdigit():
        # TDS types a phone number as an integer: E.164 without its plus.
        telegram["customerMobilePhone"] = int(phone[1:])
    if document["senior_id"] is not None:
        telegram["@customerId"] = str(document["senior_id"])
    return telegram


def telegrams(
    event: str, document: dict[str, Any], *, customer_name: str, funding_entity: str
) -> dict[str, Any] | None:
    """Return what a change sends, as one TDS document of telegrams, or None when it sends
    nothing."""
    if event in ("cancelled", overflow.WITHDRAWN):
        # A ride the overflow center took first is, for this provider, a ride cancelled.
        return {"tripRequest": trip_request(document, cancel=True)}
    if event not in ORDER_EVENTS or document["state"] not in ("requested", "forwarded", "no_car"):
        return None
    order = order_confirmation(document, customer_name=customer_name, funding_entity=funding_entity)
    if event == "edited":
        return {"clientOrderConfirmation": order}
    return {"tripRequest": trip_request(document), "clientOrderConfirmation": order}


def customer_name(db: Database, senior_id: int | None) -> str:
    """Return the name a provider's driver asks for: the senior's, or words for an unknown
    caller."""
    if senior_id is not None:
        row = db.execute("select name from seniors where id = ?", [senior_id]).fetchone()
        if row:
            return str(row[0])
    return "Unknown caller"


class TdsAdapter:
    """Posts each booking change to a TDS trip provider as telegrams, signed, until it answers
    2xx."""

    def __init__(
        self, url: str, secret: str | None, *, funding_entity: str, timeout: float = 10.0
    ) -> None:
        self.keys = signing_keys(secret)
        if not self.keys:
            raise ValueError(
                "ELDERRIDE_DISPATCH_WEBHOOK_SECRET must be set with ELDERRIDE_DISPATCH_WEBHOOK_URL"
            )
        self.url, self.timeout, self.funding_entity = url, timeout, funding_entity

    def body(self, db: Database, entry: dict[str, Any]) -> bytes | None:
        """Return the JSON telegrams an outbox entry sends, or None when it sends nothing."""
        payload = entry["payload"]
        document = booking_document.as_queued(db, payload["booking"])
        found = telegrams(
            payload["event"],
            document,
            customer_name=customer_name(db, document["senior_id"]),
            funding_entity=self.funding_entity,
        )
        if found is None:
            return None
        return json.dumps(found, ensure_ascii=False, sort_keys=True).encode()

    def __call__(
        self, db: Database, entry: dict[str, Any], *, deadline: float | None = None
    ) -> None:
        body = self.body(db, entry)
        if body is None:
            return
        seconds = self.timeout if deadline is None else max(0.1, min(self.timeout, deadline))
        try:
            answer = http_requests.request(
                "POST",
                self.url,
                body=body,
                headers=signed_headers(self.keys, entry, body, timestamp=int(time.time())),
                deadline=seconds,
            )
        except http_requests.OutboundError as error:
            raise WebhookFailed(f"trip provider unreachable: {error}") from None
        if not 200 <= answer.status < 300:
            # A redirect included: following it would re-send the telegrams as a body-less GET.
            raise WebhookFailed(f"trip provider answered {answer.status}")
