"""Chinese callers' words set AB missed, tested with sentences written here: 好 as "very" before a
taste, a windy day, a dialect "don't come, not going", news of a place or of someone else's trip,
and asks lost in what goes around them."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {
        "id": 1,
        "label": "家",
        "address": "甘肃省兰州市城关区张掖路街道庆阳路66号3号楼",
        "aliases": ["屋里", "庆阳路"],
    },
    {
        "id": 2,
        "label": "兰大二院",
        "address": "甘肃省兰州市城关区萃英门82号",
        "aliases": ["二院", "医院"],
    },
    {
        "id": 3,
        "label": "白塔山公园",
        "address": "甘肃省兰州市城关区白塔山公园",
        "aliases": ["白塔山", "公园"],
    },
    {
        "id": 4,
        "label": "秀兰家",
        "address": "甘肃省兰州市七里河区西津西路120号",
        "aliases": ["女子家", "秀兰那"],
    },
    {
        "id": 5,
        "label": "国芳百货",
        "address": "甘肃省兰州市城关区东方红广场国芳百货",
        "aliases": ["国芳", "商场"],
    },
]
CONTACTS = [
    {"name": "马秀兰", "relation": "daughter"},
    {"name": "马建国", "relation": "son"},
    {"name": "老韩", "relation": "friend"},
]
NOW = datetime.datetime(2026, 12, 21, 1, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai", menu_size=5)


@pytest.mark.parametrize(
    "text",
    [
        "今年 的 西瓜 好 甜",
        "今年的西瓜好甜",
        "这 家 的 牛肉面 好 吃 得 很",
        "这家的牛肉面好吃得很",
        "孙子 买 的 花 好 香",
        "她 穿 的 衣服 好 看",
    ],
)
def test_hao_as_very_before_a_taste_or_a_look_is_no_yes(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize("text", ["好", "好 的", "好 吧", "好 啊 就 这样"])
def test_hao_alone_is_still_a_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text", ["今日 好 大 风 啊", "今天好大风啊", "今天 很 大 雨", "今儿 好 大 雪 哦"]
)
def test_a_windy_day_is_small_talk_not_a_time(text):
    assert chinese(text).kind == "unknown"


def test_a_ride_asked_on_a_windy_day_still_has_its_time():
    intent = chinese("今天 好 大 风 下午 三点 送 我 去 二院")
    assert (intent.kind, where(intent)) == ("place", "兰大二院")
    assert intent.when is not None


@pytest.mark.parametrize(
    "text",
    [
        "莫 来 了 不 去 了",
        "莫来了不去了",
        "嫑 来 了 不 去 了",
        "嫑来了我不去了",
        "别 来 了 我 不 去 了",
        "你们 甭 来 了 不 去 了",
    ],
)
def test_dont_come_and_not_going_cancels_in_dialect(text):
    assert chinese(text).kind == "cancel"


@pytest.mark.parametrize("text", ["算 了 不 要 了", "算了不要了"])
def test_not_wanting_it_said_of_no_car_is_still_a_no(text):
    assert chinese(text).kind == "no"


@pytest.mark.parametrize(
    "text",
    [
        "老韩 住 到 二院 了",
        "老韩住到二院了",
        "建国 住 进 二院 了",
        "秀兰 住 到 白塔山 那边 了",
    ],
)
def test_someone_staying_at_a_place_is_news_not_a_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "白塔山 过年 人 多 得 很",
        "白塔山过年人多得很",
        "国芳 周末 人 好 多",
        "二院 人 多 不 多",
    ],
)
def test_a_crowd_at_a_place_is_a_remark_not_a_trip(text):
    assert where(chinese(text)) is None


def test_a_crowd_then_a_ride_asked_still_goes_there():
    assert where(chinese("白塔山 人 多 得 很 我 也 要 去 派 个 车")) == "白塔山公园"


@pytest.mark.parametrize(
    "text", ["国芳 黄 了 没 有 啊", "国芳黄了没有", "听说 国芳 黄 了", "国芳 倒闭 了 吗"]
)
def test_a_shop_gone_bust_is_news_not_a_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "白塔山 公园 的 银杏 黄 了 带 我 去 看看",
        "白塔山公园的银杏黄了带我去看看",
        "白塔山 的 叶子 都 黄 了 送 我 去 看看",
        "白塔山的叶子都黄了送我去看看",
    ],
)
def test_something_at_a_place_turned_yellow_is_no_closing(text):
    assert where(chinese(text)) == "白塔山公园"


@pytest.mark.parametrize(
    "text",
    [
        "建国 今儿 领 孩子 上 白塔山 公园 了",
        "建国今儿领孩子上白塔山公园了",
        "秀兰 带 孙子 去 国芳 了",
        "老韩 领着 老伴 上 二院 了",
    ],
)
def test_someone_taking_another_along_is_their_trip(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "阿达 都 不 去 就 回 庆阳路",
        "哪儿都不去就回庆阳路",
        "哪里 都 不 去 就 回 屋里",
        "哪儿 也 不 去 了 还是 回 家",
    ],
)
def test_nowhere_but_home_goes_home(text):
    assert where(chinese(text)) == "家"


@pytest.mark.parametrize("text", ["哪儿 都 不 去", "哪里都不去了在家待着"])
def test_nowhere_alone_still_stays_in(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "秀兰 叫 我 过去 吃 饭 哩",
        "秀兰叫我过去吃饭",
        "女子 叫 我 过去 吃 饭",
        "秀兰 喊 我 过去 吃 饭 嘛",
    ],
)
def test_asked_over_for_a_meal_is_the_hosts_home(text):
    assert where(chinese(text)) == "秀兰家"


@pytest.mark.parametrize(
    "text",
    [
        "七里河 西津西路 我 女儿 那",
        "七里河西津西路我闺女那",
        "我 闺女 那",
        "西津西路 秀兰 那 啊",
    ],
)
def test_a_relative_and_there_said_last_is_their_home(text):
    assert where(chinese(text)) == "秀兰家"


def test_a_relative_somewhere_there_is_no_home_of_theirs():
    assert where(chinese("我 闺女 在 二院 那")) != "秀兰家"


@pytest.mark.parametrize(
    "text",
    [
        "喂 我 跟 你 说 我 寻思 着 今儿 上 公园 那 白塔山 跟 老 姐妹 扭 秧歌 你 给 我 整 个 车 呗",
        "上 白塔山 公园 跟 老 姐妹 扭 秧歌",
        "上白塔山公园跟老伙计下棋",
        "今儿 去 白塔山 和 老 姐妹 跳 舞",
    ],
)
def test_old_friends_met_at_a_place_are_no_relatives(text):
    assert where(chinese(text)) == "白塔山公园"


SHENYANG = [
    {"id": 1, "label": "家", "address": "辽宁省沈阳市大东区小河沿路5号", "aliases": ["家"]},
    {
        "id": 2,
        "label": "建国家",
        "address": "辽宁省沈阳市铁西区兴华街12号",
        "aliases": ["儿子家", "建国那"],
    },
    {
        "id": 3,
        "label": "北陵公园",
        "address": "辽宁省沈阳市皇姑区北陵公园",
        "aliases": ["北陵", "公园"],
    },
]
northeast = speaker(
    "zh",
    SHENYANG,
    [{"name": "刘建国", "relation": "son"}],
    now=NOW,
    timezone="Asia/Shanghai",
    menu_size=3,
)


@pytest.mark.parametrize(
    "text", ["铁西 兴华 街 我 儿子 那", "铁西兴华街我儿子那", "我 儿子 那", "我儿子那"]
)
def test_the_district_and_road_of_a_sons_home_then_his_place_is_his_home(text):
    assert where(northeast(text)) == "建国家"


@pytest.mark.parametrize(
    "text",
    [
        "国芳 在 西安 东 大街 那个",
        "国芳在西安东大街那个",
        "二院 在 天水 建设 路 那个",
    ],
)
def test_one_of_theirs_placed_on_a_road_of_another_town_is_a_free_address(text):
    intent = chinese(text)
    assert (intent.kind, where(intent)) == ("address", None)


@pytest.mark.parametrize(
    "text",
    ["闺女 在 西津西路 上班", "老韩 在 解放 路", "医院 在 解放 路 吗", "我 在 解放 路 等 着"],
)
def test_someone_on_a_road_or_a_question_is_no_address(text):
    assert chinese(text).kind != "address"
