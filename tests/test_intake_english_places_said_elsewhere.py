"""English callers who say only a place and another town or district it is in ("the market in
brixton please", "woolies at castletown"), with no verb, ask for that place there: a free address
for a person to check, never the preset that shares its kind or chain."""

from pathlib import Path

import pytest

from elderride.intake import evaluation

FIXTURES = Path(__file__).parent / "fixtures" / "intake"


def _heard(set_name: str, senior: str, text: str):
    now, seniors = evaluation.load_seniors(FIXTURES / set_name / "places.json")
    return evaluation.heard(text, seniors[senior], now=now)


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        ("heldout-set-ab", "hyacinth_croydon", "the surgery in streatham please"),
        ("heldout-set-ab", "hyacinth_croydon", "the church at norbury"),
        ("heldout-set-ab", "bev_townsville", "the bowls club in kirwan please"),
        ("heldout-set-ab", "bev_townsville", "tanya's place at magnetic island"),
        ("heldout-set-ab", "earl_boise", "the vfw in nampa please"),
        ("heldout-set-ab", "earl_boise", "albertsons over in eagle"),
        ("heldout-set-ab", "giuseppe_hamilton", "the general in toronto please"),
        ("heldout-set-v", "colin", "the bowls club in palmerston please"),
        ("heldout-set-v", "colin", "woolies at nightcliff"),
        ("heldout-set-x", "clarence", "the cvs in homewood please"),
        ("heldout-set-x", "lupe", "the senior center in belen"),
        ("heldout-set-t", "keith", "the morrisons at stockton please"),
        ("heldout-set-t", "keith", "franco's place in redcar"),
    ],
)
def test_a_place_said_alone_with_another_town_is_an_address(set_name, senior, text):
    intent = _heard(set_name, senior, text)
    assert (intent.kind, intent.place) == ("address", None)


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "kind"),
    [
        # Its own district, or a preset alone, is the preset.
        ("heldout-set-ab", "bev_townsville", "the bowls club please", "place"),
        ("heldout-set-ab", "bev_townsville", "the hospital out at douglas please", "place"),
        ("heldout-set-ab", "earl_boise", "the albertsons on state", "place"),
        # A person somewhere, or the caller, is no place to go.
        ("heldout-set-ab", "bev_townsville", "shane's at the bowls club in kirwan", "unknown"),
        ("heldout-set-ab", "earl_boise", "my daughter's in nampa", "unknown"),
        ("heldout-set-ab", "earl_boise", "the kids are at the albertsons in nampa", "unknown"),
        ("heldout-set-ab", "hyacinth_croydon", "the market in brixton on the news", "unknown"),
    ],
)
def test_a_place_with_its_own_district_or_a_person_there_is_no_address(
    set_name, senior, text, kind
):
    assert _heard(set_name, senior, text).kind == kind
