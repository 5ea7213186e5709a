"""Chinese callers naming a menu number or a preset without asking for it: the number or place
refused or questioned ("第二个不中", "三院不对", "第一个对不对"), and a farewell ("一路走好"): no
place, never the preset whose name holds the ordinal."""

import datetime

import pytest

from tests.speaking import speaker

PLACES = [
    {"id": 1, "label": "家", "address": "河南省新乡市红旗区平原路6号", "aliases": ["俺家"]},
    {"id": 2, "label": "新乡市第三人民医院", "address": "新乡市卫滨区", "aliases": ["三院"]},
    {"id": 3, "label": "第一人民医院", "address": "新乡市牧野区", "aliases": ["一院"]},
    {"id": 4, "label": "胖东来超市", "address": "新乡市红旗区", "aliases": ["胖东来"]},
    {"id": 5, "label": "张仲景大药房", "address": "新乡市卫滨区胜利路", "aliases": ["张仲景"]},
]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, (), now=NOW, timezone="Asia/Shanghai")
at_menu = speaker("zh", PLACES, (), now=NOW, timezone="Asia/Shanghai", menu_size=4)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("第 三 个 不 中", "no"),
        ("第 三 个 不 行", "no"),
        ("第 一 个 不 对", "no"),
        ("第 三 个 中 不 中", "unknown"),
        ("第 一 个 对 不 对", "unknown"),
        ("第 三 个 行 不 行", "unknown"),
        ("三院 不 中", "no"),
        ("一院 不 行", "no"),
        ("三院 不 对", "no"),
    ],
)
@pytest.mark.parametrize("heard", [chinese, at_menu])
def test_a_number_or_place_refused_or_questioned_is_no_place(heard, text, kind):
    intent = heard(text)
    assert (intent.kind, intent.place, intent.choice) == (kind, None, None)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 三院", "新乡市第三人民医院"),
        ("三院 中", "新乡市第三人民医院"),
        ("一院 中 不 中 俺 腿 疼", "第一人民医院"),
        ("不 去 胖东来 去 三院", "新乡市第三人民医院"),
        ("去 三院 腿 疼 得 不 行", "新乡市第三人民医院"),
    ],
)
def test_a_place_asked_for_beside_a_judgement_stays_the_place(text, label):
    intent = chinese(text)
    assert intent.place is not None and intent.place.label == label


@pytest.mark.parametrize(("text", "choice"), [("第 三 个 中", 3), ("第 一 个", 1)])
def test_a_number_chosen_stays_the_choice(text, choice):
    intent = at_menu(text)
    assert (intent.kind, intent.choice, intent.place) == ("menu", choice, None)


@pytest.mark.parametrize("text", ["一路 走 好", "老 哥 一路 走 好"])
def test_a_farewell_is_no_yes(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize("text", ["好", "好 的 走"])
def test_a_yes_stays_a_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text", ["给 胖东来 打 个 电话", "给 张仲景 打 电话", "我 想 给 胖东来 打 个 电话"]
)
def test_a_place_phoned_is_no_trip(text):
    intent = chinese(text)
    assert (intent.kind, intent.place) == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "label"),
    [("去 胖东来", "胖东来超市"), ("给 俺 买 药 去 张仲景", "张仲景大药房")],
)
def test_a_place_gone_to_stays_the_place(text, label):
    intent = chinese(text)
    assert intent.place is not None and intent.place.label == label


def test_a_relatives_home_phoned_is_a_call_to_the_family():
    heard = speaker(
        "zh",
        [*PLACES, {"id": 6, "label": "志强家", "address": "新乡市牧野区", "aliases": []}],
        [{"name": "志强", "relation": "儿子"}],
        now=NOW,
        timezone="Asia/Shanghai",
    )
    assert heard("给 志强 家 打 电话").kind == "family"
