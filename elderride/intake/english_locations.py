"""Whether an English caller puts a place of the senior's somewhere that is not its own ("the piggly
wiggly over in hueytown", "the acme on passyunk"), read word by word."""

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from elderride.intake import english_scores, english_words, people, tidy, times
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]
# A name said before a preset's location words is a word or two ("boots", "the anglican cathedral").
NAME_WORDS_MAX = 2
# A compound's head is a word of its own ("river" of "riverside"), not a stub of one or two letters.
COMPOUND_HEAD_MIN = 3


def _english_phrases(said: english_scores.Utterance) -> list[tuple[int, int]]:
    """Return where English location phrases begin and end: "over in hueytown", "out by the
    highway", "on camelback", "in lane cove", "down the road" (start, end) as token positions.

    A phrase starts with a direction word ("over", "out", "down", "up", "round") and an optional
    preposition (by and near included), or with a preposition of place alone ("in", "at", "on",
    "off", "along", "past"); it runs to the next phrase or a word that starts something else ("to
    get some groceries", "and then home").
    """
    vocabulary = words("en")
    directions = set(vocabulary["location_directions"])
    prepositions = set(vocabulary["location_prepositions"])
    ends = set(vocabulary["location_ends"])
    streets = set(vocabulary["street_words"])
    not_after = set(vocabulary["location_not_after"])
    owners = set(vocabulary["owner_words"])
    tokens = said.tokens
    found = []
    index = 0
    while index < len(tokens):
        start = index
        if tokens[index] in directions:
            index += 1
            if index < len(tokens) and tokens[index] in {*prepositions, "by", "near"}:
                index += 1
        elif tokens[index] in prepositions and not (index and tokens[index - 1] in not_after):
            index += 1
        else:
            index += 1
            continue
        named = index
        while (
            index < len(tokens)
            and tokens[index] not in ends
            and tokens[index] not in directions
            and tokens[index] not in prepositions
            # "in machias my pills are ready": whose, after the place said, begins what is theirs;
            # "in my street" is where.
            and not (index > named and tokens[index] in owners)
        ):
            index += 1
            if tokens[index - 1] in streets and index - 1 > start:
                break  # the street is named: "on oak avenue" ends there
        found.append((start, index))
    return found


def _describing(vocabulary: Mapping[str, Any]) -> set[str]:
    """Return the English words that say what kind of place, or whose, rather than name one."""
    return {
        *vocabulary["kinds"],
        *(item for group in vocabulary["same"] for item in group),
        *vocabulary["location_ends"],
        *vocabulary["another_of_kind"],
        *vocabulary["location_links"],
        *vocabulary["not_names"],
        # "my son at elm drive" is where he lives, a place of the family's.
        *(
            relation.split()[-1]
            for key in vocabulary["relations"]
            for relation in people.relation_words(key, "en")
        ),
    }


def _own_locations(
    said: english_scores.Utterance, own: Callable[[int], bool], placeless: set[str]
) -> Iterator[int]:
    """Yield where each location phrase of `said` ("in gosforth", "on church hill") begins that
    holds a word of the place's own."""
    tokens = said.tokens
    for start, end in _english_phrases(said):
        if any(
            said.said[index] is not None and tokens[index] not in placeless and own(index)
            for index in range(start, end)
        ):
            yield start


def _another_named_at(
    said: english_scores.Utterance,
    vocabulary: Mapping[str, Any],
    own: Callable[[int], bool],
    named: Callable[[int], bool],
    placeless: set[str],
    persons: Sequence[people.Person],
) -> bool:
    """Tell whether a place that is not the preset's is named right before the preset's location
    words: someone's ("mass at saint augustine's in south city", "the old swan hunter's yard at
    wallsend"), a possessive with a word or none after it, or a noun of a place ("the bingo hall
    in gosforth") with no word of the preset's names before it ("the legion hall in lively" is the
    legion's; "broughty castle down at the ferry" names a castle in the preset's town)."""
    describing = _describing(vocabulary)
    nouns = {*vocabulary["kinds"], *vocabulary["place_nouns"], *vocabulary["sights"]}
    tokens = said.tokens
    for start in _own_locations(said, own, placeless):
        noun = start - 1
        if (
            noun >= 0
            and said.said[noun] is not None
            and tokens[noun] in nouns
            and not own(noun)
            and not (noun and said.said[noun - 1] is not None and named(noun - 1))
        ):
            return True
        for index in (start - 1, start - 2):
            if index < 0 or said.said[index] is None or own(index):
                break
            owner = english_words.word(tokens[index])
            if (
                owner.possessive
                and owner.text not in describing
                and not people.mentioned(owner.text, "en", persons)
            ):
                return True
    return False


def _other_name_at(
    said: english_scores.Utterance,
    vocabulary: Mapping[str, Any],
    own: Callable[[int], bool],
    placeless: set[str],
    place_profile: english_scores.Profile,
) -> bool:
    """Tell whether a name that is not the place's own comes right before the place's location
    words ("boots in connswater" when the place is Tesco Connswater, "the anglican cathedral on
    church hill"): the place was found by where it is, and another place there was named.

    The name is all that is said before the location (a word or two): "my flu shot at the
    walgreens" or "feed the ducks at encanto park" say why, not which place."""
    describing = _describing(vocabulary)
    purposes = set(vocabulary["purpose_verbs"])
    # Only asking words may come before the name: "we got choir practice at the ame church" says
    # what happens there.
    asking = {
        token
        for phrase in [*vocabulary["fillers"], *vocabulary["destination_markers"]]
        for token in phrase.split()
    }
    tokens = said.tokens
    for start in _own_locations(said, own, placeless):
        named = [index for index in range(start) if said.said[index] is not None]
        joined = [
            english_words.word(first + second)
            for first, second in itertools.pairwise(tokens[:start])
        ]
        if (
            not named
            or named[-1] != start - 1
            or len(named) > NAME_WORDS_MAX
            or not set(tokens[: named[0]]) <= asking
            or purposes & set(tokens[:start])
            or any(own(index) for index in named)
            or any(place_profile.has(item) for item in joined)
        ):
            return False
        return not any(
            tokens[index] in placeless | describing
            or english_words.word(tokens[index]).text in describing
            for index in named
        )
    return False


def _its_people(place: Place, persons: Sequence[people.Person]) -> set[str]:
    """Return the words that say whose the place is ("son", "keith" of Keith's House)."""
    names = [tidy.english(name) for name in [place["label"], *(place.get("aliases") or ())]]
    mentions = [people.mentioned(name, "en", persons) for name in names]
    relations = {key for mention in mentions for key in mention.relations}
    relations |= {
        person.relation for mention in mentions for person in mention.people if person.relation
    }
    return {
        *(name for mention in mentions for person in mention.people for name in person.names),
        *(
            token
            for key in relations
            for relation in people.relation_words(key, "en")
            for token in relation.split()
        ),
    }


def _says_a_clock_time(said: english_scores.Utterance, start: int, end: int) -> bool:
    """Tell whether a location phrase's words after its preposition are a time by the clock
    ("at half ten can you..."): numbers, clock words and words that say nothing."""
    clock = set(words("en")["clock_words"])
    counted = {index for begin, stop, _ in said.numbers for index in range(begin, stop)}
    rest = range(start + 1, end)
    return bool(counted & set(rest) and clock & set(said.tokens[start:end])) and all(
        index in counted or said.tokens[index] in clock or said.said[index] is None
        for index in rest
    )


def elsewhere(
    spoken: str,
    place: Place,
    named_by: Sequence[str],
    persons: Sequence[people.Person] = (),
    *,
    implied: bool = False,
) -> bool:
    """Tell whether an English location phrase right after the place's words ("the cvs down in
    tucson"), or anywhere when the place is `implied` by an errand, holds a word that is neither
    the place's own nor says nothing of where."""
    vocabulary = words("en")
    said = english_scores.utterance(spoken)
    profile = english_scores.profile(place)
    naming = {
        english_words.word(token).text
        for phrase in named_by
        for token in tidy.english(phrase).split()
    }
    # "mililani at my son keith's house": whose the place is says no other place, though it
    # anchors no phrase of the place's ("the lad at his house" places nothing).
    theirs = _its_people(place, persons)
    # Said with no place named it places nothing: "down the road", "in town", "street" alone.
    placeless = {
        *vocabulary["placeless"],
        # "in midland the public one": which one by its look, as by its size, not where.
        *vocabulary["looks"],
        *vocabulary["street_words"],
        *vocabulary["location_directions"],
        *vocabulary["location_prepositions"],
    }
    fillers = {filler for filler in vocabulary["fillers"] if " " not in filler}
    clock = set(vocabulary["clock_words"])

    # "down by the river" of Tesco Riverside: the word its own compound begins with places it
    # where it is.
    compounds = {
        item.text[: -len(end)]
        for item in [*profile.words, *profile.address_words]
        for end in vocabulary["compound_place_ends"]
        if item.text.endswith(end) and len(item.text) - len(end) >= COMPOUND_HEAD_MIN
    }

    def owns(token: str) -> bool:
        # "place" of "my daughter's place" says nothing alone, but it is the place's word here.
        spoken_word = english_words.word(token)
        return (
            spoken_word.text in naming
            or spoken_word.text in compounds
            or profile.has(spoken_word)
            or profile.has_title(spoken_word)
            or any(item.keys & spoken_word.keys for item in profile.address_words)
        )

    def own(index: int) -> bool:
        # "at poring land": one word of the place's (Poringland) the recognizer heard as two.
        pairs = [said.tokens[start : start + 2] for start in (index - 1, index) if start >= 0]
        return owns(said.tokens[index]) or any(
            len(pair) == 2 and owns("".join(pair)) for pair in pairs
        )

    if _other_name_at(said, vocabulary, own, placeless | fillers, profile):
        return True

    def named(index: int) -> bool:
        spoken_word = english_words.word(said.tokens[index])
        return (
            spoken_word.text in naming or profile.has(spoken_word) or profile.has_title(spoken_word)
        )

    if _another_named_at(said, vocabulary, own, named, placeless | fillers, persons):
        return True
    # "The piggly wiggly, the one over in hueytown", "the walgreens that's out by the highway":
    # these words between the place and the phrase still say it of the place.
    # "the legion hall in lively": a part of the place between its words and the phrase is the
    # place's too.
    links = {
        *fillers,
        *vocabulary["another_of_kind"],
        *vocabulary["location_links"],
        *vocabulary["place_parts"],
    }
    said_of_place = -1  # where the last phrase said of the place ended
    for start, end in _english_phrases(said):
        before = start - 1
        while before >= 0 and said.tokens[before] in links and not own(before):
            before -= 1
        if (
            before > 0
            and said.said[before] is not None
            and not own(before)
            and said.tokens[before] not in placeless
            and own(before - 1)
        ):
            # "seton coastside in moss beach": a word after the place's name makes a longer name,
            # another branch, which the phrase places.
            before -= 1
        # Only a phrase said of the place, or right after one ("over there in hueytown"), counts:
        # "the clinic, i'm in a wheelchair" locates the caller.
        if not implied and start != said_of_place and (before < 0 or not own(before)):
            continue
        said_of_place = end
        phrase = " ".join(said.tokens[start:end])
        if times.parse(phrase, "en")[0] is not None or {"a", "an"} & set(said.tokens[start:end]):
            continue  # "in twenty minutes", "in a wheelchair": when or how, not where
        if _says_a_clock_time(said, start, end):
            continue
        if tidy.has_phrase(phrase, vocabulary["place_parts"], "en"):
            continue  # "at the main entrance": where at the place, not where it is
        if any(
            said.said[index] is not None
            and said.tokens[index] not in placeless
            and not own(index)
            and english_words.word(said.tokens[index]).text not in theirs
            for index in range(start, end)
        ):
            return True
        # "boots on ninety five": a number right after the preposition, not of the place's address
        # nor a time ("at ten past ten") nor "the one", names another road; "on forty nine" is
        # West 49th Street's.
        if not clock & set(said.tokens[start:end]) and any(
            begin == start + 1
            and said.tokens[begin] not in {"one", "oh"}
            and not readings & profile.address_numbers
            and not _own_numbered_street(said, stop, readings, profile)
            for begin, stop, readings in said.numbers
        ):
            return True
    return False


def _own_numbered_street(
    said: english_scores.Utterance,
    stop: int,
    readings: frozenset[str],
    profile: english_scores.Profile,
) -> bool:
    """Tell whether a number said, ending before `stop`, is the place's numbered street ("on forty
    nine street" for West 49th Street): its number, and its street word if one follows."""
    if not readings & profile.street_numbers:
        return False
    following = said.tokens[stop : stop + 1]
    if not set(following) & set(words("en")["street_words"]):
        return True
    address = tidy.english(profile.place.get("address") or "").split()
    return any(
        english_words.word(following[0]).keys & english_words.word(token).keys for token in address
    )
