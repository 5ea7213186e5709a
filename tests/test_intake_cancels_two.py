"""Cancel words that call off no ride (issue 29, Speech II), in sentences written here: a cancel
meant once and then taken back, one denied or asked back, one hung on a condition, one of someone
else's car or visit; a cancel of two things, the ride among them; and a ride's day said in a
second clause or with 今天. Beside each, near-misses that still cancel or keep their time."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "Home", "address": "27 Coronation Road", "aliases": ["home"]},
    {"id": 2, "label": "Royal United Hospital", "address": "Combe Park", "aliases": ["the royal"]},
    {"id": 3, "label": "Bedminster Market", "address": "Cannon Street", "aliases": ["the market"]},
    {"id": 4, "label": "Karen's House", "address": "8 Wingfield Road", "aliases": ["karen's"]},
]
CONTACTS = [{"name": "Karen", "relation": "daughter"}]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "东城区1号", "aliases": ["我家"], "is_home": 1},
    {"id": 2, "label": "协和医院", "address": "帅府园1号", "aliases": ["协和"]},
    {"id": 3, "label": "永辉超市", "address": "人民南路50号", "aliases": ["超市"]},
]
CHINESE_CONTACTS = [{"name": "何红", "relation": "女儿"}]
# Sunday 6 December 2026: 07:30 in London, and 19:30 (the evening) in Beijing.
SUNDAY = datetime.datetime(2026, 12, 6, 7, 30, tzinfo=datetime.UTC)
SUNDAY_EVENING = datetime.datetime(2026, 12, 6, 11, 30, tzinfo=datetime.UTC)

english = speaker("en", PLACES, CONTACTS, now=SUNDAY, timezone="Europe/London")
chinese = speaker(
    "zh", CHINESE_PLACES, CHINESE_CONTACTS, now=SUNDAY_EVENING, timezone="Asia/Shanghai"
)


@pytest.mark.parametrize(
    "text",
    [
        "我本来要取消现在不取消了",
        "我原来想取消的后来想想还是不取消了",
        "本来打算取消车的不过想想还是照常来吧",
        "i was going to cancel but i'll keep it",
        "i was gonna cancel the car but i'll keep it after all",
        "i meant to cancel but on second thoughts i'll keep the ride",
        "i was thinking of cancelling but no i'll keep it",
    ],
)
def test_a_cancel_meant_once_and_taken_back_cancels_nothing(text):
    assert english(text).kind != "cancel" if text.isascii() else chinese(text).kind != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "我没有说取消",
        "我没有要取消啊",
        "谁说要取消了",
        "谁让你们取消的",
        "哪个说要取消了",
        "不是取消是改个时间",
        "i don't think i should cancel",
        "i don't think i need to cancel it",
        "who said cancel",
        "who said anything about cancelling",
        "who told you to cancel it",
        "i don't think we should cancel",
        "是不是取消了",
        "我也不知道要不要取消",
    ],
)
def test_a_cancel_denied_or_asked_back_cancels_nothing(text):
    assert english(text).kind != "cancel" if text.isascii() else chinese(text).kind != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "要是下雨就取消",
        "如果明天下雪就把车取消了",
        "万一我闺女来了就取消",
        "cancel it if it's late",
        "cancel the car if it rains",
        "if it snows cancel the car",
        "if karen comes round cancel my ride",
        "cancel it unless the weather clears",
        "cancel the car in case it snows",
        "下雨的话就取消",
        "要系落雨就取消",
    ],
)
def test_a_cancel_hung_on_a_condition_is_not_asked_now(text):
    assert english(text).kind != "cancel" if text.isascii() else chinese(text).kind != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "张阿姨的车取消",
        "把隔壁王大爷的车取消了",
        "闺女取消了她来看我",
        "我女儿取消了今天来看我",
        "cancel mrs jones's car",
        "cancel old bill's taxi",
        "隔壁老王的车取消了",
        "my neighbour's taxi got cancelled",
        "karen cancelled on me she's not coming to visit",
        "my daughter cancelled her visit",
    ],
)
def test_someone_elses_cancel_is_not_the_callers(text):
    assert english(text).kind != "cancel" if text.isascii() else chinese(text).kind != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "cancel my doctor's appointment and the car",
        "cancel the hair appointment and my taxi as well",
        "i had to cancel the dentist and the ride too",
        "cancel it",
        "please cancel the car if that's all right",
        "if you don't mind cancel my ride",
        "if you'd cancel the car for me",
        "cancel the car if it's not too much bother",
        "cancel it i'll ask karen if she can come",
        "can you cancel my ride i don't need it",
        "cancel my car my daughter is taking me",
        "取消我的挂号和车",
        "取消",
        "把车取消了",
        "如果可以的话帮我把车取消了",
        "我女儿来接我了车取消吧",
        "明天的车取消",
        "十点的车取消掉",
        "cancel tomorrow's car",
        "cancel today's ride please",
    ],
)
def test_the_callers_cancel_still_cancels(text):
    assert english(text).kind == "cancel" if text.isascii() else chinese(text).kind == "cancel"


@pytest.mark.parametrize(
    "text",
    ["don't cancel it", "no don't cancel", "别取消", "不用取消", "我没说取消"],
)
def test_a_cancel_said_with_a_no_is_still_a_no(text):
    assert english(text).kind == "no" if text.isascii() else chinese(text).kind == "no"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("i went to the market on tuesday can i go again on friday", "2026-12-11"),
        ("i was at the royal on monday can you take me back on thursday", "2026-12-10"),
        ("karen came on saturday take me to hers on wednesday", "2026-12-09"),
    ],
)
def test_the_day_of_the_ride_is_the_one_asked_for(text, day):
    when = english(text).when
    assert when is not None and when["local"].startswith(day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("take me to the royal on friday", "2026-12-11"),
        ("on tuesday i need the market", "2026-12-08"),
    ],
)
def test_a_day_said_with_the_ride_stays(text, day):
    when = english(text).when
    assert when is not None and when["local"].startswith(day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("我星期二去过超市星期五再去", "2026-12-11"),
        ("礼拜一去过医院了礼拜四还要去协和", "2026-12-10"),
    ],
)
def test_the_day_of_the_ride_is_the_one_asked_for_in_chinese(text, day):
    when = chinese(text).when
    assert when is not None and when["local"].startswith(day)


@pytest.mark.parametrize(
    "text",
    ["今天星期天去协和", "今天礼拜天去协和", "今天周日去协和", "今天去协和", "今天我要去协和"],
)
def test_today_said_late_is_no_time_gone(text):
    intent = chinese(text)
    assert where(intent) == "协和医院"
    when = intent.when
    assert when is None or when.get("now") or when["local"] >= "2026-12-06 19:25"


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("星期天去协和", "2026-12-13 09:00"),
        ("明天去协和", "2026-12-07 09:00"),
        ("今天晚上八点去协和", "2026-12-06 20:00"),
    ],
)
def test_a_day_to_come_keeps_its_time(text, local):
    when = chinese(text).when
    assert when is not None and when["local"] == local


# The red team's callers: an Atlanta senior and a Changsha one with 女儿家 among their places.
ATLANTA = speaker(
    "en",
    [{"id": 1, "label": "Home", "address": "412 West 14th Street NW", "aliases": ["home"]}],
    [{"name": "Linda", "relation": "daughter"}],
    now=SUNDAY,
    timezone="America/New_York",
)
CHANGSHA = speaker(
    "zh",
    [
        {
            "id": 1,
            "label": "家",
            "address": "芙蓉区五一大道88号",
            "aliases": ["家里"],
            "is_home": 1,
        },
        {"id": 2, "label": "湘雅医院", "address": "开福区湘雅路87号", "aliases": ["湘雅"]},
        {"id": 4, "label": "女儿家", "address": "岳麓区麓山路12号", "aliases": ["丽华家"]},
    ],
    [{"name": "王丽华", "relation": "daughter"}],
    now=SUNDAY_EVENING,
    timezone="Asia/Shanghai",
)


def _said(text):
    return ATLANTA(text) if text.isascii() else CHANGSHA(text)


@pytest.mark.parametrize(
    "text",
    [
        "if it's not too late cancel it",
        "cancel it if it isn't too late",
        "cancel it if it's not too late",
        "cancel my car if it's still possible",
        "can you cancel it if there's still time",
        "i want to cancel if i still can",
        "cancel it if it hasn't left yet",
        "cancel it in case i forget",
        "cancel it in case",
        "要是 车 还 没 出发 就 取消 吧",
        "如果 车 没 来 就 取消",
        "要是司机还没动身就取消",
    ],
)
def test_a_cancel_hung_on_whether_it_still_can_be_is_a_cancel(text):
    assert _said(text).kind == "cancel"


@pytest.mark.parametrize(
    "text", ["cancel it if it's late", "cancel it if it's too late", "要是 下雨 就 取消"]
)
def test_a_cancel_hung_on_the_world_still_waits(text):
    assert _said(text).kind != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "don't go cancelling it",
        "don't you go cancelling it",
        "i don't want you to go cancel it",
        # "go cancel" is one verb: a no before it, whoever is to go, says no to the cancel.
        "i don't want to go cancel it",
        "i don't want to go cancel my ride i still want to go",
        "i'm not going to go cancel it",
        "i'm not gonna go and cancel it",
        "i won't go cancel it",
        "i never said to go cancel it",
        "i don't want to go cancel anything",
        "i don't want to go cancel it until linda calls",
        "i don't need to go cancel it",
        "who said i want to go cancel it",
    ],
)
def test_a_no_to_going_and_cancelling_is_a_no(text):
    assert _said(text).kind == "no"


def test_a_no_to_going_and_cancelling_then_a_change_is_no_cancel():
    assert _said("i don't wanna go cancel it just move it to four").kind != "cancel"


def test_a_relatives_cancel_then_mine_too_is_a_cancel():
    assert _said("我 女儿 取消 了 她 的 车 我 的 也 取消").kind == "cancel"


def test_a_relatives_visit_called_off_leaves_the_ride_asked_after():
    assert where(_said("闺女 取消 了 她 来 看 我 所以 我 要 去 她 家")) == "女儿家"


@pytest.mark.parametrize("text", ["哦呀 不 去 了", "好的 不 去 了"])
def test_a_yes_word_before_not_going_is_a_filler(text):
    assert _said(text).kind == "no"
