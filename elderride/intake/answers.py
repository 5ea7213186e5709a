"""Yes and no as callers answer a question: the remarks, questions back and maybes that hold a yes
or no word but answer nothing."""

import re
from collections.abc import Mapping
from typing import Any

from elderride.intake import tidy
from elderride.intake.vocabulary import words


def _either(phrases: list[str]) -> str:
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))


def _remark_pattern(vocabulary: Mapping[str, Any], language: str) -> str:
    """The words of a remark on the weather or the day, with the day it is about ("lovely weather
    today", "今天天气不错")."""
    days = _either(vocabulary["remark_days"])
    if language == "zh":
        degrees, said = _either(vocabulary["remark_degrees"]), _either(vocabulary["remark_words"])
        return (
            rf"(?:{days})?(?:{_either(vocabulary['remark_subjects'])})"
            rf"(?:{degrees}){{0,2}}(?:{said})(?:的)?"
        )
    said, nouns = _either(vocabulary["remark_words"]), _either(vocabulary["remark_nouns"])
    return rf"(?<![\w'])(?:(?:{days}) )?(?:a )?(?:{said}) (?:{nouns})s?(?: (?:{days}))?(?![\w'])"


def without_remarks(spoken: str, language: str) -> str:
    """Return `spoken` (tidied) without its remarks on the weather or the day: "lovely day" is no
    yes and "今天天气不错" no time."""
    vocabulary = words(language)
    if "remark_words" not in vocabulary:
        return spoken
    gap = "" if language == "zh" else " "
    return " ".join(re.sub(_remark_pattern(vocabulary, language), gap, spoken).split())


def asks_back(spoken: str, language: str) -> bool:
    """Tell whether the caller asks a question back or only says maybe ("is that right", "i
    suppose so", "是吗", "可能吧"): at a read-back that is no yes, whatever yes word it holds."""
    vocabulary = words(language)
    asked = tidy.without_phrases(spoken, vocabulary.get("not_questions", ()), language)
    return tidy.has_phrase(asked, vocabulary.get("questions", ()), language) or tidy.has_phrase(
        spoken, vocabulary.get("maybes", ()), language
    )


def for_no(spoken: str, language: str) -> str:
    """Return `spoken` without the words that hold a no but say none ("no worries", "不知道",
    "是不是"), for looking for a no."""
    vocabulary = words(language)
    return tidy.without_phrases(
        spoken,
        [
            *vocabulary.get("not_no", ()),
            *vocabulary.get("questions", ()),
            *vocabulary.get("maybes", ()),
        ],
        language,
    )


def only_yes(spoken: str, language: str) -> bool:
    """Tell whether all that was said is a yes ("that'd be grand, thanks"): the place called Grand
    Avenue Library is not named by it."""
    vocabulary = words(language)
    if asks_back(spoken, language) or tidy.has_phrase(
        spoken, vocabulary.get("not_yes", ()), language
    ):
        return False
    phrases = [phrase for phrase in vocabulary["yes"] if " " in phrase or language == "zh"]
    rest = tidy.without_phrases(spoken, phrases, language)
    return rest != spoken and not tidy.strip_fillers(
        " ".join(rest.split()), vocabulary["fillers"], language
    )
