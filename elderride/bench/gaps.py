"""How long remote recognizers keep an answer owed: the quantity a live stream's stall bound is
set against, measured on several recognizers side by side in the same run.

Each stream sends 20 ms mu-law frames at the telephone's pace through the line's own
`RemoteStream`; for every answer, the gap is the time since the oldest unanswered message was
sent or since the previous answer, whichever is later (a recognizer is not owing while nothing
waits for it).
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Collection, Sequence
from typing import Any

from elderride.speech.remote import RemoteVosk

# One frame of audio as Twilio sends it (20 ms of 8 kHz mu-law), and digital silence.
FRAME = 160
SILENCE = b"\xff"
# The phrase list a spoken place is heard against, as at the line's menu.
PHRASES = ("네", "아니요", "예약")


class _Timed:
    """A recognizer connection that notes when each message went and how long its answer was
    owed."""

    def __init__(self, connection: Any, gaps: list[float], lock: threading.Lock) -> None:
        self.connection = connection
        self.gaps = gaps
        self.lock = lock
        self.sent: list[float] = []
        self.last_answer: float | None = None

    def send(self, message: Any) -> None:
        self.sent.append(time.monotonic())
        self.connection.send(message)

    def recv(self, timeout: float | None = None) -> Any:
        message = self.connection.recv(timeout=timeout)
        now = time.monotonic()
        if self.sent:
            oldest = self.sent.pop(0)
            owed_since = max(oldest, self.last_answer or oldest)
            with self.lock:
                self.gaps.append(now - owed_since)
        self.last_answer = now
        return message

    def close(self) -> None:
        self.connection.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


class _Measured:
    """The recognizers a stream is shared among, with every connection timed."""

    def __init__(self, engine: RemoteVosk, gaps: list[float]) -> None:
        self.engine = engine
        self.gaps = gaps
        self.lock = threading.Lock()
        self.stall_seconds = engine.stall_seconds
        self.free_speech_stall_seconds = engine.free_speech_stall_seconds

    def connect_first(self, config: str, *, skip: Collection[str] = ()) -> tuple[str, Any] | None:
        got = self.engine.connect_first(config, skip=skip)
        if got is None:
            return None
        server, connection = got
        # The config message itself is not an answer the stream waits on.
        return server, _Timed(connection, self.gaps, self.lock)

    def mark(self, server: str, *, failed: bool, reason: str | None = None) -> None:
        self.engine.mark(server, failed=failed, reason=reason)


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(url: str, *, streams: int, audio: bytes, phrases: Sequence[str] | None) -> dict:
    """Send `audio` on `streams` live streams at once to the recognizer at `url`; return the
    answers' gaps (p50, p99, longest, in ms), how many answers and which streams failed."""
    from elderride.speech.remote_stream import RemoteStream

    engine = RemoteVosk([url], timeout=60)
    gaps: list[float] = []
    failures: list[str] = []
    recognizers = _Measured(engine, gaps)

    def one() -> None:
        done = threading.Event()

        def tell(kind: str, value: Any) -> None:
            if kind in ("ended", "failed"):
                if kind == "failed":
                    failures.append(str(value))
                done.set()

        stream = RemoteStream(
            recognizers,
            tell,
            phrases=phrases,
            rate=8000,
            encoding="mulaw",
            # Free speech answers the end of an utterance late; only a stall or a drop fails here.
            max_lag=60.0,
        )
        started = time.monotonic()
        for index, offset in enumerate(range(0, len(audio), FRAME)):
            if not stream.feed(audio[offset : offset + FRAME]):
                break
            time.sleep(max(0.0, started + (index + 1) * 0.02 - time.monotonic()))
        stream.finish()
        done.wait(120)

    load = os.getloadavg()[0]
    threads = [threading.Thread(target=one) for _ in range(streams)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        engine.close()
    if not gaps:
        return {"url": url, "answers": 0, "failed": failures, "load": [load, os.getloadavg()[0]]}
    return {
        "url": url,
        "answers": len(gaps),
        "p50_ms": round(_percentile(gaps, 0.5) * 1000),
        "p99_ms": round(_percentile(gaps, 0.99) * 1000),
        "longest_ms": round(max(gaps) * 1000),
        "failed": failures,
        "load": [round(load, 2), round(os.getloadavg()[0], 2)],
    }


def bench_gaps(
    urls: Sequence[str], *, streams: int, repeats: int, spoken: bytes, phrases: Sequence[str] | None
) -> dict:
    """Measure each recognizer in `urls` `repeats` times, their rounds interleaved; report each
    one's rounds, its median p99 and longest gap, and its ratio to the first."""
    audio = SILENCE * 4000 + spoken + SILENCE * 16000
    rounds: dict[str, list[dict]] = {url: [] for url in urls}
    for _ in range(repeats):
        for url in urls:
            rounds[url].append(measure(url, streams=streams, audio=audio, phrases=phrases))
    result: dict[str, Any] = {
        "streams": streams,
        "answer": "phrase list" if phrases else "free speech",
        "recognizers": [],
    }
    first: float | None = None
    for url in urls:
        measured = [round_ for round_ in rounds[url] if round_["answers"]]
        p99 = statistics.median(round_["p99_ms"] for round_ in measured) if measured else None
        longest = max((round_["longest_ms"] for round_ in measured), default=None)
        if first is None:
            first = p99
        result["recognizers"].append(
            {
                "url": url,
                "p99_ms_median": p99,
                "longest_ms": longest,
                "p99_vs_first": round(p99 / first, 2) if p99 and first else None,
                "rounds": rounds[url],
            }
        )
    return result
