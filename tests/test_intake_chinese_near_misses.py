"""The near-misses tools/chinese_near_misses.py builds from every Chinese development senior's
presets, made a standing check: per class, no more are given a place than the budget measured
when it was written, and a class at none stays at none."""

from tools import generated_lines
from tools.chinese_near_misses import placed

# The held-out sets read, by letter: a set added changes this sample only when added here.
SETS = generated_lines.development_sets("defghijklmnopqrstuvwx")

# Each class tried in part, the same part every run, to finish in seconds: every near-miss of the
# small classes that found the most wrong places, about one in n of the large ones, chosen by each
# line's text so that a line added or dropped leaves whether every other is tried as it was; 1,158
# of the 16,365 built from the 104 seniors (all of shared and contact, about 20 % of area, 25 % of
# former).
EVERY = {"kind": 40, "kin": 30, "someone": 30, "past": 15, "street": 10, "former": 4, "area": 5}
# How many of those tried may be given a place, measured on the merged code of 2026-12-07 when the
# sample became one chosen by each line's text (it was every n-th line by count, so any line added
# redrew the rest): 去区人民医院 is read as a city's hospital, 苏大附二院 as its 附一院,
# 回老家看看 as 老儿子家 (left: each needs a reading of a name's level, number or 老 that was not
# written yet). Two are higher than the old sample's budgets because the sample changed, not the
# parser (the old and the new parse path give the same place on every line): kind 1 of 172 -> 2
# of 171 (去区人民医院 of two seniors), former 0 of 156 -> 1 of 132 (回老家看看). Area fell from
# 1 of 244 to 0 of 237 (新区那个水心 is no longer in the sample).
BUDGET = {
    "area": 0,
    "contact": 0,
    "former": 1,
    "kin": 0,
    "kind": 2,
    "past": 0,
    "shared": 1,
    "someone": 0,
    "street": 0,
}


def test_near_misses_given_a_place_stay_within_budget():
    tried, found = placed(SETS, EVERY)
    given = {kind: [miss for miss in found if miss.kind.split(":")[0] == kind] for kind in tried}
    over = {
        kind: [f"{miss.where}: {miss.text} -> {miss.place}" for miss in misses]
        for kind, misses in given.items()
        if len(misses) > BUDGET.get(kind, 0)
    }
    assert set(tried) == set(BUDGET)
    assert not over
