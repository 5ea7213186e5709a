"""Chinese callers telling that someone asked them along
("隔壁王阿姨叫我跟她一道到她女儿屋里去"): 叫我 with 跟, 一起 or 一道 after it is being asked,
never a call to the relative named after it, while 叫 right before a relative still calls them."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "江苏省无锡市梁溪区南长街216号", "aliases": ["屋里"]},
    {"id": 2, "label": "无锡市人民医院", "address": "江苏省无锡市梁溪区清扬路299号"},
    {
        "id": 3,
        "label": "女儿家",
        "address": "江苏省无锡市新吴区旺庄路12号",
        "aliases": ["囡囡屋里", "晓芳家"],
    },
    {"id": 4, "label": "儿子家", "address": "江苏省无锡市滨湖区蠡湖大道8号"},
]
CONTACTS = [{"name": "周晓芳", "relation": "daughter"}, {"name": "周建国", "relation": "son"}]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        "隔壁 王 阿姨 叫 我 跟 她 一道 到 她 女儿 屋里 去",
        "隔壁王阿姨叫我跟她一道到她女儿屋里去",
        "王 阿姨 叫 我 跟 她 一起 去 她 女儿 家",
        "老 李 叫 我 一起 去 他 儿子 家 吃 饭",
        "楼下 张 奶奶 喊 我 跟 她 一块 去 她 儿子 家",
    ],
)
def test_being_asked_along_to_someone_elses_relative_is_no_call(text):
    intent = chinese(text)
    assert intent.kind != "family"
    assert where(intent) is None


@pytest.mark.parametrize(
    "text", ["叫 一下 我 女儿", "帮 我 叫 我 女儿", "叫 我 儿子 接 电话", "给 我 女儿 打 个 电话"]
)
def test_calling_a_relative_stays_a_call(text):
    assert chinese(text).kind == "family"


U_PLACES = [
    {"id": 1, "label": "家", "address": "山东省临沂市兰山区沂蒙路100号"},
    {"id": 2, "label": "临沂市人民医院", "address": "山东省临沂市兰山区解放路233号"},
    {"id": 3, "label": "二闺女家", "address": "山东省临沂市罗庄区湖东路8号", "aliases": ["二嫚家"]},
    {"id": 4, "label": "九州超市", "address": "山东省临沂市兰山区通达路6号"},
]
along = speaker("zh", U_PLACES, [], now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text, place",
    [
        ("二嫚叫我跟她去人民医院", "临沂市人民医院"),
        ("二嫚 叫 我 跟 她 去 九州 送 我 去 九州", "九州超市"),
        ("二嫚喊我一起去九州", "九州超市"),
    ],
)
def test_asked_along_to_a_place_by_a_relative_is_that_place_not_her_home(text, place):
    assert where(along(text)) == place


@pytest.mark.parametrize(
    "text, place",
    [
        ("二嫚让我去人民医院看看 送我去", "临沂市人民医院"),
        ("二嫚叫我去人民医院 送我去", "临沂市人民医院"),
        ("二嫚 让 我 去 九州 买 点 菜 送 我 去", "九州超市"),
    ],
)
def test_a_relative_telling_me_to_go_somewhere_then_a_ride_is_that_place(text, place):
    assert where(along(text)) == place


SQUARE = {"id": 5, "label": "人民广场", "address": "山东省临沂市兰山区北京路", "aliases": ["广场"]}
going_with = speaker("zh", [*U_PLACES, SQUARE], [], now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text, place",
    [
        ("跟二嫚去九州", "九州超市"),
        ("跟 二嫚 去 九州", "九州超市"),
        ("跟着二嫚去广场", "人民广场"),
        ("我 跟 二嫚 一起 去 广场", "人民广场"),
    ],
)
def test_going_along_with_a_relative_to_a_place_is_that_place(text, place):
    assert where(going_with(text)) == place


@pytest.mark.parametrize(
    "text", ["二嫚叫我跟她一块吃饭", "二嫚 让 我 跟 她 一起 吃饭", "俺跟二嫚一道吃饭"]
)
def test_eating_together_with_a_relative_is_no_trip(text):
    assert where(along(text)) is None


@pytest.mark.parametrize(
    "text, place",
    [
        ("去九州跟二嫚一块吃饭", "九州超市"),
        ("二嫚叫我跟她一块吃饭 送我去她家", "二闺女家"),
    ],
)
def test_eating_together_somewhere_asked_for_is_that_place(text, place):
    assert where(along(text)) == place
