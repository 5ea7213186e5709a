"""Chinese callers' leftovers from sets H and K, each tested with sentences written here: 上 as
"go to", a place placed by the caller's home, two places told apart with 不是, a correction said
after the words it corrects, a relative's name before 屋头 or 屋里, another numbered hospital;
another place at a preset's district or street, a friend's home, a place refused that is none of
theirs, and family asked for by their voice."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "岳麓区枫林路12号", "aliases": ["家", "屋头"]},
    {"id": 2, "label": "湘雅医院", "address": "开福区湘雅路87号", "aliases": ["医院", "湘雅"]},
    {"id": 3, "label": "家乐福超市", "address": "五一大道8号", "aliases": ["超市", "家乐福"]},
    {"id": 4, "label": "秀兰家", "address": "芙蓉路300号", "aliases": ["女儿家"]},
    {"id": 5, "label": "开福寺", "address": "开福寺路138号", "aliases": ["寺里"]},
    {"id": 6, "label": "老百姓大药房", "address": "枫林路20号", "aliases": ["药店", "药房"]},
    {"id": 7, "label": "上海路菜场", "address": "上海路9号", "aliases": ["菜场"]},
]
CONTACTS = [{"name": "刘秀兰", "relation": "女儿"}, {"name": "刘克明", "relation": "儿子"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 上 as "go to" after a subject or a wish.
        ("俺 要 上 湘雅 去", "湘雅医院"),
        ("我 要 上 药房 去", "老百姓大药房"),
        ("俺 上 超市 嘞", "家乐福超市"),
        # A place placed by the caller's home is theirs.
        ("那个 啥 超市 就是 我 家 附近 那家", "家乐福超市"),
        # A correction said after the words it corrects.
        ("开福寺 不对 不对 是 湘雅 我 说错 了", "湘雅医院"),
        ("开福寺 不对 家乐福 我 说错 了", "家乐福超市"),
        # Told apart with an asking word first: the first place is where.
        ("送 我 去 家乐福 不 是 开福寺", "家乐福超市"),
    ],
)
def test_the_place_meant_is_found(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        # Two places told apart with 不是, and no word asking for either.
        "湘雅 三 院 不 是 湘雅 医院",
    ],
)
def test_two_places_told_apart_are_neither_a_place_nor_an_answer(text):
    intent = chinese(text)
    assert (where(intent), intent.kind) == (None, "unknown")


@pytest.mark.parametrize("text", ["湘雅 附 三 看 牙齿", "去 湘雅 三 院"])
def test_another_numbered_hospital_of_the_same_name_is_none_of_theirs(text):
    assert where(chinese(text)) is None


# Guards for the dialect reading (they pass on the code before it, which read no 上 as "go"): a
# Mandarin word or a name that holds a dialect word keeps its meaning.
def test_a_mandarin_word_holding_a_dialect_word_keeps_its_meaning():
    intent = chinese("我 上午 去 湘雅")
    assert (where(intent), intent.when["local"][11:13]) == ("湘雅医院", "09")


def test_a_place_name_holding_a_dialect_word_is_kept():
    assert where(chinese("上海路 菜场 买 点 菜")) == "上海路菜场"


def test_a_contact_name_holding_a_dialect_word_is_kept():
    assert chinese("给 克明 打 电话").kind == "family"


# A senior whose home, daughter's and son's homes are also named by their street or district.
AREA_PLACES = [
    {
        "id": 1,
        "label": "家",
        "address": "鼓楼区湖滨路168号",
        "aliases": ["屋里", "湖滨路", "十一街坊"],
    },
    {"id": 2, "label": "人民医院", "address": "建设路29号", "aliases": ["医院"]},
    {"id": 3, "label": "华润万家", "address": "屏山路12号", "aliases": ["超市"]},
    {"id": 4, "label": "女儿家", "address": "仓山区金山大道618号", "aliases": ["金山", "阿珍厝"]},
    {"id": 5, "label": "儿子家", "address": "高新区创业路8号", "aliases": ["高新区", "阿明屋里"]},
    {"id": 6, "label": "老年活动中心", "address": "东街口南路3号", "aliases": ["活动中心"]},
]
AREA_CONTACTS = [
    {"name": "陈丽珍", "relation": "女儿"},
    {"name": "沈志明", "relation": "儿子"},
    {"name": "陈磊", "relation": "孙子"},
]

by_area = speaker("zh", AREA_PLACES, AREA_CONTACTS, now=NOW, menu_size=len(AREA_PLACES))


@pytest.mark.parametrize(
    "text",
    [
        # A business at the district or street a preset is named by is another place there.
        "去 金山 万达 买 衣服",
        "去 金山 肯德基 给 孙子 买 汉堡",
        "高新区 沃尔玛 俺 去 逛 逛",
        "湖滨路 口 那个 面馆 去 吃 碗 面",
        "去 湖滨路 上 那个 小 饭馆",
        "去 高新区 嗰 间 酒楼 饮 茶",
        "金山 那边 新 开 的 火锅 店 去 吃 饭",
        "去 湖滨路 上 那个 超市",
        "到 湖滨路 口 嗰 间 茶餐厅 饮 茶",
        "金山 那个 发廊 剪 头发",
        "到 高新区 中石化 加 油",
    ],
)
def test_a_business_at_a_presets_district_or_street_is_not_that_preset(text):
    intent = by_area(text)
    assert (where(intent), intent.kind in {"address", "unknown"}) == (None, True)


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's home at the district or street, or a friend's anywhere, is not home.
        "去 湖滨路 老 王 家",
        "去 金山 俺 老 姊妹 家",
        "到 高新区 我 干妈 屋里 去",
        "去 金山 阿英 厝 坐 坐",
        "去 十 街坊 俺 老 姊妹 家",
        "去 街坊 刘 婶 家 串 门",
        "去 湖滨路 我 老 同学 屋头 打 麻将",
        "去 我 干妈 家",
        "去 老 同事 家",
        "到 老 邻居 王 姐 家",
        "去 俺 老 姐妹 家",
        "去 金山 我 妹妹 家",
    ],
)
def test_someone_elses_home_is_not_home_nor_a_relatives(text):
    intent = by_area(text)
    assert (where(intent), intent.kind in {"address", "unknown"}) == (None, True)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Guards: the preset's own district or street with its own words, or its people, is it.
        ("去 金山 阿珍 厝", "女儿家"),
        ("去 金山 女儿 那 边", "女儿家"),
        ("到 高新区 我 儿子 屋里 去", "儿子家"),
        ("回 湖滨路", "家"),
        ("湖滨路 屋里", "家"),
        ("回 十一 街坊 俺 家", "家"),
        ("去 高新区 沈志明 屋里", "儿子家"),
        ("去 金山 丽珍 那 边", "女儿家"),
        ("去 金山 那 边 看 看 女儿", "女儿家"),
    ],
)
def test_a_presets_district_said_with_its_own_words_is_that_preset(text, label):
    assert where(by_area(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        # Refusing a place, said with 上 for go (北方, 西南) or of a place that is none of theirs,
        # is no answer and no address, as "i'm not going to the dentist" is.
        "我 不 上 医院",
        "俺 不 上 医院 了",
        "今天 不 上 医院 了",
        "我 莫 上 医院 咯",
        "我 不 去 银行 了",
        "我 唔 去 银行 啦",
        "我 不 想 去 那个 万达",
    ],
)
def test_a_place_refused_is_neither_a_no_nor_an_address(text):
    intent = by_area(text)
    assert (intent.kind, where(intent)) == ("unknown", None)


def test_a_place_refused_in_english_is_no_address_either():
    intent = speaker("en", [{"id": 1, "label": "Home", "address": "1 Elm Road"}])(
        "i'm not going to the dentist"
    )
    assert (intent.kind, intent.address) == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("不 上 医院 了 送 我 回 屋里", "place"),
        ("不对 我 不 上 医院", "no"),
        ("我 不 去 银行 了 去 建设路 二十 号", "address"),
    ],
)
def test_what_follows_a_refusal_or_a_no_before_it_still_counts(text, meant):
    assert by_area(text).kind == meant


@pytest.mark.parametrize("text", ["不 上 超市 了 去 华润万家", "不 去 超市 了 去 华润万家 买 米"])
def test_a_place_asked_for_after_a_refusal_is_read_whole(text):
    # Not split after 万: 家 is the end of the name asked for, not home.
    assert where(by_area(text)) == "华润万家"


@pytest.mark.parametrize(
    "text",
    [
        # Asking to hear or talk with one of the family is a call, not a ride.
        "想 听听 我 孙子 的 声音",
        "我 想 听 下 女儿 的 声音",
        "让 我 跟 闺女 说 两 句",
        "我 想 跟 儿子 讲 讲 话",
        "给 我 接 一下 我 家 老二",
        "帮 我 接 我 儿子",
        "同 我 个 仔 倾 两 句",
        "想 跟 孙女 摆 哈 龙门阵",
        "我 想 跟 我 闺女 拉 拉 呱",
        "搭 我 儿子 讲 两 句 闲话",
    ],
)
def test_asking_to_hear_or_talk_with_family_is_a_call(text):
    assert by_area(text).kind == "family"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Guards: the family spoken of with a ride, the caller's own home after an address, and
        # 不 before 上 in a verb's ending (赶不上), keep the place.
        ("我 孙子 让 我 去 医院 看 看", "人民医院"),
        ("到 湖滨路 府前 七 十 二 号 我 屋里", "家"),
        ("赶 不 上 车 了 送 我 回 屋里", "家"),
        ("医院 挂 不 上 号 那 就 回 屋里", "家"),
    ],
)
def test_family_spoken_of_and_a_verb_with_shang_keep_the_place(text, label):
    assert where(by_area(text)) == label


@pytest.mark.parametrize("text", ["去 活动中心 跟 老 朋友 摆 龙门阵", "到 公园 和 孙女 聊 聊 天"])
def test_a_chat_where_the_caller_goes_is_no_call(text):
    assert by_area(text).kind != "family"
