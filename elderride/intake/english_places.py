"""Which of a senior's places an English caller means, scored word by word: distinctive words, any
order, addresses."""

import dataclasses
import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from rapidfuzz import fuzz

from elderride.intake import numbers, tidy
from elderride.intake.vocabulary import words

# Recognizer slips ("hospitle") are taken only on long words: short ones differ by a letter
# too easily ("homes" is not "home").
SLIP_MIN_LENGTH = 6
SLIP_SIMILARITY = 85
# A whole name said with a slip ("city hospitle") or run together ("cityhospital") still counts from
# here.
NEAR_MISS = 0.86
# A place must score at least this (one word only it has, or a whole name) and beat the next by the
# margin.
MIN_SCORE = 1.0
MARGIN = 0.5


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
        if self.possessive and said.text == self.text + "s":
            return True
        return (
            min(len(self.text), len(said.text)) >= SLIP_MIN_LENGTH
            and fuzz.ratio(self.text, said.text) >= SLIP_SIMILARITY
        )


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

    return _compound_ordinals().sub(joined, text)


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
def _function_words() -> frozenset[str]:
    vocabulary = words("en")
    return frozenset(vocabulary["function_words"]) | {
        filler for filler in vocabulary["fillers"] if " " not in filler
    }


@functools.cache
def _kinds() -> tuple[Word, ...]:
    return tuple(word(kind) for kind in words("en")["kinds"])


def titled(tokens: list[str]) -> list[str]:
    """Read "st" and "dr" as saint and doctor where a name starts ("st mary's"), as street words
    after one ("main st")."""
    titles = words("en")["name_titles"]
    return [
        titles[token]
        if token in titles and (index == 0 or not is_content(tokens[index - 1]))
        else token
        for index, token in enumerate(tokens)
    ]


def _is_number(token: str) -> bool:
    """Tell whether a tidied token is a number, in digits or as a word ("7", "eleven")."""
    return token.isdigit() or token in words("en")["address_numbers"]


def is_content(token: str) -> bool:
    """Tell whether a tidied token can say which place (not "the", "please", "um")."""
    return token not in _function_words() and word(token).text not in _function_words()


@dataclasses.dataclass(frozen=True)
class Profile:
    """A place as the matcher sees it: the words of its names and of its address."""

    place: Mapping[str, Any]
    names: tuple[tuple[Word, ...], ...]
    phrases: tuple[str, ...]  # each name tidied, beside `names`
    # Each name's numbers, beside `names`, as their readings (numbers.spoken_numbers): said as
    # words ("seven eleven" of 7-Eleven) they are no words of what was said, so match whole.
    numbers: tuple[tuple[frozenset[str], ...], ...]
    address_numbers: frozenset[str]
    # "45" of West 45th Street: a caller says the street "forty five street", without its "th".
    street_numbers: frozenset[str]
    address_words: tuple[Word, ...]

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(item for name in self.names for item in name)

    def has(self, said: Word) -> bool:
        return any(item.matches(said) for item in self.words if not item.title)

    def has_title(self, said: Word) -> bool:
        return any(item.matches(said) for item in self.words if item.title)

    def has_address_word(self, said: Word) -> bool:
        # Addresses match exactly: "bakery" is not "Baker Street", "church" is not "Chapel Lane".
        return any(item.text == said.text for item in self.address_words)


def profile(place: Mapping[str, Any]) -> Profile:
    """Return the Profile of a place from its label, aliases and address."""
    phrases = [
        joined_ordinals(tidy.english(name))
        for name in [place["label"], *(place.get("aliases") or ())]
    ]
    phrases = [phrase for phrase in phrases if phrase]
    phrases += _initials(phrases[:1])
    named = [
        (
            phrase,
            tuple(
                dataclasses.replace(word(token), title=token != said)
                for said, token in zip(phrase.split(), titled(phrase.split()), strict=True)
                if is_content(token)
            ),
        )
        for phrase in phrases
    ]
    named = [(phrase, name) for phrase, name in named if name]
    runs = [numbers.spoken_numbers(titled(phrase.split())) for phrase, _ in named]
    address = tidy.english(place.get("address") or "").split()
    # "c b s" is Conception Bay South: a town of three words or more is said by its initials.
    address += _initials([tidy.english(part) for part in (place.get("address") or "").split(",")])
    street = set(words("en")["street_words"])
    return Profile(
        place=place,
        names=tuple(name for _, name in named),
        phrases=tuple(phrase for phrase, _ in named),
        numbers=tuple(tuple(readings for _, _, readings in found) for found in runs),
        address_numbers=frozenset(token for token in address if token.isdigit()),
        street_numbers=frozenset(
            found.group(1)
            for token in address
            if (found := re.fullmatch(r"(\d+)(?:st|nd|rd|th)", token))
        ),
        address_words=tuple(
            word(token)
            for token in address
            if not token.isdigit() and token not in street and is_content(token)
        ),
    )


def numbered_names(places: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return the places' names (tidied) that hold a number ("7 eleven", "route 9 diner")."""
    found = (zip(profile(place).phrases, profile(place).numbers, strict=True) for place in places)
    return [phrase for pairs in found for phrase, runs in pairs if runs]


# A name of fewer words has no initials a caller says: "l g" is too short to tell from a slip.
INITIALS_MIN = 3


def _initials(labels: list[str]) -> list[str]:
    """Return the initials names of three words or more are known by ("Leicester Royal Infirmary"
    -> "lri"), said as letters and joined by tidy.english: a long name is said so more than
    whole."""
    found = []
    for label in labels:
        named = [token for token in titled(label.split()) if is_content(token)]
        letters = "".join(token[0] for token in named if token[0].isalpha())
        if len(named) >= INITIALS_MIN and len(letters) == len(named) and is_content(letters):
            found.append(letters)
    return found


def phrase_score(spoken: str, name: str) -> float:
    """How well `spoken` contains the whole of `name`: 1.0 as words, 0.95 run together
    ("cityhospital"), less for a slip."""
    if tidy.contains_phrase(spoken, name):
        return 1.0
    squashed = re.sub(r"[\s']", "", name)
    if re.fullmatch(r"[a-z]{3,6}", squashed) and tidy.contains_phrase(spoken, " ".join(squashed)):
        # "a g h" is AGH: initials that begin with "a" or "i" stay spelled out in tidy.english,
        # which cannot tell them from the word.
        return 0.95
    tokens = spoken.split()
    for width in range(1, len(name.split()) + 2):
        for start in range(0, max(0, len(tokens) - width + 1)):
            if re.sub(r"[\s']", "", "".join(tokens[start : start + width])) == squashed:
                return 0.95
    size = len(name.split())
    best = 0.0
    for start in range(0, max(1, len(tokens) - size + 1)):
        window = re.sub(r"[\s']", "", "".join(tokens[start : start + size]))
        if len(window) < SLIP_MIN_LENGTH or len(squashed) < SLIP_MIN_LENGTH:
            continue
        best = max(best, fuzz.ratio(window, squashed) / 100)
    return best if best >= NEAR_MISS else 0.0


@dataclasses.dataclass
class Utterance:
    """What the caller said, as words and house numbers."""

    text: str
    tokens: list[str]
    said: list[Word | None]  # None where a token is part of a number or says nothing
    numbers: list[tuple[int, int, frozenset[str]]]


def utterance(spoken: str) -> Utterance:
    """Return the Utterance of tidied English text."""
    spoken = joined_ordinals(spoken)
    tokens = titled(spoken.split())
    runs = numbers.spoken_numbers(tokens)
    in_numbers = {index for start, end, _ in runs for index in range(start, end)}
    said = [
        word(token) if index not in in_numbers and is_content(token) else None
        for index, token in enumerate(tokens)
    ]
    return Utterance(text=spoken, tokens=tokens, said=said, numbers=runs)


@dataclasses.dataclass
class Score:
    """How much of what was said points at one place."""

    profile: Profile
    total: float = 0.0
    name_hits: set[int] = dataclasses.field(default_factory=set)
    address_hits: set[int] = dataclasses.field(default_factory=set)
    number_hit: bool = False
    whole_name: bool = False


def score(said: Utterance, profiles: Sequence[Profile]) -> list[Score]:
    """Score every place: each word it alone has counts 1, a word shared by n places 1/n, a whole
    name its length more."""
    scores = [Score(profile=item) for item in profiles]
    street = set(words("en")["street_words"])
    in_numbers = {index for start, end, _ in said.numbers for index in range(start, end)}
    for index, spoken in enumerate(said.said):
        if spoken is None:
            continue
        if said.tokens[index] in street and index - 1 in in_numbers:
            # "forty nine street" is the street of that number, another than "twenty fifth
            # street": its street word says no place's name alone.
            continue
        if said.tokens[index] in street and index and said.said[index - 1] is not None:
            # "Street" after "main" is the rest of the street's name, or of a name with a street
            # in it ("Park Lane Surgery"): it goes with the word before, never alone.
            for entry in scores:
                if index - 1 in entry.address_hits:
                    entry.address_hits.add(index)
                elif index - 1 in entry.name_hits and entry.profile.has(spoken):
                    entry.name_hits.add(index)
            continue
        # "church street" is a street: where it is the place's own, its words are the address,
        # not the name.
        names_a_street = said.tokens[index + 1 : index + 2] and said.tokens[index + 1] in street
        named = [
            entry
            for entry in scores
            if entry.profile.has(spoken)
            and not (names_a_street and entry.profile.has_address_word(spoken))
        ]
        for entry in named:
            entry.name_hits.add(index)
            entry.total += 1 / len(named)
            if entry.profile.has_address_word(spoken):
                entry.address_hits.add(index)  # "church" of 310 Church Street: its street continues
        if named:
            continue
        if said.tokens[index] in street and index - 1 >= 0:
            # "Close" after "ashdown" is the rest of the street's name, not another word.
            for entry in scores:
                if index - 1 in entry.address_hits:
                    entry.address_hits.add(index)
            continue
        addressed = [entry for entry in scores if entry.profile.has_address_word(spoken)]
        for entry in addressed:
            entry.address_hits.add(index)
            entry.total += 1 / len(addressed)
    # A title ("saint", "doctor") is part of the name it comes before: "doctor patel".
    for index, spoken in enumerate(said.said):
        for entry in scores:
            if spoken is not None and entry.profile.has_title(spoken):
                if index + 1 in entry.name_hits:
                    entry.name_hits.add(index)
    # Two words a recognizer split ("lake view") that are one word of a name ("Lakeview").
    for index in range(len(said.tokens) - 1):
        if said.said[index] is None or said.said[index + 1] is None:
            continue
        joined = word(said.tokens[index] + said.tokens[index + 1])
        for entry in scores:
            if entry.profile.has(joined):
                entry.name_hits |= {index, index + 1}
                entry.total += 1.0
    readings = {reading for _, _, values in said.numbers for reading in values}
    # A name's number counts only with the rest of that name: "two" alone is no Fred Meyer 2,
    # but "seven eleven" is the whole of 7-Eleven.
    numbers_said = {values for _, _, values in said.numbers}
    for entry in scores:
        if entry.address_hits and readings & entry.profile.address_numbers:
            entry.number_hit = True
            entry.total += 1.0
        covered = [
            len(name)
            for name, phrase, named_numbers in zip(
                entry.profile.names, entry.profile.phrases, entry.profile.numbers, strict=True
            )
            if (
                all(
                    _is_number(item.text)
                    or any(spoken is not None and item.matches(spoken) for spoken in said.said)
                    for item in name
                )
                and all(values in numbers_said for values in named_numbers)
            )
            or phrase_score(said.text, phrase) >= NEAR_MISS
        ]
        if covered:
            entry.whole_name = True
            entry.total += max(covered)
    return scores


def _with_home_words(said: Utterance) -> list[Word | None]:
    """Return the words said, with "my place" (all function words) read as the home it means."""
    found = list(said.said)
    for phrase in words("en")["home_words"]:
        size = len(phrase.split())
        for start in range(len(said.tokens) - size + 1):
            if " ".join(said.tokens[start : start + size]) == phrase:
                found[start + size - 1] = word("home")
    return found


def kinds_agree(
    said: Utterance,
    place: Mapping[str, Any],
    *,
    near: AbstractSet[int] | None = None,
) -> bool:
    """Tell whether each kind of place said ("house", "church") is one this place's names say.

    With `near`, only kind words within two words of those positions count: "a doctor's
    appointment at riverside medical" names the appointment's kind, not the place's.
    """
    # "Bob's place" is a home although "place" alone says nothing: all of a name's words count
    # here, but a word naming a street ("Park" of Park Street Market) is no kind of this place.
    street = set(words("en")["street_words"])
    place_words = [
        word(token)
        for phrase in profile(place).phrases
        for token, after in itertools.pairwise([*titled(phrase.split()), ""])
        if after not in street
    ]
    label = profile(place).names[:1]
    if label and all(item.possessive for item in label[0]):
        # "Our Karen's" is where Karen lives: "me daughter's house" is it (Linda's Farm is a farm).
        place_words.append(word("home"))
    before = set(words("en")["street_prepositions"])
    address = profile(place)
    for index, spoken in enumerate(_with_home_words(said)):
        if spoken is None or set(said.tokens[index + 1 : index + 2]) & street:
            # A kind word before a street word ("station" in Station Road, "park" in Park Lane)
            # names the street; said alone ("the park"), it is a kind of place.
            continue
        start = index
        while start and (said_word := said.said[start - 1]) and address.has_address_word(said_word):
            start -= 1
        if start and said.tokens[start - 1] in before and address.has_address_word(spoken):
            # "the one on university" is on University Avenue, "in mill park" in Mill Park: the
            # place's address, no university or park.
            continue

        if near is not None and not any(abs(index - other) <= 2 for other in near):
            continue
        if (
            index
            and said.tokens[index] in words("en")["kind_heads"]
            and any(word(said.tokens[index - 1]).keys & item.keys for item in place_words)
        ):
            # "the grocery store", "the church house": the place's own kind says which store.
            continue
        if index and any(
            word(said.tokens[index - 1] + said.tokens[index]).keys & item.keys
            for item in place_words
        ):
            # "store" of "drug store", one word split in two, is the drugstore this place is.
            continue
        for kind in _kinds():
            if kind.keys & spoken.keys and not any(kind.keys & item.keys for item in place_words):
                return False
    return True


def streets(said: Utterance) -> list[range]:
    """Return where a street is said after on, in, off, along... ("the walgreens on western
    avenue"): the positions of its naming words, without its street word."""
    street = set(words("en")["street_words"])
    before = set(words("en")["street_prepositions"])
    found = []
    for index, token in enumerate(said.tokens):
        if token not in street:
            continue
        start = index
        # "on twelfth avenue oak street": a street word ends the street before, and the one said
        # after it without a preposition is its corner.
        while (
            start > 0 and said.said[start - 1] is not None and said.tokens[start - 1] not in street
        ):
            start -= 1
        lead = said.tokens[start - 1 : start]
        if lead == ["the"] and start > 1:
            lead = said.tokens[start - 2 : start - 1]
        if start < index and set(lead) & before:
            found.append(range(start, index))
    return found


def on_another_street(
    said: Utterance, place: Mapping[str, Any], place_words: AbstractSet[int] = frozenset()
) -> bool:
    """Tell whether a street said is not the place's own: "the walgreens on western avenue" is
    another branch, "the hospital on summit avenue" not the one on Summit Drive."""
    # A street may be in the place's name too ("Park Lane Surgery").
    own = [
        word(token)
        for phrase in [place.get("address"), *profile(place).phrases]
        for token in tidy.english(phrase).split()
    ]
    for span in streets(said):
        kind = word(said.tokens[span.stop]).keys
        if not any(kind & item.keys for item in own):
            return True
        for index in span:
            spoken = said.said[index]
            if index not in place_words and not any(
                spoken is not None and item.text == spoken.text for item in own
            ):
                return True
    return False


def _own_street_word(token: str, place: Profile) -> bool:
    """Tell whether a street word said ("road", "rd") is one of the place's address or names."""
    own = [
        word(item)
        for phrase in [place.place.get("address"), *place.phrases]
        for item in tidy.english(phrase).split()
    ]
    return any(word(token).keys & item.keys for item in own)


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


def _other_name_after(entry: Score, said: Utterance) -> bool:
    """Tell whether another place's name follows one of this place's proper names ("covenant
    children's", "the galway clinic", "cahaba heights animal hospital") or its "of" ("lutheran
    church of hope"): a kind of place or a possessive this place does not have."""
    place_words = entry.name_hits | entry.address_hits
    vocabulary = words("en")
    own_parts = {*vocabulary["place_parts"], *vocabulary["location_ends"]}
    for index in sorted(entry.name_hits):
        after = index + 1
        of = after < len(said.tokens) and said.tokens[after] == "of"
        if of:
            after += 1
            # "the basilica of our lady", "the church of the holy family": the name after "of"
            # begins after its little words.
            while (
                after < min(index + 4, len(said.tokens) - 1)
                and said.said[after] is None
                and said.tokens[after] in _function_words()
            ):
                after += 1
        elif says_a_kind(said.tokens[index]):
            # "the clinic my knee's bad", "the surgery first": after a kind, words say other things.
            continue
        if after >= len(said.tokens) or after in place_words or said.tokens[after] in own_parts:
            continue
        following = said.said[after]
        if following is None or entry.profile.has_address_word(following):
            continue
        # The other name runs on without a "the" or "before" in it: "heights animal hospital".
        run = itertools.takewhile(
            lambda position: said.said[position] is not None,
            range(after, min(after + 3, len(said.tokens))),
        )
        named = [
            position
            for position in run
            if says_a_kind(said.tokens[position]) and position not in place_words
        ]
        if of or following.possessive or named:
            return True
    return False


def _kind_runs_on(entry: Score, said: Utterance) -> bool:
    """Tell whether the place is named only by a name that is a kind of place ("home", "the
    hospital") and what is said ends on another word right after it ("home bargains", "home
    depot"): a kind said before a name's last word only says what that other place is."""
    place_words = entry.name_hits | entry.address_hits
    kind_names = [
        name[0] for name in entry.profile.names if len(name) == 1 and says_a_kind(name[0].text)
    ]
    if not entry.name_hits or not all(
        (spoken := said.said[index]) is not None
        and any(name.matches(spoken) for name in kind_names)
        for index in entry.name_hits
    ):
        return False
    after = max(entry.name_hits) + 1
    own_parts = {*words("en")["place_parts"], *words("en")["location_ends"]}
    if not any(name.text in words("en")["home_words"] for name in kind_names):
        # "the chemist shop", "the church house" say the kind's building; "the home store" is a
        # shop, not home.
        own_parts |= set(words("en")["kind_heads"])
    return (
        after < len(said.tokens)
        and after not in place_words
        and said.said[after] is not None
        # "the grocery didn't i": a verb's contraction begins what the caller says of it.
        and "'" not in said.tokens[after]
        and said.tokens[after] not in {*own_parts, *words("en")["said_after_places"]}
        and not any(is_content(token) for token in said.tokens[after + 1 :])
    )


def _did_something(said: Utterance, first: int, last: int) -> bool:
    """Tell whether the place named from token `first` to `last` is who did something ("the
    hospital cancelled my appointment", "the chemist have just rang"): a place that speaks is not
    where to; "the nurse at cahaba valley said" is someone there who did."""
    vocabulary = words("en")
    before = [token for token in said.tokens[:first] if token not in vocabulary["whose_words"]]
    before = before[-1:]
    if before and before[0] in vocabulary["staff_prepositions"]:
        return False
    following = " ".join(said.tokens[last + 1 : last + 4])
    rest = tidy.without_phrases(following, vocabulary["places_did_helpers"], "en").split()
    return bool(rest) and rest[0] in vocabulary["places_did"]


def _named_for_its_town(entry: Score, said: Utterance) -> bool:
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
            says_a_kind(said.tokens[index])
            and said.tokens[index] not in street
            and before >= 0
            and before in entry.address_hits - entry.name_hits
            and said.tokens[before] not in street
            and not entry.profile.has(word(said.tokens[before]))
            and (before == 0 or said.tokens[before - 1] not in leading)
        ):
            return True
    return False


def _someone_elses_home(entry: Score, said: Utterance) -> bool:
    """Tell whether the senior's home is named only by a home word that is someone else's ("her
    house", "susan's place", "their own home"): the caller's home is never hers."""
    vocabulary = words("en")
    place = entry.profile.place
    if not (place.get("is_home") or tidy.english(place["label"]) in vocabulary["home_labels"]):
        return False
    for index in entry.name_hits:
        before = [token for token in said.tokens[:index] if token != "own"][-1:]
        owner = before[0] if before else ""
        # "susan's house" is hers; "that's home", "she's home" say no owner.
        possessive = (
            owner.endswith("'s")
            and is_content(owner)
            and owner[:-2] not in vocabulary["others"]
            and not entry.profile.has(word(owner))
        )
        if owner in vocabulary["others_whose"] or possessive:
            return True
    return False


def _proper_names(entry: Score, said: Utterance) -> dict[int, int]:
    """Return where each word of a whole name of the place stands, with where that name begins,
    for names whose first naming word is no kind of place ("mount zion", "st john"; not "the
    hospital")."""
    found: dict[int, int] = {}
    for start, end in tidy.spans(said.text, entry.profile.phrases, "en"):
        inside = range(said.text[:start].count(" "), said.text[:end].count(" ") + 1)
        first = min((index for index in inside if index in entry.name_hits), default=None)
        if first is not None and not says_a_kind(said.tokens[first]):
            found |= {index: inside[0] for index in inside}
    return found


def refused(entry: Score, said: Utterance) -> bool:
    """Tell whether what was said, though it points at this place, names something else.

    A different word right before a name word ("the eye hospital", "the golf club"), a kind of
    place this one is not ("mary's house" for St Mary's Church), a name word that is a street's
    ("church street"), or a street without its number beside other words ("the bank on lake
    street").
    """
    place_words = entry.name_hits | entry.address_hits
    street = set(words("en")["street_words"])
    owners = set(words("en")["owner_words"])
    sizes = set(words("en")["sizes"])
    occasions = set(words("en")["occasions"])
    proper = _proper_names(entry, said)
    for index in entry.name_hits:
        before = index - 1
        if before >= 0 and said.tokens[before] in sizes:
            continue
        if index in proper and proper[index] and said.tokens[proper[index] - 1] in occasions:
            # "the club for the darts tonight radford club": what the caller goes for, said right
            # before the place's own name, is no other place.
            continue
        if before >= 0 and said.said[before] is not None and before not in place_words:
            if said.tokens[before - 1 : before] and said.tokens[before - 1] in owners:
                # "for my knee good hope": the knee is the caller's; before a kind ("my eye
                # hospital") it still says which kind.
                if not says_a_kind(said.tokens[index]):
                    continue
            return True
    if not kinds_agree(said, entry.profile.place, near=place_words or None):
        return True
    if _other_name_after(entry, said):
        return True
    named_numbers = {item.text for item in entry.profile.words if item.text.isdigit()}
    for start, end, readings in said.numbers:
        # "eighteen main street" is another house on the pharmacy's street.
        if end in entry.address_hits and not readings & entry.profile.address_numbers:
            return True
        # "number nine holly lane in erdington": a house number and a street not the place's own
        # say where, and the town of the place's address or name only places that house.
        if end not in place_words and numbers.street_follows(" ".join(said.tokens[end:])):
            return True
        # "the vfw post nine nine nine" is another post than VFW Post 1123.
        if start - 1 in place_words and named_numbers and not readings & named_numbers:
            return True
    last = len(said.tokens) - 1
    if (
        not entry.whole_name
        and last - 1 in entry.name_hits
        and last not in place_words
        and said.said[last] is not None
    ):
        # "the royal oak" ends on a word the Royal Infirmary does not have: another place.
        return True
    if _kind_runs_on(entry, said):
        return True
    if entry.name_hits and _did_something(said, min(entry.name_hits), max(entry.name_hits)):
        return True
    if _someone_elses_home(entry, said):
        return True
    if _named_for_its_town(entry, said):
        return True
    for index in entry.name_hits:
        word = said.said[index]
        after = index + 1
        # "church street" is a street, not the church, unless the place's name has the street word
        # too (Main Street Pharmacy).
        if (
            after < len(said.tokens)
            and said.tokens[after] in street
            and after not in place_words
            and not (word is not None and entry.profile.has_address_word(word))
        ):
            return True
    if on_another_street(said, entry.profile.place, place_words):
        return True
    if not entry.name_hits and any(
        said.tokens[index] in street and not _own_street_word(said.tokens[index], entry.profile)
        for index in entry.address_hits
    ):
        # Named by its street alone, "coronation street" is another street than the home's
        # Coronation Road ("the norwich hospital out colney way" is the hospital).
        return True
    if not entry.name_hits and not entry.whole_name and not entry.number_hit:
        # A street's name alone is the street only with its street word ("ashdown close", not "the
        # river").
        if not any(said.tokens[index] in street for index in entry.address_hits):
            return True
        if any(
            spoken is not None and index not in place_words
            for index, spoken in enumerate(said.said)
        ):
            return True
    return False


def best(
    spoken: str, places: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, float]:
    """Return (place, confidence) for the place `spoken` (tidied English) names, or (None, 0.0) when
    none or two do."""
    said = utterance(spoken)
    # A place what was said rules out competes with none: "the care home" is not Home, so it does
    # not tie with Sunny Care Home.
    scores = sorted(
        (
            entry
            for entry in score(said, [profile(place) for place in places])
            if entry.total and not refused(entry, said)
        ),
        key=lambda entry: entry.total,
        reverse=True,
    )
    if not scores or scores[0].total < MIN_SCORE:
        return None, 0.0
    first = scores[0]
    if len(scores) > 1 and scores[1].total > first.total - MARGIN:
        return None, 0.0
    if first.whole_name:
        return first.profile.place, 0.95
    return first.profile.place, 0.85 if first.name_hits else 0.8
