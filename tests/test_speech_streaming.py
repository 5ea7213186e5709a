"""Streaming recognition in the worker pool, with the real Vosk engine and the Korean test model."""

import os
import queue
import signal
import time
from pathlib import Path

import pytest

from elderride.speech.audio_decoding import read_file
from elderride.speech.local import LocalVosk
from elderride.speech.models import ELDER_TRAILING_SILENCE, TURN_PAUSE
from elderride.speech.transcript import StreamRefused

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
PHRASES = ["네", "아니요", "예약"]
FRAME = 160  # 20 ms of 8 kHz mu-law, as Twilio sends it
SILENCE = b"\xff"  # mu-law's zero


@pytest.fixture(scope="module")
def shared_pool(model_path):
    pool = LocalVosk(
        model_path,
        workers=1,
        trailing_silence=ELDER_TRAILING_SILENCE,
        streams_per_worker=3,
        timeout=30,
    )
    pool.wait_ready()
    yield pool
    pool.close()


@pytest.fixture
def pool(shared_pool, monkeypatch):
    """The module's pool, handed back as the next test needs it: a stream a failed test left open
    would keep its place (and its lag) and refuse every stream after it."""
    opened = []
    open_stream = shared_pool.open_stream

    def tracked(*args, **kwargs):
        opened.append(open_stream(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(shared_pool, "open_stream", tracked)
    yield shared_pool
    for stream in opened:
        stream.cancel()
    # A test that killed the worker leaves its replacement loading.
    shared_pool.wait_ready()
    assert shared_pool.streams() == [0]


def listener():
    events = queue.Queue()
    return events, lambda kind, value: events.put((kind, value))


def wait_for(events, kinds, timeout=30):
    """Return the first event of one of `kinds`, keeping the ones before it."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            kind, value = events.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append((kind, value))
        if kind in kinds:
            return kind, value, seen
    raise AssertionError(f"no {kinds} event in {timeout} s (saw {seen})")


def play(stream, data, *, pace=1.0):
    """Feed 20 ms frames at `pace` times real time (0 for as fast as possible)."""
    for offset in range(0, len(data), FRAME):
        stream.feed(data[offset : offset + FRAME])
        if pace:
            time.sleep(0.02 / pace)


def test_a_word_streamed_at_real_time_gives_partial_then_final_results(pool):
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=PHRASES)
    play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes() + SILENCE * 8000 * 2)
    kind, transcript, seen = wait_for(events, {"final"})
    assert (transcript.text, transcript.phrases) == ("예약", True) and transcript.confidence > 0.5
    assert ("partial", "예약") in seen  # heard while still being spoken
    stream.finish()
    kind, last, _ = wait_for(events, {"ended"})
    assert last.text == ""  # the answer was already given as a final result


def test_streaming_hears_what_a_whole_recording_hears(pool):
    whole = pool.transcribe(read_file(FIXTURES / "yeyak-8k.ulaw"), phrases=PHRASES)
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=PHRASES)
    play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes(), pace=2)
    stream.finish()
    _, streamed, _ = wait_for(events, {"final", "ended"})
    assert streamed.text == whole.text == "예약"


def test_a_stream_past_the_cap_is_refused_and_a_closed_one_frees_its_place(pool):
    streams = [pool.open_stream(lambda kind, value: None, phrases=PHRASES) for _ in range(3)]
    assert not pool.has_room(PHRASES)
    with pytest.raises(StreamRefused):
        pool.open_stream(lambda kind, value: None, phrases=PHRASES)
    streams[0].cancel()
    assert pool.has_room(PHRASES)
    for stream in streams[1:]:
        stream.cancel()


def test_a_worker_decoding_an_address_takes_no_second_one_but_still_takes_phrase_lists(pool):
    # Free speech costs a worker 0.7 of its CPU second a second (the default), a phrase list 0.1:
    # counted as one stream each, the cap of 3 let three addresses fall behind together.
    # An address offered and not yet opened takes its place first.
    assert pool.has_room() and not pool.has_room(pending=[None])
    assert pool.has_room(PHRASES, pending=[None, PHRASES])
    address = pool.open_stream(lambda kind, value: None)
    assert pool.streams() == [1]
    assert not pool.has_room() and pool.has_room(PHRASES)
    with pytest.raises(StreamRefused):
        pool.open_stream(lambda kind, value: None)
    phrase_lists = [pool.open_stream(lambda kind, value: None, phrases=PHRASES) for _ in range(2)]
    # Full by the cap now, whatever either costs.
    assert pool.streams() == [3] and not pool.has_room(PHRASES)
    address.cancel()
    assert pool.has_room() and pool.has_room(PHRASES)
    for stream in phrase_lists:
        stream.cancel()


def test_a_stream_that_falls_behind_gives_up_and_drops_its_audio(model_path):
    # A lag allowance no worker can meet when audio arrives forty times faster than it is spoken.
    slow = LocalVosk(
        model_path,
        workers=1,
        trailing_silence=ELDER_TRAILING_SILENCE,
        max_lag=0.05,
        streams_per_worker=1,
    )
    try:
        slow.wait_ready()
        events, tell = listener()
        stream = slow.open_stream(tell)
        audio = (FIXTURES / "long-8k.ulaw").read_bytes()
        accepted = 0
        for offset in range(0, len(audio), FRAME):
            if not stream.feed(audio[offset : offset + FRAME]):
                break
            accepted += FRAME
            time.sleep(0.0005)
        kind, reason, _ = wait_for(events, {"failed"})
        assert reason == "behind" and stream.state == "failed"
        assert accepted < len(audio)  # the rest was never sent
        assert not stream.feed(b"\xff" * FRAME)
        # The worker is free again: a fresh stream works. Its allowance is wide, so a machine
        # busy with other work cannot make this stream fall behind too: falling behind is the
        # part above.
        slow.max_lag = 30.0
        events, tell = listener()
        fresh = slow.open_stream(tell, phrases=PHRASES)
        play(fresh, (FIXTURES / "yeyak-8k.ulaw").read_bytes(), pace=2)
        fresh.finish()
        _, heard, _ = wait_for(events, {"final", "ended"})
        assert heard.text == "예약"
    finally:
        slow.close()


def test_a_worker_killed_mid_stream_fails_the_stream_and_is_replaced(pool):
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=PHRASES)
    play(stream, (FIXTURES / "long-8k.ulaw").read_bytes()[:8000])
    victim = pool.workers()[0][0]
    os.kill(victim, signal.SIGKILL)  # what a Kaldi assertion does to the process
    kind, reason, _ = wait_for(events, {"failed"})
    assert reason == "crashed" and not stream.feed(b"\xff" * FRAME)
    pool.wait_ready()
    assert pool.workers()[0][0] != victim and pool.replaced >= 1
    events, tell = listener()
    again = pool.open_stream(tell, phrases=PHRASES)
    play(again, (FIXTURES / "yeyak-8k.ulaw").read_bytes(), pace=2)
    again.finish()
    _, heard, _ = wait_for(events, {"final", "ended"})
    assert heard.text == "예약"


def test_a_model_that_cannot_load_refuses_streams(tmp_path):
    broken = LocalVosk(tmp_path, workers=1, streams_per_worker=1)
    try:
        with pytest.raises(Exception, match="could not be loaded"):
            broken.wait_ready(timeout=60)
        assert not broken.has_room()
        with pytest.raises(StreamRefused):
            broken.open_stream(lambda kind, value: None)
    finally:
        broken.close()


def test_a_stream_is_heard_while_other_streams_answers_are_checked(model_path):
    # Six callers on one worker say their word at the same moment; a seventh is still speaking.
    # Each answer is decoded a second time against filler words (the Korean model has no [unk]).
    # Run inline, those checks held the seventh stream's audio until all six were done: on a
    # busy line it fell more than a second behind and was given up, and its call never moved on.
    busy = LocalVosk(
        model_path, workers=1, trailing_silence=ELDER_TRAILING_SILENCE, streams_per_worker=7
    )
    try:
        busy.wait_ready()
        answers = queue.Queue()
        still_speaking = busy.open_stream(lambda kind, value: None, phrases=PHRASES)

        def answer(kind, value):
            # Called in arrival order, from the one thread that reads the worker's messages.
            if kind in ("final", "ended"):
                answers.put((value.text, still_speaking.heard_seconds))

        answering = [
            busy.open_stream(answer, phrases=PHRASES, max_lag=float("inf")) for _ in range(6)
        ]
        word = (FIXTURES / "yeyak-8k.ulaw").read_bytes() + SILENCE * 8000
        for stream in answering:
            play(stream, word, pace=0)
        play(still_speaking, SILENCE * FRAME)  # sent after every answer, so queued behind them
        heard = [answers.get(timeout=60) for _ in answering]
        assert [text for text, _ in heard] == ["예약"] * 6  # every answer still comes, checked
        # By the time the last answer came out of its check, the seventh stream's audio had been
        # decoded: it did not wait for the checks.
        assert heard[-1][1] > 0
        assert still_speaking.state == "open"
    finally:
        busy.close()


def test_a_stream_is_heard_while_a_long_recording_decodes_on_its_worker(model_path):
    # A caller past the live cap answers through <Record>; their whole recording is decoded on a
    # worker that also holds live streams.  Decoded inline, it held every stream's audio until it
    # was done: seconds for a long answer, and on a busy line those streams were given up.
    import threading

    import numpy as np

    from elderride.speech.audio_decoding import Audio

    shared = LocalVosk(
        model_path,
        workers=1,
        trailing_silence=ELDER_TRAILING_SILENCE,
        streams_per_worker=2,
        timeout=300,
    )
    try:
        shared.wait_ready()
        events = queue.Queue()
        spoken = read_file(FIXTURES / "long-8k.ulaw")
        recording = Audio(np.tile(spoken.samples, 4), spoken.rate)  # 34 s of free speech

        def decode():
            events.put(("recording", shared.transcribe(recording)))

        decoding = threading.Thread(target=decode)
        decoding.start()
        while not shared.workers()[0][1]:  # the worker has the recording
            time.sleep(0.01)
        # The stream's events and the recording's end share one queue, so their order is kept.
        stream = shared.open_stream(
            lambda kind, value: events.put((kind, value)), phrases=PHRASES, max_lag=float("inf")
        )
        play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes() + SILENCE * 8000)
        kind, answer, seen = wait_for(events, {"final", "recording"}, timeout=300)
        # The caller's word was heard, as it was spoken, before the recording was done.
        assert kind == "final" and answer.text == "예약", seen
        assert ("partial", "예약") in seen
        stream.finish()
        kind, whole, _ = wait_for(events, {"recording"}, timeout=300)
        assert whole.text  # the recording is still decoded, whole
        decoding.join()
    finally:
        shared.close()


VOICE = FIXTURES / "sijange-gayo-voice-8k.ulaw"  # the voice alone: no silence before or after it
HISS = FIXTURES / "hiss-8k.ulaw"


@pytest.mark.parametrize("quiet", ["digital silence", "a line's hiss"])
def test_free_speech_ends_the_short_pause_after_the_voice_while_the_caller_stays_quiet(pool, quiet):
    # Free decoding's own endpointer never fires in digital silence, and only 0.9-1.3 s late in
    # hiss: the sound says where the voice stopped.
    spoken = VOICE.read_bytes()
    hiss = HISS.read_bytes()
    before, after = (
        (SILENCE * 4000, SILENCE * 24000)
        if quiet == "digital silence"
        else (
            hiss[:4000],
            hiss[4000:28000],
        )
    )
    events, tell = listener()
    stream = pool.open_stream(tell, max_lag=60)
    play(stream, before + spoken + after, pace=0)
    # The answer comes while the stream is still open: on the stream's own clock, the short pause
    # after the voice, whatever the machine's load.
    kind, piece, seen = wait_for(events, {"final", "ended", "failed"}, timeout=60)
    assert kind == "final" and piece.heard, seen
    said_until = 0.5 + len(spoken) / 8000
    ended_at = piece.words[-1]["end"] + piece.pause
    assert said_until + TURN_PAUSE - 0.15 <= ended_at <= said_until + TURN_PAUSE + 0.05
    # Then the caller stays quiet: the elder silence after the voice is told too.
    kind, at, _ = wait_for(events, {"pause", "final"}, timeout=60)
    assert kind == "pause"
    assert abs(at - (ended_at - TURN_PAUSE + ELDER_TRAILING_SILENCE)) < 0.05
    stream.finish()
    _, last, _ = wait_for(events, {"ended"})
    assert last.heard == ""  # everything was already given


def test_phrases_are_still_ended_by_the_decoder_not_by_the_sound(pool):
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=PHRASES, max_lag=60)
    play(stream, SILENCE * 4000 + VOICE.read_bytes() + SILENCE * 8000, pace=0)
    stream.finish()
    # Speech that is none of the phrases: nothing ended early on the sound's word.
    kind, last, seen = wait_for(events, {"final", "ended"}, timeout=60)
    assert kind == "ended" and last.text == ""
    assert [kind for kind, _ in seen if kind == "pause"] == []


def test_pieces_the_sound_ended_still_come_when_the_stream_is_finished_before_they_are_decoded(
    pool,
):
    # The caller's audio is all sent, and the stream finished, before the worker has decoded it
    # (a hang-up, or a worker behind the caller): the piece ended at the voice's pause is still
    # given, then the rest as "ended".
    events, tell = listener()
    stream = pool.open_stream(tell, max_lag=60)
    play(stream, SILENCE * 4000 + VOICE.read_bytes() + SILENCE * 24000, pace=0)
    stream.finish()
    kind, piece, seen = wait_for(events, {"final", "ended"}, timeout=60)
    assert kind == "final" and piece.heard, seen
    kind, last, _ = wait_for(events, {"ended"})
    assert last.heard == ""


@pytest.mark.parametrize("phrases", [None, PHRASES])
def test_pcm16_audio_in_frames_of_odd_bytes_is_heard_and_never_stops_the_worker(pool, phrases):
    # A sample split between two frames: the worker joins it, as the socket would.
    import numpy as np

    from elderride.speech.audio_decoding import MULAW_TABLE

    mulaw = SILENCE * 4000 + VOICE.read_bytes() + SILENCE * 16000
    pcm = MULAW_TABLE[np.frombuffer(mulaw, dtype=np.uint8)].astype("<i2").tobytes()
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=phrases, encoding="pcm16", max_lag=60)
    for offset in range(0, len(pcm), 321):
        stream.feed(pcm[offset : offset + 321])
        time.sleep(0.01)  # each frame on its own, as a live caller's come
    stream.finish()
    kind, last, seen = wait_for(events, {"ended", "failed"}, timeout=60)
    assert kind == "ended", seen
    if phrases is None:
        assert any(kind == "final" and piece.heard for kind, piece in seen), seen


UNHEARD_FORMATS = [
    (0, "mulaw"),
    (-8000, "mulaw"),
    (4, "mulaw"),
    (8000.5, "mulaw"),
    (10**9, "mulaw"),
    ("8000", "mulaw"),
    (float("nan"), "mulaw"),
    (True, "mulaw"),
    (8000, "alaw"),
    (8000, None),
]


def test_a_stream_in_a_format_no_recognizer_hears_is_refused_and_the_worker_hears_on(pool):
    # Kaldi aborts its whole process on a rate it cannot take (0, 4, 8000.5 Hz ...), and the
    # stream's own arithmetic divides by it: every stream on that worker was lost ("crashed").
    # Refused, it is what the line already handles: no live speech for this question.
    from elderride.speech.audio_decoding import Audio
    from elderride.speech.transcript import SpeechFailed

    word = read_file(FIXTURES / "yeyak-8k.ulaw")
    worker, replaced = pool.workers()[0][0], pool.replaced
    for rate, encoding in UNHEARD_FORMATS:
        with pytest.raises(StreamRefused, match="sample rate|encoding"):
            pool.open_stream(
                lambda kind, value: None, phrases=PHRASES, rate=rate, encoding=encoding
            )
    for rate in (0, 4, 8000.5):
        with pytest.raises(SpeechFailed, match="sample rate"):
            pool.transcribe(Audio(word.samples, rate))
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=PHRASES)
    play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes(), pace=2)
    stream.finish()
    _, heard, _ = wait_for(events, {"final", "ended"})
    assert heard.text == "예약"
    assert (pool.workers()[0][0], pool.replaced) == (worker, replaced)  # the same worker


def test_a_remote_stream_in_a_format_no_recognizer_hears_is_refused(recognizer_processes):
    from elderride.speech.remote import RemoteVosk

    engine = RemoteVosk([url for _, url in recognizer_processes])
    try:
        for rate, encoding in UNHEARD_FORMATS:
            with pytest.raises(StreamRefused, match="sample rate|encoding"):
                engine.open_stream(
                    lambda kind, value: None, phrases=PHRASES, rate=rate, encoding=encoding
                )
        time.sleep(0.5)  # what a recognizer sent such a stream would have done by now
        assert all(process.poll() is None for process, _ in recognizer_processes)
    finally:
        engine.close()


def test_kaldi_s_empty_word_in_a_phrase_list_is_left_out_and_never_stops_the_worker(pool):
    # "<eps>" is word 0 of the model: Kaldi aborted the worker building a phrase list with it.
    worker, replaced = pool.workers()[0][0], pool.replaced
    word = read_file(FIXTURES / "yeyak-8k.ulaw")
    whole = pool.transcribe(word, phrases=["<eps>", *PHRASES])
    assert (whole.text, whole.dropped) == ("예약", ["<eps>"])
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=[*PHRASES, "<eps>"])
    play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes(), pace=2)
    stream.finish()
    _, heard, _ = wait_for(events, {"final", "ended"})
    assert (heard.text, heard.dropped) == ("예약", ["<eps>"])
    assert (pool.workers()[0][0], pool.replaced) == (worker, replaced)


def test_a_phrase_list_no_recognizer_can_take_fails_its_stream_only(pool):
    # A lone surrogate cannot be handed to Vosk at all: starting the stream raised in the worker's
    # loop, which stopped the worker and every stream on it.
    worker, replaced = pool.workers()[0][0], pool.replaced
    events, tell = listener()
    pool.open_stream(tell, phrases=["\ud800"])
    kind, reason, _ = wait_for(events, {"failed", "ended"})
    assert (kind, reason) == ("failed", "refused")
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=PHRASES)
    play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes(), pace=2)
    stream.finish()
    _, heard, _ = wait_for(events, {"final", "ended"})
    assert heard.text == "예약"
    assert (pool.workers()[0][0], pool.replaced) == (worker, replaced)


def test_a_recording_past_its_timeout_costs_that_recording_only_and_the_streams_hear_on(pool):
    # The worker decodes a recording in a thread of its own beside its streams, so a recording
    # that runs late says nothing about the worker: killing it for that took every live stream
    # it held (four callers at 10 calls) along with the one recording.
    from elderride.speech.transcript import SpeechFailed

    worker, replaced = pool.workers()[0][0], pool.replaced
    events, tell = listener()
    stream = pool.open_stream(tell, phrases=PHRASES)
    with pytest.raises(SpeechFailed, match="longer than"):
        # Free speech over seconds of audio: far past a tenth of a second.
        pool.transcribe(read_file(FIXTURES / "long-8k.ulaw"), timeout=0.1)
    play(stream, (FIXTURES / "yeyak-8k.ulaw").read_bytes() + SILENCE * 8000 * 2)
    kind, heard, seen = wait_for(events, {"final", "failed"})
    assert kind == "final", seen  # on the killed worker: ("failed", "crashed")
    assert heard.text == "예약"
    stream.finish()
    assert wait_for(events, {"ended", "failed"})[0] == "ended"
    assert (pool.workers()[0][0], pool.replaced) == (worker, replaced)  # the same worker
    # The abandoned recording's late answer goes to nobody: the next recording hears its own.
    assert pool.transcribe(read_file(FIXTURES / "ne-8k.ulaw"), phrases=PHRASES).text == "네"
    assert (pool.workers()[0][0], pool.replaced) == (worker, replaced)
