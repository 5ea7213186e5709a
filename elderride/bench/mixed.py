"""Live streams on the speech workers, alone and with whole recordings decoding beside them.

A line whose live streams are full answers its next callers through <Record>,
and their recordings are decoded by the same workers.  This bench times the
streams' answers in alternating rounds, alone and with long recordings being
decoded on the same pool, so the cost of the recordings to the streams is a
ratio taken on the same machine in the same run.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from pathlib import Path
from typing import Any

from elderride.bench import rounds
from elderride.bench.measure import percentile

FRAME = 160  # 20 ms of 8 kHz mu-law, as Twilio sends it
SILENCE = b"\xff"
LEAD_IN = 0.5  # seconds of quiet before each caller speaks
AFTER = 1.5  # seconds of quiet after the word, so the endpointer ends it
PHRASES = ["네", "아니요", "예약"]
WORD = "예약"


def _speak(pool: Any, word: bytes, start: threading.Barrier) -> dict[str, Any]:
    """Play one caller's word at the telephone's pace; return how long after the word its answer
    came, or why it did not."""
    events: queue.Queue[tuple[str, Any, float]] = queue.Queue()
    stream = pool.open_stream(
        lambda kind, value: events.put((kind, value, time.monotonic())), phrases=PHRASES
    )
    audio = SILENCE * int(8000 * LEAD_IN) + word
    start.wait()
    began = time.monotonic()
    spoken_until = None
    for index, offset in enumerate(range(0, len(audio) + int(8000 * AFTER), FRAME)):
        if offset >= len(audio) and spoken_until is None:
            spoken_until = time.monotonic()
        frame = audio[offset : offset + FRAME] or SILENCE * FRAME
        if not stream.feed(frame):
            break
        # Paced against the clock, as a caller's frames arrive, not after each other's delays.
        time.sleep(max(0.0, began + (index + 1) * 0.02 - time.monotonic()))
    stream.finish()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            kind, value, at = events.get(timeout=0.5)
        except queue.Empty:
            continue
        if kind in ("final", "ended") and getattr(value, "text", "") == WORD:
            stream.cancel()
            return {"after_speech": at - (spoken_until or at)}
        if kind in ("ended", "failed"):
            return {"failure": value if kind == "failed" else "not heard"}
    stream.cancel()
    return {"failure": "no answer in 60 s"}


def _round(
    pool: Any, mode: str, streams: int, recordings: int, word: bytes, recording: Any
) -> dict[str, Any]:
    """Run one round: `streams` callers speaking at once, with `recordings` recordings decoding
    beside them the whole time (in mode "beside")."""
    stop = threading.Event()
    decoded: list[tuple[float, float]] = []  # (audio seconds, wall seconds) of each recording

    def decode() -> None:
        while not stop.is_set():
            started = time.monotonic()
            pool.transcribe(recording, timeout=300)
            decoded.append((recording.duration, time.monotonic() - started))

    decoders = [
        threading.Thread(target=decode, daemon=True)
        for _ in range(recordings if mode == "beside" else 0)
    ]
    for thread in decoders:
        thread.start()
    if decoders:
        time.sleep(0.5)  # the recordings are decoding when the callers speak
    start = threading.Barrier(streams)
    results: list[dict[str, Any]] = [{} for _ in range(streams)]

    def caller(index: int) -> None:
        results[index] = _speak(pool, word, start)

    callers = [threading.Thread(target=caller, args=(index,)) for index in range(streams)]
    for thread in callers:
        thread.start()
    for thread in callers:
        thread.join()
    stop.set()
    for thread in decoders:
        thread.join()
    times = sorted(result["after_speech"] for result in results if "after_speech" in result)
    failures = [str(result["failure"]) for result in results if "failure" in result]
    return {
        "mode": mode,
        "answered": len(times),
        "failed": len(failures),
        "failures": failures,
        "answer_after_speech_p50_ms": _ms(percentile(times, 0.5)),
        "answer_after_speech_p99_ms": _ms(rounds.reply_p99(times, len(failures))),
        "recordings_decoded": len(decoded),
        "recording_audio_seconds_per_second": round(
            sum(audio for audio, _ in decoded) / sum(wall for _, wall in decoded), 2
        )
        if decoded
        else None,
    }


def _ms(seconds: float | None) -> int | None:
    if seconds is None or seconds == float("inf"):
        return None
    return round(seconds * 1000)


def bench_mixed(
    model_path: str,
    *,
    workers: int,
    streams: int,
    recordings: int,
    recording_seconds: float,
    repeats: int,
    fixtures: Path,
) -> dict[str, Any]:
    """Time live streams' answers alone and beside whole recordings, in alternating rounds on one
    pool; return each round, the medians and the ratio beside / alone."""
    import numpy as np

    from elderride.speech.audio_decoding import Audio, read_file
    from elderride.speech.local import LocalVosk
    from elderride.speech.models import ELDER_TRAILING_SILENCE, TURN_PAUSE, working_copy

    word = (fixtures / "yeyak-8k.ulaw").read_bytes()
    spoken = read_file(fixtures / "long-8k.ulaw")
    copies = max(1, round(recording_seconds / spoken.duration))
    recording = Audio(np.tile(spoken.samples, copies), spoken.rate)
    result: dict[str, Any] = {
        "benchmark": "mixed",
        "workers": workers,
        "streams": streams,
        "recordings": recordings,
        "recording_seconds": round(recording.duration, 1),
        "repeats": repeats,
        "cpus": os.cpu_count(),
        "model": model_path,
        "load_average_before": [round(value, 2) for value in os.getloadavg()],
    }
    # The live line's model: a whole phrase ends after a short pause (as engines.build makes it).
    pool = LocalVosk(
        working_copy(model_path, trailing_silence=ELDER_TRAILING_SILENCE, pause=TURN_PAUSE),
        workers=workers,
        streams_per_worker=streams,
        timeout=300,
    )
    try:
        pool.wait_ready()
        result["rounds"] = [
            {"repeat": repeat, **_round(pool, mode, streams, recordings, word, recording)}
            for mode, repeat in rounds.interleaved(("alone", "beside"), repeats)
        ]
    finally:
        pool.close()
    result["load_average_after"] = [round(value, 2) for value in os.getloadavg()]
    figures = ("answer_after_speech_p99_ms", "answer_after_speech_p50_ms")
    result.update(rounds.summarize(result["rounds"], "beside", "alone", figures))
    return result
