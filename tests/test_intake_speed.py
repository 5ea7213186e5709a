"""Turns alternating English and Chinese cost what turns in one language do: once every pattern
the parser needs has been seen, parsing compiles none again (no timing is asserted here)."""

import re
from pathlib import Path
from typing import Any

import pytest

from elderride.bench.intake import Turn, parse_turn, read_turns

SET = Path(__file__).parent / "fixtures" / "intake" / "heldout-set-k"


def _alternating(count: int) -> list[Turn]:
    """Return `count` English and `count` Chinese turns of a dev set, the languages alternating."""
    turns = read_turns(SET)
    english = [turn for turn in turns if turn[1]["language"] == "en"][:count]
    chinese = [turn for turn in turns if turn[1]["language"] == "zh"][:count]
    return [turn for pair in zip(english, chinese, strict=True) for turn in pair]


def _parse_all(turns: list[Turn]) -> None:
    for turn in turns:
        parse_turn(turn)


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, calls: list[Any]) -> None:
    """Patch `name` of `module` (re's own compiler, or the door to its cache) to note the
    patterns it is handed."""
    original = getattr(module, name)

    def counted(pattern: Any, flags: Any) -> Any:
        calls.append(pattern)
        return original(pattern, flags)

    monkeypatch.setattr(module, name, counted)


def test_parsing_turns_again_compiles_no_pattern_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # A pattern built from each phrase a turn tries (hundreds a turn, other ones in each language)
    # overflowed the re module's cache of 512, so each turn compiled them all again.
    turns = _alternating(40)
    # The first pass sees each pattern once; patterns first seen push fixed ones out of re's
    # cache, which the second pass puts back.
    _parse_all(turns)
    _parse_all(turns)
    compiled: list[Any] = []
    _counting(monkeypatch, re._compiler, "compile", compiled)
    _parse_all(turns)
    assert compiled == []


def test_the_patterns_asked_of_re_are_few_whatever_the_turns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Patterns built from a phrase or a place's name are kept by tidy.compiled; what still goes
    # through re's module functions are fixed rules, well under what re keeps.
    turns = _alternating(40)
    _parse_all(turns)
    _parse_all(turns)
    asked: list[Any] = []
    _counting(monkeypatch, re, "_compile", asked)
    _parse_all(turns)
    assert len(set(asked)) < re._MAXCACHE // 2  # type: ignore[attr-defined]
