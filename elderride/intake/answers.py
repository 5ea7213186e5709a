"""Yes and no as callers answer a question: the remarks, questions back and maybes that hold a yes
or no word but answer nothing."""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from elderride.intake import tidy
from elderride.intake.vocabulary import words


def _remark_pattern(vocabulary: Mapping[str, Any], language: str) -> str:
    """The words of a remark on the weather or the day, with the day it is about ("lovely weather
    today", "今天天气不错")."""
    days = tidy.either(vocabulary["remark_days"])
    if language == "zh":
        degrees, said = (
            tidy.either(vocabulary["remark_degrees"]),
            tidy.either(vocabulary["remark_words"]),
        )
        feelings, events = (
            tidy.either(vocabulary["remark_feelings"]),
            tidy.either(vocabulary["remark_events"]),
        )
        extremes = tidy.either(vocabulary["remark_extremes"])
        # A road named after it is no remark: 东风大道 holds 风大.
        named = rf"(?!{tidy.either(vocabulary['road_words'])})"
        subjects = tidy.either(vocabulary["remark_subjects"])
        # "今天天气不错"; "今儿贼冷" and "倍儿冷今儿" (how cold, the day before or after);
        # "冷的了不得", "冷成这样" (how cold, said after); "今天落雨" (the weather that falls);
        # "今天好大的雾", "今日好大风" (how much of it, said before, with or without 的).
        return (
            rf"(?:{days})?(?:{subjects})(?:{degrees}){{0,2}}(?:{said})(?:的)?{named}"
            rf"|(?:{days})?(?:{degrees}){{1,2}}(?:{said})的?(?:{subjects}){named}"
            rf"|(?:{days})?(?:{degrees})(?:{feelings})(?:{days})?{named}"
            rf"|(?:{days})?(?:{feelings})(?:得|的)?(?:{extremes})"
            rf"|(?:{days})?(?:{events})"
        )
    # "a dreich morning", "a wet afternoon": the weather said of the day is a remark too.
    said = tidy.either([*vocabulary["remark_words"], *vocabulary["weather_words"]])
    nouns = tidy.either(vocabulary["remark_nouns"])
    return rf"(?<![\w'])(?:(?:{days}) )?(?:a )?(?:{said}) (?:{nouns})s?(?: (?:{days}))?(?![\w'])"


def chats(spoken: str, language: str, names: Iterable[str] = ()) -> bool:
    """Tell whether Chinese `spoken` remarks on the weather and asks for no ride
    ("今天好冷哦南宁都冷成这样"): a town said in it is where it is cold, not where to go."""
    vocabulary = words(language)
    if language != "zh":
        return False
    # 好冷饮店 is a place of theirs, no remark.
    said = tidy.without_phrases(spoken, [name for name in names if len(name) >= 2], language)
    return re.search(_remark_pattern(vocabulary, language), said) is not None and not (
        tidy.has_phrase(spoken, [*vocabulary["asks"], *vocabulary["destination_markers"]], language)
    )


def ails(spoken: str, language: str) -> bool:
    """Tell whether Chinese `spoken` says how the caller feels ("我今天腿疼") and asks for no
    ride."""
    vocabulary = words(language)
    return (
        language == "zh"
        and tidy.has_phrase(spoken, vocabulary["remark_ailments"], language)
        and not tidy.has_phrase(
            spoken, [*vocabulary["asks"], *vocabulary["destination_markers"]], language
        )
    )


def without_remarks(spoken: str, language: str) -> str:
    """Return `spoken` (tidied) without its remarks on the weather or the day: "lovely day" is no
    yes and "今天天气不错" no time."""
    vocabulary = words(language)
    if "remark_words" not in vocabulary:
        return spoken
    if chats(spoken, language) or ails(spoken, language):
        # "今天这风刮的杠冷", "今天风危险大", "我今天腿疼": the day of a remark on the weather or
        # on how the caller feels, with no ride asked for, is no time.
        spoken = tidy.without_phrases(spoken, vocabulary["remark_days"], language)
    if language == "zh":
        # "早上好", "喂下午好啊": a greeting that opens the call is no time of day for a car,
        # but "早上好吗" asks whether the morning suits.
        openers = tidy.either(vocabulary["greeting_openers"])
        greetings = tidy.either(vocabulary["greetings"])
        spoken = re.sub(rf"^(?:(?:{openers})*(?:{greetings})(?![吗么不])[啊呀哈]?)+", "", spoken)
    gap = "" if language == "zh" else " "
    spoken = " ".join(re.sub(_remark_pattern(vocabulary, language), gap, spoken).split())
    if (
        language != "zh"
        and tidy.has_phrase(spoken, vocabulary["weather_words"], language)
        and not tidy.has_phrase(
            spoken, [*vocabulary["asks"], *vocabulary["destination_markers"]], language
        )
    ):
        # "it's a cold one today", "some mauzy out today": the day of a remark on the weather,
        # with no ride asked for, is no time.
        spoken = " ".join(tidy.without_phrases(spoken, vocabulary["remark_days"], language).split())
        # "forty degrees they reckon": a temperature's number is no hour.
        numbers = tidy.either([*vocabulary["numbers"], *vocabulary["address_numbers"]])
        units = tidy.either(vocabulary["temperature_units"])
        spoken = " ".join(
            re.sub(rf"(?<![\w'])(?:(?:{numbers}|\d+) )+(?:{units})(?![\w'])", " ", spoken).split()
        )
        # "it is very cold today no": the tag asks to be agreed with, and answers nothing; "it's
        # raining too hard so no" answers.
        tags = tidy.either(vocabulary["remark_tags"])
        spoken = tidy.compiled(rf"(?<=[\w'])(?<!\bso)(?<!\band)(?<!\bbut) (?:{tags})$").sub(
            "", spoken
        )
    return spoken


def after_hold(spoken: str, language: str) -> str:
    """Return what English `spoken` says after the caller last asks the line to wait ("okay wait
    my tea is on the gas" -> "my tea is on the gas"), or all of it when they ask no wait."""
    vocabulary = words(language)
    if language == "zh":
        return spoken
    # "ask him to wait outside" asks the driver to wait, not the line.
    kept = tidy.spans(spoken, vocabulary["not_holds"], language)
    ends = [
        end
        for start, end in tidy.spans(spoken, vocabulary["holds"], language)
        if start > 0 and not any(begin <= start < stop for begin, stop in kept)
    ]
    return spoken[max(ends) :].strip() if ends else spoken


# A Chinese question said as "A not A" ("贵不贵", "会不会", "有没有"): its 不 or 没 says no
# no. "不不不" is three noes.
_EITHER_OR = re.compile(r"(?<![不没])([^不没])[不没]\1")
# "哪个都行", "哪个车都行": a who or which word with 都 or 也 a few characters on says any one
# will do, and asks nothing.
_ANY_ONE = re.compile(
    rf"(?:{tidy.either(words('zh')['any_one_words'])})[^\s不没]{{0,3}}?"
    rf"(?:{tidy.either(words('zh')['any_one_alls'])})"
)


def any_place(spoken: str, language: str) -> bool:
    """Tell whether `spoken` says any place will do ("anywhere's fine", "去哪都行", "哪里都可以"):
    at "where to" that names no place and agrees to none; "哪儿都不去" stays in."""
    vocabulary = words(language)
    if language != "zh":
        return tidy.has_phrase(spoken, vocabulary["any_places"], language)
    places = tidy.either(vocabulary["any_places"])
    alls = tidy.either(vocabulary["any_one_alls"])
    # "哪个都行", "哪个车都行" are any one of what was offered: a yes (see any_one_words).
    between = r"[^\s不没个位样一]{0,2}?"
    return re.search(rf"(?:{places}){between}(?:{alls})(?![不没别])", spoken) is not None


def _yes_then_not(spoken: str, vocabulary: Mapping[str, Any]) -> str | None:
    """Return Chinese `spoken` without its last 不, 么 or 没有 when that asks a question said the
    short way: after a yes word ("可以不", "能成么") or after a 了 ("吃了饭没有"), else None."""
    # "好的不去了" is a yes word, then not going: the 去 a filler is elsewhere ends no question.
    fillers = [word for word in vocabulary["fillers"] if word not in vocabulary["going_verbs"]]
    said = tidy.strip_fillers(spoken, fillers, "zh")
    yes = (*vocabulary["yes"], *vocabulary.get("yes_alone", ()))
    # 么 said last asks as 吗 does ("能成么", "好么").
    if said.endswith(("不", "没", "么")) and said[:-1].endswith(yes) and not said.endswith("不不"):
        return said[:-1]
    done = re.fullmatch(r"(.*了.{0,6}?)(?:没有|没)", said)
    return done.group(1) if done else None


def asks_back(spoken: str, language: str) -> bool:
    """Tell whether the caller asks a question back or only says maybe ("is that right", "i
    suppose so", "是吗", "会不会很贵", "可能吧"): at a read-back that is no yes, whatever yes
    word it holds."""
    vocabulary = words(language)
    asked = tidy.without_phrases(spoken, vocabulary.get("not_questions", ()), language)
    if language == "zh":
        asked = _ANY_ONE.sub(" ", asked)
    # "喂喂侬是": who the line is, asked with the rest left unsaid.
    ended = tidy.strip_fillers(spoken, vocabulary["fillers"], language)
    return (
        ended.endswith(tuple(vocabulary.get("questions_at_end", ())))
        or tidy.has_phrase(asked, vocabulary.get("questions", ()), language)
        or tidy.has_phrase(spoken, vocabulary.get("maybes", ()), language)
        or language == "zh"
        and (_EITHER_OR.search(spoken) is not None or _yes_then_not(spoken, vocabulary) is not None)
    )


def told_apart(spoken: str, language: str, names: Iterable[str] = ()) -> tuple[str, str] | None:
    """Return (the place said, the one it is told apart from) when Chinese `spoken` names a place
    (a kind of place, a road, or one of `names`) and then says which it is not ("协和医院不是同济",
    "大润发不是家乐福"), else None."""
    vocabulary = words(language)
    if language != "zh":
        return None
    nouns = [
        *vocabulary["kinds"],
        *vocabulary["road_words"],
        *vocabulary["contrast_nouns"],
        *(name for name in names if len(name) >= 2),
    ]
    for start, end in tidy.spans(spoken, vocabulary["contrast_words"], language):
        named = tidy.strip_fillers(spoken[:start], vocabulary["fillers"], language)
        other = tidy.strip_fillers(spoken[end:], vocabulary["fillers"], language)
        # "那不是我要的" names nothing first: a no; a name of two characters or more is a place
        # when either side says a kind of place ("医大二院不是总医院", "六榕寺唔系光孝寺").
        # "去银行不是去菜场", "不是打电话是要去她家" say where after it: a correction.
        if (
            len(named) >= 2
            and other
            and not tidy.has_phrase(named, vocabulary["no"], language)
            and not other.startswith(tuple(vocabulary["contrast_corrections"]))
            and not tidy.has_phrase(
                spoken[end:], [*vocabulary["asks"], *vocabulary["destination_markers"]], language
            )
            and tidy.has_phrase(named + other, nouns, language)
        ):
            return spoken[:start], spoken[end:]
    return None


def contrasts(spoken: str, language: str, names: Iterable[str] = ()) -> bool:
    """Tell whether Chinese `spoken` names a place and then says which it is not
    ("协和医院不是同济", "华山路不是华山医院"): that tells another place apart and answers no
    question."""
    return told_apart(spoken, language, names) is not None


def for_no(spoken: str, language: str) -> str:
    """Return `spoken` without the words that hold a no but say none ("no worries", "不知道",
    "是不是"), for looking for a no."""
    vocabulary = words(language)
    if language == "zh":
        spoken = _EITHER_OR.sub(" ", _yes_then_not(spoken, vocabulary) or spoken)
        # "记不住", "走不动": 不 between a verb and what it cannot get to says what they cannot do.
        complements = tidy.either(vocabulary.get("not_no_complements", ()))
        if complements:
            spoken = re.sub(rf"(?<=[^\s不没])不(?:{complements})", " ", spoken)
    return tidy.without_phrases(
        spoken,
        [
            *vocabulary.get("not_no", ()),
            *vocabulary.get("questions", ()),
            *vocabulary.get("maybes", ()),
        ],
        language,
    )


def for_yes(spoken: str, language: str) -> str:
    """Return `spoken` without the yes words that answer nothing, for looking for a yes: those of
    not_yes ("not sure"), and in English those of small talk ("sure is cold out", "right enough
    it's a dreich day"); nothing is left when the caller calls something to mind ("oh that's
    right i forgot")."""
    vocabulary = words(language)
    if tidy.has_phrase(spoken, vocabulary["hush"], language):
        # "行了行了别说了", "alright alright stop going on": impatience, no answer.
        return ""
    spoken = tidy.without_phrases(spoken, vocabulary.get("not_yes", ()), language)
    if language == "zh":
        return _before_told_of(spoken, vocabulary)
    if tidy.has_phrase(spoken, vocabulary["recollections"], language):
        return ""
    verbs = tidy.either(vocabulary["report_verbs"])
    caller = tidy.either(vocabulary["caller_reported"])
    # "dr patel says i'm fine": how someone else finds the caller is their word, not the caller's.
    reported = re.search(rf"(?<=\S )(?:{verbs}) (?:that )?(?:{caller})(?![\w'])", spoken)
    if reported:
        spoken = spoken[: reported.start()]
    # "right enough" and "sure is, thanks" said alone answer; "right enough it's a dreich day" and
    # "sure is cold out" agree with a remark.
    fillers = [*vocabulary["fillers"], *vocabulary["yes"]]
    agreed = tidy.without_phrases(spoken, vocabulary["remark_agreements"], language)
    if tidy.strip_fillers(" ".join(agreed.split()), fillers, language):
        spoken = agreed
    intensifiers = tidy.either(vocabulary["yes_intensifiers"])
    verbs = tidy.either(vocabulary["intensified_verbs"])
    weather = tidy.either(vocabulary["weather_words"])
    # How much, not whether: the word before the weather, or before a verb with more after it
    # than thanks ("sure is, thanks" answers).
    spoken = re.sub(rf"(?<![\w'])(?:{intensifiers}) (?=(?:{weather})(?![\w']))", " ", spoken)
    # "froze right up": after a word that is no answer, "right" says how far.
    particles = tidy.either(vocabulary["intensified_particles"])
    spoken = re.sub(
        rf"(?<![\w'])([\w']+) right (?=(?:{particles})(?![\w']))",
        lambda found: found.group() if found.group(1) in fillers else f"{found.group(1)} ",
        spoken,
    )
    return re.sub(
        rf"(?<![\w'])(?:{intensifiers}) (?=(?:{verbs}) \S)",
        lambda found: (
            found.group()
            if not tidy.strip_fillers(
                " ".join(spoken[found.end() :].split()[1:]), fillers, language
            )
            else " "
        ),
        spoken,
    )


def _before_told_of(spoken: str, vocabulary: Mapping[str, Any]) -> str:
    """Return Chinese `spoken` up to where it starts telling how something went ("考得好") or of a
    relative ("我那个孙子"): a yes word after that is said of them, not to the line."""
    relatives = [word for said in vocabulary["relations"].values() for word in said]
    kept = tidy.spans(spoken, vocabulary["yes_complement_not"], "zh")
    # A complement follows the verb it tells of: 得 first or said again ("得得得") is a yes word.
    complements = [
        start
        for start, _ in tidy.spans(spoken, vocabulary["yes_complement"], "zh")
        if start > 0
        and spoken[start - 1] not in vocabulary["yes_complement"]
        and not any(begin <= start < stop for begin, stop in kept)
    ]
    ends = complements + [start for start, _ in tidy.spans(spoken, relatives, "zh")]
    return spoken[: min(ends)] if ends else spoken


def only_yes(spoken: str, language: str) -> bool:
    """Tell whether all that was said is a yes ("that'd be grand, thanks"): the place called Grand
    Avenue Library is not named by it."""
    vocabulary = words(language)
    # "sure is cold out": a yes word that answers nothing makes no yes of the rest.
    if asks_back(spoken, language) or for_yes(spoken, language) != spoken:
        return False
    phrases = [phrase for phrase in vocabulary["yes"] if " " in phrase or language == "zh"]
    rest = tidy.without_phrases(spoken, phrases, language)
    return rest != spoken and not tidy.strip_fillers(
        " ".join(rest.split()), vocabulary["fillers"], language
    )


def lone_yes(spoken: str, language: str) -> bool:
    """Tell whether all that was said is a word that is a yes only alone ("嗯", "中中"), with at
    most a word that books and fillers after it ("中中订吧", "成成就订了吧")."""
    vocabulary = words(language)
    alone, fillers = vocabulary.get("yes_alone", ()), vocabulary["fillers"]
    if not alone:
        return False
    said = [spoken]
    # 嗯 is a filler too: what comes before the booking word is checked as said; "就这么订" holds
    # 就这 too, so each booking word that ends what was said is tried.
    for start, end in tidy.spans(spoken, vocabulary.get("yes_books", ()), language):
        if not tidy.strip_fillers(spoken[end:], fillers, language):
            # "整" alone is a yes too: the booking word may itself be one.
            said.append(spoken[:start])
    # "得得得", "中中中": a yes said alone, said again.
    pattern = rf"(?:{tidy.either(alone)})+"
    return any(
        re.fullmatch(pattern, each)
        or re.fullmatch(pattern, tidy.strip_fillers(each, fillers, language))
        for each in said
    )


def trails_off(spoken: str, language: str) -> bool:
    """Tell whether the caller is still looking for their words when they stop ("我是想那个那个"):
    a yes word before that answers nothing."""
    vocabulary = words(language)
    found = tidy.spans(spoken, vocabulary.get("trailing_off", ()), language)
    return bool(found) and not tidy.strip_fillers(
        spoken[max(end for _, end in found) :], vocabulary["fillers"], language
    )
