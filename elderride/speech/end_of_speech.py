"""Hearing where a caller stopped speaking from the sound alone, beside the decoder: a voice is
loud over the line's own noise and periodic, hiss, a click or a cough is not; a breathy voice with
no pitch to speak of is loud over the noise for longer than a cough.

Kaldi's endpointer decides from its decode whether a frame is silence.  Free
decoding with the Korean model never calls digital silence (the exact μ-law
0xFF a phone network sends) silence, so a free-speech answer would only end
when the stream stops.  This detector gives the turn its end instead.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from elderride.speech.models import ELDER_TRAILING_SILENCE, TURN_PAUSE

FRAME_SECONDS = 0.02  # Twilio's media frames are 20 ms
# The line's noise floor (RMS of 16-bit samples) never falls below this: digital silence is 0, and
# a floor of 0 would make any faint click loud.  -64 dBFS, under any real line's hiss.
MIN_FLOOR = 20.0
# A voice is this many times louder than the floor (about 10 dB).  A quiet older voice close to a
# phone is 20-30 dB over a line's hiss.
LOUDER_THAN_FLOOR = 3.0
# ... and this periodic: the best normalised autocorrelation at a pitch between 70 and 400 Hz.
# A vowel scores 0.7-0.95; hiss, a click or a cough's burst of noise stays under 0.4.
PERIODIC = 0.5
# How fast the floor follows a louder line, per frame that is not voice (about a second): hiss is
# learnt within a second, a cough barely moves it.  A quieter line is followed at once.
FLOOR_RISE = 0.02
# This much voice in all makes a piece speech; a single voiced-looking frame does not.
MIN_SPEECH_SECONDS = 0.1
# A breathy or whispered voice has almost no pitch (espeak-ng's whisper scores 0.2-0.4, as hiss
# does), so loud sound without one is speech once there is this much of it, each part within a
# turn's pause of the last: longer than a cough's burst (0.1-0.3 s) or a click.
MIN_BREATH_SECONDS = 0.5
# A voice breaks at least this often (a consonant, a breath: the slowest address said ran 1 s
# unbroken); a pitched sound that runs on longer is the line's own (music, a hum, a radio), which
# the floor then learns as it learns hiss.
BACKGROUND_SECONDS = 3.0


@dataclasses.dataclass
class Frame:
    """What one frame of audio sounded like."""

    loudness: float  # RMS of the 16-bit samples
    periodicity: float  # 0 (noise) .. 1 (a steady pitch)
    voice: bool
    # Loud over the floor but without a pitch: a breath, a whisper, a cough, the start of louder
    # hiss.  Speech only when there is enough of it (see MIN_BREATH_SECONDS).
    breath: bool = False
    # On the frame that finds it: the seconds of unbroken pitched sound before it, found to be the
    # line's own and no voice after all.
    background: float = 0.0


class VoiceDetector:
    """Calls each 20 ms frame of 16-bit PCM voice or not, against a noise floor it learns from the
    line."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.frame_samples = int(rate * FRAME_SECONDS)
        self.floor = MIN_FLOOR
        # Pitch lags: 400 Hz down to 70 Hz, fitting inside a frame with room to compare.
        self._lags = range(max(1, rate // 400), min(rate // 70, self.frame_samples * 3 // 4))
        self._previous = np.zeros(0, dtype=np.float64)
        self.run = 0  # frames of unbroken loud, pitched sound up to this one

    def frame(self, samples: np.ndarray) -> Frame:
        """Judge one frame (`frame_samples` 16-bit samples) and let the floor learn from it."""
        current = samples.astype(np.float64)
        loudness = float(np.sqrt(np.mean(current * current))) if len(current) else 0.0
        periodicity = 0.0
        if loudness > self.floor * LOUDER_THAN_FLOOR:
            periodicity = self._periodicity(np.concatenate([self._previous, current]))
        self._previous = current
        voice = loudness > self.floor * LOUDER_THAN_FLOOR and periodicity >= PERIODIC
        self.run = self.run + 1 if voice else 0
        background = 0.0
        if self.run * FRAME_SECONDS > BACKGROUND_SECONDS + 1e-9:
            voice = False
            if self.run == round(BACKGROUND_SECONDS / FRAME_SECONDS) + 1:
                background = round((self.run - 1) * FRAME_SECONDS, 3)
        breath = loudness > self.floor * LOUDER_THAN_FLOOR and periodicity < PERIODIC
        if loudness < self.floor:
            self.floor = max(MIN_FLOOR, loudness)
        elif not voice:
            # A breath too: louder hiss is learnt as the floor, so it is a breath for a moment only.
            self.floor += FLOOR_RISE * (loudness - self.floor)
        return Frame(
            round(loudness, 1), round(periodicity, 3), voice, breath=breath, background=background
        )

    def _periodicity(self, window: np.ndarray) -> float:
        """The best autocorrelation of `window` at a pitch lag, over its energy (unbiased)."""
        window = window - window.mean()
        size = len(window)
        spectrum = np.fft.rfft(window, 2 * size)
        correlation = np.fft.irfft(spectrum * np.conj(spectrum))[:size]
        if correlation[0] <= 0:
            return 0.0
        lags = np.arange(self._lags.start, min(self._lags.stop, size - 1))
        unbiased = correlation[lags] / (size - lags) / (correlation[0] / size)
        return float(max(0.0, unbiased.max())) if len(lags) else 0.0


@dataclasses.dataclass
class Event:
    """Where in the audio given to `EndOfSpeech.hear` a turn's silence was reached."""

    offset: int  # bytes into that audio: the event is after this many
    kind: str  # "end": the pause after speech; "quiet": the elder silence with no speech since
    seconds: float  # where on the stream's audio clock


class EndOfSpeech:
    """Follows one live stream's audio and says where a pause after speech, or a long silence,
    is reached.

    "end" comes once per piece of speech, `pause` seconds after its last voiced
    frame; "quiet" once per silence, `quiet` seconds after the last voice (or
    the start) when no speech came since the last "end" — the caller stayed
    quiet.  `ended()` starts a new piece when the decoder ended one itself.
    """

    def __init__(self, rate: int, *, pause: float, quiet: float) -> None:
        self.detector = VoiceDetector(rate)
        self.pause = pause
        self.quiet = quiet
        self.seconds = 0.0  # audio heard so far
        self.voiced = 0.0  # seconds of voice in the current piece
        self.last_voice = 0.0  # where the last voiced frame ended
        self.told_quiet = False
        self.breathed = 0.0  # seconds of loud sound without a pitch, each near the last
        self.last_breath = 0.0
        self._pending = np.zeros(0, dtype=np.int16)

    def ended(self) -> None:
        """The decoder ended the piece itself: what follows is a new one."""
        self.voiced = 0.0
        self.breathed = 0.0

    def _breathy(self) -> bool:
        """Take a frame loud without a pitch; tell whether the breathy sound so far is speech."""
        if self.seconds - FRAME_SECONDS - self.last_breath > self.pause:
            self.breathed = 0.0  # too far from the last to be the same speech
        speech = self.breathed >= MIN_BREATH_SECONDS - 1e-9
        self.breathed += FRAME_SECONDS
        self.last_breath = self.seconds
        if not speech and self.breathed >= MIN_BREATH_SECONDS - 1e-9:
            # Speech after all: the breathy frames before this one count as its voice.
            self.voiced += self.breathed - FRAME_SECONDS
            speech = True
        return speech

    def hear(self, pcm: bytes) -> list[Event]:
        """Take 16-bit little-endian PCM; return the events it reached, in order."""
        samples = np.concatenate([self._pending, np.frombuffer(pcm, dtype="<i2")])
        size = self.detector.frame_samples
        whole = len(samples) // size * size
        self._pending = samples[whole:]
        events = []
        # Byte offsets count in `pcm`: the pending samples came before it.
        start = -2 * (len(samples) - len(pcm) // 2)
        for index in range(0, whole, size):
            frame = self.detector.frame(samples[index : index + size])
            self.seconds += FRAME_SECONDS
            offset = max(0, start + 2 * (index + size))
            if frame.background:
                # That sound was the line's, not the caller's: no speech.  The caller's silence
                # counts from here, not from where it began: a caller's own long "ummm" is not
                # taken for an elder silence already waited.
                self.voiced = max(0.0, self.voiced - frame.background)
                self.last_voice = self.seconds
            if frame.voice or (frame.breath and self._breathy()):
                self.voiced += FRAME_SECONDS
                self.last_voice = self.seconds
                self.told_quiet = False
                continue
            silent = self.seconds - self.last_voice
            if self.voiced > 0 and silent >= self.pause - 1e-9:
                if self.voiced >= MIN_SPEECH_SECONDS:
                    events.append(Event(offset, "end", round(self.seconds, 3)))
                self.voiced = 0.0  # too little voice to be speech: a click that looked voiced
                self.breathed = 0.0
            elif self.voiced == 0.0 and not self.told_quiet and silent >= self.quiet - 1e-9:
                self.told_quiet = True
                events.append(Event(offset, "quiet", round(self.seconds, 3)))
        return events


def free_speech_turns(rate: int) -> EndOfSpeech:
    """Where a free-speech answer's pieces end, wherever it is decoded: the short pause after the
    voice, and the elder silence when nothing more is said (ivr/turns.py takes it from there)."""
    return EndOfSpeech(rate, pause=TURN_PAUSE, quiet=ELDER_TRAILING_SILENCE)
