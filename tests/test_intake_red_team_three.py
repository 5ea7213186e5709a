"""A third red team's findings on the intake parser: cancels that call nothing off, a ride moved
that is no cancel, days read wrong and places said plainly."""

import datetime

import pytest

from tests.speaking import speaker, where
from tests.test_intake_red_team_two import (
    CHINESE_CONTACTS,
    CHINESE_NOW,
    CHINESE_PLACES,
    CONTACTS,
    ENGLISH_NOW,
    PLACES,
    chinese,
    english,
)

# The same Atlanta senior with a 7-Eleven and a church saved, calling on a Friday morning.
FRIDAY = datetime.datetime(2026, 12, 11, 15, 0, tzinfo=datetime.UTC)
MORE_PLACES = [
    *PLACES,
    {"id": 6, "label": "7-Eleven", "address": "1000 West Peachtree Street NW", "aliases": []},
    {"id": 7, "label": "Ebenezer Baptist Church", "address": "101 Jackson Street NE"},
]
on_friday = speaker("en", MORE_PLACES, CONTACTS, now=FRIDAY, timezone="America/New_York")
with_more = speaker("en", MORE_PLACES, CONTACTS, now=ENGLISH_NOW, timezone="America/New_York")


@pytest.mark.parametrize(
    "text",
    [
        "ask linda if it's not too late to cancel it",
        "can you ask my daughter whether i should cancel",
        "check with linda if we can cancel the car",
        "问问女儿是否取消",
        "跟我儿子商量一下能不能取消",
    ],
)
def test_asking_someone_whether_to_cancel_cancels_nothing(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind in ("unknown", "family")
    assert intent.place is None


@pytest.mark.parametrize(
    "text",
    [
        "想取消但是算了",
        "想取消的不过算了",
        "本来想取消可是想想算了",
        "i wanted to cancel but never mind",
        "i'd like to cancel, actually forget it",
    ],
)
def test_a_cancel_let_drop_cancels_nothing(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind != "cancel"


@pytest.mark.parametrize(
    "text",
    [
        "女儿叫我取消但是我不想取消",
        "儿子让我取消，我不取消",
        "my daughter says cancel it but i don't want to cancel",
        "cancel it, no, don't cancel it",
    ],
)
def test_a_cancel_the_caller_then_refuses_is_a_no(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "no"


@pytest.mark.parametrize(
    "text",
    [
        "cancel it if it's not too late",
        "cancel it, i don't want to go",
        "别取消了，算了还是取消吧",
        "取消吧算了不去了",
        "don't cancel tuesday's, cancel wednesday's ride",
    ],
)
def test_a_cancel_still_cancels(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "cancel"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("医生取消了但是我还要去医院", "湘雅医院"),
        ("医院取消了手术，可是我还得去医院", "湘雅医院"),
        ("the doctor cancelled but i still need to go to grady", "Grady Memorial Hospital"),
        ("they cancelled my appointment but i still have to go to kroger", "Kroger"),
    ],
)
def test_something_called_off_by_others_and_still_going_is_a_ride(text, place):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "place"
    assert where(intent) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("take me to 7 11", "7-Eleven"),
        ("i need to go to the 7-11", "7-Eleven"),
        ("seven eleven on west peachtree", "7-Eleven"),
        ("7 11 on peachtree please", "7-Eleven"),
        ("pick me up and take me to seven eleven on peachtree", "7-Eleven"),
    ],
)
def test_a_name_of_numbers_said_plainly_is_the_place(text, place):
    intent = with_more(text)
    assert intent.kind == "place"
    assert where(intent) == place
    assert intent.when is None


@pytest.mark.parametrize("text", ["seven eleven on ponce", "seven eleven at five"])
def test_a_name_of_numbers_on_another_street_is_no_place(text):
    assert where(with_more(text)) is None


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("是啊不去了明天去", "2026-12-08 09:00"),
        ("今天不去了，后天再去", "2026-12-09 09:00"),
        ("算了今天不去了，明天下午三点去", "2026-12-08 15:00"),
        ("今天不去了改到礼拜三", "2026-12-09 09:00"),
        ("推到明天下午三点", "2026-12-08 15:00"),
    ],
)
def test_a_ride_moved_to_another_day_asks_for_that_time(text, local):
    intent = chinese(text)
    assert intent.kind == "time"
    assert intent.when is not None and intent.when["local"] == local


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("move it to four", "2026-12-11 16:00"),
        ("can you move it to three thirty", "2026-12-11 15:30"),
        ("push it back to five", "2026-12-11 17:00"),
        ("move it to monday", "2026-12-14 09:00"),
        ("i'm not going anywhere today, i'll go tomorrow instead", "2026-12-12 09:00"),
    ],
)
def test_moving_a_ride_in_english_asks_for_the_new_time(text, local):
    intent = on_friday(text)
    assert intent.kind == "time"
    assert intent.address is None
    assert intent.when is not None and intent.when["local"] == local


@pytest.mark.parametrize(
    "text",
    [
        "明天不去了",
        "不去了明天也不去",
        "不去了明天我自己去",
        "cancel the car, i'll go to kroger tomorrow myself",
        "not going anywhere today or tomorrow",
        "帮我取消明天去医院的车",
        "取消下午去超市的",
    ],
)
def test_not_going_at_all_is_still_a_cancel(text):
    intent = english(text) if text.isascii() else chinese(text)
    assert intent.kind == "cancel"
    assert intent.place is None


def test_not_wanting_to_go_on_a_day_moves_nothing():
    intent = english("the hospital no not the hospital i don't want to go anywhere today")
    assert intent.kind != "time"
    assert intent.place is None


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        ("星期五去医院看过了星期三去超市", "步步高超市", "2026-12-09"),
        ("礼拜一去超市买过了礼拜五去医院", "湘雅医院", "2026-12-11"),
    ],
)
def test_a_day_of_a_visit_done_is_not_the_rides_day(text, place, day):
    intent = chinese(text)
    assert where(intent) == place
    assert intent.when is not None and intent.when["local"] == f"{day} 09:00"


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        ("二号去医院", "湘雅医院", "2027-01-02"),
        ("十号去医院", "湘雅医院", "2026-12-10"),
        ("十号上午送我去超市", "步步高超市", "2026-12-10"),
        ("十二月二十号去医院", "湘雅医院", "2026-12-20"),
    ],
)
def test_a_day_of_the_month_is_the_next_one_not_gone(text, place, day):
    intent = chinese(text)
    assert where(intent) == place
    assert intent.when is not None and intent.when["local"] == f"{day} 09:00"


@pytest.mark.parametrize("text", ["坐2号线去医院", "我住3号楼送我去医院"])
def test_a_numbered_line_or_building_is_no_day(text):
    intent = chinese(text)
    assert where(intent) == "湘雅医院"
    assert intent.when is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("today is friday take me to church on friday", "Ebenezer Baptist Church"),
        ("today's friday, take me to ebenezer this friday", "Ebenezer Baptist Church"),
        ("it's friday today, i need to go to kroger friday", "Kroger"),
    ],
)
def test_the_day_told_as_today_said_again_is_today(text, place):
    intent = on_friday(text)
    assert where(intent) == place
    assert intent.when is not None
    assert intent.when.get("now") or intent.when["local"].startswith("2026-12-11")


def test_the_day_told_as_today_with_another_day_is_that_day():
    intent = on_friday("today is friday take me to kroger on monday")
    assert where(intent) == "Kroger"
    assert intent.when is not None and intent.when["local"] == "2026-12-14 09:00"


# A New York senior whose saved places stand on numbered streets, and an Atlanta senior with
# a daughter's home and a son, as the fourth red team called.
NEW_YORK_PLACES = [
    {
        "id": 1,
        "label": "Home",
        "address": "41-12 Parsons Boulevard, Flushing, NY 11355",
        "is_home": 1,
    },
    {"id": 3, "label": "Farmacia El Pueblo", "address": "2010 Third Avenue at East 116th Street"},
    {"id": 4, "label": "Harlem Senior Center", "address": "34 West 125th Street"},
    {
        "id": 6,
        "label": "Rosa's Apartment",
        "address": "500 West 111th Street",
        "aliases": ["rosa's", "my daughter's"],
    },
]
new_yorker = speaker(
    "en",
    NEW_YORK_PLACES,
    [{"name": "Rosa", "relation": "daughter"}, {"name": "Luis", "relation": "son"}],
    now=ENGLISH_NOW,
    timezone="America/New_York",
)
ATLANTA_PLACES = [
    {"id": 1, "label": "Home", "address": "412 West 14th Street NW, Atlanta", "is_home": 1},
    {
        "id": 5,
        "label": "Linda's House",
        "address": "22 Oak Lane, Decatur",
        "aliases": ["linda's", "my daughter's"],
    },
]
atlantan = speaker(
    "en",
    ATLANTA_PLACES,
    [{"name": "Linda", "relation": "daughter"}, {"name": "Marcus", "relation": "son"}],
    now=ENGLISH_NOW,
    timezone="America/New_York",
)


@pytest.mark.parametrize(
    "speak, text",
    [
        (atlantan, "my daughter moved to four oaks"),
        (atlantan, "marcus moved to four points"),
        (atlantan, "my son has moved to five forks"),
        (new_yorker, "rosa moved to one sixteenth street"),
        (new_yorker, "rosa moved to one twenty fifth street"),
        (new_yorker, "rosa moved to one sixteenth"),
        (new_yorker, "my son just moved to one twenty fifth street"),
    ],
)
def test_someone_who_moved_somewhere_is_news_not_a_ride(speak, text):
    intent = speak(text)
    assert (intent.kind, where(intent), intent.when) == ("unknown", None, None)


@pytest.mark.parametrize(
    "speak, text, place, local",
    [
        (new_yorker, "move the ride to one sixteenth street", "Farmacia El Pueblo", None),
        (atlantan, "move it to four", None, "2026-12-07 16:00"),
    ],
)
def test_the_ride_moved_somewhere_still_moves(speak, text, place, local):
    intent = speak(text)
    assert (where(intent), intent.when and intent.when["local"]) == (place, local)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("don't move it to four", "no"),
        ("don't move it to five", "no"),
        ("i'd rather you didn't move it to four", "no"),
        ("please do not move my ride to three thirty", "no"),
        ("why did you move it to four", "unknown"),
        ("they want to move it to four, i said no", "no"),
    ],
)
def test_a_move_refused_or_asked_about_moves_nothing(text, kind):
    intent = atlantan(text)
    assert (intent.kind, intent.when) == (kind, None)


# The Changsha senior with their daughter's home saved and a son, 李建国, too.
CHANGSHA_PLACES = [
    *CHINESE_PLACES,
    {"id": 4, "label": "女儿家", "address": "岳麓区麓山路12号", "aliases": ["丽华家"]},
]
changsha = speaker(
    "zh",
    CHANGSHA_PLACES,
    [*CHINESE_CONTACTS, {"name": "李建国", "relation": "son"}],
    now=CHINESE_NOW,
    timezone="Asia/Shanghai",
)


@pytest.mark.parametrize(
    "text",
    [
        "不去了明天女儿送我去",
        "不去了明天丽华陪我去",
        "今天不去医院了明天女儿陪我去",
        "不去了明天我儿子带我去",
        "不去了明天建国送我去",
        "不去了后天闺女来接我",
        "今天不去了明天丽华载我去",
    ],
)
def test_whoever_takes_the_caller_after_not_going_is_no_place_nor_a_move(text):
    """Who takes the caller (女儿送我去) drives them and is nowhere to go. A plain 不去了 of the
    booked ride with someone else taking them later calls that ride off (cancel, which the line
    confirms), as 不去了明天自己去 does: no car of the line's is wanted tomorrow, so it is no move
    either. A place refused (今天不去医院了) calls off no ride by itself: unknown, asked again."""
    intent = changsha(text)
    assert where(intent) is None
    assert intent.kind in ("unknown", "cancel")


@pytest.mark.parametrize("text", ["女儿送我去", "明天丽华陪我去", "我儿子明天开车带我去"])
def test_whoever_takes_the_caller_is_not_where_to(text):
    assert where(changsha(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "不去了明天女儿送我去医院",
        "不去了明天丽华陪我去医院",
    ],
)
def test_a_place_said_after_whoever_takes_the_caller_is_never_their_home(text):
    assert where(changsha(text)) in (None, "湘雅医院")


@pytest.mark.parametrize(
    "text",
    ["去女儿家", "送我去女儿家", "女儿叫我去她家", "明天去丽华家", "送我去丽华家"],
)
def test_the_daughters_home_asked_for_is_still_hers(text):
    assert where(changsha(text)) == "女儿家"
