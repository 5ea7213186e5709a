"""Which names the phone line can listen for, a place's other names and a contact's: a name a
caller says in passing ("a", "the", "去", "我", "5") would find that place (or person) in any
sentence, so the portal refuses such a place name and the intake ignores one stored before."""

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from elderride.intake import english_words, numbers, tidy
from elderride.intake.vocabulary import words

# What is wrong with a name: too long to be one, only a number (a time, a menu key, a house),
# too short to tell from a slip or a letter said alone, or only words any request holds.
Fault = Literal["long", "number", "short", "stop_words"]

# The most characters a name holds; a longer one is a description, not something said.
MAX_LENGTH = 60
# A name has at least this many letters (or Chinese characters), unless it is a place word
# itself (家, 寺).
MIN_LETTERS = 2
_HANZI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@functools.cache
def _place_words(language: str) -> frozenset[str]:
    """Return the words that name a place by themselves: a kind ("hospital", 寺, 庙) or home ("my
    place", 家)."""
    vocabulary = words(language)
    tidy_one = tidy.chinese if language == "zh" else tidy.english
    said = (
        *vocabulary["kinds"],
        *vocabulary.get("named_kinds", ()),
        *vocabulary["home_labels"],
        *vocabulary.get("home_words", ()),
    )
    return frozenset(tidy_one(word) for word in said)


@functools.cache
def _english_numbers() -> frozenset[str]:
    """Return the English words that are only a number or point at a menu key ("two", "number")."""
    vocabulary = words("en")
    return frozenset(
        [*vocabulary["address_numbers"], *vocabulary["menu_prefixes"], *vocabulary["menu_nouns"]]
    )


@functools.cache
def _chinese_stop_words() -> tuple[str, ...]:
    """Return the Chinese words that say nothing of which place, longest first: fillers, pointers,
    where-words and the words that begin a request (去, 我要)."""
    vocabulary = words("zh")
    found = {
        *vocabulary["fillers"],
        *vocabulary["hesitations"],
        *vocabulary["pointers"],
        *vocabulary["place_verbs"],
        *vocabulary["linking_words"],
        *vocabulary["destination_markers"],
        *vocabulary["callers"],
        *vocabulary["nowhere"],
        *vocabulary["areas"],
        *vocabulary["now"],
    }
    return tuple(sorted(found, key=len, reverse=True))


@functools.cache
def _chinese_number_words() -> tuple[str, ...]:
    """Return the Chinese numerals and the words around a menu number (第, 号, 个)."""
    vocabulary = words("zh")
    found = {
        *tidy.CHINESE_DIGITS,
        "十",
        "百",
        *vocabulary["menu_prefixes"],
        *vocabulary["menu_ordinals"],
        *vocabulary["house_number_ends"],
        *vocabulary["possessive_particles"],
    }
    return tuple(sorted(found, key=len, reverse=True))


def _one_number(tokens: list[str]) -> bool:
    """Tell whether the numbers in `tokens` are one number as a time, a house or a menu key is
    said ("12", "twelve", "twenty one", "number five"), not several said one after another, as a
    name is ("7 eleven" is no eighteen)."""
    runs = numbers.spoken_numbers(tokens)
    return len(runs) <= 1 and all(len(readings) == 1 for _, _, readings in runs)


def _english_fault(name: str) -> Fault | None:
    tokens = english_words.titled(tidy.english(name).split())
    if " ".join(tokens) in _place_words("en"):
        return None  # "my place" is home, though "place" alone names nothing
    if sum(char.isalpha() for char in "".join(tokens)) < MIN_LETTERS:
        if any(token.isdigit() for token in tokens):
            return "number" if _one_number(tokens) else None  # "7-11" is said "seven eleven"
        return "short"
    content = [token for token in tokens if english_words.is_content(token)]
    named = [token for token in content if not token.isdigit() and token not in _english_numbers()]
    if not named:
        numbered = any(token.isdigit() or token in _english_numbers() for token in tokens)
        if not numbered:
            return "stop_words"
        if not _one_number(tokens):
            return None  # "7-Eleven", "seven eleven": numbers said one after another, a name
        return "number"
    # "the x", "a b": the one letter left is what the line would listen for.
    letters = sum(char.isalpha() for token in content for char in token)
    if letters < MIN_LETTERS and not set(content) & _place_words("en"):
        return "short"
    return None


def _chinese_fault(name: str) -> Fault | None:
    said = tidy.chinese(name)
    rest = said
    for word in _chinese_stop_words():
        rest = rest.replace(word, "")
    numbered = any(char.isdigit() or char in tidy.CHINESE_DIGITS for char in rest)
    for word in _chinese_number_words():
        rest = rest.replace(word, "")
    rest = "".join(char for char in rest if not char.isdigit())
    if not rest and numbered:
        return "number"
    if len(said) < MIN_LETTERS and said not in _place_words("zh"):
        return "short"
    return None if rest else "stop_words"


def fault(name: str) -> Fault | None:
    """Return what keeps the phone line from listening for `name` as a place's other name, or None
    when nothing does; a name with Chinese characters is read as Chinese, any other as English."""
    if len(name) > MAX_LENGTH:
        return "long"
    return _chinese_fault(name) if _HANZI.search(name) else _english_fault(name)


def heard(places: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Return the places with only the other names the phone line can listen for: one stored
    before the portal refused such names is left out, not listened for."""
    return [
        place
        if all(fault(alias) is None for alias in place.get("aliases") or ())
        else {
            **place,
            "aliases": [alias for alias in place.get("aliases") or () if fault(alias) is None],
        }
        for place in places
    ]
