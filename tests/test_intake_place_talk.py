"""The ways of talking about a preset without asking to go that tools/place_talk.py builds from
every development senior's presets, English and Chinese (issue 29, Speech II), kept as a standing
check: per class, no more lines are answered wrongly (a place, or no status for a car already
booked) than the budget measured when it was written."""

import collections

from tools import place_talk

# The sets read, named: a set added to the fixtures is added here by hand, and the sealed sets
# never are.
SETS = [
    "places.json",
    "heldout-set-d/places.json",
    "heldout-set-e/places.json",
    "heldout-set-f/places.json",
    "heldout-set-g/places.json",
    "heldout-set-h/places.json",
    "heldout-set-i/places.json",
    "heldout-set-j/places.json",
    "heldout-set-k/places.json",
    "heldout-set-l/places.json",
    "heldout-set-m/places.json",
    "heldout-set-n/places.json",
    "heldout-set-o/places.json",
    "heldout-set-p/places.json",
    "heldout-set-q/places.json",
    "heldout-set-r/places.json",
    "heldout-set-s/places.json",
    "heldout-set-t/places.json",
    "heldout-set-u/places.json",
    "heldout-set-v/places.json",
    "heldout-set-w/places.json",
    "heldout-set-x/places.json",
]
# About one line in EVERY is parsed (about 780 of 48,000), chosen by a hash of the senior and the
# text: a word added to the lists or a senior added leaves whether every other line is parsed.
EVERY = 64
# Lines of the sample answered wrongly, per (language, class), measured on the branch that wrote
# this check; a fix may lower a budget, never raise it. Left: "去 不 去 泮溪 酒家" is read as the
# caller's home, "she lives near the shops" and "the bus stops by jake's apartment" as a trip, "X 的
# 医生 下午 来 家里" and "我 现在 在 X", "我 在 X 这边 等 着" (where the caller is) as a trip there.
BUDGETS = {
    ("en", "booked"): 0,
    ("en", "from there"): 0,
    ("en", "in doubt"): 0,
    ("en", "landmark"): 3,
    ("en", "news"): 1,
    ("en", "question"): 0,
    ("en", "there or back"): 0,
    ("zh", "booked"): 0,
    ("zh", "from there"): 13,
    ("zh", "in doubt"): 0,
    ("zh", "landmark"): 0,
    ("zh", "news"): 1,
    ("zh", "question"): 0,
    ("zh", "there or back"): 41,
}


def test_talk_of_a_preset_answered_wrongly_stays_within_its_budget():
    built: collections.Counter[tuple[str, str]] = collections.Counter()
    wrong: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for line in place_talk.said(SETS, every=EVERY):
        built[line.language, line.kind] += 1
        if line.wrong:
            wrong[line.language, line.kind].append(
                f"{line.senior}: {line.text!r} -> {line.intent} {line.place or '-'}"
            )
    assert set(built) == set(BUDGETS)
    over = {kind: lines for kind, lines in wrong.items() if len(lines) > BUDGETS[kind]}
    assert not over, over
