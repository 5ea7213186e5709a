"""A spoken yes books, sends or cancels a car only when the recognizer was sure of it, and two
answers heard at once decide nothing."""

from pathlib import Path

import pytest

from elderride.speech.transcript import Transcript
from elderride.web import speech

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
ANY_RECORDING = (FIXTURES / "yeyak-16k.wav").read_bytes()


class HearsWith:
    """A speech engine that hears one sentence, as sure as it is told; as Vosk's grammar mode, it
    keeps the sentence as the answer only when it is one whole allowed phrase."""

    def __init__(self, sentence, confidence):
        self.sentence, self.confidence = sentence, confidence

    def transcribe(self, audio, *, phrases=None, timeout=None):
        allowed = {" ".join(str(phrase).split()).lower() for phrase in phrases or []}
        text = self.sentence if not phrases or self.sentence in allowed else ""
        words = [
            {"word": word, "conf": self.confidence, "start": 0.0, "end": 0.5}
            for word in self.sentence.split()
        ]
        return Transcript(
            text=text,
            words=words,
            confidence=self.confidence if text else 0.0,
            duration=audio.duration,
            decode_seconds=0.01,
            heard=self.sentence,
            phrases=bool(phrases),
        )


def rides(db):
    return list(db.table("bookings").rows)


def at_the_read_back(call, number="+15550100001"):
    phone = call(number)
    phone.start()
    phone.press("2")  # the hospital: the ride is read back
    return phone


def test_an_unsure_spoken_yes_books_nothing_and_asks_for_the_key(phone_app, call, margaret, db):
    speech.set_engine(phone_app, HearsWith("yes", 0.6))
    phone = at_the_read_back(call)
    heard = phone.say(ANY_RECORDING, duration=2)
    assert "To be sure, please use the keys. To book it, press 1." in heard.text
    assert "A car from Home to City Hospital" in heard.text and rides(db) == []
    # Asked by the keys now: no tone, no recording after the question.
    assert heard.gather is not None and not any(verb.tag == "Record" for verb in heard.after)
    heard = phone.press("1")
    assert "Your car is booked" in heard.text and len(rides(db)) == 1


def test_a_sure_spoken_yes_books_the_ride(phone_app, call, margaret, db):
    speech.set_engine(phone_app, HearsWith("yes", 1.0))
    phone = at_the_read_back(call)
    heard = phone.say(ANY_RECORDING, duration=2)
    assert "Your car is booked" in heard.text and len(rides(db)) == 1


def test_how_sure_a_yes_must_be_is_a_setting(phone_app, call, margaret, db):
    phone_app.config["YES_CONFIDENCE"] = 0.5
    speech.set_engine(phone_app, HearsWith("yes", 0.6))
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert "Your car is booked" in heard.text and len(rides(db)) == 1


def test_an_unsure_no_changes_the_ride_as_said(phone_app, call, margaret, db):
    # Only booking, sending and cancelling need a sure answer: "no" books nothing.
    speech.set_engine(phone_app, HearsWith("no", 0.6))
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert "To go to City Hospital, press 2" in heard.text  # the menu again, to choose anew
    assert "To be sure" not in heard.text and rides(db) == []


def test_an_unsure_yes_in_chinese_asks_for_the_key_in_chinese(phone_app, call, wang, db):
    speech.set_engine(phone_app, HearsWith("是", 0.5))
    phone = call("+8613800000001")
    phone.start()
    phone.press("2")
    heard = phone.say(ANY_RECORDING, duration=2)
    assert "为了稳妥，请用按键。确认叫车请按1。" in heard.text and rides(db) == []


def test_an_unsure_spoken_cancel_cancels_nothing(phone_app, book, call, margaret, db):
    ride = book(margaret, "City Hospital")
    speech.set_engine(phone_app, HearsWith("cancel", 0.6))
    phone = call("+15550100001")
    phone.start()
    phone.press("3")  # cancel: the confirmation is asked
    heard = phone.say(ANY_RECORDING, duration=2)
    assert "To be sure, please use the keys. To cancel it, press 1." in heard.text
    assert db.table("bookings").get(ride["id"])["state"] != "cancelled"
    phone.press("1")
    assert db.table("bookings").get(ride["id"])["state"] == "cancelled"


@pytest.mark.parametrize("sentence", ["cancel yes", "yes cancel"])
def test_two_answers_heard_at_once_cancel_nothing(phone_app, book, call, margaret, db, sentence):
    ride = book(margaret, "City Hospital")
    speech.set_engine(phone_app, HearsWith(sentence, 1.0))
    phone = call("+15550100001")
    phone.start()
    phone.press("3")
    heard = phone.say(ANY_RECORDING, duration=2)
    # Two phrases strung together are no answer: the confirmation is asked again.
    assert "To cancel your car to City Hospital, press 1." in heard.text
    assert db.table("bookings").get(ride["id"])["state"] != "cancelled"


def test_yes_and_no_heard_at_once_neither_book_nor_change(phone_app, call, margaret, db):
    speech.set_engine(phone_app, HearsWith("yes no", 1.0))
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert "A car from Home to City Hospital" in heard.text and rides(db) == []
