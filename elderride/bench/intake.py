"""`elderride bench intake`: the intake parser on the same turns grouped by language and
alternating English and Chinese, in one process."""

import json
import statistics
import time
from pathlib import Path
from typing import Any

from elderride.intake import parse

Turn = tuple[str, dict[str, Any]]


def read_turns(folder: Path) -> list[Turn]:
    """Return (text, senior) for every line of the labelled set in `folder`."""
    seniors = json.loads((folder / "places.json").read_text(encoding="utf-8"))["seniors"]
    rows = (folder / "set.jsonl").read_text(encoding="utf-8").splitlines()
    return [(row["text"], seniors[row["senior"]]) for row in map(json.loads, filter(None, rows))]


def parse_turn(turn: Turn) -> None:
    """Parse one turn with its senior's language, places and contacts, as a call would."""
    text, senior = turn
    parse(
        text,
        language=senior["language"],
        places=senior["places"],
        contacts=senior.get("contacts", []),
        menu_size=len(senior["places"]),
    )


def _costs(turns: list[Turn]) -> list[float]:
    """Parse every turn in order as a call would; return the CPU milliseconds of each."""
    costs = []
    for turn in turns:
        started = time.process_time()
        parse_turn(turn)
        costs.append((time.process_time() - started) * 1000)
    return costs


def _figures(costs: list[float]) -> dict[str, float]:
    ordered = sorted(costs)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95)], 2),
    }


def bench_intake(turns: list[Turn], *, per_language: int, repeats: int) -> dict[str, Any]:
    """Parse up to `per_language` English and Chinese turns grouped by language (the baseline) and
    alternating turn by turn, in alternating rounds; report per-turn CPU time of each."""
    english = [turn for turn in turns if turn[1]["language"] == "en"][:per_language]
    chinese = [turn for turn in turns if turn[1]["language"] == "zh"][:per_language]
    grouped = english + chinese
    alternating = [turn for pair in zip(english, chinese, strict=False) for turn in pair]
    _costs(grouped)  # word lists and fixed patterns are loaded once, not per turn
    measured: dict[str, list[float]] = {"grouped": [], "alternating": []}
    for round_ in range(repeats):
        # Each round starts with the other order, so neither always follows the other.
        orders = ("grouped", "alternating") if round_ % 2 == 0 else ("alternating", "grouped")
        for order in orders:
            measured[order] += _costs(grouped if order == "grouped" else alternating)
    figures = {order: _figures(costs) for order, costs in measured.items()}
    return {
        "benchmark": "intake",
        "turns": {"en": len(english), "zh": len(chinese)},
        "repeats": repeats,
        "time": "CPU ms per turn",
        **figures,
        "alternating_over_grouped_median": round(
            figures["alternating"]["median_ms"] / figures["grouped"]["median_ms"], 2
        ),
        "alternating_over_grouped_p95": round(
            figures["alternating"]["p95_ms"] / figures["grouped"]["p95_ms"], 2
        ),
    }
