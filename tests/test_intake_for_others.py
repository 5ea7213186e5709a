"""Someone else's trip (issue 29, Speech II), tested with sentences written here: a third person
who goes, needs a ride or is booked one without the caller is never the caller's ride to a preset;
the line asks again and can say it books only for the caller."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

ENGLISH_PLACES = [
    {"id": 1, "label": "Home", "address": "12 Dean Lane", "aliases": ["home"]},
    {"id": 2, "label": "Southmead Hospital", "address": "Southmead Road", "aliases": []},
    {"id": 3, "label": "Asda Bedminster", "address": "East Street", "aliases": ["asda"]},
    {"id": 4, "label": "Karen's House", "address": "4 Mill Lane", "aliases": []},
    {"id": 5, "label": "Dr Shah", "address": "North Street", "aliases": ["the doctor's"]},
]
ENGLISH_CONTACTS = [
    {"name": "Karen", "relation": "daughter"},
    {"name": "Darren", "relation": "son"},
]

CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "湖东路168号", "aliases": ["家里"]},
    {"id": 2, "label": "协和医院", "address": "新权路29号", "aliases": ["协和", "医院"]},
    {"id": 3, "label": "女儿家", "address": "金山大道618号", "aliases": ["金山"]},
    {"id": 4, "label": "同济医院", "address": "解放大道1095号", "aliases": ["同济"]},
    {"id": 5, "label": "东门菜市场", "address": "东门街2号", "aliases": ["菜市场"]},
]
CHINESE_CONTACTS = [{"name": "陈丽珍", "relation": "daughter"}]

english = speaker("en", ENGLISH_PLACES, ENGLISH_CONTACTS, now=NOW)
chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, now=NOW)


@pytest.mark.parametrize(
    "text",
    [
        # A name that is none of the caller's contacts goes or needs a ride.
        "jean needs a lift to the hospital",
        "maureen needs a taxi to asda",
        "our tracey has to get to the doctor's on tuesday",
        "pat wants to go to asda tomorrow",
        # A relation or friend word, with their name after it.
        "my friend mavis wants to go to asda",
        "my pal bernie has to get to the hospital",
        # Who "needs taking" somewhere is who rides.
        "jean needs taking to the hospital",
        "my husband wants running up to asda",
        # A neighbour who takes someone: the trip is theirs.
        "my neighbour needs to take her husband to the hospital",
        "my friend has to take her mum to the doctor's",
    ],
)
def test_a_third_person_who_goes_is_not_the_caller(text):
    intent = english(text)
    assert intent.kind == "unknown" and where(intent) is None and intent.for_someone_else


@pytest.mark.parametrize(
    "text",
    [
        "karen cancelled her visit",
        "karen can't come sunday",
    ],
)
def test_a_contact_who_calls_off_is_no_ride_to_theirs(text):
    assert where(english(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        # 给、帮 someone who is none of the family: 阿姨, 奶奶, with a surname or where they live.
        "给王阿姨叫个车去协和",
        "帮隔壁李奶奶叫个车去医院",
        "替楼下张大爷叫个车去菜市场",
        # A friend goes to a place whose name holds 和 or 同: no "together" in it.
        "我朋友要去协和",
        "老伴要去同济医院",
        "我邻居明天要去同济",
    ],
)
def test_a_third_person_who_goes_is_not_the_caller_in_chinese(text):
    intent = chinese(text)
    assert intent.kind == "unknown" and where(intent) is None and intent.for_someone_else


def test_a_relatives_relative_home_where_a_preset_is_is_not_that_preset():
    # 金山 is where the daughter lives; her mother-in-law's home there is not hers.
    assert where(chinese("去金山她婆婆家")) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("i need to take my husband to the hospital", "Southmead Hospital"),
        ("karen needs me to come to asda with her", "Asda Bedminster"),
        ("my friend mavis and me want to go to asda", "Asda Bedminster"),
        ("i'm going to asda with mavis", "Asda Bedminster"),
        # Whom the caller's own ride goes with is company, not where.
        ("i'm going to asda with my friend mavis", "Asda Bedminster"),
        ("take me to asda with my husband", "Asda Bedminster"),
        ("i want to go to the hospital with my daughter", "Southmead Hospital"),
        ("take me to karen's", "Karen's House"),
        ("my daughter's expecting me", "Karen's House"),
    ],
)
def test_the_callers_own_ride_with_others_stays(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("老伴要去医院给我们叫个车", "协和医院"),
        ("我朋友要去协和我跟她一起去", "协和医院"),
        ("我跟王阿姨一起去菜市场", "东门菜市场"),
        ("我和老伴要去同济", "同济医院"),
        ("去金山", "女儿家"),
    ],
)
def test_the_callers_own_ride_with_others_stays_in_chinese(text, place):
    assert where(chinese(text)) == place
