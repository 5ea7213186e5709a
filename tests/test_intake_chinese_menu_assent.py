"""Chinese callers choosing from the menu with a yes after the number ("第二个中", "三号行"), a
regional verb of choosing before it (粤语"揀"、"拣") or a north-western "外" (那) pointing at it:
the number chosen, never a preset whose name holds the ordinal (第二人民医院)."""

import datetime

import pytest

from tests.speaking import speaker

PLACES = [
    {"id": 1, "label": "家", "address": "河南省洛阳市西工区中州路5号", "aliases": ["俺家"]},
    {"id": 2, "label": "洛阳市第二人民医院", "address": "河南省洛阳市西工区", "aliases": ["二院"]},
    {"id": 3, "label": "第一百货", "address": "河南省洛阳市老城区", "aliases": ["百货楼"]},
    {"id": 4, "label": "丹尼斯超市", "address": "河南省洛阳市涧西区", "aliases": ["丹尼斯"]},
]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, (), now=NOW, timezone="Asia/Shanghai", menu_size=4)


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("第 二 个 中", 2),
        ("第 二 个 行", 2),
        ("三 号 好", 3),
        ("第 一 个 对", 1),
        ("拣 第 二 个", 2),
        ("揀 第 三 个", 3),
        ("就 外 第 一 个", 1),
    ],
)
def test_a_number_chosen_with_a_yes_or_a_choosing_word_is_the_choice(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice, intent.place) == ("menu", choice, None)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 第二 人民 医院", "洛阳市第二人民医院"),
        ("二院 中", "洛阳市第二人民医院"),
        ("第一 百货 行", "第一百货"),
    ],
)
def test_a_place_named_with_its_ordinal_stays_the_place(text, label):
    intent = chinese(text)
    assert intent.place is not None and intent.place.label == label
