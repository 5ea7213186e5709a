"""Booking a ride to one of the senior's places, or somewhere else: the menu, the read-back, and
a spoken address."""

from elderride.intake import Intent
from elderride.ivr.call_state import Choice
from elderride.ivr.flow import Answer, Question, Reply, Step, Turn
from elderride.ivr.steps import when
from elderride.services import bookings, clock, review, trips, trust, wording
from elderride.services.errors import ValidationError
from elderride.services.people import contacts, phone_keys
from elderride.services.records import Booking, BookingRequest, Place, Stop, Trip

OTHER_KEY = phone_keys.OTHER_KEY


def _home(turn: Turn) -> Place | None:
    return turn.home()


# The menu ----------------------------------------------------------------------------------------


def menu_sentences(question: Question) -> list[str]:
    """The menu: in full first; then a shorter "where to?"; then, simplest, the keys alone."""
    turn, attempt, prompts = question.turn, question.attempt, question.prompts
    opening = {
        0: prompts["greeting"].format(name=turn.senior["name"] if turn.senior else ""),
        1: prompts["reprompt_1"],
    }.get(attempt, prompts["reprompt_2"])
    template = prompts["menu_place"] if question.speech else prompts["menu_place_keys"]
    lines = [opening]
    if attempt == 0 and turn.state.rides_unread:
        lines.append(prompts["rides_unread"])
    for key, place in phone_keys.place_keys(turn.places()):
        if key is not None:
            lines.append(template.format(label=place["label"], key=key))
        elif question.speech:
            # A place past the keys 1 to 7 is chosen by its name.
            lines.append(prompts["menu_place_said"].format(label=place["label"]))
    if attempt == 0:
        lines.append(prompts["menu_other"])
    lines.append(prompts["menu_operator"])
    if attempt == 0:
        lines.append(prompts["menu_family"])
    return lines


def choose_numbered_place(answer: Answer) -> Reply | None:
    """A place's number: read that ride back."""
    key = answer.key or ""
    chosen = dict(phone_keys.place_keys(answer.turn.places())).get(key)
    return _choose(answer, chosen["id"]) if chosen is not None else None


def choose_named_place(answer: Answer) -> Reply | None:
    """A place said by name (perhaps with a time): read that ride back."""
    intent = answer.intent
    if intent is None or intent.place is None:
        return None
    return _choose(
        answer,
        intent.place.id,
        pickup_at=intent.pickup_at,
        appointment=when.arrives_by(intent.text, answer.turn.language),
    )


def _choose(
    answer: Answer, place_id: int | None, pickup_at: str | None = None, appointment: bool = False
) -> Reply:
    """Remember the chosen place and read the ride back for a confirmation (going home, first
    ask where from)."""
    preset = answer.turn.places()
    place = next((place for place in preset if place["id"] == place_id), None)
    if place is None:
        return answer.ask("menu", 1)
    home = _home(answer.turn)
    choice = Choice(destination_place_id=place["id"], destination_label=place["label"])
    if home is not None and place["id"] != home["id"]:
        choice.pickup_place_id, choice.pickup_label = home["id"], home["label"]
    if pickup_at:
        choice.pickup_at = pickup_at
        choice.appointment = appointment
    answer.state.choice = choice
    if home is not None and place["id"] == home["id"] and home_pickups(answer.turn):
        return answer.ask("where_from")
    return answer.ask("confirm")


def home_pickups(turn: Turn) -> list[trips.LabelledStop]:
    """Where the car may come from on the way home, today's last destination first (keys 1..7);
    a caller whose number nobody vouched for is not told where she went today."""
    if turn.senior is None:
        return []
    stops = trips.going_home_pickups(turn.db, turn.senior, with_today=turn.believed)
    return stops[: int(OTHER_KEY) - 1]


def _menu_number(intent: Intent) -> str | None:
    return str(intent.choice) if intent.choice is not None else None


MENU = Step(
    "menu",
    asks=menu_sentences,
    keys={OTHER_KEY: lambda answer: answer.ask("other")},
    any_key=choose_numbered_place,
    intents={"menu": _menu_number},
    understands={
        "place": choose_named_place,
        "address": lambda answer: answer.ask("other"),
    },
)


# The read-back -----------------------------------------------------------------------------------


def _when(turn: Turn, at: str | None) -> str:
    timezone = turn.senior["timezone"] if turn.senior else "UTC"
    return wording.pickup_time(at, turn.language, timezone)


def confirm_sentences(question: Question) -> list[str]:
    """The ride read back ("A car from Home to City Hospital, now."; for an appointment, when the
    car comes), then its keys."""
    turn, prompts = question.turn, question.prompts
    choice = turn.state.choice or Choice()
    pickup = choice.pickup_label or prompts["where_you_are"]
    destination = choice.destination_label
    if choice.appointment and choice.pickup_at:
        pickup_at = bookings.pickup_for_appointment(
            turn.db,
            turn.senior["id"] if turn.senior else None,
            {"place_id": choice.destination_place_id} if choice.destination_place_id else None,
            clock.parse(choice.pickup_at),
        )
        ride = prompts["confirm_arrive"].format(
            destination=destination,
            appointment=_when(turn, choice.pickup_at),
            pickup=pickup,
            when=_when(turn, clock.iso(pickup_at)),
        )
    else:
        ride = prompts["confirm"].format(
            pickup=pickup, destination=destination, when=_when(turn, choice.pickup_at)
        )
    lines = [ride, prompts["confirm_keys"], prompts["confirm_time_key"]]
    if offers_way_back(turn):
        lines.append(prompts["confirm_way_back_key"])
    return lines


def offers_way_back(turn: Turn) -> bool:
    """Whether the read-back offers "book it and a car back home": a ride out from home."""
    choice = turn.state.choice or Choice()
    home = _home(turn)
    return (
        home is not None
        and choice.destination_place_id != home["id"]
        and choice.pickup_place_id == home["id"]
        and not choice.review
    )


def book(answer: Answer) -> Reply | None:
    """Book the ride read back, once per call and answer, and say so."""
    return _book_choice(answer)


def book_with_way_back(answer: Answer) -> Reply | None:
    """Book the ride read back, then go on at once to the car back home from where it goes."""
    if not offers_way_back(answer.turn):
        return None
    return _book_choice(answer, then_way_back=True)


def _book_choice(answer: Answer, *, then_way_back: bool = False) -> Reply | None:
    turn = answer.turn
    choice = answer.state.choice
    if choice is None or turn.senior is None:
        return None
    going_home = choice.pickup_place_id is None and choice.pickup_address is None
    pickup: Stop
    if choice.pickup_place_id is not None:
        pickup = {"place_id": choice.pickup_place_id}
    else:
        pickup = {"address": choice.pickup_address or turn.prompts["where_you_are"]}
    appointment = choice.pickup_at if choice.appointment else None
    try:
        booking = _book(
            turn,
            pickup=pickup,
            destination={"place_id": choice.destination_place_id}
            if choice.destination_place_id
            else {"address": choice.destination_label},
            pickup_at=None if appointment else choice.pickup_at,
            appointment_at=appointment,
            # Going home, or to a spoken address: a person confirms where from or where to.
            needs_review=going_home or choice.review,
        )
    except ValidationError as error:
        if error.field == "senior":
            return answer.goodbye("status_full")
        return answer.ask("menu", answer.attempt + 1)
    answer.state.booking_id = booking["id"]
    told = contacts.notified_contacts(turn.db, turn.senior["id"])
    said = "booked" if told else "booked_no_family"
    held = trust.REASONS.get(booking["review_reason"] or "")
    if held is not None:
        # Not "booked": no car comes until a person has checked the ride.
        said = held.prompt_family_told if told and held.prompt_family_told else held.prompt
    if then_way_back:
        return _way_back(answer, booking, said)
    return answer.goodbye(said)


def _way_back(answer: Answer, booking: Booking, said: str) -> Reply:
    """Go on from a ride out to the car back home: from where it goes, at a time to choose."""
    home = _home(answer.turn)
    assert home is not None  # offers_way_back checked it
    choice = Choice(destination_place_id=home["id"], destination_label=home["label"])
    if booking["destination_place_id"] is not None:
        choice.pickup_place_id = booking["destination_place_id"]
        choice.pickup_label = booking["destination_label"]
    else:
        choice.pickup_address = booking["destination_address"]
        choice.pickup_label = booking["destination_address"]
    answer.state.choice = choice
    answer.state.way_back_of = booking["id"]
    answer.state.just_said = [
        answer.prompts[said],
        answer.prompts["way_back"].format(pickup=choice.pickup_label),
    ]
    return answer.ask("when")


def change(answer: Answer) -> Reply:
    """Forget the ride read back and offer the menu again."""
    answer.state.choice = None
    return answer.ask("menu")


CONFIRM = Step(
    "confirm",
    asks=confirm_sentences,
    keys={
        "1": book,
        "2": change,
        "3": lambda answer: answer.ask("when"),
        "4": book_with_way_back,
    },
    # A cancel said at the read-back ("forget it", 取消) refuses the ride read back: a no.
    intents={"yes": "1", "no": "2", "cancel": "2"},
    sure={"1": "unsure_book"},
    needs=("choice",),
)


# Where from, on the way home ----------------------------------------------------------------


def where_from_sentences(question: Question) -> list[str]:
    """Where the car may come from: today's last destination first, then the other places."""
    prompts = question.prompts
    stops = home_pickups(question.turn)
    return (
        [prompts["where_from"]]
        + [
            prompts["where_from_place"].format(label=stop["label"], key=index)
            for index, stop in enumerate(stops, start=1)
        ]
        + [prompts["where_from_other"]]
    )


def pickup_numbered(answer: Answer) -> Reply | None:
    """A stop's number: the car comes from there."""
    stops = home_pickups(answer.turn)
    key = answer.key or ""
    if not (key.isdigit() and 1 <= int(key) <= len(stops)):
        return None
    stop = stops[int(key) - 1]
    if stop["place_id"] is not None:
        return _pickup_place(answer, stop["place_id"])
    choice = answer.state.choice
    assert choice is not None  # the step needs it
    choice.pickup_address, choice.pickup_label = stop["address"], stop["label"]
    choice.pickup_place_id = None
    return answer.ask("confirm")


def pickup_named(answer: Answer) -> Reply | None:
    """A place said by name: the car comes from there."""
    if answer.intent is None or answer.intent.place is None:
        return None
    return _pickup_place(answer, answer.intent.place.id)


def pickup_elsewhere(answer: Answer) -> Reply:
    """Somewhere no place names: a person calls back to check where the car should go."""
    choice = answer.state.choice
    assert choice is not None  # the step needs it
    choice.pickup_place_id = choice.pickup_label = choice.pickup_address = None
    return answer.ask("confirm")


def _pickup_place(answer: Answer, place_id: int | None) -> Reply | None:
    choice = answer.state.choice
    assert choice is not None  # the step needs it
    place = next((p for p in answer.turn.places() if p["id"] == place_id), None)
    if place is None or place["id"] == choice.destination_place_id:
        return None
    choice.pickup_place_id, choice.pickup_label = place["id"], place["label"]
    choice.pickup_address = None
    return answer.ask("confirm")


WHERE_FROM = Step(
    "where_from",
    asks=where_from_sentences,
    keys={OTHER_KEY: pickup_elsewhere},
    any_key=pickup_numbered,
    understands={"place": pickup_named},
    needs=("choice",),
)


# Somewhere else ----------------------------------------------------------------------------------


def hear_address(answer: Answer) -> Reply | None:
    """A spoken address: read it back for a person to check; unheard, book it for a person to
    listen to."""
    turn = answer.turn
    address = answer.intent.spoken_destination if answer.intent else None
    home = _home(turn)
    if not address and answer.utterance_id is not None:
        # Nobody understood the address yet: a person listens to the recording and calls back.
        return book_for_review(
            answer,
            pickup={"place_id": home["id"]} if home else {"address": turn.prompts["where_you_are"]},
            destination={"address": review.placeholder(answer.utterance_id)},
            closing="other_review",
        )
    if not address:
        return None
    answer.state.choice = Choice(
        destination_label=address[:200],
        review=True,  # a spoken address is checked by a person
        pickup_place_id=home["id"] if home else None,
        pickup_label=home["label"] if home else None,
    )
    return answer.ask("confirm")


OTHER = Step(
    "other",
    asks=lambda question: [
        question.prompts["other_address_live" if question.live else "other_address"]
    ],
    free_speech=True,
    hears=hear_address,
    # A key while an address is recorded asks again, rather than leaving for the family.
    without=frozenset({"9"}),
)


# Booking -----------------------------------------------------------------------------------------


def _book(
    turn: Turn,
    *,
    pickup: Stop,
    destination: Stop,
    needs_review: bool,
    pickup_at: str | None = None,
    appointment_at: str | None = None,
    caller_phone: str | None = None,
) -> Booking:
    """Book this call's ride: Twilio retries and replayed steps carry the same call and count, so
    one booking per booking answer (a ride out and its way back are two)."""
    booked = turn.state.booked
    booking, created = bookings.create_booking(
        turn.db,
        BookingRequest(
            idempotency_key=f"call:{turn.call['call_sid']}" + (f":{booked}" if booked else ""),
            channel="phone",
            created_by="caller",
            senior_id=turn.senior["id"] if turn.senior else None,
            caller_phone=caller_phone or turn.call["from_phone"] or None,
            needs_review=needs_review,
            # A number anyone could have shown: what it books waits for a person, whatever else
            # the senior has booked, so that neither the words nor the cap tell it her rides.
            hold_reason=None if turn.senior is None or turn.believed else trust.CALLER_NOT_VOUCHED,
            call_sid=turn.call["call_sid"],
            trip=Trip(
                pickup=pickup,
                destination=destination,
                pickup_at=pickup_at,
                appointment_at=appointment_at,
            ),
        ),
    )
    if created:
        turn.state.booked = booked + 1
    return booking


def book_for_review(answer: Answer, *, pickup: Stop, destination: Stop, closing: str) -> Reply:
    """Book a ride a person must check (a recorded address, an unknown caller), and say so."""
    booking = _book(
        answer.turn,
        pickup=pickup,
        destination=destination,
        needs_review=True,
        caller_phone=answer.turn.call["from_phone"] or "withheld",
    )
    answer.state.booking_id = booking["id"]
    return answer.goodbye(closing)


STEPS = (MENU, CONFIRM, WHERE_FROM, OTHER)
