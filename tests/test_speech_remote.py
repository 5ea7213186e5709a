"""Speech beyond one machine: vosk-server recognizers, here stand-ins on 127.0.0.1 over real Vosk
and the Korean model."""

import itertools
import json
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosedOK

from elderride import create_app
from elderride.speech import audio_decoding, models, recognizer
from elderride.speech.remote import RemoteVosk, parse_servers
from elderride.speech.transcript import SpeechFailed, SpeechUnavailable
from tests.conftest import HEALTH, HEALTH_TOKEN
from tests.vosk_server import StandInVoskServer

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
PHRASES = ["네", "아니요", "예약"]
# Plain Vosk on a fresh model in a process of its own: `python -c PLAIN_VOSK MODEL SILENCE FILE`.
PLAIN_VOSK = """
import sys
from elderride.speech import audio_decoding, recognizer
model = recognizer.load_model(sys.argv[1], trailing_silence=float(sys.argv[2]))
print(recognizer.recognize(model, audio_decoding.read_file(sys.argv[3])).text)
"""


@pytest.fixture(scope="module")
def model(model_path):
    return recognizer.load_model(model_path, trailing_silence=models.ELDER_TRAILING_SILENCE)


@pytest.fixture
def servers(model_path):
    started = [
        StandInVoskServer(model_path, trailing_silence=models.ELDER_TRAILING_SILENCE)
        for _ in range(2)
    ]
    yield started
    for server in started:
        server.close()


@pytest.fixture
def engine(servers):
    remote = RemoteVosk([server.url for server in servers], timeout=20)
    yield remote
    remote.close()


def fixture(name):
    return audio_decoding.read_file(FIXTURES / name)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"ws://127.0.0.1:{sock.getsockname()[1]}"


def test_the_remote_engine_transcribes_like_plain_vosk(engine, model, model_path):
    # Free speech on fresh models, each in a process of its own: a Kaldi model's later free-speech
    # results can shift after it served phrase lists, and this process's models have served many.
    silence = str(models.ELDER_TRAILING_SILENCE)
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.vosk_server", model_path, silence],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    try:
        alone = RemoteVosk([server.stdout.readline().strip()], timeout=20)
        free = alone.transcribe(fixture("long-8k.ulaw"))
        alone.close()
    finally:
        server.kill()
        server.wait(30)
        server.stdout.close()
    plain = subprocess.run(
        [sys.executable, "-c", PLAIN_VOSK, model_path, silence, str(FIXTURES / "long-8k.ulaw")],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert free.text == plain.stdout.strip() and free.text
    assert not free.phrases
    for name in ("ne-8k.ulaw", "aniyo-16k.wav", "yeyak-44k-stereo.wav", "ne-pause-aniyo-16k.wav"):
        here = recognizer.recognize(model, fixture(name), PHRASES)
        there = engine.transcribe(fixture(name), phrases=PHRASES)
        assert (there.text, there.heard, [word["word"] for word in there.words]) == (
            here.text,
            here.heard,
            [word["word"] for word in here.words],
        )
        assert (
            there.phrases
            and there.duration == here.duration
            and there.confidence == pytest.approx(here.confidence, abs=0.01)
        )


def test_four_jobs_at_once_all_complete_shared_in_turn(engine, servers):
    names = ["ne-8k.ulaw", "aniyo-8k.ulaw", "yeyak-8k.ulaw", "ne-16k.wav"]
    with ThreadPoolExecutor(4) as executor:
        results = list(
            executor.map(lambda name: engine.transcribe(fixture(name), phrases=PHRASES).text, names)
        )
    assert results == ["네", "아니요", "예약", "네"]
    assert [server.jobs for server in servers] == [2, 2]


def test_an_unreachable_server_is_skipped(servers):
    engine = RemoteVosk([closed_port(), servers[0].url], timeout=20)
    try:
        for _ in range(3):
            assert engine.transcribe(fixture("yeyak-8k.ulaw"), phrases=PHRASES).text == "예약"
        assert servers[0].jobs == 3 and engine.skipped == 1  # tried once, then left for later
    finally:
        engine.close()


def test_a_server_dying_mid_job_hands_the_job_to_the_next(engine, servers):
    first_in_turn = servers[0]
    first_in_turn.crash_after_chunks = 2
    transcript = engine.transcribe(fixture("long-8k.ulaw"))
    assert transcript.text and servers[1].jobs == 1 and engine.skipped == 1


def test_a_lone_server_dying_mid_job_fails_that_job_and_the_next_succeeds(servers):
    engine = RemoteVosk([servers[0].url], timeout=20)
    try:
        servers[0].crash_after_chunks = 2
        with pytest.raises(SpeechFailed, match="stopped while decoding"):
            engine.transcribe(fixture("long-8k.ulaw"))
        assert engine.transcribe(fixture("ne-8k.ulaw"), phrases=PHRASES).text == "네"
    finally:
        engine.close()


def test_a_job_past_its_timeout_fails(servers):
    engine = RemoteVosk([servers[0].url], timeout=20)
    try:
        servers[0].chunk_delay = 0.1
        with pytest.raises(SpeechFailed, match="longer than"):
            engine.transcribe(fixture("long-8k.ulaw"), timeout=0.3)
        servers[0].chunk_delay = 0.0
        assert engine.transcribe(fixture("ne-8k.ulaw"), phrases=PHRASES).text == "네"
    finally:
        engine.close()


def test_a_job_whose_time_runs_out_while_connecting_took_too_long(monkeypatch):
    """A server that takes the connection but never answers the handshake holds the job past its
    own time: that is a job that took too long, not a server that could not be reached."""
    import time

    from elderride.speech import remote

    class Lagging:
        """The engine's clock a little behind the socket's own timer, as on a busy machine."""

        start = time.monotonic()

        def monotonic(self):
            return self.start + (time.monotonic() - self.start) / 2

        def perf_counter(self):
            return time.perf_counter()

    monkeypatch.setattr(remote, "time", Lagging())
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        engine = RemoteVosk([f"ws://127.0.0.1:{silent.getsockname()[1]}"], connect_seconds=5)
        with pytest.raises(SpeechFailed, match="longer than"):
            engine.transcribe(fixture("ne-8k.ulaw"), timeout=0.3)


def test_no_reachable_server_means_speech_is_unavailable():
    engine = RemoteVosk([closed_port(), closed_port()], timeout=5)
    with pytest.raises(SpeechUnavailable, match="No speech server could be reached"):
        engine.transcribe(fixture("ne-8k.ulaw"))


def test_a_closed_engine_says_so(servers):
    engine = RemoteVosk([servers[0].url])
    engine.close()
    with pytest.raises(SpeechUnavailable):
        engine.transcribe(fixture("ne-8k.ulaw"))


def test_server_addresses_are_read_and_checked():
    assert parse_servers(" ws://a:2700, wss://b:2700 ,") == ["ws://a:2700", "wss://b:2700"]
    assert parse_servers("") == []
    with pytest.raises(ValueError, match="ws://"):
        parse_servers("http://a:2700")


def test_the_app_uses_the_remote_recognizers_when_configured(tmp_path, servers):
    from elderride.web.speech import get_engine

    app = create_app(
        {
            "DATABASE": str(tmp_path / "db.sqlite"),
            "SECRET_KEY": "x",
            "HEALTH_TOKEN": HEALTH_TOKEN,
            "VOSK_SERVER": f"{servers[0].url},{servers[1].url}",
        }
    )
    engine = get_engine(app)
    assert isinstance(engine, RemoteVosk) and engine.servers == [servers[0].url, servers[1].url]
    assert engine.transcribe(fixture("aniyo-8k.ulaw"), phrases=PHRASES).text == "아니요"
    engine.wait_ready()  # as `serve` does when it starts: each recognizer is asked once
    speech = app.test_client().get("/healthz", headers=HEALTH).get_json()["speech"]
    assert speech["available"] is True and speech["servers"] == [servers[0].url, servers[1].url]
    assert [item["ok"] for item in speech["recognizers"]] == [True, True]


def test_a_spoken_place_is_understood_by_the_remote_recognizers(
    phone_app, call, db, demo_data, servers, fake_twilio
):
    """The phone line end to end, as with the local pool, its speech decoded on the stand-in
    servers."""
    from elderride.services import calls
    from elderride.services.people import places, seniors
    from elderride.web import speech

    senior_id = seniors.create_senior(
        db, name="Min Park", language="en", timezone="UTC", numbers=[("+15550100070", "mobile")]
    )
    places.add_place(db, senior_id, label="Home", address="1 Pine Road")
    places.add_place(db, senior_id, label="Clinic", address="2 Oak Road", aliases=["예약"])
    phone_app.config.update(
        VOSK_SERVER=",".join(server.url for server in servers), SPEECH_TIMEOUT=20
    )
    try:
        # The line invites words once the recognizers have answered their first probe.
        speech.get_engine(phone_app).wait_ready()
        probes = sum(server.jobs for server in servers)
        phone = call("+15550100070")
        heard = phone.start()
        # Speech is offered: the remote engine counts as available.
        assert "or say Clinic" in heard.text
        heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
        assert "A car from Home to Clinic, now." in heard.text
        assert "Your car is booked" in phone.press("1").text
        utterance = calls.utterances_of(db, phone.call_sid)[0]
        assert (utterance["step"], utterance["transcript"]) == ("menu", "예약") and utterance[
            "confidence"
        ] > 0.5
        assert sum(server.jobs for server in servers) == probes + 1  # the recording alone
    finally:
        engine = phone_app.extensions.get(speech.KEY, {}).get("engine")
        if engine is not None:
            engine.close()


class OneReplyServer:
    """A recognizer on 127.0.0.1 that answers every message with the same `reply`, whatever its
    shape."""

    def __init__(self, reply):
        from websockets.sync.server import serve

        def answer(connection):
            try:
                for _ in connection:
                    connection.send(reply)
            except Exception:  # noqa: BLE001 - the client hangs up on a bad reply
                pass

        self.server = serve(answer, "127.0.0.1", 0, compression=None, max_size=None)
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


BAD_REPLIES = {
    "a number": "5",
    "a string": '"yes"',
    "a list": "[1, 2]",
    "text that is a number": '{"text": 3}',
    "a result that is a number": '{"text": "yes", "result": 5}',
    "a word that is a number": '{"text": "yes", "result": [7]}',
    "a confidence that is text": '{"text": "yes", "result": [{"word": "yes", "conf": "high"}]}',
    "a partial that is a list": '{"partial": []}',
    "very deep json": "[" * 100_000 + "]" * 100_000,
    "not json": "{oops",
    "bytes that are not utf-8": b"\xff\xfe{",
    # A megabyte of words: the intake would read it for hours inside the call's write.
    "a text longer than anyone says": json.dumps({"text": "hospital " * 120_000, "result": []}),
    "a partial longer than anyone says": json.dumps({"partial": "hospital " * 120_000}),
    "a confidence that is not a number": '{"text": "네", "result": [{"word": "네", "conf": NaN}]}',
    "a time that is infinite": '{"text": "네", "result": [{"word": "네", "end": Infinity}]}',
    "more words than anyone says": json.dumps(
        {"text": "네", "result": [{"word": "네", "conf": 1.0}] * 600}
    ),
}


@pytest.mark.parametrize("reply", BAD_REPLIES.values(), ids=BAD_REPLIES.keys())
def test_a_reply_of_any_other_shape_fails_the_job_and_the_next_recognizer_takes_it(reply, servers):
    bad = OneReplyServer(reply)
    engine = RemoteVosk([bad.url, servers[0].url], timeout=20)
    try:
        transcript = engine.transcribe(fixture("ne-8k.ulaw"), phrases=PHRASES)
        assert transcript.text == "네" and engine.skipped == 1  # the bad one is marked failed
        # and the next job goes to the sound recognizer first
        assert engine._order()[0] == servers[0].url
    finally:
        engine.close()
        bad.close()
    lone = OneReplyServer(reply)
    alone = RemoteVosk([lone.url], timeout=20)
    try:
        with pytest.raises(SpeechFailed):
            alone.transcribe(fixture("ne-8k.ulaw"), phrases=PHRASES)
    finally:
        alone.close()
        lone.close()


def test_chunks_go_out_without_waiting_for_each_answer(servers, model):
    # A recognizer whose answers are all still on their way when the recording ends: an engine
    # that waited for each chunk's answer before sending the next would wait out its time.
    servers[0].answer_after_eof = True
    engine = RemoteVosk([servers[0].url], timeout=20)
    try:
        for name in ("yeyak-8k.ulaw", "aniyo-16k.wav"):
            there = engine.transcribe(fixture(name), phrases=PHRASES)
            assert there.text == recognizer.recognize(model, fixture(name), PHRASES).text
    finally:
        engine.close()


def test_the_stand_in_answers_as_vosk_server_did(servers):
    from websockets.sync.client import connect

    with connect(servers[0].url, compression=None, proxy=None) as connection:
        connection.send(json.dumps({"config": {"phrase_list": PHRASES}}))  # no answer
        connection.send(fixture("ne-8k.ulaw").pcm_bytes()[:3200])  # 8000 Hz unless told
        assert "partial" in json.loads(connection.recv(timeout=20))
        reset = json.loads(_ask(connection, '{"reset" : 1}'))
        assert "text" in reset
        assert "text" in json.loads(_ask(connection, '{"eof" : 1}'))  # the connection stayed
        with pytest.raises(ConnectionClosedOK):
            connection.recv(timeout=20)  # the server hangs up after the final result


def _ask(connection, message):
    connection.send(message)
    return connection.recv(timeout=20)


def test_a_recognizer_that_fails_on_connect_is_reported_and_skipped(tmp_path, servers):
    from elderride.web import speech

    # alphacep's vosk-server under websockets >= 14: the handshake succeeds, then code 1011.
    servers[1].crash_on_connect = True
    app = create_app(
        {
            "DATABASE": str(tmp_path / "db.sqlite"),
            "SECRET_KEY": "x",
            "HEALTH_TOKEN": HEALTH_TOKEN,
            "VOSK_SERVER": f"{servers[1].url},{servers[0].url}",
        }
    )
    engine = speech.get_engine(app)
    try:
        engine.wait_ready()
        health = app.test_client().get("/healthz", headers=HEALTH).get_json()["speech"]
        assert health["available"] is True and health["reason"] == "ready"
        crashed, sound = health["recognizers"]
        assert sound == {"server": servers[0].url, "ok": True, "reason": "ready"}
        assert crashed["server"] == servers[1].url and crashed["ok"] is False
        assert "1011" in crashed["reason"]
        # Calls go to the sound recognizer first.
        assert engine._order()[0] == servers[0].url
        probed = servers[0].jobs  # the probe was a connection of its own
        assert engine.transcribe(fixture("ne-8k.ulaw"), phrases=PHRASES).text == "네"
        assert (servers[0].jobs, servers[1].jobs) == (probed + 1, 0)
    finally:
        engine.close()


def test_no_recognizer_answering_means_speech_is_reported_unavailable(tmp_path, servers):
    from elderride.web import speech

    servers[0].crash_on_connect = True
    app = create_app(
        {
            "DATABASE": str(tmp_path / "db.sqlite"),
            "SECRET_KEY": "x",
            "HEALTH_TOKEN": HEALTH_TOKEN,
            "VOSK_SERVER": f"{servers[0].url},{closed_port()}",
        }
    )
    engine = speech.get_engine(app)
    try:
        loading = app.test_client().get("/healthz", headers=HEALTH).get_json()["speech"]
        assert loading["reason"] == "loading"
        with pytest.raises(SpeechUnavailable, match="No speech server answered"):
            engine.wait_ready()
        health = app.test_client().get("/healthz", headers=HEALTH).get_json()["speech"]
        assert health["available"] is False
        assert health["reason"].startswith("No speech server answered")
        assert [item["ok"] for item in health["recognizers"]] == [False, False]
        # A job on a recognizer that fails once connected was taken, as far as the engine knows.
        with pytest.raises(SpeechFailed, match="stopped while decoding"):
            RemoteVosk([servers[0].url], timeout=20).transcribe(fixture("ne-8k.ulaw"))
    finally:
        engine.close()


# Live streams over vosk-server's protocol --------------------------------------------------

FRAME = 160  # 20 ms of 8 kHz mu-law, as Twilio sends it


def _events():
    seen = queue.Queue()
    return seen, lambda kind, value: seen.put((kind, value))


def _wait_for(seen, kinds, timeout=30):
    """Return the first event of one of `kinds` and the events before it."""
    before = []
    while True:
        kind, value = seen.get(timeout=timeout)
        before.append((kind, value))
        if kind in kinds:
            return kind, value, before


def _feed_until_refused(stream, data):
    """Feed `data` at the telephone's pace until the stream refuses a frame; return the bytes it
    took."""
    accepted = 0
    for offset in range(0, len(data), FRAME):
        if not stream.feed(data[offset : offset + FRAME]):
            break
        accepted += FRAME
        time.sleep(0.02)
    return accepted


def _play(stream, data, pace=2.0):
    for offset in range(0, len(data), FRAME):
        assert stream.feed(data[offset : offset + FRAME])
        if pace:
            time.sleep(0.02 / pace)


def test_a_live_stream_is_heard_by_a_remote_recognizer(engine, servers):
    assert engine.has_room()
    seen, tell = _events()
    stream = engine.open_stream(tell, phrases=PHRASES)
    _play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes() + b"\xff" * 8000 * 2)
    kind, heard, before = _wait_for(seen, {"final"})
    assert heard.text == "예약" and heard.phrases and heard.duration > 0
    stream.finish()
    kind, last, _ = _wait_for(seen, {"ended", "failed"})
    assert kind == "ended" and last.text == ""  # nothing after the answer
    assert sum(server.jobs for server in servers) == 1


def test_free_speech_streams_too(engine, model):
    seen, tell = _events()
    stream = engine.open_stream(tell)
    audio = (FIXTURES / "yeyak-8k.ulaw").read_bytes()
    for offset in range(0, len(audio), FRAME):
        # Free speech costs far more than a phrase list: on a busy machine the recognizer may
        # decode slower than speech comes, and this test is about what it hears, not its pace.
        while stream.lag > 0.5:
            time.sleep(0.01)
        assert stream.feed(audio[offset : offset + FRAME])
    stream.finish()
    results = []
    while True:
        kind, value, _ = _wait_for(seen, {"final", "ended", "failed"})
        assert kind != "failed"
        results.append(value.heard)
        if kind == "ended":
            break
    plain = recognizer.recognize(model, fixture("yeyak-8k.ulaw"))
    assert " ".join(text for text in results if text) == plain.text


def test_a_recognizer_dying_mid_stream_hands_it_to_the_next_and_is_tried_last(servers):
    engine = RemoteVosk([server.url for server in servers], timeout=20)
    try:
        servers[0].crash_after_chunks = 5  # the first in turn
        seen, tell = _events()
        stream = engine.open_stream(tell, phrases=PHRASES)
        # As a caller speaks: the stream is never behind, only cut off, and it goes on.
        _play(stream, (FIXTURES / "long-8k.ulaw").read_bytes()[:16000], pace=1)
        assert stream.server == servers[1].url and stream.state == "open"
        assert (servers[0].jobs, servers[1].jobs) == (1, 1)
        stream.cancel()
        assert ("failed", "crashed") not in _drain(seen)
        # The next question's stream goes to the other recognizer too.
        seen, tell = _events()
        again = engine.open_stream(tell, phrases=PHRASES)
        _play(again, (FIXTURES / "ne-8k.ulaw").read_bytes() + b"\xff" * 8000 * 2)
        kind, heard, _ = _wait_for(seen, {"final", "failed"})
        assert (kind, heard.text) == ("final", "네") and again.server == servers[1].url
        again.cancel()
        # The one that died is tried last while it has not answered again.
        assert engine._order()[-1] == servers[0].url
    finally:
        engine.close()


def test_a_stream_whose_every_recognizer_dies_fails_each_tried_once(servers):
    engine = RemoteVosk([server.url for server in servers], timeout=20)
    try:
        for server in servers:
            server.crash_after_chunks = 5
        seen, tell = _events()
        stream = engine.open_stream(tell, phrases=PHRASES)
        audio = (FIXTURES / "long-8k.ulaw").read_bytes()
        for offset in range(0, len(audio), FRAME):
            if not stream.feed(audio[offset : offset + FRAME]):
                break
            time.sleep(0.02)
        kind, reason, _ = _wait_for(seen, {"failed", "final", "ended"})
        assert (kind, reason) == ("failed", "crashed")
        assert not stream.feed(b"\xff" * FRAME)
        assert (servers[0].jobs, servers[1].jobs) == (1, 1)
    finally:
        engine.close()


def _drain(seen):
    events = []
    while not seen.empty():
        events.append(seen.get())
    return events


def test_a_recognizer_killed_mid_answer_is_skipped_and_the_answer_still_comes_live(
    recognizer_processes,
):
    engine = RemoteVosk([url for _, url in recognizer_processes], timeout=20)
    try:
        seen, tell = _events()
        stream = engine.open_stream(tell, phrases=PHRASES)
        word = (FIXTURES / "yeyak-8k.ulaw").read_bytes()
        half = len(word) // 2 // FRAME * FRAME
        _play(stream, b"\xff" * 4000 + word[:half], pace=1)
        # Its recognizer has heard part of the word when its machine dies.
        deadline = time.monotonic() + 30
        while stream.heard_seconds < 0.5 and time.monotonic() < deadline:
            time.sleep(0.01)
        victim, url = next(item for item in recognizer_processes if item[1] == stream.server)
        victim.send_signal(signal.SIGKILL)
        victim.wait(30)
        # The caller goes on speaking, unaware; every frame is taken.
        _play(stream, word[half:] + b"\xff" * 8000 * 2, pace=1)
        kind, heard, before = _wait_for(seen, {"final", "failed", "ended"})
        # Heard live (before the stream is finished), right, by the other recognizer.
        assert (kind, heard.text) == ("final", "예약") and stream.state == "open"
        assert stream.server != url
        stream.finish()
        kind, last, _ = _wait_for(seen, {"ended", "failed"})
        assert kind == "ended" and last.text == ""
        assert engine._order()[-1] == url
    finally:
        engine.close()


def test_a_recognizer_stalled_mid_answer_is_skipped_and_the_answer_still_comes_live(
    recognizer_processes,
):
    engine = RemoteVosk([url for _, url in recognizer_processes], timeout=20)
    stopped = None
    try:
        engine.wait_ready()  # /healthz has asked both, and both answered
        seen, tell = _events()
        stream = engine.open_stream(tell, phrases=PHRASES)
        word = (FIXTURES / "yeyak-8k.ulaw").read_bytes()
        half = len(word) // 2 // FRAME * FRAME
        _play(stream, b"\xff" * 4000 + word[:half], pace=1)
        deadline = time.monotonic() + 30
        while stream.heard_seconds < 0.5 and time.monotonic() < deadline:
            time.sleep(0.01)
        # Its recognizer has heard part of the word when it stops answering: the process is
        # frozen, its connection still open (as a machine whose decoding hangs).
        stopped, url = next(item for item in recognizer_processes if item[1] == stream.server)
        stopped.send_signal(signal.SIGSTOP)
        # The caller goes on speaking, unaware; every frame is taken, none counted as behind.
        _play(stream, word[half:] + b"\xff" * 8000 * 2, pace=1)
        kind, heard, _ = _wait_for(seen, {"final", "failed", "ended"})
        # Heard live (before the stream is finished), right, by the other recognizer.
        assert (kind, heard.text) == ("final", "예약") and stream.state == "open"
        assert stream.server != url
        stream.finish()
        kind, last, _ = _wait_for(seen, {"ended", "failed"})
        assert kind == "ended" and last.text == ""
        # It is tried last, and /healthz says why.
        assert engine._order()[-1] == url
        reported = {item["server"]: item for item in engine.health()["recognizers"]}
        assert not reported[url]["ok"] and reported[url]["reason"].startswith("stalled")
        assert reported[stream.server]["ok"]
    finally:
        if stopped is not None:
            stopped.send_signal(signal.SIGCONT)
        engine.close()


def test_the_audio_that_waited_while_the_next_recognizer_was_reached_is_caught_up_on(
    recognizer_processes,
):
    # The stream's recognizer freezes mid-answer, and the next in turn is a machine whose kernel
    # takes the connection but that never answers it: the stream reaches the third only after the
    # connect timeout, seconds of the caller's audio later.  That audio is caught up on there.
    (frozen, frozen_url), (_, working_url) = recognizer_processes
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen()
        hung_url = f"ws://127.0.0.1:{hung.getsockname()[1]}"
        engine = RemoteVosk([frozen_url, hung_url, working_url], timeout=20)
        try:
            seen, tell = _events()
            stream = engine.open_stream(tell, phrases=PHRASES)
            word = (FIXTURES / "yeyak-8k.ulaw").read_bytes()
            half = len(word) // 2 // FRAME * FRAME
            _play(stream, b"\xff" * 4000 + word[:half], pace=1)
            deadline = time.monotonic() + 30
            while stream.heard_seconds < 0.5 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert stream.server == frozen_url
            frozen.send_signal(signal.SIGSTOP)
            _play(stream, word[half:] + b"\xff" * 8000 * 4, pace=1)
            kind, heard, before = _wait_for(seen, {"final", "failed", "ended"})
            assert (kind, heard.text) == ("final", "예약") and stream.state == "open", before
            assert stream.server == working_url
            stream.cancel()
        finally:
            frozen.send_signal(signal.SIGCONT)
            engine.close()


def test_a_recognizer_stalled_before_the_question_is_skipped_at_its_start(recognizer_processes):
    (frozen, frozen_url), (_, working_url) = recognizer_processes
    engine = RemoteVosk([frozen_url, working_url], timeout=20)
    frozen.send_signal(signal.SIGSTOP)  # its kernel still takes the connection; it answers nothing
    try:
        # /healthz's probe names it, and the engine is still ready with the other.
        assert engine.probe(frozen_url) is not None
        assert engine.probe(working_url) is None
        engine.wait_ready()
        reported = {item["server"]: item for item in engine.health()["recognizers"]}
        assert not reported[frozen_url]["ok"] and reported[working_url]["ok"]
        # A question whose stream goes to it first (its turn) is heard live by the other.
        engine._down_until.clear()
        engine._turn = itertools.count()
        seen, tell = _events()
        stream = engine.open_stream(tell, phrases=PHRASES)
        _play(stream, b"\xff" * 4000 + (FIXTURES / "yeyak-8k.ulaw").read_bytes(), pace=1)
        _play(stream, b"\xff" * 8000 * 2, pace=1)
        kind, heard, _ = _wait_for(seen, {"final", "failed", "ended"})
        assert (kind, heard.text) == ("final", "예약") and stream.server == working_url
        stream.cancel()
    finally:
        frozen.send_signal(signal.SIGCONT)
        engine.close()


def test_a_stream_no_recognizer_takes_fails_at_once():
    engine = RemoteVosk([closed_port()], timeout=20)
    seen, tell = _events()
    stream = engine.open_stream(tell, phrases=PHRASES)
    assert _wait_for(seen, {"failed"})[1] == "crashed"
    assert not stream.feed(b"\xff" * FRAME)


def test_a_recognizer_taking_over_catches_up_on_the_audio_again_without_counting_it_behind(servers):
    # CI, a busy machine: the recognizer that took over a stalled one decoded a little faster than
    # the caller spoke, but the seconds it was sent again held the live audio up behind them, and
    # the stream gave up as "behind" once the replay was answered.  Keeping up is what counts.
    stalled, slow = servers
    stalled.stall = True
    slow.decode_pace = 0.85  # a second of audio takes 0.85 s to decode: barely faster than speech
    engine = RemoteVosk([stalled.url, slow.url], timeout=20)
    try:
        _heard_live_after_the_takeover(engine, slow.url)
    finally:
        engine.close()


def _heard_live_after_the_takeover(engine, taking_over):
    """Speak a word on `engine` at the caller's pace through a stall and a takeover; check that
    every frame was taken and the word heard live by `taking_over`."""
    seen, tell = _events()
    stream = engine.open_stream(tell, phrases=PHRASES)
    word = (FIXTURES / "yeyak-8k.ulaw").read_bytes()
    # The caller speaks on, unaware, through the stall window and the takeover; every frame is
    # taken, none counted as behind.
    _play(stream, b"\xff" * 8000 + word + b"\xff" * 8000 * 2, pace=1)
    kind, heard, before = _wait_for(seen, {"final", "failed", "ended"})
    assert (kind, heard.text) == ("final", "예약") and stream.state == "open", before
    assert stream.server == taking_over
    stream.cancel()


def test_a_frame_fed_while_the_audio_goes_out_again_never_finds_the_stream_behind(servers):
    # CI: the stream moved to the next recognizer and, while the seconds it sent again were still
    # going out a piece at a time, a frame the caller fed found them counted only in part, so the
    # stream seemed seconds behind and gave up.  A slow network to the next one makes it certain.
    stalled, far = servers
    stalled.stall = True
    engine = RemoteVosk([stalled.url, far.url], timeout=20)
    connect_first = engine.connect_first

    class SlowSend:
        """A connection whose every message takes 50 ms to go out."""

        def __init__(self, connection):
            self.connection = connection

        def send(self, message):
            time.sleep(0.05)
            self.connection.send(message)

        def __getattr__(self, name):
            return getattr(self.connection, name)

    def far_away(config, *, skip=()):
        opened = connect_first(config, skip=skip)
        return (opened[0], SlowSend(opened[1])) if opened and skip else opened

    engine.connect_first = far_away
    try:
        _heard_live_after_the_takeover(engine, far.url)
    finally:
        engine.close()


def test_a_recognizer_taking_over_that_cannot_keep_up_still_falls_behind(servers):
    stalled, slower = servers
    stalled.stall = True
    slower.decode_pace = 1.5  # slower than speech: the caller would wait longer the more they said
    engine = RemoteVosk([stalled.url, slower.url], timeout=20)
    try:
        seen, tell = _events()
        stream = engine.open_stream(tell, phrases=PHRASES)
        audio = (FIXTURES / "long-8k.ulaw").read_bytes()
        accepted = _feed_until_refused(stream, audio)
        assert _wait_for(seen, {"failed"})[1] == "behind"
        assert stream.server == slower.url and accepted < len(audio)
    finally:
        engine.close()


def test_a_stream_whose_recognizer_falls_behind_gives_up(servers):
    servers[0].chunk_delay = 0.2  # each 20 ms frame takes ten times its length to decode
    engine = RemoteVosk([servers[0].url], timeout=20)
    seen, tell = _events()
    stream = engine.open_stream(tell, phrases=PHRASES)
    audio = (FIXTURES / "long-8k.ulaw").read_bytes()
    accepted = _feed_until_refused(stream, audio)
    assert _wait_for(seen, {"failed"})[1] == "behind"
    assert accepted < len(audio)


def test_a_recognizer_started_with_alternatives_is_still_heard(servers, model):
    # alphacep's server with VOSK_ALTERNATIVES=2 answered {"alternatives": [...]} with no "text":
    # a client that did not ask for one answer heard nothing, recordings and streams alike.
    servers[0].max_alternatives = 2
    engine = RemoteVosk([servers[0].url], timeout=20)
    try:
        assert engine.transcribe(fixture("ne-8k.ulaw"), phrases=PHRASES).text == "네"
        heard = queue.Queue()
        stream = engine.open_stream(
            lambda kind, value: heard.put((kind, value)), phrases=PHRASES, encoding="pcm16"
        )
        stream.feed(fixture("yeyak-8k.ulaw").pcm_bytes())
        stream.finish()
        texts = []
        while True:
            kind, value = heard.get(timeout=30)
            if kind in ("final", "ended"):
                texts.append(value.text)
            if kind in ("ended", "failed"):
                break
        assert kind == "ended" and "예약" in texts
    finally:
        engine.close()


VOICE = FIXTURES / "sijange-gayo-voice-8k.ulaw"  # the voice alone: no silence before or after it


@pytest.mark.parametrize("quiet", ["digital silence", "a line's hiss"])
def test_free_speech_on_a_remote_recognizer_ends_the_short_pause_after_the_voice(
    recognizer_processes, quiet
):
    # The recognizer's own endpointer never ends free speech in digital silence (and late in
    # hiss): the line hears where the voice stopped and asks the recognizer for its answer there.
    spoken = VOICE.read_bytes()
    hiss = (FIXTURES / "hiss-8k.ulaw").read_bytes()
    before, after = (
        (b"\xff" * 4000, b"\xff" * 24000)
        if quiet == "digital silence"
        else (hiss[:4000], hiss[4000:28000])
    )
    engine = RemoteVosk([url for _, url in recognizer_processes], timeout=20)
    try:
        seen, tell = _events()
        stream = engine.open_stream(tell, max_lag=60)
        _play(stream, before + spoken + after, pace=0)
        # The answer comes while the stream is still open, and on the stream's own clock the
        # short pause after the voice, whatever the machine's load.
        kind, piece, before_it = _wait_for(seen, {"final", "ended", "failed"}, timeout=60)
        assert kind == "final" and piece.heard and stream.state == "open", before_it
        said_until = 0.5 + len(spoken) / 8000
        ended_at = piece.words[-1]["end"] + piece.pause
        assert said_until + models.TURN_PAUSE - 0.15 <= ended_at
        assert ended_at <= said_until + models.TURN_PAUSE + 0.05
        # Then the caller stays quiet: the elder silence after the voice is told too.
        kind, at, _ = _wait_for(seen, {"pause", "final"}, timeout=60)
        assert kind == "pause"
        assert abs(at - (ended_at - models.TURN_PAUSE + models.ELDER_TRAILING_SILENCE)) < 0.05
        stream.finish()
        kind, last, _ = _wait_for(seen, {"ended", "failed"})
        assert kind == "ended" and last.heard == ""  # everything was already given
    finally:
        engine.close()


def test_phrases_on_a_remote_recognizer_are_still_ended_by_its_decoder_not_by_the_sound(
    recognizer_processes,
):
    engine = RemoteVosk([url for _, url in recognizer_processes], timeout=20)
    try:
        seen, tell = _events()
        stream = engine.open_stream(tell, phrases=PHRASES, max_lag=60)
        _play(stream, b"\xff" * 4000 + VOICE.read_bytes() + b"\xff" * 8000, pace=0)
        stream.finish()
        # Nothing ended early on the sound's word: a phrase list's answer is whole as said, and
        # the recognizer's own endpointer ends it (no reset was asked at the voice's pause).
        kind, _, seen_before = _wait_for(seen, {"final", "ended"}, timeout=60)
        assert kind == "ended"
        assert [kind for kind, _ in seen_before if kind == "pause"] == []
    finally:
        engine.close()


def test_an_answer_asked_at_the_voice_s_pause_is_asked_again_of_the_recognizer_taking_over(
    recognizer_processes,
):
    # The stream's recognizer freezes as the voice ends, is asked for the answer at its pause,
    # and dies without giving it: the next recognizer hears the audio again and is asked at the
    # same place, so the answer still ends there and comes live.
    engine = RemoteVosk([url for _, url in recognizer_processes], timeout=20)
    victim = None
    try:
        seen, tell = _events()
        stream = engine.open_stream(tell, max_lag=60)
        spoken = VOICE.read_bytes()
        _play(stream, b"\xff" * 4000 + spoken, pace=1)
        victim, url = next(item for item in recognizer_processes if item[1] == stream.server)
        victim.send_signal(signal.SIGSTOP)
        _play(stream, b"\xff" * 8000, pace=1)  # the pause after the voice, past the turn's
        victim.send_signal(signal.SIGKILL)
        victim.wait(30)
        _play(stream, b"\xff" * 8000, pace=1)
        kind, piece, before = _wait_for(seen, {"final", "ended", "failed"}, timeout=60)
        assert kind == "final" and piece.heard and stream.state == "open", before
        assert stream.server != url
        said_until = 0.5 + len(spoken) / 8000
        ended_at = piece.words[-1]["end"] + piece.pause
        assert said_until + models.TURN_PAUSE - 0.15 <= ended_at
        assert ended_at <= said_until + models.TURN_PAUSE + 0.05
        stream.finish()
        kind, last, _ = _wait_for(seen, {"ended", "failed"})
        assert kind == "ended" and last.heard == ""
    finally:
        if victim is not None and victim.poll() is None:
            victim.send_signal(signal.SIGCONT)
        engine.close()


def test_words_heard_by_a_recognizer_that_took_over_count_from_the_stream_s_start(
    recognizer_processes,
):
    # The recognizer taking over hears the audio from the last answer on: its own clock starts
    # there, and the words it gives are put on the stream's clock, where the turn measures the
    # caller's pause.
    engine = RemoteVosk([url for _, url in recognizer_processes], timeout=20)
    try:
        seen, tell = _events()
        stream = engine.open_stream(tell, max_lag=60)
        spoken = VOICE.read_bytes()
        _play(stream, b"\xff" * 4000 + spoken + b"\xff" * 8000, pace=1)
        kind, first, before = _wait_for(seen, {"final", "ended", "failed"}, timeout=60)
        assert kind == "final" and first.heard, before
        victim, url = next(item for item in recognizer_processes if item[1] == stream.server)
        victim.send_signal(signal.SIGKILL)
        victim.wait(30)
        _play(stream, spoken + b"\xff" * 8000, pace=1)
        kind, second, before = _wait_for(seen, {"final", "ended", "failed"}, timeout=60)
        assert kind == "final" and second.heard and stream.server != url, before
        said_from, said_until = 0.5 + len(spoken) / 8000 + 1.0, 0.5 + 2 * len(spoken) / 8000 + 1.0
        assert second.words[0]["start"] >= said_from - 0.3
        ended_at = second.words[-1]["end"] + second.pause
        assert said_until + models.TURN_PAUSE - 0.15 <= ended_at
        assert ended_at <= said_until + models.TURN_PAUSE + 0.05
        stream.cancel()
    finally:
        engine.close()


def test_a_stream_waits_for_a_recognizer_frozen_past_a_ping_timeout_within_its_stall_window(
    recognizer_processes,
):
    # A recognizer on a starved host answers neither its messages nor the websocket's pings for a
    # while (kill -STOP stands in for it). The stream allows 60 s without an answer (max_lag);
    # websockets' own keepalive (a ping every 20 s, 20 s for its pong) would close the connection
    # after 40 s and fail the stream, though the recognizer answers in full once it runs again.
    frozen, url = recognizer_processes[0]
    engine = RemoteVosk([url], timeout=20)
    try:
        seen, tell = _events()
        stream = engine.open_stream(tell, max_lag=60)
        spoken = VOICE.read_bytes()
        _play(stream, b"\xff" * 4000 + spoken + b"\xff" * 8000, pace=1)
        kind, first, before = _wait_for(seen, {"final", "ended", "failed"}, timeout=60)
        assert kind == "final" and first.heard, before
        # The caller speaks again; the recognizer freezes with its answers owed.
        _play(stream, spoken + b"\xff" * 8000, pace=0)
        frozen.send_signal(signal.SIGSTOP)
        try:
            # Some ping goes out within the first 20 s of the freeze; its pong is due 20 s later.
            time.sleep(45)
        finally:
            frozen.send_signal(signal.SIGCONT)
        kind, second, before = _wait_for(seen, {"final", "ended", "failed"}, timeout=60)
        assert kind == "final" and second.heard and stream.server == url, before
        stream.finish()
        kind, _, before = _wait_for(seen, {"ended", "failed"}, timeout=60)
        assert kind == "ended", before
    finally:
        engine.close()
