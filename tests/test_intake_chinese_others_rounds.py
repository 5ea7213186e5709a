"""Chinese callers telling of another person's regular round (a spouse's weekly dialysis, a
neighbour's clinic day), said with a dialect go verb (上), 都 before the going, a southern 逢 for
"every" or a Minnan word for the spouse (阮翁, 阮某): no place of the caller's, while the caller's
own trip said the same way keeps its place."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "江苏省徐州市鼓楼区中山北路12号", "aliases": ["俺家"]},
    {
        "id": 2,
        "label": "徐州医科大学附属医院",
        "address": "江苏省徐州市淮海西路99号",
        "aliases": ["附院", "医大附院"],
    },
    {"id": 3, "label": "金鹰超市", "address": "江苏省徐州市彭城路1号", "aliases": ["金鹰"]},
    {"id": 4, "label": "小女儿家", "address": "江苏省徐州市云龙区和平路8号", "aliases": ["小玲家"]},
    {"id": 5, "label": "云龙公园", "address": "江苏省徐州市云龙区", "aliases": ["公园"]},
]
CONTACTS = [{"name": "张小玲", "relation": "daughter"}, {"name": "张建军", "relation": "son"}]
NOW = datetime.datetime(2026, 12, 9, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    [
        # 上 is the northern 去, for another person as for the caller.
        "俺 老伴 礼拜 三 上 附院 拿 药",
        "俺 老伴 上 附院 拿 药",
        "我 家 老头子 每 个 星期 四 上 附院 透析",
        # 都 before the going still tells the other person's round.
        "我 们 老头儿 每 个 星期 三 都 要 去 附院 打 针",
        "我 老伴 礼拜四 都 去 附院 洗 肾",
        "隔壁 王 大妈 每天 都 去 公园",
        # 都是 and 天天 say their habit as 都 does ("他都是去附院").
        "他 都 是 去 附院",
        "他都是去附院拿药",
        "俺 老伴 天天 都 是 去 金鹰",
        "俺 老伴 天天 是 上 公园",
        "他 一般 都 去 附院",
        "俺 老伴 天天 就 去 金鹰",
        # Said verb last, a home named is still theirs to go to every day.
        "他 天天 小玲 家 去",
        "俺老伴天天小女儿那儿去",
        # 逢 is "every" in southern speech.
        "我 老公 逢 礼拜三 去 附院 洗 肾",
        # Minnan 阮翁 (my husband), 阮某 (my wife).
        "阮 翁 礼拜四 要 去 附院 透析",
        "阮 某 礼拜三 要 去 附院 透析 啦",
    ],
)
def test_another_persons_round_names_no_place(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("俺 礼拜 三 上 附院 拿 药", "徐州医科大学附属医院"),
        ("我 每 个 星期 四 都 要 去 附院 透析", "徐州医科大学附属医院"),
        ("我 逢 礼拜三 去 附院 洗 肾 今天 也 要 去", "徐州医科大学附属医院"),
        ("跟 老伴 上 附院", "徐州医科大学附属医院"),
        ("俺 上午 上 附院", "徐州医科大学附属医院"),
        ("老伴 上午 去 过 了 俺 现在 上 金鹰", "金鹰超市"),
        ("阮 要 去 附院 透析", "徐州医科大学附属医院"),
        # Whom the caller goes to see is no one going by 上: the caller goes there.
        ("去 看 俺 外孙 上 俺 小女儿 家 和平路 那块", "小女儿家"),
        ("去 看看 我 孙子 上 小玲 家", "小女儿家"),
        # A great-grandchild (重孙子, 曾孙女) is whom the caller goes to see, as a grandchild is.
        ("去 看 看 我 重孙子 上 小玲 家", "小女儿家"),
        ("去看看我重孙子上小玲家", "小女儿家"),
        ("去 看 我 曾孙女 上 小女儿 家", "小女儿家"),
    ],
)
def test_the_callers_own_round_keeps_its_place(text, place):
    assert where(chinese(text)) == place
