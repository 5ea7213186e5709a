"""The hard negatives tools/near_misses.py builds from every English development senior's presets
(issue 29, Speech II), kept as a standing check: per class, no more of them may be given a place
than the budget measured when it was written."""

import collections
import random

from tools import generated_lines, near_misses

# The held-out sets read, by letter: a set added changes this sample only when added here.
SETS = generated_lines.development_sets("defghijklmnopqrstuvwx")
# About one line in EVERY is parsed, chosen by its text (814 of 6,852 lines), and each senior's
# draw is its own: a word added to the lists or a senior added to the sets leaves every other line,
# and whether it is parsed, as it was.
EVERY = 8
# Near-misses of the sample given a place, per class, measured on the merged code of 2026-12-07; a
# fix may lower a budget, never raise it. "Same name elsewhere" went from 4 to 2 when the generator
# stopped building another branch from a name that holds its own (its sample 167 -> 143 lines:
# "tesco riverside over in crescent link retail park" is now "tesco over in ...", and "midland
# chemist" in Midland builds none); the two left put a kind word the senior calls their preset by
# on another street ("the church on avenue i", "the shops over in grove avenue"), which a caller
# would mean as another place. "Shares a word" went from 16 to 0 when a short name said whole with
# another name's word ending what is said became another place.
BUDGETS = {
    "contact without a place": 0,
    "old home": 0,
    "other initials": 0,
    "other relative": 0,
    "past or negated": 0,
    "same kind other name": 0,
    "same name elsewhere": 2,
    "shares a word": 0,
    "someone else's trip": 0,
}


def test_near_misses_given_a_place_stay_within_their_budgets():
    given: collections.Counter[str] = collections.Counter()
    built: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for kind, name, text, label in near_misses.placed(
        generated_lines.seniors(SETS, "en"), seed=29, every=EVERY
    ):
        built[kind] += 1
        if label is not None:
            given[kind] += 1
            examples[kind].append(f"{name}: {text!r} -> {label}")
    assert set(built) == set(BUDGETS)
    over = {kind: examples[kind] for kind, budget in BUDGETS.items() if given[kind] > budget}
    assert not over, over


def test_another_branch_is_built_from_the_chain_not_from_the_branchs_own_name():
    # "Tesco Riverside" on Riverside Avenue is that branch wherever it is said to be: "tesco
    # riverside over in lane cove" means no other place, "tesco over in lane cove" does;
    # "Midland Chemist" in Midland is named for where it is and has no other branch to build.
    senior = {
        "places": [
            {
                "label": "Tesco Riverside",
                "aliases": ["tesco", "the big tesco"],
                "address": "Riverside Avenue, Dundee DD2 1UG",
            },
            {
                "label": "Midland Chemist",
                "aliases": ["the chemist", "the crescent chemist"],
                "address": "12 The Crescent, Midland WA 6056",
            },
        ]
    }
    pool = {
        "streets": ["lane cove", "hill street", "park road"],
        "propers": ["kelvin", "marlow"],
        "people": ["jean"],
    }
    elsewhere = [
        text
        for kind, text in near_misses.near_misses(senior, pool, random.Random(29))
        if kind == "same name elsewhere"
    ]
    assert elsewhere
    assert all(text.startswith(("the tesco on ", "tesco over in ")) for text in elsewhere)
