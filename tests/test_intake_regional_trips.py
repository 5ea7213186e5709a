"""Chinese callers from Shandong, Henan, Anhui, Yunnan and Zhejiang, each tested with sentences
written here: someone else's trip, a refusal with its reason, a place closed today, another campus,
another place named like theirs, a relative's relative's home, and the near misses that keep the
caller's own place."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "历城区花园路7号", "aliases": ["家"]},
    {"id": 2, "label": "齐鲁医院", "address": "文化西路107号", "aliases": ["医院", "齐鲁"]},
    {"id": 3, "label": "大明湖菜市场", "address": "明湖路20号", "aliases": ["菜市场", "菜场"]},
    {"id": 4, "label": "老年大学", "address": "经十路88号", "aliases": []},
    {"id": 5, "label": "建华家", "address": "二环东路300号", "aliases": ["儿子家"]},
    {"id": 6, "label": "千佛寺", "address": "经十一路18号", "aliases": ["寺里"]},
    {"id": 7, "label": "宏济堂药店", "address": "泉城路55号", "aliases": ["药店"]},
    {"id": 8, "label": "长青活动中心", "address": "山师东路3号", "aliases": ["活动中心"]},
]
CONTACTS = [{"name": "建华", "relation": "儿子"}, {"name": "秀英", "relation": "女儿"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's trip, past or planned; 夜来, 夜儿个, 昨个 are yesterday.
        "俺 儿子 夜来 去 的 齐鲁 医院",
        "秀英 夜儿个 去 了 菜市场",
        "俺 老伴儿 昨个 才 去 的 药店",
        "俺 闺女 明天 去 齐鲁 医院 复查",
        # A refusal with its reason; 莫克 (Kunming) and 弗去 (Hangzhou) are don't go.
        "不 去 医院 俺 不 去 医院 俺 好 着 呢",
        "医院 我 不 去 去 了 也 白 去",
        "菜市场 莫 克 了 菜 还 够 吃",
        "药店 我 弗 去 的 药 还 有",
        # Closed today or under repair.
        "老年 大学 今个 放假 了",
        "菜场 拆 了 在 装修",
        "活动 中心 这 两 天 停业",
        "药店 弗 开 的",
        # Another campus or branch.
        "齐鲁 医院 东院 那个 新 开 的",
        "齐鲁 医院 东院",
        "医院 高新 院区 那个 大 楼",
        "齐鲁 医院 新 院区 那点",
        # Another place near or named like theirs.
        "活动 中心 对过 那个 理发店",
        "去 千佛山 爬 山",
        "去 宏济堂 医馆 看 中医",
        # A relative's relative's home.
        "去 建华 他 丈母娘 家",
        "上 秀英 她 婆婆 家 在 历下 那边",
        "建华 他 老丈人 屋里 去",
    ],
)
def test_another_persons_trip_or_another_place_is_none_of_theirs(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 齐鲁 医院", "齐鲁医院"),
        ("俺 闺女 陪 俺 去 医院", "齐鲁医院"),
        ("我 跟 儿子 去 菜市场", "大明湖菜市场"),
        ("老年 大学 今个 有 课 送 俺 去", "老年大学"),
        ("菜市场 不 去 了 去 医院", "齐鲁医院"),
        ("不 去 菜市场 去 医院", "齐鲁医院"),
        ("活动 中心 门口", "长青活动中心"),
        ("去 千佛寺 烧 香", "千佛寺"),
        ("去 宏济堂 拿 药", "宏济堂药店"),
        ("去 建华 他 家", "建华家"),
        ("建华 屋里 去", "建华家"),
        ("齐鲁 医院 门诊", "齐鲁医院"),
    ],
)
def test_the_callers_own_place_is_kept(text, label):
    assert where(chinese(text)) == label


def test_a_call_to_the_daughter_in_henan_words_is_family():
    # 妮儿 is a daughter in Henan: the call is to her, not a ride to her home.
    assert chinese("给 俺 妮儿 打 个 电话 中 不中").kind == "family"


def test_yes_and_no_in_hangzhou_words():
    assert chinese("弗 要 弗 要").kind == "no"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("喊 建华 接 电话", "family"),  # fetch the son to the phone
        ("叫 秀英 听 电话 好 吧", "family"),
        ("照 照", "yes"),  # Hefei: all right
        ("可 中 就 这 吧", "yes"),  # Henan: fine
        ("得 呢 就 这样", "yes"),  # Kunming: fine
        ("莫 订 了 莫 订 了", "no"),  # Kunming: don't book
        ("么斯 你 说 么斯", "repeat"),  # Hefei: what?
        ("恁 说 哪样", "repeat"),  # Henan you, Kunming what
        ("可能 吧 俺 也 说 不 准", "unknown"),  # a maybe holds a 不 but says no no
        ("今天 天气 板扎", "unknown"),  # Kunming: the weather is lovely
    ],
)
def test_answers_in_these_regions_words(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("俺 儿子 屋里 去 看 孙女", "建华家"),  # why after where: the son's home
        ("建华 那儿 俺 去 看看 俺 孙子", "建华家"),
        ("到 医院 去 看 病", "齐鲁医院"),
    ],
)
def test_why_said_after_where_is_not_the_address(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    ("text", "choice"),
    [("四 第 四 个", 4), ("五 嘛 五 号", 5), ("按 二 吧 二", 2)],
)
def test_a_menu_number_said_again_in_another_form_is_one_choice(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


def test_two_different_numbers_are_no_choice():
    assert chinese("第 二 个 吧 第 三 个").kind != "menu"
