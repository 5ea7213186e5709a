"""Someone else's trip or place (issue 29, Speech II), tested with sentences written here: a car
asked for a spouse, another person's trip, a contact's possessive that names the person and not
her house, and a relative's relative's home; beside each, near misses where the caller goes."""

import datetime

import pytest

from tests.speaking import speaker, where

NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)

ENGLISH_PLACES = [
    {"id": 1, "label": "Home", "address": "3 Rowan Terrace", "aliases": ["home"]},
    {"id": 2, "label": "Freeman Hospital", "address": "Freeman Road", "aliases": ["the hospital"]},
    {"id": 3, "label": "Asda Benton", "address": "Station Road", "aliases": ["asda"]},
    {"id": 4, "label": "Our Tracey's", "address": "9 Coast Road", "aliases": ["tracey's"]},
    {"id": 5, "label": "Bill's Allotment", "address": "Heaton Park Road", "aliases": []},
    {"id": 6, "label": "St Mark's Church", "address": "Shields Road", "aliases": ["church"]},
]
ENGLISH_CONTACTS = [
    {"name": "Tracey", "relation": "daughter"},
    {"name": "Bill", "relation": "son"},
]

CHINESE_PLACES = [
    {"id": 1, "label": "家", "address": "红旗路5号", "aliases": ["家"]},
    {"id": 2, "label": "市一医院", "address": "人民路10号", "aliases": ["医院", "一医院"]},
    {"id": 3, "label": "东门菜市场", "address": "东门街2号", "aliases": ["菜市场", "菜场"]},
    {"id": 4, "label": "永辉超市", "address": "中山路8号", "aliases": ["超市"]},
    {"id": 5, "label": "女儿家", "address": "湖滨路33号", "aliases": ["阿芳家"]},
    {"id": 6, "label": "儿子家", "address": "北街12号", "aliases": []},
]
CHINESE_CONTACTS = [{"name": "林小芳", "relation": "女儿"}, {"name": "林建明", "relation": "儿子"}]


english = speaker("en", ENGLISH_PLACES, ENGLISH_CONTACTS, now=NOW)


chinese = speaker("zh", CHINESE_PLACES, CHINESE_CONTACTS, now=NOW)


@pytest.mark.parametrize(
    "text",
    [
        # A car asked for a spouse: the spouse goes, the caller asks for them.
        "我 老伴 想 去 菜市场 你 给 他 叫 个 车",
        "俺 老头子 明天 要 去 医院 帮 他 约 个 车",
        "我 屋里 老倌 要 到 超市 去 给 他 订 个 车",
        "我 老公 准备 去 医院 复查 给 他 喊 个 车",
        "阿芳 说 要 到 医院 去 复查",
        "帮 我 老婆子 叫 个 车 她 要 上 菜场",
        "替 我 爱人 订 个 车 去 医院",
        "车 是 给 我 老伴 坐 的 他 去 医院",
        "我 屋里 那 口子 要 去 超市",
        "我 老公 想 去 医院 同 佢 叫 架 车",
        # Someone else drives the caller: there is no ride to book.
        "建明 说 他 后天 开 车 送 我 去 医院",
        "阿芳 明天 开 车 来 接 我 去 超市",
        # A relative's own relative's home is theirs.
        "去 建明 丈母娘 家",
        "去 阿芳 她 公公 家 在 湖滨 那边",
        "到 小芳 婆婆 家 去",
        "去 建明 的 丈母娘 家",
        "到 儿子 的 老丈人 家 去",
        "去 女儿 的 公公 家 吃 饭",
    ],
)
def test_someone_elses_chinese_trip_gets_no_place(text):
    intent = chinese(text)
    assert where(intent) is None
    assert intent.kind in ("unknown", "address")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("我 要 到 女儿 家 去 她 喊 我 去 吃饭", "女儿家"),
        ("老伴 陪 我 去 医院", "市一医院"),
        ("我 跟 老伴 去 菜市场", "东门菜市场"),
        ("给 我 叫 个 车 去 超市", "永辉超市"),
        ("去 阿芳 家 我 给 她 送 点 菜", "女儿家"),
        ("帮 我 叫 个 车 去 儿子 家", "儿子家"),
        ("帮 我 老伴 叫 个 车 我 跟 他 一起 去 医院", "市一医院"),
        ("同 我 叫 架 车 去 医院", "市一医院"),
        ("去 我 的 女儿 家", "女儿家"),
        ("去 医院 看 女儿 的 婆婆", "市一医院"),
    ],
)
def test_a_chinese_trip_the_caller_takes_keeps_its_place(text, place):
    assert where(chinese(text)) == place


@pytest.mark.parametrize(
    "text",
    [
        # Another person's trip: they go, or someone takes them.
        "our tracey's going up the freeman friday for her scan",
        "bill's taking his wife to the hospital today not me",
        "tracey's going the asda later on for the big shop",
        "me husband needs to go to the freeman can you book him a car",
        "the missus has to go up the freeman friday",
        "me husband needs a taxi to the freeman",
        "could you take our tracey up to the freeman",
        "our tracey's husband needs to get to the freeman",
        "the freeman on friday for his knee not me love",
        "a taxi for my husband to the hospital please",
        # A contact's possessive followed by what she is, does or has: the person, not her house.
        "our tracey's not well she's stopping in bed",
        "our tracey's little lad has a party at the church hall",
        "tracey's mother in law's up at the coast",
        "i need to go the dentist with our tracey's youngest",
        "take me to me daughter's in-laws",
        "mount zion chapel in the town for my cousin's funeral",
    ],
)
def test_someone_elses_english_trip_gets_no_place(text):
    intent = english(text)
    assert where(intent) is None
    assert intent.kind in ("unknown", "address")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("our tracey's", "Our Tracey's"),
        ("take me round our tracey's she's making me dinner", "Our Tracey's"),
        ("can you take us to our tracey's she's got the grandbairns the day", "Our Tracey's"),
        ("tracey's on the coast road please pet", "Our Tracey's"),
        ("our tracey's about half ten thank you", "Our Tracey's"),
        ("my knee's taking its time so the freeman please", "Freeman Hospital"),
        ("the freeman please i'm not me self today", "Freeman Hospital"),
        ("a taxi for my husband and me to the freeman", "Freeman Hospital"),
        ("take me and my husband to the freeman", "Freeman Hospital"),
        ("can you take me to asda", "Asda Benton"),
        # A ride asked for before a person's doings still says where.
        ("take me to the freeman my daughter's meeting me there", "Freeman Hospital"),
        ("can you get me to asda our bill's birthday tomorrow", "Asda Benton"),
        ("up to bill's allotment for the leeks", "Bill's Allotment"),
        ("i'm going with tracey to the freeman", "Freeman Hospital"),
        ("tracey's going to take me to asda", "Asda Benton"),
    ],
)
def test_an_english_trip_the_caller_takes_keeps_its_place(text, place):
    assert where(english(text)) == place


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("a taxi for my husband to the hospital please", "en"),
        ("bill's taking his wife to the hospital today not me", "en"),
        ("俺 老婆 要 去 菜市场 给 她 叫 个 车", "zh"),
    ],
)
def test_a_trip_for_someone_else_says_so(text, language):
    intent = english(text) if language == "en" else chinese(text)
    assert intent.kind == "unknown" and intent.for_someone_else


@pytest.mark.parametrize(
    "text", ["i was at the freeman on monday", "our tracey's little lad", "what time is it"]
)
def test_what_is_not_someone_elses_trip_says_nothing_of_it(text):
    assert not english(text).for_someone_else


class Hears:
    """A speech engine that hears one sentence, whatever it is allowed to hear."""

    def __init__(self, sentence):
        self.sentence = sentence

    def transcribe(self, audio, *, phrases=None, timeout=None):
        from elderride.speech.transcript import Transcript

        words = [
            {"word": word, "conf": 1.0, "start": 0.0, "end": 0.5} for word in self.sentence.split()
        ]
        return Transcript(
            text=self.sentence,
            words=words,
            confidence=1.0,
            duration=audio.duration,
            decode_seconds=0.01,
            heard=self.sentence,
            phrases=bool(phrases),
        )


def test_the_line_says_it_books_the_callers_own_rides_and_asks_again(phone_app, call, margaret, db):
    from pathlib import Path

    from elderride.ivr.prompts import prompts
    from elderride.web import speech

    recording = (Path(__file__).parent / "fixtures" / "audio" / "yeyak-16k.wav").read_bytes()
    speech.set_engine(phone_app, Hears("can you book my husband a car to the hospital"))
    phone = call("+15550100001")
    phone.start()
    heard = phone.say(recording, duration=2)
    said = prompts("en")
    assert said["for_someone_else"] in heard.text and said["reprompt_1"] in heard.text
    assert db.table("bookings").count == 0


@pytest.mark.parametrize(
    ("text", "language", "place"),
    [
        ("me and my husband want to go to asda", "en", "Asda Benton"),
        ("我 和 老伴 一起 去 菜市场", "zh", "东门菜市场"),
        ("book a taxi to asda for my husband and me", "en", "Asda Benton"),
        ("我 老伴 要 去 医院 我 送 他 去", "zh", "市一医院"),
    ],
)
def test_a_couple_going_together_is_the_callers_own_ride(text, language, place):
    """The senior goes too: the ride is theirs, and the line does not say it books for them only."""
    intent = english(text) if language == "en" else chinese(text)
    assert where(intent) == place and not intent.for_someone_else
