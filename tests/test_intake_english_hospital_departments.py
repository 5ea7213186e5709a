"""English callers who name a department after their hospital's short name (issue 29, Speech
II): "the royal outpatients" or "the royal casualty" is going to the senior's Royal hospital, as
a department is part of it, while another name's word after it ("the royal alexandra") is not."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)

LIVERPOOL = [
    {"id": 1, "label": "Home", "address": "3 Broad Green Road, Liverpool L13 5SE", "is_home": 1},
    {
        "id": 2,
        "label": "Royal Liverpool Hospital",
        "address": "Prescot Street, Liverpool L7 8XP",
        "aliases": ["the royal", "the hospital"],
    },
    {"id": 3, "label": "Tesco Old Swan", "address": "Prescot Road, Old Swan, Liverpool L13 3AS"},
]
SCOUSER = speaker("en", LIVERPOOL, now=NOW, timezone="Europe/London")

HOBART = [
    {"id": 1, "label": "Home", "address": "12 Bathurst Street, Hobart TAS 7000", "is_home": 1},
    {
        "id": 2,
        "label": "Royal Hobart Hospital",
        "address": "48 Liverpool Street, Hobart TAS 7000",
        "aliases": ["the royal", "RHH", "hospital in town"],
    },
]
TASSIE = speaker("en", HOBART, now=NOW, timezone="Australia/Hobart")


@pytest.mark.parametrize(
    ("senior", "text", "label"),
    [
        (SCOUSER, "the royal outpatients please", "Royal Liverpool Hospital"),
        (SCOUSER, "take me to the royal casualty", "Royal Liverpool Hospital"),
        (SCOUSER, "the royal maternity", "Royal Liverpool Hospital"),
        (SCOUSER, "the royal physio", "Royal Liverpool Hospital"),
        (SCOUSER, "the royal dialysis", "Royal Liverpool Hospital"),
        (SCOUSER, "the royal chemo", "Royal Liverpool Hospital"),
        (TASSIE, "the royal outpatients mate", "Royal Hobart Hospital"),
        (TASSIE, "the royal emergency please", "Royal Hobart Hospital"),
        (TASSIE, "the royal casualty please", "Royal Hobart Hospital"),
    ],
)
def test_a_department_after_the_short_name_is_the_hospital(senior, text, label):
    assert where(senior(text)) == label


@pytest.mark.parametrize("text", ["the royal alexandra", "take me to the royal marsden"])
def test_another_name_after_the_short_name_is_still_another_hospital(text):
    assert where(SCOUSER(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "take me to the royal oak",
        "take me to the royal british legion",
        "take me to the royal albert dock",
        "the royal british legion please",
    ],
)
def test_other_names_after_the_short_name_are_another_place(text):
    assert where(SCOUSER(text)) is None


@pytest.mark.parametrize(
    "text",
    ["the royal", "the royal outpatients", "the royal casualty", "take me to the royal please"],
)
def test_the_short_name_alone_or_with_a_department_is_still_the_hospital(text):
    assert where(SCOUSER(text)) == "Royal Liverpool Hospital"


# A red team's lines on the run-on above: "its urgent" (Vosk drops the apostrophe) and "blood
# test" were read as more of another name, and the caller's own hospital was lost.
@pytest.mark.parametrize(
    "text",
    [
        "take me to the royal its urgent",
        "take me to the royal its raining",
        "take me to the royal blood test",
        "the royal for a blood test",
        "can you get me to the royal x ray department",
        "the royal x ray please",
    ],
)
def test_a_remark_or_a_test_after_the_short_name_is_still_the_hospital(text):
    assert where(SCOUSER(text)) == "Royal Liverpool Hospital"


@pytest.mark.parametrize(
    "text", ["take me to tesco its urgent", "tesco its raining", "tesco old swan its urgent"]
)
def test_a_remark_after_a_shop_is_still_the_shop(text):
    assert where(SCOUSER(text)) == "Tesco Old Swan"


# A red team's lines: a clinic, a part of the building or a suite said after the short name is
# still the hospital, as a cafe said after a shop's name is the shop.
@pytest.mark.parametrize(
    "text",
    [
        "can you get me to the royal eye clinic",
        "take me to the royal car park",
        "can you get me to the royal pharmacy",
        "take me to the royal suite two",
        "take me to the royal fracture clinic",
        "take me to the royal blood test clinic",
        "can you get me to the royal appointment today",
    ],
)
def test_a_clinic_or_a_part_after_the_short_name_is_the_hospital(text):
    assert where(SCOUSER(text)) == "Royal Liverpool Hospital"


@pytest.mark.parametrize("text", ["can you take me to tesco cafe", "tesco pharmacy please"])
def test_a_cafe_or_a_pharmacy_in_a_shop_is_the_shop(text):
    assert where(SCOUSER(text)) == "Tesco Old Swan"
