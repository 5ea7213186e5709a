"""Chinese presets named by the street their address is on, with a pointer (那个, 外个) and the kind
said with how big or whose it is (大医院, 市医院), or 庙 of any temple; another kind, another
street, another house number or another named place there is none of theirs. Every sentence is
written here, never copied from a set."""

import pytest

from tests.speaking import speaker, where

# A senior in Baoji: each preset's street is in its address after the city and district.
BAOJI = [
    {"id": 1, "label": "家", "address": "陕西省宝鸡市渭滨区槐树街17号3单元", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "宝鸡市中心医院",
        "address": "陕西省宝鸡市渭滨区姜谊大道8号",
        "aliases": ["中心医院"],
    },
    {
        "id": 3,
        "label": "金台观",
        "address": "陕西省宝鸡市金台区胜利路金台观",
        "aliases": ["金台观"],
    },
    {
        "id": 4,
        "label": "广仁大药房经二路店",
        "address": "陕西省宝鸡市渭滨区经二路66号",
        "aliases": ["广仁"],
    },
    {
        "id": 5,
        "label": "宝鸡市人民医院",
        "address": "陕西省宝鸡市金台区东风路24号",
        "aliases": ["市医院"],
    },
    {
        "id": 6,
        "label": "城隍宫",
        "address": "陕西省宝鸡市渭滨区中山路城隍宫",
        "aliases": ["城隍宫"],
    },
    {
        "id": 7,
        "label": "石鼓寺",
        "address": "陕西省宝鸡市渭滨区庙街石鼓寺",
        "aliases": ["石鼓"],
    },
]

heard = speaker("zh", BAOJI, [{"name": "王丽", "relation": "daughter"}])


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A 大道 street, then how big the kind is.
        ("姜谊大道 那个 大 医院", "宝鸡市中心医院"),
        ("去 姜谊大道 那个 大 医院 呀", "宝鸡市中心医院"),
        # 外个 (那个 in Gansu and Shaanxi), then whose hospital it is.
        ("东风路 上 外 个 市 医院", "宝鸡市人民医院"),
        ("经二路 外 个 药店", "广仁大药房经二路店"),
        # 庙 of a temple whatever its name ends in.
        ("中山路 那个 庙", "城隍宫"),
        ("庙里 呃 就是 庙街 那个 庙", "石鼓寺"),
        # Going back (回去, 转去) to home's own street.
        ("我 要 转 去 了 槐树街", "家"),
        ("我 要 回 去 了 槐树街", "家"),
    ],
)
def test_a_preset_named_by_its_street_and_its_kind_is_found(text, label):
    assert where(heard(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        # Another kind on a preset's street.
        "东风路 那个 超市",
        "姜谊大道 外 个 药房",
        # A named other place of the kind on it.
        "东风路 上 的 中医院",
        "中山路 那个 教堂",
        "中山路 那个 少年宫",
        # Another street.
        "红旗路 外 个 大 医院",
        "解放路 那个 庙",
        # 另外个 is another one.
        "经二路 另外 个 药房",
    ],
)
def test_another_place_on_a_presets_street_or_another_street_is_none_of_theirs(text):
    intent = heard(text)
    assert intent.place is None, (text, where(intent))


def test_another_house_number_on_a_presets_street_is_an_address():
    intent = heard("东风路 三十 号 那个 医院")
    assert intent.place is None and intent.address
