"""The phone line's steps are declarations; the engine that runs them knows none by name."""

from pathlib import Path

import pytest

from elderride.ivr.flow import Step
from elderride.ivr.steps import LINE, _by_name
from elderride.services.people import places
from elderride.web import speech
from tests.test_ivr_sure_answers import ANY_RECORDING, HearsWith

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


class HearsAnything(HearsWith):
    """A speech engine that hears one whole sentence as said, whatever phrases it was given (a
    recognizer that let a sentence through)."""

    def transcribe(self, audio, *, phrases=None, timeout=None):
        return super().transcribe(audio, timeout=timeout)


CALLERS = {"en": "+15550100001", "zh": "+8613800000001"}
NO = {"en": "no", "zh": "不是"}


def read_back_answered(phone_app, call, engine, language):
    """Call, choose a place (its ride is read back), and answer the read-back with `engine`."""
    speech.set_engine(phone_app, engine)
    phone = call(CALLERS[language])
    phone.start()
    phone.press("2")
    return phone.say(ANY_RECORDING, duration=2)


@pytest.mark.parametrize(
    ("language", "engine"),
    [
        # Phrases of the list a recognizer restricted to them hears whole.
        ("en", HearsWith("cancel", 1.0)),
        ("en", HearsWith("don't need the car", 1.0)),
        ("zh", HearsWith("取消", 1.0)),
        ("zh", HearsWith("车不要了", 1.0)),
        # Whole sentences the parser reads as a cancel.
        ("en", HearsAnything("no need the cab", 1.0)),
        ("en", HearsAnything("forget it cancel", 1.0)),
        ("zh", HearsAnything("不要了取消吧", 1.0)),
    ],
    ids=lambda value: getattr(value, "sentence", value),
)
def test_a_cancel_said_at_the_read_back_is_a_no(
    phone_app, call, margaret, wang, db, language, engine
):
    said_no = read_back_answered(phone_app, call, HearsWith(NO[language], 1.0), language)
    said_cancel = read_back_answered(phone_app, call, engine, language)
    # What a "no" says (the menu again, to choose anew), and nothing booked.
    assert said_cancel.says == said_no.says
    assert db.table("bookings").count == 0
