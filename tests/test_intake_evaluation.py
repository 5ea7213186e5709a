"""The intake parser measured on a labelled corpus of callers' own words, and the measuring
itself."""

import json
from pathlib import Path

import pytest

from elderride.intake import evaluation
from tests import test_intake

CORPUS = Path(__file__).parent / "fixtures" / "intake" / "corpus.jsonl"
PLACES = CORPUS.with_name("places.json")


@pytest.fixture(scope="module")
def report():
    now, seniors = evaluation.load_seniors(PLACES)
    return evaluation.evaluate(evaluation.load_cases(CORPUS), seniors, now=now)


def test_the_corpus_is_understood_at_ninety_five_percent(report):
    assert report.accuracy >= 0.95, [miss["text"] for miss in report.as_dict()["misses"]]


def test_no_hard_negative_and_no_other_utterance_gets_a_wrong_place(report):
    assert len(report.hard_negatives) >= 80
    assert [outcome.case.text for outcome in report.hard_negatives if outcome.wrong_place] == []
    assert [outcome.case.text for outcome in report.wrong_places] == []


def test_every_intent_of_the_corpus_is_understood_mostly(report):
    for intent, (right, total) in report.per_intent().items():
        assert right / total >= 0.9, intent


def test_the_corpus_is_large_bilingual_and_not_the_parser_tests():
    cases = evaluation.load_cases(CORPUS)
    _, seniors = evaluation.load_seniors(PLACES)
    assert len(cases) >= 400
    languages = {seniors[case.senior]["language"] for case in cases}
    assert languages == {"en", "zh"}
    assert len({case.senior for case in cases}) >= 6
    existing = {
        said
        for group in (test_intake.ENGLISH_PLACES, test_intake.CHINESE_PLACES)
        for said, _ in group
    }
    existing |= {
        row[0]
        for group in (
            test_intake.NOT_A_PLACE,
            test_intake.KEYWORDS,
            test_intake.MENU,
            test_intake.TIMES,
        )
        for row in group
    }
    # A few short answers are bound to be the same ("home", "回家"); the corpus is not a copy.
    assert len({case.text for case in cases} & existing) <= 10
    # The same words may recur for another senior, where they mean another place or none.
    assert len({(case.senior, case.text) for case in cases}) == len(cases)


def test_every_label_names_a_place_the_senior_has():
    _, seniors = evaluation.load_seniors(PLACES)
    for case in evaluation.load_cases(CORPUS):
        labels = {place["label"] for place in seniors[case.senior]["places"]}
        assert case.slots.get("place") is None or case.slots["place"] in labels, case.line
        assert case.hard_negative == (
            case.slots.get("place") is None and "address" in case.intents
        ), case.line


def write_corpus(folder, rows):
    corpus = folder / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    (folder / "places.json").write_text(
        json.dumps(
            {
                "now": "2026-11-23T15:10:00+00:00",
                "seniors": {
                    "ann": {
                        "language": "en",
                        "timezone": "UTC",
                        "contacts": [],
                        "places": [
                            {"label": "Home", "address": "1 Elm Street"},
                            {"label": "City Hospital", "address": "2 River Road"},
                        ],
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    return corpus


def test_a_wrong_place_is_counted_apart_from_a_miss(tmp_path):
    corpus = write_corpus(
        tmp_path,
        [
            {
                "senior": "ann",
                "text": "the hospital please",
                "intent": "place",
                "place": "City Hospital",
            },
            # Mislabelled on purpose.
            {
                "senior": "ann",
                "text": "the hospital please",
                "intent": "place",
                "place": "Home",
            },
            {
                "senior": "ann",
                "text": "the library",
                "intent": ["address", "unknown"],
                "place": None,
                "hard_negative": True,
            },
            {"senior": "ann", "text": "where is my car", "intent": "status"},
            {"senior": "ann", "text": "hmm", "intent": "yes"},
            {
                "senior": "ann",
                "text": "tomorrow at nine",
                "intent": "time",
                "when": "2026-11-24 09:00",
            },
        ],
    )
    now, seniors = evaluation.load_seniors(corpus.with_name("places.json"))
    report = evaluation.evaluate(evaluation.load_cases(corpus), seniors, now=now)
    figures = report.as_dict()
    assert (figures["correct"], figures["total"]) == (4, 6)
    assert [miss["line"] for miss in figures["wrong_places"]] == [2]
    assert figures["per_intent"]["place"] == {"right": 1, "total": 2}
    assert figures["per_intent"]["address/unknown"] == {"right": 1, "total": 1}
    assert figures["per_slot"]["when"] == {"right": 1, "total": 1}
    assert {"expected": "place: Home", "understood": "place: City Hospital", "count": 1} in figures[
        "confusions"
    ]
    assert {"expected": "yes", "understood": "unknown", "count": 1} in figures["confusions"]


def test_a_broken_corpus_line_is_reported_with_its_number(tmp_path):
    corpus = write_corpus(
        tmp_path, [{"senior": "ann", "text": "home", "intent": "place", "place": "Home"}]
    )
    corpus.write_text(corpus.read_text() + '{"senior": "ann"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        evaluation.load_cases(corpus)
