"""What asking back would cost: right places lost against wrong places avoided, if the phone line
asked "Is that your X?" whenever a place comes with words the intake cannot account for.

    python3 tools/doubt_trade.py [--at COMMIT] [--show] [SET ...]

SET is corpus, 2026-12, 2026-12b, D, E, F, G or H (all by default).  With --at, the parser and
its word lists are the ones of COMMIT (a set measured against the code it was written after:
2026-12 at e4cb9d3^, 2026-12b at 5decaa5^, G at 510dd4e, H at 9700804), while the sets, their
labels and the scoring are today's.  Run with the project's virtualenv Python.

A word is explained when the intake's own lists hold it (voice/intake/<language>.toml: every
value, and the keys of its tables), when it is one of the senior's own words (a place's label,
aliases or address but their function words, a contact's name or relation), or a number.
English words count as words (a possessive or plural s, and a contraction's ending, taken off);
a Chinese word (Vosk puts spaces between them) is explained when every character of it lies in a
listed phrase found in what was said, or in one of the senior's own names or its two-character
pieces (省立 for 省立医院).  A place answer is doubted when at least N unexplained words lie
within REACH words of the senior's own words (REACH 1: beside them; "before": just before them;
anywhere).
"""

import argparse
import collections
import functools
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = REPOSITORY / "tests" / "fixtures" / "intake"
SETS = {
    "corpus": "corpus.jsonl",
    "2026-12": "heldout-2026-12.jsonl",
    "2026-12b": "heldout-2026-12b.jsonl",
    **{name.upper(): f"heldout-set-{name}/set.jsonl" for name in "defgh"},
}
# (reach, at least this many unexplained words): reach 1 is beside the senior's own words.
VARIANTS: tuple[tuple[int | str | None, int], ...] = (
    (1, 1),
    (2, 1),
    (None, 1),
    (1, 2),
    (None, 2),
    ("before", 1),
)
# Chinese numbers are explained whatever their characters ("三点半", "一百二十号").
NUMERALS = "零〇一幺二两三四五六七八九十百千点半号分"


def _strings(value: Any) -> Iterable[str]:
    """Every string of the word lists: values, and the keys of tables (a dialect word)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@functools.cache
def lexicon(language: str) -> frozenset[str]:
    """Every word of the intake's lists (English), or every phrase (Chinese)."""
    from elderride.intake import tidy
    from elderride.intake.vocabulary import words

    said = list(_strings(words(language)))
    if language == "zh":
        return frozenset(filter(None, (tidy.chinese(phrase) for phrase in said)))
    return frozenset(word for phrase in said for word in tidy.english(phrase).split())


def _own(places: Sequence[Mapping[str, Any]], contacts: Sequence[Mapping[str, Any]]) -> list[str]:
    names = [
        name
        for place in places
        for name in [place.get("label"), *(place.get("aliases") or ()), place.get("address")]
    ]
    names += [
        value for contact in contacts for value in (contact.get("name"), contact.get("relation"))
    ]
    return [name for name in names if name]


def _english_forms(token: str) -> set[str]:
    forms = {token, token.removesuffix("'s"), token.removesuffix("s"), token.removesuffix("es")}
    return forms | {re.sub(r"'(?:ll|d|re|ve|m)$", "", token), re.sub(r"n't$", "", token)}


def _covered(spoken: str, phrases: Iterable[str]) -> set[int]:
    covered: set[int] = set()
    for phrase in phrases:
        start = spoken.find(phrase)
        while start >= 0:
            covered.update(range(start, start + len(phrase)))
            start = spoken.find(phrase, start + 1)
    return covered


def marks(
    text: str,
    language: str,
    places: Sequence[Mapping[str, Any]],
    contacts: Sequence[Mapping[str, Any]],
) -> list[tuple[str, str]]:
    """Each word of `text` with what explains it: "own", "known" or "unexplained"."""
    from elderride.intake import tidy
    from elderride.intake.vocabulary import words

    own = _own(places, contacts)
    if language != "zh":
        tokens = tidy.english(text).split()
        # "the" of "the hospital" is nobody's own word: only the words that can name a place.
        empty = set(words("en")["function_words"])
        own_words = {word for name in own for word in tidy.english(name).split()} - empty
        known = lexicon("en")
        marked = []
        for token in tokens:
            forms = _english_forms(token)
            if forms & own_words:
                marked.append((token, "own"))
            elif forms & known or re.fullmatch(r"\d+(?::\d\d|st|nd|rd|th)?", token):
                marked.append((token, "known"))
            else:
                marked.append((token, "unexplained"))
        return marked
    table = words("zh").get("dialect_words", {})
    tokens = [tidy.chinese(part) for part in text.split()]
    tokens = [_standard(token, table) for token in tokens if token]
    spoken = "".join(tokens)
    own = [tidy.chinese(name) for name in own]
    pieces = {name[start : start + 2] for name in own for start in range(len(name) - 1)}
    own_covered = _covered(spoken, [*own, *pieces])
    covered = _covered(spoken, [phrase for phrase in lexicon("zh") if phrase in spoken])
    marked, start = [], 0
    for token in tokens:
        span = range(start, start + len(token))
        start += len(token)
        if all(index in own_covered for index in span):
            marked.append((token, "own"))
        elif all(
            index in covered
            or index in own_covered
            or spoken[index] in NUMERALS
            or spoken[index].isdigit()
            for index in span
        ):
            marked.append((token, "known"))
        else:
            marked.append((token, "unexplained"))
    return marked


def _standard(spoken: str, table: Mapping[str, str]) -> str:
    """Dialect words said the standard way, as the parser reads them (older trees lack the rule)."""
    if not table:
        return spoken
    either = "|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))
    return re.sub(either, lambda match: table[match.group()], spoken)


def unexplained(marked: list[tuple[str, str]], reach: int | str | None) -> list[str]:
    """The unexplained words within `reach` words of the senior's own ("before": just before
    one; None: anywhere, or when no own word was said)."""
    owned = [index for index, (_, mark) in enumerate(marked) if mark == "own"]
    found = []
    for index, (token, mark) in enumerate(marked):
        if mark != "unexplained":
            continue
        if isinstance(reach, str):  # "before"
            near = index + 1 in owned
        else:
            near = reach is None or not owned or any(abs(index - at) <= reach for at in owned)
        if near:
            found.append(token)
    return found


def _evaluation() -> Any:
    """Today's scoring, whatever parser is on the path."""
    spec = importlib.util.spec_from_file_location(
        "evaluation_today", REPOSITORY / "elderride" / "intake" / "evaluation.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(names: list[str], show: bool) -> None:
    """Print one table row per set: right places and wrong places, and how many of each every
    variant would doubt."""
    evaluation = _evaluation()
    total: collections.Counter[Any] = collections.Counter()
    heads = " | ".join(
        f"{'anywhere' if reach is None else reach} >={least}" for reach, least in VARIANTS
    )
    print(f"| set | correct | right places | wrong (hard neg.) | wrong (other) | {heads} |")
    print("|---" * (5 + len(VARIANTS)) + "|")
    for name in [*names, "all"]:
        if name == "all":
            row = total
        else:
            path = FIXTURES / SETS[name]
            now, seniors = evaluation.load_seniors(path.parent / "places.json")
            report = evaluation.evaluate(evaluation.load_cases(path), seniors, now=now)
            row = collections.Counter({"correct": report.correct, "lines": report.total})
            for outcome in report.outcomes:
                if outcome.slots["place"] is None:
                    continue
                if outcome.correct:
                    kind = "right"
                elif outcome.wrong_place:
                    kind = "wrong_hn" if outcome.case.hard_negative else "wrong"
                else:
                    continue
                row[kind] += 1
                senior = seniors[outcome.case.senior]
                marked = marks(
                    outcome.case.text,
                    senior.get("language", "en"),
                    senior.get("places", []),
                    senior.get("contacts", []),
                )
                for reach, least in VARIANTS:
                    found = unexplained(marked, reach)
                    if len(found) >= least:
                        row[kind, reach, least] += 1
                if show and kind != "right":
                    words = " ".join(f"{token}/{mark[0]}" for token, mark in marked)
                    print(f"  {name} {kind}: {words} -> {outcome.slots['place']}")
            total.update(row)
        cells = " | ".join(
            f"{row['right', reach, least]}/{row['wrong_hn', reach, least]}/"
            f"{row['wrong', reach, least]}"
            for reach, least in VARIANTS
        )
        correct = f"{row['correct']}/{row['lines']}"
        print(
            f"| {name} | {correct} | {row['right']} | {row['wrong_hn']} | {row['wrong']} | "
            f"{cells} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help=", ".join(SETS))
    parser.add_argument("--at", help="measure the parser and word lists of this commit")
    parser.add_argument("--show", action="store_true", help="print each wrong place's words")
    options = parser.parse_args()
    unknown = [name for name in options.sets if name not in SETS]
    if unknown:
        parser.error(f"no set {', '.join(unknown)}: choose from {', '.join(SETS)}")
    if options.at and "DOUBT_TRADE_TREE" not in os.environ:
        with tempfile.TemporaryDirectory() as tree:
            archive = subprocess.run(
                ["git", "-C", str(REPOSITORY), "archive", options.at, "elderride", "voice"],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
            environment = {**os.environ, "PYTHONPATH": tree, "DOUBT_TRADE_TREE": tree}
            command = [sys.executable, __file__, *sys.argv[1:]]
            sys.exit(subprocess.run(command, env=environment, cwd=tree).returncode)
    if "DOUBT_TRADE_TREE" not in os.environ:
        sys.path.insert(0, str(REPOSITORY))  # this checkout's parser, not an installed one
    measure(options.sets or list(SETS), options.show)


if __name__ == "__main__":
    main()
