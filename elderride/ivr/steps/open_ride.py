"""A caller with an open ride: hear how it is going, and cancel it after a confirmation."""

from elderride.ivr.flow import Answer, Question, Reply, Step
from elderride.services import bookings, wording
from elderride.services.errors import TransitionRefused

# What the line says of a ride in each state (any other open state: still looking for a car).
STATUS_PROMPTS = {
    "needs_review": "status_review",
    "assigned": "status_assigned",
    "arriving": "status_arriving",
    "picked_up": "status_riding",
    "no_car": "status_no_car",
    "awaiting_call": "status_awaiting_call",
}


def status_sentences(question: Question) -> list[str]:
    """How the open ride is going (driver, car, plate, minutes), then its keys."""
    turn = question.turn
    booking = bookings.get_booking(turn.db, turn.context["open_booking"])
    fields = wording.fields_of(booking, turn.senior, turn.language)
    eta = bookings.minutes_away(turn.db, booking)
    sentence = question.prompts[STATUS_PROMPTS.get(booking["state"], "status_waiting")].format(
        pickup=fields["pickup"],
        destination=fields["destination"],
        driver=fields["driver"],
        car=fields["car"],
        plate=fields["plate"],
        eta=eta if eta is not None else "",
    )
    return [sentence, question.prompts["status_keys"]]


def cancel(answer: Answer) -> Reply:
    """Cancel the open ride (once, however often the request comes), and say so."""
    try:
        bookings.transition(
            answer.turn.db, answer.context["open_booking"], "cancelled", actor="caller"
        )
    except TransitionRefused:
        pass  # already cancelled by a replayed request, or moved on: say what is true now
    return answer.goodbye("cancelled")


STATUS = Step(
    "status",
    asks=status_sentences,
    keys={"1": lambda answer: answer.ask("status"), "3": lambda answer: answer.ask("cancel")},
    intents={"status": "1", "cancel": "3"},
    needs=("open_booking",),
)
CANCEL = Step(
    "cancel",
    asks=lambda question: [
        question.prompts["cancel_confirm"].format(
            destination=question.turn.context.get("open_destination", "")
        )
    ],
    keys={"1": cancel, "2": lambda answer: answer.goodbye("kept")},
    intents={"yes": "1", "cancel": "1", "no": "2"},
    needs=("open_booking",),
)

STEPS = (STATUS, CANCEL)
