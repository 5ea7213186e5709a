"""A caller who says "start over" or "按错了" at any question is taken back to the menu, in both
languages; "go back home" is still a ride home and a menu number still chooses."""

import pytest

from elderride.web import speech
from tests.test_ivr_sure_answers import ANY_RECORDING, HearsWith

CALLERS = {"en": "+15550100001", "zh": "+8613800000001"}
# As a recognizer restricted to the line's phrases hears them: one whole phrase.
START_OVER = {"en": "start over", "zh": "重新开始"}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_starting_over_at_the_read_back_goes_back_to_the_menu(
    phone_app, call, margaret, wang, db, language
):
    speech.set_engine(phone_app, HearsWith(START_OVER[language], 1.0))
    phone = call(CALLERS[language])
    menu = phone.start()
    phone.press("2")  # a place: its ride is read back
    heard = phone.say(ANY_RECORDING, duration=2)
    # After the line's "one moment" while it listens: the menu, from its first question.
    assert heard.says[-len(menu.says) :] == menu.says
    assert db.table("bookings").count == 0  # nothing booked on the way back


def test_go_back_home_at_the_menu_is_still_a_ride_home(phone_app, call, margaret, db):
    speech.set_engine(phone_app, HearsWith("go back home", 1.0))
    phone = call(CALLERS["en"])
    menu = phone.start()
    heard = phone.say(ANY_RECORDING, duration=2)
    assert heard.says != menu.says and "Home" in heard.text
