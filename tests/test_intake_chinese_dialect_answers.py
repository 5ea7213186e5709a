"""Chinese callers' answers in dialect that sets Q and T missed, tested with sentences written here:
湘语 咯/哒, 中原 能成, 陕西 撒/么, 你说么, 多大会儿, the line told it got the caller wrong, and
small talk on fog or smog said with the day."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "湖南省湘潭市雨湖区韶山西路12号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "湘潭市中心医院",
        "address": "湖南省湘潭市岳塘区和平路120号",
        "aliases": ["中心医院"],
    },
    {"id": 3, "label": "菜市场", "address": "湖南省湘潭市雨湖区基建营菜市场", "aliases": []},
    {"id": 4, "label": "女儿家", "address": "湖南省湘潭市岳塘区建设南路8号", "aliases": ["秋菊家"]},
]
CONTACTS = [{"name": "李秋菊", "relation": "daughter"}]
NOW = datetime.datetime(2026, 12, 10, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    ["咯 样 就 要 得 订 哒", "嗯 就 咯 样 订 哒", "能 成", "中 能 成 能 成 就 这 样"],
)
def test_a_dialect_yes_is_a_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize("text", ["能 成 么", "要 得 么", "好 么", "可以 么"])
def test_a_yes_word_asked_with_a_last_me_is_no_yes(text):
    # 么 said last asks, as 吗 does ("能成么", is that all right?): a question is no answer.
    assert chinese(text).kind != "yes"


@pytest.mark.parametrize(
    "text", ["咯 只 车 我 不 要 哒 退 咯", "咯 个 车 不 要 哒 帮 我 退 咯 算 哒"]
)
def test_a_ride_given_back_in_xiang_is_a_cancel(text):
    assert chinese(text).kind == "cancel"


@pytest.mark.parametrize(
    "text", ["嗯 你 说 么", "你 说 么 子", "你 说 撒 我 么 听 清", "啊 你 说 撒 额 么 听 见"]
)
def test_what_did_you_say_in_dialect_asks_again(text):
    assert chinese(text).kind == "repeat"


@pytest.mark.parametrize("text", ["车 还 要 多 大 会儿 到", "师傅 多 大 一 会儿 能 到 啊"])
def test_how_long_in_northern_speech_asks_the_status(text):
    assert chinese(text).kind == "status"


@pytest.mark.parametrize(
    "text",
    [
        "不 对 你 说 的 不 对",
        "不 对 不 对 恁 讲 的 不 对",
        "哎 不 是 你 搞 错 了",
        "我 冇 说 去 医院 错 了",
        "我 没 说 要 去 中心 医院 你 听 错 了",
    ],
)
def test_telling_the_line_it_got_them_wrong_is_a_no(text):
    intent = chinese(text)
    assert (intent.kind, where(intent)) == ("no", None)


def test_a_place_said_after_telling_the_line_it_was_wrong_is_still_asked_for():
    assert where(chinese("不 对 你 说 错 了 我 去 菜市场")) == "菜市场"


@pytest.mark.parametrize("text", ["我 那个 那个 是 么子 咯", "那个 叫 么子 是 么子 来 的"])
def test_still_looking_for_a_word_is_no_yes(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize(
    "text",
    ["今天 好 大 的 雾 啊", "今儿 这 雾霾 真 大", "今天 外面 好 大 的 风", "今天 霾 蛮 大 的"],
)
def test_small_talk_on_fog_or_wind_is_no_time(text):
    assert chinese(text).kind == "unknown"


def test_a_ride_asked_for_after_small_talk_on_the_fog_still_names_the_place():
    assert where(chinese("今天 好 大 的 雾 送 我 去 中心 医院")) == "湘潭市中心医院"


def test_a_greeting_names_no_place_its_characters_spell():
    # 大家好 ("hello, everyone") holds 大…家, as 大儿子家 does: a greeting goes nowhere.
    places = [
        {"id": 1, "label": "家", "address": "辽宁省铁岭市银州区胜利街5号", "aliases": []},
        {"id": 2, "label": "大儿子家", "address": "辽宁省铁岭市银州区建设路8号", "aliases": []},
    ]
    greeter = speaker("zh", places, CONTACTS, now=NOW, timezone="Asia/Shanghai")
    assert where(greeter("大家 好")) is None
    assert where(greeter("喂 大家 好 我 去 大 儿子 家")) == "大儿子家"
