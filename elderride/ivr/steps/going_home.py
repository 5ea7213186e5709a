"""A trip back waiting for the senior's call: "Ready to go home from City Hospital? Press 1."."""

from elderride.ivr.flow import Answer, Question, Reply, Step, Turn
from elderride.services import returns, trust


def waiting(turn: Turn) -> str | None:
    """Return "return_ready" when a trip back waits for this caller and can go now (remembering
    which), else None."""
    if turn.senior is None or turn.context.get("return_declined"):
        return None
    ride = returns.ready_return(turn.db, turn.senior["id"])
    if ride is None:
        return None
    turn.context["return_ride"] = ride["id"]
    turn.context["return_from"] = ride["pickup_label"] or ride["pickup_address"]
    turn.context["return_to"] = ride["destination_label"] or ride["destination_address"] or ""
    return "return_ready"


def ready_sentences(question: Question) -> list[str]:
    """The greeting, then where the car would come from, then the other key."""
    turn, prompts = question.turn, question.prompts
    assert turn.senior is not None  # a known caller's step
    opening = [prompts["greeting"].format(name=turn.senior["name"])] if not question.attempt else []
    return [
        *opening,
        prompts["return_ready"].format(pickup=turn.context.get("return_from", "")),
        prompts["return_keys"],
    ]


def send_it(answer: Answer) -> Reply:
    """The senior is ready: the waiting trip back goes to dispatch (once, however often the key
    comes)."""
    ride = returns.call_for(answer.turn.db, answer.context["return_ride"], actor="caller")
    answer.context["booking_id"] = answer.context["return_ride"]
    held = trust.REASONS.get(ride["review_reason"] or "")
    # Not "booked": no car comes until a person has checked the ride.
    return answer.goodbye(held.prompt if held is not None else "return_booked")


def cancel_it(answer: Answer) -> Reply:
    """Not wanted at all: the usual confirmation, then the trip back is cancelled."""
    answer.context["open_booking"] = answer.context["return_ride"]
    answer.context["open_destination"] = answer.context.get("return_to", "")
    return answer.ask("cancel")


def not_now(answer: Answer) -> Reply:
    """Something else: a ride to book, most likely (the trip back keeps waiting)."""
    answer.context["return_declined"] = True
    answer.context.pop("return_ride", None)
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
