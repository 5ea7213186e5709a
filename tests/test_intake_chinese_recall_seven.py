"""Chinese callers' words sets R and S missed, tested with sentences written here: a menu choice
said with 第 to a senior whose preset holds 第一, a daughter told apart by her birth order from the
one whose home is saved, and more."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "湖南省岳阳市岳阳楼区洞庭南路18号", "aliases": ["屋里"]},
    {
        "id": 2,
        "label": "岳阳市第一人民医院",
        "address": "湖南省岳阳市岳阳楼区东茅岭路39号",
        "aliases": ["一院", "第一人民医院"],
    },
    {
        "id": 3,
        "label": "步步高超市",
        "address": "湖南省岳阳市岳阳楼区巴陵中路66号",
        "aliases": ["步步高", "超市"],
    },
    {
        "id": 4,
        "label": "满女家",
        "address": "湖南省岳阳市君山区柳林洲镇8号",
        "aliases": ["春花家", "大坪那边"],
    },
    {"id": 5, "label": "圣安寺", "address": "湖南省岳阳市岳阳楼区圣安寺", "aliases": ["庙里"]},
    {
        "id": 7,
        "label": "天主堂",
        "address": "湖南省岳阳市岳阳楼区天岳山路12号",
        "aliases": ["教堂"],
    },
    {"id": 6, "label": "老百姓大药房", "address": "湖南省岳阳市巴陵中路80号", "aliases": ["药房"]},
]
CONTACTS = [
    {"name": "周春花", "relation": "daughter"},
    {"name": "周建军", "relation": "son"},
    {"name": "刘伟", "relation": "son-in-law"},
]
NOW = datetime.datetime(2026, 12, 10, 2, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, timezone="Asia/Shanghai", menu_size=7)


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("第一 个", 1),
        ("第 一 个", 1),
        ("第一", 1),
        ("呃 二 就 那 第二", 2),
        ("呃 三 就 三 那个", 3),
    ],
)
def test_a_menu_choice_is_no_preset_holding_its_ordinal(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


@pytest.mark.parametrize("text", ["第一 人民 医院", "去 一 院", "呃 第一 人民 医院"])
def test_the_preset_named_with_its_ordinal_is_still_the_preset(text):
    assert where(chinese(text)) == "岳阳市第一人民医院"


@pytest.mark.parametrize("text", ["去 我 大 女儿 屋头", "去 我 大 女儿 家"])
def test_another_daughter_by_birth_order_is_not_the_saved_one(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["去 我 女儿 屋头", "去 春花 家", "去 满女 家"])
def test_the_saved_daughter_is_still_hers(text):
    assert where(chinese(text)) == "满女家"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("照 照 照 就 这么 订", "yes"),
        ("嗯呐 妥 了 就 这么 整", "yes"),
        ("嗯那 订 吧", "yes"),
        ("好 就 这么 订", "yes"),
        ("不 对 哦 不 是 那个 地方", "no"),
        ("不对 哦 不 是 这个", "no"),
        ("车子 多晚 来 啊", "status"),
        ("那 车 多暂 来 啊", "status"),
        ("车 子 到 啦 哪里 了", "status"),
        ("喂 你 系 边 个 啊", "unknown"),
        ("你 是 边 位 啊", "unknown"),
    ],
)
def test_dialect_answers_and_questions(text, kind):
    assert chinese(text).kind == kind


def test_a_correction_ending_in_a_no_word_still_corrects():
    assert where(chinese("超市 哦 不 去 药房")) == "老百姓大药房"


@pytest.mark.parametrize(
    "text", ["步步高 大 世界 那个 我 去 买 衣裳", "去 步步高 商场 买 东西", "步步高 广场 看看"]
)
def test_another_store_of_the_same_name_head_is_not_the_saved_one(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize("text", ["去 步步高 买 点 菜", "步步高 超市"])
def test_the_saved_store_by_its_name_head_is_still_it(text):
    assert where(chinese(text)) == "步步高超市"


@pytest.mark.parametrize(
    "text",
    [
        "中央 大街 三 段 四十 六 号",
        "古塔 区 北京 路 二 段 一百 一十 八 号",
        "霞山 区 人民 大道 南 一百 零 五 号",
    ],
)
def test_a_road_said_with_its_section_or_end_before_the_number_is_an_address(text):
    assert chinese(text).kind == "address"


@pytest.mark.parametrize("text", ["家 克 我 要 家 克", "家 克 了"])
def test_ke_said_after_home_goes_home(text):
    assert where(chinese(text)) == "家"


@pytest.mark.parametrize("text", ["礼拜天 了 我 要 克 望 弥撒", "我 要 去 做 弥撒", "去 做 礼拜"])
def test_attending_mass_or_service_is_at_the_church(text):
    assert where(chinese(text)) == "天主堂"


COAST = [
    {"id": 1, "label": "家", "address": "福建省泉州市鲤城区新华路20号", "aliases": ["厝里"]},
    {
        "id": 2,
        "label": "泉州市第一医院",
        "address": "福建省泉州市鲤城区东街250号",
        "aliases": ["一院", "公园路医院"],
    },
    {
        "id": 3,
        "label": "鲤城天后宫",
        "address": "福建省泉州市鲤城区南门天后路1号",
        "aliases": ["天后宫"],
    },
    {
        "id": 4,
        "label": "妹妹阿红家",
        "address": "福建省泉州市丰泽区东海花园5栋",
        "aliases": ["阿红屋企", "丰泽阿红"],
    },
    {"id": 5, "label": "开元寺", "address": "福建省泉州市鲤城区西街176号", "aliases": ["寺里"]},
    {"id": 6, "label": "天主堂", "address": "福建省泉州市鲤城区中山路6号", "aliases": ["教堂"]},
]
COAST_CONTACTS = [
    {"name": "陈阿红", "relation": "sister"},
    {"name": "林志明", "relation": "son"},
    {"name": "黄伟", "relation": "son-in-law"},
]
coastal = speaker("zh", COAST, COAST_CONTACTS, now=NOW, timezone="Asia/Shanghai", menu_size=6)


@pytest.mark.parametrize(
    "text",
    [
        "去 丰泽 天后宫",
        "不 是 天主堂 是 那个 基督 教堂 我 妹妹 信 那个",
        "去 基督 教堂",
        "上 鲤城 公园 溜达 去",
        "上 清源山 那个 观音 阁 烧 香 去",
        "去 普陀 烧 香",
        "阿红 个 女 嫁 去 晋江 去 佢 屋企",
    ],
)
def test_another_place_of_the_kind_is_no_preset(text):
    assert where(coastal(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 天后宫", "鲤城天后宫"),
        ("去 鲤城 天后宫", "鲤城天后宫"),
        ("去 教堂", "天主堂"),
        ("去 寺里 烧 香", "开元寺"),
        ("烧 香 去", "开元寺"),
        ("去 阿红 屋企", "妹妹阿红家"),
        ("丰泽 东海 花园 我 妹 屋企", "妹妹阿红家"),
        ("公园路 医院", "泉州市第一医院"),
    ],
)
def test_the_preset_of_the_kind_is_still_it(text, label):
    assert where(coastal(text)) == label


@pytest.mark.parametrize("text", ["找 我 姑爷 黄伟", "帮 我 搵 我 仔 志明", "搵 志明"])
def test_calling_family_said_in_dialect(text):
    assert coastal(text).kind == "family"


def test_looking_for_a_friend_where_the_caller_goes_is_no_call():
    assert coastal("去 学校 找 我 老 同学").kind != "family"


@pytest.mark.parametrize("text", ["今儿 冷 得 很", "今儿 热 得 很"])
def test_a_remark_on_the_cold_is_no_time(text):
    assert chinese(text).kind == "unknown"


def test_a_day_at_a_place_of_none_of_theirs_is_no_time():
    intent = chinese("老年 大学 我 报 了 书法 班 今朝 上 课")
    assert (intent.kind, where(intent)) == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "label"), [("买 菜 克 超市", "步步高超市"), ("看病 上 一 院", "岳阳市第一人民医院")]
)
def test_the_go_verb_in_dialect_after_the_errand(text, label):
    assert where(chinese(text)) == label
