"""Delivering outbox entries: texts and calls through the notifier, bookings to dispatch."""

import logging
from collections.abc import Callable, Collection
from typing import Protocol

from sqlite_utils import Database

from elderride.services import bookings, clock
from elderride.services import overflow as overflow_center
from elderride.services.errors import TransitionRefused
from elderride.services.outgoing import call_attempts, consent, message_caps, outbox
from elderride.services.outgoing.messages import Notifier
from elderride.services.outgoing.outbox import Entry
from elderride.services.people import device_texts, phones

log = logging.getLogger(__name__)

# Outbox kinds that are webhooks to a dispatch center: cut off at any deadline they are given.
WEBHOOK_KINDS = frozenset({"dispatch", overflow_center.KIND})


class Dispatch(Protocol):
    """A dispatch adapter: hands each booking change — a booking, an edit, a cancel — to an outside
    dispatch system (dispatch.Webhook, tds.TdsAdapter), raising to be tried again; what the system
    reports back arrives through the API (`/api/v1/bookings/<id>/events`, `/api/v1/tds`)."""

    def __call__(self, db: Database, entry: Entry, *, deadline: float | None = None) -> None: ...


class Deliverer:
    """Carries out one outbox entry by its kind, through a table of handlers."""

    def __init__(
        self,
        notifier: Notifier,
        dispatch: Dispatch | None = None,
        *,
        daily_message_cap: int | None = None,
        daily_recipient_cap: int | None = None,
        allowed_regions: Collection[str] | None = None,
        secret_key: str | bytes | None = None,
        overflow: Dispatch | None = None,
    ) -> None:
        self.notifier = notifier
        # Derives a senior's device link when a text of it goes out (the outbox never holds it).
        self.secret_key = secret_key
        self.dispatch = dispatch
        # The overflow dispatch center (ELDERRIDE_DISPATCH_OVERFLOW_URL), offered rides nobody took.
        self.overflow = overflow
        self.daily_message_cap = daily_message_cap
        self.daily_recipient_cap = daily_recipient_cap
        # Numbers are checked when they are entered; this catches ones entered before the rules.
        self.allowed_regions = allowed_regions
        # The longest one delivery of each kind may take: a batch starts no entry it could not
        # finish in its lease. A webhook is cut off at any deadline it is given; a text or a
        # call through the notifier needs its whole timeout.
        self.dispatch_timeout: float = max(
            getattr(dispatch, "timeout", 0.0), getattr(overflow, "timeout", 0.0)
        )
        self.notifier_timeout: float = getattr(notifier, "timeout", 0.0)
        self.timeout = max(self.dispatch_timeout, self.notifier_timeout)
        self.handlers: dict[str, Callable[..., None]] = {
            "text": self.deliver_text,
            "call": self.deliver_call,
            "email": self.deliver_email,
            "dispatch": self.deliver_dispatch,
            overflow_center.KIND: self.deliver_overflow,
        }

    def time_needed(self, entry: Entry, *, first: bool) -> float:
        """Return how long `entry` needs left of its lease to be started (the first of a batch may
        be cut short)."""
        if entry["kind"] in WEBHOOK_KINDS:
            return 0.0 if first else self.dispatch_timeout
        return self.notifier_timeout

    def deliver(self, db: Database, entry: Entry, *, deadline: float | None = None) -> None:
        """Deliver `entry` within `deadline` seconds, raising on failure (PermanentFailure when
        retrying is pointless)."""
        handler = self.handlers.get(entry["kind"])
        if handler is None:
            raise outbox.PermanentFailure(f"no handler for outbox kind {entry['kind']!r}")
        # Before the caps: a message that may not go at all must not count against them.
        consent.check(db, entry)
        message_caps.check(db, entry, self.daily_message_cap, self.daily_recipient_cap)
        if entry["kind"] in message_caps.CAPPED_KINDS and self.allowed_regions is not None:
            if not phones.reachable(entry["payload"]["to"], self.allowed_regions):
                raise outbox.PermanentFailure(
                    "not a number elderride may text or call (premium-rate, or outside "
                    "ELDERRIDE_ALLOWED_REGIONS)"
                )
        if entry["kind"] in WEBHOOK_KINDS:
            handler(db, entry, deadline=deadline)
        else:
            handler(db, entry)

    def deliver_text(self, db: Database, entry: Entry) -> None:
        """Send a family text, or a senior the link to their page."""
        payload = entry["payload"]
        # A text whose words hold what the console must not show (a code word) carries `shown`.
        body, shown = payload["body"], payload.get("shown")
        if payload.get("device_link_of") is not None:
            body = device_texts.expand(db, payload, self.secret_key)
            if body is None:
                raise outbox.PermanentFailure("the device link was turned off before it was sent")
            # The message log is on the console: it keeps the words, never the link.
            shown = payload["shown"]
        self.notifier.send_text(
            db,
            key=entry["id"],
            to=payload["to"],
            body=body,
            booking_id=entry["booking_id"],
            **({"shown": shown} if shown is not None else {}),
        )

    def deliver_email(self, db: Database, entry: Entry) -> None:
        """Send an email (a password reset)."""
        payload = entry["payload"]
        self.notifier.send_email(
            db, key=entry["id"], to=payload["to"], subject=payload["subject"], body=payload["body"]
        )

    def deliver_call(self, db: Database, entry: Entry) -> None:
        """Call the senior back (or the family); a call that takes keys names where they go."""
        payload = entry["payload"]
        if entry["booking_id"] is not None and call_attempts.obsolete(
            db, payload, entry["booking_id"]
        ):
            # A retry of a notice the ride moved past would ring a senior already in the car.
            call_attempts.drop(db, payload, entry["booking_id"])
            return
        # Only calls that take an answer pass one, and only calls with a code word a `shown`: a
        # notifier that predates them still works.
        extra = {"answer": payload["answer"]} if payload.get("answer") else {}
        if payload.get("shown"):
            extra["shown"] = payload["shown"]
        self.notifier.place_call(
            db,
            key=entry["id"],
            to=payload["to"],
            say=payload["say"],
            language=payload["language"],
            booking_id=entry["booking_id"],
            **extra,
        )

    def deliver_overflow(
        self, db: Database, entry: Entry, *, deadline: float | None = None
    ) -> None:
        """Hand an offer, a withdrawal or a later change to the overflow center."""
        if self.overflow is None:
            # Kept, not dropped: an offer waits for the center to be configured again.
            raise RuntimeError("ELDERRIDE_DISPATCH_OVERFLOW_URL is not set")
        self.overflow(db, entry, deadline=deadline)

    def deliver_dispatch(
        self, db: Database, entry: Entry, *, deadline: float | None = None
    ) -> None:
        """Hand a booking change to dispatch; a newly requested booking becomes forwarded."""
        if self.dispatch is not None:
            self.dispatch(db, entry, deadline=deadline)
        payload = entry["payload"]
        if payload["state"] != "requested":
            return
        # Without an external system the built-in console is the dispatch center: the
        # booking reaches it the moment it exists.  With one, only after it answered 2xx.
        booking = bookings.get_booking(db, entry["booking_id"])
        if booking["state"] == "requested":
            try:
                bookings.transition(db, booking["id"], "forwarded", actor="dispatch")
            except TransitionRefused:
                log.info("booking %s moved on before it was forwarded", booking["id"])


def lease_margin(lease_seconds: float) -> float:
    """Return how much of a lease is kept free at its end, so a delivery never outlives its
    claim."""
    return lease_seconds / 3


def run_once(
    db: Database,
    deliverer: Deliverer,
    worker: str,
    *,
    limit: int = 10,
    lease_seconds: float = outbox.LEASE_SECONDS,
) -> int:
    """Claim and deliver what is due; return how many entries were tried.

    Each delivery must end well inside the lease (another worker may claim the entry
    once it runs out, and a late second send would reach dispatch out of order), so
    each gets at most what is left of the lease less a margin, and the batch gives
    back, untried, what it has no time left for.
    """
    entries = outbox.claim(db, worker, limit=limit, lease_seconds=lease_seconds)
    if not entries:
        return 0
    lease_end = clock.parse(entries[0]["claimed_until"])
    tried = 0
    for index, entry in enumerate(entries):
        budget = (lease_end - clock.now()).total_seconds() - lease_margin(lease_seconds)
        if budget <= 0 or budget < deliverer.time_needed(entry, first=not index):
            for untried in entries[index:]:
                outbox.release(db, untried)
            break
        tried += 1
        try:
            deliverer.deliver(db, entry, deadline=budget)
        except consent.MessageRefused as refused:
            log.info("outbox %s (%s) %s", entry["id"], entry["kind"], refused)
            consent.refuse(db, entry, str(refused))
        except message_caps.MessageHeld as held:
            log.warning("outbox %s (%s) %s", entry["id"], entry["kind"], held)
            message_caps.hold(db, entry, str(held))
        except outbox.PermanentFailure as error:
            log.warning("outbox %s (%s) failed for good: %s", entry["id"], entry["kind"], error)
            outbox.fail(db, entry, error, permanent=True)
        except Exception as error:  # noqa: BLE001 - any failure means "try again later"
            log.warning("outbox %s (%s) failed, will retry: %s", entry["id"], entry["kind"], error)
            outbox.fail(db, entry, f"{type(error).__name__}: {error}")
        else:
            if not outbox.complete(db, entry):
                log.warning(
                    "outbox %s was delivered after its lease was lost; the new holder decides",
                    entry["id"],
                )
    return tried
