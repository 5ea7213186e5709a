"""The keys every step takes, before its own: 0 a person, 9 the family, * the question again; and
"start over", which takes a caller back to the start."""

import datetime

from elderride import settings
from elderride.ivr import twiml
from elderride.ivr.flow import Answer, Key, Reply
from elderride.services import calls, clock
from elderride.services.people import caller_id, contacts, phone_keys, phones

OPERATOR_KEY, FAMILY_KEY, REPEAT_KEY = phone_keys.OPERATOR_KEY, phone_keys.FAMILY_KEY, "*"


def to_operator(answer: Answer) -> Reply:
    """Put the caller through to a person."""
    return answer.operator()


def to_family(answer: Answer) -> Reply | None:
    """Call the senior's first family contact that elderride may call (a caller we do not know
    has none), warning them first when the caller ID was not believed."""
    turn = answer.turn
    if turn.senior is None:
        return None
    allowed = settings.allowed_regions(turn.config)
    people = [
        person
        for person in contacts.list_contacts(turn.db, turn.senior["id"])
        if phones.reachable(person["phone"], allowed)
    ]
    if not people:
        home = turn.line.home(turn)
        return turn.say_then([turn.prompts["no_family"]], next_url=turn.urls("step", home, 0))
    first = people[0]
    if turn.believed:
        return twiml.connect(
            turn.prompts,
            turn.prompts["family"].format(name=first["name"]),
            first["phone"],
            caller_id=turn.config.get("TWILIO_NUMBER"),
        )
    # Someone showing the senior's number may not be the senior: they learn no one's name, and the
    # family, who trusts the line's number, hears first that it could not be checked, and chooses;
    # and only a few such calls an hour ring them.
    since = clock.now() - datetime.timedelta(hours=1)
    if (
        calls.unbelieved_family_calls(turn.db, turn.senior["id"], since)
        >= caller_id.UNBELIEVED_FAMILY_CALLS_PER_HOUR
    ):
        home = turn.line.home(turn)
        return turn.say_then([turn.prompts["family_not_now"]], next_url=turn.urls("step", home, 0))
    calls.family_called(turn.db, turn.call["call_sid"])
    return twiml.connect(
        turn.prompts,
        turn.prompts["family_unchecked"],
        first["phone"],
        caller_id=turn.config.get("TWILIO_NUMBER"),
        whisper_url=turn.whisper_url,
    )


def hear_again(answer: Answer) -> Reply:
    """Ask the same question in the same words: asking to hear it again is not a wrong answer."""
    return answer.repeat()


def back_to_start(answer: Answer) -> Reply | None:
    """Take a caller who asked to start over (a key pressed by mistake) back to where calls go
    first; a menu number said ("press two") is the menu's own answer."""
    if answer.intent is None or answer.intent.choice is not None:
        return None
    return answer.ask(answer.turn.line.home(answer.turn))


KEYS = {
    OPERATOR_KEY: Key(does=to_operator),
    FAMILY_KEY: Key(does=to_family),
    REPEAT_KEY: Key(does=hear_again, says="repeat_hint"),
}
# Spoken requests that mean one of those keys at every step that takes keys.
# Not having heard ("pardon?", "听不清") is the * key: the question again, not a wrong answer.
INTENTS = {"operator": OPERATOR_KEY, "family": FAMILY_KEY, "repeat": REPEAT_KEY}
# Spoken requests every step acts on: "start over", "回到主菜单" go back to the menu.
UNDERSTANDS = {"menu": back_to_start}
