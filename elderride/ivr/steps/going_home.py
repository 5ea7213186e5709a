"""A trip back waiting for the senior's call: "Ready to go home from City Hospital? Press 1."."""

from elderride.ivr.flow import Answer, Question, Reply, Step, Turn
from elderride.services import returns, trust


def waiting(turn: Turn) -> str | None:
    """Return "return_ready" when a trip back waits for this caller and can go now (remembering
    which), else None."""
    if turn.senior is None or turn.state.return_declined:
        return None
    ride = returns.ready_return(turn.db, turn.senior["id"])
    if ride is None:
        return None
    turn.state.return_ride = ride["id"]
    turn.state.return_from = ride["pickup_label"] or ride["pickup_address"] or ""
    turn.state.return_to = ride["destination_label"] or ride["destination_address"] or ""
    return "return_ready"


def ready_sentences(question: Question) -> list[str]:
    """The greeting, then where the car would come from, then the other key."""
    turn, prompts = question.turn, question.prompts
    assert turn.senior is not None  # a known caller's step
    opening = [prompts["greeting"].format(name=turn.senior["name"])] if not question.attempt else []
    return [
        *opening,
        prompts["return_ready"].format(pickup=turn.state.return_from),
        prompts["return_keys"],
    ]


def send_it(answer: Answer) -> Reply:
    """The senior is ready: the waiting trip back goes to dispatch (once, however often the key
    comes)."""
    ride_id = answer.state.return_ride
    assert ride_id is not None  # the step needs it
    ride = returns.call_for(answer.turn.db, ride_id, actor="caller")
    answer.state.booking_id = ride_id
    held = trust.REASONS.get(ride["review_reason"] or "")
    # Not "booked": no car comes until a person has checked the ride.
    return answer.goodbye(held.prompt if held is not None else "return_booked")


def cancel_it(answer: Answer) -> Reply:
    """Not wanted at all: the usual confirmation, then the trip back is cancelled."""
    answer.state.open_booking = answer.state.return_ride
    answer.state.open_destination = answer.state.return_to
    return answer.ask("cancel")


def not_now(answer: Answer) -> Reply:
    """Something else: a ride to book, most likely (the trip back keeps waiting)."""
    answer.state.return_declined = True
    answer.state.return_ride = None
    return answer.ask("menu")


RETURN_READY = Step(
    "return_ready",
    asks=ready_sentences,
    keys={"1": send_it, "2": not_now, "3": cancel_it},
    intents={"yes": "1", "no": "2", "cancel": "3"},
    sure={"1": "unsure_send"},
    caller="believed",
    needs=("return_ride",),
)

STEPS = (RETURN_READY,)
