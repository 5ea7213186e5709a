"""Hostile and odd words given to the intake parser: it never raises, never finds a preset in
garbage, and reads an over-long turn by its last words only."""

import pytest

from elderride.intake import parser
from tests.speaking import speaker, where

ENGLISH_PLACES = [
    {"label": "Home", "address": "12 Holly Lane, Leeds", "aliases": ["home"]},
    {"label": "St James's Hospital", "address": "Beckett Street, Leeds", "aliases": ["jimmy's"]},
]
CHINESE_PLACES = [
    {"label": "家", "address": "人民路12号", "aliases": ["家"]},
    {"label": "协和医院", "address": "解放大道1277号", "aliases": ["协和"]},
]
# A family's data typed badly: empty names, a one-letter alias, common words as aliases.
ODD_PLACES = [
    {"label": "", "address": "", "aliases": ["", " ", "a"]},
    {"label": "the", "address": "1 X Street", "aliases": ["yes", "去", "家"]},
    {"label": "家", "address": "", "aliases": []},
]
ODD_CONTACTS = [{"name": "", "relation": ""}, {"name": "a", "relation": "son"}]

HOSTILE = [
    "",
    " ",
    "\t\n",
    "um uh er",
    "嗯 啊 呃",
    "😀😀",
    "'",
    "''",
    "o''brien",
    "\x00",
    "\u202e\u0301",
    "１２３ ＡＢＣ",
    "a" * 3000,
    "阿" * 3000,
    "the " * 1000,
    "nine " * 600,
    "九" * 1500,
    "去 " + "一 " * 1500,
    "no " * 1000,
    "不 " * 1000,
]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("odd", [False, True], ids=["presets", "odd-data"])
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_words_find_no_preset_and_never_raise(language: str, odd: bool, text: str) -> None:
    # With odd data (the alias "a", "去" or "the") words holding the alias may find that place:
    # the family typed it; they must still never raise.
    places = ODD_PLACES if odd else (ENGLISH_PLACES if language == "en" else CHINESE_PLACES)
    parse = speaker(language, places, ODD_CONTACTS if odd else (), menu_size=3)
    intent = parse(text)
    assert 0 <= intent.confidence <= 1
    if not odd:
        assert intent.kind != "place"


def test_an_over_long_turn_is_read_by_its_last_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # A stuck recognizer or a forged webhook can hand over pages; reading grows faster than the
    # text, so only the last words (where a caller's last request is) are read.
    read: list[str] = []
    reading = parser._parse_as_written

    def recording(text: str, *args: object, **kwargs: object) -> object:
        read.append(text)
        return reading(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parser, "_parse_as_written", recording)
    said = "well you know " * 400 + "take me to jimmy's"
    intent = speaker("en", ENGLISH_PLACES)(said)
    assert where(intent) == "St James's Hospital"
    assert intent.text == said
    assert read and all(len(text) <= parser.LONGEST for text in read)
    assert read[0].endswith("take me to jimmy's") and not read[0].startswith(" ")


def test_an_over_long_chinese_turn_keeps_its_last_request() -> None:
    said = "哎呀 今天 天气 不好 " * 200 + "送 我 去 协和 医院"
    assert where(speaker("zh", CHINESE_PLACES)(said)) == "协和医院"
