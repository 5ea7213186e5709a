"""Chinese callers' turns set M missed, tested with sentences written here: regional words for home,
what, say, cold weather, yes and no (潮汕、青海、吴语), a relative found or a person asked for in
north-western word order, a menu number pointed at with 的, and a place agreed to that is none of
theirs."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "广东省潮州市湘桥区西荣路12号", "aliases": ["厝"]},
    {
        "id": 2,
        "label": "潮州市中心医院",
        "address": "广东省潮州市湘桥区环城西路84号",
        "aliases": ["中心医院"],
    },
    {"id": 3, "label": "开元寺", "address": "广东省潮州市湘桥区开元路32号", "aliases": ["寺"]},
    {"id": 4, "label": "女儿家", "address": "广东省潮州市枫溪区枫春路8号", "aliases": ["阿珠厝"]},
]
CONTACTS = [
    {"name": "陈阿珠", "relation": "daughter"},
    {"name": "陈志伟", "relation": "son"},
    {"name": "陈佳佳", "relation": "granddaughter"},
]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize("text", ["返 厝", "我 要 返 厝 了", "返 家 啦"])
def test_going_back_to_the_house_in_teochew_is_home(text):
    assert where(chinese(text)) == "家"


@pytest.mark.parametrize("text", ["你 呾 乜 个", "伊 呾 乜 个 啊", "你 讲 脉 个"])
def test_what_did_you_say_in_teochew_and_hakka_asks_again(text):
    assert chinese(text).kind == "repeat"


@pytest.mark.parametrize("text", ["唔 是 唔 着 啦", "唔 系", "毋 着"])
def test_not_so_in_teochew_and_cantonese_is_no(text):
    assert chinese(text).kind == "no"


@pytest.mark.parametrize("text", ["哦呀 订 上", "哦呀 哦呀"])
def test_oya_in_qinghai_is_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text",
    ["今朝 个 天 介 冷 个", "今日 天时 真 寒", "今日 个 天 咁 冻", "今朝 天时 好 冷 个"],
)
def test_a_remark_on_the_weather_in_wu_and_min_is_no_time(text):
    intent = chinese(text)
    assert intent.kind == "unknown"
    assert intent.when is None


@pytest.mark.parametrize("text", ["喂 喂 侬 是", "喂 你 是", "您 是"])
def test_asking_who_the_line_is_is_no_yes(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize(
    "text",
    ["我 孙女子 佳佳 哈 找 给 下", "我 儿子 志伟 找 一下", "帮 我 找 我 孙女 佳佳", "给 我 找 我 女儿"],
)
def test_a_relative_named_before_or_after_finding_is_a_call(text):
    assert chinese(text).kind == "family"


@pytest.mark.parametrize(
    "text",
    ["人 哈 叫 来 机器 跟前 我 说 不 清", "人 喊 过来", "跟 电脑 讲 不 明白", "机器 我 说 不 来"],
)
def test_a_person_asked_for_first_or_the_machine_given_up_on_is_the_operator(text):
    assert chinese(text).kind == "operator"


@pytest.mark.parametrize(("text", "choice"), [("二 号 的", 2), ("第 三 个 的", 3)])
def test_a_menu_number_pointed_at_with_de_is_chosen(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


@pytest.mark.parametrize("text", ["西湖 公园 行 行", "人民 公园 好 的", "百货 大楼 可以"])
def test_a_place_none_of_theirs_agreed_to_is_no_yes(text):
    intent = chinese(text)
    assert intent.kind in ("address", "unknown")
    assert intent.place is None
