"""House numbers as callers and recognizers say them: "twenty one", "eight oh four", "three ten",
"twelve hundred"."""

import itertools
import re

from elderride.intake import tidy
from elderride.intake.vocabulary import words

_JOINERS = {"and", "a"}


def _is_number_word(token: str, table: dict[str, int]) -> bool:
    said_as_digits = token.isdigit() and len(token) <= tidy.LONGEST_NUMBER
    return said_as_digits or token in table or token in ("hundred", "thousand")


def _cardinal(run: list[str], table: dict[str, int]) -> int | None:
    """Read a run as one number ("one hundred and eighteen" -> 118, "twelve hundred" -> 1200)."""
    total = current = 0
    for token in run:
        if token.isdigit():
            current += int(token)
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total, current = total + (current or 1) * 1000, 0
        else:
            current += table[token]
    return total + current


def _digit_groups(run: list[str], table: dict[str, int]) -> str | None:
    """Read a run group by group, as house numbers are said ("eight oh four" -> 804, "three ten" ->
    310)."""
    groups, index = [], 0
    while index < len(run):
        token = run[index]
        if token in ("hundred", "thousand"):
            return None
        value = int(token) if token.isdigit() else table[token]
        following = run[index + 1] if index + 1 < len(run) else None
        if (
            value in (20, 30, 40, 50, 60, 70, 80, 90)
            and following in table
            and 1 <= table[following] <= 9
        ):
            value, index = value + table[following], index + 1
        groups.append(str(value))
        index += 1
    return "".join(groups)


def _joins(tokens: list[str], index: int, run: list[str], table: dict[str, int]) -> bool:
    """Tell whether tokens[index] belongs inside a number without being one: "a hundred", "hundred
    and eighteen"."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if tokens[index] == "a":
        return not run and following == "hundred"
    if tokens[index] == "and":
        return bool(run) and following is not None and _is_number_word(following, table)
    return False


def spoken_numbers(tokens: list[str]) -> list[tuple[int, int, frozenset[str]]]:
    """Return (start, end, readings) for each run of number words in `tokens`, each reading a string
    of digits."""
    table = words("en")["address_numbers"]
    runs: list[tuple[int, int, frozenset[str]]] = []
    index = 0
    while index < len(tokens):
        start = index
        run: list[str] = []
        while index < len(tokens) and (
            _is_number_word(tokens[index], table) or _joins(tokens, index, run, table)
        ):
            if tokens[index] not in _JOINERS:
                run.append(tokens[index])
            index += 1
        if not run or (run[0] in ("hundred", "thousand") and tokens[start] != "a"):
            index = start + 1
            continue
        readings = {str(_cardinal(run, table))}
        grouped = _digit_groups(run, table)
        if grouped:
            readings.add(grouped)
        runs.append((start, index, frozenset(readings)))
    return runs


# How many words of a street's name may come between a house number and its street word.
STREET_REACH = 3


def ordinal_follows(after: str) -> bool:
    """Tell whether the English words `after` a number begin with the unit of a numbered street
    ("one thirty eighth" of 138th Street), not "first" of "one thirty first thing"."""
    said = after.split()[:1]
    return bool(said) and said[0] in words("en")["ordinals"] and said[0] != "first"


def street_follows(after: str) -> bool:
    """Tell whether the English words `after` a number name a street ("oak ridge road", "west pine
    drive"): a few name words, then a street word; "to the clinic" names none."""
    vocabulary = words("en")
    # "number seventeen cliff gardens": after a house number, a street also by its British names.
    streets = {*vocabulary["street_words"], *vocabulary["numbered_street_words"]}
    stops = {*vocabulary["function_words"], *vocabulary["fillers"], *vocabulary["address_numbers"]}
    stops -= {"the"}  # "twelve the crescent"
    said = after.split()
    while said and (said[0].isdigit() or said[0] in vocabulary["address_numbers"]):
        said = said[1:]  # "at 4" then "22 oak ridge road": the number goes on
    if said[:1] and said[0] in vocabulary["compass_points"]:
        # A city grid's "three forty five east eight avenue", "3653 west diversey": the point of
        # the compass begins the street, whose name may be a number and whose street word is often
        # left unsaid.
        named = _after_grid_number(said[1:])
        placeless = set(vocabulary["placeless"])
        return bool(named) and (named[0] in streets or named[0] not in stops | placeless)
    for index, token in enumerate(said[: STREET_REACH + 1]):
        if token in streets:
            return index > 0
        if token.isdigit() or token in vocabulary["address_numbers"]:
            # "west 62 street": a number said right before the street word is the street's name.
            rest = list(itertools.dropwhile(_a_number, said[index:]))
            return index > 0 and bool(rest) and rest[0] in streets
        if token in stops:
            return False
    return False


def _a_number(token: str) -> bool:
    """Tell whether an English token is a number, in digits or in words."""
    return token.isdigit() or token in words("en")["address_numbers"]


def _after_grid_number(said: list[str]) -> list[str]:
    """Return the words after a grid street's number ("8 avenue" -> "avenue"), or all of them."""
    vocabulary = words("en")
    numbered = {
        *vocabulary["address_numbers"],
        *vocabulary["street_ordinals"],
        *vocabulary["ordinals"],
    }
    return list(itertools.dropwhile(lambda token: token in numbered or token[:1].isdigit(), said))


def house_address(spoken: str) -> str | None:
    """Return the house number and street said in English ("four twenty two oak ridge road", "55
    harbor street"), or None."""
    tokens = spoken.split()
    runs = [(start, end) for start, end, _ in spoken_numbers(tokens)]
    runs += [
        (index, index + 1) for index, token in enumerate(tokens) if re.fullmatch(r"\d+[a-z]", token)
    ]
    for start, end in sorted(runs):
        if set(tokens[start:end]) <= {"oh", "a"}:
            continue  # "oh" is a filler before a street as often as a zero
        after = tokens[end:]
        if street_follows(" ".join(after)):
            streets = words("en")["street_words"]
            reach = next((index for index, token in enumerate(after) if token in streets), None)
            if reach is None or reach > STREET_REACH + 1:
                # "3653 west diversey": a grid street said without its street word ends on its name.
                reach = len(after) - len(_after_grid_number(after[1:]))
            return " ".join(tokens[start : end + reach + 1])
    return None
