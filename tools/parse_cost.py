"""Print the CPU time the intake parser spends per turn over a labelled set (median, p95, max).

Run it from two checkouts in the same minute to compare them:
    PYTHONPATH=$PWD .venv/bin/python tools/parse_cost.py tests/fixtures/intake/heldout-set-k
"""

import json
import statistics
import sys
import time
from pathlib import Path

from elderride.intake import parse


def main(folder: Path) -> None:
    """Parse every line of the set in `folder` once after a warm-up, and print the figures."""
    seniors = json.loads((folder / "places.json").read_text())["seniors"]
    rows = [json.loads(line) for line in (folder / "set.jsonl").read_text().splitlines() if line]

    def heard(row: dict) -> float:
        senior = seniors[row["senior"]]
        started = time.process_time()
        parse(
            row["text"],
            language=senior["language"],
            places=senior["places"],
            contacts=senior.get("contacts", []),
            menu_size=len(senior["places"]),
        )
        return (time.process_time() - started) * 1000

    for row in rows[:20]:
        heard(row)  # word lists and compiled patterns are loaded once, not per turn
    costs = sorted(heard(row) for row in rows)
    print(
        f"median {statistics.median(costs):.1f} ms  p95 {costs[int(len(costs) * 0.95)]:.1f} ms"
        f"  max {costs[-1]:.1f} ms  (CPU time, {len(costs)} turns)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
