"""English words as the place matcher reads them: Word, synonyms, ordinals in digits, function
words and kinds of place."""

import dataclasses
import functools
import re

from rapidfuzz import fuzz

from elderride.intake import tidy
from elderride.intake.vocabulary import words

# Recognizer slips ("hospitle") are taken only on long words: short ones differ by a letter
# too easily ("homes" is not "home").
SLIP_MIN_LENGTH = 6
SLIP_SIMILARITY = 85


@dataclasses.dataclass(frozen=True)
class Word:
    """One word of a place's name or of what was said, with the words that mean the same."""

    text: str
    keys: frozenset[str]
    possessive: bool = False  # "Lily's" in a name: "lilys" is the same word
    title: bool = False  # "Dr" of "Dr Patel": said alone ("the doctor's"), it names no one

    def matches(self, said: "Word") -> bool:
        """Tell whether `said` (a word the caller said) is this word, a synonym of it, or a
        recognizer's slip."""
        if self.keys & said.keys:
            return True
        # "the girls" are friends: the plural of a relation word is no relative's place.
        if (
            self.possessive
            and said.text == self.text + "s"
            and said.text not in words("en")["friend_groups"]
        ):
            return True
        # "it's blowing a gale" is the weather: a word the lexicon reads so is no slip for a name's
        # word ("bowling").
        return (
            min(len(self.text), len(said.text)) >= SLIP_MIN_LENGTH
            and fuzz.ratio(self.text, said.text) >= SLIP_SIMILARITY
            and said.text not in _weather()
        )


@functools.cache
def _weather() -> frozenset[str]:
    return frozenset(words("en")["weather_words"])


@functools.cache
def _groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(group) for group in words("en")["same"])


@functools.cache
def _ordinals() -> dict[str, str]:
    """Return {ordinal word: its digits} ("ninth": "9th"), as streets are written."""
    vocabulary = words("en")
    suffixes = {1: "st", 2: "nd", 3: "rd"}

    def suffix(value: int) -> str:
        return "th" if value % 100 in (11, 12, 13) else suffixes.get(value % 10, "th")

    return {
        said: f"{value}{suffix(value)}"
        for said, value in {**vocabulary["ordinals"], **vocabulary["street_ordinals"]}.items()
    }


@functools.cache
def _compound_ordinals() -> re.Pattern[str]:
    """Return the pattern of an ordinal said as tens and a unit ("forty first", "twenty third")."""
    vocabulary = words("en")
    tens = [
        said for said, value in vocabulary["address_numbers"].items() if value in range(20, 100, 10)
    ]
    return re.compile(
        rf"(?<![\w'])({tidy.either(tens)}) ({tidy.either(vocabulary['ordinals'])})(?![\w'])"
    )


def joined_ordinals(text: str) -> str:
    """Return tidied English `text` with an ordinal of tens and a unit written as a street's
    ("forty first avenue" -> "41st avenue"): read apart, it is house 40 on First Avenue."""
    vocabulary = words("en")

    def joined(found: re.Match[str]) -> str:
        value = (
            vocabulary["address_numbers"][found.group(1)] + vocabulary["ordinals"][found.group(2)]
        )
        # Twenty to ninety plus one to nine: the unit's suffix ("1st") is the whole's ("41st").
        return f"{value}{_ordinals()[found.group(2)][-2:]}"

    text = _compound_ordinals().sub(joined, text)
    # "one forty ninth street" is 149th Street, as New Yorkers say it; "the one forty ninth" is
    # the one on 49th.
    units = [said for said, value in vocabulary["address_numbers"].items() if value in range(1, 10)]
    tens = [
        said for said, value in vocabulary["street_ordinals"].items() if value in range(10, 100)
    ]
    return re.sub(
        rf"(?<![\w'])(?<!the )(?<!that )(?<!this )({tidy.either(units)}) "
        rf"(\d\d(?:st|nd|rd|th)|{tidy.either(tens)})(?![\w'])",
        lambda found: (
            f"{vocabulary['address_numbers'][found.group(1)]}"
            f"{_ordinals().get(found.group(2), found.group(2))}"
        ),
        text,
    )


# Kept per token heard, so bounded: a stream of words never said before (a forged webhook) grew it
# without end; the lexicon and a few hundred seniors' names are far fewer.
@functools.lru_cache(maxsize=8192)
def word(token: str) -> Word:
    """Return the Word for one tidied token, its possessive dropped and an ordinal written in
    digits ("ninth" is "9th")."""
    possessive = token.endswith("'s")
    text = token[:-2] if possessive else token.rstrip("'")
    text = _ordinals().get(text, text)
    keys = {text} | {f"same:{index}" for index, group in enumerate(_groups()) if text in group}
    return Word(text=text, keys=frozenset(keys), possessive=possessive)


@functools.cache
def function_words() -> frozenset[str]:
    vocabulary = words("en")
    return frozenset(vocabulary["function_words"]) | {
        filler for filler in vocabulary["fillers"] if " " not in filler
    }


@functools.cache
def kinds() -> tuple[Word, ...]:
    return tuple(word(kind) for kind in words("en")["kinds"])


def titled(tokens: list[str]) -> list[str]:
    """Read "st" and "dr" as saint and doctor where a name starts ("st mary's", "boots st
    budeaux"), as street words after one ("main st", "king st surgery")."""
    titles = words("en")["name_titles"]
    return [
        titles[token]
        if token in titles
        and (index == 0 or not is_content(tokens[index - 1]) or _names_next(tokens[index + 1 :]))
        else token
        for index, token in enumerate(tokens)
    ]


def _names_next(following: list[str]) -> bool:
    """Tell whether the words after an "st" begin a name of its own ("budeaux" of Boots St
    Budeaux): a word that is no kind of place, street word or number."""
    return bool(following) and (
        is_content(following[0])
        and not says_a_kind(following[0])
        and following[0] not in words("en")["street_words"]
        and not is_number(following[0])
    )


def is_number(token: str) -> bool:
    """Tell whether a tidied token is a number, in digits or as a word ("7", "eleven")."""
    return token.isdigit() or token in words("en")["address_numbers"]


def is_content(token: str) -> bool:
    """Tell whether a tidied token can say which place (not "the", "please", "um")."""
    return token not in function_words() and word(token).text not in function_words()


@functools.cache
def _kind_words() -> frozenset[str]:
    vocabulary = words("en")
    return frozenset(
        {*vocabulary["kinds"], *(item for group in vocabulary["same"] for item in group)}
        | {kind for errand in vocabulary["errands"] for kind in errand["kinds"]}
    )


def says_a_kind(token: str) -> bool:
    """Tell whether a word says what kind of place ("clinic", "surgery"), not which one."""
    return word(token).text in _kind_words()
