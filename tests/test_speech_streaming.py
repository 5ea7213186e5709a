"""Streaming recognition in the worker pool, with the real Vosk engine and the Korean test model."""

import os
import queue
import signal
import time
from pathlib import Path

import pytest

from elderride.speech.audio_decoding import read_file
from elderride.speech.local import LocalVosk
from elderride.speech.models import ELDER_TRAILING_SILENCE
from elderride.speech.transcript import StreamRefused

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
PHRASES = ["네", "아니요", "예약"]
FRAME = 160  # 20 ms of 8 kHz mu-law, as Twilio sends it
SILENCE = b"\xff"  # mu-law's zero


@pytest.fixture(scope="module")
def pool(model_path):
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
    streams = [pool.open_stream(lambda kind, value: None) for _ in range(3)]
    assert not pool.has_room()
    with pytest.raises(StreamRefused):
        pool.open_stream(lambda kind, value: None)
    streams[0].cancel()
    assert pool.has_room()
    for stream in streams[1:]:
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
