"""Chinese callers' requests set O missed or misplaced, tested with sentences written here in other
dialects and towns: another place sharing a preset's head (米公祠, 湘雅二, 市医院, 老年公寓), a
relative's home named in dialect (妹崽, 孙崽), verb-final speech (协会去), a home named by who lives
there, a preset named by its errand and part of its name, and status and family asked plainly."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 7, 2, 30, tzinfo=datetime.UTC)

XIANGYANG = [
    {"id": 1, "label": "家", "address": "湖北省襄阳市樊城区前进路88号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "中心医院",
        "address": "湖北省襄阳市襄城区荆州街136号襄阳市中心医院",
        "aliases": ["荆州街医院"],
    },
    {
        "id": 3,
        "label": "米公菜场",
        "address": "湖北省襄阳市樊城区米公路米公菜市场",
        "aliases": ["菜场", "米公市场"],
    },
    {"id": 4, "label": "女儿家", "address": "湖北省襄阳市襄城区檀溪路12栋", "aliases": ["小芳家"]},
    {
        "id": 5,
        "label": "老年活动中心",
        "address": "湖北省襄阳市樊城区前进路社区老年活动中心",
        "aliases": ["活动中心", "老年中心"],
    },
]
XIANGYANG_FAMILY = [
    {"name": "张小芳", "relation": "daughter"},
    {"name": "张建国", "relation": "son"},
]
YANJI = [
    {"id": 1, "label": "家", "address": "吉林省延吉市公园路368号", "aliases": ["我家"]},
    {
        "id": 2,
        "label": "延边医院",
        "address": "吉林省延边朝鲜族自治州延吉市局子街1327号延边大学附属医院",
        "aliases": ["延大医院"],
    },
    {
        "id": 3,
        "label": "女儿家",
        "address": "吉林省延吉市河南街道延新小区7栋",
        "aliases": ["英子家"],
    },
    {
        "id": 4,
        "label": "老人协会",
        "address": "吉林省延吉市公园路公园街道老年协会",
        "aliases": ["老年协会", "协会"],
    },
]
YANJI_FAMILY = [{"name": "李英子", "relation": "daughter"}, {"name": "李东哲", "relation": "son"}]
GUILIN = [
    {"id": 1, "label": "家", "address": "广西桂林市秀峰区丽君路56号", "aliases": ["屋头"]},
    {"id": 2, "label": "儿子家", "address": "广西桂林市七星区七星路漓江花园8栋", "aliases": []},
    {"id": 3, "label": "附院", "address": "广西桂林市秀峰区乐群路15号", "aliases": ["乐群路医院"]},
]
GUILIN_FAMILY = [{"name": "李建华", "relation": "son"}, {"name": "李小燕", "relation": "daughter"}]
CHANGSHA = [
    {"id": 1, "label": "家", "address": "芙蓉区五一大道88号", "aliases": ["屋里"], "is_home": 1},
    {"id": 2, "label": "湘雅医院", "address": "开福区湘雅路87号", "aliases": ["医院", "湘雅"]},
    {"id": 3, "label": "步步高超市", "address": "五一大道200号", "aliases": ["超市"]},
    {"id": 4, "label": "女儿家", "address": "岳麓区麓山路12号", "aliases": ["丽华家"]},
    {"id": 5, "label": "老年活动中心", "address": "天心区解放西路5号", "aliases": ["活动中心"]},
]
CHANGSHA_FAMILY = [
    {"name": "王丽华", "relation": "daughter"},
    {"name": "李建国", "relation": "son"},
]

xiangyang = speaker("zh", XIANGYANG, XIANGYANG_FAMILY, now=NOW, timezone="Asia/Shanghai")
yanji = speaker("zh", YANJI, YANJI_FAMILY, now=NOW, timezone="Asia/Shanghai")
guilin = speaker("zh", GUILIN, GUILIN_FAMILY, now=NOW, timezone="Asia/Shanghai")
changsha = speaker("zh", CHANGSHA, CHANGSHA_FAMILY, now=NOW, timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    ("caller", "text"),
    [
        (xiangyang, "去 米公祠 看 哈 展览"),
        (xiangyang, "米公 亭 那里 转 一 转"),
        (yanji, "延吉 市 医院 去 那个 市 医院"),
        (xiangyang, "去 襄阳 市 医院"),
        (changsha, "去 湘雅 二"),
        (changsha, "送 我 到 湘雅 三"),
        (changsha, "去 老年 公寓"),
        (changsha, "到 老年 养老院 看 个 人"),
    ],
)
def test_another_place_sharing_a_presets_head_is_none_of_theirs(caller, text):
    assert where(caller(text)) is None


@pytest.mark.parametrize(
    "text", ["我 妹崽 屋头 小燕 那点", "去 我 女崽 屋头", "去 我 妹崽 那里 耍 一下"]
)
def test_a_daughter_called_mei_zai_is_no_son(text):
    assert where(guilin(text)) is None


@pytest.mark.parametrize(
    "text", ["莫 去 医院 了 我 去 看 孙崽 去 我 崽 屋头", "去 看 孙崽 在 我 崽 那里"]
)
def test_a_grandson_called_sun_zai_is_seen_at_the_sons(text):
    assert where(guilin(text)) == "儿子家"


@pytest.mark.parametrize(
    ("caller", "text", "label"),
    [
        (xiangyang, "我 去 看 外孙 到 我 女儿 那里", "女儿家"),
        (xiangyang, "想 去 看看 外孙女 去 小芳 那里", "女儿家"),
        (xiangyang, "去 找 外孙 他 住 他 妈妈 那里", "女儿家"),
        (changsha, "去 看 孙子 去 我 儿子 那里", None),
        (guilin, "我 要 去 看 孙女 她 住 她 爸爸 那里", "儿子家"),
        (guilin, "去 看 孙女 在 她 爸 屋头", "儿子家"),
        (xiangyang, "去 看 外孙 在 他 爸爸 那里", None),
        (xiangyang, "去 看 老伴 住 院", None),
    ],
)
def test_a_grandchild_visited_is_at_their_parents_home(caller, text, label):
    assert where(caller(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("英子 家 去 外孙 看 去", "女儿家"),
        ("协会 去 今天 老 朋友 生日 宴会 有", "老人协会"),
        ("老年 协会 去 下午 跳舞 有", "老人协会"),
        ("延大 医院 去 药 拿", "延边医院"),
    ],
)
def test_a_place_said_before_its_going_in_verb_final_speech_is_where(text, label):
    assert where(yanji(text)) == label


@pytest.mark.parametrize("text", ["女儿 去 接 我", "英子 搬 到 河南 去 了"])
def test_a_person_said_before_going_is_who_goes_not_where(text):
    assert where(yanji(text)) is None


@pytest.mark.parametrize(
    ("caller", "text", "kind"),
    [
        (yanji, "什么 再 一 遍 说", "repeat"),
        (yanji, "再 一 遍 讲", "repeat"),
        (yanji, "人 换 一下 真 的 人", "operator"),
        (yanji, "真 的 人 跟 说 话", "operator"),
        (xiangyang, "车 么样 还 冒 来 啊", "status"),
        (xiangyang, "司机 还 冒 到", "status"),
        (guilin, "好久 来 啊 我 在 门口 等 好 久 了", "status"),
        (guilin, "我 在 楼下 等 了 半天 了", "status"),
        (xiangyang, "找 哈 我 儿子 建国 嘛 让 他 跟 你 说", "family"),
        (guilin, "喊 哈 我 女儿 小燕", "family"),
        (yanji, "哎古 今天 雪 下 得 真 多", "unknown"),
        (changsha, "今天 雨 下 得 好 大 哦", "unknown"),
        (xiangyang, "你 讲 么斯 啊", "repeat"),
        (xiangyang, "么斯 你 说 么斯 我 冒 听 到", "repeat"),
    ],
)
def test_answers_said_the_regional_way(caller, text, kind):
    assert caller(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "我 到 老年 中心 那里 去 他们 今天 讲 么斯 养生 的",
        "去 活动 中心 听 人家 说 什么 保健 的",
    ],
)
def test_what_someone_else_talks_about_is_no_asking_again(text):
    intent = xiangyang(text)
    assert (intent.kind, where(intent)) == ("place", "老年活动中心")


QUANZHOU = [
    {"id": 1, "label": "家", "address": "福建省泉州市鲤城区中山中路水门巷18号", "aliases": []},
    {"id": 2, "label": "第一医院", "address": "福建省泉州市鲤城区东街250号", "aliases": ["一院"]},
    {
        "id": 3,
        "label": "老范志药店",
        "address": "福建省泉州市鲤城区中山中路老范志药店",
        "aliases": ["老范志", "药店"],
    },
]
quanzhou = speaker("zh", QUANZHOU, [{"name": "林志明", "relation": "son"}], now=NOW)


@pytest.mark.parametrize(
    ("caller", "text", "label"),
    [
        (xiangyang, "就 我 平时 买 菜 的 那个 地方 米公 那里 嘛", "米公菜场"),
        (xiangyang, "我 常 买 菜 的 那个 地方 米公 那边", "米公菜场"),
        (quanzhou, "药店 啦 中山 路 那个 老 药店 买 药膏", "老范志药店"),
        (quanzhou, "药店 中山路 那个 老 药店 拿 药", "老范志药店"),
        (xiangyang, "复查 嘛 还是 上 回 那个 中心 医院 找 那个 王 医生", "中心医院"),
        (xiangyang, "还是 上次 那个 中心 医院", "中心医院"),
        (quanzhou, "一院 复查 夜儿个 大夫 叫 俺 今儿个 再 去 一 趟", "第一医院"),
        (quanzhou, "一院 看 病 昨天 医生 叫 我 今天 再 去 一 趟", "第一医院"),
    ],
)
def test_a_preset_named_by_its_errand_and_part_of_its_name(caller, text, label):
    assert where(caller(text)) == label


@pytest.mark.parametrize(
    ("caller", "text"),
    [
        (xiangyang, "那个 双流 那边 的 中心 医院"),
        (quanzhou, "东街 那个 新 药店"),
        (quanzhou, "昨天 去 过 一院 了"),
    ],
)
def test_a_preset_said_elsewhere_or_been_to_is_still_none(caller, text):
    assert where(caller(text)) is None


def test_when_they_come_for_a_ride_somewhere_books_it_and_is_no_status():
    intent = changsha("明天 几 时 来 接 我 去 医院")
    assert (intent.kind, where(intent), intent.when and intent.when["local"]) == (
        "place",
        "湘雅医院",
        "2026-12-08 09:00",
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("切 了 手指 要 去 医院", "湘雅医院"),
        ("切 菜 切 到 手 了 要 去 医院", "湘雅医院"),
        ("医院 叫 我 去 复查 我 女儿 带 我 去", "湘雅医院"),
        ("去 超市 不 是 去 医院", "步步高超市"),
        ("到 活动 中心 不 是 到 医院", "老年活动中心"),
        ("去 医院 哎 不 是 去 超市", "步步高超市"),
    ],
)
def test_red_team_rides_go_where_the_caller_goes(text, label):
    assert where(changsha(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "我 女儿 二号 回来",
        "我 儿子 十五 号 回来",
        "超市 打 电话 说 送 货 上 门",
        "药店 打 电话 说 药 给 我 送 过来",
    ],
)
def test_someone_coming_back_or_a_delivery_books_nothing(text):
    intent = changsha(text)
    assert (intent.kind, where(intent)) == ("unknown", None)


# The red team on this stop's rules: waiting at the door and then asking for a car booked nothing;
# "when do you come for me" with nothing after 去 was no status; a long wait said with the ride's
# destination booked a second ride; and "not A, it is B" lost B.
@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("门口 等 好久 了 叫 个 车 去 医院", "place", "湘雅医院"),
        ("门口 等 好久 了", "status", None),
        ("几时 来 接 我 去", "status", None),
        ("几时 来 接 我 去 啊", "status", None),
        ("你们 几时 来 接 我 去 医院 我 等 好久 了", "status", None),
        ("明天 几时 来 接 我 去 医院", "place", "湘雅医院"),
    ],
)
def test_a_wait_asks_where_the_car_is_and_a_car_asked_for_after_it_is_booked(text, kind, label):
    heard = changsha(text)
    assert (heard.kind, where(heard)) == (kind, label)


def test_not_a_then_it_is_b_goes_to_b():
    heard = changsha("去 医院 不 是 去 湘雅 是 去 中医院")
    assert (heard.kind, where(heard), heard.address) == ("address", None, "中医院")
