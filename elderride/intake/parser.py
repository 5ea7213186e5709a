"""Turning one utterance into an intent: yes, no, cancel, status, operator, family, a menu choice, a
place, an address, a time."""

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any, cast

from elderride.intake import place_matching, requests, tidy, times
from elderride.intake.intent import Intent, Kind, PlaceNamed, When
from elderride.intake.vocabulary import words

STREET_WORDS = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|square|plaza"
)


def _address(spoken, vocabulary, language):
    """Return the free address after a destination word ("to 55 Harbor Street"), or None."""
    fillers = vocabulary["fillers"]
    if language == "zh":
        for marker in sorted(vocabulary["destination_markers"], key=len, reverse=True):
            index = spoken.rfind(marker)
            if index >= 0:
                rest = tidy.strip_fillers(spoken[index + len(marker) :], fillers, language)
                if len(rest) >= 2:
                    return rest
        return None
    street = re.search(rf"\b\d+[a-z]? (?:[a-z']+ ){{1,3}}(?:{STREET_WORDS})\b", spoken)
    if street:
        return street.group(0)
    for marker in sorted(vocabulary["destination_markers"], key=len, reverse=True):
        matches = list(re.finditer(rf"(?<![\w']){re.escape(marker)}(?![\w'])", spoken))
        if matches:
            rest = tidy.strip_fillers(spoken[matches[-1].end() :].strip(), fillers, language)
            if rest and rest not in fillers:
                return rest
    return None


def _menu_choice(spoken, vocabulary, language, menu_size):
    """Return the number of a menu choice when that is all the caller said, else None."""
    if language == "zh":
        digits = tidy.chinese_digits(spoken)
        match = re.fullmatch(r"(?:按|选|第)?(\d{1,2})(?:号|个|下)?", digits)
    else:
        rest = tidy.strip_fillers(spoken, vocabulary["fillers"], language)
        prefixes = "|".join(re.escape(prefix) for prefix in vocabulary["menu_prefixes"])
        numbers = {**{str(value): value for value in range(10)}, **vocabulary["numbers"]}
        match = re.fullmatch(
            rf"(?:(?:{prefixes}) "
            rf")?({'|'.join(re.escape(name) for name in sorted(numbers, key=len, reverse=True))})",
            rest,
        )
        if match:
            match = re.fullmatch(r"(\d+)", str(numbers[match.group(1)]))
    if not match:
        return None
    choice = int(match.group(1))
    if menu_size is not None and not 0 <= choice <= 9:
        return None
    return choice


def parse(
    text: str,
    *,
    language: str = "en",
    places: Iterable[Mapping[str, Any]] = (),
    contacts: Iterable[Mapping[str, Any]] = (),
    now: datetime.datetime | None = None,
    timezone: str = "UTC",
    menu_size: int | None = None,
) -> Intent:
    """Return the intent of `text`, with the place, address and time it names and a confidence from
    0 to 1."""
    vocabulary = words(language)
    spoken = tidy.chinese(text) if language == "zh" else tidy.english(text)
    if not spoken:
        return Intent(kind="unknown", text=text, language=language)
    when: When | None
    when, rest = times.parse(spoken, language, now=now, timezone=timezone)

    def decide(kind: Kind, confidence: float, **slots: Any) -> Intent:
        return Intent(
            kind=kind, text=text, language=language, confidence=confidence, when=when, **slots
        )

    family = list(contacts)
    asked = requests.request(spoken, language, family)
    if asked is not None:
        return decide(cast(Kind, asked), 0.9)
    place, confidence = place_matching.best_place(rest, list(places), language, family)
    if place is not None:
        named = PlaceNamed(id=place.get("id"), label=place["label"], address=place.get("address"))
        return decide("place", confidence, place=named)
    address = _address(rest, vocabulary, language)
    if address:
        # A free address is for a person to check: the parser cannot know it exists.
        return decide("address", 0.5, address=address)
    choice = _menu_choice(spoken, vocabulary, language, menu_size)
    if choice is not None:
        return decide("menu", 0.9, choice=choice)
    said_no = tidy.has_phrase(spoken, vocabulary["no"], language)
    said_yes = tidy.has_phrase(spoken, vocabulary["yes"], language)
    if said_no:
        # "that's not right" holds "right": a negation outweighs the yes inside it.
        return decide("no", 0.85 if said_yes else 0.9)
    if said_yes:
        return decide("yes", 0.9)
    if when is not None:
        return decide("time", 0.8)
    return decide("unknown", 0.0)
