"""Chinese turns that name one of the senior's places, or one like it, and ask no trip there, from
sets Q and T and the red team, tested with sentences written here: a delivery asked about, a
relative who comes to see the caller, the caller already there, a hospital or temple of the town
named by its own number or name."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "江苏省扬州市广陵区文昌中路100号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "扬州市第一人民医院",
        "address": "江苏省扬州市广陵区泰州路45号",
        "aliases": ["一院", "一医院", "苏北医院"],
    },
    {"id": 3, "label": "华润苏果", "address": "江苏省扬州市广陵区国庆路", "aliases": ["超市"]},
    {"id": 4, "label": "大药房", "address": "江苏省扬州市广陵区汶河南路8号", "aliases": ["药店"]},
    {"id": 5, "label": "高旻寺", "address": "江苏省扬州市邗江区高旻寺", "aliases": ["庙里"]},
    {"id": 6, "label": "小军家", "address": "江苏省扬州市邗江区江阳中路9号", "aliases": []},
]
CONTACTS = [{"name": "王小军", "relation": "son"}, {"name": "王丽", "relation": "daughter"}]
NOW = datetime.datetime(2026, 12, 10, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text", ["超市 能 送 到 家 吗", "药店 可以 送 吗", "那个 药店 送 不 送 药 的", "超市 送 菜 吗"]
)
def test_asking_whether_a_place_delivers_is_no_trip_there(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["能 送 我 去 超市 吗", "超市 不 送 我 自己 去 超市"])
def test_asking_to_be_taken_to_the_shop_is_still_a_trip(text):
    assert where(chinese(text)) == "华润苏果"


@pytest.mark.parametrize("text", ["小军 明天 医院 去 看 我", "我 女儿 下午 医院 去 看看 我"])
def test_a_relative_going_to_see_the_caller_is_no_trip(text):
    assert where(chinese(text)) is None


def test_the_caller_going_to_see_a_relative_is_still_a_trip():
    assert where(chinese("我 今天 医院 去 看 病")) == "扬州市第一人民医院"


@pytest.mark.parametrize("text", ["到 啦 医院 了", "我 已经 到 一 院 了", "到 了 超市 了"])
def test_saying_one_is_already_there_is_no_trip(text):
    intent = chinese(text)
    assert (intent.kind, where(intent)) == ("status", None)


@pytest.mark.parametrize("text", ["送 我 到 医院", "到 医院 去"])
def test_going_to_a_place_is_still_a_trip(text):
    assert where(chinese(text)) == "扬州市第一人民医院"


@pytest.mark.parametrize("text", ["一 零 零 医院", "去 二 五 一 医院 看 病"])
def test_a_hospital_named_by_a_longer_number_is_another(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["一 医院", "去 一 院", "市 一 医院 看 病"])
def test_the_presets_number_is_still_the_preset(text):
    assert where(chinese(text)) == "扬州市第一人民医院"


@pytest.mark.parametrize("text", ["大明寺 去 烧 香", "天宁寺 去 拜 拜"])
def test_another_temple_by_its_name_said_before_the_errand_is_none_of_theirs(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["高旻寺 去 烧 香", "庙 里 去 烧 香", "那个 庙 去 烧 香"])
def test_their_temple_before_the_errand_is_still_theirs(text):
    assert where(chinese(text)) == "高旻寺"


@pytest.mark.parametrize("text", ["苏果 我 要 去 汶河 路 那个 店", "苏果 去 文昌 路 那个 店"])
def test_the_chain_named_before_going_to_another_street_is_none_of_theirs(text):
    assert where(chinese(text)) is None


def test_the_chain_named_before_going_to_its_own_street_is_theirs():
    assert where(chinese("苏果 去 国庆 路 那个")) == "华润苏果"


@pytest.mark.parametrize("text", ["送 我 家 去 文昌 中路 那块", "我 屋里 去 文昌 中路"])
def test_home_named_before_going_to_its_own_street_is_home(text):
    assert where(chinese(text)) == "家"


@pytest.mark.parametrize("text", ["去 苏北 区", "不 是 那个 是 苏北 区 那个 新 开 的"])
def test_a_short_form_said_as_a_district_is_no_preset(text):
    assert where(chinese(text)) is None


def test_the_short_form_said_as_the_place_is_still_it():
    assert where(chinese("去 苏北 医院")) == "扬州市第一人民医院"


def test_a_chain_whose_name_ends_in_jia_named_before_another_street_is_none_of_theirs():
    # 万家福's 家 is its name, not the caller's home: 淮海路 is another of its shops.
    shop = {"id": 3, "label": "万家福", "address": "江苏省扬州市广陵区国庆路", "aliases": ["超市"]}
    places = [shop if place["id"] == 3 else place for place in PLACES]
    shopper = speaker("zh", places, CONTACTS, now=NOW, timezone="Asia/Shanghai")
    assert where(shopper("万家福 俺 要 去 淮海 路 那个 店")) is None
    assert where(shopper("万家福 去 国庆 路 那个")) == "万家福"
