"""The words a recognizer's phrase list needs so a caller can name a place as the parser understands
it."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    aliases,
    chinese_names,
    english_scores,
    english_words,
    people,
    place_matching,
    tidy,
)
from elderride.intake.vocabulary import words

_HANZI_NUMERALS = "一二三四五六七八九十"


def _english(places: Sequence[Mapping[str, Any]], persons: Sequence[people.Person]) -> list[str]:
    profiles = [english_scores.profile(place) for place in places]
    street = set(words("en")["street_words"])
    ordinary = set(words("en")["ordinary_words"])
    phrases: list[str] = []
    for item in profiles:
        phrases += item.phrases
        phrases += [" ".join(english_words.titled(phrase.split())) for phrase in item.phrases]
        for said in {
            token
            for phrase in item.phrases
            for token in english_words.titled(phrase.split())
            if english_words.is_content(token)
        }:
            spoken = english_words.word(said)
            if (
                sum(other.has(spoken) for other in profiles) != 1
                or said in street
                or said in ordinary
                or len(said) < 4
                or not said.isalpha()
                and "'" not in said
            ):
                # A word two places share names neither; "street", "st" or an ordinary word
                # ("first", "good") alone names no place.
                continue
            phrases.append(said)
            # The words that mean the same ("chemist" for the pharmacy), which the parser
            # understands too.
            phrases += [
                member
                for group in words("en")["same"]
                if spoken.text in group
                for member in group
                if len(member) > 2 and english_words.is_content(member)
            ]
    for person in persons:
        related = place_matching.related_places(
            people.Mention(people=(person,)), places, persons, "en"
        )
        if len(related) != 1:
            continue
        relations = people.relation_words(person.relation, "en") if person.relation else []
        phrases += [f"{name}'s" for name in person.names] + [
            f"my {relation}'s" for relation in relations
        ]
    return phrases


def _chinese(places: Sequence[Mapping[str, Any]], persons: Sequence[people.Person]) -> list[str]:
    kinds = sorted(words("zh")["kinds"], key=len, reverse=True)
    phrases = []
    for place in places:
        label = tidy.chinese(place["label"])
        phrases += chinese_names.names(place)
        for kind in kinds:
            if len(kind) > 1 and label.endswith(kind) and len(label) > len(kind):
                # The name without its head noun (华联, 邵逸夫), and the head noun
                # when no other place has it (超市).
                phrases.append(label[: -len(kind)].removeprefix("市"))
                if sum(kind in tidy.chinese(other["label"]) for other in places) == 1:
                    phrases.append(kind)
                break
        numeral = re.search(rf"[{_HANZI_NUMERALS}](?=[^{_HANZI_NUMERALS}]*院$)", label)
        if numeral:
            phrases.append(numeral.group() + "院")  # 市第二人民医院 is 二院
    for person in persons:
        related = place_matching.related_places(
            people.Mention(people=(person,)), places, persons, "zh"
        )
        if len(related) != 1:
            continue
        relations = people.relation_words(person.relation, "zh") if person.relation else []
        phrases += [f"{name}家" for name in person.names if len(name) > 1] + [
            f"{relation}家" for relation in relations
        ]
    return phrases


def place_phrases(
    places: Sequence[Mapping[str, Any]], language: str, contacts: Sequence[Mapping[str, Any]] = ()
) -> list[str]:
    """Return what a caller may say for each place: its names, words only it has, short forms and
    the family it belongs to."""
    places = aliases.heard(places)
    persons = people.people(contacts)
    found = _chinese(places, persons) if language == "zh" else _english(places, persons)
    unique = []
    for phrase in found:
        phrase = " ".join(phrase.split())
        if phrase and phrase not in unique:
            unique.append(phrase)
    return unique
