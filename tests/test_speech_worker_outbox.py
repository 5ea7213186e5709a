"""A speech worker's outbox: a stream's messages keep their order behind its answers' filler
checks, and one check that fails costs that answer only, never the worker's later answers."""

import multiprocessing
import time
from pathlib import Path

from elderride.speech.worker import _Outbox


def received(connection, count, timeout=5.0):
    messages = []
    while len(messages) < count and connection.poll(timeout):
        messages.append(connection.recv())
    return messages


def settled(outbox, keys, timeout=5.0):
    """Whether no message of `keys` waits in the checker any more (it counts down just after
    sending)."""
    deadline = time.monotonic() + timeout
    while any(outbox.checking(key) for key in keys):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_a_check_that_fails_costs_its_answer_only_and_the_stream_still_ends():
    pool, worker = multiprocessing.Pipe()
    outbox = _Outbox(worker)

    def failing_check():
        raise ValueError("the check could not read the answer's audio")

    outbox.later(1, failing_check)
    outbox.in_order(("ended", 1, {"heard": ""}))
    outbox.later(2, lambda: ("final", 2, {"heard": "네"}))
    outbox.in_order(("pause", 3, 1.2))
    messages = received(pool, 3)
    # Stream 3 had nothing waiting: its pause went at once, ahead of the others.
    assert messages[0] == ("pause", 3, 1.2)
    assert sorted(messages[1:]) == [("ended", 1, {"heard": ""}), ("final", 2, {"heard": "네"})]
    assert settled(outbox, [1, 2])


def test_a_stream_s_messages_keep_their_order_behind_its_answer_s_check():
    pool, worker = multiprocessing.Pipe()
    outbox = _Outbox(worker)
    for key in range(1, 41):
        outbox.later(key, lambda key=key: ("final", key, {"heard": "네"}))
        outbox.in_order(("pause", key, 2.0))
        outbox.in_order(("ended", key, {"heard": ""}))
    messages = received(pool, 120)
    for key in range(1, 41):
        assert [kind for kind, k, _ in messages if k == key] == ["final", "pause", "ended"]
    assert settled(outbox, range(1, 41))


def test_an_ended_whose_filler_check_raises_still_reaches_the_line_unconfirmed(model_path):
    # The real model, and an answer's audio the check cannot cut into 0.2 s pieces (at 4 Hz no
    # piece holds a sample): the check raises. The stream's "ended" was lost with it, and the
    # line waited for it until its own timeout.
    import functools

    from elderride.speech.audio_decoding import Audio, read_file
    from elderride.speech.recognizer import load_model, recognize
    from elderride.speech.worker import _ended

    model = load_model(model_path)
    word = read_file(Path(__file__).parent / "fixtures" / "audio" / "yeyak-8k.ulaw")
    phrases = ["네", "아니요", "예약"]
    heard = recognize(model, word, phrases)  # the phrase list's answer, not yet checked
    assert heard.text == "예약"
    pool, worker = multiprocessing.Pipe()
    outbox = _Outbox(worker)
    segment = Audio(word.samples, 4)
    outbox.later(1, functools.partial(_ended, model, 1, heard, segment, phrases))
    [(kind, key, detail)] = received(pool, 1)
    # Not confirmed, so nothing heard: the line asks again rather than take an unchecked phrase.
    assert (kind, key, detail["text"], detail["rejected"]) == ("ended", 1, "", "예약")
