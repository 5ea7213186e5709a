"""Years of rides, written through the service's own write path, for `elderride bench scale`.

Every booking is made by `create_booking`, moved by `transition` through its life (forwarded
by the worker's own delivery of its dispatch hand-off, then assigned, arriving, picked up,
completed; some cancelled, a few left open), and every outbox entry is delivered by
`run_once` with the built-in notifier, so the tables hold what years of service leave:
bookings, their events, delivered outbox entries and the messages they sent. Only the clock
is simulated, walking from `days` ago to now; the writes are grouped a batch per transaction.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from sqlite_utils import Database

from elderride.services import bookings, clock, demo
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import consent
from elderride.services.outgoing.messages import BuiltinNotifier
from elderride.services.people import contacts, places, seniors
from elderride.services.records import BookingRequest, Trip
from elderride.store import connect, migrate, writing

SENIORS = 200
BATCH = 100
ASSIGNED = {
    "driver_name": "Sam Lee",
    "driver_phone": "+15550100777",
    "car_make": "Toyota",
    "car_colour": "blue",
    "plate": "ABC 123",
    "eta_minutes": 7,
}


def _seniors(db: Database, count: int) -> list[int]:
    """Create `count` seniors with a home, a clinic and a family contact who gets texts."""
    made = []
    with writing(db):
        for index in range(count):
            senior_id = seniors.create_senior(
                db,
                name=f"Rider {index}",
                language="en",
                numbers=[(f"+1555040{index:04d}", "landline")],
            )
            # Each rider's landline became agreed by their own call in, as a real rider's does.
            consent.agree(db, f"+1555040{index:04d}", via="call")
            places.add_place(db, senior_id, label="Home", address=f"{index} Home Street")
            places.add_place(db, senior_id, label="Clinic", address=f"{index % 17} Clinic Road")
            # The made-up families agreed to texts, as the families of a real history have.
            consent.agree(db, f"+1555050{index:04d}", via="bench")
            contacts.add_contact(
                db, senior_id, name=f"Family {index}", phone=f"+1555050{index:04d}", notify=True
            )
            made.append(senior_id)
    return made


class _Clock:
    """A clock the services read instead of the real one while history is written."""

    def __init__(self, start: datetime.datetime):
        self.moment = start

    def now(self) -> datetime.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += datetime.timedelta(seconds=seconds)


def _deliver(db: Database, deliverer: Deliverer) -> None:
    while run_once(db, deliverer, "history-writer", limit=50):
        pass


def _one_ride(
    db: Database,
    deliverer: Deliverer,
    senior_id: int,
    number: int,
    rng: random.Random,
    simulated: _Clock,
    *,
    finish: bool,
) -> None:
    booking, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key=f"history-{number}",
            channel=rng.choice(("web", "phone", "family")),
            created_by="history",
            trip=Trip(destination={"address": f"{number % 911} Market Street"}),
            senior_id=senior_id,
            # Some open rides wait for a dispatcher's review, among them an old one nobody closed.
            needs_review=not finish and (number % 3 == 0 or number % 50_000 == 1),
        ),
    )
    simulated.advance(2)
    _deliver(db, deliverer)  # the dispatch hand-off: requested becomes forwarded
    if not finish:
        return
    if rng.random() < 0.06:
        bookings.transition(db, booking["id"], "cancelled", actor="history")
    else:
        for state, details, minutes in (
            ("assigned", ASSIGNED, 1),
            ("arriving", {}, 6),
            ("picked_up", {}, 2),
            ("completed", {}, 20),
        ):
            simulated.advance(minutes * 60)
            bookings.transition(db, booking["id"], state, actor="dispatch", details=details)
    simulated.advance(1)
    _deliver(db, deliverer)


def build(
    path: str | Path,
    count: int,
    *,
    days: float = 3 * 365,
    open_rides: int = 60,
    seed: int = 7,
    progress: Callable[[int, float], None] | None = None,
) -> dict[str, Any]:
    """Fill a new database at `path` with the demo data and `count` bookings spread over `days`;
    return figures."""
    rng = random.Random(seed)
    db = connect(path)
    try:
        migrate(db)
        demo.seed(db)
        riders = _seniors(db, SENIORS)
        deliverer = Deliverer(BuiltinNotifier())
        end = clock.now()
        step = datetime.timedelta(days=days) / max(count, 1)
        simulated = _Clock(end - datetime.timedelta(days=days))
        started = time.perf_counter()
        opened = 0
        with mock.patch.object(clock, "now", simulated.now):
            for first in range(0, count, BATCH):
                with writing(db):
                    for number in range(first, min(count, first + BATCH)):
                        simulated.moment = end - datetime.timedelta(days=days) + step * number
                        # The newest few stay open (the live queue), as do a few old reviews nobody
                        # closed.
                        finish = number < count - open_rides and number % 50_000 != 1
                        if finish:
                            rider = rng.choice(riders)
                        else:
                            # Open rides go to the riders in turn: a senior may have only a few
                            # open at once (bookings.MAX_OPEN_RIDES); random draws pile them up.
                            rider = riders[opened % len(riders)]
                            opened += 1
                        _one_ride(db, deliverer, rider, number, rng, simulated, finish=finish)
                if progress:
                    progress(min(count, first + BATCH), time.perf_counter() - started)
        figures: dict[str, float] = {
            table: db.table(table).count
            for table in ("bookings", "booking_events", "outbox", "messages")
        }
        figures["seconds"] = round(time.perf_counter() - started, 1)
    finally:
        db.close()
    return figures
