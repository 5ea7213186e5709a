"""The phone line's steps, each declared once (see docs/phone-flow.md, "Adding a step").

A step is a `flow.Step` in one of the modules below: what it asks (prompt keys in
`voice/prompts/*.toml`), what its keys do, the spoken intents it takes, whether it hears free
speech.  `LINE` gathers them for the engine, with the keys every step takes and where a call
starts.
"""

from types import ModuleType

from elderride.intake.keywords import keyword_phrases
from elderride.intake.phrases import place_phrases
from elderride.ivr.flow import Line, Step, Turn
from elderride.ivr.steps import booking, everywhere, going_home, open_ride, unknown_caller, when
from elderride.services import bookings, lifecycle

# Each group of steps, one module each.
GROUPS = (booking, open_ride, unknown_caller, when, going_home)


def start(turn: Turn) -> str:
    """Where a new call starts: its open ride, the menu, or the unknown caller's questions."""
    if turn.senior is None:
        return "unknown_pickup"
    if not turn.believed:
        # A number anyone could have shown: the senior's rides are neither read out nor changed,
        # but booking and a person are there (the family is told of a booking as always). Said
        # whether or not she has any: that she has one is hers too.
        turn.state.rides_unread = True
        return "menu"
    # A trip back waiting for this call comes first: "Ready to go home? Press 1."
    ready = going_home.waiting(turn)
    if ready is not None:
        return ready
    open_booking = bookings.open_booking(turn.db, turn.senior["id"])
    # Every open ride is counted and read, a trip back waiting for the call too: the cap counts
    # it, so a count without it would offer a car the cap refuses.
    rides = [ride["id"] for ride in bookings.open_bookings(turn.db, turn.senior["id"])]
    if rides:
        turn.state.open_rides = rides
    if open_booking and open_booking["state"] in lifecycle.OPEN_STATES:
        turn.state.open_booking = open_booking["id"]
        turn.state.open_destination = (
            open_booking["destination_label"] or open_booking["destination_address"] or ""
        )
        return "status"
    return "menu"


def home(turn: Turn) -> str:
    """Where a call goes that cannot be at the step it asked for: the menu, or for a caller we do
    not know, where from."""
    return "menu" if turn.senior is not None else "unknown_pickup"


def phrases(turn: Turn) -> list[str]:
    """The words a keyed step listens for: yes, no, cancel, a person, family, "pardon?", numbers,
    the senior's places."""
    spoken = keyword_phrases(turn.language)
    # The places as the parser understands them: "pharmacy" alone, 二院, "my son's".
    spoken += place_phrases(turn.places(), turn.language, turn.contacts())
    return spoken


def _by_name(groups: tuple[ModuleType, ...]) -> dict[str, Step]:
    """Each step by its name; a name declared twice is a mistake, not a replacement."""
    steps: dict[str, Step] = {}
    for group in groups:
        for step in group.STEPS:
            if step.name in steps:
                raise ValueError(f"the phone step {step.name!r} is declared twice")
            steps[step.name] = step
    return steps


LINE = Line(
    steps=_by_name(GROUPS),
    every_step_keys=everywhere.KEYS,
    every_step_intents=everywhere.INTENTS,
    every_step_understands=everywhere.UNDERSTANDS,
    start=start,
    home=home,
    phrases=phrases,
)
