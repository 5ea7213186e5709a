"""A busy shift for the console's tests and screenshots: many seniors, open rides in every state,
callers waiting for review, a driver seen before."""

import datetime

from elderride.services import bookings, clock
from elderride.services.people import places, seniors
from elderride.services.records import BookingRequest, Trip

NAMES = (
    "Ada Brooks",
    "Benjamin Ortiz",
    "Carmen Diaz",
    "Dorothy Walsh",
    "Edward Kim",
    "Frances Lee",
    "George Novak",
    "Helen Park",
)
DRIVER = {
    "driver_name": "Sam Lee",
    "driver_phone": "+15550100050",
    "car_make": "Toyota Prius",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": "6",
}


def busy_shift(db, *, rides=18):
    """Make `rides` open rides over several seniors (three each at most), in assorted states."""
    made = []
    senior_number = 0
    while len(made) < rides:
        name = NAMES[senior_number % len(NAMES)]
        senior_id = seniors.create_senior(
            db,
            name=name if senior_number < len(NAMES) else f"{name} {senior_number}",
            language="en",
            timezone="America/New_York",
            numbers=[(f"+1555010{senior_number + 20:04d}", "mobile")],
        )
        home = places.add_place(db, senior_id, label="Home", address=f"{senior_number + 1} Elm St")
        clinic = places.add_place(db, senior_id, label="Clinic", address="400 River Road")
        shop = places.add_place(db, senior_id, label="Market", address="9 Harbour Way")
        for number, destination in enumerate((clinic, shop, None)):
            if len(made) >= rides:
                break
            later = number == 1 and senior_number % 2 == 0
            ride, _ = bookings.create_booking(
                db,
                BookingRequest(
                    idempotency_key=f"shift-{senior_number}-{number}",
                    channel=("web", "family", "phone")[number],
                    created_by="senior",
                    senior_id=senior_id,
                    trip=Trip(
                        pickup={"place_id": home},
                        destination={"place_id": destination} if destination else None,
                        pickup_at=clock.now() + datetime.timedelta(minutes=40) if later else None,
                    ),
                ),
            )
            made.append(ride)
        senior_number += 1
    for index, ride in enumerate(made):
        if index % 3 == 1:
            bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
        if index % 6 == 1:
            bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=DRIVER)
    return made


def review_waiting(db, *, key="review", phone="+15550100077", utterance_id=4):
    """An unknown caller's booking whose addresses are still recordings."""
    ride, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key=key,
            channel="phone",
            created_by="caller",
            caller_phone=phone,
            needs_review=True,
            trip=Trip(
                pickup={"address": f"(recording {utterance_id})"},
                destination={"address": f"(recording {utterance_id + 1})"},
            ),
        ),
    )
    return ride
