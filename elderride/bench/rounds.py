"""The arithmetic of a speech bench, apart from the calls it times: the order of its rounds, what
their figures add up to, and the search for the most calls the line holds.

Nothing here starts a process or reads a clock, so each rule is tested on its own.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from elderride.bench.measure import percentile

# Older callers' ratings of a phone line fall sharply past this much silence after they speak.
REPLY_GOAL_SECONDS = 1.5


def interleaved(modes: Sequence[str], repeats: int) -> list[tuple[str, int]]:
    """Return the rounds to run as (mode, repeat): every mode once per repeat, in the same order
    (ABAB…), so a machine that slows down mid-run slows both sides alike."""
    return [(mode, repeat) for repeat in range(1, repeats + 1) for mode in modes]


def reply_p99(latencies: Sequence[float], failed: int) -> float:
    """Return the 99th percentile reply time of a round in seconds, a call that was never answered
    counting as infinitely late."""
    times = [*latencies, *([math.inf] * failed)]
    value = percentile(times, 0.99)
    return math.inf if value is None else value


def most_at_once(intervals: Sequence[tuple[float, float]]) -> int:
    """Return the most (start, end) intervals open at one moment; one ending as another starts
    counts once."""
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    most = now = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


def spread(values: Sequence[float]) -> dict[str, float | list[float]]:
    """Return the median of `values`, their least and greatest, and each one, rounded."""
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "each": [round(value, 3) for value in values],
    }


def summarize(rounds: Sequence[dict], baseline: str, measured: str, figures: Sequence[str]) -> dict:
    """Return each mode's medians of `figures` over its rounds, and the first figure of `baseline`
    over `measured`, repeat by repeat, with its spread.

    A round is a dict with "mode", "repeat", "answered", "failed" and its figures; a ratio is
    taken only within one repeat, where both sides met the same machine.
    """
    result: dict = {}
    for mode in (baseline, measured):
        mine = [round_ for round_ in rounds if round_["mode"] == mode]
        result[mode] = {
            "rounds": len(mine),
            "answered": sum(round_["answered"] for round_ in mine),
            "failed": sum(round_["failed"] for round_ in mine),
        }
        for figure in figures:
            timed = [round_[figure] for round_ in mine if round_[figure] is not None]
            result[mode][f"median_{figure}"] = round(statistics.median(timed)) if timed else None
    ratio = figures[0]
    by_repeat: dict[int, dict[str, float]] = {}
    for round_ in rounds:
        if round_[ratio]:
            by_repeat.setdefault(round_["repeat"], {})[round_["mode"]] = round_[ratio]
    ratios = [
        pair[baseline] / pair[measured]
        for _, pair in sorted(by_repeat.items())
        if baseline in pair and measured in pair
    ]
    result[f"{baseline}_over_{measured}_{ratio}"] = spread(ratios) if ratios else None
    return result


@dataclass
class CapacitySearch:
    """The trials of one search for the most calls held, and the answer."""

    held: int  # the most calls that met the goal (0: not even the first level)
    first_missed: int | None  # the fewest calls that missed it, None when the limit was held
    trials: list[tuple[int, float]] = field(default_factory=list)  # (calls, p99 seconds) in order


def find_capacity(
    measure: Callable[[int], float],
    *,
    start: int,
    limit: int,
    resolution: int,
    goal: float = REPLY_GOAL_SECONDS,
) -> CapacitySearch:
    """Raise the number of calls from `start`, doubling, until `measure(calls)` (a p99 in seconds)
    exceeds `goal` or `limit` is held; then halve the gap between the most held and the fewest
    missed until it is at most `resolution` calls.

    Each level is measured once; a level above one that missed is never tried, so a noisy
    machine can only make the answer lower, not higher.
    """
    search = CapacitySearch(held=0, first_missed=None)

    def meets(calls: int) -> bool:
        p99 = measure(calls)
        search.trials.append((calls, p99))
        return p99 <= goal

    calls = max(1, min(start, limit))
    while True:
        if not meets(calls):
            search.first_missed = calls
            break
        search.held = calls
        if calls >= limit:
            return search
        calls = min(calls * 2, limit)
    while search.first_missed - search.held > max(1, resolution):
        calls = (search.held + search.first_missed) // 2
        if meets(calls):
            search.held = calls
        else:
            search.first_missed = calls
    return search


def streams_per_worker(held_calls: Sequence[int], workers: int) -> int:
    """Return the live streams one worker should take: the median of the calls held at the goal,
    shared among the workers that held them, rounded down so the cap stays within what was
    measured."""
    return max(1, int(statistics.median(held_calls)) // workers)


def streams_one_core_hears(levels: Sequence[dict]) -> float | None:
    """Return the median of the live calls one core of the server kept up with (audio seconds
    heard per CPU second) over the levels where every call was answered, or None without one.

    It counts CPU seconds, not wall seconds, so other work on the machine slows a level without
    changing it much, where the most calls held falls with every other process.
    """
    clean = [
        level["streams_per_core"]
        for level in levels
        if level["answered"] and not level["failed"] and level["streams_per_core"]
    ]
    return statistics.median(clean) if clean else None
