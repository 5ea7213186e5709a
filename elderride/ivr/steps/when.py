"""Another time for the ride read back: said in words, or a day, an hour and a quarter by keys;
or the time the caller must be there by."""

import datetime
import zoneinfo
from collections.abc import Callable

from elderride.intake import tidy
from elderride.intake.intent import KINDS
from elderride.intake.vocabulary import words
from elderride.ivr.flow import Answer, Question, Reply, Step, Turn
from elderride.services import clock, returns
from elderride.services.errors import NotFound, ValidationError

# A form or call filled in slowly still means "at that time".
GRACE = datetime.timedelta(minutes=5)


def _zone(turn: Turn) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(turn.senior["timezone"] if turn.senior else "UTC")


def when_sentences(question: Question) -> list[str]:
    """When the car should come (or when the caller must be there): in words, or today or
    tomorrow by keys."""
    prompts, state = question.prompts, question.turn.state
    appointment = state.choice is not None and state.choice.appointment
    lines = list(state.just_said) if question.attempt == 0 else []
    if question.speech:
        lines.append(prompts["when_arrive_ask" if appointment else "when_ask"])
    lines.append(prompts["when_day_keys"])
    if not appointment:
        lines.append(prompts["when_arrive_key"])
    if state.way_back_of:
        lines.append(prompts["when_on_call_key"])
    return lines


def chosen_time(answer: Answer, moment: datetime.datetime) -> Reply:
    """Set the ride's time (or appointment time) and read the ride back; a time gone asks again."""
    answer.state.just_said = []
    if moment < clock.now() - GRACE:
        return answer.turn.say_then(
            [answer.prompts["when_passed"]], next_url=answer.turn.urls("step", "when", 0)
        )
    assert answer.state.choice is not None  # the step needs it
    answer.state.choice.pickup_at = clock.iso(moment)
    return answer.ask("confirm")


def arrives_by(said: str | None, language: str) -> bool:
    """Tell whether a time was said as when to be there ("I must be there at ten", "十点前到")."""
    return said is not None and tidy.has_phrase(
        said.casefold(), words(language)["arrive_by"], language
    )


def said_time(answer: Answer) -> Reply | None:
    """A time said any way ("tomorrow at two fifteen", "明天下午两点", "be there by ten")."""
    at = answer.intent.pickup_at if answer.intent else None
    if not at:
        return None
    if answer.intent and arrives_by(answer.intent.text, answer.turn.language):
        assert answer.state.choice is not None  # the step needs it
        answer.state.choice.appointment = True
    return chosen_time(answer, clock.parse(at))


def day(offset: int) -> Callable[[Answer], Reply]:
    """Today (0) or tomorrow (1): then the hour."""

    def choose(answer: Answer) -> Reply:
        answer.state.just_said = []
        today = clock.now().astimezone(_zone(answer.turn)).date()
        answer.state.when_day = (today + datetime.timedelta(days=offset)).isoformat()
        return answer.ask("when_hour")

    return choose


def must_be_there(answer: Answer) -> Reply:
    """ "I must be there by then": the same day and hour keys, then the car comes earlier."""
    answer.state.just_said = []
    assert answer.state.choice is not None  # the step needs it
    answer.state.choice.appointment = True
    return answer.ask("when")


def when_i_call(answer: Answer) -> Reply | None:
    """The car back home when the senior calls for it: booked now, sent when they call and press
    1."""
    outward_id = answer.state.way_back_of
    turn = answer.turn
    if outward_id is None or turn.senior is None:
        return None
    try:
        returns.book_on_call(
            turn.db, outward_id, senior_id=turn.senior["id"], channel="phone", created_by="caller"
        )
    except (NotFound, ValidationError):
        return answer.goodbye("way_back_refused")
    return answer.goodbye("way_back_on_call")


def hour(answer: Answer) -> Reply | None:
    """An hour keyed as two digits on the 24-hour clock (0 9, 1 4)."""
    key = answer.key or ""
    if not (key.isdigit() and len(key) == 2 and int(key) <= 23):
        return None
    answer.state.when_hour = int(key)
    return answer.ask("when_minute")


def quarter(answer: Answer) -> Reply | None:
    """On the hour (1), a quarter past (2), half past (3), a quarter to the next (4)."""
    key = answer.key or ""
    if key not in ("1", "2", "3", "4"):
        return None
    keyed_day, keyed_hour = answer.state.when_day, answer.state.when_hour
    assert keyed_day is not None and keyed_hour is not None  # the step needs them
    moment = datetime.datetime.combine(
        datetime.date.fromisoformat(keyed_day),
        datetime.time(keyed_hour, (int(key) - 1) * 15),
        tzinfo=_zone(answer.turn),
    )
    return chosen_time(answer, moment)


def _keyed_hour(turn: Turn) -> int | str:
    return "" if turn.state.when_hour is None else turn.state.when_hour


WHEN = Step(
    "when",
    asks=when_sentences,
    keys={"1": day(0), "2": day(1), "3": must_be_there, "4": when_i_call},
    # Whatever else was heard, a time in it is the answer ("operator" without one stays a key).
    understands={kind: said_time for kind in KINDS},
    open_speech=True,
    needs=("choice",),
)
WHEN_HOUR = Step(
    "when_hour",
    asks=lambda question: [question.prompts["when_hour"]],
    any_key=hour,
    keys_only=True,
    digits=2,
    needs=("choice", "when_day"),
)
WHEN_MINUTE = Step(
    "when_minute",
    asks=lambda question: [question.prompts["when_minute"].format(hour=_keyed_hour(question.turn))],
    any_key=quarter,
    keys_only=True,
    needs=("choice", "when_hour"),
)

STEPS = (WHEN, WHEN_HOUR, WHEN_MINUTE)
