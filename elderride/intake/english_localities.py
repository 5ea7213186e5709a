"""The suburbs and towns of places' addresses, and what saying one names ("raytown please",
"hialeah hospital")."""

from collections.abc import Mapping
from typing import Any

from elderride.intake import english_scores, english_words, tidy
from elderride.intake.vocabulary import words


def _localities(place: Mapping[str, Any]) -> list[list[english_words.Word]]:
    """Return the words of each suburb or town of a place's address, the parts after its street
    that begin with no street word nor number ("Raytown" of "8807 East 75th Street, Raytown")."""
    street = set(words("en")["street_words"])
    parts = [
        [english_words.word(token) for token in tidy.english(part).split()]
        for part in (place.get("address") or "").split(",")[1:]
    ]
    return [
        part
        for part in parts
        if part
        and not any(item.text in street or any(map(str.isdigit, item.text)) for item in part[:1])
    ]


def named_by_a_shared_locality(
    entry: english_scores.Score, said: english_scores.Utterance, others: list[Mapping[str, Any]]
) -> bool:
    """Tell whether the place is named only by words that are also the suburb or town of another
    preset ("partick" of Tesco Partick when home is in Partick): the district says neither."""
    hits = [said.said[index] for index in entry.name_hits]
    return (
        not entry.whole_name
        and bool(hits)
        and all(
            spoken is not None
            and any(
                any(item.matches(spoken) for item in part)
                for other in others
                for part in _localities(other)
            )
            for spoken in hits
        )
    )


def only_its_locality(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether all that was said of the place is the suburb or town of its address, written
    apart from its street ("raytown please" of "8807 East 75th Street, Raytown, MO"): nothing else
    said makes it another place there ("the library in raytown")."""
    street = set(words("en")["street_words"])
    localities = _localities(entry.profile.place)
    hits = [said.said[index] for index in entry.address_hits]
    return (
        bool(hits)
        and not any(
            spoken is not None and index not in entry.address_hits
            for index, spoken in enumerate(said.said)
        )
        and any(
            all(
                spoken is not None
                and spoken.text not in street
                and any(item.matches(spoken) for item in part)
                for spoken in hits
            )
            for part in localities
        )
    )


def named_for_its_town(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether a kind of place is said right after a word only the place's address has
    ("hialeah hospital", "richmond hospital"): a town's name before a kind names another place,
    one called so; the preset's own names would say it (Dunedin Hospital)."""
    vocabulary = words("en")
    street = set(vocabulary["street_words"])
    # "the dundonald hospital", "the hospital in hialeah": the hospital there, said so.
    leading = {*vocabulary["whose_words"], *vocabulary["location_prepositions"]}
    for index in entry.name_hits:
        before = index - 1
        if (
            english_words.says_a_kind(said.tokens[index])
            and said.tokens[index] not in street
            and before >= 0
            and before in entry.address_hits - entry.name_hits
            and said.tokens[before] not in street
            and not entry.profile.has(english_words.word(said.tokens[before]))
            and (before == 0 or said.tokens[before - 1] not in leading)
        ):
            return True
    return False
