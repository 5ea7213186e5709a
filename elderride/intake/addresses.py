"""Whether an address said so far is whole: a house number and a street, in the way each language
says one."""

import re

from elderride.intake import tidy
from elderride.intake.numbers import spoken_numbers
from elderride.intake.vocabulary import words


def is_whole(text: str, language: str) -> bool:
    """Tell whether `text` ends with a whole address ("twenty two oak road", "大关路十二号"), so a
    caller who stops there has finished, not paused between the number and the street."""
    if language == "zh":
        return _whole_in_chinese(tidy.chinese_digits(tidy.chinese(text)))
    return _whole_in_english(tidy.english(text).split())


def _whole_in_english(tokens: list[str]) -> bool:
    vocabulary = words("en")
    street = set(vocabulary["street_words"]) - set(vocabulary["address_goes_on"])
    if len(tokens) < 3 or tokens[-1] not in street:
        return False
    # A house number, then the street's name (a word at least), then the street word said last.
    return any(
        end < len(tokens) - 1 and tokens[end] not in street
        for _, end, _ in spoken_numbers(tokens[:-1])
    )


def _whole_in_chinese(said: str) -> bool:
    vocabulary = words("zh")
    streets = tidy.either(vocabulary["street_ends"])
    numbers = tidy.either(vocabulary["house_number_ends"])
    # A street's name (two characters at least, with its end), then a house number said last; its
    # end or section may come between ("人民大道南一百零五号", "中央大街三段四十六号").
    directions = "".join(vocabulary["street_directions"])
    sections = tidy.either(vocabulary["road_sections"])
    between = rf"(?:[{directions}])?(?:\d+(?:{sections}))?"
    return re.search(rf"\w{{2,}}?(?:{streets}){between}\d+(?:{numbers})$", said) is not None
