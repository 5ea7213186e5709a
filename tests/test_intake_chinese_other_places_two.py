"""Chinese callers naming a place that is none of their presets, from the red team's leftovers and
the near-misses of tools/chinese_near_misses.py: a child called by birth order, a shop delivering to
a relative, another branch on the caller's own street and a greeting get no place nor time, while
the caller's own requests beside them keep theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

# A senior in Zhuzhou living on 五一路, with the eldest son's home and a 步步高 on 珠江路 saved.
PLACES = [
    {"id": 1, "label": "家", "address": "湖南省株洲市芦淞区五一路18号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "株洲市老年大学",
        "address": "湖南省株洲市天元区长江北路3号",
        "aliases": ["老年大学"],
    },
    {
        "id": 3,
        "label": "大儿子家",
        "address": "湖南省株洲市荷塘区新华西路7号",
        "aliases": ["建国家"],
    },
    {"id": 4, "label": "步步高", "address": "湖南省株洲市天元区珠江南路9号", "aliases": []},
    {"id": 5, "label": "株洲市中心医院", "address": "湖南省株洲市天元区长江南路116号"},
]
CONTACTS = [
    {"name": "罗建国", "relation": "son"},
    {"name": "罗建军", "relation": "son"},
    {"name": "罗丽", "relation": "daughter"},
]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")

# A senior in Baoding with no relative's home saved: 老大 can only be a person.
BAODING = [
    {"id": 1, "label": "家", "address": "河北省保定市竞秀区东风西路12号", "aliases": []},
    {"id": 2, "label": "保定老年大学", "address": "河北省保定市莲池区裕华东路5号"},
    {"id": 3, "label": "直隶总督署", "address": "河北省保定市莲池区裕华西路301号"},
]
baoding = speaker("zh", BAODING, [], now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "去 老大 家",
        "去老大家",
        "送 我 到 老大 屋里",
        "到 我 家 老大 那里 去",
    ],
)
def test_the_eldest_child_is_no_school_for_the_elderly(text):
    assert where(baoding(text)) is None
    assert where(chinese(text)) != "株洲市老年大学"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("去 老年 大学", "保定老年大学"),
        ("去 老年大学 上课", "保定老年大学"),
        ("送 我 去 保定 老年 大学", "保定老年大学"),
    ],
)
def test_the_school_said_by_its_name_keeps_its_place(text, place):
    assert where(baoding(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        "去 老二 家",
        "去老二家",
        "送 我 到 老三 屋里",
        "去 我 家 老二 那里",
    ],
)
def test_a_later_child_is_not_the_eldest_sons_home(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "去 大 儿子 家",
        "去 建国 家",
        "送 我 到 建国 屋里",
        "去 老大 建国 家",
    ],
)
def test_the_eldest_son_by_name_or_order_keeps_his_home(text):
    assert where(chinese(text)) == "大儿子家"


@pytest.mark.parametrize(
    "text",
    [
        "步步高 送 到 建国 家",
        "步步高送到建国家",
        "步步高 的 米 送 到 建国 家 了",
        "医院 的 药 寄 到 建国 家",
    ],
)
def test_a_shop_delivering_to_a_relatives_home_asks_no_ride(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "送 我 到 建国 家",
        "把 我 送 到 建国 家",
        "从 步步高 送 我 到 建国 家",
    ],
)
def test_the_caller_driven_to_a_relative_keeps_the_home(text):
    assert where(chinese(text)) == "大儿子家"


@pytest.mark.parametrize(
    "text",
    [
        "去 五一 路 的 步步高",
        "去五一路的步步高",
        "五一 路 那个 步步高",
        "送 我 去 五一路 步步高",
    ],
)
def test_another_branch_on_the_callers_own_street_is_not_the_saved_one(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "去 步步高",
        "去 珠江 南路 的 步步高",
        "送 我 去 珠江 路 那个 步步高",
        "从 五一 路 去 步步高",
    ],
)
def test_the_saved_branch_keeps_its_place(text):
    assert where(chinese(text)) == "步步高"


@pytest.mark.parametrize(
    "text",
    ["早上 好", "早上好", "喂 下午 好", "晚上 好 啊", "你好 早上 好"],
)
def test_a_greeting_is_no_time(text):
    assert chinese(text).when is None


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("早上 八 点", "08:00"),
        ("明天 早上", "09:00"),
        ("早上 好 明天 早上 八 点 去 医院", "08:00"),
        ("下午 两 点 好 吗", "14:00"),
    ],
)
def test_a_time_said_beside_a_greeting_is_still_heard(text, hour):
    intent = chinese(text)
    assert intent.when is not None and intent.when["local"].endswith(hour)


@pytest.mark.parametrize(
    "text",
    ["去 建军 家", "送 我 到 建军 屋里", "去 罗建军 家"],
)
def test_a_brother_of_the_son_the_home_is_named_for_is_another_home(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    "text",
    ["去 建国 家", "去 罗建国 家", "去 大 儿子 家", "去 儿子 家 建国 那里"],
)
def test_the_son_the_home_is_named_for_keeps_it(text):
    assert where(chinese(text)) == "大儿子家"
