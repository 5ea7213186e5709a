"""The hard negatives tools/near_misses.py builds from every English development senior's presets
(issue 29, Speech II), kept as a standing check: per class, no more of them may be given a place
than the budget measured when it was written."""

import collections
import pathlib

from tools import near_misses

SETS = str(pathlib.Path(__file__).parent / "fixtures/intake/heldout-set-*/places.json")
# About one line in EVERY is parsed, chosen by its text (about 840 of 7,000 lines), and each
# senior's draw is its own: a word added to the lists or a senior added to the sets leaves every
# other line, and whether it is parsed, as it was.
EVERY = 8
# Near-misses of the sample given a place, per class, measured on the merged code of 2026-12-07
# (the "same name elsewhere" four are chains whose preset name holds its district, "tesco
# riverside over in crescent link"; "shares a word" went from 16 to 0 when a short name said whole
# with another name's word ending what is said became another place); a fix may lower a budget,
# never raise it.
BUDGETS = {
    "contact without a place": 0,
    "old home": 0,
    "other initials": 0,
    "other relative": 0,
    "past or negated": 0,
    "same kind other name": 0,
    "same name elsewhere": 4,
    "shares a word": 0,
    "someone else's trip": 0,
}


def test_near_misses_given_a_place_stay_within_their_budgets():
    given: collections.Counter[str] = collections.Counter()
    built: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for kind, name, text, label in near_misses.placed(
        near_misses.seniors(SETS), seed=29, every=EVERY
    ):
        built[kind] += 1
        if label is not None:
            given[kind] += 1
            examples[kind].append(f"{name}: {text!r} -> {label}")
    assert set(built) == set(BUDGETS)
    over = {kind: examples[kind] for kind, budget in BUDGETS.items() if given[kind] > budget}
    assert not over, over
