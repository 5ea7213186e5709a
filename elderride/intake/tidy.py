"""Tidying what the recognizer or a person typed, so phrases compare as words."""

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from elderride.intake.vocabulary import words

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "幺": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_NUMBER = re.compile(r"[零〇一幺二两三四五六七八九十百]+")
# The most digits a number a caller says has (a phone number said digit by digit): a longer run
# is no number, and Python refuses to turn more than 4,300 digits into text at all.
LONGEST_NUMBER = 15


def english(value: str | None) -> str:
    """Lower-case, keep letters, digits, apostrophes and clock colons, one space between words."""
    value = unicodedata.normalize("NFKC", value or "").translate(_APOSTROPHES).lower()
    value = re.sub(r"(?<=\d)[.](?=\d\d\b)", ":", value)  # 9.30 -> 9:30
    value = re.sub(r"[^\w\s':]", " ", value)
    value = re.sub(r"(?<!\d):|:(?!\d)", " ", value)
    value = re.sub(r"(?<!\w)'|'(?!\w)", " ", value)
    return _spelled_together(" ".join(value.split()))


def _spelled_together(value: str) -> str:
    """Join letters a recognizer wrote one by one ("the v f w" -> "the vfw"); a run that starts with
    the words "a" or "i" is left as said, and one that ends with "i" before what the caller does
    ("the h e b i need masa") ends before it."""
    return _spelled().sub(
        lambda run: run.group(0) if run.group(0)[0] in "ai" else run.group(0).replace(" ", ""),
        value,
    )


@functools.cache
def _spelled() -> re.Pattern[str]:
    """Return the pattern of a run of letters said one by one, ending before "i" and a verb."""
    verbs = either(words("en")["caller_means"])
    return re.compile(
        rf"(?<!\S)[a-z](?: [a-z])+?(?= i (?:{verbs})(?!\S))|(?<!\S)[a-z](?: [a-z])+(?!\S)"
    )


def chinese(value: str | None) -> str:
    """Drop spaces and punctuation (recognizers put spaces between Chinese words) and use ASCII
    digits."""
    value = unicodedata.normalize("NFKC", value or "").lower()
    return "".join(char for char in value if char.isalnum())


def either(phrases: Iterable[str]) -> str:
    """A regular expression matching any of `phrases`, the longest first (so "no way" is tried
    before "no")."""
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))


def standard_words(
    spoken: str,
    table: Mapping[str, str],
    kept: Iterable[str] = (),
    names: Iterable[str] = (),
    *,
    language: str = "zh",
) -> str:
    """Return tidied `spoken` with each dialect word of `table` said the standard way (阿拉 -> 我,
    "yous" -> "you"), the longest first, as whole words in English; in Chinese never inside a word
    `kept` or one of `names` (English leaves those out of `table`)."""
    if not table:
        return spoken
    if language != "zh":
        found = _whole_words(tuple(table))
        return " ".join(found.sub(lambda match: table[match.group()], spoken).split())

    def spans(found: Iterable[str]) -> list[tuple[int, int]]:
        return [
            span for word in {word for word in found if word} for span in occurrences(spoken, word)
        ]

    # "我上午" keeps its 上 and "想起" its 起: a Mandarin word kept is never read as dialect, unless
    # a longer dialect phrase holds it whole ("早上上医院": the go verb after 早上). A name
    # (上海路菜场, 克明) keeps what it shares with a dialect word, unless the dialect word covers
    # it whole (屋头, a home's alias, is read as 家 like any 屋头).
    guards = [(start, stop, False) for start, stop in spans(kept)]
    guards += [(start, stop, True) for start, stop in spans(names)]
    # Each guard under each character it holds: a word is checked against the few guards under
    # it, not every guard of a long sentence.
    under: dict[int, list[tuple[int, int, bool]]] = {}
    for guard in guards:
        for position in range(guard[0], guard[1]):
            under.setdefault(position, []).append(guard)
    starts = _by_first_character(tuple(table))
    said: list[str] = []
    index = 0
    while index < len(spoken):
        for key in starts.get(spoken[index], ()):
            # "^上" is read so only where the caller began ("上医院去").
            word = key.removeprefix("^")
            end = index + len(word)
            if (
                (key == word or not index)
                and spoken.startswith(word, index)
                and not any(
                    not (index <= start <= stop <= end and (covered or stop - start < end - index))
                    for position in range(index, end)
                    for start, stop, covered in under.get(position, ())
                )
            ):
                said.append(table[key])
                index = end
                break
        else:
            said.append(spoken[index])
            index += 1
    return "".join(said)


@functools.lru_cache(maxsize=64)
def _whole_words(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Return a pattern matching any of `phrases` as whole English words, kept for the next call
    (the lexicon has a thousand and more; about 60 kB a senior, so only the latest few)."""
    return re.compile(rf"(?<![\w'])(?:{either(phrases)})(?![\w'])")


@functools.lru_cache(maxsize=64)
def _by_first_character(said: tuple[str, ...]) -> dict[str, list[str]]:
    """Return the words `said` (a table's) by their first character, the longest first, kept for
    the next turn (sorting the 2,700 Chinese dialect words took a millisecond a turn)."""
    found: dict[str, list[str]] = {}
    for word in sorted(said, key=lambda key: len(key.removeprefix("^")), reverse=True):
        if word.removeprefix("^"):
            found.setdefault(word.removeprefix("^")[0], []).append(word)
    return found


def chinese_numeral(token: str) -> int | None:
    """Return the value of a Chinese numeral up to 999 (十二, 二十五, 两, 一百零五), or None."""
    if (
        not token
        or len(token) > LONGEST_NUMBER
        or any(char not in CHINESE_DIGITS and char not in "十百" for char in token)
    ):
        return None
    if all(char in CHINESE_DIGITS for char in token):
        # Digit by digit, as in 一零五 (room numbers) or a single digit.
        value = 0
        for char in token:
            value = value * 10 + CHINESE_DIGITS[char]
        return value
    total, current = 0, 0
    for char in token:
        if char in CHINESE_DIGITS:
            current = CHINESE_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def chinese_digits(value: str) -> str:
    """Replace Chinese numerals with ASCII digits (for times and menu numbers only, never place
    names)."""
    return _CHINESE_NUMBER.sub(
        lambda match: str(
            chinese_numeral(match.group())
            if chinese_numeral(match.group()) is not None
            else match.group()
        ),
        value,
    )


@functools.lru_cache(maxsize=16384)
def compiled(expression: str) -> re.Pattern[str]:
    """Return `expression` compiled, kept for the next call: patterns built from a phrase or a
    senior's names number thousands (about 8 a senior, for several hundred seniors calling close
    together), more than the re module keeps (512), which then compiled them all again on every
    turn that followed a turn in the other language (about 1.7 kB each: at most 28 MB)."""
    # Compiled past re's own cache: kept there too, hundreds of seniors' patterns would push out
    # the fixed patterns that re's module functions (re.sub, re.search) find in it.
    return re._compiler.compile(expression, 0)  # type: ignore[attr-defined,no-any-return]


@functools.lru_cache(maxsize=8192)
def whole(phrase: str) -> re.Pattern[str]:
    """Return the pattern matching English `phrase` as whole words."""
    return compiled(rf"(?<![\w']){re.escape(phrase)}(?![\w'])")


def occurrences(spoken: str, word: str) -> list[tuple[int, int]]:
    """Return where `word` stands in `spoken`, left to right and not overlapping (as
    re.finditer(re.escape(word)) would, without a pattern for each word)."""
    if not word:
        return [(index, index) for index in range(len(spoken) + 1)]
    found = []
    start = spoken.find(word)
    while start >= 0:
        found.append((start, start + len(word)))
        start = spoken.find(word, start + len(word))
    return found


def contains_phrase(text: str, phrase: str) -> bool:
    """Tell whether an English `phrase` stands in `text` as whole words."""
    return whole(phrase).search(text) is not None


def has_phrase(spoken: str, phrases: Iterable[str], language: str) -> bool:
    """Tell whether one of `phrases` is in `spoken`: as whole words in English, anywhere in Chinese
    (no word spaces)."""
    if language == "zh":
        return any(phrase in spoken for phrase in phrases)
    return any(contains_phrase(spoken, phrase) for phrase in phrases)


def spans(spoken: str, phrases: Iterable[str], language: str) -> list[tuple[int, int]]:
    """Return where each of `phrases` is said in `spoken` (tidied): anywhere in Chinese, as whole
    words in English."""
    if language == "zh":
        return [span for phrase in phrases for span in occurrences(spoken, phrase)]
    return [match.span() for phrase in phrases for match in whole(phrase).finditer(spoken)]


def without_phrases(spoken: str, phrases: Iterable[str], language: str) -> str:
    """Return `spoken` with each of `phrases` taken out (the longest first), leaving a space where
    it stood so that no new word is made across the gap."""
    for phrase in sorted(phrases, key=len, reverse=True):
        if language == "zh":
            spoken = spoken.replace(phrase, " ")
        else:
            spoken = whole(phrase).sub(" ", spoken)
    return spoken


def strip_fillers(spoken: str, fillers: Sequence[str], language: str) -> str:
    """Remove filler words from the ends of a phrase ("the bank please" -> "bank" stays
    meaningful)."""
    if language == "zh":
        # The longest filler is tried again after each one taken: "嗯那个嘛" loses 嗯 then 那个,
        # where going on down the list took 那 and left 个. Only the fillers that begin with the
        # first character or end with the last are tried, and the words are cut once at the end:
        # trying every filler and copying the rest at each one made a long turn quadratic.
        starting, ending = _fillers_by_end(tuple(fillers))
        start, end = 0, len(spoken)
        while start < end:
            found = _first_filler(spoken, start, end, starting, ending)
            if found is None:
                break
            if found[1]:
                start += len(found[0])
            else:
                end -= len(found[0])
        return spoken[start:end]
    tokens = spoken.split()
    single = {filler for filler in fillers if " " not in filler}
    multi = sorted((filler.split() for filler in fillers if " " in filler), key=len, reverse=True)
    changed = True
    while changed and tokens:
        changed = False
        for phrase in multi:
            if tokens[: len(phrase)] == phrase:
                tokens, changed = tokens[len(phrase) :], True
            if tokens[-len(phrase) :] == phrase:
                tokens, changed = tokens[: -len(phrase)], True
        while tokens and tokens[0] in single:
            tokens, changed = tokens[1:], True
        while tokens and tokens[-1] in single:
            tokens, changed = tokens[:-1], True
    return " ".join(tokens)


def said_after(spoken: str, fillers: Sequence[str]) -> list[bool]:
    """Return, for each position of Chinese `spoken` and its end, whether what follows holds more
    than `fillers`: taking fillers off its front stops before taking them off the turn's end does
    ("去医院吧" holds 医院 after 去; "我跟她一起去" nothing after its 去)."""
    starting, ending = _fillers_by_end(tuple(fillers))
    end = len(spoken)
    while end > 0:
        taken = next(
            (
                filler
                for _, filler in ending.get(spoken[end - 1], ())
                if spoken.endswith(filler, 0, end)
            ),
            None,
        )
        if taken is None:
            break
        end -= len(taken)
    # Where taking fillers off the front stops, from each position: read once from the end of
    # the turn, so that asking it of every 去 of a long turn costs no more than the turn's length.
    stops = list(range(len(spoken) + 1))
    for start in range(len(spoken) - 1, -1, -1):
        taken = next(
            (
                filler
                for _, filler in starting.get(spoken[start], ())
                if spoken.startswith(filler, start)
            ),
            None,
        )
        if taken is not None:
            stops[start] = stops[start + len(taken)]
    return [stop < end for stop in stops]


@functools.lru_cache(maxsize=256)
def _fillers_by_end(
    fillers: tuple[str, ...],
) -> tuple[dict[str, list[tuple[int, str]]], dict[str, list[tuple[int, str]]]]:
    """Return Chinese `fillers` by their first and by their last character, each with its place in
    the longest-first order, kept for the next call (a few dozen lists of the lexicon)."""
    starting: dict[str, list[tuple[int, str]]] = {}
    ending: dict[str, list[tuple[int, str]]] = {}
    for rank, filler in enumerate(sorted(fillers, key=len, reverse=True)):
        if filler:
            starting.setdefault(filler[0], []).append((rank, filler))
            ending.setdefault(filler[-1], []).append((rank, filler))
    return starting, ending


def _first_filler(
    spoken: str,
    start: int,
    end: int,
    starting: Mapping[str, list[tuple[int, str]]],
    ending: Mapping[str, list[tuple[int, str]]],
) -> tuple[str, bool] | None:
    """Return the filler the longest-first order takes first from `spoken[start:end]` and whether
    it is taken from the front (the front first for the same filler), or None."""
    front = next(
        (
            (rank, filler)
            for rank, filler in starting.get(spoken[start], ())
            if spoken.startswith(filler, start, end)
        ),
        None,
    )
    back = next(
        (
            (rank, filler)
            for rank, filler in ending.get(spoken[end - 1], ())
            if spoken.endswith(filler, start, end)
        ),
        None,
    )
    if front is not None and (back is None or front[0] <= back[0]):
        return front[1], True
    return None if back is None else (back[1], False)
