"""A caller with an open ride: hear how it is going, and cancel it after a confirmation."""

from elderride.ivr.flow import Answer, Question, Reply, Step, Turn
from elderride.services import bookings, lifecycle, wording
from elderride.services.errors import TransitionRefused
from elderride.services.records import Booking

# What the line says of a ride in each state (any other open state: still looking for a car).
STATUS_PROMPTS = {
    "needs_review": "status_review",
    "assigned": "status_assigned",
    "arriving": "status_arriving",
    "picked_up": "status_riding",
    "no_car": "status_no_car",
    "awaiting_call": "status_awaiting_call",
}
# The same, in a few words, when several rides are read one line each.
STATE_WORDS = {
    "needs_review": "state_review",
    "assigned": "state_assigned",
    "arriving": "state_arriving",
    "picked_up": "state_riding",
    "no_car": "state_no_car",
    "awaiting_call": "state_awaiting_call",
}


def open_rides(turn: Turn) -> list[Booking]:
    """The caller's rides still open among those the call started with, soonest first."""
    rides = []
    for booking_id in turn.state.open_rides:
        booking = bookings.get_booking(turn.db, booking_id)
        if booking["state"] in lifecycle.OPEN_STATES:
            rides.append(booking)
    return rides


def _when(turn: Turn, ride: Booking) -> str:
    timezone = turn.senior["timezone"] if turn.senior else "UTC"
    return wording.when(ride, turn.language, timezone)


def status_sentences(question: Question) -> list[str]:
    """One open ride in full (driver, car, plate, minutes); several as a count and a line each,
    soonest first; then the keys, with one to book another while the cap allows."""
    turn, prompts = question.turn, question.prompts
    rides = open_rides(turn)
    if len(rides) <= 1:
        assert turn.state.open_booking is not None  # the step needs it
        booking = bookings.get_booking(turn.db, turn.state.open_booking)
        fields = wording.fields_of(booking, turn.senior, turn.language)
        eta = bookings.minutes_away(turn.db, booking)
        sentence = prompts[STATUS_PROMPTS.get(booking["state"], "status_waiting")].format(
            pickup=fields["pickup"],
            destination=fields["destination"],
            driver=fields["driver"],
            car=fields["car"],
            plate=fields["plate"],
            eta=eta if eta is not None else "",
        )
        lines = [sentence, prompts["status_keys"]]
    else:
        lines = [prompts["status_count"].format(count=len(rides))]
        for ride in rides:
            fields = wording.fields_of(ride, turn.senior, turn.language)
            lines.append(
                prompts["status_line"].format(
                    destination=fields["destination"],
                    when=_when(turn, ride),
                    state=prompts[STATE_WORDS.get(ride["state"], "state_waiting")],
                )
            )
        lines.append(prompts["status_keys_many"])
    lines.append(prompts["status_another" if bookings.has_room(rides) else "status_full"])
    return lines


def book_another(answer: Answer) -> Reply | None:
    """The menu, while fewer rides are open than the cap allows."""
    return answer.ask("menu") if bookings.has_room(open_rides(answer.turn)) else None


def cancel_one(answer: Answer) -> Reply:
    """Cancel the open ride, or with several, ask which (numbered as they are read now, so a ride
    that ends while the caller listens moves no other's number)."""
    rides = open_rides(answer.turn)
    if len(rides) > 1:
        answer.state.cancel_choices = [ride["id"] for ride in rides]
        return answer.ask("cancel_which")
    return answer.ask("cancel")


def _choices(turn: Turn) -> list[Booking]:
    """The rides the caller was offered to cancel, in the order they were numbered."""
    assert turn.state.cancel_choices is not None  # the step needs it
    return [bookings.get_booking(turn.db, ride_id) for ride_id in turn.state.cancel_choices]


def cancel_which_sentences(question: Question) -> list[str]:
    """Each open ride with its key, soonest first, then the key that keeps them all."""
    turn, prompts = question.turn, question.prompts
    rides = _choices(turn)
    lines = [
        prompts["cancel_which"].format(
            destination=ride["destination_label"] or ride["destination_address"] or "",
            when=_when(turn, ride),
            key=index,
        )
        for index, ride in enumerate(rides, start=1)
    ]
    lines.append(prompts["cancel_which_keep"].format(key=len(rides) + 1))
    return lines


def cancel_numbered(answer: Answer) -> Reply | None:
    """A ride's number: confirm cancelling that one; the key after the last keeps them all."""
    rides = _choices(answer.turn)
    key = answer.key or ""
    if not key.isdigit() or not 1 <= int(key) <= len(rides) + 1:
        return None
    if int(key) == len(rides) + 1:
        return answer.goodbye("kept")
    ride = rides[int(key) - 1]
    answer.state.open_booking = ride["id"]
    # Two rides to one place differ by their time: the confirmation says both.
    answer.state.open_destination = answer.prompts["ride_and_time"].format(
        destination=ride["destination_label"] or ride["destination_address"] or "",
        when=_when(answer.turn, ride),
    )
    return answer.ask("cancel")


def cancel(answer: Answer) -> Reply:
    """Cancel the open ride (once, however often the request comes), and say so."""
    db, ride_id = answer.turn.db, answer.state.open_booking
    assert ride_id is not None  # the step needs it
    try:
        bookings.transition(db, ride_id, "cancelled", actor="caller")
    except TransitionRefused:
        # Cancelled already by a replayed request, or moved on while the caller listened: say
        # what is true now.
        if bookings.get_booking(db, ride_id)["state"] != "cancelled":
            return answer.goodbye("cancel_too_late")
    return answer.goodbye("cancelled")


STATUS = Step(
    "status",
    asks=status_sentences,
    keys={"1": lambda answer: answer.ask("status"), "2": book_another, "3": cancel_one},
    intents={"status": "1", "cancel": "3"},
    caller="believed",
    needs=("open_booking",),
    quiet=frozenset({"*"}),  # its own "to hear this again, press 1" says it already
)
CANCEL = Step(
    "cancel",
    asks=lambda question: [
        question.prompts["cancel_confirm"].format(destination=question.turn.state.open_destination)
    ],
    keys={"1": cancel, "2": lambda answer: answer.goodbye("kept")},
    intents={"yes": "1", "cancel": "1", "no": "2"},
    sure={"1": "unsure_cancel"},
    caller="believed",
    needs=("open_booking",),
)

CANCEL_WHICH = Step(
    "cancel_which",
    asks=cancel_which_sentences,
    any_key=cancel_numbered,
    keys_only=True,
    caller="believed",
    needs=("cancel_choices",),
)

STEPS = (STATUS, CANCEL, CANCEL_WHICH)
