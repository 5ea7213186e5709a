"""Chinese denials ("不是去医院"): said after an errand or a going they refuse a place, said after a
pause or a no they correct."""

import re
from collections.abc import Mapping
from typing import Any

from elderride.intake import tidy


def denials_as_refusals(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return Chinese `spoken` with each denial said after an errand read as a refusal
    ("药房买药不是去医院" -> "药房买药不去医院"); a denial with no errand before it corrects."""
    if language != "zh":
        return spoken
    for denial in sorted(vocabulary["denials"], key=len, reverse=True):
        start = spoken.find(denial)
        while start >= 0:
            if any(purpose in spoken[:start] for purpose in vocabulary["purposes"]) or (
                _went_straight(spoken[:start], vocabulary)
                and not _then_said(spoken[start + len(denial) :], vocabulary)
            ):
                spoken = (
                    spoken[:start] + vocabulary["denial_reading"] + spoken[start + len(denial) :]
                )
            start = spoken.find(denial, start + 1)
    return spoken


def _went_straight(before: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether Chinese `before`, said before a denial, is a going somewhere said with no
    pause nor a no ("去超市不是去医院" goes to the supermarket; "去银行哎不是去菜场" and
    "去东瓦窑哦不是不是去附院" correct themselves)."""
    going = re.match(rf"(?:{tidy.either(vocabulary['destination_markers'])})", before)
    return (
        going is not None
        and len(before) > going.end()
        and not any(
            word in before
            for word in [*vocabulary["correction_pauses"], *vocabulary["contrast_words"]]
        )
    )


def _then_said(after: str, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether Chinese `after`, said after a denial, goes on to the place meant ("去医院不是去
    湘雅是去中医院": not A, it is B, a correction)."""
    return any(word in after for word in vocabulary["contrast_corrections"])
