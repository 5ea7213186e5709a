"""Chinese callers' requests sets K and L missed, tested with sentences written here: a preset whose
name begins with what is also a past word (那天主堂), a street said without its direction word
(建设路 for 建设北路), and the regional go verb 上 after the reason for going ("药吃完了上药房")."""

import datetime

import pytest

from tests.speaking import speaker, where

PLACES = [
    {"id": 1, "label": "家", "address": "河北省保定市竞秀区东风中路20号", "aliases": ["家里"]},
    {
        "id": 2,
        "label": "保定市第一中心医院",
        "address": "河北省保定市莲池区长城北大街320号",
        "aliases": ["一中心"],
    },
    {"id": 3, "label": "天主堂", "address": "河北省保定市莲池区裕华西路9号", "aliases": ["教堂"]},
    {"id": 4, "label": "天后宫", "address": "广东省汕头市升平路老妈宫", "aliases": ["妈祖庙"]},
    {
        "id": 5,
        "label": "惠友超市",
        "address": "河北省保定市竞秀区朝阳北大街88号",
        "aliases": ["超市"],
    },
    {
        "id": 6,
        "label": "同仁堂药店",
        "address": "河北省保定市竞秀区五四西路66号",
        "aliases": ["药店"],
    },
    {"id": 7, "label": "儿子家", "address": "辽宁省沈阳市和平区南京北街8号", "aliases": ["大强家"]},
]
CONTACTS = [{"name": "李大强", "relation": "son"}, {"name": "李小红", "relation": "daughter"}]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("去 那 天主堂 做 弥撒", "天主堂"),
        ("俺 要 上 那 天后宫 拜 拜", "天后宫"),
        ("就 那 天后宫", "天后宫"),
    ],
)
def test_a_preset_said_after_na_is_no_past_day(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("五四 路 那个 药店", "同仁堂药店"),
        ("药店 五四 路 上 那个", "同仁堂药店"),
        ("超市 朝阳 大街 那个", "惠友超市"),
        ("朝阳 大街 那 超市 买 点 菜", "惠友超市"),
    ],
)
def test_a_street_said_without_its_direction_is_the_presets(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    ["五四 东路 那个 药店", "药店 朝阳 南大街 那个", "超市 解放 路 那个"],
)
def test_a_street_with_another_direction_is_not_the_presets(text):
    assert where(chinese(text)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("药 快 吃 光 了 上 药店 拿 点", "同仁堂药店"),
        ("米 没了 上 超市", "惠友超市"),
        ("腿 疼 得 不行 上 医院 瞧 瞧", "保定市第一中心医院"),
    ],
)
def test_the_go_verb_shang_after_the_reason_goes_there(text, label):
    assert where(chinese(text)) == label


@pytest.mark.parametrize(
    "text",
    ["俺 就 要 那 第三 个", "我 要 这 头 一 个", "那 第二 个 吧"],
)
def test_a_menu_choice_pointed_at_with_na_is_chosen(text):
    intent = chinese(text)
    assert intent.kind == "menu"


@pytest.mark.parametrize(
    "text",
    ["就 介 么 着 吧", "那 就 这么 地 吧", "那 就 那么 办", "就 那么 着 吧"],
)
def test_a_regional_so_be_it_is_a_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "南京 北街 十二 号 我 去 找 个 人",
        "东风 中路 三十 号 俺 去 找 一个 人",
    ],
)
def test_an_address_to_see_someone_at_asks_no_operator(text):
    assert chinese(text).kind == "address"


@pytest.mark.parametrize(
    "text",
    ["我 要 同 个 人 讲 话", "俺 要 和 个 人 说 两句 你 这 机器 俺 听 不 懂", "跟 个 姑娘 聊 一下"],
)
def test_talking_with_a_person_asks_for_the_operator(text):
    assert chinese(text).kind == "operator"


@pytest.mark.parametrize(
    "text",
    ["把 我 儿子 大强 喊 一下", "你 把 小红 叫 来 我 跟 她 说", "把 俺 闺女 叫过来"],
)
def test_a_relative_fetched_to_the_line_with_ba_is_a_family_call(text):
    assert chinese(text).kind == "family"


@pytest.mark.parametrize(
    "text",
    [
        "闺女 喊 我 去 她 家 过 年",
        "小红 叫 我 上 她 那 吃 饺子",
        "阿拉 囡 叫 我 到 伊 屋里 去",
    ],
)
def test_a_relative_inviting_the_caller_to_her_place_is_her_home(text):
    places = [*PLACES, {"id": 8, "label": "闺女家", "address": "浙江省绍兴市越城区解放北路8号"}]
    assert where(chinese(text, places=places)) == "闺女家"


def test_her_place_after_someone_who_is_no_relative_is_none_of_theirs():
    places = [*PLACES, {"id": 8, "label": "闺女家", "address": "浙江省绍兴市越城区解放北路8号"}]
    assert where(chinese("王 阿姨 叫 我 去 她 家 打 牌", places=places)) is None


@pytest.mark.parametrize(
    "text",
    ["上 大强 那 去 他 给 我 炖 了 鸡", "到 俺 儿子 家 去 孙子 过 生日"],
)
def test_the_closing_qu_of_a_shang_na_qu_frame_leaves_where_before_it(text):
    assert where(chinese(text)) == "儿子家"


SHANTOU = [
    {"id": 1, "label": "家", "address": "广东省汕头市金平区外马路30号", "aliases": ["屋企"]},
    {
        "id": 2,
        "label": "汕头市中心医院",
        "address": "广东省汕头市金平区外马路114号",
        "aliases": ["中心医院"],
    },
    {"id": 3, "label": "新兴酒楼", "address": "广东省汕头市金平区国平路51号", "aliases": []},
    {"id": 4, "label": "开元寺", "address": "广东省汕头市潮州开元路32号", "aliases": ["寺里"]},
    {
        "id": 5,
        "label": "长平路老年饭堂",
        "address": "广东省汕头市龙湖区长平路88号",
        "aliases": ["老人饭堂"],
    },
    {"id": 6, "label": "工夫茶馆", "address": "广东省汕头市金平区小公园", "aliases": ["茶馆"]},
]
shantou = speaker("zh", SHANTOU, CONTACTS, now=NOW, menu_size=len(SHANTOU))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("饭堂 去 吃 午饭", "长平路老年饭堂"),
        ("酒楼 去 吃 早茶", "新兴酒楼"),
    ],
)
def test_a_kind_said_before_going_to_eat_or_drink_is_the_preset(text, label):
    assert where(shantou(text)) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [("国平 路 个 酒楼 饮茶", "新兴酒楼"), ("长平 路 个 饭堂 吃 饭", "长平路老年饭堂")],
)
def test_a_cantonese_pointer_after_the_street_leads_to_the_preset(text, label):
    assert where(shantou(text)) == label


@pytest.mark.parametrize(
    "text",
    ["去 寺里 烧 个 香 开元寺 那个", "十五 了 去 寺里 拜 个 佛 开元寺 那个"],
)
def test_two_names_of_one_preset_with_the_errand_between_are_it(text):
    assert where(shantou(text)) == "开元寺"


@pytest.mark.parametrize(
    "text",
    ["去 茶馆 跟 老 同学 喝 茶", "到 茶馆 和 我 老伴 坐坐"],
)
def test_whom_the_caller_is_with_there_is_not_whose_place(text):
    assert where(shantou(text)) == "工夫茶馆"


@pytest.mark.parametrize(
    "text",
    ["嗯 去 看 病 哦 腰 又 不 舒服", "去 复查 嘛 血压 高"],
)
def test_an_errand_right_after_qu_then_the_reason_is_the_errands_place(text):
    assert where(shantou(text)) == "汕头市中心医院"


CHAINS = [
    {"id": 1, "label": "家", "address": "辽宁省沈阳市和平区三好街5号", "aliases": []},
    {
        "id": 2,
        "label": "家乐福北行店",
        "address": "辽宁省沈阳市皇姑区北行路20号",
        "aliases": ["家乐福"],
    },
    {"id": 3, "label": "盛京医院", "address": "辽宁省沈阳市和平区三好街36号", "aliases": []},
]


@pytest.mark.parametrize(
    "text", ["家乐福 超市 北行 那个", "上 超市 北行 那 家乐福", "去 超市 买 点 米"]
)
def test_a_chain_store_said_with_supermarket_is_the_store(text):
    assert where(chinese(text, places=CHAINS)) == "家乐福北行店"


def test_another_chain_called_supermarket_is_not_the_store():
    assert where(chinese("去 沃尔玛 超市", places=CHAINS)) is None
