"""Taking turns on a live stream: a whole answer ends the turn at once, a part of one waits."""

from elderride.intake.addresses import is_whole
from elderride.ivr.turns import Turn
from elderride.speech.models import ELDER_TRAILING_SILENCE, TURN_PAUSE
from elderride.speech.transcript import Transcript


def piece(heard, *, pause=TURN_PAUSE, start=0.0):
    words = [
        {"word": word, "conf": 0.9, "start": start + index, "end": start + index + 0.5}
        for index, word in enumerate(heard.split())
    ]
    return Transcript(
        text=heard,
        words=words,
        confidence=0.9,
        duration=3.0,
        decode_seconds=0.1,
        heard=heard,
        pause=pause,
    )


def test_a_whole_address_ends_the_turn_at_the_short_pause():
    turn = Turn(free_speech=True, language="en")
    said = turn.heard(piece("twenty two oak road"))
    assert said is not None and said.heard == "twenty two oak road"


def test_a_caller_who_pauses_after_the_house_number_is_not_cut_off():
    turn = Turn(free_speech=True, language="en")
    assert turn.heard(piece("twenty two")) is None  # a house number alone: keep listening
    said = turn.heard(piece("oak road", start=3.0))
    assert said is not None and said.heard == "twenty two oak road"
    assert [word["word"] for word in said.words] == ["twenty", "two", "oak", "road"]


def test_a_part_of_an_address_is_answered_once_the_caller_stays_quiet():
    turn = Turn(free_speech=True, language="en")
    assert turn.heard(piece("the big house")) is None
    said = turn.quiet()
    assert said is not None and said.heard == "the big house"
    assert turn.quiet() is None  # nothing held any more


def test_a_part_of_an_address_after_the_elder_silence_is_the_answer():
    turn = Turn(free_speech=True, language="en")
    said = turn.heard(piece("the big house", pause=ELDER_TRAILING_SILENCE + 0.3))
    assert said is not None and said.heard == "the big house"


def test_the_stream_ending_gives_everything_held():
    turn = Turn(free_speech=True, language="zh")
    assert turn.heard(piece("大关路")) is None
    said = turn.ended(piece("", pause=None))
    assert said.heard == "大关路"


def test_a_phrase_question_takes_each_piece_as_said():
    turn = Turn(free_speech=False, language="en")
    assert turn.heard(piece("yes")).heard == "yes"


def test_whole_addresses_in_english_and_chinese():
    assert is_whole("twenty two oak road", "en")
    assert is_whole("one hundred and five church street", "en")
    assert is_whole("22 Oak Road", "en")
    assert not is_whole("twenty two", "en")
    assert not is_whole("twenty two oak", "en")
    assert not is_whole("oak road", "en")
    assert not is_whole("twenty two road", "en")  # no street name yet
    assert not is_whole("twenty two oak road flat", "en")  # the flat's number follows
    assert is_whole("大关路十二号", "zh")
    assert is_whole("我去延安路 12 号", "zh")
    assert not is_whole("大关路", "zh")
    assert not is_whole("十二号", "zh")


def test_a_caller_who_pauses_mid_address_is_not_cut_off_when_the_sound_ends_the_pieces(
    model_path,
):
    # The same as above, on real speech through a speech worker: the sound ends the first piece
    # 0.45 s into a 0.8 s pause, the turn holds it, and the answer is both pieces, given once the
    # caller stays quiet for the elder silence after the second.
    import queue
    from pathlib import Path

    from elderride.speech.local import LocalVosk

    audio = Path(__file__).parent / "fixtures" / "audio"
    first = (audio / "sijange-gayo-voice-8k.ulaw").read_bytes()
    second = (audio / "jibe-gayo-voice-8k.ulaw").read_bytes()
    quiet = b"\xff"  # digital silence
    pool = LocalVosk(model_path, workers=1, trailing_silence=ELDER_TRAILING_SILENCE, timeout=60)
    try:
        pool.wait_ready()
        events: queue.Queue = queue.Queue()
        stream = pool.open_stream(lambda kind, value: events.put((kind, value)), max_lag=60)
        stream.feed(quiet * 4000 + first + quiet * 6400 + second + quiet * 24000)
        turn = Turn(free_speech=True, language="en")
        pieces, answer = 0, None
        while answer is None:
            kind, value = events.get(timeout=60)
            if kind == "final":
                pieces += 1
                answer = turn.heard(value)
            elif kind == "pause":
                answer = turn.quiet(value)
            assert kind not in ("failed", "ended"), value
        stream.cancel()
    finally:
        pool.close()
    second_from = 0.5 + len(first) / 8000 + 0.8
    said_until = second_from + len(second) / 8000
    assert pieces == 2
    # Both pieces are in the one answer.
    assert answer.words[0]["start"] < second_from - 0.8 and answer.words[-1]["end"] > second_from
    # On the stream's own clock: the elder silence after the second piece, not sooner.
    ended_at = answer.words[-1]["end"] + answer.pause
    assert (
        said_until + ELDER_TRAILING_SILENCE - 0.15
        <= ended_at
        <= said_until + ELDER_TRAILING_SILENCE + 0.05
    )
