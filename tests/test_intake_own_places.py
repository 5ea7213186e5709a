"""The own-places generator as a standing check (issue 29, Speech II): the ways the development
seniors name their own presets, about one line in eight parsed, miss no more than measured and never
give a wrong place."""

from tools import generated_lines, own_places

# The corpus's seniors and the held-out sets read, by letter: a set added changes this sample only
# when added here.
SETS = generated_lines.development_sets("defghijklmnopqrstuvwx", corpus=True)
# About one line in STEP is parsed, chosen by its text (670 of 5,320 lines), each senior drawing
# their fillers from a generator of their own: a line added or dropped leaves every other, and
# whether it is parsed, as it was.
STEP = 8
# Lines missed per class, measured on the merged code of 2026-12-07 when the sample became one
# chosen by each line's text (it was every eighth line by count, from one generator shared by all
# seniors, so any change redrew it all); a class may only fall. Four are higher than the old
# sample's budgets because the sample changed, not the parser (the old and the new parse path give
# the same place on every line): "fillers: politeness" 0 of 29 -> 1 of 23 ("could you take me to
# food lion nine mile road please"), "kind word: cemetery" 0 of 2 -> 1 of 2 ("the graveyard" for
# Bohermore Cemetery), "kind word: shop" 0 of 23 -> 1 of 31 ("the supermarket" for Quality Foods),
# "purpose: club" 0 of 6 -> 1 of 5 ("for my dinner at the club" for VFW Post 1123). The rest fell
# or stayed: district 2 -> 1, "kind word: church" 1 -> 0, "kind word: doctor" 5 -> 4, "purpose:
# cemetery" 2 -> 2, "purpose: doctor" 1 -> 0, "purpose: library" 2 -> 0, "purpose: shop" 2 -> 1,
# "street alone" 8 -> 8.
BUDGET = {
    "district": 1,
    "fillers: politeness": 1,
    "kind word: cemetery": 1,
    "kind word: doctor": 4,
    "kind word: shop": 1,
    "purpose: cemetery": 2,
    "purpose: club": 1,
    "purpose: shop": 1,
    "street alone": 8,
}


def test_own_presets_named_loosely_stay_within_budget() -> None:
    by_class, shown = own_places.misses(SETS, seed=29, step=STEP)
    missed = {kind: counts[1] for kind, counts in by_class.items() if counts[1]}
    wrong = [line for line in shown if line.startswith("WRONG")]
    assert not wrong
    over = {kind: count for kind, count in missed.items() if count > BUDGET.get(kind, 0)}
    assert not over, "\n".join(shown)
