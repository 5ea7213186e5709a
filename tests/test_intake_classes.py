"""The kinds of words the 2026-12 held-out set showed the parser missing, each tested with other
sentences of its kind: corrections in more words, a person "on the line", a time taken back,
errands by what is wanted, letters spelled out, hesitation, hearing trouble."""

import datetime

import pytest

from elderride.intake import parse
from tests.speaking import speaker

PLACES = [
    {"id": 1, "label": "Home", "address": "12 Elm Street", "aliases": [], "is_home": 1},
    {"id": 2, "label": "City Hospital", "address": "400 River Road", "aliases": ["the hospital"]},
    {"id": 3, "label": "Tesco", "address": "9 Park Street", "aliases": ["the supermarket"]},
    {"id": 4, "label": "Boots", "address": "5 Hill Road", "aliases": ["the chemist"]},
    {"id": 5, "label": "Smile Dental", "address": "2 Bay Road", "aliases": []},
    {"id": 6, "label": "YMCA Pool", "address": "1 Lake Drive", "aliases": []},
    {"id": 7, "label": "Tom's house", "address": "8 Ash Close", "aliases": []},
]
FAMILY = [
    {"name": "Tom Chen", "relation": "brother"},
    {"name": "Lily Chen", "relation": "daughter"},
]
CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "西湖区文三路100号", "aliases": [], "is_home": 1},
    {"id": 2, "label": "浙江省人民医院", "address": "上塘路158号", "aliases": []},
    {"id": 3, "label": "女儿家", "address": "滨江区江南大道88号", "aliases": []},
    {"id": 4, "label": "父亲墓地", "address": "钱江陵园", "aliases": []},
]
CHINESE_FAMILY = [{"name": "李娜", "relation": "女儿"}]
NOON = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)


english = speaker("en", PLACES, FAMILY, now=NOON)


chinese = speaker("zh", CHINESE_PLACES, CHINESE_FAMILY, now=NOON)


def understood(intent):
    detail = intent.place.label if intent.place else intent.address
    return f"{intent.kind}:{detail}" if detail else intent.kind


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the hospital no hang on tesco", "place:Tesco"),
        ("tesco hang on the hospital", "place:City Hospital"),
        ("boots actually the hospital", "place:City Hospital"),
        ("the hospital hold on boots", "place:Boots"),
        ("home oh no the hospital", "place:City Hospital"),
        ("i'm sorry to bother you i need the hospital", "place:City Hospital"),
    ],
)
def test_a_correction_in_other_words_takes_the_last_place(text, meant):
    assert understood(english(text)) == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("去 医院 等 一下 回 家", "place:家"),
        ("女儿家 等等 去 医院", "place:浙江省人民医院"),
        # 不不 and 不是不是 stay a no: what follows them is no correction.
        ("不 不 是 这个", "no"),
    ],
)
def test_a_chinese_correction_in_other_words_takes_the_last_place(text, meant):
    assert understood(chinese(text)) == meant


@pytest.mark.parametrize(
    "text", ["get my brother on the line", "put tom on the line", "get lily on the blower"]
)
def test_someone_on_the_line_is_a_call_not_their_place(text):
    assert english(text).kind == "family"


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("the hospital tomorrow at ten no eleven", 11),
        ("the hospital at three no wait four", 16),
        ("at two sorry three to tesco", 15),
    ],
)
def test_a_time_taken_back_is_the_second_one(text, hour):
    intent = english(text)
    assert intent.kind == "place" and intent.when is not None
    assert int(intent.when["local"][11:13]) == hour


def test_a_chinese_time_taken_back_is_the_second_one():
    intent = chinese("明天 上午 九 点 不对 十 点 去 医院")
    assert intent.place is not None and intent.when is not None
    assert intent.when["local"][11:16] == "10:00"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("i need to do the weekly shop", "place:Tesco"),
        ("got to get a few bits from the shops", "place:Tesco"),
        ("i have to collect my prescriptions", "place:Boots"),
        ("my tablets are ready i need to go get them", "place:Boots"),
        ("my tooth is giving me trouble", "place:Smile Dental"),
        ("my dentures need fixing", "place:Smile Dental"),
    ],
)
def test_what_the_caller_needs_finds_the_one_place_of_its_kind(text, meant):
    assert understood(english(text)) == meant


@pytest.mark.parametrize(
    ("text", "meant"), [("给 父亲 扫墓", "place:父亲墓地"), ("去 陵园", "place:父亲墓地")]
)
def test_visiting_a_grave_finds_the_cemetery(text, meant):
    assert understood(chinese(text)) == meant


@pytest.mark.parametrize("text", ["the y m c a", "take me to the y m c a pool please"])
def test_letters_spelled_out_are_one_name(text):
    assert understood(english(text)) == "place:YMCA Pool"


@pytest.mark.parametrize("text", ["i want a b and b", "plan b"])
def test_words_of_one_letter_are_not_joined(text):
    assert english(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [("aye", "yes"), ("go on then", "yes"), ("uh huh", "yes"), ("uh huh yes", "yes")],
)
def test_more_ways_to_say_yes(text, meant):
    assert english(text).kind == meant


@pytest.mark.parametrize(
    ("text", "meant"), [("嗯", "yes"), ("嗯嗯", "yes"), ("嗯 让 我 想 想", "unknown")]
)
def test_a_chinese_hesitation_is_no_yes(text, meant):
    assert chinese(text).kind == meant


@pytest.mark.parametrize("text", ["is the driver close", "how far away is the cab"])
def test_asking_how_near_the_car_is_asks_where_it_is(text):
    assert english(text).kind == "status"


def test_a_place_near_a_car_park_is_no_question_about_the_car():
    assert english("the car park near the hospital").kind != "status"


@pytest.mark.parametrize("text", ["i'm not going anywhere today", "i won't be going after all"])
def test_not_going_after_all_cancels(text):
    assert english(text).kind == "cancel"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("大 点 声", "repeat"),
        ("我 耳朵 不 好", "repeat"),
        ("跟 李娜 通 个 电话", "family"),
        ("我 不 想 跟 机器 说", "operator"),
        ("我 要 跟 人 讲", "operator"),
    ],
)
def test_chinese_hearing_trouble_a_call_and_a_person(text, meant):
    assert chinese(text).kind == meant


@pytest.mark.parametrize(
    "text",
    [
        "i've done my shopping already",
        "i haven't got my prescription yet",
        "my teeth didn't hurt today",
        "i already collected my tablets",
    ],
)
def test_an_errand_done_or_not_due_names_no_place(text):
    assert english(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("not the hospital tesco", "place:Tesco"),
        ("not home the hospital", "place:City Hospital"),
        ("not the hospital", "unknown"),
    ],
)
def test_a_place_refused_is_never_where(text, meant):
    assert understood(english(text)) == meant


def test_a_chinese_change_to_takes_the_new_place():
    assert understood(chinese("女儿家 改 成 医院")) == "place:浙江省人民医院"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("give my brother a bell", "family"),
        ("give lily a ring for me", "family"),
        ("get in touch with my daughter", "family"),
        ("give me a ride to tom's house", "place"),
    ],
)
def test_giving_someone_a_call_is_family_and_a_ride_is_not(text, meant):
    assert english(text).kind == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [("打 电话 回家", "family"), ("给 家里 打 个 电话", "family"), ("打 个 车 回家", "place")],
)
def test_phoning_home_is_family_not_a_ride_home(text, meant):
    assert chinese(text).kind == meant


@pytest.mark.parametrize(
    ("text", "language", "meant"),
    [
        ("you what", "en", "repeat"),
        ("once more please", "en", "repeat"),
        ("slower please", "en", "repeat"),
        ("customer service", "en", "operator"),
        ("没 听 懂", "zh", "repeat"),
        ("听 不 明白", "zh", "repeat"),
        ("慢 一点 说", "zh", "repeat"),
        ("慢 点 开", "zh", "unknown"),
    ],
)
def test_more_hearing_trouble_and_a_person(text, language, meant):
    assert (english(text) if language == "en" else chinese(text)).kind == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("i don't want to go to the hospital", "unknown"),
        ("take me home i don't want to go to the hospital", "place:Home"),
        ("i don't want to go to the hospital take me to tesco", "place:Tesco"),
        ("i'm not sure the hospital i think", "place:City Hospital"),
    ],
)
def test_a_place_the_caller_will_not_go_to_is_never_where(text, meant):
    assert understood(english(text)) == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        # Refusing a place is no answer (the English "i don't want to go to the hospital" is
        # none either): only a caller who begins with a no (不对, 不是) says no.
        ("不 去 医院", "unknown"),
        ("我 不想 去 医院 了", "unknown"),
        ("不 去 医院 了 去 女儿家", "place:女儿家"),
    ],
)
def test_a_place_refused_in_chinese_is_never_where(text, meant):
    assert understood(chinese(text)) == meant


# The kinds of words the 2026-12b held-out set showed the parser missing, each tested with other
# sentences and other places: where the caller was or was promised, a suggestion refused, a family
# member's other places, back to the menu, nowhere in particular, errands, corrections.

MORE_PLACES = [
    *PLACES,
    {"id": 8, "label": "Town Library", "address": "3 Mill Lane", "aliases": []},
    {"id": 9, "label": "Curl Up Salon", "address": "6 Bridge Street", "aliases": []},
    {"id": 10, "label": "Westside Bowls Club", "address": "Green Lane", "aliases": []},
]
MORE_CHINESE_PLACES = [
    *CHINESE_PLACES,
    {"id": 5, "label": "物美超市", "address": "文一路12号", "aliases": []},
    {"id": 6, "label": "社区图书馆", "address": "古翠路8号", "aliases": []},
]


def more(text):
    return parse(text, language="en", places=MORE_PLACES, contacts=FAMILY, now=NOON)


def more_chinese(text):
    return parse(text, language="zh", places=MORE_CHINESE_PLACES, contacts=CHINESE_FAMILY, now=NOON)


@pytest.mark.parametrize(
    "text",
    [
        "i went to the hospital last tuesday and they kept me waiting for hours",
        "we were at tesco yesterday and it was packed",
        "tom said he'd drive me to boots but he never turned up",
        "my son used to take me to the pool every week",
        "i've been to the hospital already this morning",
    ],
)
def test_where_the_caller_was_or_was_promised_is_not_where(text):
    assert understood(more(text)) == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "我 前天 去过 医院 了",
        "上星期 女儿 带 我 去 超市 买 了 好多 东西",
        "我 以前 常 去 图书馆 看 报纸",
    ],
)
def test_where_a_chinese_caller_was_is_not_where(text):
    assert understood(more_chinese(text)) == "unknown"


def test_a_ride_asked_for_after_the_past_is_where():
    assert understood(more("i was at the hospital yesterday now take me to tesco")) == "place:Tesco"
    assert understood(more_chinese("昨天 去过 医院 今天 送 我 去 超市")) == "place:物美超市"


@pytest.mark.parametrize(
    "text",
    [
        "my daughter wants me to go to the hospital but i won't go",
        "tom keeps telling me to see the dentist and i'm not going",
        "i'm not going to the pool today it's far too cold",
        "i'm not going to the pool today thank you that's fine",
    ],
)
def test_a_suggestion_refused_is_no_place_no_yes_and_no_time(text):
    assert more(text).kind not in {"place", "yes", "time"}


@pytest.mark.parametrize("text", ["儿子 让 我 去 超市 我 不 要 去", "我 不 想 去 医院 不 想 去"])
def test_a_chinese_suggestion_refused_is_not_the_place(text):
    # As "不去医院" is: refusing the place is no place and no answer; the question is asked again.
    assert understood(more_chinese(text)) == "unknown"


def test_a_no_before_a_place_refused_is_still_a_no():
    assert understood(more("no i don't want to go to the hospital")) == "no"


@pytest.mark.parametrize(
    "text",
    ["tom's work the factory on the ring road", "lily's office in the town centre", "tom's garage"],
)
def test_a_family_members_other_place_is_not_their_home(text):
    assert more(text).kind != "place"


@pytest.mark.parametrize(
    "text", ["could you get me through to lily", "can you put me through to my brother please"]
)
def test_through_to_a_relative_is_family(text):
    assert understood(more(text)) == "family"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("oh dear i pushed the wrong button", "en"),
        ("can i start again please", "en"),
        ("take me back to the main menu", "en"),
        ("go back", "en"),
        ("i'm all mixed up let's go from the top", "en"),
        ("不好意思 按错 了 重新 开始", "zh"),
        ("回到 菜单", "zh"),
        ("从头 再 来 一次", "zh"),
    ],
)
def test_back_to_the_menu_is_the_menu(text, language):
    intent = more(text) if language == "en" else more_chinese(text)
    assert (intent.kind, intent.choice) == ("menu", None)


@pytest.mark.parametrize(("text", "language"), [("go back home", "en"), ("回去", "zh")])
def test_going_back_home_is_home_not_the_menu(text, language):
    intent = more(text) if language == "en" else more_chinese(text)
    assert understood(intent) in {"place:Home", "place:家"}


@pytest.mark.parametrize(
    "text",
    [
        "anywhere really just to get out of the house for a bit",
        "the house is freezing so i'll stay in",
        "i'm staying home today my house needs cleaning",
    ],
)
def test_nowhere_in_particular_is_not_home(text):
    assert more(text).kind != "place"


@pytest.mark.parametrize(
    "text", ["the bowling alley by the cinema", "the ten pin lanes at the retail park"]
)
def test_another_kind_of_bowling_is_not_the_bowls_club(text):
    assert more(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("i've got library books to take back", "place:Town Library"),
        ("i need my roots doing a new perm maybe", "place:Curl Up Salon"),
        ("my tooth's aching i must see the dentist", "place:Smile Dental"),
        ("tesco no actually the hospital first", "place:City Hospital"),
        ("boots no wait the library instead", "place:Town Library"),
    ],
)
def test_errands_and_corrections_find_the_place(text, meant):
    assert understood(more(text)) == meant


def test_a_chinese_change_of_mind_after_not_going_takes_the_new_place():
    assert understood(more_chinese("去 超市 算 了 不 去 了 还是 去 女儿 家")) == "place:女儿家"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("文一路 十二 号 物美", "place:物美超市"),
        ("上塘路 一百五十八 号 那个 大 医院", "place:浙江省人民医院"),
        ("古翠路 八 号 那个 图书馆", "place:社区图书馆"),
    ],
)
def test_a_chinese_place_named_by_its_street_and_number(text, meant):
    assert understood(more_chinese(text)) == meant


def test_a_street_and_number_with_another_kind_is_not_that_place():
    assert understood(more_chinese("文一路 十二 号 那个 银行")) != "place:物美超市"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("back to my place on elm when we're finished", "place:Home"),
        ("my house on elm street please", "place:Home"),
    ],
)
def test_home_named_by_its_street(text, meant):
    assert understood(more(text)) == meant


def test_a_home_on_another_street_is_not_home():
    assert understood(more("my place on bay road")) != "place:Home"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("i need to go to the hospital i was there yesterday too", "place:City Hospital"),
        ("我 要 去 超市 昨天 没 去 成", "place:物美超市"),
    ],
)
def test_a_ride_asked_for_before_the_past_still_stands(text, meant):
    intent = more(text) if text.isascii() else more_chinese(text)
    assert understood(intent) == meant


@pytest.mark.parametrize(
    "text", ["i'm lost can you pick me up from the top of the hill", "i'm all mixed up today"]
)
def test_being_lost_or_muddled_is_not_the_menu(text):
    assert more(text).kind != "menu"


@pytest.mark.parametrize(
    "text",
    [
        "旁边 的 银行",
        "银行",
        "在 对面",
        "骑 自行车",
        "我 的 行李",
        "他 说 好 多",
        "走 人行道",
        "好像 没 听 清",
        "外面 好 热 啊",
        "我 今天 腿 好 痛",
        "最近 好 忙 哦",
    ],
)
def test_a_word_that_only_holds_a_yes_character_is_not_a_yes(text):
    # Chinese is matched without word spaces: 行 is inside 银行, 对 inside 对面, 好 inside 好多.
    assert chinese(text).kind != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "行",
        "行 啊",
        "对",
        "对 的",
        "好 的",
        "可以",
        "好像 是 这样",
        "对 对面 那个 就 行",
        "好 好 冷 快 走",
    ],
)
def test_a_chinese_yes_is_still_heard_beside_those_words(text):
    assert chinese(text).kind == "yes"


# The kinds of mistakes the 2026-12b set's unseen lines and the list still showed, each
# tested on other seniors' places: a street that is not the place's own, "my place" is home, a
# refusal said without a "no", a decline that only names a day, someone else's trip, an "if", a
# relative's other place, and "back to my place".

OTHER_PLACES = [
    {"id": 1, "label": "Home", "address": "27 Willow Road", "aliases": []},
    {"id": 2, "label": "St Luke's Church", "address": "3 Church Street", "aliases": []},
    {"id": 3, "label": "CVS", "address": "40 Harbor Avenue", "aliases": ["the pharmacy"]},
    {"id": 4, "label": "Hillcrest Hospital", "address": "900 Summit Drive", "aliases": []},
    {"id": 5, "label": "Jenny's flat", "address": "5 Cedar Close", "aliases": []},
    {"id": 6, "label": "Aldi", "address": "12 Market Street", "aliases": ["the supermarket"]},
]
OTHER_FAMILY = [
    {"name": "Jenny Ross", "relation": "daughter"},
    {"name": "Paul Ross", "relation": "son"},
]


def other(text):
    return parse(text, language="en", places=OTHER_PLACES, contacts=OTHER_FAMILY, now=NOON)


@pytest.mark.parametrize(
    "text",
    [
        "the cvs on main street",
        "the pharmacy over on western avenue",
        "the hospital on willow road",
        "the aldi down by fir lane",
        "that hospital in summit avenue",
        "the supermarket on the corner of church street",
        "the church on harbor avenue",
    ],
)
def test_a_place_said_on_a_street_not_its_own_is_not_that_place(text):
    assert other(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the cvs on harbor avenue", "place:CVS"),
        ("the aldi in market street please", "place:Aldi"),
        ("the church on church street", "place:St Luke's Church"),
        ("the hospital up on summit drive", "place:Hillcrest Hospital"),
        ("the pharmacy over on harbor", "place:CVS"),
    ],
)
def test_a_place_said_on_its_own_street_is_still_that_place(text, meant):
    assert understood(other(text)) == meant


@pytest.mark.parametrize(
    "text",
    ["my place on church street", "back to my place on market street", "my house on church st"],
)
def test_home_on_a_street_named_for_a_kind_of_place_is_not_that_place(text):
    # Church Street is a street: "my place" there is not St Luke's, and not Home on Willow Road.
    assert other(text).kind != "place"


@pytest.mark.parametrize(
    "text", ["take me back to my place", "my place please", "back to my place on willow"]
)
def test_my_place_is_home_not_the_menu(text):
    assert understood(other(text)) == "place:Home"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the hospital no not the hospital i don't want to go anywhere today", "unknown"),
        ("aldi no i don't want to go anywhere", "unknown"),
        ("i'd rather not go to the hospital", "unknown"),
        ("not the pharmacy they never have what i need", "unknown"),
        ("no i'm not going to the hospital", "no"),
        ("well no i won't go to the church today", "no"),
    ],
)
def test_a_place_refused_is_no_answer_unless_the_caller_begins_with_no(text, meant):
    assert understood(other(text)) == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("我 不 去 医院", "unknown"),
        ("我 不想 去 超市 不想 去", "unknown"),
        ("女儿 叫 我 去 医院 我 不 要 去", "unknown"),
        ("不对 我 不 去 医院", "no"),
        ("不 不 我 不 去 超市", "no"),
    ],
)
def test_a_chinese_place_refused_is_no_answer_unless_the_caller_begins_with_no(text, meant):
    assert understood(more_chinese(text)) == meant


@pytest.mark.parametrize(
    "text",
    [
        "not today thanks",
        "not today thank you love",
        "i'll give it a miss today",
        "i'm not up to it today",
        "i've changed my mind",
        "maybe another day dear",
        "i'd rather not",
        "not just now thank you",
    ],
)
def test_declining_without_a_no_word_is_a_no_never_a_time(text):
    assert other(text).kind == "no"


@pytest.mark.parametrize("text", ["算了 算了", "改天 吧", "下次 再 说 吧"])
def test_declining_in_chinese_is_a_no(text):
    assert more_chinese(text).kind == "no"


@pytest.mark.parametrize(
    "text", ["i'd rather stay in", "i think i'll stay put today", "i won't be going"]
)
def test_staying_in_is_never_a_place(text):
    assert other(text).kind in {"no", "unknown", "cancel"}


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour went to the hospital this morning",
        "my friend has gone to the supermarket",
        "paul was at the church all day",
        "if i need the pharmacy i'll ring you back",
        "in case i have to go to the hospital later",
    ],
)
def test_someone_elses_trip_or_an_if_is_not_where(text):
    assert other(text).kind != "place"


def test_a_ride_asked_for_after_an_if_is_where():
    assert understood(other("if it's no trouble please take me to aldi")) == "place:Aldi"


@pytest.mark.parametrize(
    "text",
    [
        "我 朋友 去 医院 了",
        "女儿 去 超市 了",
        "他 到 图书馆 去 了",
        "要是 不舒服 我 就 去 医院",
        "如果 下雨 就 不 去 超市 了",
        "万一 摔倒 了 就 去 医院",
    ],
)
def test_someone_elses_trip_or_an_if_in_chinese_is_not_where(text):
    assert more_chinese(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("女儿 陪 我 去 医院", "place:浙江省人民医院"),
        ("跟 女儿 一起 去 超市", "place:物美超市"),
        ("如果 可以 的话 送 我 去 图书馆", "place:社区图书馆"),
    ],
)
def test_going_with_family_or_asking_after_an_if_in_chinese_is_where(text, meant):
    assert understood(more_chinese(text)) == meant


@pytest.mark.parametrize("text", ["去 女儿 单位", "女儿 公司", "去 女儿 学校 接 她"])
def test_a_chinese_relatives_other_place_is_not_their_home(text):
    assert more_chinese(text).kind != "place"


def test_visiting_a_relative_at_a_place_is_that_place_not_their_home():
    assert understood(more_chinese("去 医院 看 女儿")) == "place:浙江省人民医院"


@pytest.mark.parametrize("text", ["jenny's bar", "jenny's shop in town", "paul's work"])
def test_a_relatives_other_place_is_not_their_home_in_english(text):
    assert other(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [("jenny's", "place:Jenny's flat"), ("jenny's flat please", "place:Jenny's flat")],
)
def test_a_relatives_home_is_still_found(text, meant):
    assert understood(other(text)) == meant


TITLED_PLACES = [
    *OTHER_PLACES,
    {"id": 7, "label": "Dental Care", "address": "8 Queen Street", "aliases": ["Dr Shah"]},
]


def titled(text):
    return parse(text, language="en", places=TITLED_PLACES, contacts=OTHER_FAMILY, now=NOON)


@pytest.mark.parametrize(
    "text", ["the doctor's", "i need to see a doctor", "the doctor on queen street"]
)
def test_a_title_alone_names_nobody(text):
    # "Dr Shah" is the dentist: a doctor said without the name is not her.
    assert titled(text).kind != "place"


@pytest.mark.parametrize("text", ["doctor shah", "dr shah's please", "doctor shah on queen street"])
def test_a_title_with_its_name_is_that_place(text):
    assert understood(titled(text)) == "place:Dental Care"


@pytest.mark.parametrize(
    "text", ["jenny's on market street", "paul's over on church street", "my son's on willow road"]
)
def test_a_relative_on_a_street_not_theirs_is_not_their_home(text):
    assert other(text).kind != "place"


def test_a_relative_on_their_own_street_is_their_home():
    assert understood(other("jenny's on cedar close")) == "place:Jenny's flat"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("i'm not sure", "unknown"),
        ("i'm not so sure about that", "unknown"),
        ("nay", "no"),
        ("sure", "yes"),
        ("i'm sure that's right", "yes"),
    ],
)
def test_not_sure_is_no_yes(text, meant):
    assert other(text).kind == meant


@pytest.mark.parametrize(
    "text",
    [
        "i shan't be going to the hospital i'm much better",
        "i don't have to go to the pharmacy after all",
        "no need to go to aldi my son did my shopping",
    ],
)
def test_more_ways_to_refuse_a_place(text):
    assert other(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the church on sunday st luke's please", "place:St Luke's Church"),
        ("aldi on friday the one in market street", "place:Aldi"),
        ("i need my hair done on tuesday", "unknown"),
    ],
)
def test_a_day_said_beside_a_place_is_no_word_of_it(text, meant):
    assert understood(other(text)) == meant


def test_an_errand_for_hair_finds_the_salon():
    places = [*OTHER_PLACES, {"id": 8, "label": "Curl Up", "address": "1 Low Road", "aliases": []}]
    places[-1]["aliases"] = ["the hairdresser's"]
    intent = parse("i need my hair done", language="en", places=places, now=NOON)
    assert understood(intent) == "place:Curl Up"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("sorry dear i didn't quite catch that", "repeat"),
        ("i can't really hear you", "repeat"),
        ("i don't really need the car now", "cancel"),
        ("can we start all over again", "menu"),
        ("let's go again from the top", "menu"),
        ("please scrap my booking for friday", "cancel"),
        ("i don't need the pickup tomorrow", "cancel"),
    ],
)
def test_softened_requests_are_still_requests(text, meant):
    assert other(text).kind == meant


@pytest.mark.parametrize(
    "text",
    ["the legion post four forty four", "the hospital room two twelve", "the number nine bus"],
)
def test_a_number_that_names_something_is_no_time(text):
    assert other(text).when is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("lovely thank you", "yes"),
        ("perfect", "yes"),
        ("spot on dear", "yes"),
        ("yes that's the one", "yes"),
        ("that would be great", "yes"),
        ("i'm not feeling great", "unknown"),
        ("right now please", "time"),
        ("not quite", "no"),
        ("that's not what i said", "no"),
        ("you misheard me", "no"),
    ],
)
def test_more_ways_an_older_caller_says_yes_or_no(text, meant):
    assert other(text).kind == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("eh what's that love", "repeat"),
        ("sorry what", "repeat"),
        ("is there anyone there i can talk to", "operator"),
        ("let jenny know i'm running late", "family"),
        ("tell paul i'll be there", "family"),
        ("the driver still hasn't come", "status"),
        ("i've been waiting ages for the taxi", "status"),
        ("please don't send the car", "cancel"),
        ("call the whole thing off", "cancel"),
    ],
)
def test_more_ways_to_ask_for_a_person_the_car_or_the_question_again(text, meant):
    assert other(text).kind == meant


@pytest.mark.parametrize(
    "text",
    [
        "paul was supposed to take me to the hospital",
        "jenny takes me to church most weeks",
        "if the weather's nice i might go to aldi",
        "is the pharmacy open today",
        "i ain't going to the hospital",
    ],
)
def test_a_plan_a_habit_a_question_or_a_refusal_is_not_where(text):
    assert other(text).kind != "place"


@pytest.mark.parametrize(
    "text",
    [
        "the cafe next to st luke's",
        "the bus stop by the hospital",
        "the bank across the road from aldi",
        "somewhere near the church",
        "the flats behind jenny's",
        "take me to the library opposite the pharmacy",
    ],
)
def test_a_place_beside_a_landmark_is_not_the_landmark(text):
    assert other(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("the hospital by the roundabout", "place:Hillcrest Hospital"),
        ("aldi near the station please", "place:Aldi"),
        ("by the way i need the pharmacy", "place:CVS"),
        ("the church by taxi please", "place:St Luke's Church"),
    ],
)
def test_a_place_described_by_its_landmark_is_that_place(text, meant):
    assert understood(other(text)) == meant


@pytest.mark.parametrize(
    "text", ["去 医院 旁边 的 银行", "超市 对面", "图书馆 隔壁 那个 药店", "医院 附近 的 公园"]
)
def test_a_chinese_place_beside_a_landmark_is_not_the_landmark(text):
    assert more_chinese(text).kind != "place"


def test_a_chinese_place_said_after_its_landmark_is_that_place():
    assert understood(more_chinese("医院 旁边 的 那个 物美")) == "place:物美超市"
    # Only its kind said, it is some supermarket beside the hospital, maybe not theirs.
    assert more_chinese("医院 旁边 的 那个 超市").kind != "place"


NUMBERED_PLACES = [
    *OTHER_PLACES,
    {"id": 8, "label": "American Legion Post 52", "address": "7 Elm Street", "aliases": []},
]


def numbered(text):
    return parse(text, language="en", places=NUMBERED_PLACES, contacts=OTHER_FAMILY, now=NOON)


@pytest.mark.parametrize(
    "text",
    [
        "the post office on market street",
        "the lidl on market street",
        "the legion post seventy one",
    ],
)
def test_another_place_on_a_presets_street_or_with_another_number_is_not_it(text):
    assert numbered(text).kind != "place"


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("legion post fifty two", "place:American Legion Post 52"),
        ("aldi on market street", "place:Aldi"),
    ],
)
def test_a_place_with_its_own_number_or_street_is_still_it(text, meant):
    assert understood(numbered(text)) == meant


@pytest.mark.parametrize(
    "text", ["jenny's boyfriend's flat", "paul's daughter's", "my daughter's friend's house"]
)
def test_someone_elses_place_through_a_relative_is_not_the_relatives(text):
    assert other(text).kind != "place"


def test_a_relative_named_with_their_name_is_still_theirs():
    assert understood(other("my daughter jenny's flat")) == "place:Jenny's flat"


@pytest.mark.parametrize(
    ("text", "meant"), [("不用 了", "no"), ("不用 了 谢谢", "no"), ("车 不用 了", "cancel")]
)
def test_no_need_alone_is_a_no_and_no_need_of_the_car_cancels(text, meant):
    assert more_chinese(text).kind == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("never mind the hospital take me to jenny's", "place:Jenny's flat"),
        ("i usually go to aldi but today i want the church", "place:St Luke's Church"),
    ],
)
def test_a_place_asked_for_after_another_is_mentioned_is_where(text, meant):
    assert understood(other(text)) == meant


@pytest.mark.parametrize("text", ["不对 是 医院", "就是 医院"])
def test_a_chinese_place_said_with_is_is_that_place(text):
    assert understood(more_chinese(text)) == "place:浙江省人民医院"


@pytest.mark.parametrize(
    "text",
    [
        "女儿 叫 我 别 去 医院",
        "去 女儿 婆家",
        "去 女儿 以前 住 的 地方",
        "医生 说 下 礼拜 再 去 医院",
    ],
)
def test_a_chinese_relatives_words_or_a_doctors_are_no_destination(text):
    assert more_chinese(text).kind != "place"
