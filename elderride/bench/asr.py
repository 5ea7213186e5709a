"""`elderride bench asr`: the worker pool beside plain in-process Vosk, on the same audio in one
run."""

import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from elderride.speech.audio_decoding import Audio
from elderride.speech.in_process import InProcessEngine
from elderride.speech.local import LocalVosk
from elderride.speech.remote import RemoteVosk
from elderride.speech.transcript import SpeechEngine


def _throughput(
    engine: SpeechEngine,
    utterances: Sequence[Audio],
    streams: int,
    rounds: int,
    phrases: Sequence[str] | None,
) -> dict[str, float]:
    """Decode `utterances` `rounds` times on each of `streams` threads; return audio seconds per
    wall second and per-utterance RTFs."""
    jobs = [utterance for _ in range(rounds) for utterance in utterances]
    real_time_factors = []
    lock = threading.Lock()

    def stream(_: int) -> None:
        for utterance in jobs:
            transcript = engine.transcribe(utterance, phrases=phrases, timeout=120)
            with lock:
                real_time_factors.append(transcript.real_time_factor)

    started = time.perf_counter()
    with ThreadPoolExecutor(streams) as executor:
        list(executor.map(stream, range(streams)))
    wall = time.perf_counter() - started
    audio_seconds = sum(utterance.duration for utterance in jobs) * streams
    return {
        "audio_seconds": round(audio_seconds, 2),
        "wall_seconds": round(wall, 3),
        "audio_seconds_per_second": round(audio_seconds / wall, 2),
        "mean_real_time_factor": round(sum(real_time_factors) / len(real_time_factors), 4),
    }


def bench_asr(
    model_path: str,
    *,
    free_speech: Sequence[Audio],
    phrase_answers: Sequence[Audio],
    phrases: Sequence[str],
    stream_counts: Sequence[int] = (1, 2, 4),
    workers: int | None = None,
    rounds: int = 2,
    repeats: int = 3,
    servers: list[str] | None = None,
) -> dict[str, Any]:
    """Measure plain Vosk and the pool on free speech and phrase lists, alternating them `repeats`
    times
    per setting; report each repeat and the median ratio (one repeat is too noisy to judge by)."""
    import statistics

    workers = workers or os.cpu_count() or 2
    plain = InProcessEngine(model_path)
    # With `servers`, the remote recognizers stand where the pool would (the keys stay "pool").
    pool = (
        RemoteVosk(servers, timeout=120)
        if servers
        else LocalVosk(model_path, workers=workers, timeout=120)
    )
    pool.wait_ready()
    try:
        # Warm both up so model pages are in memory before anything is timed.
        plain.transcribe(phrase_answers[0], phrases=phrases)
        pool.transcribe(phrase_answers[0], phrases=phrases)
        results: dict[str, Any] = {
            "benchmark": "asr",
            "model": str(model_path),
            "pool_workers": workers,
            "measured": f"remote recognizers {', '.join(servers)}" if servers else "worker pool",
            "cpus": os.cpu_count(),
            "repeats": repeats,
            "runs": [],
        }
        for mode, utterances, phrase_list, mode_rounds in (
            ("free_speech", free_speech, None, 1),
            ("phrase_list", phrase_answers, phrases, rounds * 5),
        ):
            for streams in stream_counts:
                pairs = []
                for repeat in range(repeats):
                    # Alternate which goes first, so drift in the machine falls on both alike.
                    first, second = (plain, pool) if repeat % 2 == 0 else (pool, plain)
                    one = _throughput(first, utterances, streams, mode_rounds, phrase_list)
                    two = _throughput(second, utterances, streams, mode_rounds, phrase_list)
                    pairs.append((one, two) if first is plain else (two, one))
                ratios = [
                    round(pooled["audio_seconds_per_second"] / alone["audio_seconds_per_second"], 3)
                    for alone, pooled in pairs
                ]
                middle = sorted(range(repeats), key=lambda index: ratios[index])[repeats // 2]
                results["runs"].append(
                    {
                        "mode": mode,
                        "streams": streams,
                        # The repeat whose ratio is the median, with every repeat's ratio beside it.
                        "plain": pairs[middle][0],
                        "pool": pairs[middle][1],
                        "pool_over_plain_throughput": ratios[middle],
                        "pool_over_plain_each_repeat": ratios,
                        "median_plain_real_time_factor": round(
                            statistics.median(alone["mean_real_time_factor"] for alone, _ in pairs),
                            4,
                        ),
                    }
                )
    finally:
        pool.close()
    by_mode: dict[str, list[dict[str, Any]]] = {}
    for run in results["runs"]:
        by_mode.setdefault(run["mode"], []).append(run)
    free_rtf = by_mode["free_speech"][0]["median_plain_real_time_factor"]
    phrase_rtf = by_mode["phrase_list"][0]["median_plain_real_time_factor"]
    results["summary"] = {
        "worst_median_pool_over_plain_throughput": min(
            run["pool_over_plain_throughput"] for run in results["runs"]
        ),
        "free_speech_rtf_single_stream": free_rtf,
        "phrase_list_rtf_single_stream": phrase_rtf,
        "free_over_phrase_cost": round(free_rtf / phrase_rtf, 1) if phrase_rtf else None,
    }
    summary = results["summary"]
    summary["targets"] = {
        "pool_keeps_90_percent": summary["worst_median_pool_over_plain_throughput"] >= 0.9,
        "phrase_list_10x_cheaper": (summary["free_over_phrase_cost"] or 0) >= 10,
    }
    return results
