"""A caller whose number is no senior's: where from and where to, recorded for a person to
check."""

from elderride.ivr.call_state import Heard
from elderride.ivr.flow import Answer, Question, Reply, Step
from elderride.ivr.steps.booking import book_for_review
from elderride.services import review


def pickup_sentences(question: Question) -> list[str]:
    """Where from: after a greeting the first time, then on its own."""
    prompts = question.prompts
    greeting = [prompts["greeting_unknown"]] if question.attempt == 0 else []
    return [*greeting, prompts["unknown_pickup_live" if question.live else "unknown_pickup"]]


def _heard(answer: Answer) -> Heard | None:
    """What was recorded: the utterance, and its words if understood (None: nothing recorded)."""
    if answer.utterance_id is None:
        return None
    return Heard(utterance=answer.utterance_id, text=answer.intent.text if answer.intent else "")


def hear_pickup(answer: Answer) -> Reply | None:
    """Keep where from; ask where to."""
    heard = _heard(answer)
    if heard is None:
        return None
    answer.state.pickup = heard
    return answer.ask("unknown_destination")


def hear_destination(answer: Answer) -> Reply | None:
    """Keep where to; book the ride for a person to check, and say so."""
    heard = _heard(answer)
    if heard is None:
        return None
    answer.state.destination = heard
    pickup = answer.state.pickup
    assert pickup is not None  # the step needs it
    return book_for_review(
        answer,
        pickup={"address": pickup.text or review.placeholder(pickup.utterance)},
        destination={"address": heard.text or review.placeholder(heard.utterance)},
        closing="unknown_thanks",
    )


PICKUP = Step(
    "unknown_pickup",
    asks=pickup_sentences,
    free_speech=True,
    hears=hear_pickup,
    caller="unknown",
)
DESTINATION = Step(
    "unknown_destination",
    asks=lambda question: [
        question.prompts["unknown_destination_live" if question.live else "unknown_destination"]
    ],
    free_speech=True,
    hears=hear_destination,
    caller="unknown",
    needs=("pickup",),
)

STEPS = (PICKUP, DESTINATION)
