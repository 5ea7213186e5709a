"""The phone line's steps are declarations; the engine that runs them knows none by name."""

from pathlib import Path

import pytest

from elderride.ivr.flow import Step
from elderride.ivr.steps import LINE, _by_name
from elderride.services.people import places

IVR = Path(__file__).resolve().parent.parent / "elderride" / "ivr"


@pytest.mark.parametrize("module", ["flow.py", "views.py", "hearing.py", "twiml.py"])
def test_the_engine_and_the_views_name_no_step(module):
    source = (IVR / module).read_text()
    assert [name for name in LINE.steps if f'"{name}"' in source] == []


def test_a_step_declared_twice_is_refused():
    class Group:
        STEPS = (Step("menu", asks=lambda question: []), Step("menu", asks=lambda question: []))

    with pytest.raises(ValueError, match="declared twice"):
        _by_name((Group,))


@pytest.mark.parametrize("name", sorted(LINE.steps))
def test_every_spoken_intent_of_a_step_means_a_key_it_takes(name):
    step = LINE.steps[name]
    meant = {key for key in step.intents.values() if isinstance(key, str)}
    taken = set(step.keys) | set(LINE.every_step_keys)
    assert meant <= taken or step.any_key is not None


def test_an_eighth_place_takes_no_key_so_8_stays_somewhere_else(call, margaret, db):
    for number in range(len(places.list_places(db, margaret["id"])) + 1, 9):
        places.add_place(db, margaret["id"], label=f"Club {number}", address=f"{number} Oak Road")
    phone = call("+15550100001")
    heard = phone.start()
    assert "To go to Club 7, press 7." in heard.text
    assert "Club 8" not in heard.text  # without speech it cannot be chosen, so it is not offered
    assert "say the address where you want to go" in phone.press("8").text
