"""Audio in: WAV files and Twilio's raw 8 kHz mu-law, decoded with numpy into 16-bit mono
samples."""

import dataclasses
import io
import os
import struct
import wave
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

MIN_RATE = 8000
MAX_RATE = 48000
# How a live stream's audio may come, and its bytes per sample.
STREAM_ENCODINGS = {"mulaw": 1, "pcm16": 2}
# A phone answer is seconds long; anything past this is not an answer, and would tie up a worker.
MAX_SECONDS = 120

_WAVE_PCM = 0x0001
_WAVE_MULAW = 0x0007
_WAVE_EXTENSIBLE = 0xFFFE


class AudioError(ValueError):
    """Audio that elderride cannot read, with a message saying why."""


def rate_problem(rate: object) -> str | None:
    """Say why audio at `rate` samples a second cannot be heard, or None when it can (Kaldi aborts
    the whole process on a rate that is not a whole number of hertz, or too low)."""
    if isinstance(rate, bool) or not isinstance(rate, int):
        return f"The sample rate is not a whole number of hertz: {rate!r}"
    if not MIN_RATE <= rate <= MAX_RATE:
        return f"The sample rate {rate} Hz is outside {MIN_RATE}–{MAX_RATE} Hz."
    return None


def stream_format_problem(rate: object, encoding: object) -> str | None:
    """Say why a live stream at `rate` in `encoding` cannot be heard, or None when it can."""
    if not isinstance(encoding, str) or encoding not in STREAM_ENCODINGS:
        return f"The encoding {encoding!r} is none of {', '.join(STREAM_ENCODINGS)}."
    return rate_problem(rate)


@dataclasses.dataclass(frozen=True)
class Audio:
    """Mono 16-bit samples and their rate."""

    samples: npt.NDArray[np.int16]
    rate: int

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.rate

    def pcm_bytes(self) -> bytes:
        """Return the samples as little-endian 16-bit PCM, as Vosk takes them."""
        return self.samples.astype("<i2", copy=False).tobytes()

    def wav_bytes(self) -> bytes:
        """Return the samples as a 16-bit PCM WAV file, which every browser's player plays."""
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as file:
            file.setnchannels(1)
            file.setsampwidth(2)
            file.setframerate(self.rate)
            file.writeframes(self.pcm_bytes())
        return buffer.getvalue()


def _mulaw_table() -> npt.NDArray[np.int16]:
    """Return the 256 linear values of G.711 mu-law codes."""
    codes = ~np.arange(256, dtype=np.int32) & 0xFF
    sign = codes & 0x80
    exponent = (codes >> 4) & 0x07
    mantissa = codes & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(sign != 0, -magnitude, magnitude).astype(np.int16)


MULAW_TABLE = _mulaw_table()


def decode_mulaw(data: bytes, rate: int = 8000) -> Audio:
    """Decode raw mu-law bytes (Twilio's recordings and media streams) into Audio."""
    if not data:
        raise AudioError("The audio is empty.")
    _check_length(len(data), rate)
    return Audio(MULAW_TABLE[np.frombuffer(data, dtype=np.uint8)], rate)


def _check_length(frames: int, rate: int) -> None:
    if frames / rate > MAX_SECONDS:
        raise AudioError(f"The audio is longer than {MAX_SECONDS} seconds.")


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Yield (chunk id, body) of a RIFF file's chunks."""
    offset = 12
    while offset + 8 <= len(data):
        chunk_id, size = struct.unpack_from("<4sI", data, offset)
        body = data[offset + 8 : offset + 8 + size]
        yield chunk_id, body
        offset += 8 + size + (size & 1)


def decode_wav(data: bytes) -> Audio:
    """Decode a WAV file (16-bit PCM or 8-bit mu-law, mono or stereo, 8–48 kHz) into mono Audio."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioError("This is not a WAV file.")
    fmt = samples = None
    for chunk_id, body in _chunks(data):
        if chunk_id == b"fmt " and len(body) >= 16:
            fmt = struct.unpack_from("<HHIIHH", body)
            if fmt[0] == _WAVE_EXTENSIBLE and len(body) >= 26:
                # The real format is the first two bytes of the SubFormat GUID.
                fmt = (struct.unpack_from("<H", body, 24)[0],) + fmt[1:]
        elif chunk_id == b"data":
            samples = body
    if fmt is None or samples is None:
        raise AudioError("The WAV file has no format or no audio.")
    format_tag, channels, rate, _, _, bits = fmt
    if problem := rate_problem(rate):
        raise AudioError(problem)
    if channels not in (1, 2):
        raise AudioError(f"The audio has {channels} channels; only mono and stereo are read.")
    if format_tag == _WAVE_PCM and bits == 16:
        frames = np.frombuffer(samples[: len(samples) - len(samples) % (2 * channels)], dtype="<i2")
    elif format_tag == _WAVE_MULAW and bits == 8:
        frames = MULAW_TABLE[np.frombuffer(samples, dtype=np.uint8)]
    else:
        raise AudioError(
            f"Only 16-bit PCM and mu-law WAV files are read (this one is format {format_tag}, "
            f"{bits}-bit)."
        )
    if len(frames) == 0:
        raise AudioError("The audio is empty.")
    _check_length(len(frames) // channels, rate)
    if channels == 2:
        # Mixing in int32 keeps two loud channels from overflowing.
        frames = frames.reshape(-1, 2).astype(np.int32).mean(axis=1).astype(np.int16)
    return Audio(np.ascontiguousarray(frames, dtype=np.int16), rate)


def decode(data: bytes | bytearray | memoryview, content_type: str | None = None) -> Audio:
    """Decode audio bytes: WAV by its header, raw mu-law when the content type says so."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise AudioError("Audio must be bytes.")
    data = bytes(data)
    if not data:
        raise AudioError("The audio is empty.")
    if data[:4] == b"RIFF":
        return decode_wav(data)
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("audio/basic", "audio/x-mulaw", "audio/mulaw", "audio/pcmu"):
        return decode_mulaw(data)
    raise AudioError("Unknown audio format: send a WAV file, or raw 8 kHz mu-law as audio/basic.")


def read_file(path: str | os.PathLike[str]) -> Audio:
    """Decode an audio file, taking a .ulaw / .mulaw / .au-less raw file as 8 kHz mu-law."""
    with open(path, "rb") as file:
        data = file.read()
    suffix = str(path).lower().rsplit(".", 1)[-1]
    content_type = "audio/basic" if suffix in ("ulaw", "mulaw", "mu", "raw") else None
    return decode(data, content_type)


def pcm16(data: bytes, encoding: str) -> bytes:
    """Return `data` (whole samples in `encoding`) as 16-bit little-endian PCM."""
    if encoding == "mulaw":
        return MULAW_TABLE[np.frombuffer(data, dtype=np.uint8)].astype("<i2", copy=False).tobytes()
    return bytes(data)
