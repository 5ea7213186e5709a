"""Which of a senior's places an English caller means, scored word by word: distinctive words, any
order, addresses."""

from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import english_localities, english_refusals, english_scores

# A place must score at least this (one word only it has, or a whole name) and beat the next by the
# margin.
MIN_SCORE = 1.0
MARGIN = 0.5
# The confidence of a place said by a whole name of it ("the hospital", "asda").
WHOLE_NAME = 0.95


def best(
    spoken: str, places: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, float]:
    """Return (place, confidence) for the place `spoken` (tidied English) names, or (None, 0.0) when
    none or two do."""
    said = english_scores.utterance(spoken)
    # A place what was said rules out competes with none: "the care home" is not Home, so it does
    # not tie with Sunny Care Home.
    scores = sorted(
        (
            entry
            for entry in english_scores.score(
                said, [english_scores.profile(place) for place in places]
            )
            if entry.total and not english_refusals.refused(entry, said)
        ),
        key=lambda entry: entry.total,
        reverse=True,
    )
    if not scores or scores[0].total < MIN_SCORE:
        return None, 0.0
    first = scores[0]
    if len(scores) > 1 and scores[1].total > first.total - MARGIN:
        return None, 0.0
    others = [place for place in places if place is not first.profile.place]
    if english_localities.named_by_a_shared_locality(first, said, others):
        return None, 0.0
    if first.whole_name:
        return first.profile.place, WHOLE_NAME
    return first.profile.place, 0.85 if first.name_hits else 0.8
