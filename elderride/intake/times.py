"""Pickup times as older callers say them: "tomorrow morning at nine", "下午三点半", "in half an
hour"."""

import datetime
import functools
import re
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from elderride.intake import numbers, tidy
from elderride.intake.intent import When
from elderride.intake.vocabulary import words

# When only a part of the day is said, the car comes at these hours.

DEFAULT_HOURS = {"morning": 9, "afternoon": 14, "evening": 18, "noon": 12}
# A time said a few minutes ago is still that time (the line's own grace, ivr/steps/when.py).
GRACE = datetime.timedelta(minutes=5)


def _english_numbers(value: str, numbers: Mapping[str, int]) -> str:
    """Turn number words into digits ("nine thirty" -> "9 30", "forty five" -> "45")."""
    for phrase in sorted(numbers, key=len, reverse=True):
        value = tidy.whole(phrase).sub(str(numbers[phrase]), value)
    value = re.sub(
        r"\b(20|30|40|50) ([1-9])\b", lambda m: str(int(m.group(1)) + int(m.group(2))), value
    )
    return re.sub(r"\ba (?=(?:quarter|half)\b)", "", value)


def _first(value: str, phrases: Iterable[str]) -> str | None:
    """Return the first phrase of `phrases` standing in `value` as whole words, longest first."""
    for phrase in sorted(phrases, key=len, reverse=True):
        if tidy.contains_phrase(value, phrase):
            return phrase
    return None


def _meridiem(digits: str, vocabulary: Mapping[str, Any]) -> str | None:
    """Return the period an "am" or "pm" right after a clock time or a day gives ("ten a m",
    "nine o'clock am", "tomorrow pm"), else None."""
    for name, key in (("morning", "am"), ("afternoon", "pm")):
        if re.search(
            rf"{_before_meridiem(vocabulary)} ?(?:{tidy.either(vocabulary[key])})(?![\w'])", digits
        ):
            return name
    return None


def _before_meridiem(vocabulary: Mapping[str, Any]) -> str:
    """A regular expression for what an "am" or "pm" may follow: a number, "o'clock" or a day
    ("i am" is the caller)."""
    days = [
        *vocabulary["oclock"],
        *vocabulary["this"],
        *vocabulary["today"],
        *vocabulary["tomorrow"],
    ]
    return rf"(?:\d|(?<![\w'])(?:{tidy.either(days)}))"


def _period(value: str, vocabulary: Mapping[str, Any]) -> str | None:
    for name in ("noon", "morning", "afternoon", "evening"):
        if _first(value, vocabulary[name]):
            return name
    return None


def _day_offset(
    value: str, vocabulary: Mapping[str, Any], *, contains: Callable[[str, str], bool]
) -> int | None:
    if any(contains(value, phrase) for phrase in vocabulary["day_after_tomorrow"]):
        return 2
    if any(contains(value, phrase) for phrase in vocabulary["tomorrow"]):
        return 1
    if any(contains(value, phrase) for phrase in vocabulary["today"]):
        return 0
    return None


def _weekday_offset(
    value: str, vocabulary: Mapping[str, Any], now_local: datetime.datetime
) -> int | None:
    """Return in how many days the day of the week said in English `value` comes ("on friday"),
    or None when none is said or it is gone or recurs ("last friday", "every friday")."""
    days = tidy.either(vocabulary["weekdays"])
    gone = tidy.either(vocabulary["weekday_past"])
    found = re.search(rf"(?<![\w'])(?:((?:{gone})) )?({days})(?![\w'])", value)
    if found is None or found.group(1):
        return None
    return (int(vocabulary["weekdays"][found.group(2)]) - now_local.weekday() - 1) % 7 + 1


def _chinese_weekday_offset(
    value: str, vocabulary: Mapping[str, Any], now_local: datetime.datetime
) -> int | None:
    """Return in how many days the day of the week said in Chinese `value` (digits as ASCII) comes
    ("星期五", "下周一" in the week after this), or None when none is said or it is gone."""
    named = tidy.either(vocabulary["weekday_words"])
    days = tidy.either(vocabulary["weekdays"])
    before = tidy.either([*vocabulary["weekday_past"], *vocabulary["weekday_next_week"]])
    found = re.search(rf"({before})?(?:{named})({days})", value)
    if found is None or found.group(1) in vocabulary["weekday_past"]:
        return None
    day = int(vocabulary["weekdays"][found.group(2)])
    if found.group(1) in vocabulary["weekday_next_week"]:
        # 下周五: that day of next week, counted from its Monday.
        return 7 - now_local.weekday() + day
    return (day - now_local.weekday() - 1) % 7 + 1


def _chinese_month_day_offset(
    value: str, vocabulary: Mapping[str, Any], now_local: datetime.datetime
) -> int | None:
    """Return in how many days the day of the month said in Chinese `value` (digits as ASCII)
    comes, the next one not gone ("二号去医院" on the 7th is the 2nd of next month; "12月3号"), or
    None: a house number ("中山路12号") or a number of something ("2号线") is no day."""
    follows = tidy.either(vocabulary["month_day_follows"])
    not_after = re.escape("".join(vocabulary["month_day_not_after"]))
    said = tidy.compiled(rf"(?:(\d{{1,2}})月)?(?<![\d{not_after}])(\d{{1,2}})(?:号|日)").finditer(
        value
    )
    # A month said makes it a date; without one, what follows must be the day's ("二号去").
    found = next(
        (
            match
            for match in said
            if match.group(1) or tidy.compiled(rf"(?:{follows})").match(value[match.end() :])
        ),
        None,
    )
    if found is None:
        return None
    today = now_local.date()
    day = int(found.group(2))
    for months_on in range(0, 13):
        month_index = today.month - 1 + months_on
        year, month = today.year + month_index // 12, month_index % 12 + 1
        if found.group(1) is not None and month != int(found.group(1)):
            continue
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            continue
        if date >= today:
            return (date - today).days
    return None


def _resolve(
    now_local: datetime.datetime,
    day_offset: int | None,
    hour: int | None,
    minute: int,
    period: str | None,
) -> datetime.datetime | None:
    """Turn what was said into one local moment, choosing the sensible reading of an ambiguous
    hour."""
    if hour is None:
        if period is None:
            hour, minute = 9, 0  # "tomorrow", with no hour: a morning car
        else:
            hour, minute = DEFAULT_HOURS[period], 0
    if period in ("afternoon", "evening") and hour < 12:
        hour += 12
    elif period == "noon" and hour < 6:
        hour += 12  # 中午一点 is 13:00
    elif period == "morning" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    if day_offset is not None:
        if period is None and 1 <= hour <= 6:
            hour += 12  # "tomorrow at three" is an afternoon, not the middle of the night
        day = now_local.date() + datetime.timedelta(days=day_offset)
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=now_local.tzinfo)
    for day_offset in (0, 1):
        if period is not None or hour >= 12:
            readings = [hour]
        elif day_offset == 0:
            readings = [hour, hour + 12]  # "at nine" at 10 am is tonight
        else:
            # Tomorrow: a daytime hour.
            readings = [hour + 12, hour] if 1 <= hour <= 6 else [hour, hour + 12]
        for candidate_hour in readings:
            day = now_local.date() + datetime.timedelta(days=day_offset)
            moment = datetime.datetime.combine(
                day, datetime.time(candidate_hour, minute), tzinfo=now_local.tzinfo
            )
            if moment > now_local - GRACE:
                return moment
    return None


def _gone_today(
    moment: datetime.datetime, now_local: datetime.datetime, hour: int | None, period: str | None
) -> bool:
    """Tell whether `moment`, read from a day said with no hour and no part of the day ("今天去协和"
    in the evening), has passed: the morning car the day alone gives is gone, and the soonest car
    is now (an hour the caller said stays, and the line tells them it has passed)."""
    return hour is None and period is None and moment < now_local - GRACE


def _result(moment: datetime.datetime, matched: str) -> When:
    return {
        "now": False,
        "at": moment.astimezone(datetime.UTC).isoformat(timespec="minutes"),
        "local": moment.strftime("%Y-%m-%d %H:%M"),
        "said": matched,
    }


def _not_a_house(pattern: str, digits: str) -> re.Match[str] | None:
    """Return the first match of `pattern` that no street follows: "three ten church street" and
    "four twenty two oak ridge road" are house numbers, not times."""
    return next(
        (
            match
            for match in re.finditer(pattern, digits)
            if not numbers.street_follows(digits[match.end() :])
            and not numbers.ordinal_follows(digits[match.end() :])
        ),
        None,
    )


def _without_greeting(value: str, times: Mapping[str, Any]) -> str:
    """Return English `value` without a part of the day said as a greeting at its start ("morning
    love take me to the hospital"): one opening the turn, with more said after it."""
    said = value.split()
    first = 0
    while first < len(said) and said[first] in times["greeting_openers"]:
        first += 1
    if (
        first < len(said) - 1
        and said[first] in times["greetings"]
        and said[first + 1] not in times["greeting_not_before"]
    ):
        return " ".join(said[:first] + said[first + 1 :])
    return value


def parse_english(
    value: str,
    now_local: datetime.datetime,
    names: Iterable[str] = (),
    placed: Iterable[str] = (),
) -> tuple[When | None, str]:
    """Return (when, text without the time words) for English text already tidied; a place's
    `names` with a number in them ("7 eleven") said after "the" or "to" (and the like) are no
    time, nor are those `placed` on the place's street wherever said."""
    vocabulary = words("en")
    times = vocabulary["time"]
    value = _without_greeting(value, times)
    digits = _english_numbers(value, vocabulary["numbers"])
    on_street = {_english_numbers(name, vocabulary["numbers"]) for name in placed}
    if on_street:
        digits = tidy.compiled(rf"(?<![\w'])(?:{tidy.either(on_street)})(?![\w'])").sub(" ", digits)
    named = {_english_numbers(name, vocabulary["numbers"]) for name in names}
    if named:
        # "take me to the seven eleven" is the shop; "at seven eleven" stays a time.
        # The words before them are numbered_names' ("the", "to", "my"...), read once in voice.
        before = tidy.either(
            [*vocabulary["numbered_name_articles"], *vocabulary["numbered_name_markers"]]
        )
        digits = re.sub(rf"(?<![\w'])(?:{before}) (?:{tidy.either(named)})(?![\w'])", " ", digits)
    relative = re.search(
        r"\bin (?:(\d+)|an?|half an?|1) ?(minutes?|mins?|hours?|hour)\b|\bin half an hour\b", digits
    )
    if relative:
        if "half" in relative.group(0):
            delta = datetime.timedelta(minutes=30)
        else:
            amount = int(relative.group(1) or 1)
            unit = relative.group(2) or "hour"
            delta = (
                datetime.timedelta(hours=amount)
                if unit.startswith("hour")
                else datetime.timedelta(minutes=amount)
            )
        if delta <= datetime.timedelta(days=2):
            return _result(now_local + delta, relative.group(0)), value.replace(
                relative.group(0), " "
            )
    day_offset = _day_offset(digits, times, contains=tidy.contains_phrase)
    if day_offset is None:
        day_offset = _weekday_offset(digits, vocabulary, now_local)
    period = _period(digits, times)
    hour = minute = None
    # "post four forty four", "room two twelve": a number that names something is no time.
    names = tidy.either(vocabulary["number_names"])
    digits = re.sub(rf"(?<![\w'])(?:{names}) \d+(?: \d+)*\b", " ", digits)
    clock = (
        re.search(r"\bhalf past (\d{1,2})\b", digits)
        or re.search(r"\b(?:a )?quarter past (\d{1,2})\b", digits)
        or re.search(r"\b(?:a )?quarter to (\d{1,2})\b", digits)
        or _not_a_house(r"\b(\d{1,2})[: ](\d{2})\b", digits)
        or re.search(r"\b(\d{1,2}) ?(?:o'?clock|o clock|a ?m|p ?m)\b", digits)
        or _not_a_house(rf"\b(?:{_clock_markers(times)}) (\d{{1,2}})\b", digits)
    )
    if clock:
        hour = int(clock.group(1))
        said = clock.group(0)
        if said.startswith("half past"):
            minute = 30
        elif "quarter past" in said:
            minute = 15
        elif "quarter to" in said:
            hour, minute = hour - 1, 45
        elif clock.lastindex and clock.lastindex >= 2:
            minute = int(clock.group(2))
        else:
            minute = 0
    if period is None:
        period = _meridiem(digits, times)
    if hour is None and day_offset is None and period is None:
        # "now what was it" turns the talk: no time.
        now_said = _first(
            tidy.without_phrases(value, vocabulary["not_now"], "en"), vocabulary["now"]
        )
        if now_said:
            return {"now": True, "said": now_said}, value
        return None, value
    moment = _resolve(now_local, day_offset, hour, minute or 0, period)
    if moment is None:
        return None, value
    if _gone_today(moment, now_local, hour, period):
        return {"now": True, "said": digits}, _strip_english_time(value, vocabulary, placed)
    return _result(moment, digits), _strip_english_time(value, vocabulary, placed)


def _clock_markers(times: Mapping[str, Any]) -> str:
    """Return the pattern of the words that make a bare number after them an hour ("at four",
    "move it to four")."""
    return tidy.either([*times["at"], *times["moved_to"]])


def _strip_english_time(value: str, vocabulary: Mapping[str, Any], kept: Iterable[str] = ()) -> str:
    """Remove the words of a time from English text, leaving the rest of the sentence and the
    names `kept` ("up at nine wells at quarter past eleven" keeps "nine wells")."""
    # A name kept is read as one word while the time is taken out: its number is no hour.
    for name in sorted(set(kept), key=len, reverse=True):
        value = tidy.whole(name).sub(name.replace(" ", "_"), value)
    return " ".join(
        word.replace("_", " ") if "_" in word else word
        for word in _without_time_words(value, vocabulary).split()
    )


def _without_time_words(value: str, vocabulary: Mapping[str, Any]) -> str:
    """Remove the words of a time from English text, leaving the rest of the sentence."""
    times = vocabulary["time"]
    phrases = [
        phrase
        for key in (
            "today",
            "tomorrow",
            "day_after_tomorrow",
            "morning",
            "afternoon",
            "evening",
            "noon",
            "half_past",
            "quarter_past",
            "quarter_to",
            "oclock",
        )
        for phrase in times[key]
    ]
    numbers = list(vocabulary["numbers"]) + [r"\d{1,2}(?::\d{2})?"]
    # "at ten a m": the "a m" goes with its number, which the "at" rule below takes.
    number, meridiem = "|".join(numbers), tidy.either([*times["am"], *times["pm"]])
    days = tidy.either([*times["today"], *times["tomorrow"]])
    oclock = tidy.either(times["oclock"])
    said = rf"(?:{number})(?: (?:{number}))?(?: (?:{oclock}))?|{days}"
    value = re.sub(
        rf"(?<![\w'])({said}) (?:{meridiem})(?![\w'])",
        r"\1",
        value,
    )
    # "late for the eleven o'clock mass": the hour goes with its o'clock, not into the mass's name.
    value = re.sub(rf"(?<![\w'])(?:{number})(?: (?:{number}))? (?:{oclock})(?![\w'])", " ", value)
    for phrase in sorted(phrases, key=len, reverse=True):
        value = tidy.whole(phrase).sub(" ", value)
    value = re.sub(
        rf"\b(?:{_clock_markers(times)})\s+(?:{'|'.join(numbers)})(?:\s+(?:{'|'.join(numbers)}))?\b",
        " ",
        value,
    )
    return " ".join(value.split())


def parse_chinese(value: str, now_local: datetime.datetime) -> tuple[When | None, str]:
    """Return (when, text without the time words) for Chinese text already tidied."""
    vocabulary = words("zh")
    times = vocabulary["time"]
    digits = tidy.chinese_digits(value)
    relative = re.search(r"(\d+|半)(?:个)?(小时|钟头|分钟|分)(?:以后|之后|后)", digits)
    if relative:
        amount = 0.5 if relative.group(1) == "半" else int(relative.group(1))
        delta = (
            datetime.timedelta(hours=amount)
            if relative.group(2) in ("小时", "钟头")
            else datetime.timedelta(minutes=amount)
        )
        if delta <= datetime.timedelta(days=2):
            return _result(now_local + delta, relative.group(0)), value
    contains = lambda text, phrase: phrase in text  # noqa: E731 - Chinese has no word spaces
    day_offset = _day_offset(digits, times, contains=contains)
    if day_offset is None:
        day_offset = _chinese_weekday_offset(digits, vocabulary, now_local)
    if day_offset is None:
        day_offset = _chinese_month_day_offset(digits, vocabulary, now_local)
    period = next(
        (
            name
            for name in ("noon", "morning", "afternoon", "evening")
            if any(p in digits for p in times[name])
        ),
        None,
    )
    # 快一点 / 晚一点 ("a bit faster / later") are not one o'clock.
    clock = re.search(
        r"(?<![快慢早晚多少好差])(\d{1,2})点(?:钟)?(半|1刻|3刻|(\d{1,2})分?)?", digits
    )
    hour = minute = None
    if clock:
        hour = int(clock.group(1))
        rest = clock.group(2) or ""
        minute = {"半": 30, "1刻": 15, "3刻": 45}.get(
            rest, int(clock.group(3)) if clock.group(3) else 0
        )
    if hour is None and day_offset is None and period is None:
        said = next(
            (
                phrase
                for phrase in sorted(vocabulary["now"], key=len, reverse=True)
                if phrase in value
            ),
            None,
        )
        return ({"now": True, "said": said}, value) if said else (None, value)
    moment = _resolve(now_local, day_offset, hour, minute or 0, period)
    if moment is None:
        return None, value
    if _gone_today(moment, now_local, hour, period):
        return {"now": True, "said": digits}, _strip_chinese_time(value, times)
    return _result(moment, clock.group(0) if clock else digits), _strip_chinese_time(value, times)


def _strip_chinese_time(value: str, times: Mapping[str, Any]) -> str:
    """Remove the words of a time from Chinese text, keeping numerals that belong to names."""
    numeral = "[零〇一幺二两三四五六七八九十0-9]"
    value = re.sub(
        rf"(?<![快慢早晚多少好差]){numeral}{{1,3}}点(?:钟)?(?:半|一刻|三刻|{numeral}{{1,3}}分?)?",
        "",
        value,
    )
    for key in (
        "day_after_tomorrow",
        "tomorrow",
        "today",
        "morning",
        "afternoon",
        "evening",
        "noon",
        # "改到礼拜三": what moves the ride there goes with its time, and names no place.
        "moved_to",
    ):
        for phrase in sorted(times[key], key=len, reverse=True):
            value = value.replace(phrase, "")
    return value


@functools.cache
def chinese_weekday() -> str:
    """Return the pattern of a day of the week said in Chinese, as the next one, the last, next
    week's or every week's ("星期五", "下周一", "每个礼拜二")."""
    vocabulary = words("zh")
    named = tidy.either(vocabulary["weekday_words"])
    before = tidy.either([*vocabulary["weekday_past"], *vocabulary["weekday_next_week"]])
    return rf"(?:{before})?(?:{named})[一二三四五六七日天1-7]"


def without_weekdays(value: str, language: str) -> str:
    """Return tidied `value` without the day of the week it names ("on friday", "下周五"), which
    the rest of the parser reads as before (a day may help name a place: "sunday mass")."""
    vocabulary = words(language)
    if language == "zh":
        return re.sub(chinese_weekday(), "", value)
    weekdays = tidy.either(vocabulary["weekdays"])
    said = rf"(?<![\w'])(?:(?:on|this|next) )?(?:{weekdays})(?![\w'])"
    return " ".join(re.sub(said, " ", value).split())


def move_not_asked(spoken: str, language: str) -> str | None:
    """Return "no" when English `spoken` refuses a move of the ride ("don't move it to four"),
    "asked about" when it asks about one or tells of one others want ("why did you move it to
    four", "they want to move it to four"), else None."""
    if language == "zh":
        return None
    times = words(language)["time"]
    moves = tidy.either(times["moved_to"])
    for said, kind in (("move_asked_about", "asked about"), ("move_refused", "no")):
        if tidy.compiled(rf"(?<![\w'])(?:{tidy.either(times[said])}) (?:{moves})(?![\w'])").search(
            spoken
        ):
            return kind
    return None


def told_of_the_past(spoken: str, language: str) -> bool:
    """Tell whether English `spoken` tells of something done today and asks for nothing ("my
    sister rang this morning", "karen called earlier"): its day word says when it happened."""
    vocabulary = words(language)
    if language == "zh":
        return False
    days = [*vocabulary["time"]["today"], *vocabulary["past_event_days"]]
    asking = [*vocabulary["asks"], *vocabulary["books"], *vocabulary["destination_markers"]]
    if not tidy.has_phrase(spoken, days, language) or tidy.has_phrase(spoken, asking, language):
        return False
    not_after = set(vocabulary["past_event_not_after"])
    return any(
        not set(spoken[:start].split()[-1:]) & not_after
        for start, _ in tidy.spans(spoken, vocabulary["past_events"], language)
    )


def only_a_day(spoken: str, language: str) -> bool:
    """Tell whether the only time `spoken` (tidied) names is a day ("on friday", "today", "明天"),
    with no hour and no part of the day."""
    vocabulary = words(language)
    times = vocabulary["time"]
    days = [*times["today"], *times["tomorrow"], *times["day_after_tomorrow"]]
    periods = [*times["morning"], *times["afternoon"], *times["evening"], *times["noon"]]
    dated = tidy.has_phrase(spoken, days, language) or by_weekday(spoken, language)
    if not dated or tidy.has_phrase(spoken, periods, language):
        return False
    undated = without_weekdays(tidy.without_phrases(spoken, days, language), language)
    return parse(undated, language)[0] is None


def by_weekday(spoken: str, language: str) -> bool:
    """Tell whether the only day `spoken` (tidied) names is a day of the week ("on friday",
    "星期五")."""
    vocabulary = words(language)
    times = vocabulary["time"]
    if tidy.has_phrase(
        spoken, [*times["today"], *times["tomorrow"], *times["day_after_tomorrow"]], language
    ):
        return False
    days = tidy.either(vocabulary["weekdays"])
    if language == "zh":
        return re.search(tidy.either(vocabulary["weekday_words"]), spoken) is not None
    return re.search(rf"(?<![\w'])(?:{days})(?![\w'])", spoken) is not None


def _weekdays_said(vocabulary: Mapping[str, Any], language: str) -> list[str]:
    """Return the ways `language` says a day of the week ("on tuesday", 星期二, 礼拜天)."""
    if language == "zh":
        return [
            named + day
            for named in vocabulary["weekday_words"]
            for day in "一二三四五六日天1234567"
            if tidy.chinese_digits(day) in vocabulary["weekdays"]
        ]
    return [said for day in vocabulary["weekdays"] for said in (day, f"on {day}")]


def without_today_told(spoken: str, language: str) -> str:
    """Return `spoken` (tidied) without the day it is told to be today ("today is sunday i need to
    go to grady on friday", 今天是星期一我要星期五去医院): another day said is the ride's, and with
    none the told day is today, not the same day a week on."""
    vocabulary = words(language)
    days = (
        _weekdays_said(vocabulary, language) if language == "zh" else list(vocabulary["weekdays"])
    )
    told = [form.format(day=day) for form in vocabulary["today_told"] for day in days]
    if not tidy.has_phrase(spoken, told, language):
        return spoken
    rest = tidy.without_phrases(spoken, told, language)
    # "today is friday take me to church on friday": the told day said again is today too, not
    # the same day a week on.
    spoken = _told_day_again(spoken, told, days, vocabulary, language)
    rest = tidy.without_phrases(spoken, told, language)
    # The told day is today's name: with no other day said, it is left as "today".
    today = "" if tidy.has_phrase(rest, days, language) else vocabulary["time"]["today"][0]
    for phrase in sorted(told, key=len, reverse=True):
        if language == "zh":
            spoken = spoken.replace(phrase, today)
        else:
            spoken = tidy.whole(phrase).sub(f" {today} ", spoken)
    return spoken if language == "zh" else " ".join(spoken.split())


def _told_day_again(
    spoken: str, told: list[str], days: list[str], vocabulary: Mapping[str, Any], language: str
) -> str:
    """Return `spoken` with the day told to be today's, said again apart from its telling, read as
    today ("today is friday ... on friday", "今天礼拜五，礼拜五去医院")."""

    def weekday(day: str) -> str:
        return vocabulary["weekdays"][tidy.chinese_digits(day[-1])] if language == "zh" else day

    tellings = tidy.spans(spoken, told, language)
    told_said = [spoken[begin:end] for begin, end in tellings]
    named = {weekday(day) for day in days if any(phrase.endswith(day) for phrase in told_said)}
    same = [day for day in days if weekday(day) in named]
    if language != "zh":
        same = [f"{before} {day}" for day in same for before in ("on", "this")] + same
    if not same:
        return spoken
    said = tidy.either(same) if language == "zh" else rf"(?<![\w'])(?:{tidy.either(same)})(?![\w'])"
    gap = "" if language == "zh" else " "
    today = vocabulary["time"]["today"][0]
    found = [
        match.span()
        for match in tidy.compiled(said).finditer(spoken)
        if same and not any(first <= match.start() < last for first, last in tellings)
    ]
    for begin, stop in sorted(found, reverse=True):
        spoken = spoken[:begin] + gap + today + gap + spoken[stop:]
    return spoken if language == "zh" else " ".join(spoken.split())


def without_past_times(spoken: str, language: str) -> str:
    """Return `spoken` without the day words that date something done ("karen rang this morning,
    take me to karen's", "今天早上女儿来过了下午去永辉"): when it happened is no time for a car,
    while a time said with the request still is."""
    vocabulary = words(language)
    days = [
        *(
            word
            for key in ("today", "morning", "afternoon", "evening", "noon")
            for word in vocabulary["time"][key]
        ),
        *vocabulary["past_event_days"],
        # "i went to the market on tuesday can i go again on friday": a day of the week is dated
        # by a deed as a day word is.
        *_weekdays_said(vocabulary, language),
    ]
    asking = [*vocabulary["asks"], *vocabulary["books"], *vocabulary["destination_markers"]]
    reach = vocabulary["past_event_reach"]
    dated = []
    for start, end in tidy.spans(spoken, days, language):
        # "my knee's been aching since this morning", "从早上就头疼": how long, not when.
        openers = vocabulary["duration_openers"]
        if language == "zh":
            lasting = spoken[:start].endswith(tuple(openers))
        else:
            said = spoken[:start].split()
            lasting = any(said[-len(opener.split()) :] == opener.split() for opener in openers)
        if lasting:
            dated.append((start, end))
            continue
        if language == "zh":
            # The day said before the deed: 今天早上女儿来过了.
            after = spoken[end : end + reach]
            # Only what is said between the day and its deed may ask: the deed's own 去
            # ("星期二去过超市") asks for nothing.
            done = [begin for begin, _ in tidy.spans(after, vocabulary["past_events"], language)]
            between = after[: min(done)] if done else ""
            if done and not tidy.has_phrase(between, asking, language):
                dated.append((start, end))
            elif done and _went_before_another_day(spoken, end, between, days, vocabulary):
                dated.append((start, end))
            continue
        # The day said after the deed or before it: "karen rang this morning", "this morning
        # karen rang".
        before = " ".join(spoken[:start].split()[-reach:])
        after = " ".join(spoken[end:].split()[:reach])
        not_after = set(vocabulary["past_event_not_after"])
        for near, nearer_first in ((before, True), (after, False)):
            deeds = [
                (begin, stop)
                for begin, stop in tidy.spans(near, vocabulary["past_events"], language)
                if not set(near[:begin].split()[-1:]) & not_after
            ]
            if not deeds:
                continue
            begin, stop = max(deeds) if nearer_first else min(deeds)
            between = near[stop:] if nearer_first else near[:begin]
            if nearer_first:
                # "i went to the market on tuesday": the "to" or "at" right after the deed says
                # where it was done, and asks for nothing.
                said = between.split()
                while said and said[0] in vocabulary["past_direction_ends"]:
                    said = said[1:]
                between = " ".join(said)
            if not tidy.has_phrase(between, asking, language):
                dated.append((start, end))
                break
    spans = tidy.spans(spoken, days, language)
    if dated and any(start > max(dated)[0] for start, _ in set(spans) - set(dated)):
        # "今天早上女儿来过了下午去永辉": the day said first is the later request's too.
        today = vocabulary["time"]["today"]
        dated = [(start, end) for start, end in dated if spoken[start:end] not in today]
    # "this morning" holds "morning": each stretch is taken out once.
    dated = [
        (start, end)
        for start, end in set(dated)
        if not any(
            begin <= start and end <= stop and (begin, stop) != (start, end)
            for begin, stop in dated
        )
    ]
    for start, end in sorted(dated, reverse=True):
        spoken = spoken[:start] + ("" if language == "zh" else " ") + spoken[end:]
    return spoken if language == "zh" else " ".join(spoken.split())


def _went_before_another_day(
    spoken: str, end: int, between: str, days: list[str], vocabulary: Mapping[str, Any]
) -> bool:
    """Tell whether Chinese `between`, said from a day (ending at `end`) to a deed, only says where
    the deed was done ("星期五去医院看过了星期三去超市": 去医院 went with 看过), another day being
    said after the deed for the ride."""
    markers = [marker for marker in vocabulary["destination_markers"] if len(marker) == 1]
    rest = spoken[end + len(between) :]
    return (
        between[:1] in markers
        and not tidy.has_phrase(between, [*vocabulary["asks"], *vocabulary["books"]], "zh")
        and tidy.has_phrase(rest, days, "zh")
    )


def parse(
    value: str,
    language: str,
    *,
    now: datetime.datetime | None = None,
    timezone: str | None = "UTC",
    names: Iterable[str] = (),
    placed: Iterable[str] = (),
) -> tuple[When | None, str]:
    """Return (when, remaining text): when is {"now": True}, {"at", "local", "said"}, or None;
    English `names` (a senior's place names, tidied) holding a number are read as no time after
    "the" or "to", and those `placed` on their street nowhere."""
    zone = zoneinfo.ZoneInfo(timezone or "UTC")
    now_local = (now or datetime.datetime.now(datetime.UTC)).astimezone(zone)
    if language == "zh":
        return parse_chinese(value, now_local)
    return parse_english(value, now_local, names, placed)
