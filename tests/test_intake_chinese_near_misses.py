"""The near-misses tools/chinese_near_misses.py builds from every Chinese development senior's
presets, made a standing check: per class, no more are given a place than the budget measured
when it was written, and a class at none stays at none."""

from tools.chinese_near_misses import placed

# Each class tried in part, the same part every run, to finish in seconds: every near-miss of the
# small classes that found the most wrong places, every n-th of the large ones; 1,208 of the
# 16,365 built from the 104 seniors (7 %; all of shared and contact, 20 % of area, 25 % of former).
EVERY = {"kind": 40, "kin": 30, "someone": 30, "past": 15, "street": 10, "former": 4, "area": 5}
# How many of those tried may be given a place, measured on the branch that wrote this check:
# 去区人民医院 is read as a city's hospital, 新区那个水心 as 附一医's 新院区, 苏大附二院 as its
# 附一院 (left: each needs a reading of a name's level or number that was not written yet).
BUDGET = {
    "area": 1,
    "contact": 0,
    "former": 0,
    "kin": 0,
    "kind": 1,
    "past": 0,
    "shared": 1,
    "someone": 0,
    "street": 0,
}


def test_near_misses_given_a_place_stay_within_budget():
    tried, found = placed(EVERY)
    given = {kind: [miss for miss in found if miss.kind.split(":")[0] == kind] for kind in tried}
    over = {
        kind: [f"{miss.where}: {miss.text} -> {miss.place}" for miss in misses]
        for kind, misses in given.items()
        if len(misses) > BUDGET.get(kind, 0)
    }
    assert set(tried) == set(BUDGET)
    assert not over
