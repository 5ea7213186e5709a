"""English places and what was said as the matcher sees them (Profile, Utterance), and how much of
what was said points at each place (Score)."""

import dataclasses
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from elderride.intake import english_words, numbers, tidy
from elderride.intake.vocabulary import words

# A whole name said with a slip ("city hospitle") or run together ("cityhospital") still counts from
# here.
NEAR_MISS = 0.86


@dataclasses.dataclass(frozen=True)
class Profile:
    """A place as the matcher sees it: the words of its names and of its address."""

    place: Mapping[str, Any]
    names: tuple[tuple[english_words.Word, ...], ...]
    phrases: tuple[str, ...]  # each name tidied, beside `names`
    # Each name's numbers, beside `names`, as their readings (numbers.spoken_numbers): said as
    # words ("seven eleven" of 7-Eleven) they are no words of what was said, so match whole.
    numbers: tuple[tuple[frozenset[str], ...], ...]
    address_numbers: frozenset[str]
    # "45" of West 45th Street: a caller says the street "forty five street", without its "th".
    street_numbers: frozenset[str]
    address_words: tuple[english_words.Word, ...]

    @property
    def words(self) -> tuple[english_words.Word, ...]:
        return tuple(item for name in self.names for item in name)

    def has(self, said: english_words.Word) -> bool:
        return any(item.matches(said) for item in self.words if not item.title)

    def has_title(self, said: english_words.Word) -> bool:
        return any(item.matches(said) for item in self.words if item.title)

    def has_address_word(self, said: english_words.Word) -> bool:
        # Addresses match exactly: "bakery" is not "Baker Street", "church" is not "Chapel Lane".
        return any(item.text == said.text for item in self.address_words)


def profile(place: Mapping[str, Any]) -> Profile:
    """Return the Profile of a place from its label, aliases and address."""
    # Read once for the senior's turns, not each time a turn is matched (a dozen times for a turn
    # of many refusals, each place's names tidied again).
    read = _profile_of(
        place["label"],
        tuple(place.get("aliases") or ()),
        place.get("address") or "",
        tuple(place.get("unheard_names") or ()),
    )
    return dataclasses.replace(read, place=place)


@functools.lru_cache(maxsize=1024)
def _profile_of(
    label: str, aliases: tuple[str, ...], address_written: str, unheard_names: tuple[str, ...]
) -> Profile:
    """Return the Profile of a place of this label, aliases, address and names not listened for."""
    phrases = [english_words.joined_ordinals(tidy.english(name)) for name in [label, *aliases]]
    # A name made only of numbers not said as a place (numbered_names.heard) is not listened for.
    unheard = set(unheard_names)
    phrases = [phrase for phrase in phrases if phrase and phrase not in unheard]
    phrases += _initials(phrases[:1])
    phrases += _chain_kinds(phrases)
    named = [
        (
            phrase,
            tuple(
                dataclasses.replace(english_words.word(token), title=token != said)
                for said, token in zip(
                    phrase.split(), english_words.titled(phrase.split()), strict=True
                )
                if english_words.is_content(token)
            ),
        )
        for phrase in phrases
    ]
    named = [(phrase, name) for phrase, name in named if name]
    runs = [numbers.spoken_numbers(english_words.titled(phrase.split())) for phrase, _ in named]
    # "2314 St. Stephens Road": an "st" that begins a name is a saint, as a caller says it.
    address = english_words.titled(tidy.english(address_written).split())
    # "c b s" is Conception Bay South: a town of three words or more is said by its initials.
    address += _initials([tidy.english(part) for part in address_written.split(",")])
    street = set(words("en")["street_words"])
    return Profile(
        place={"label": label, "aliases": list(aliases), "address": address_written},
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
            english_words.word(token)
            for token in address
            if not token.isdigit() and token not in street and english_words.is_content(token)
        ),
    )


def numbered_names(places: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return the places' names (tidied) that hold a number ("7 eleven", "route 9 diner")."""
    found = (zip(profile(place).phrases, profile(place).numbers, strict=True) for place in places)
    return [phrase for pairs in found for phrase, runs in pairs if runs]


def _chain_kinds(phrases: list[str]) -> list[str]:
    """Return the kinds of shop the chains among a place's names are ("supermarket" for "publix hyde
    park"), as names of it: callers say the kind of their one shop of a chain."""
    chains = words("en")["chain_kinds"]
    return [
        kind
        for kind, names in chains.items()
        if kind not in phrases
        and any(f" {chain} " in f" {phrase} " for chain in names for phrase in phrases)
    ]


# A name of fewer words has no initials a caller says: "l g" is too short to tell from a slip.
INITIALS_MIN = 3


def _initials(labels: list[str]) -> list[str]:
    """Return the initials names of three words or more are known by ("Leicester Royal Infirmary"
    -> "lri"), said as letters and joined by tidy.english: a long name is said so more than
    whole."""
    found = []
    for label in labels:
        named = [
            token
            for token in english_words.titled(label.split())
            if english_words.is_content(token)
        ]
        letters = "".join(token[0] for token in named if token[0].isalpha())
        if (
            len(named) >= INITIALS_MIN
            and len(letters) == len(named)
            and english_words.is_content(letters)
        ):
            found.append(letters)
    return found


def squashed(name: str) -> str:
    """Return a tidied name's letters run together ("food lion" -> "foodlion", "reasor's" ->
    "reasors")."""
    return re.sub(r"[\s']", "", name)


def phrase_score(spoken: str, name: str) -> float:
    """How well `spoken` contains the whole of `name`: 1.0 as words, 0.95 run together
    ("cityhospital"), less for a slip."""
    if tidy.contains_phrase(spoken, name):
        return 1.0
    run_together = squashed(name)
    if re.fullmatch(r"[a-z]{3,6}", run_together) and tidy.contains_phrase(
        spoken, " ".join(run_together)
    ):
        # "a g h" is AGH: initials that begin with "a" or "i" stay spelled out in tidy.english,
        # which cannot tell them from the word.
        return 0.95
    # Each word is squashed once, not again in each window it is in (split words hold no space).
    tokens = [token.replace("'", "") for token in spoken.split()]
    for width in range(1, len(name.split()) + 2):
        for start in range(0, max(0, len(tokens) - width + 1)):
            if "".join(tokens[start : start + width]) == run_together:
                return 0.95
    size = len(name.split())
    best = 0.0
    for start in range(0, max(1, len(tokens) - size + 1)):
        window = "".join(tokens[start : start + size])
        if (
            len(window) < english_words.SLIP_MIN_LENGTH
            or len(run_together) < english_words.SLIP_MIN_LENGTH
        ):
            continue
        best = max(best, fuzz.ratio(window, run_together) / 100)
    return best if best >= NEAR_MISS else 0.0


@dataclasses.dataclass
class Utterance:
    """What the caller said, as words and house numbers."""

    text: str
    tokens: list[str]
    said: list[english_words.Word | None]  # None where a token is part of a number or says nothing
    numbers: list[tuple[int, int, frozenset[str]]]


def utterance(spoken: str) -> Utterance:
    """Return the Utterance of tidied English text."""
    spoken = english_words.joined_ordinals(spoken)
    tokens = english_words.titled(spoken.split())
    runs = numbers.spoken_numbers(tokens)
    in_numbers = {index for start, end, _ in runs for index in range(start, end)}
    said = [
        english_words.word(token)
        if index not in in_numbers and english_words.is_content(token)
        else None
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


def _once_a_word(
    lookup: Callable[[Profile, english_words.Word], bool],
) -> Callable[[Score, english_words.Word], bool]:
    """Return `lookup` of a score's place, kept for each word for the turn."""
    found: dict[tuple[int, english_words.Word], bool] = {}

    def looked_up(entry: Score, spoken: english_words.Word) -> bool:
        key = (id(entry), spoken)
        if key not in found:
            found[key] = lookup(entry.profile, spoken)
        return found[key]

    return looked_up


def score(said: Utterance, profiles: Sequence[Profile]) -> list[Score]:
    """Score every place: each word it alone has counts 1, a word shared by n places 1/n, a whole
    name its length more."""
    scores = [Score(profile=item) for item in profiles]
    # Each word said is looked for in each place once: a word said over and over ("not not not
    # ...") was looked for again each time.
    has, has_address_word, has_title = (
        _once_a_word(Profile.has),
        _once_a_word(Profile.has_address_word),
        _once_a_word(Profile.has_title),
    )
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
                elif index - 1 in entry.name_hits and has(entry, spoken):
                    entry.name_hits.add(index)
            continue
        # "church street" is a street: where it is the place's own, its words are the address,
        # not the name.
        names_a_street = said.tokens[index + 1 : index + 2] and said.tokens[index + 1] in street
        named = [
            entry
            for entry in scores
            if has(entry, spoken) and not (names_a_street and has_address_word(entry, spoken))
        ]
        for entry in named:
            entry.name_hits.add(index)
            entry.total += 1 / len(named)
            if has_address_word(entry, spoken):
                entry.address_hits.add(index)  # "church" of 310 Church Street: its street continues
        if named:
            continue
        if said.tokens[index] in street and index - 1 >= 0:
            # "Close" after "ashdown" is the rest of the street's name, not another word.
            for entry in scores:
                if index - 1 in entry.address_hits:
                    entry.address_hits.add(index)
            continue
        addressed = [entry for entry in scores if has_address_word(entry, spoken)]
        for entry in addressed:
            entry.address_hits.add(index)
            entry.total += 1 / len(addressed)
    # A title ("saint", "doctor") is part of the name it comes before: "doctor patel".
    for index, spoken in enumerate(said.said):
        for entry in scores:
            if spoken is not None and has_title(entry, spoken):
                if index + 1 in entry.name_hits:
                    entry.name_hits.add(index)
    # Two words a recognizer split ("lake view") that are one word of a name ("Lakeview").
    for index in range(len(said.tokens) - 1):
        first, second = said.said[index], said.said[index + 1]
        if first is None or second is None:
            continue
        joined = english_words.word(said.tokens[index] + said.tokens[index + 1])
        for entry in scores:
            # "the va hospital" is no slip for "vahospital": a word said before a word of the name
            # is another word; a letter alone ("t hospital") may be a slip.
            if has(entry, joined) and not (
                len(said.tokens[index]) > 1 and (has(entry, first) or has(entry, second))
            ):
                entry.name_hits |= {index, index + 1}
                entry.total += 1.0
    readings = {reading for _, _, values in said.numbers for reading in values}
    # A name's number counts only with the rest of that name: "two" alone is no Fred Meyer 2,
    # but "seven eleven" is the whole of 7-Eleven.
    numbers_said = {values for _, _, values in said.numbers}
    heard = {spoken for spoken in said.said if spoken is not None}
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
                    english_words.is_number(item.text)
                    or any(item.matches(spoken) for spoken in heard)
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
