"""Where a caller stopped speaking, from the sound alone: digital silence, a line's hiss, a quiet
voice, a click and a cough, made here sample by sample; and the real espeak-ng voice."""

from pathlib import Path

import numpy as np

from elderride.speech.audio_decoding import MULAW_TABLE
from elderride.speech.end_of_speech import (
    BACKGROUND_SECONDS,
    MIN_FLOOR,
    EndOfSpeech,
    VoiceDetector,
)
from elderride.speech.models import ELDER_TRAILING_SILENCE, TURN_PAUSE

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
RATE = 8000
rng = np.random.default_rng(30)


def pcm(samples):
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()


def silence(seconds):
    return np.zeros(int(RATE * seconds))


def hiss(seconds, rms=80.0):
    return rng.normal(0, rms, int(RATE * seconds))


def voice(seconds, rms, pitch=130.0):
    """A steady vowel: a pitch and its first harmonics, shaped like a spoken syllable."""
    time = np.arange(int(RATE * seconds)) / RATE
    wave = sum(np.sin(2 * np.pi * pitch * n * time) / n for n in range(1, 8))
    wave *= np.hanning(len(time)) ** 0.3
    return wave * rms / np.sqrt(np.mean(wave * wave))


def mulaw(path):
    return MULAW_TABLE[np.frombuffer(path.read_bytes(), dtype=np.uint8)].astype(float)


def events(*parts):
    listener = EndOfSpeech(RATE, pause=TURN_PAUSE, quiet=ELDER_TRAILING_SILENCE)
    return [(event.kind, event.seconds) for event in listener.hear(pcm(np.concatenate(parts)))]


def voiced_frames(samples):
    detector = VoiceDetector(RATE)
    size = detector.frame_samples
    frames = [
        detector.frame(samples[i : i + size]) for i in range(0, len(samples) - size + 1, size)
    ]
    return sum(frame.voice for frame in frames), detector


def test_digital_silence_is_quiet_and_never_speech():
    count, detector = voiced_frames(silence(3))
    assert count == 0 and detector.floor == MIN_FLOOR
    assert events(silence(3)) == [("quiet", ELDER_TRAILING_SILENCE)]


def test_a_line_s_hiss_is_learnt_as_its_floor_and_never_speech():
    count, detector = voiced_frames(hiss(3, rms=150))
    assert count == 0
    assert 100 < detector.floor < 200  # the floor rose to the hiss
    assert events(hiss(3, rms=150)) == [("quiet", ELDER_TRAILING_SILENCE)]


def test_a_quiet_voice_over_hiss_is_speech_and_ends_after_the_pause():
    # A voice 12 dB over the hiss, 0.6 s long after a second of hiss.
    said = events(hiss(1, rms=40), voice(0.6, rms=160) + hiss(0.6, rms=40), hiss(2, rms=40))
    [(kind, at), (then, quiet_at)] = said
    assert kind == "end" and 1.6 + TURN_PAUSE - 0.1 <= at <= 1.6 + TURN_PAUSE + 0.05
    # The elder silence after the voice, as the turn's "quiet".
    assert then == "quiet" and abs(quiet_at - (at - TURN_PAUSE + ELDER_TRAILING_SILENCE)) < 0.05


def test_a_quiet_voice_over_digital_silence_is_speech():
    said = events(silence(0.5), voice(0.5, rms=80), silence(1))
    assert [kind for kind, _ in said] == ["end"]


def test_a_click_is_not_speech():
    click = silence(1)
    click[4000:4004] = [20000, -20000, 12000, -6000]
    count, _ = voiced_frames(click)
    assert count == 0
    assert events(click, silence(1)) == [("quiet", ELDER_TRAILING_SILENCE)]


def test_a_cough_is_not_speech():
    burst = hiss(0.3, rms=3000) * np.exp(-np.linspace(0, 4, int(RATE * 0.3)))
    # Not speech: the caller's silence counts on through it, from the start.
    assert events(silence(0.5), burst, silence(2)) == [("quiet", ELDER_TRAILING_SILENCE)]


def test_a_pause_shorter_than_the_turn_s_does_not_end_the_speech():
    said = events(silence(0.2), voice(0.4, 1000), silence(0.3), voice(0.4, 1000), silence(1))
    assert [kind for kind, _ in said] == ["end"]
    assert abs(said[0][1] - (1.3 + TURN_PAUSE)) <= 0.1


def test_the_real_voice_ends_the_pause_after_it_in_digital_silence_and_in_hiss():
    spoken = mulaw(FIXTURES / "sijange-gayo-voice-8k.ulaw")
    line_hiss = mulaw(FIXTURES / "hiss-8k.ulaw")
    said_until = 0.5 + len(spoken) / RATE
    for before, after in ((silence(0.5), silence(3)), (line_hiss[:4000], line_hiss[4000:])):
        [(kind, at), (then, _)] = events(before, spoken, after)
        assert kind == "end" and then == "quiet"
        assert said_until + TURN_PAUSE - 0.15 <= at <= said_until + TURN_PAUSE + 0.02


def test_a_whispered_voice_ends_the_pause_after_it_in_digital_silence_and_in_hiss():
    # espeak-ng's whisper: breath without a pitch (periodicity 0.2-0.4, as hiss), so it was never
    # voice and a breathy caller's answer never ended on the sound.
    whispered = mulaw(FIXTURES / "sijange-gayo-whisper-8k.ulaw")
    line_hiss = mulaw(FIXTURES / "hiss-8k.ulaw")
    said_until = 0.5 + len(whispered) / RATE
    for before, after in ((silence(0.5), silence(3)), (line_hiss[:4000], line_hiss[4000:])):
        [(kind, at), (then, _)] = events(before, whispered, after)
        assert kind == "end" and then == "quiet"
        # Its last breath fades under the line's floor a little before the sound file ends.
        assert said_until + TURN_PAUSE - 0.3 <= at <= said_until + TURN_PAUSE + 0.02


def test_louder_hiss_coming_on_is_learnt_not_taken_for_a_whisper():
    for louder in (400, 1300):  # 20 and 30 dB over the hiss before it
        assert events(hiss(1, rms=40), hiss(3, rms=louder)) == [("quiet", ELDER_TRAILING_SILENCE)]


def test_audio_in_pieces_of_any_size_gives_the_same_events_at_the_right_bytes():
    audio = pcm(np.concatenate([silence(0.3), voice(0.5, 1000), silence(2)]))
    whole = EndOfSpeech(RATE, pause=TURN_PAUSE, quiet=ELDER_TRAILING_SILENCE).hear(audio)
    pieces = EndOfSpeech(RATE, pause=TURN_PAUSE, quiet=ELDER_TRAILING_SILENCE)
    found, taken = [], 0
    for size in (334, 1000, 6, 4096) * 20:  # bytes: whole 16-bit samples
        chunk = audio[taken : taken + size]
        found += [(taken + event.offset, event.kind, event.seconds) for event in pieces.hear(chunk)]
        taken += len(chunk)
    assert found == [(event.offset, event.kind, event.seconds) for event in whole]
    # Each event falls after the frame that reached it: the seconds in bytes.
    assert all(offset == round(seconds * RATE) * 2 for offset, _, seconds in found)


def music(seconds, rms=300.0):
    """Chords held half a second each, as a radio or a hold tune plays them: pitched, unbroken."""
    chords = [(262, 330, 392), (294, 370, 440), (330, 415, 494)]
    time = np.arange(int(RATE * 0.5)) / RATE
    held = [sum(np.sin(2 * np.pi * pitch * time) for pitch in chord) for chord in chords]
    tune = np.tile(np.concatenate(held), int(seconds / 1.5) + 1)[: int(RATE * seconds)]
    return tune * rms / np.sqrt(np.mean(tune * tune))


def test_music_on_the_line_is_learnt_and_the_voice_over_it_still_ends():
    spoken = mulaw(FIXTURES / "sijange-gayo-voice-8k.ulaw")
    line = music(9)
    start = 5.0
    line[int(RATE * start) : int(RATE * start) + len(spoken)] += spoken
    said = events(line)
    ends = [at for kind, at in said if kind == "end"]
    said_until = start + len(spoken) / RATE
    assert (
        len(ends) == 1
        and said_until + TURN_PAUSE - 0.15 <= ends[0] <= said_until + TURN_PAUSE + 0.02
    )
    # Before the voice, the caller was quiet under the music: told the elder silence after it
    # was learnt.
    assert said[0][0] == "quiet" and said[0][1] < start


def test_a_hum_from_the_start_is_the_line_s_and_the_caller_s_silence_is_told():
    time = np.arange(RATE * 5) / RATE
    hum = 300 * np.sin(2 * np.pi * 50 * time)  # the mains, under everything said
    said = events(hum)
    assert [kind for kind, _ in said] == ["quiet"]
    assert said[0][1] <= BACKGROUND_SECONDS + ELDER_TRAILING_SILENCE + 0.1


def test_a_caller_s_own_long_hum_is_never_taken_for_a_silence_already_waited():
    # "Ummmmmmm", held past the background's length: learnt as the line's, but the caller's
    # silence counts from there, never from where the hum began.
    said = events(silence(0.3), voice(4, 2000, pitch=110), silence(3))
    quiet = [at for kind, at in said if kind == "quiet"]
    assert quiet and quiet[0] >= 0.3 + BACKGROUND_SECONDS + ELDER_TRAILING_SILENCE - 0.05
