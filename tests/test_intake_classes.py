"""The kinds of words the 2026-12 held-out set showed the parser missing, each tested with other
sentences of its kind: corrections in more words, a person "on the line", a time taken back,
errands by what is wanted, letters spelled out, hesitation, hearing trouble."""

import datetime

import pytest

from elderride.intake import parse

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


def english(text):
    return parse(text, language="en", places=PLACES, contacts=FAMILY, now=NOON)


def chinese(text):
    return parse(text, language="zh", places=CHINESE_PLACES, contacts=CHINESE_FAMILY, now=NOON)


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
        ("不 去 医院", "no"),
        ("我 不想 去 医院 了", "no"),
        ("不 去 医院 了 去 女儿家", "place:女儿家"),
    ],
)
def test_a_place_refused_in_chinese_is_never_where(text, meant):
    assert understood(chinese(text)) == meant
