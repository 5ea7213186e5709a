"""A preset's name the recognizer wrote with the right sound and other characters (鞋 和 医院 for
协和医院, 大 赵 for 大召, 雷 云 上 for 雷允上): found by its pinyin, never a place that only
sounds like one, nor another kind of place or another name."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "福东路18号", "aliases": ["屋里", "福东路"]},
    {"id": 2, "label": "协和医院", "address": "新权路29号", "aliases": ["协和"]},
    {"id": 3, "label": "雷允上药店", "address": "人民路36号", "aliases": ["雷允上"]},
    {"id": 4, "label": "大召", "address": "大召前街", "aliases": ["大召寺"]},
    {"id": 5, "label": "西园寺", "address": "留园路西园弄18号", "aliases": ["西园"]},
    {"id": 6, "label": "永辉超市", "address": "屏西路8号", "aliases": ["超市"]},
    {"id": 7, "label": "小芳家", "address": "金山路100号", "aliases": ["女儿家"]},
    {"id": 8, "label": "单家巷菜场", "address": "单家巷3号", "aliases": ["菜场"]},
]
CONTACTS = [{"name": "王小芳", "relation": "女儿"}, {"name": "赵建国", "relation": "朋友"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # The whole name, its kind word written right.
        ("我 要 去 鞋 和 医院 看 病", "协和医院"),
        ("雷 云 上 药店 买 点 膏药", "雷允上药店"),
        ("去 大 赵 寺 烧 香", "大召"),
        # Its name alone, spelled out one character at a time as a name the recognizer does not
        # know: three syllables, or two with their tones.
        ("到 雷 云 上 配 点 中药", "雷允上药店"),
        ("嗯 去 大 赵 那边 拜 拜", "大召"),
        ("送 我 去 鞋 和", "协和医院"),
        # A surname in the preset's name read its other way (单 shàn, not dān).
        ("去 善 家 巷 菜场 买 菜", "单家巷菜场"),
    ],
)
def test_a_name_written_with_the_right_sound_is_the_place(text, label):
    assert where(chinese(text)) == label


def test_a_name_heard_by_sound_keeps_the_time_and_the_words_heard():
    intent = chinese("明天 上午 九 点 去 鞋 和 医院")
    assert (where(intent), intent.when["local"][11:13], intent.text) == (
        "协和医院",
        "09",
        "明天 上午 九 点 去 鞋 和 医院",
    )


@pytest.mark.parametrize(
    "text",
    [
        # Another hospital, whose name sounds otherwise.
        "去 鞋 城 医院 看 病",
        "去 同 和 医院",
        # A place that sounds like the preset but is another kind: a pharmacy, not the hospital.
        "去 鞋 和 药店 买 药",
        "到 谐和 药房 拿 点 药",
        # The sound of the name inside a longer name: a village, a street.
        "去 大 赵 庄 那边",
        "到 新 父 东路 那个 超市",
        # A person's home, not the temple.
        "去 大 赵 家 吃 饭",
        # Real words that sound like a name: a word the recognizer knew is no misheard name,
        # and two syllables alone must keep their tones (西苑 is xī yuàn, 西园 xī yuán).
        "去 西苑 那边 转 转",
        "去 谐和 那边",
        # Refused, or gone to before: what the right spelling would say.
        "我 不 去 鞋 和 医院",
        "上 礼拜 去 过 鞋 和 医院 了",
    ],
)
def test_a_place_that_only_sounds_like_a_preset_is_none_of_theirs(text):
    assert where(chinese(text)) is None


def test_a_numbered_name_is_never_heard_by_sound():
    # 一院 (yī yuàn) and 医院 (yī yuàn) sound the same: with two hospitals, 医院 is neither.
    places = [
        {"id": 1, "label": "市第一人民医院", "address": "解放路1号", "aliases": ["一院"]},
        {"id": 2, "label": "中医院", "address": "解放路9号", "aliases": []},
    ]
    assert where(chinese("去 医院 拿 药", places=places)) is None


def test_two_presets_of_one_toneless_sound_are_told_apart_by_their_tones():
    places = [
        {"id": 1, "label": "协和医院", "address": "新权路29号", "aliases": []},
        {"id": 2, "label": "谢河医院", "address": "河边路2号", "aliases": []},
    ]
    assert where(chinese("去 鞋 和 医院", places=places)) == "协和医院"
    assert where(chinese("去 泻 合 医院", places=places)) == "谢河医院"


def test_no_sound_is_heard_where_another_preset_is_named_as_written():
    # "When in doubt, no place": 超市 is a name of theirs said as it is written.
    assert where(chinese("超市 不 对 去 鞋 和 医院")) is None


def test_a_numeral_heard_is_never_taken_for_a_sound():
    # 一院 (yī yuàn) is another hospital than the one saved as 医院, though it sounds the same.
    places = [{"id": 1, "label": "协和医院", "address": "新权路29号", "aliases": ["医院"]}]
    assert where(chinese("去 一 院 看看", places=places)) is None


def test_a_persons_home_is_never_heard_by_sound():
    # 小李 (xiǎo lǐ) is another person than 小丽 (xiǎo lì): a home is found by its people.
    places = [{"id": 1, "label": "小丽家", "address": "金山路100号", "aliases": ["阿丽屋里"]}]
    assert where(chinese("去 小 李 家 吃 饭", places=places)) is None
    assert where(chinese("去 阿 李 屋里", places=places)) is None


def test_a_kind_word_of_the_place_may_follow_its_name_heard_by_sound():
    # 大药房 is said 药店: the kind is the pharmacy's own, though not right after 鹭燕 in its label.
    places = [{"id": 1, "label": "鹭燕大药房", "address": "杨桥路5号", "aliases": ["鹭燕", "药店"]}]
    assert where(chinese("去 路 燕 药店 拿 降压 药", places=places)) == "鹭燕大药房"
    assert where(chinese("去 路 燕 医院", places=places)) is None


@pytest.mark.parametrize(
    "text",
    [
        # Before a kind word too, a name is heard by sound only when spelled out one character at a
        # time with its own tones: a word the recognizer knew (谐和, 西苑) names that place, and
        # other tones (虎洞 hǔ dòng for 福东 fú dōng, 永惠 for 永辉) another one.
        "送 我 到 谐和 医院 复查",
        "去 西苑 寺 烧 香",
        "去 虎 洞 路",
        "去 永 惠 超市 买 米",
        # Words run together are words the recognizer knew.
        "去谐和医院",
        "去永惠超市",
    ],
)
def test_a_sound_alike_before_a_kind_word_is_none_of_theirs(text):
    assert where(chinese(text)) is None
