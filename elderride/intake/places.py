"""Finding which of a senior's places a caller means: through the family they name, then by the place's own words."""

from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import chinese_places, english_places, people
from elderride.intake import text as tidy

Place = Mapping[str, Any]


def _said_in(place: Place, ways: set[str], language: str) -> bool:
    """Tell whether a place's label or an alias holds one of `ways` (words of a relation, a contact's names)."""
    if language == "zh":
        return any(way in name for name in chinese_places.names(place) for way in ways if way)
    place_words = {english_places.word(token).text for name in [place["label"], *(place.get("aliases") or ())] for token in tidy.english(name).split()}
    return bool(place_words & ways)


def related_places(mention: people.Mention, places: Sequence[Place], persons: Sequence[people.Person], language: str) -> list[Place]:
    """Return the places of the relations and contacts mentioned: named for them ("儿子家", "my daughter's") or for their name ("Tom's home")."""
    ways = {name for person in mention.people for name in person.names}
    # A contact named is also their relation: "去王强家" is 儿子家 when 王强 is the son.
    for key in mention.relations | {person.relation for person in mention.people if person.relation}:
        ways |= set(people.relation_words(key, language)) | {key.replace("_", " ")}
        ways |= {name for person in persons if person.relation == key for name in person.names}
    return [place for place in places if _said_in(place, ways, language)]


def best_place(spoken: str, places: Sequence[Place], language: str, contacts: Sequence[Mapping[str, Any]] = ()) -> tuple[Place | None, float]:
    """Return (place, confidence) for the place `spoken` (tidied) names best, or (None, 0.0).

    Naming family decides first: "my son's place" is the son's place, or nothing when he has
    none here, never a place that merely shares a word. Two places that fit equally are no answer.
    """
    persons = people.people(contacts)
    mention = people.mentioned(spoken, language, persons)
    if mention:
        places = related_places(mention, places, persons, language)
        if len(places) == 1:
            # "tom's church" is not Tom's home: the kind of place said must fit.
            if language != "zh" and not english_places.kinds_agree(english_places.utterance(spoken), places[0]):
                return None, 0.0
            return places[0], 0.9
        if not places:
            return None, 0.0
    if language == "zh":
        return chinese_places.best(spoken, places)
    return english_places.best(spoken, places)
