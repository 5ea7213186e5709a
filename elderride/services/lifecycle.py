"""The booking life cycle: which state may follow which, and who hears about it."""

from elderride.services.errors import N_

STATES = (
    "needs_review",
    "requested",
    "forwarded",
    "assigned",
    "arriving",
    "picked_up",
    "completed",
    "cancelled",
    "no_car",
    "awaiting_call",
)

# From each state, the states a booking may move to (docs/booking-lifecycle.md).
TRANSITIONS: dict[str, set[str]] = {
    "needs_review": {"requested", "cancelled"},
    "requested": {"needs_review", "forwarded", "cancelled"},
    "forwarded": {"assigned", "no_car", "cancelled"},
    "assigned": {"arriving", "no_car", "cancelled"},
    "arriving": {"picked_up", "cancelled"},
    "picked_up": {"completed"},
    # No car found: the booking waits to be handed to dispatch again.
    "no_car": {"forwarded", "assigned", "cancelled"},
    # Undoing a cancel, allowed only while no driver was assigned (see can_reopen).
    "cancelled": {"requested"},
    "completed": set(),
    # A trip back "when you call": it reaches dispatch only when the senior calls for it, or a
    # person first when where it starts still needs checking.
    "awaiting_call": {"requested", "needs_review", "cancelled"},
}

OPEN_STATES = frozenset(
    {
        "needs_review",
        "requested",
        "forwarded",
        "assigned",
        "arriving",
        "picked_up",
        "no_car",
        "awaiting_call",
    }
)
# States dispatch never hears of: a ride waiting for the senior's call is nobody's work yet.
UNDISPATCHED_STATES = frozenset({"awaiting_call"})
CANCELLABLE_STATES = frozenset(
    state for state, targets in TRANSITIONS.items() if "cancelled" in targets
)
# Rides that still have no driver (the console raises one as its pickup nears).
WAITING_FOR_A_DRIVER = ("requested", "forwarded", "no_car")
# Before a driver is on the way, a cancel can still be taken back.
REOPENABLE_FROM = frozenset({"needs_review", "requested", "forwarded", "no_car"})

# Who a dispatcher at the console is, in the booking log ("dispatcher:<staff id>").
STAFF_ACTOR = "dispatcher:"

# The family contacts marked "notify" get a text when a booking enters these states.
FAMILY_TEXT_STATES = frozenset(
    {"requested", "assigned", "picked_up", "completed", "cancelled", "no_car"}
)
# The senior gets a phone call when a booking enters these states (no car: so nobody waits at the
# door).
SENIOR_CALL_STATES = frozenset({"assigned", "arriving", "no_car"})


def refusal(from_state: str, to_state: str) -> str | None:
    """Return why `from_state` cannot become `to_state`, or None when it can."""
    if to_state not in TRANSITIONS:
        return N_("Unknown booking state: %(to_state)s.")
    if to_state not in TRANSITIONS.get(from_state, set()):
        if from_state in ("completed", "cancelled"):
            return N_("This ride is already %(from_state)s; it cannot become %(to_state)s.")
        return N_("A ride that is %(from_state)s cannot become %(to_state)s.")
    return None


def moves(from_state: str) -> list[str]:
    """Return the states a booking in `from_state` may move to: onward first, then back, cancel
    last."""
    targets = TRANSITIONS.get(from_state, set())
    here = STATES.index(from_state) if from_state in STATES else 0
    return sorted(
        targets,
        key=lambda state: (state == "cancelled", STATES.index(state) < here, STATES.index(state)),
    )
