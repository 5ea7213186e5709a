"""Booking a ride to one of the senior's places, or somewhere else: the menu, the read-back, and
a spoken address."""

from typing import Any

from elderride.intake import Intent
from elderride.ivr.flow import Answer, Question, Reply, Step, Turn
from elderride.services import bookings, contacts, wording
from elderride.services.errors import ValidationError

OTHER_KEY = "8"


def _home(turn: Turn) -> dict[str, Any] | None:
    places = turn.places()
    return places[0] if places else None


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
    lines += [
        template.format(label=place["label"], key=index)
        for index, place in enumerate(turn.places(), start=1)
    ]
    if attempt == 0:
        lines.append(prompts["menu_other"])
    lines.append(prompts["menu_operator"])
    if attempt == 0:
        lines.append(prompts["menu_family"])
    return lines


def choose_numbered_place(answer: Answer) -> Reply | None:
    """A place's number: read that ride back."""
    preset = answer.turn.places()
    key = answer.key or ""
    if key.isdigit() and 1 <= int(key) <= len(preset):
        return _choose(answer, preset[int(key) - 1]["id"])
    return None


def choose_named_place(answer: Answer) -> Reply | None:
    """A place said by name (perhaps with a time): read that ride back."""
    intent = answer.intent
    if intent is None or intent.place is None:
        return None
    return _choose(answer, intent.place.id, pickup_at=intent.pickup_at)


def _choose(answer: Answer, place_id: int | None, pickup_at: str | None = None) -> Reply:
    """Remember the chosen place and read the ride back for a confirmation."""
    preset = answer.turn.places()
    place = next((place for place in preset if place["id"] == place_id), None)
    if place is None:
        return answer.ask("menu", 1)
    home = preset[0]
    choice = {"destination_place_id": place["id"], "destination_label": place["label"]}
    if place["id"] != home["id"]:
        choice.update(pickup_place_id=home["id"], pickup_label=home["label"])
    if pickup_at:
        choice["pickup_at"] = pickup_at
    answer.context["choice"] = choice
    return answer.ask("confirm")


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


def confirm_sentences(question: Question) -> list[str]:
    """The ride read back ("A car from Home to City Hospital, now."), then its keys."""
    turn, prompts = question.turn, question.prompts
    choice = turn.context.get("choice", {})
    timezone = turn.senior["timezone"] if turn.senior else "UTC"
    when = wording.when({"pickup_at": choice.get("pickup_at")}, turn.language, timezone)
    pickup = choice.get("pickup_label") or prompts["where_you_are"]
    ride = prompts["confirm"].format(
        pickup=pickup, destination=choice.get("destination_label", ""), when=when
    )
    return [ride, prompts["confirm_keys"]]


def book(answer: Answer) -> Reply | None:
    """Book the ride read back, once per call, and say so."""
    turn = answer.turn
    if "choice" not in answer.context:
        return None
    choice = answer.context["choice"]
    going_home = "pickup_place_id" not in choice
    try:
        booking = _book(
            turn,
            pickup={"place_id": choice["pickup_place_id"]}
            if not going_home
            else {"address": turn.prompts["where_you_are"]},
            destination={"place_id": choice["destination_place_id"]}
            if choice.get("destination_place_id")
            else {"address": choice.get("destination_label", "")},
            pickup_at=choice.get("pickup_at"),
            # Going home, or to a spoken address: a person confirms where from or where to.
            needs_review=going_home or bool(choice.get("review")),
        )
    except ValidationError:
        return answer.ask("menu", answer.attempt + 1)
    answer.context["booking_id"] = booking["id"]
    told = contacts.notified_contacts(turn.db, turn.senior["id"]) if turn.senior else []
    return answer.goodbye("booked" if told else "booked_no_family")


def change(answer: Answer) -> Reply:
    """Forget the ride read back and offer the menu again."""
    answer.context.pop("choice", None)
    return answer.ask("menu")


CONFIRM = Step(
    "confirm",
    asks=confirm_sentences,
    keys={"1": book, "2": change},
    intents={"yes": "1", "no": "2"},
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
            destination={"address": f"(recording {answer.utterance_id})"},
            closing="other_review",
        )
    if not address:
        return None
    answer.context["choice"] = {
        "destination_label": address[:200],
        "review": True,  # a spoken address is checked by a person
        **({"pickup_place_id": home["id"], "pickup_label": home["label"]} if home else {}),
    }
    return answer.ask("confirm")


OTHER = Step(
    "other",
    asks=lambda question: [question.prompts["other_address"]],
    free_speech=True,
    hears=hear_address,
    # A key while an address is recorded asks again, rather than leaving for the family.
    without=frozenset({"9"}),
)


# Booking -----------------------------------------------------------------------------------------


def _book(
    turn: Turn,
    *,
    pickup: dict[str, Any],
    destination: dict[str, Any],
    needs_review: bool,
    pickup_at: str | None = None,
    caller_phone: str | None = None,
) -> dict[str, Any]:
    """Book this call's ride: Twilio retries and replayed steps carry the same call, so one booking
    per call."""
    booking, _ = bookings.create_booking(
        turn.db,
        idempotency_key=f"call:{turn.call['call_sid']}",
        channel="phone",
        created_by="caller",
        senior_id=turn.senior["id"] if turn.senior else None,
        caller_phone=caller_phone or turn.call["from_phone"] or None,
        pickup=pickup,
        destination=destination,
        pickup_at=pickup_at,
        needs_review=needs_review,
        call_sid=turn.call["call_sid"],
    )
    return booking


def book_for_review(
    answer: Answer, *, pickup: dict[str, Any], destination: dict[str, Any], closing: str
) -> Reply:
    """Book a ride a person must check (a recorded address, an unknown caller), and say so."""
    booking = _book(
        answer.turn,
        pickup=pickup,
        destination=destination,
        needs_review=True,
        caller_phone=answer.turn.call["from_phone"] or "withheld",
    )
    answer.context["booking_id"] = booking["id"]
    return answer.goodbye(closing)


STEPS = (MENU, CONFIRM, OTHER)
