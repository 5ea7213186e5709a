"""Chinese callers' requests set K showed missed, tested with sentences written here: a hospital
whose label says so only by an abbreviation (一附院, 二院), weather and feelings that are no time,
praise that is no yes, regional yeses (中, 嗯哪), family called by phone, and a preset said by what
it is known for with a local word for "there"."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "涧西区长春路11号", "aliases": ["家"]},
    {"id": 2, "label": "郑大一附院", "address": "二七区建设东路1号", "aliases": ["一附院"]},
    {"id": 3, "label": "丹尼斯超市", "address": "花园路8号", "aliases": ["超市"]},
    {"id": 4, "label": "秀兰家", "address": "芙蓉路300号", "aliases": ["闺女家"]},
    {"id": 5, "label": "大相国寺", "address": "自由路36号", "aliases": ["相国寺"]},
    {"id": 6, "label": "张仲景大药房", "address": "长春路20号", "aliases": ["药房"]},
]
CONTACTS = [
    {"name": "刘秀兰", "relation": "daughter"},
    {"name": "刘克明", "relation": "son"},
    {"name": "刘磊", "relation": "grandson"},
]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


def _with_hospital(label: str) -> list[dict]:
    """Return the places with the hospital relabelled."""
    return [dict(place, label=label) if place["id"] == 2 else place for place in PLACES]


@pytest.mark.parametrize(
    "text",
    [
        "俺 这 腿 疼 嘞 去 医院 瞧 瞧",
        "嗯 今朝 先 到 医院 去 一 趟 看 毛病 啊",
        "送 我 上 医院",
        "我 要 去 医院 拿 药",
        "医院 跑 一 趟",
        "今天 去 看 毛病",
    ],
)
@pytest.mark.parametrize("label", ["郑大一附院", "市一院", "附一院东院区", "医大二院", "中医院"])
def test_a_hospital_named_by_an_abbreviation_is_the_hospital(text, label):
    intent = chinese(text, places=_with_hospital(label))
    assert (intent.kind, where(intent)) == ("place", label)


@pytest.mark.parametrize(
    "text",
    ["去 市 医院", "去 口腔 医院", "去 人民 医院", "去 中医院", "去 省 医院 看 看"],
)
def test_another_hospital_is_not_the_abbreviated_one(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["去 医院 瞧 瞧", "到 医院 去 一 趟 看 毛病", "我 要 去 看病"])
def test_two_hospitals_leave_the_hospital_unsaid(text):
    places = [*PLACES, {"id": 7, "label": "市一院", "address": "解放路3号", "aliases": []}]
    assert where(chinese(text, places=places)) is None


@pytest.mark.parametrize(
    "text",
    [
        "今天 有 点 凉 哦 要 穿 外套",
        "今 个 这 天 血 冷 刮 大 风",
        "今儿 有些 冻 起风 了",
        "今朝 变天 了 降温 了",
        "我 今天 腿 疼",
        "俺 今个 腰 疼 嘞",
        "今朝 头 有点 晕",
    ],
)
def test_weather_and_feelings_name_no_time(text):
    intent = chinese(text)
    assert (intent.kind, intent.when) == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("今天 下午 两 点", "time"),
        ("今天 腿 疼 去 一附院", "place"),
        ("今天 有点 冷 明天 去 相国寺", "place"),
        ("建设 东路 那个 医院 我 今朝 要 去 配 药", "place"),
        ("建设 东路 的 医院", "place"),
    ],
)
def test_a_day_said_with_a_request_is_kept(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "我 那个 孙子 考试 考 得 好 哦",
        "昨晚 睡 得 挺 好",
        "孙女 学习 好 着 呢",
        "闺女 对 我 可 好 了",
        "俺 儿子 工作 可以",
    ],
)
def test_praise_or_news_is_no_yes(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "好",
        "好 的",
        "好 哦 叫 吧",
        "我 觉得 行",
        "晓得 了 好 的",
        "没得事 你 帮 我 订 嘛",
        "得 得 得 就 这样 帮 我 订",
        # Regional yeses said alone or with a word that books.
        "中 中 中 就 这",
        "中 嘞 叫 吧",
        "中 就 这样",
        "嗯哪 整 吧",
        "嗯呐 就 这么 办",
        "成 成 叫 吧",
    ],
)
def test_a_yes_is_heard(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(("text", "kind"), [("中医院", "unknown"), ("中 叫 俺 闺女", "family")])
def test_zhong_inside_other_words_is_no_yes(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "给 俺 孙子 磊磊 打 过去",
        "给 俺 闺女 打 过去",
        "给 秀兰 拨 过去",
        "电话 给 我 儿子 打 过去",
        "给 我 儿子 打 一下",
    ],
)
def test_a_call_put_through_to_a_relative_is_family(text):
    assert chinese(text).kind == "family"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("就 一附院 那 旮", "郑大一附院"),
        ("就 相国寺 那 嘎达", "大相国寺"),
        ("相国寺 那 疙瘩 人 多 我 上 那 去", "大相国寺"),
        ("超市 那 块儿 菜 便宜 我 去 那 儿", "丹尼斯超市"),
        ("就 药房 吧", "张仲景大药房"),
    ],
)
def test_a_place_said_with_a_local_there_is_found(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize("text", ["就 人民 医院 那 旮", "北京 路 那 嘎达 超市 我 上 那 去"])
def test_another_place_said_with_a_local_there_is_none(text):
    assert where(chinese(text)) is None
