"""Chinese callers' words sets V and W missed, tested with sentences written here: someone else's
trip on a day of the week, home named by its street and estate, a dialect word of thinking or a
time of day before the go verb 上, and a greeting that answers nothing."""

import datetime

import pytest

from tests.speaking import speaker, where

NORTH = [
    {
        "id": 1,
        "label": "家",
        "address": "黑龙江省齐齐哈尔市龙沙区卜奎大街南段120号富华小区2号楼3单元402",
        "aliases": ["俺家"],
    },
    {
        "id": 2,
        "label": "齐齐哈尔市第一医院",
        "address": "黑龙江省齐齐哈尔市龙沙区公园路30号",
        "aliases": ["一院", "第一医院"],
    },
    {
        "id": 3,
        "label": "百花园超市",
        "address": "黑龙江省齐齐哈尔市龙沙区卜奎大街68号",
        "aliases": ["百花园", "超市"],
    },
    {
        "id": 4,
        "label": "闺女家",
        "address": "黑龙江省齐齐哈尔市建华区新江路9号东湖小区5号楼",
        "aliases": ["小燕家"],
    },
    {
        "id": 5,
        "label": "劳动湖公园",
        "address": "黑龙江省齐齐哈尔市龙沙区劳动湖公园北门",
        "aliases": ["劳动湖", "公园"],
    },
]
NORTH_CONTACTS = [
    {"name": "赵小燕", "relation": "daughter"},
    {"name": "赵东升", "relation": "son"},
]
SOUTHWEST = [
    {
        "id": 1,
        "label": "屋头",
        "address": "四川省宜宾市翠屏区南岸西路18号阳光花园5栋201",
        "aliases": ["家", "屋里"],
    },
    {
        "id": 2,
        "label": "宜宾市第二人民医院",
        "address": "四川省宜宾市翠屏区北大街96号",
        "aliases": ["二医院", "市二院"],
    },
    {
        "id": 3,
        "label": "理发店",
        "address": "四川省宜宾市翠屏区南岸西路30号",
        "aliases": ["剪头发那里"],
    },
    {
        "id": 4,
        "label": "大女家",
        "address": "四川省宜宾市叙州区金沙江大道8号",
        "aliases": ["小琴家"],
    },
]
SOUTHWEST_CONTACTS = [
    {"name": "周小琴", "relation": "daughter"},
    {"name": "周大勇", "relation": "son"},
]
NOW = datetime.datetime(2026, 12, 15, 2, 0, tzinfo=datetime.UTC)

north = speaker("zh", NORTH, NORTH_CONTACTS, now=NOW, timezone="Asia/Shanghai")
southwest = speaker("zh", SOUTHWEST, SOUTHWEST_CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    ("speak", "text"),
    [
        (north, "俺 老伴 礼拜四 得 去 一院 打针"),
        (north, "我 家 老头子 星期五 要 去 第一 医院 复查 他 自个 去"),
        (north, "我 爱人 下 周一 要 上 一院 拿 药"),
        (north, "俺 老伴儿 明儿 上 一院 拿 药 他 自个 去"),
        (southwest, "我 老汉 礼拜六 要 去 二医院 拿 药"),
        (southwest, "我 婆娘 周三 要 去 市二院 看 眼睛 她 自己 去"),
    ],
)
def test_someone_elses_trip_on_a_weekday_is_none_of_the_callers(speak, text):
    intent = speak(text)
    assert where(intent) is None
    assert intent.kind != "place"


@pytest.mark.parametrize(
    ("speak", "text", "label"),
    [
        (north, "礼拜四 我 得 去 一院 打针", "齐齐哈尔市第一医院"),
        (north, "我 老伴 礼拜四 要 去 一院 我 陪 他 去", None),
        (southwest, "礼拜六 我 要 去 二医院 拿 药", "宜宾市第二人民医院"),
        (north, "星期五 送 我 去 第一 医院", "齐齐哈尔市第一医院"),
    ],
)
def test_the_callers_own_weekday_trip_still_names_the_place(speak, text, label):
    if label is None:
        # The caller goes along with them: the ride is the caller's too.
        assert speak(text).kind in ("place", "unknown")
    else:
        assert where(speak(text)) == label


@pytest.mark.parametrize(
    ("speak", "text", "label"),
    [
        (north, "回 卜奎 大街 南段 那 富华 小区", "家"),
        (north, "送 俺 回 卜奎 大街 那个 富华 小区", "家"),
        (north, "俺 回 俺 家 啊 卜奎 大街 那", "家"),
        (southwest, "送 我 回 南岸 西路 那个 阳光 花园", "屋头"),
        (southwest, "回 南岸 西路 阳光 花园", "屋头"),
    ],
)
def test_home_named_by_its_street_and_estate_is_home(speak, text, label):
    assert where(speak(text)) == label


@pytest.mark.parametrize(
    ("speak", "text"),
    [
        # Another estate on the same street is someone else's.
        (north, "回 卜奎 大街 南段 那 金鼎 小区"),
        (southwest, "送 我 去 南岸 西路 那个 金江 花园"),
        # Another street's estate of the same name.
        (southwest, "去 人民 路 那个 阳光 花园"),
    ],
)
def test_another_estate_or_street_is_not_home(speak, text):
    assert where(speak(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("俺 寻思 上 劳动湖 溜达 溜达", "劳动湖公园"),
        ("呃 俺 寻思 上 百花园 买 点 菜", "百花园超市"),
        ("明儿 清早 上 一院 抽 血", "齐齐哈尔市第一医院"),
        ("明天 大清早 上 第一 医院 抽 血 大夫 说 空腹", "齐齐哈尔市第一医院"),
    ],
)
def test_the_go_verb_after_a_dialect_thought_or_a_time_of_day_goes(text, label):
    assert where(north(text)) == label


@pytest.mark.parametrize("text", ["俺 寻思 寻思 再说", "早上 好", "俺 寻思 上 一 回 去 过 了"])
def test_thinking_or_a_morning_alone_asks_for_nothing(text):
    assert where(north(text)) is None


@pytest.mark.parametrize(
    ("speak", "text"),
    [
        (north, "喂 喂 你 好"),
        (north, "哎 你好 啊"),
        (southwest, "喂 你好 嘛"),
        (southwest, "您好 您好"),
    ],
)
def test_a_greeting_is_no_yes(speak, text):
    assert speak(text).kind == "unknown"


@pytest.mark.parametrize(
    ("speak", "text", "kind"),
    [
        (north, "你 好 好 的 就 这么 订", "yes"),
        (north, "喂 对 对 对", "yes"),
        (southwest, "喂 要得 要得", "yes"),
    ],
)
def test_a_yes_after_a_greeting_is_still_yes(speak, text, kind):
    assert speak(text).kind == kind


@pytest.mark.parametrize(
    ("speak", "text", "label"),
    [
        (north, "明天 得 去 抽血 第一 医院", "齐齐哈尔市第一医院"),
        (north, "后天 早上 到 医院 验血 第一 医院 那个", "齐齐哈尔市第一医院"),
        (southwest, "我 要 去 输液 二医院", "宜宾市第二人民医院"),
        (southwest, "去 二医院 透析", "宜宾市第二人民医院"),
    ],
)
def test_a_blood_test_or_drip_is_done_at_the_hospital_said(speak, text, label):
    assert where(speak(text)) == label


@pytest.mark.parametrize(
    ("speak", "text"),
    [
        # A blood-test centre is a place of its own, and another hospital is not theirs.
        (north, "去 抽血 中心"),
        (north, "去 抽血 中医院"),
        (southwest, "去 体检 中心 体检"),
    ],
)
def test_a_blood_test_elsewhere_is_not_their_hospital(speak, text):
    assert where(speak(text)) is None
