"""Chinese callers' answers in their own dialects (Xi'an, Tianjin, Beijing, the Northeast, Shanghai,
Cantonese, Minnan, Hunan, Wuhan), each tested with sentences written here: yes and no, a ride
called off, where the car is, a call to family, not having heard, a remark, a place told apart, a
menu number said twice, and the son's place said with a dialect word."""

import datetime

import pytest

from elderride.intake import parse
from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "岳麓区1号", "aliases": ["我家"], "is_home": 1},
    {"id": 2, "label": "人民医院", "address": "解放路12号", "aliases": []},
    {"id": 3, "label": "永辉超市", "address": "五一路50号", "aliases": ["超市"]},
    {"id": 4, "label": "儿子家", "address": "芙蓉路8号", "aliases": []},
    {"id": 5, "label": "开福寺", "address": "开福寺路23号", "aliases": []},
]
CONTACTS = [{"name": "刘志刚", "relation": "儿子"}, {"name": "刘芳", "relation": "女儿"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    "text",
    [
        "没 麻达 嘛",  # Xi'an: no problem
        "嘹 咋 咧",  # Xi'an: great
        "那 就 这么 着",  # Beijing: do it that way
        "就 这么 弄 噻",
        "就 它 了 吧",  # Tianjin: that one
        "系 呀",  # Cantonese: yes
        "得 啦",  # Cantonese: fine
        "冇 问题 啦",
        "嗯呐",  # the Northeast: yes
        "中 整",
    ],
)
def test_a_clear_yes_in_dialect_is_a_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "是 伐",  # Shanghai: is it?
        "好 伐",
        "系 咪 呀",  # Cantonese: is it?
        "没 麻达 吗",
        "嘹 咋 咧 是 不 是",
        "你 这 是 电脑 吧",
        "中 医院",
        "会 不 会 迟 到",  # a question "A not A", not a no
        "远 不 远 啊",
        "要 不 要 得",  # Sichuan: is that all right? (要得 is 可以, inside a question)
        "要 得 不 要 得",
    ],
)
def test_a_question_back_in_dialect_is_no_yes_nor_no(text):
    assert chinese(text).kind not in ("yes", "no")


@pytest.mark.parametrize(
    "text", ["伐 要 伐 要", "勿 要 了", "唔 要 啦", "唔 使 喇", "免 啦", "额 不 去 了"]
)
def test_a_no_in_dialect_is_a_no(text):
    assert chinese(text).kind == "no"


@pytest.mark.parametrize("text", ["不 不 不", "不 是", "不 行 不 行"])
def test_a_plain_no_stays_a_no(text):
    assert chinese(text).kind == "no"


@pytest.mark.parametrize(
    "text",
    [
        "车 子 甭 来 了 我 儿子 开车 来",
        "后天 的 车 勿 要 来 了",
        "车 不 要 咧 我 女儿 接 额",
        "算 了 我 儿子 来 接 我",
        "听日 的 车 唔 使 来 喇",
        "那 辆 车 别 派 了",
    ],
)
def test_the_car_refused_or_a_relative_fetching_calls_the_ride_off(text):
    assert chinese(text).kind == "cancel"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("车 不 要 开 太 快", "no"),
        ("我 女儿 来 接 我 去 超市", "place"),
        ("不 是 医院 是 我 儿子 来 接 我", "no"),
    ],
)
def test_a_relative_fetching_without_turning_the_car_down_cancels_nothing(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    "text", ["车 子 么子 时候 来", "师傅 到 啥 地方 了", "架 车 仲 未 到", "司机 去 咗 边 呀"]
)
def test_where_the_car_is_asked_in_dialect_is_status(text):
    assert chinese(text).kind == "status"


@pytest.mark.parametrize("text", ["打 畀 阿仔", "叫 阿拉 女儿 打 只 电话 来"])
def test_calling_family_in_dialect_is_family(text):
    assert chinese(text).kind == "family"


def test_what_a_relative_said_in_shanghainese_calls_no_one():
    assert chinese("阿拉 女儿 叫 我 去 吃 饭").kind != "family"


@pytest.mark.parametrize("text", ["侬 讲 啥 呀", "你 说 的 啥"])
def test_not_having_heard_in_dialect_repeats_the_question(text):
    assert chinese(text).kind == "repeat"


@pytest.mark.parametrize(
    "text", ["今儿 贼 热", "今天 贼 冷 啊", "外头 风 好 大", "今天 落 雪 咯", "倍儿 热 今天"]
)
def test_a_remark_on_the_weather_in_dialect_is_neither_an_answer_nor_a_time(text):
    intent = chinese(text)
    assert (intent.kind, intent.when) == ("unknown", None)


def test_a_time_said_beside_a_remark_on_the_weather_is_kept():
    intent = chinese("明天 早上 去 医院 今天 好 冷")
    assert (where(intent), intent.when and intent.when["local"][:10]) == ("人民医院", "2026-12-07")


def test_a_yes_said_beside_how_cold_it_is_is_still_a_yes():
    assert chinese("好 好 冷 快 走").kind == "yes"


@pytest.mark.parametrize("text", ["建设 路 不 是 人民 医院", "湘江 公园 不 是 开福寺 哦"])
def test_a_place_told_apart_from_another_is_no_no(text):
    assert chinese(text).kind not in ("no", "yes")


def test_a_place_told_apart_keeps_saying_no_when_nothing_is_named_first():
    assert chinese("那 不 是 我 要 的").kind == "no"


def test_a_menu_number_said_twice_is_one_choice():
    intent = chinese("二 号 二 号")
    assert (intent.kind, intent.choice) == ("menu", 2)


def test_two_different_menu_numbers_choose_nothing():
    assert chinese("二 号 三 号").kind != "menu"


@pytest.mark.parametrize("text", ["我 崽 那里", "去 我 个 仔 屋企", "送 额 去 我 崽 那达"])
def test_the_son_said_in_hunan_or_cantonese_is_the_sons_place(text):
    assert where(chinese(text)) == "儿子家"


@pytest.mark.parametrize("text", ["回 屋 回 屋", "送 额 回 屋"])
def test_home_said_in_xian_is_home(text):
    assert where(chinese(text)) == "家"


def test_a_word_holding_the_cantonese_son_is_no_son():
    assert where(chinese("仔细 一点")) is None


@pytest.mark.parametrize("text", ["送 额 去 额 娃 那达", "到 我 伢 那里 去"])
def test_my_child_in_xian_or_wuhan_is_the_child_with_a_place_here(text):
    assert where(chinese(text)) == "儿子家"


def test_my_child_is_nobodys_place_when_both_children_have_one():
    places = [*PLACES, {"id": 6, "label": "女儿家", "address": "韶山路3号", "aliases": []}]
    intent = parse("到 我 伢 那里 去", language="zh", places=places, contacts=CONTACTS, now=NOW)
    assert intent.place is None


@pytest.mark.parametrize(
    "text, meant",
    [
        ("叫 车 那个 医院 不 要 了 去 超市", "永辉超市"),
        ("医院 不 要 了 叫 个 车 去 超市", "永辉超市"),
    ],
)
def test_a_place_taken_back_while_calling_a_car_is_no_cancel(text, meant):
    assert where(chinese(text)) == meant
