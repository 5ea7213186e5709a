"""English a careful operator understands and the intake missed or misplaced (issue 29, Speech II),
in sentences written here for the seniors of the development sets: a hearing aid as the errand, not
the ears blamed; news and remarks about a preset; a trailing "what they used to call" remark; a
contact's short name before "'s place"; and someone coming over to the caller; then the red team's
lines of this stop: an ask after what a place has on, a former name or a report said alone,
what someone says of the caller, a relative's house sold, a ride no longer needed, a hearing aid
to fix."""

import datetime
from pathlib import Path

import pytest

from elderride.intake import evaluation
from tests.speaking import speaker, where

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


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        # News heard on the radio or read in the paper.
        ("heldout-set-ab", "doreen_stoke", "the chapel's shut they said on the news"),
        ("heldout-set-ab", "hyacinth_croydon", "the market's moving to sunday it was in the paper"),
        ("heldout-set-v", "colin", "the bowls club's closing early they said on the radio"),
        # What a kind of place has on or has got.
        ("heldout-set-ab", "giuseppe_hamilton", "the club's got a dance on friday"),
        ("heldout-set-ab", "doreen_stoke", "the library's having a book sale on tuesday"),
        ("heldout-set-x", "lupe", "the church is having a bake sale sunday"),
        # What a doctor says: the doctor speaks, the surgery is no place to go.
        ("heldout-set-ab", "bev_townsville", "the doctor says i gotta cut back on salt"),
        ("heldout-set-x", "clarence", "my doctor say i need to lose weight"),
        ("heldout-set-ab", "earl_boise", "the va tells me my pills are going up"),
        # A relative said again as "he" or "she", and what they do to a house.
        (
            "heldout-set-ab",
            "bev_townsville",
            "my daughter tanya she selling the house in north ward",
        ),
        ("heldout-set-ab", "bev_townsville", "tanya she sell the place"),
        ("heldout-set-ab", "giuseppe_hamilton", "my son he sell the house in stoney creek"),
        ("heldout-set-t", "keith", "our karen she's selling the house in nunthorpe"),
    ],
)
def test_news_and_remarks_about_a_preset_are_no_ride(set_name, senior, text):
    assert _heard(set_name, senior, text).place is None


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "label"),
    [
        (
            "heldout-set-ab",
            "doreen_stoke",
            "take me to the library they said on the radio it's open",
            "Tunstall Library",
        ),
        (
            "heldout-set-ab",
            "bev_townsville",
            "the bowls club please they've got a raffle on",
            "Aitkenvale Bowls Club",
        ),
        (
            "heldout-set-ab",
            "hyacinth_croydon",
            "take me to the doctor please",
            "Norwood Junction Surgery",
        ),
        ("heldout-set-ab", "earl_boise", "cindy's please", "Cindy's House"),
    ],
)
def test_a_ride_asked_beside_news_still_goes(set_name, senior, text, label):
    assert _heard(set_name, senior, text).place.label == label


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "label"),
    [
        (
            "heldout-set-ab",
            "hyacinth_croydon",
            "the croydon university hospital what dem used to call mayday",
            "Croydon University Hospital",
        ),
        (
            "heldout-set-ab",
            "doreen_stoke",
            "royal stoke what they used to call the city general",
            "Royal Stoke University Hospital",
        ),
        (
            "heldout-set-x",
            "lupe",
            "presbyterian what we used to call the big hospital",
            "Presbyterian Hospital",
        ),
        (
            "heldout-set-t",
            "keith",
            "james cook what used to be called south cleveland",
            "James Cook University Hospital",
        ),
    ],
)
def test_a_places_old_name_told_after_it_is_a_remark(set_name, senior, text, label):
    assert _heard(set_name, senior, text).place.label == label


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        ("heldout-set-ab", "hyacinth_croydon", "i used to go to the mayday"),
        ("heldout-set-ab", "doreen_stoke", "we used to call it the city general"),
    ],
)
def test_what_the_caller_used_to_do_stays_no_ride(set_name, senior, text):
    assert _heard(set_name, senior, text).place is None


SHORT_NAMES = [
    {"id": 1, "label": "Home", "address": "4 Hale Road, Forrestfield WA", "aliases": ["home"]},
    {
        "id": 2,
        "label": "Patricia's Place",
        "address": "12 Swan Street, Guildford WA",
        "aliases": ["patricia's", "trish's place"],
    },
    {
        "id": 3,
        "label": "Michael's House",
        "address": "3 Kalamunda Road, Kalamunda WA",
        "aliases": ["michael's", "mick's place"],
    },
]
SHORT_NAMED = speaker(
    "en",
    SHORT_NAMES,
    [{"name": "Patricia", "relation": "daughter"}, {"name": "Michael", "relation": "son"}],
    now=datetime.datetime(2026, 12, 7, 3, 30, tzinfo=datetime.UTC),
    timezone="Australia/Perth",
)


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "label"),
    [
        ("heldout-set-ab", "bev_townsville", "tan's place for christmas lunch", "Tanya's Place"),
        ("heldout-set-ab", "bev_townsville", "tan's place tomorrow arvo", "Tanya's Place"),
        ("heldout-set-ab", "bev_townsville", "out to tan's place please", "Tanya's Place"),
    ],
)
def test_a_short_name_before_place_is_their_home_no_street(set_name, senior, text, label):
    assert _heard(set_name, senior, text).place.label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("trish's place please", "Patricia's Place"),
        ("mick's place for the footy", "Michael's House"),
        ("take me to trish's place", "Patricia's Place"),
    ],
)
def test_a_short_name_alias_before_place_is_that_home(text, label):
    assert where(SHORT_NAMED(text)) == label


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        ("heldout-set-ab", "earl_boise", "walt's coming over to my place for the game"),
        ("heldout-set-ab", "earl_boise", "the kids are coming to my house for christmas"),
        ("heldout-set-ab", "bev_townsville", "shane's coming round to my place for tea"),
        ("heldout-set-x", "clarence", "denise is coming over to my house sunday"),
        ("heldout-set-t", "keith", "our jordan's coming round to our house tonight"),
    ],
)
def test_someone_coming_to_the_caller_is_no_ride(set_name, senior, text):
    intent = _heard(set_name, senior, text)
    assert (intent.kind, intent.place) == ("unknown", None)


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "label"),
    [
        (
            "heldout-set-ab",
            "earl_boise",
            "cindy's coming over to take me to the va",
            "Boise VA Medical Center",
        ),
        (
            "heldout-set-ab",
            "earl_boise",
            "ray's coming to the va with me",
            "Boise VA Medical Center",
        ),
    ],
)
def test_someone_coming_to_take_the_caller_still_goes(set_name, senior, text, label):
    assert _heard(set_name, senior, text).place.label == label


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "label"),
    [
        (
            "heldout-set-ab",
            "doreen_stoke",
            "the chapel is having a raffle tonight i want to go",
            "Burslem Methodist Chapel",
        ),
        (
            "heldout-set-ab",
            "giuseppe_hamilton",
            "the club got bingo tonight take me",
            "Italian Canadian Club",
        ),
        (
            "heldout-set-ab",
            "doreen_stoke",
            "royal stoke have got me booked in at two can you take me",
            "Royal Stoke University Hospital",
        ),
        (
            "heldout-set-ab",
            "doreen_stoke",
            "the chapel is holding a service for ken at two take me",
            "Burslem Methodist Chapel",
        ),
        (
            "heldout-set-w",
            "reg",
            "church is having a raffle tonight i want to go",
            "St Mary's Church",
        ),
        (
            "heldout-set-ab",
            "earl_boise",
            "the vfw is having a raffle tonight i want to go",
            "VFW Post 63",
        ),
    ],
)
def test_an_ask_after_what_a_place_has_on_goes_there(set_name, senior, text, label):
    assert where(_heard(set_name, senior, text)) == label


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        # A report of what someone says, about a place.
        ("heldout-set-ab", "bev_townsville", "tan's place is a mess she says"),
        ("heldout-set-ab", "doreen_stoke", "the chapel is a mess he said"),
        # A former name remarked on with no place before it.
        ("heldout-set-ab", "bev_townsville", "what they used to call the hospital"),
        ("heldout-set-g", "arnold", "what they used to call the hospital"),
        ("heldout-set-u", "maureen", "what they used to call the royal"),
        ("heldout-set-o", "mavis", "what they used to call royal stoke"),
        ("heldout-set-ab", "hyacinth_croydon", "what dem used to call mayday"),
    ],
)
def test_a_remark_with_no_ask_books_no_place(set_name, senior, text):
    assert _heard(set_name, senior, text).place is None


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        ("heldout-set-ab", "bev_townsville", "dr patel says i'm fine"),
        ("heldout-set-ab", "earl_boise", "the va tells me i'm fine"),
        ("heldout-set-x", "clarence", "my doctor says i'm fine"),
    ],
)
def test_what_someone_says_of_the_caller_is_no_yes(set_name, senior, text):
    heard = _heard(set_name, senior, text)
    assert (heard.kind, heard.place) == ("unknown", None)


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        ("heldout-set-ab", "hyacinth_croydon", "our marcia is selling her house"),
        ("heldout-set-x", "wilf", "our karen is selling her house"),
        ("heldout-set-x", "rosa", "maria is buying his house"),
        ("heldout-set-v", "stan", "karen is selling her place"),
    ],
)
def test_a_relative_selling_their_house_is_no_ride(set_name, senior, text):
    assert _heard(set_name, senior, text).place is None


@pytest.mark.parametrize(
    ("set_name", "senior", "text"),
    [
        ("heldout-set-ab", "hyacinth_croydon", "i'll not need the car to the market now"),
        ("heldout-set-g", "arnold", "i'll not need the car to the market now"),
        ("heldout-set-o", "mavis", "i won't need a taxi to the market now"),
        ("heldout-set-ab", "hyacinth_croydon", "i don't need a lift to the market today"),
    ],
)
def test_a_ride_there_no_longer_needed_books_no_place(set_name, senior, text):
    assert _heard(set_name, senior, text).place is None


@pytest.mark.parametrize(
    ("set_name", "senior", "text", "label"),
    [
        (
            "heldout-set-ab",
            "bev_townsville",
            "my hearing aid needs fixing take me to the hospital",
            "Townsville University Hospital",
        ),
        (
            "heldout-set-g",
            "arnold",
            "my hearing aid needs fixing take me to the hospital",
            "Barnsley Hospital",
        ),
        (
            "heldout-set-u",
            "maureen",
            "my hearing aid needs fixing take me to the royal",
            "Hull Royal Infirmary",
        ),
        (
            "heldout-set-o",
            "mavis",
            "my hearing aid needs looking at take me to royal stoke",
            "Royal Stoke Hospital",
        ),
    ],
)
def test_a_hearing_aid_needing_a_fix_is_the_errand(set_name, senior, text, label):
    assert where(_heard(set_name, senior, text)) == label
