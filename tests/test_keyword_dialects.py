"""A keyed step's phrase list carries the answers the parser reads in dialect ("ayuh", "haan ji",
伐要, 乜嘢), and every phrase on it is read as the answer of the list it came from."""

import pytest

from elderride.intake import dialects, parse
from elderride.intake.keywords import LISTS, keyword_phrases, keywords
from elderride.intake.vocabulary import words
from elderride.languages import CODES


def lexicon_readings(language):
    """Each regional phrase of the lexicon file with its standard words, read from the file."""
    found = dialects.lexicon(language)
    return {**found.get("words", {}), **found.get("dialect_words", {})}


def kind_of(language, standard):
    """The intent whose word lists hold `standard`, if a keyed step listens for it."""
    vocabulary = words(language)
    for kind, keys in LISTS.items():
        if any(standard in vocabulary.get(key, ()) for key in keys):
            return kind
    return None


ANSWERS_IN_DIALECT = [
    (language, said, kind_of(language, standard))
    for language in CODES
    for said, standard in lexicon_readings(language).items()
    if kind_of(language, standard)
]


@pytest.mark.parametrize(
    "language, said",
    [
        ("en", "ayuh"),  # New England
        ("en", "haan ji"),  # South Asian English
        ("en", "wey aye"),  # Tyneside
        ("en", "yebo"),  # South Africa
        ("en", "nahi"),
        ("en", "mais non"),  # Louisiana
        ("en", "wha"),  # the Caribbean: what?
        ("zh", "伐要"),  # Shanghai: don't
        ("zh", "唔好"),  # Cantonese: don't
        ("zh", "木有"),
        ("zh", "乜嘢"),  # Cantonese: what?
    ],
)
def test_a_dialect_answer_is_on_the_keyed_phrase_list(language, said):
    assert said in keyword_phrases(language)


def test_the_lexicons_hold_answers_of_every_kind_a_step_listens_for():
    # Else the test below would pass on an empty list.
    kinds = {(language, kind) for language, _, kind in ANSWERS_IN_DIALECT}
    assert {("en", "yes"), ("en", "no"), ("en", "repeat"), ("zh", "no"), ("zh", "repeat")} <= kinds
    assert len(ANSWERS_IN_DIALECT) > 60


@pytest.mark.parametrize("language, said, kind", ANSWERS_IN_DIALECT)
def test_every_dialect_phrase_read_as_an_answer_is_listened_for_as_that_answer(
    language, said, kind
):
    assert said in keywords(language)[kind]
    assert said in keyword_phrases(language)


@pytest.mark.parametrize("language", CODES)
def test_every_keyword_phrase_is_read_as_the_answer_of_its_list(language):
    misread = {
        phrase: parse(phrase, language=language).kind
        for kind, phrases in keywords(language).items()
        for phrase in phrases
        if parse(phrase, language=language).kind != kind
    }
    assert misread == {}


@pytest.mark.parametrize("language", CODES)
def test_every_number_on_the_list_is_read_as_its_menu_choice(language):
    vocabulary = words(language)
    # "oh" alone is a filler, not a zero ("oh, i don't know"); the numbers above nine are on the
    # list for the minutes and hours of a time ("ten forty five"), no menu choice.
    numbers = {
        number: value
        for number, value in vocabulary["numbers"].items()
        if number not in vocabulary.get("fillers", ()) and value <= 9
    }
    chosen = {number: parse(number, language=language, menu_size=9).choice for number in numbers}
    assert chosen == numbers


@pytest.mark.parametrize("language", CODES)
def test_the_list_says_each_phrase_once_and_grows_by_its_dialect_answers_only(language):
    spoken = keyword_phrases(language)
    assert len(spoken) == len(set(spoken))
    vocabulary = words(language)
    standard = {
        phrase for keys in LISTS.values() for key in keys for phrase in vocabulary.get(key, ())
    }
    added = set(spoken) - standard - set(vocabulary["numbers"])
    assert (
        added
        == {said for spoken_in, said, _ in ANSWERS_IN_DIALECT if spoken_in == language} - standard
    )
    # A recognizer's phrase list stays short: the dialects add a fifth at most.
    assert len(added) <= len(spoken) // 5
