"""Phrase lists for the recognizer, built from the words the intake parser understands."""

from pathlib import Path

import pytest

from elderride.intake import evaluation, parse
from elderride.intake.phrases import place_phrases
from elderride.services.demo import SENIORS as DEMO

PLACES = Path(__file__).parent / "fixtures" / "intake" / "places.json"
NOW, SENIORS = evaluation.load_seniors(PLACES)
for spec in DEMO:
    SENIORS[spec["name"]] = {
        "language": spec["language"],
        "places": [
            {"id": number, "label": label, "address": address, "aliases": aliases}
            for number, (label, address, aliases) in enumerate(spec["places"], start=1)
        ],
        "contacts": [
            {"name": name, "relation": relation} for name, relation, _, _ in spec["contacts"]
        ],
    }


def phrases_of(name):
    senior = SENIORS[name]
    return place_phrases(senior["places"], senior["language"], senior["contacts"])


@pytest.mark.parametrize("name", sorted(SENIORS))
def test_every_phrase_is_understood_as_one_of_the_places(name):
    senior = SENIORS[name]
    for phrase in phrases_of(name):
        intent = parse(
            phrase,
            language=senior["language"],
            places=senior["places"],
            contacts=senior["contacts"],
            now=NOW,
        )
        assert intent.kind == "place", phrase


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "dorothy",
            {"pharmacy", "church", "saint mary's church", "my son's", "tom's", "hairdresser"},
        ),
        ("harold", {"infirmary", "hospital", "bowls", "my daughter's", "karen's"}),
        ("wang", {"医院", "二院", "华联", "超市", "儿子家", "王强家", "强强家"}),
        ("chen", {"邵逸夫", "物美", "太子湾", "公园", "陈浩家"}),
    ],
)
def test_distinctive_words_short_forms_and_family_are_phrases(name, expected):
    assert expected <= set(phrases_of(name))


@pytest.mark.parametrize(
    "name, absent",
    [
        ("dorothy", {"street", "st", "my daughter's"}),  # Anne, the daughter, has no place here
        ("Margaret Chen", {"my son's", "tom's"}),  # nor has Tom
        ("chen", {"医院"}),  # two hospitals: 医院 alone names neither
    ],
)
def test_words_that_name_no_single_place_are_left_out(name, absent):
    assert absent.isdisjoint(phrases_of(name))
