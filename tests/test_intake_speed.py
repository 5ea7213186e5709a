"""What a turn costs, counted as work and never timed: patterns compiled, tables built, places
matched."""

import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from elderride.bench.intake import Turn, parse_turn, read_turns
from elderride.intake import (
    Intent,
    chinese_streets,
    english_words,
    parse,
    parser,
    place_matching,
    tidy,
    warming,
)

CORPUS = Path(__file__).parent / "fixtures" / "intake"
SET = CORPUS / "heldout-set-k"


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
    # re's cache drops the oldest pattern first, used or not: patterns earlier tests left at its
    # old end push one another out pass after pass, so the count starts from an empty cache.
    re.purge()
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


def _senior(name: str) -> dict[str, Any]:
    seniors: dict[str, dict[str, Any]] = json.loads(
        (SET / "places.json").read_text(encoding="utf-8")
    )["seniors"]
    return seniors[name]


def _parse_for(text: str, senior: Mapping[str, Any]) -> Intent:
    return parse(
        text,
        language=senior["language"],
        places=senior["places"],
        contacts=senior.get("contacts", []),
        menu_size=len(senior["places"]),
    )


def _places_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Note each text the senior's places are matched against."""
    asked: list[str] = []
    original = place_matching.best_place

    def counted(spoken: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(spoken)
        return original(spoken, *args, **kwargs)

    monkeypatch.setattr(place_matching, "best_place", counted)
    return asked


@pytest.mark.parametrize(
    ("text", "senior"),
    [
        # Each refusal was read again with the words before it, matching each split of its words.
        (("不去医院去" * 200)[:800], "林秀英"),
        (("不去协和医院我不去永辉超市" * 100)[:800], "林秀英"),
        # One refusal before a long turn: every split of it was matched, each with the rest.
        ("不去" + "一" * 798, "林秀英"),
        ("我不去" + "协和" * 399, "林秀英"),
        ("not " * 200, "trevor"),
        ("not the hospital " * 47, "trevor"),
    ],
)
def test_a_turn_of_many_refusals_matches_the_places_a_few_times(
    monkeypatch: pytest.MonkeyPatch, text: str, senior: str
) -> None:
    asked = _places_asked(monkeypatch)
    intent = _parse_for(text, _senior(senior))
    assert intent.kind in ("unknown", "place")
    assert len(asked) <= 60


def test_refusals_a_caller_says_are_read_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    senior = _senior("林秀英")
    assert _parse_for("不去医院我不去医院我没事", senior).kind == "unknown"
    went = _parse_for("不去协和医院了，去永辉超市", senior)
    assert went.place is not None and went.place.label == "永辉超市屏西店"


def _tables() -> dict[str, Any]:
    """Return each table the intake builds once and keeps (a cached function of its modules)."""
    found = {}
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("elderride.intake."):
            continue
        for attribute, value in vars(module).items():
            if hasattr(value, "cache_info") and getattr(value, "__module__", None) == name:
                found[f"{name}.{attribute}"] = value
    return found


def test_after_warming_a_first_chinese_turn_builds_no_table() -> None:
    # Built on first use, the dialect table, word lists and the like made a process's first
    # Chinese caller wait half a second.
    tables = _tables()
    for table in tables.values():
        table.cache_clear()
    warming.warm.cache_clear()
    warming.warm()
    built = {name: table.cache_info().misses for name, table in tables.items()}
    # Kept per senior or per word, not built once: their places' sounds, their people's patterns.
    kept = {"sounds._preset_sounds", "tidy.compiled", "tidy.whole", "dialects._table_without"}
    kept |= {"together._patterns", "english_words.word", "people.someone"}
    kept |= {"chinese_names._names", "chinese_names._implied_kinds", "chinese_names._label"}
    kept |= {"chinese_names._names_and_kinds", "english_scores._profile_of"}
    # Per list of fillers a caller strips (a few dozen, each a few microseconds to build).
    kept |= {"tidy._fillers_by_end"}
    per_senior = {f"elderride.intake.{name}" for name in kept}
    for turn in [turn for turn in read_turns(SET) if turn[1]["language"] == "zh"][:30]:
        parse_turn(turn)
    again = {
        name
        for name, table in tables.items()
        if table.cache_info().misses > built[name] and name not in per_senior
    }
    assert again == set()


def _someone(senior: Mapping[str, Any], number: int) -> dict[str, Any]:
    """Return `senior` with people of other names, one set for each `number`."""
    letters = "abcdefghjkmnpqrstvwxyz"
    spelled = letters[number % 22] + letters[number // 22 % 22] + letters[number // 484 % 22]
    hanzi = "明华丽强芳军伟静敏燕"
    named = hanzi[number % 10] + hanzi[number // 10 % 10] + hanzi[number // 100 % 10]
    contacts = [
        {**contact, "name": f"{contact['name']}{spelled}" if senior["language"] == "en" else named}
        for contact in senior["contacts"]
    ]
    return {**senior, "contacts": contacts}


TURNS_OF_PEOPLE = {"en": ["my daughter's going to the hospital"], "zh": ["我女儿明天去医院"]}


@pytest.mark.parametrize("senior", ["trevor", "林秀英"])
def test_a_seniors_patterns_outlast_hundreds_of_other_seniors(
    monkeypatch: pytest.MonkeyPatch, senior: str
) -> None:
    # Patterns built from a senior's people went through re's own cache of 512: some sixty
    # seniors calling close together pushed out the first one's, compiled again on their next turn.
    seniors = [_someone(_senior(senior), number) for number in range(600)]
    turns = TURNS_OF_PEOPLE[seniors[0]["language"]]
    for someone in seniors:
        for turn in turns:
            _parse_for(turn, someone)
    compiled: list[Any] = []
    _counting(monkeypatch, re._compiler, "compile", compiled)
    for turn in turns:
        _parse_for(turn, seniors[0])
    assert compiled == []


def _calls(monkeypatch: pytest.MonkeyPatch, module: Any, names: list[str]) -> list[str]:
    """Note each call of the functions `names` of `module`."""
    calls: list[str] = []
    for name in names:
        original = getattr(module, name)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return calls


# A turn is cut to parser.LONGEST characters; each shape fills it.
@pytest.mark.parametrize(
    "text", ["去" * 400, "我想去" * 267, "我 要 去 " * 200, "回 家 了 " * 200, "到 了 到 " * 160]
)
def test_a_going_word_said_over_and_over_strips_fillers_a_few_times(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # What followed each 去 had its fillers stripped again, each time the whole rest of the turn:
    # "去" four hundred times took two seconds.
    stripped = _calls(monkeypatch, tidy, ["strip_fillers"])
    _parse_for(text, _senior("林秀英"))
    assert len(stripped) <= 60


@pytest.mark.parametrize(
    "text", ["路" * 800, "建设 路 " * 200, "一路" * 400, "新权路二十九号那个" * 88, "湖东路 " * 200]
)
def test_a_street_said_over_and_over_is_read_once_per_place(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # A street said later was looked for from every position a street could begin, each place's
    # address read again each time: "路" eight hundred times took thirteen seconds.
    read = _calls(monkeypatch, chinese_streets, ["on_street"])
    read += _calls(monkeypatch, tidy, ["chinese_digits"])
    _parse_for(text, _senior("林秀英"))
    assert len(read) <= 10 * parser.LONGEST


def test_the_english_words_kept_are_bounded() -> None:
    # Each token heard was kept for good: a stream of words never heard before grew the process
    # without end.
    kept = english_words.word.cache_info().maxsize
    assert kept is not None
    letters = "bcdfghjklmnpqrstvwz"
    for number in range(kept + 500):
        english_words.word(
            "".join(letters[number // 19**place % 19] for place in range(4)) + "ington"
        )
    assert english_words.word.cache_info().currsize <= kept


def _everyones(language: str) -> dict[str, Any]:
    """Return a senior with the places of every senior of `language` in the corpus (some thirty),
    one home among them."""
    seniors = json.loads((CORPUS / "places.json").read_text(encoding="utf-8"))["seniors"]
    chosen = [senior for senior in seniors.values() if senior["language"] == language]
    places = [
        {**place, "is_home": False} if number else place
        for number, senior in enumerate(chosen)
        for place in senior["places"]
    ]
    return {**chosen[0], "places": places}


# "一路" is 文一路 of two places (a numeral before 路, as 文三路) from any of its characters on.
@pytest.mark.parametrize("text", ["一路" * 400, "路一" * 400, "三路" * 400, "一路一号" * 200])
def test_a_numbered_street_said_over_and_over_is_read_once_for_all_places(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # Each place read each stretch after each position again, its numerals in digits, and its own
    # address and names again: "一路" four hundred times took a second for thirty places.
    read = _calls(monkeypatch, tidy, ["chinese_digits", "chinese"])
    _parse_for(text, _everyones("zh"))
    assert len(read) <= 2 * parser.LONGEST


@pytest.mark.parametrize("text", ["not " * 200, "no " * 266, "no wait " * 100, "home " * 160])
def test_a_word_said_over_and_over_is_matched_once_for_each_place(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # Each place's names were tidied again for each text matched (a dozen a turn on the refusal
    # path), and each word said was matched against each place each time it was said: "not" two
    # hundred times took 0.4 s for thirty places.
    senior = _everyones("en")
    _parse_for(text, senior)
    read = _calls(monkeypatch, english_words, ["joined_ordinals"])
    matched = _calls(monkeypatch, english_words.Word, ["matches"])
    _parse_for(text, senior)
    # What is said is read once for each text matched; the places' names once for all turns.
    assert len(read) <= 30
    assert len(matched) <= 10 * parser.LONGEST
