"""Whatever a recognizer returns, the phone line asks again or offers keys: never an error, and
never a ride booked or cancelled on a yes it was not sure of."""

import json
import math
import threading
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from elderride.ivr import media_simulator
from elderride.services import calls
from elderride.speech.server_replies import EOF_MESSAGE
from elderride.speech.transcript import SpeechFailed, Transcript
from elderride.web import speech
from tests.test_ivr_streams import Caller, eventually, live_line

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
ANY_RECORDING = (FIXTURES / "yeyak-16k.wav").read_bytes()
UNSURE_YES = "To be sure, please use the keys. To book it, press 1."
READ_BACK = "A car from Home to City Hospital"


class Returns:
    """A speech engine that returns one transcript, its fields whatever it is told (a recognizer
    is another process or another machine: nothing in its result is a given)."""

    def __init__(self, **fields):
        self.fields = fields

    def transcribe(self, audio, *, phrases=None, timeout=None):
        return Transcript(
            **{
                "text": "",
                "words": [],
                "confidence": 0.0,
                "duration": audio.duration,
                "decode_seconds": 0.01,
                "heard": "",
                "phrases": bool(phrases),
            }
            | self.fields
        )


class ReturnsAnything:
    """A speech engine whose result is not a transcript at all."""

    def __init__(self, result):
        self.result = result

    def transcribe(self, audio, *, phrases=None, timeout=None):
        return self.result


def rides(db):
    return list(db.table("bookings").rows)


def at_the_read_back(call, number="+15550100001"):
    phone = call(number)
    phone.start()
    heard = phone.press("2")  # the hospital: the ride is read back
    assert READ_BACK in heard.text
    return phone


def a_yes(confidence, **fields):
    """A yes as a recognizer might return it, with this confidence in it."""
    word = {"word": "yes", "conf": 1.0, "start": 0.0, "end": 0.5}
    return Returns(text="yes", heard="yes", words=[word], confidence=confidence, **fields)


HOSTILE_CONFIDENCES = {
    "not a number": math.nan,
    "infinite": math.inf,
    "less than nothing": -0.2,
    "minus infinity": -math.inf,
    "above one": 1.5,
    "far above one": 1e300,
    "a truth value": True,
    "text": "0.99",
    "missing": None,
    "a list": [0.99],
}


@pytest.mark.parametrize("confidence", HOSTILE_CONFIDENCES.values(), ids=HOSTILE_CONFIDENCES.keys())
def test_a_yes_whose_confidence_is_no_probability_books_nothing_and_asks_for_the_key(
    phone_app, call, margaret, db, confidence
):
    speech.set_engine(phone_app, a_yes(confidence))
    phone = at_the_read_back(call)
    heard = phone.say(ANY_RECORDING, duration=2)
    assert UNSURE_YES in heard.text and rides(db) == []
    assert heard.gather is not None and heard.record is None
    heard = phone.press("1")
    assert "Your car is booked" in heard.text and len(rides(db)) == 1


@pytest.mark.parametrize(
    "confidence", [math.inf, 1.5, None], ids=["infinite", "above one", "missing"]
)
def test_a_cancel_whose_confidence_is_no_probability_cancels_nothing(
    phone_app, book, call, margaret, db, confidence
):
    ride = book(margaret, "City Hospital")
    speech.set_engine(phone_app, Returns(text="cancel", heard="cancel", confidence=confidence))
    phone = call("+15550100001")
    phone.start()
    phone.press("3")  # cancel: the confirmation is asked
    heard = phone.say(ANY_RECORDING, duration=2)
    assert "To be sure, please use the keys. To cancel it, press 1." in heard.text
    assert db.table("bookings").get(ride["id"])["state"] != "cancelled"


def test_a_sure_yes_made_of_words_no_recognizer_writes_books_nothing(phone_app, call, margaret, db):
    # The mean of 1.5 and 0.5 is a sure 1.0, but neither is a word's confidence.
    words = [
        {"word": "yes", "conf": 1.5, "start": 0.0, "end": 0.3},
        {"word": "please", "conf": 0.5, "start": 0.3, "end": 0.6},
    ]
    speech.set_engine(phone_app, Returns(text="yes", heard="yes", words=words, confidence=1.0))
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert UNSURE_YES in heard.text and rides(db) == []


def test_a_sure_yes_still_books(phone_app, call, margaret, db):
    speech.set_engine(phone_app, a_yes(1.0))
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert "Your car is booked" in heard.text and len(rides(db)) == 1


HOSTILE_WORDS = {
    "a nul byte": "yes\x00",
    "only a nul byte": "\x00",
    "a terminal escape": "yes\x1b[2J",
    "a bell": "yes\x07",
    "a lone surrogate": "yes\ud800",
    "a right-to-left override": "\u202eyes",
    "a right-to-left mark": "yes\u200f",
    "ten thousand characters": "yes " * 2500,
    "a number": 5,
    "a list": ["yes"],
    "bytes": b"yes",
    "nothing at all": None,
}


@pytest.mark.parametrize("words", HOSTILE_WORDS.values(), ids=HOSTILE_WORDS.keys())
def test_words_no_recognizer_writes_are_nothing_heard_and_the_question_asked_again(
    phone_app, call, margaret, db, words, caplog
):
    speech.set_engine(phone_app, Returns(text=words, heard=words, confidence=1.0))
    phone = at_the_read_back(call)
    heard = phone.say(ANY_RECORDING, duration=2)
    # Nothing heard: the read-back again, more simply, and nothing booked.
    assert READ_BACK in heard.text and UNSURE_YES not in heard.text and rides(db) == []
    assert "Your car is booked" not in heard.text
    # The words were taken when heard, not held out to the end of the caller's hold (this was a
    # bound on the seconds the answer took, which a loaded machine stretches).
    assert "took longer than" not in caplog.text
    # The recording is kept for a person to listen to, its transcript one the database can hold.
    kept = calls.utterances_of(db, phone.call_sid)
    assert len(kept) == 1 and kept[0]["audio_path"] and not kept[0]["transcript"]


def test_a_place_said_among_ten_thousand_characters_is_nothing_heard(phone_app, call, margaret, db):
    said = "city hospital " * 720
    speech.set_engine(phone_app, Returns(text=said, heard=said, confidence=1.0))
    phone = call("+15550100001")
    phone.start()
    heard = phone.say(ANY_RECORDING, duration=2)
    assert READ_BACK not in heard.text and "To go to City Hospital, press 2" in heard.text


@pytest.mark.parametrize(
    "result",
    [None, "yes", {"text": "yes", "confidence": 1.0}, ["yes", 1.0]],
    ids=["nothing", "a string", "a dict", "a list"],
)
def test_a_result_that_is_no_transcript_leaves_the_caller_with_keys_and_the_recording_kept(
    phone_app, call, margaret, db, result
):
    speech.set_engine(phone_app, ReturnsAnything(result))
    phone = at_the_read_back(call)
    heard = phone.say(ANY_RECORDING, duration=2)
    assert READ_BACK in heard.text and rides(db) == []
    assert heard.gather is not None and heard.record is None  # by the keys now
    kept = calls.utterances_of(db, phone.call_sid)
    assert len(kept) == 1 and kept[0]["audio_path"] and kept[0]["transcript"] is None


def test_a_result_whose_other_fields_are_nonsense_is_still_heard(phone_app, call, margaret, db):
    speech.set_engine(
        phone_app,
        a_yes(0.99, duration="long", decode_seconds=math.nan, pause="x", filler_gap=[1]),
    )
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert "Your car is booked" in heard.text and len(rides(db)) == 1


# A live stream's utterance is read back from the database by the answer URL it moved the call to.


def stream_answer_url(heard, utterance_id):
    """The answer URL a live stream moves the call to once it has kept `utterance_id`."""
    action = heard.record.get("action") if heard.record is not None else heard.gather.get("action")
    parts = urlsplit(action)
    query = [(name, value) for name, value in parse_qsl(parts.query) if name != "kind"]
    query += [("kind", "stream"), ("utterance", str(utterance_id))]
    return f"{parts.path}?{urlencode(query)}"


@pytest.mark.parametrize(
    "confidence", [math.inf, 1.5, 1e300], ids=["infinite", "above one", "far above one"]
)
def test_a_streamed_yes_kept_with_no_probability_books_nothing(
    phone_app, call, margaret, db, confidence
):
    speech.set_engine(phone_app, a_yes(1.0))
    phone = at_the_read_back(call)
    heard = phone.heard
    kept = calls.add_utterance(
        db,
        phone.call_sid,
        step="confirm",
        recording_url="stream:MZ1",
        transcript=Transcript(
            text="yes", words=[], confidence=confidence, duration=1.0, decode_seconds=0.1
        ),
    )
    heard = phone.moved_to(stream_answer_url(heard, kept))
    assert UNSURE_YES in heard.text and rides(db) == []


# The remote recognizers: a vosk-server (or something answering in its place) on another machine.


class ScriptedVoskServer:
    """A vosk-server stand-in on 127.0.0.1 that answers audio with an empty partial and the end of
    a recording with `final`, whatever it holds."""

    def __init__(self, final):
        from websockets.sync.server import serve

        def answer(connection):
            try:
                for message in connection:
                    if isinstance(message, str) and message == EOF_MESSAGE:
                        connection.send(final)
                        return
                    if isinstance(message, bytes):
                        connection.send('{"partial": ""}')
            except Exception:  # noqa: BLE001 - the client hangs up as it likes
                pass

        self.server = serve(answer, "127.0.0.1", 0, compression=None, max_size=None)
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def remote_says(phone_app):
    """Make the line's speech a remote recognizer answering every recording with one reply."""
    started = []

    def says(final):
        server = ScriptedVoskServer(final)
        started.append(server)
        phone_app.config.update(VOSK_SERVER=server.url, SPEECH_TIMEOUT=10)
        speech.get_engine(phone_app).wait_ready()

    yield says
    engine = phone_app.extensions.get(speech.KEY, {}).get("engine")
    if engine is not None:
        engine.close()
    for server in started:
        server.close()


def vosk_reply(text, *confidences):
    return json.dumps(
        {
            "text": text,
            "result": [
                {"word": word, "conf": conf, "start": 0.0, "end": 0.5}
                for word, conf in zip(text.split(), confidences, strict=True)
            ],
        }
    )


def test_a_remote_yes_more_than_certain_books_nothing(remote_says, call, margaret, db):
    remote_says(vosk_reply("yes", 7.0))
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert UNSURE_YES in heard.text and rides(db) == []


def test_a_remote_yes_less_than_unsure_books_nothing(remote_says, call, margaret, db):
    remote_says(vosk_reply("yes", -3.0))
    heard = at_the_read_back(call).say(ANY_RECORDING, duration=2)
    assert UNSURE_YES in heard.text and rides(db) == []


@pytest.mark.parametrize(
    "text",
    ["yes\ud800", "\ud83d", "yes\u0000", "\u202eyes", "yes\u001b"],
    ids=["a lone surrogate", "half an emoji", "a nul byte", "an override", "an escape"],
)
def test_a_remote_reply_with_characters_no_one_says_is_nothing_heard_and_kept(
    remote_says, call, margaret, db, text
):
    remote_says(vosk_reply(text, 1.0))
    phone = at_the_read_back(call)
    heard = phone.say(ANY_RECORDING, duration=2)
    assert READ_BACK in heard.text and rides(db) == []
    kept = calls.utterances_of(db, phone.call_sid)
    assert len(kept) == 1 and kept[0]["audio_path"] and not kept[0]["transcript"]


def test_a_remote_reply_of_empty_alternatives_is_nothing_heard(remote_says, call, margaret, db):
    remote_says('{"alternatives": [], "text": ""}')
    phone = at_the_read_back(call)
    heard = phone.say(ANY_RECORDING, duration=2)
    assert READ_BACK in heard.text and rides(db) == []


# A live stream: what the recognizer ends reaches the line through the stream's listener.


class HearsLive:
    """A speech engine for live streams only: the first audio of a stream is heard as `result`,
    whatever it holds, and the stream's end as nothing."""

    def __init__(self, result):
        self.result = result

    def transcribe(self, audio, *, phrases=None, timeout=None):
        raise SpeechFailed("live streams only")

    def has_room(self, phrases=None, *, pending=()):
        return True

    def open_stream(self, listener, *, phrases=None, rate=8000, encoding="mulaw", max_lag=None):
        return ScriptedStream(listener, self.result)

    def wait_ready(self, timeout=0):
        pass

    def health(self):
        return {"available": True, "reason": "ready"}

    def close(self):
        pass


class ScriptedStream:
    """A live stream that tells its listener `result` at its first audio, and nothing at its end."""

    def __init__(self, listener, result):
        self.listener, self.result, self.told = listener, result, False

    def feed(self, data):
        if not self.told:
            self.told = True
            self.listener("final", self.result)
        return True

    def finish(self):
        self.listener(
            "ended", Transcript(text="", words=[], confidence=0.0, duration=0.0, decode_seconds=0.0)
        )

    def cancel(self):
        pass


@pytest.mark.parametrize("confidence", [math.inf, 1.5], ids=["infinite", "above one"])
def test_a_yes_heard_live_with_no_probability_books_nothing(
    phone_app, call, margaret, db, fake_twilio, confidence
):
    yes = Transcript(
        text="yes",
        words=[],
        confidence=confidence,
        duration=0.5,
        decode_seconds=0.01,
        heard="yes",
        phrases=True,
    )
    speech.set_engine(phone_app, HearsLive(yes))
    with live_line(phone_app) as server:
        phone = call("+15550100001")
        phone.start()
        heard = phone.press("2")
        assert READ_BACK in heard.text and len(heard.streams) == 1
        caller = Caller(server, phone, heard.streams[0], media_simulator.silence(2))
        _, form = eventually(
            lambda: fake_twilio.updates and fake_twilio.updates[0], what="the call update"
        )
        caller.join()
        heard = phone.moved_to(form["Url"])
    assert UNSURE_YES in heard.text and rides(db) == []


@pytest.mark.parametrize(
    "result",
    [
        Transcript(text=5, words=[], confidence=1.0, duration=0.5, decode_seconds=0.01, heard=5),
        Transcript(
            text="yes\x00",
            words=[],
            confidence=1.0,
            duration=0.5,
            decode_seconds=0.01,
            heard="yes\x00",
        ),
        {"text": "yes", "confidence": 1.0},
    ],
    ids=["text that is a number", "a nul byte", "no transcript"],
)
def test_a_live_result_no_recognizer_writes_moves_the_call_nowhere(
    phone_app, call, margaret, db, fake_twilio, result
):
    speech.set_engine(phone_app, HearsLive(result))
    with live_line(phone_app) as server:
        phone = call("+15550100001")
        phone.start()
        heard = phone.press("2")
        caller = Caller(server, phone, heard.streams[0], media_simulator.silence(2))
        caller.join()
    assert fake_twilio.updates == [] and rides(db) == []
    assert all(not utterance["transcript"] for utterance in calls.utterances_of(db, phone.call_sid))
