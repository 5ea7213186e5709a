"""Regional words older callers use (Sichuan, Cantonese, Shanghainese, Hunan, Northern, Scottish),
each tested with sentences written here: home said in dialect, a preset refused or closed in
dialect, a Cantonese correction, another person's or a past trip, and a ride called off by
sending no one."""

import pytest

from elderride.intake import parse
from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "Home", "address": "12 Elm Road", "aliases": ["home"], "is_home": 1},
    {"id": 2, "label": "Piggly Wiggly", "address": "400 Main Street", "aliases": []},
    {"id": 3, "label": "Mercy Hospital", "address": "1 Hospital Drive", "aliases": ["hospital"]},
    {"id": 4, "label": "Siobhan's house", "address": "9 Glen Way", "aliases": []},
    {"id": 5, "label": "Walgreens", "address": "75 Oak Street", "aliases": ["pharmacy", "chemist"]},
    {"id": 6, "label": "Rosewood Bowling Club", "address": "3 Green Lane", "aliases": ["the club"]},
]
CONTACTS = [{"name": "Siobhan Kelly", "relation": "daughter"}]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "武侯区1号", "aliases": ["我家"], "is_home": 1},
    {"id": 2, "label": "华山医院", "address": "乌鲁木齐中路12号", "aliases": []},
    {"id": 3, "label": "永辉超市", "address": "人民南路50号", "aliases": ["超市"]},
    {"id": 4, "label": "大慈寺", "address": "大慈寺路23号", "aliases": []},
    {"id": 5, "label": "华西医院", "address": "国学巷37号", "aliases": []},
    {"id": 6, "label": "鹤鸣茶社", "address": "人民公园内", "aliases": ["茶社"]},
]
CHINESE_CONTACTS = [{"name": "何红", "relation": "女儿"}]


english = speaker("en", PLACES, CONTACTS)


chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS)


@pytest.mark.parametrize(
    "text",
    [
        "回 屋头",
        "送 我 回 屋头",
        "送 我 回 屋企",
        "我 要 回 屋企 啦",
        "我 要 回 屋里",
        "麻烦 送 我 回 屋里",
    ],
)
def test_home_said_in_dialect_is_home(text):
    assert where(chinese(text)) == "家"


@pytest.mark.parametrize(
    "text",
    [
        "甭 去 华山 医院 了 那 大夫 不 行",
        "甭 去 大慈寺 了",
        "唔 去 华山 医院 啦 太 远",
        "我 唔 想 去 永辉 超市",
        "唔 使 去 华西 医院 啦",
        "冇 去 华山 医院",
        "莫 去 大慈寺 咯",
        "鹤鸣 茶社 关门 了 去 别 的 茶馆",
        "茶社 关了门 了",
        "永辉 超市 今天 没 开门",
    ],
)
def test_a_preset_refused_in_dialect_or_closed_is_never_chosen(text):
    # A wrong place is read back as understood: no answer is better.
    assert chinese(text).place is None


@pytest.mark.parametrize(
    "text",
    [
        "隔壁 阿婆 昨日 去 华山 医院 了",
        "阿婆 去 大慈寺 了",
        "阿公 到 华西 医院 了",
        "我 老婆 旧年 去 大慈寺 上 香",
        "寻日 去 永辉 超市 买 咗 菜",
        "琴日 我 去 华山 医院 睇 医生",
    ],
)
def test_someone_elses_or_a_past_trip_in_dialect_names_no_destination(text):
    assert chinese(text).place is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("华山 医院 唔 系 系 华西 医院", "华西医院"),
        ("永辉 超市 唔 系 啊 系 大慈寺", "大慈寺"),
        ("大慈寺 唔 系 系 永辉 超市", "永辉超市"),
        # Positives that must stay.
        ("去 华山 医院", "华山医院"),
        ("送 我 去 大慈寺", "大慈寺"),
        ("回 家", "家"),
        ("我 要 去 永辉 超市 买 菜", "永辉超市"),
    ],
)
def test_a_cantonese_correction_goes_where_was_said_after(text, meant):
    assert where(chinese(text)) == meant


@pytest.mark.parametrize("text", ["唔 系", "甭", "冇"])
def test_a_dialect_no_is_a_no(text):
    assert chinese(text).kind == "no"


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour was away to mercy hospital in an ambulance last night",
        "i was away to the hospital last week",
        "she was away to the piggly wiggly before i woke",
        "they were away to the club for the day",
        "the club crowd are off on a bus trip to gatlinburg but i won't bother going",
        "the rosewood club crowd are off on a bus trip to the coast",
        "the ladies are off to the club for lunch",
        "walgreens rang to say my scripts aren't ready so not today",
        "the chemist called to say my prescription isn't in",
        "the hospital phoned to say my appointment's moved",
        "the piggly wiggly i won't bother going",
    ],
)
def test_someone_elses_trip_a_call_from_a_shop_or_a_trip_not_bothered_with_is_no_place(text):
    assert english(text).place is None


@pytest.mark.parametrize(
    "text",
    [
        "don't send anyone for me tomorrow siobhan is coming home",
        "do not send anyone for me today",
        "don't send anybody tomorrow my daughter will drive me",
    ],
)
def test_sending_no_one_calls_the_ride_off(text):
    assert english(text).kind == "cancel"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("take me to mercy hospital", "Mercy Hospital"),
        ("the piggly wiggly please", "Piggly Wiggly"),
        ("i want to go home", "Home"),
        ("take me to the club", "Rosewood Bowling Club"),
        ("i need to go to the chemist", "Walgreens"),
    ],
)
def test_places_asked_for_plainly_stay(text, meant):
    assert where(english(text)) == meant


@pytest.mark.parametrize(
    "text",
    [
        "can i talk to one of your gals in the office",
        "put me through to one of the girls in the office",
        "let me speak to one of the ladies in the office honey",
    ],
)
def test_the_staff_said_regionally_is_the_operator_not_an_office(text):
    places = [*PLACES, {"id": 9, "label": "Dr. Reyes' office", "address": "2 Park Lane"}]
    assert parse(text, language="en", places=places).kind == "operator"
