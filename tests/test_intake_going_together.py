"""The caller who goes with someone else (issue 29, Speech II), tested with sentences written here:
who takes whom decides whose ride it is. The caller who takes a relative, goes along with them or
asks a car for both rides too; a car asked of the line for the relative alone stays their trip."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

ENGLISH_PLACES = [
    {"id": 1, "label": "Home", "address": "3 Rowan Terrace", "aliases": ["home"]},
    {"id": 2, "label": "Freeman Hospital", "address": "Freeman Road", "aliases": ["the hospital"]},
    {"id": 3, "label": "Dr Patel", "address": "High Street", "aliases": ["the doctor's"]},
    {"id": 4, "label": "Boots Chemist", "address": "Front Street", "aliases": ["the chemist"]},
    {"id": 5, "label": "Grainger Market", "address": "Grainger Street", "aliases": ["the market"]},
    {"id": 6, "label": "Benton Clinic", "address": "Benton Road", "aliases": ["the clinic"]},
    {"id": 7, "label": "Tesco Extra", "address": "Kingston Park", "aliases": ["tesco"]},
    {"id": 8, "label": "Our Tracey's", "address": "9 Coast Road", "aliases": ["tracey's"]},
]
ENGLISH_CONTACTS = [
    {"name": "Jim", "relation": "husband"},
    {"name": "Tracey", "relation": "daughter"},
]

CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "红旗路5号", "aliases": ["家"]},
    {"id": 2, "label": "市一医院", "address": "人民路10号", "aliases": ["医院", "一医院"]},
    {"id": 3, "label": "东门菜市场", "address": "东门街2号", "aliases": ["菜市场", "菜场"]},
]
CHINESE_CONTACTS = [{"name": "林小芳", "relation": "女儿"}]

english = speaker("en", ENGLISH_PLACES, ENGLISH_CONTACTS, now=NOW)
chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, now=NOW)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # The caller is who takes: "i", "we", whatever they need or mean to do between.
        ("i need to take my husband to the hospital", "Freeman Hospital"),
        ("i want to take jim to the hospital", "Freeman Hospital"),
        ("i have to take my wife to the doctor's", "Dr Patel"),
        ("i've got to take mum to the chemist", "Boots Chemist"),
        ("i'll take my husband to the market", "Grainger Market"),
        ("we need to take our tracey to the clinic", "Benton Clinic"),
        ("my husband has to go to the hospital i'll take him", "Freeman Hospital"),
        ("i'm taking the wife up the hospital", "Freeman Hospital"),
        # Whom the caller takes is who rides, not whose place; a place named as someone's still is.
        ("i'll take my husband round our tracey's", "Our Tracey's"),
    ],
)
def test_the_caller_who_takes_someone_rides_too(text, place):
    intent = english(text)
    assert where(intent) == place and not intent.for_someone_else


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my husband has to go to the hospital i'll come with him", "Freeman Hospital"),
        ("my wife's got an appointment at the clinic and i'm going too", "Benton Clinic"),
        ("my husband's got to go to the chemist and i'm coming as well", "Boots Chemist"),
        ("our tracey's going to the market and i'll go along too", "Grainger Market"),
        ("me and my husband want to go to the market", "Grainger Market"),
        ("book a taxi to tesco for my husband and me", "Tesco Extra"),
        ("the two of us need to get to the hospital", "Freeman Hospital"),
        ("my husband has to go to the hospital can you book us a taxi", "Freeman Hospital"),
        ("a taxi for the two of us to the market please", "Grainger Market"),
        ("my husband has an appointment at the hospital i'm going with him", "Freeman Hospital"),
        ("my husband needs to go to the hospital can you take the both of us", "Freeman Hospital"),
        # Where the caller and company go may be a relative's: said first after "to", it is.
        ("can you take me and my husband to my daughter", "Our Tracey's"),
    ],
)
def test_the_caller_who_goes_along_rides_too(text, place):
    intent = english(text)
    assert where(intent) == place and not intent.for_someone_else


@pytest.mark.parametrize(
    "text",
    [
        # The line is asked to take them: the car is for them alone.
        "could you take our tracey to the hospital",
        "can you take my husband to the hospital",
        "i need you to take my husband to the hospital",
        "will you take mum to the chemist please",
        "i'd like you to take my wife to the doctor's",
        # Someone else takes them.
        "dale's taking linda to the hospital",
        # The caller would, could or cannot take them, or go: no more than a wish or a refusal.
        "my husband needs to go to the hospital i'd take him but i don't drive",
        "my husband needs to go to the hospital i can't take him",
        "my husband has to go to the hospital i can't go with him",
        "my husband has to go to the hospital and i won't be going too",
        # The caller takes someone else on another trip: the car is still for her alone.
        "my wife needs a taxi to the hospital i have to take our grandson to school",
        "my wife needs a taxi to the hospital cos i have to take the grandson",
        "my wife needs to go to the hospital i'm taking the grandkids to school",
        # A place the senior does not have is no preset, whoever goes.
        "i need to take my husband to the dentist",
        "my husband has to go to the dentist i'll come with him",
    ],
)
def test_a_trip_the_caller_does_not_take_gets_no_place(text):
    intent = english(text)
    assert where(intent) is None
    assert intent.kind in ("unknown", "address")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A car for us: 我们, 咱们 and their kin asked a ride for.
        ("老伴要去医院给我们叫个车", "市一医院"),
        ("帮我们叫个车去医院", "市一医院"),
        ("老伴 要 去 菜场 帮 咱们 约 个 车", "东门菜市场"),
        ("我们俩一块儿去医院", "市一医院"),
        # The caller takes them or goes with them.
        ("我老伴要去医院我送他去", "市一医院"),
        ("老头子 要 去 医院 我 带 他 去", "市一医院"),
        ("俺老婆要去菜市场俺跟她一起去", "东门菜市场"),
        ("女儿 要 去 医院 我 陪 她 去", "市一医院"),
        ("我陪我老伴去医院", "市一医院"),
        ("我们家老头要去医院 我 陪 他 去", "市一医院"),
        ("老伴要去医院 我领着他去", "市一医院"),
        ("我 带 着 老伴 去 医院", "市一医院"),
        ("给我们俩叫个车去菜场", "东门菜市场"),
    ],
)
def test_a_chinese_caller_going_with_them_rides_too(text, place):
    intent = chinese(text)
    assert where(intent) == place and not intent.for_someone_else


@pytest.mark.parametrize(
    "text",
    [
        # 我们家 says whose the old man is, not that the caller goes.
        "我们家老头要去医院",
        "给我们家老头叫个车去医院",
        "我们家老头要去医院给他叫个车",
        "给 俺家 老婆子 订 个 车 去 菜场",
        # The line is asked to take them, or the caller cannot go.
        "我老伴要去医院 你们 帮 我 送 他 去",
        "老伴要去医院我不能陪他去",
        "老伴 要 去 医院 我 陪 不了 他",
        "老伴要去医院我没空陪他给他叫个车",
        "老伴要去医院我不跟他一起去",
        # A place the senior does not have is no preset, whoever goes.
        "我老伴要去中医院我送他去",
    ],
)
def test_a_chinese_trip_for_them_alone_gets_no_place(text):
    intent = chinese(text)
    assert where(intent) is None
    assert intent.kind in ("unknown", "address")


@pytest.mark.parametrize(
    "text",
    [
        "老伴要去医院 我得带孙子 给他叫个车",
        "我老伴要去医院 你们 帮 我 送 他 去",
        "老伴要去医院我不能陪他去",
    ],
)
def test_a_chinese_caller_who_stays_behind_is_told_the_line_books_their_own_rides(text):
    """Minding a grandchild (带孙子) or asking the line to take them is not going with them."""
    intent = chinese(text)
    assert intent.kind == "unknown" and intent.for_someone_else


@pytest.mark.parametrize(
    ("say", "text"),
    [
        # rt11: the caller takes them by their own means: no car is asked of the line.
        (english, "i'll drive my husband to the hospital"),
        (english, "i'll take my husband to the hospital in our car"),
        (english, "don't worry i'll take him to the hospital myself"),
        (english, "i'm going to run jim to the hospital"),
        (english, "i need to take my husband to the hospital but our tracey's driving us"),
        (chinese, "我 自己 开车 送 老伴 去 医院"),
        (chinese, "我 骑车 送 老伴 去 医院 不用 叫车"),
        (chinese, "我 送 他 去 医院 坐 公交 去"),
        # Once read as the caller riding along; whoever drives needs no car from the line.
        (english, "i'm going to drive my sister to tesco"),
        (chinese, "老伴 要 去 医院 我 开车 送 他 去"),
    ],
)
def test_a_caller_who_takes_them_their_own_way_books_no_car(say, text):
    assert where(say(text)) is None
