"""The call's state: stored as the line has always stored it, and steps can need only its fields."""

import pytest

from elderride.ivr.call_state import CallState, Choice, Heard
from elderride.ivr.flow import Step

# Contexts as the line wrote them before the state was typed: a call in progress during an
# upgrade reads on where it was, and is written back the same.
STORED_MID_CALL = [
    {
        "started_step": "menu",
        "n": 3,
        "last_twiml": "<Response/>",
        "choice": {
            "destination_place_id": 2,
            "destination_label": "City Hospital",
            "pickup_place_id": 1,
            "pickup_label": "Home",
            "pickup_at": "2026-12-05T15:00:00+00:00",
            "appointment": True,
        },
        "when_day": "2026-12-05",
        "when_hour": 0,
        "booked": 1,
    },
    {
        "started_step": "status",
        "n": 1,
        "open_rides": [4, 7],
        "open_booking": 4,
        "open_destination": "City Hospital",
        "cancel_choices": [4, 7],
    },
    {
        "started_step": "return_ready",
        "return_ride": 9,
        "return_from": "Pharmacy",
        "return_to": "Home",
    },
    {"started_step": "unknown_pickup", "n": 1, "pickup": {"utterance": 5, "text": "the library"}},
    {"started_step": "menu", "rides_unread": True, "return_declined": True, "stream": "listen-0"},
]


@pytest.mark.parametrize("stored", STORED_MID_CALL)
def test_a_context_stored_before_the_upgrade_is_read_and_written_back_the_same(stored):
    assert CallState.from_stored(stored).stored() == stored


def test_the_stored_fields_are_typed():
    state = CallState.from_stored(STORED_MID_CALL[0] | STORED_MID_CALL[3])
    assert state.choice == Choice(
        destination_place_id=2,
        destination_label="City Hospital",
        pickup_place_id=1,
        pickup_label="Home",
        pickup_at="2026-12-05T15:00:00+00:00",
        appointment=True,
    )
    assert state.pickup == Heard(utterance=5, text="the library")
    # Hour 0 is an hour, not "no hour": a step needing it can be reached.
    assert state.holds("when_hour") and not state.holds("return_ride")


def test_a_new_call_stores_nothing():
    assert CallState().stored() == {}


def test_a_step_needing_what_no_call_holds_is_refused_at_import():
    with pytest.raises(ValueError, match="retrun_ride"):
        Step("misspelt", asks=lambda question: [], needs=("retrun_ride",))
    with pytest.raises(ValueError, match="booked"):
        # A count is always there: needing it would need nothing.
        Step("counting", asks=lambda question: [], needs=("booked",))
