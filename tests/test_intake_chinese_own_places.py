"""Chinese callers naming one of their OWN presets the ways tools/chinese_own_places.py writes
them (an errand its kind serves, a relative, fillers): the preset they mean, or none where two
presets fit; and that generator kept as a standing check within its budget."""

import datetime
import importlib.util
import pathlib

import pytest

from tests.speaking import speaker, where
from tools import generated_lines

NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

# 长春: a hospital and a pharmacy, a park and an activity centre.
CHANGCHUN = [
    {"id": 1, "label": "家", "address": "吉林省长春市朝阳区红旗街88号", "aliases": ["俺家"]},
    {"id": 2, "label": "吉大一院", "address": "吉林省长春市朝阳区新民大街71号", "aliases": []},
    {"id": 3, "label": "老百姓大药房", "address": "吉林省长春市朝阳区红旗街20号", "aliases": []},
    {"id": 4, "label": "南湖公园", "address": "吉林省长春市朝阳区工农大路", "aliases": []},
    {"id": 5, "label": "红旗街老年活动中心", "address": "吉林省长春市朝阳区红旗街5号"},
    {"id": 6, "label": "闺女家", "address": "吉林省长春市南关区亚泰大街9号", "aliases": []},
]
# 淄博: a pharmacy and no hospital, a park and no activity centre, an old people's university.
ZIBO = [
    {"id": 1, "label": "家", "address": "山东省淄博市张店区共青团路12号", "aliases": []},
    {"id": 2, "label": "漱玉平民大药房", "address": "山东省淄博市张店区华光路30号"},
    {"id": 3, "label": "人民公园", "address": "山东省淄博市张店区人民西路"},
    {"id": 4, "label": "淄博老年大学", "address": "山东省淄博市张店区柳泉路100号"},
    {"id": 5, "label": "儿子家", "address": "山东省淄博市临淄区桓公路6号"},
]
# 芜湖: a hospital and no pharmacy.
WUHU = [
    {"id": 1, "label": "家", "address": "安徽省芜湖市镜湖区中山路3号"},
    {"id": 2, "label": "弋矶山医院", "address": "安徽省芜湖市镜湖区赭山西路2号"},
    {"id": 3, "label": "华联超市", "address": "安徽省芜湖市镜湖区中山路50号"},
]

changchun = speaker("zh", CHANGCHUN, [{"name": "赵丽", "relation": "daughter"}], now=NOW)
zibo = speaker("zh", ZIBO, [{"name": "孙强", "relation": "son"}], now=NOW)
wuhu = speaker("zh", WUHU, now=NOW)


@pytest.mark.parametrize(
    ("says", "text", "place"),
    [
        # Medicine is fetched at a pharmacy and at a hospital: the one of them saved.
        (zibo, "我 要 去 拿 药", "漱玉平民大药房"),
        (zibo, "送 我 去 取 药", "漱玉平民大药房"),
        (wuhu, "我 要 去 拿 药", "弋矶山医院"),
        (wuhu, "去 看 病 顺便 拿 药", "弋矶山医院"),
        # Both fit, but the hospital's kind (院) was said before the errand.
        (changchun, "一院 我 去 配 药", "吉大一院"),
        # Dancing and tai chi are done in a park as in an activity centre.
        (zibo, "我 要 去 跳 舞", "人民公园"),
        (zibo, "送 我 去 打 太极", "人民公园"),
        # A class is at the old people's university.
        (zibo, "我 要 去 上 课", "淄博老年大学"),
        (zibo, "下午 两 点 送 我 去 上 课", "淄博老年大学"),
    ],
)
def test_an_errand_names_the_one_preset_that_serves_it(says, text, place):
    assert where(says(text)) == place


@pytest.mark.parametrize(
    ("says", "text"),
    [
        # A hospital and a pharmacy are both where medicine is fetched: which is not known.
        (changchun, "我 要 去 拿 药"),
        (changchun, "送 我 去 配 药"),
        # A park and an activity centre both have dancing.
        (changchun, "我 要 去 跳 舞"),
        # No school saved, and a grandson's class is his.
        (changchun, "我 要 去 上 课"),
        (zibo, "我 孙子 去 上 课"),
        # Two errands no one preset serves.
        (zibo, "去 买 菜 再 上 课"),
    ],
)
def test_an_errand_two_presets_or_none_serve_names_no_place(says, text):
    assert where(says(text)) is None


@pytest.mark.parametrize(
    ("says", "text", "place"),
    [
        # Named, or served by one preset alone, the place is as before.
        (changchun, "去 医院 拿 药", "吉大一院"),
        (changchun, "去 老百姓 大药房 拿 药", "老百姓大药房"),
        (changchun, "我 要 去 打 麻将", "红旗街老年活动中心"),
        (changchun, "我 要 去 看 病", "吉大一院"),
        (wuhu, "我 要 去 看 病", "弋矶山医院"),
    ],
)
def test_an_errand_beside_a_name_keeps_the_place(says, text, place):
    assert where(says(text)) == place


@pytest.mark.parametrize(
    "text", ["去 姑娘 那儿", "到 姑娘 家 去", "下午 去 姑娘 那 吃饭", "去 我 姑娘 家"]
)
def test_the_northeasts_daughter_after_a_going_verb_is_her_home(text):
    assert where(changchun(text)) == "闺女家"


@pytest.mark.parametrize(
    "text", ["去 二 姑娘 家", "去 老 姑娘 家", "叫 个 姑娘 来", "去 小 姑娘 家 玩"]
)
def test_another_daughter_or_a_girl_is_no_daughters_home(text):
    assert where(changchun(text)) is None


def _generator():
    """Return tools/chinese_own_places.py as a module."""
    path = pathlib.Path(__file__).parent.parent / "tools" / "chinese_own_places.py"
    spec = importlib.util.spec_from_file_location("chinese_own_places", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The corpus's seniors and the held-out sets read, by letter: a set added changes this sample only
# when added here.
SETS = generated_lines.development_sets("defghijklmnopqrstuvwx", corpus=True)
# About one line in EVERY[class] of each class is parsed, chosen by its text, about 25 a class
# (403 of 11,726 lines): a line added or dropped leaves whether every other is parsed as it was.
EVERY = {
    "alias": 32,
    "ambiguous": 12,
    "area": 5,
    "contact": 8,
    "dialect": 100,
    "errand": 40,
    "filler": 40,
    "kin": 16,
    "loose": 15,
    "name_street": 20,
    "polite": 40,
    "restart": 60,
    "street": 22,
    "time": 40,
}
# Misses per class, measured on the merged code of 2026-12-07 when the sample became one chosen by
# each line's text (it was the first 25 lines of a class by a hash of all of them, so a line added
# anywhere could push another out): a class may only fall. Two are higher than the budgets of the
# old sample because the sample changed, not the parser (the old and the new parse path give the
# same place on every line): ambiguous 2 of 25 -> 7 of 31 (看病 or 跳舞 where two presets serve
# it, a town said alone that one preset's name begins with: 去漳州市 beside 漳州市医院), street
# 10 of 25 -> 12 of 25. A street or district said alone is left unread on purpose (it holds many
# places: chinese_by_street.by_address), and two presets that fit are read as the parser's kinds
# say (跳舞 at an activity centre, the generator's 广场 too).
BUDGET = {"errand": 1, "kin": 0, "ambiguous": 7, "street": 12}
# A district said alone misses in every sampled line, by that design: a budget of all of them
# could never fail, so the class is left out of the check rather than given one.
UNCHECKED = {"area"}


def test_the_own_places_generator_stays_within_its_budget():
    missed, total, lines = _generator().misses(SETS, EVERY)
    assert sum(total.values()) > 300
    over = {
        group: count
        for group, count in missed.items()
        if group not in UNCHECKED and count > BUDGET.get(group, 0)
    }
    assert not over, "\n".join(lines)
