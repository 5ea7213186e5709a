"""The Chinese wrong-place classes sets F and G showed, written once as rules: another place of the
same kind said by its own proper name (栖霞寺 for their 鸡鸣寺), another branch or campus (鼓楼医院
江北院区, 苏果在仙林的那家店, 江宁那个老年大学), a stall at the place's gate, and places named after
theirs (鼓楼广场); while the saved place said by its name, its kind, its street or with its own
branch words still is that place. Every sentence is written here, never copied from a set."""

import pytest

from elderride.intake import parse

NANJING = [
    {"id": 1, "label": "家", "address": "鼓楼区北京西路12号", "aliases": [], "is_home": 1},
    {"id": 2, "label": "鼓楼医院", "address": "鼓楼区中山路321号", "aliases": ["鼓楼"]},
    {"id": 3, "label": "苏果超市", "address": "秦淮区中华路100号", "aliases": ["超市"]},
    {"id": 4, "label": "鸡鸣寺", "address": "玄武区鸡鸣寺路1号", "aliases": []},
    {"id": 5, "label": "玄武老年大学", "address": "玄武区珠江路88号", "aliases": ["老年大学"]},
    {"id": 6, "label": "儿子家", "address": "建邺区江东中路50号", "aliases": []},
    {"id": 7, "label": "同仁堂药店", "address": "鼓楼区湖南路20号", "aliases": ["药店"]},
]
NANJING_FAMILY = [{"name": "李强", "relation": "儿子"}]


def heard(text):
    return parse(text, language="zh", places=NANJING, contacts=NANJING_FAMILY)


@pytest.mark.parametrize(
    "text",
    [
        # Another place of the same kind, said by its own proper name.
        "栖霞寺 拜 佛",
        "我 要 去 毗卢寺 烧 香",
        "去 江苏 省 人民 医院",
        # Another branch or campus: after the name, or with 在, or before a pointer.
        "鼓楼 医院 江北 院区",
        "鼓楼 江北 院区 那边",
        "苏果 在 仙林 的 那家 店",
        "同仁堂 在 新街口 那个 分店",
        "苏果 超市 迈皋桥 那 一 家",
        "苏果 超市 在 仙林 那个",
        "鼓楼 医院 回龙桥 院区",
        "鼓楼 医院 在 浦口",
        "江宁 那个 老年 大学",
        "去 河西 的 那个 苏果 超市",
        # Something at the place's gate, not the place.
        "鸡鸣寺 门口 卖 鸭血 粉丝 的 那家",
        # A place named after theirs.
        "鼓楼 广场 那边 走 走",
        "鸡鸣 公园",
    ],
)
def test_a_chinese_place_of_another_name_branch_or_namesake_is_none_of_theirs(text):
    # Read back as understood, the saved one is the worst mistake: no place is better.
    assert heard(text).place is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("去 鸡鸣寺", "鸡鸣寺"),
        ("鸡鸣寺 烧 香", "鸡鸣寺"),
        ("去 寺 里 烧 香", "鸡鸣寺"),
        ("去 鼓楼 医院 心内科", "鼓楼医院"),
        ("鼓楼 医院 那边", "鼓楼医院"),
        ("中山路 那个 医院", "鼓楼医院"),
        ("鼓楼 医院 在 中山路", "鼓楼医院"),
        ("去 苏果 那个 店", "苏果超市"),
        ("苏果 在 中华路 那家", "苏果超市"),
        ("苏果 连锁 中华路 那个", "苏果超市"),
        ("去 医院 呃 就是 中山路 那个", "鼓楼医院"),
        ("珠江路 的 那个 老年 大学", "玄武老年大学"),
        ("去 老年 大学", "玄武老年大学"),
        ("同仁堂 药店 拿 药", "同仁堂药店"),
        ("去 鸡鸣寺 门口", "鸡鸣寺"),
        ("鸡鸣寺 门口 等 我", "鸡鸣寺"),
        ("去 儿子 家", "儿子家"),
    ],
)
def test_a_chinese_place_said_by_its_own_name_kind_street_or_branch_words_is_that_place(
    text, meant
):
    intent = heard(text)
    assert intent.kind == "place"
    assert intent.place is not None and intent.place.label == meant
