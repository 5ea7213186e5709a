"""Where the caller says they are ("i'm at the winn dixie"): where to pick them up, not where to
go."""

import re
from collections.abc import Mapping
from typing import Any

from elderride.intake import place_matching, tidy
from elderride.intake.intent import When


def pickup_said(spoken: str, vocabulary: Mapping[str, Any]) -> re.Match[str] | None:
    """Return where English `spoken` says where the caller is ("i'm at the winn dixie"), if it
    does."""
    markers = "|".join(
        re.escape(marker) for marker in vocabulary["pickup_markers"] if " " in marker
    )
    # "i'm down the road from kroger": said first, so "i'm down the" does not stop before "from".
    markers = f"{_nearby(vocabulary)}|{markers}"
    # The place they are at ends where its location phrase would ("and", "so", "to", "i"...) or
    # where they ask for the ride ("i'm at the clinic take me home").
    asked = [*vocabulary["asks"], *(filler for filler in vocabulary["fillers"] if " " in filler)]
    ends = tidy.either([*vocabulary["location_ends"], *asked])
    # Each end is a whole word: "he" does not end "the heath".
    return re.search(rf"(?<![\w'])(?:{markers}) .*?(?:$|(?<![\w'])(?=(?:{ends})(?![\w'])))", spoken)


def _nearby(vocabulary: Mapping[str, Any]) -> str:
    """Return the pattern of the caller saying they are near a place ("i'm just down the road
    from", "i am by")."""
    return rf"(?:i'm|i am)(?: just| right)? (?:{tidy.either(vocabulary['pickup_nearby'])})"


def without_pickup(
    spoken: str,
    vocabulary: Mapping[str, Any],
    places: list[Mapping[str, Any]],
    family: list[Mapping[str, Any]],
    when: When | None,
) -> str:
    """Return English `spoken` without where the caller says they are ("i'm at the winn dixie"),
    when the rest still names a place to go to or they are there now ("i'm at the clinic")."""
    found = pickup_said(spoken, vocabulary)
    if not found:
        return spoken
    rest = (spoken[: found.start()] + " " + spoken[found.end() :]).strip()
    meant = place_matching.best_place(rest, places, "en", family)[0]
    if meant is not None:
        return rest
    # "i'm at the clinic" alone is where to pick them up; "i'm at the hospital on tuesday" is
    # an appointment there.
    here = tidy.has_phrase(found.group(), vocabulary["pickup_here"], "en") or bool(
        re.match(_nearby(vocabulary), found.group())
    )
    later = (when is not None and not when.get("now")) or tidy.has_phrase(
        spoken, vocabulary["plan_words"], "en"
    )
    return rest if here and not later else spoken
