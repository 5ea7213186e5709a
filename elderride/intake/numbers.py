"""House numbers as callers and recognizers say them: "twenty one", "eight oh four", "three ten",
"twelve hundred"."""

from elderride.intake.vocabulary import words

_JOINERS = {"and", "a"}


def _is_number_word(token: str, table: dict[str, int]) -> bool:
    return token.isdigit() or token in table or token in ("hundred", "thousand")


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
