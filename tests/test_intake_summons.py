"""Meanings a red team found lost: a place that calls the caller in is where to, a Chinese plan told
with what stands in its way books nothing, home's neighbourhood is home, and "anywhere" names no
place."""

import datetime

import pytest

from tests.speaking import speaker, where
from tests.test_intake_red_team_two import chinese, english

# A Monday morning in Memphis; a Monday morning in Chengdu.
MEMPHIS_NOW = datetime.datetime(2026, 12, 7, 15, 0, tzinfo=datetime.UTC)
CHENGDU_NOW = datetime.datetime(2026, 12, 7, 2, 0, tzinfo=datetime.UTC)
MEMPHIS_PLACES = [
    {"id": 1, "label": "Home", "address": "1820 Poplar Avenue", "aliases": ["home"], "is_home": 1},
    {
        "id": 2,
        "label": "Methodist University Hospital",
        "address": "1265 Union Avenue",
        "aliases": ["methodist", "the hospital"],
    },
    {
        "id": 3,
        "label": "Walgreens",
        "address": "1803 Union Avenue",
        "aliases": ["walgreens", "the pharmacy"],
    },
    {
        "id": 4,
        "label": "Schnucks",
        "address": "4995 Summer Avenue",
        "aliases": ["schnucks", "the grocery store"],
    },
    {
        "id": 5,
        "label": "Dr. Okafor",
        "address": "6025 Walnut Grove Road",
        "aliases": ["the doctor", "dr okafor"],
    },
]
CHENGDU_PLACES = [
    {"id": 1, "label": "家", "address": "武侯区玉林北路12号", "aliases": ["家里"], "is_home": 1},
    {"id": 2, "label": "华西医院", "address": "武侯区国学巷37号", "aliases": ["医院", "华西"]},
    {"id": 3, "label": "老百姓大药房", "address": "玉林南路5号", "aliases": ["药店", "药房"]},
    {"id": 4, "label": "红旗超市", "address": "玉林北路30号", "aliases": ["超市"]},
]

memphis = speaker(
    "en",
    MEMPHIS_PLACES,
    [{"name": "Denise", "relation": "daughter"}],
    now=MEMPHIS_NOW,
    timezone="America/Chicago",
)
chengdu = speaker(
    "zh",
    CHENGDU_PLACES,
    [{"name": "李梅", "relation": "daughter"}],
    now=CHENGDU_NOW,
    timezone="Asia/Shanghai",
)


def _today(intent) -> bool:
    """Tell whether `intent` is for now or a time today."""
    return intent.when is None or intent.when["now"] or intent.when["local"].startswith("2026-12-0")


@pytest.mark.parametrize(
    ("heard", "text", "place"),
    [
        (english, "grady told me to come in today", "Grady Memorial Hospital"),
        (english, "kroger called my order is ready take me there", "Kroger"),
        (english, "grady rang me to come in", "Grady Memorial Hospital"),
        (english, "the hospital called they want me to come in", "Grady Memorial Hospital"),
        (memphis, "the pharmacy rang my tablets are in", "Walgreens"),
        (memphis, "walgreens called my prescription is ready", "Walgreens"),
        (memphis, "the pharmacy called my prescription's ready for pickup", "Walgreens"),
        (memphis, "the hospital phoned and said come in at two", "Methodist University Hospital"),
        (memphis, "methodist rang to say come in this afternoon", "Methodist University Hospital"),
        (memphis, "the doctor called and wants to see me today", "Dr. Okafor"),
        (memphis, "the hospital rang me to say my results are in", "Methodist University Hospital"),
        (chinese, "医院打电话叫我去拿报告", "湘雅医院"),
        (chengdu, "药店说药到了让我去拿", "老百姓大药房"),
        (chengdu, "药房打电话说我的药到了", "老百姓大药房"),
        (chengdu, "医院通知我去拿结果", "华西医院"),
        (chengdu, "超市打电话说我订的东西到了", "红旗超市"),
    ],
)
def test_a_place_that_calls_the_caller_in_is_where_to(heard, text, place):
    intent = heard(text)
    assert where(intent) == place
    assert _today(intent)


@pytest.mark.parametrize(
    ("heard", "text"),
    [
        (english, "the hospital cancelled my appointment"),
        (english, "the hospital called to say don't come"),
        (english, "kroger called my order isn't ready"),
        (memphis, "the hospital called to say don't come in today"),
        (memphis, "the pharmacy called to say my pills aren't in yet"),
        (memphis, "the hospital rang to say my appointment's moved"),
        (memphis, "walgreens called"),
        (memphis, "the doctor rang me, no need to come in"),
        (chinese, "医院打电话说不用去了"),
        (chengdu, "药店说药还没到"),
        (chengdu, "医院通知检查取消了"),
        (chengdu, "医院打电话说报告还没出来"),
        (chengdu, "医院打电话说检查改到下周了"),
        (chengdu, "药店打电话说药要下个礼拜才到"),
    ],
)
def test_a_place_that_keeps_the_caller_away_is_no_ride(heard, text):
    """What a place rang to say that puts the caller off (not ready, moved, cancelled) asks for no
    car, while a call that summons them does."""
    intent = heard(text)
    assert where(intent) is None
    assert intent.kind not in {"place", "address", "yes"}


@pytest.mark.parametrize(
    ("heard", "text"),
    [
        (chinese, "本来要去医院但是女儿说她送我"),
        (chinese, "我应该星期五去医院可是闺女来接我"),
        (chinese, "原本要去医院但王丽华讲她明天开车来接我"),
        (chinese, "本来要去超市，不过我不想去了"),
        (chengdu, "本来明天要去华西，可是李梅说她开车送我"),
        (chengdu, "我应该去药店拿药但是忘了几点"),
    ],
)
def test_a_chinese_plan_told_with_what_stands_in_its_way_books_nothing(heard, text):
    intent = heard(text)
    assert intent.kind == "unknown"
    assert where(intent) is None


@pytest.mark.parametrize(
    ("heard", "text", "place"),
    [
        (chinese, "本来要去医院但是女儿没空，送我去医院", "湘雅医院"),
        (chengdu, "我应该去华西但是没人送我", "华西医院"),
    ],
)
def test_a_chinese_plan_whose_obstacle_leaves_the_caller_asking_still_asks(heard, text, place):
    assert where(heard(text)) == place


@pytest.mark.parametrize(
    ("heard", "text"),
    [
        (chinese, "到家附近"),
        (chinese, "家旁边"),
        (chinese, "送我到家附近"),
        (chengdu, "送我到我家附近就行"),
        (chengdu, "到家旁边下车"),
        (chengdu, "回家附近"),
    ],
)
def test_homes_own_neighbourhood_is_home(heard, text):
    """Near home with nothing else named is home: the car that takes the caller home takes them to
    their neighbourhood, they walk the last steps from their own door if they like, and home is
    the one place there that the senior has saved; an address "家附近" can be driven to by no one,
    and asking again would only hear it again."""
    intent = heard(text)
    assert where(intent) in {"家"}


@pytest.mark.parametrize(
    ("heard", "text"),
    [
        (chinese, "到我家附近的超市"),
        (chinese, "去家附近那个药店"),
        (chengdu, "到家附近的公园"),
        (chengdu, "我家附近的超市"),
        (chengdu, "到家对面"),
        (chengdu, "到家隔壁"),
    ],
)
def test_another_place_near_home_is_neither_home_nor_a_preset(heard, text):
    assert where(heard(text)) is None


def test_a_market_saved_as_the_one_near_home_is_found():
    places = [
        CHENGDU_PLACES[0],
        {"id": 5, "label": "永辉超市", "address": "玉林西路3号", "aliases": ["家附近的超市"]},
    ]
    assert where(chengdu("去我家附近的超市", places=places)) == "永辉超市"
    assert where(chengdu("到家附近", places=places)) == "家"


@pytest.mark.parametrize(
    ("heard", "text"),
    [
        (english, "anywhere is fine"),
        (english, "anywhere's fine"),
        (memphis, "wherever's fine"),
        (memphis, "any place is fine"),
        (memphis, "doesn't matter where, honey"),
        (chinese, "哪里都行"),
        (chinese, "去哪都行"),
        (chengdu, "去哪里都可以"),
        (chengdu, "到哪儿都好"),
        (chengdu, "随便什么地方都行"),
    ],
)
def test_any_place_at_where_to_is_no_place_and_no_yes(heard, text):
    intent = heard(text)
    assert (intent.kind, where(intent), intent.address) == ("unknown", None, None)


@pytest.mark.parametrize(
    ("heard", "text", "kind"),
    [
        (chinese, "哪个都行", "yes"),
        (chinese, "哪个车都行快点", "yes"),
        (english, "no i don't want to go anywhere", "no"),
    ],
)
def test_any_one_offered_is_still_a_yes_and_going_nowhere_a_no(heard, text, kind):
    assert heard(text).kind == kind


@pytest.mark.parametrize(
    ("heard", "text"),
    [
        (english, "grady rang me to come in but i told them no"),
        (english, "grady rang me to come in last week"),
        (english, "grady rang me to come in yesterday and i went"),
        (english, "dr patel told me to come in but i already went"),
        (english, "the church rang me to come help but i'm too tired"),
        (memphis, "walgreens called me to come pick up my pills but i already been"),
        (memphis, "the doctor told me to come by the other day"),
    ],
)
def test_a_summons_turned_down_or_answered_asks_no_ride(heard, text):
    assert where(heard(text)) is None


@pytest.mark.parametrize(
    ("heard", "text"),
    [
        (english, "linda called me to come over"),
        (memphis, "denise called me to come over for dinner"),
        (memphis, "my daughter rang me to come by"),
    ],
)
def test_a_relative_calling_the_caller_over_is_no_place_and_no_address(heard, text):
    intent = heard(text)
    assert (where(intent), intent.address) == (None, None)


@pytest.mark.parametrize(
    ("heard", "text", "place"),
    [
        (english, "grady rang me this morning to come in today", "Grady Memorial Hospital"),
        (english, "linda called me to come over can you take me to linda's", "Linda's House"),
    ],
)
def test_a_summons_for_now_or_a_ride_asked_after_it_still_books(heard, text, place):
    assert where(heard(text)) == place


@pytest.mark.parametrize(
    ("heard", "text", "place"),
    [
        (english, "i'm down the road from kroger take me home", "Home"),
        (english, "i'm near kroger take me home", "Home"),
        (memphis, "i'm right by schnucks take me home", "Home"),
        (memphis, "i'm just round the corner from walgreens, i want to go home", "Home"),
        (
            memphis,
            "i am near schnucks can you take me to methodist",
            "Methodist University Hospital",
        ),
        (memphis, "i'm across the street from the hospital i need to go to walgreens", "Walgreens"),
    ],
)
def test_where_the_caller_is_said_by_a_place_near_them_is_not_where_to(heard, text, place):
    assert where(heard(text)) == place
