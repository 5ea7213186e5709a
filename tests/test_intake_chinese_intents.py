"""Chinese answers that are no place, as Vosk writes them (words apart, sometimes oddly): a call to
family in any order, the car's when, a menu number said twice with particles, not having heard in
dialect, a person to speak to, a yes that books, and remarks on the weather or trailing thoughts
that answer nothing."""

import datetime

import pytest

from tests.speaking import speaker

PLACES = [
    {"id": 1, "label": "家", "address": "姑苏区干将路1号", "aliases": ["我家"], "is_home": 1},
    {"id": 2, "label": "市中医院", "address": "沧浪路18号", "aliases": ["中医院"]},
    {"id": 3, "label": "东街菜市场", "address": "东街20号", "aliases": ["菜场"]},
    {"id": 4, "label": "儿子家", "address": "人民路8号", "aliases": ["建国家"]},
    {"id": 5, "label": "寒山寺", "address": "寒山寺弄24号", "aliases": []},
    {"id": 6, "label": "苏州市老年大学", "address": "十全街3号", "aliases": ["老年大学"]},
]
CONTACTS = [
    {"name": "王建国", "relation": "son"},
    {"name": "王丽丽", "relation": "daughter"},
    {"name": "林晓梅", "relation": "daughter-in-law"},
]
NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


chinese = speaker("zh", PLACES, CONTACTS, now=NOW, menu_size=len(PLACES))


@pytest.mark.parametrize(
    "text",
    [
        "帮 我 打 给 阿梅",  # 晓梅, called by the last character of her given name
        "帮 我 打 电话 给 阿丽",  # 丽丽
        "打 个 电话 给 小丽",
        "我 儿子 建国 电话 帮 我 接 过去",  # the person first, the phone after
        "接 通 我 儿子 建国",
        "帮 我 接 通 丽丽 的 电话",
        "喊 丽丽 接 一下 电话",
        "叫 建国 接 个 电话",
        "电话 转 给 我 女儿",
        "帮 我 喊 晓梅 一下 我 跟 她 讲",
    ],
)
def test_a_contact_with_a_phone_word_in_any_order_is_family(text):
    assert chinese(text).kind == "family"


def test_being_put_through_to_the_son_is_no_ride_to_his_house():
    intent = chinese("把 我 接 到 建国 电话 上")
    assert (intent.kind, intent.place) == ("family", None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("叫 个 车 到 建国 家", "place"),
        ("你们 这个 电话 好 难 打", "unknown"),
    ],
)
def test_a_phone_or_a_name_alone_calls_nobody(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "那个 司机 几 时 来 啊",
        "司机 几 点 钟 到 的",
        "车 可 来 了 啊",  # Jianghuai 可: a yes-no question
        "车子 阿 来 哉",  # Suzhou 阿, the same question
        "司机 甚 时候 到",  # Jin 甚: what
        "师傅 啥 时候 过来",
        "车 多会儿 能 到",
    ],
)
def test_when_the_car_or_driver_comes_is_status(text):
    assert chinese(text).kind == "status"


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("一 一 第 一 个", 1),
        ("二 哇 第 二 个", 2),
        ("第 二 个 哇", 2),
        ("就 三 号 那 个 啰", 3),
        ("头 一 个 吧 一", 1),
        ("第 一 个 好 了", 1),
        ("四 号 就 行", 4),
        ("那 就 五 号 呗", 5),
    ],
)
def test_one_number_with_particles_around_it_is_a_menu_choice(text, choice):
    intent = chinese(text)
    assert (intent.kind, intent.choice) == ("menu", choice)


@pytest.mark.parametrize(
    "text",
    [
        "么里 么里 冇 听 清",  # Nanchang: what? didn't hear
        "解 不 下 你 说 甚 咧",  # Jin: I don't follow what you said
        "冇 听 到 啊",
        "我 没 有 听 清 楚",
        "你 讲 么里",
        "听 唔 明 你 讲 乜嘢",
        "没 听 真",
        "啥 啥",  # what? what?
    ],
)
def test_hearing_trouble_in_dialect_is_repeat_never_no(text):
    assert chinese(text).kind == "repeat"


@pytest.mark.parametrize(
    "text",
    [
        "找 个 接 电话 的 小 嫚 来",  # Qingdao: a young woman who answers phones
        "恁 给 俺 找 个 接线 的 人",
        "喊 个 人 来 接 一下",
        "叫 个 姑娘 来 跟 我 说",
        "换 个 人 来 讲",
    ],
)
def test_asking_for_a_person_to_speak_to_is_operator(text):
    assert chinese(text).kind == "operator"


@pytest.mark.parametrize("text", ["中 中 订 吧", "成 成 就 订 了 吧", "嗯 嗯 订 吧"])
def test_a_lone_yes_with_book_it_is_yes(text):
    assert chinese(text).kind == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "今天 好 冷 哦 苏州 都 冷 成 这样",  # the town is where it is cold, no ride there
        "今天 这 风 刮 的 杠 冷",
        "今天 风 危险 大",
        "今儿 冷 的 了 不 得",
        "哎呀 今儿 个 天 真 冷 啊 杠 冷",
        "今天 冷 得 不行",
        "我 是 想 那个 那个",
        "对 那个 叫 什么 来着",
    ],
)
def test_a_remark_or_a_trailing_thought_answers_nothing(text):
    intent = chinese(text)
    assert (intent.kind, intent.place, intent.when) == ("unknown", None, None)


def test_a_remark_on_the_weather_still_lets_a_ride_be_asked_for():
    intent = chinese("今天 好 冷 哦 送 我 去 老年大学")
    assert (intent.kind, intent.place.label) == ("place", "苏州市老年大学")


@pytest.mark.parametrize("text", ["要 得 不", "要得 不", "可以 不", "好 不 啦", "中 不"])
def test_a_yes_word_ending_in_not_asks_a_question(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize("text", ["上 不 上 医院", "俺 克 不 克 医院 啊"])
def test_go_or_not_in_dialect_is_a_question_not_an_address(text):
    intent = chinese(text)
    assert (intent.kind, intent.address) == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("寒山寺 今天 关 门 的 嘛 不 去 了", "unknown"),
        ("我 昨天 去 了 菜场 今天 就 不 去 了", "unknown"),
        ("明天 不 去 了", "cancel"),
        ("明天 去 医院 那 个 车 不 去 了", "cancel"),
    ],
)
def test_a_place_not_gone_to_today_calls_no_ride_off(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("伓 是", "no"),  # Fuzhou 伓: not
        ("无 是", "no"),  # Min 无是: it isn't
        ("无 要 啦", "no"),
        ("无 问题", "yes"),
        ("就 实 梗 吧", "yes"),  # Suzhou: just like that
        ("我 听 伓 着", "repeat"),
        ("你 讲 乜", "repeat"),  # Cantonese, Hainan: what
        ("车子 哪能 还 朆 来", "status"),  # Suzhou: why has it not come
        ("车 还 未 来", "status"),
        ("寻 个 人 来 听", "operator"),  # Wu, Min: find someone
        ("今儿 嘎嘎 冷", "unknown"),  # the Northeast: very cold
        ("今朝 冷 煞 哉", "unknown"),
    ],
)
def test_min_wu_and_northeastern_words_answer_as_in_mandarin(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我 要 跟 我 女儿 通 话", "family"),
        ("打 我 儿子 手机", "family"),
        ("拨 给 我 闺女", "family"),
        ("司机 还 要 几 分钟", "status"),
        ("车子 到 了 伐", "status"),  # Wu 伐: a question
        ("车 来 了 不", "status"),
        ("听 无 啦", "repeat"),  # Minnan: I don't follow
        ("叫 你们 领导 来", "operator"),
        ("得 得 得", "yes"),  # a yes said alone, said again
        ("你 是 哪里 的", "unknown"),  # a question back holds 是
        ("吃 了 饭 没 有", "unknown"),  # 没有 after 了 asks
    ],
)
def test_more_ways_to_ask_for_family_the_car_a_person_or_back(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("勿 是", "no"),  # Wu 勿: not
        ("弗 好", "no"),
        ("侬 是 机器 人 伐", "unknown"),  # Wu 伐 asks: no yes in it
        ("那 必须 的", "yes"),  # the Northeast: of course
        ("车 咋 回 事 啊", "status"),
        ("咹", "repeat"),  # Henan: eh?
    ],
)
def test_wu_henan_and_northeastern_answers(text, kind):
    assert chinese(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "给 俺 姑娘 打 个 电话",  # the Northeast: my daughter
        "打 电话 给 依梅",  # Fuzhou 依, as 阿
        "给 我 仔 打 电话",  # Cantonese, Hainan: my son
        "俺 那 孩儿 接 电话",  # Henan: my child
        "给 我 囡 打 电话",  # Wu, Min: my daughter
    ],
)
def test_regional_words_for_a_child_or_a_name_call_family(text):
    assert chinese(text).kind == "family"


def test_a_girl_fetched_to_the_line_is_still_an_operator():
    assert chinese("叫 个 姑娘 来").kind == "operator"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("不 是 不 是 我 不 要 去 那里", "no"), ("我 不 去 那 儿", "unknown")],
)
def test_not_going_there_refuses_the_place_read_back_and_is_no_address(text, kind):
    intent = chinese(text)
    assert (intent.kind, intent.address) == (kind, None)


@pytest.mark.parametrize(
    "text",
    ["我 老 了 记 不 住", "腿 疼 走 不 动", "这 东西 我 搞 不 懂", "我 眼 睛 看 不 清", "对 不 起"],
)
def test_what_the_caller_cannot_do_or_a_sorry_is_no_no(text):
    assert chinese(text).kind == "unknown"


@pytest.mark.parametrize("text", ["不 动", "我 不 要 了", "不 不 不"])
def test_a_plain_no_is_still_a_no(text):
    assert chinese(text).kind == "no"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("车 子 还 有 多 远", "status"),
        ("那 个 司 机 是 不 是 迷 路 了", "status"),
        ("有 没 有 活 人", "operator"),
        ("我 不 跟 电 脑 讲", "operator"),
    ],
)
def test_how_far_the_car_is_or_no_computer_please(text, kind):
    assert chinese(text).kind == kind
