"""Press * to hear the question again: at every step, in both languages, never counted as a
wrong answer."""

import pytest

from elderride.services import bookings

HINT = {"en": "To hear this again, press star.", "zh": "再听一遍请按星号键。"}
CALLERS = {"en": "+15550100001", "zh": "+8613800000001"}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_star_repeats_the_menu_and_the_read_back(call, margaret, wang, db, language):
    phone = call(CALLERS[language])
    menu = phone.start()
    assert menu.says[-1][0] == HINT[language]
    again = phone.press("*")
    assert again.says == menu.says and again.gather is not None
    read_back = phone.press("2")
    assert read_back.says[-1][0] == HINT[language]
    again = phone.press("*")
    assert again.says == read_back.says
    assert db.table("bookings").count == 0  # hearing it again books nothing
    assert phone.press("1").hung_up
    assert db.table("bookings").count == 1


@pytest.mark.parametrize("language", ["en", "zh"])
def test_star_repeats_a_spoken_address_question_before_its_tone(call, margaret, wang, language):
    phone = call(CALLERS[language])
    phone.start()
    asked = phone.press("8")
    assert asked.record is not None
    # The instruction for the tone comes last; the hint just before it.
    assert asked.text.startswith(HINT[language]) and not asked.text.endswith(HINT[language])
    again = phone.press("*")
    assert again.says == asked.says and again.record is not None


def test_star_repeats_an_unknown_callers_question(call, demo_data):
    phone = call("+15550100077")
    asked = phone.start()
    again = phone.press("*")
    assert again.says == asked.says and again.record is not None
    assert "Hello. This is elderride" in again.text  # the same words, not the shorter re-prompt


def test_star_repeats_an_open_rides_status_without_a_second_hint(book, call, margaret, db):
    hospital = next(db.table("places").rows_where("label = 'City Hospital'"))["id"]
    ride = book(margaret, {"place_id": hospital}, key="open")
    phone = call("+15550100001")
    status = phone.start()
    assert "To hear this again, press 1." in status.text and HINT["en"] not in status.text
    assert phone.press("*").says == status.says
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"


def test_star_is_no_wrong_answer_however_often_it_is_pressed(call, margaret):
    phone = call("+15550100001")
    first = phone.start()
    for _ in range(4):
        heard = phone.press("*")
        assert not heard.ended and heard.says == first.says
    # Wrong keys still count: twice simpler, then a person.
    assert "did not catch that" in phone.press("7").text
    assert "Let's use the keys" in phone.press("7").text
    assert phone.press("7").dial == "+15550100090"
