"""English a careful operator understands and the intake missed or misplaced (issue 29, Speech II),
in sentences written here for the seniors of the development sets: a hearing aid as the errand, not
the ears blamed; news and remarks about a preset; a trailing "what they used to call" remark; a
contact's short name before "'s place"; and someone coming over to the caller."""

from pathlib import Path

import pytest

from elderride.intake import evaluation

FIXTURES = Path(__file__).parent / "fixtures" / "intake"


def _heard(set_name: str, senior: str, text: str):
    now, seniors = evaluation.load_seniors(FIXTURES / set_name / "places.json")
    return evaluation.heard(text, seniors[senior], now=now)


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "label"),
    [
        (
            "heldout-set-ab",
            "earl_boise",
            "take me to the va for my hearing aid appointment",
            "Boise VA Medical Center",
        ),
        (
            "heldout-set-ab",
            "earl_boise",
            "the veterans hospital i got a hearing aid fitting",
            "Boise VA Medical Center",
        ),
        (
            "heldout-set-ab",
            "doreen_stoke",
            "royal stoke please for me hearing aid appointment",
            "Royal Stoke University Hospital",
        ),
        (
            "heldout-set-x",
            "clarence",
            "take me to uab i need my hearing aid checked",
            "UAB Hospital",
        ),
        (
            "heldout-set-v",
            "colin",
            "the hospital mate i've got a hearing aid test",
            "Royal Darwin Hospital",
        ),
    ],
)
def test_a_hearing_aid_seen_to_is_the_errand_not_the_ears(set_name, senior, text, label):
    intent = _heard(set_name, senior, text)
    assert (intent.kind, intent.place.label if intent.place else None) == ("place", label)


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        ("heldout-set-ab", "earl_boise", "say that again my hearing aid's playing up"),
        ("heldout-set-ab", "earl_boise", "sorry i had my hearing aid out"),
    ],
)
def test_a_hearing_aid_failing_still_asks_again(set_name, senior, text):
    assert _heard(set_name, senior, text).kind == "repeat"
