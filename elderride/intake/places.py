"""Finding which of a senior's places a caller means, by label, alias, or something close to one."""

import difflib
import re

from elderride.intake import text as tidy

# Below this similarity a near-miss is not taken as the place ("bank" is not "home").
FUZZY_THRESHOLD = 0.86


def _names(place, language):
    """Return the tidied ways of saying a place: its label first, then its aliases."""
    tidy_one = tidy.chinese if language == "zh" else tidy.english
    names = [tidy_one(place["label"])] + [tidy_one(alias) for alias in place.get("aliases") or ()]
    return [name for name in names if name]


def _squash(value):
    """Drop spaces and apostrophes, so "lilys home" and "lily's home" compare equal."""
    return re.sub(r"[\s']", "", value)


def _english_score(spoken, name):
    """How well `spoken` (tidied English) contains `name`: 1.0 for the words themselves, less for near misses."""
    if tidy.contains_phrase(spoken, name):
        return 1.0
    tokens = spoken.split()
    # Missing spaces or apostrophes ("cityhospital", "lilys home"): whole words, squashed, equal.
    squashed = _squash(name)
    for width in range(1, len(name.split()) + 2):
        for start in range(0, max(0, len(tokens) - width + 1)):
            if _squash("".join(tokens[start : start + width])) == squashed:
                return 0.95
    size = len(name.split())
    best = 0.0
    # Same number of words only: "my son's house" must not drift into "my house".
    for start in range(0, max(1, len(tokens) - size + 1)):
        window = " ".join(tokens[start : start + size])
        # Short words differ by one letter too easily to be fuzzy-matched ("homes" is not "home").
        if len(_squash(window)) < 6 or len(_squash(name)) < 6:
            continue
        best = max(best, difflib.SequenceMatcher(None, _squash(window), _squash(name)).ratio())
    return best if best >= FUZZY_THRESHOLD else 0.0


def _chinese_score(spoken, name):
    """How well `spoken` (tidied Chinese) contains `name`."""
    if len(name) == 1:
        # One character (家) is part of too many words (儿子家): it must stand on its own,
        # at the start or right after 回 / 去 / 到.
        return 1.0 if re.search(rf"(?:^|[回去到]){re.escape(name)}", spoken) else 0.0
    if name in spoken:
        return 1.0
    if len(name) < 3:
        return 0.0
    best = 0.0
    for width in (len(name) - 1, len(name), len(name) + 1):
        for start in range(0, max(1, len(spoken) - width + 1)):
            best = max(best, difflib.SequenceMatcher(None, spoken[start : start + width], name).ratio())
    return best if best >= FUZZY_THRESHOLD else 0.0


def best_place(spoken, places, language):
    """Return (place, score) for the place `spoken` names best, or (None, 0.0).

    The longest matching name wins, so "my daughter's home" is Lily's home and not Home.
    """
    score_of = _chinese_score if language == "zh" else _english_score
    best, best_key = None, (0.0, 0)
    for place in places:
        for position, name in enumerate(_names(place, language)):
            score = score_of(spoken, name)
            if not score:
                continue
            # A sure match of a longer name beats one of a shorter name inside it ("my daughter's
            # home" is not Home); among equals a label is a little surer than an alias.
            score = round(score * (1.0 if position == 0 else 0.97), 3)
            key = (score >= 0.9, len(_squash(name)), score)
            if key > best_key:
                best, best_key = place, key
    if best is None:
        return None, 0.0
    # Two places matched equally well (a name both share) is no answer at all.
    for place in places:
        if place is not best and any(
            (score_of(spoken, name) >= 0.9, len(_squash(name))) == best_key[:2] for name in _names(place, language)
        ):
            return None, 0.0
    return best, best_key[2]
