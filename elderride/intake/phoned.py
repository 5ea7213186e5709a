"""Chinese places phoned rather than gone to ("给步步高打个电话")."""

from collections.abc import Iterable, Mapping
from typing import Any

from elderride.intake import people, tidy


def phoned(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    names: Iterable[str],
    persons: Iterable[people.Person],
) -> bool:
    """Tell whether Chinese `spoken` (tidied) only asks to phone one of the senior's places
    ("给步步高打个电话", "打电话给同仁堂"): a shop rung is no trip, and no one of the family."""
    if language != "zh" or "给" not in spoken:
        return False
    # "给建国家打电话" rings the son at his home: that is a call to the family.
    if people.mentioned(spoken, language, persons) or tidy.has_phrase(
        spoken, vocabulary["family_words"], language
    ):
        return False
    named = tidy.without_phrases(spoken, sorted(names, key=len, reverse=True), language)
    calls = vocabulary["place_calls"]
    if named == spoken or not tidy.has_phrase(named, calls, language):
        return False
    rest = tidy.without_phrases(named, [*calls, "给"], language)
    return not tidy.strip_fillers(
        "".join(rest.split()), [*vocabulary["fillers"], *vocabulary["place_call_fillers"]], language
    )
