"""The kinds of place an English turn says ("house", "church", "the va one"), and whether they are
the place's own."""

import itertools
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from elderride.intake import english_scores, english_words
from elderride.intake.vocabulary import words


def _with_home_words(said: english_scores.Utterance) -> list[english_words.Word | None]:
    """Return the words said, with "my place" (all function words) read as the home it means."""
    found = list(said.said)
    for phrase in words("en")["home_words"]:
        size = len(phrase.split())
        for start in range(len(said.tokens) - size + 1):
            if " ".join(said.tokens[start : start + size]) == phrase:
                found[start + size - 1] = english_words.word("home")
    return found


def _in_place_parts(said: english_scores.Utterance) -> set[int]:
    """Return where the words of a part of a place said in more than one word are ("car park")."""
    found: set[int] = set()
    for phrase in words("en")["place_parts"]:
        size = len(phrase.split())
        if size < 2:
            continue
        for start in range(len(said.tokens) - size + 1):
            if " ".join(said.tokens[start : start + size]) == phrase:
                found |= set(range(start, start + size))
    return found


def kinds_agree(
    said: english_scores.Utterance,
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
        english_words.word(token)
        for phrase in english_scores.profile(place).phrases
        for token, after in itertools.pairwise([*english_words.titled(phrase.split()), ""])
        if after not in street
    ]
    label = english_scores.profile(place).names[:1]
    if label and all(item.possessive for item in label[0]):
        # "Our Karen's" is where Karen lives: "me daughter's house" is it (Linda's Farm is a farm).
        place_words.append(english_words.word("home"))
    before = {*words("en")["street_prepositions"], *words("en")["location_prepositions"]}
    address = english_scores.profile(place)
    parts = _in_place_parts(said)
    # "take me to the bingo after church", "asda after work": a kind said in a clause of when is
    # when the caller goes, not where.
    starts = words("en")["time_clause_starts"]
    when = next(
        (index for index, token in enumerate(said.tokens) if index and token in starts),
        len(said.tokens),
    )
    for index, spoken in enumerate(_with_home_words(said)):
        if index > when:
            break
        if index in parts or (
            index
            and said.tokens[index] in words("en")["departments"]
            and (named := said.said[index - 1]) is not None
            and any(named.keys & item.keys for item in place_words)
        ):
            # "the royal car park", "the royal pharmacy", "morrisons cafe": a part of the place
            # said after its name is no other kind of place.
            continue
        if spoken is None or set(said.tokens[index + 1 : index + 2]) & street:
            # A kind word before a street word ("station" in Station Road, "park" in Park Lane)
            # names the street; said alone ("the park"), it is a kind of place.
            continue
        start = index
        while start and (said_word := said.said[start - 1]) and address.has_address_word(said_word):
            start -= 1
        # "at the otara town centre": an article may come between.
        lead = start - 1 - (start > 1 and said.tokens[start - 1] in words("en")["articles"])
        if start and said.tokens[lead] in before and address.has_address_word(spoken):
            # "the one on university" is on University Avenue, "in mill park" in Mill Park: the
            # place's address, no university or park.
            continue

        if near is not None and not any(
            abs(index - other) <= 2 or _placed_at(said.tokens[index + 1 : other]) for other in near
        ):
            continue
        if (
            index
            and said.tokens[index] in words("en")["kind_heads"]
            and any(
                english_words.word(said.tokens[index - 1]).keys & item.keys for item in place_words
            )
        ):
            # "the grocery store", "the church house": the place's own kind says which store.
            continue
        if index and any(
            english_words.word(said.tokens[index - 1] + said.tokens[index]).keys & item.keys
            for item in place_words
        ):
            # "store" of "drug store", one word split in two, is the drugstore this place is.
            continue
        for kind in english_words.kinds():
            if kind.keys & spoken.keys and not any(kind.keys & item.keys for item in place_words):
                return False
    return True


def _placed_at(between: list[str]) -> bool:
    """Tell whether the words `between` a kind word and a place's own word only place the kind
    there ("the doctor's on the crescent", "the dentist up on the high street")."""
    vocabulary = words("en")
    linking = {*vocabulary["street_prepositions"], *vocabulary["kind_placing_words"]}
    return set(between) <= linking and bool(set(between) - set(vocabulary["articles"]))


def kind_runs_on(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether the place is named only by a name that is a kind of place ("home", "the
    hospital") and what is said ends on another word right after it ("home bargains", "home
    depot"): a kind said before a name's last word only says what that other place is."""
    place_words = entry.name_hits | entry.address_hits
    kind_names = [
        name[0]
        for name in entry.profile.names
        if len(name) == 1 and english_words.says_a_kind(name[0].text)
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
    # "the club bingo", "the hospital league of friends sale": an event at the kind of place is
    # held there, and names no other place.
    occasions = set(words("en")["occasions"])
    return (
        after < len(said.tokens)
        and not occasions & set(said.tokens[after:])
        and after not in place_words
        and said.said[after] is not None
        # "the grocery didn't i": a verb's contraction begins what the caller says of it.
        and "'" not in said.tokens[after]
        and said.tokens[after] not in {*own_parts, *words("en")["said_after_places"]}
        and not any(english_words.is_content(token) for token in said.tokens[after + 1 :])
    )


def another_one(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether a word none of the place's comes right before "one" ("the hospital the va
    one", "the uc one") and none of its names after: the caller tells which of the kind by a word
    this place has not; a size, a look or "the usual one" tells none."""
    vocabulary = words("en")
    # "for the funeral one it is": what happens there, said before a time's "one", tells none.
    telling = {
        *vocabulary["sizes"],
        *vocabulary["looks"],
        *vocabulary["which_one_words"],
        *vocabulary["occasions"],
    }
    place_words = entry.name_hits | entry.address_hits
    return any(
        token in vocabulary["another_of_kind"]
        and index > 1
        # "the va one", not "i ain't missed one": the word tells which only after a determiner.
        and said.tokens[index - 2] in vocabulary["one_determiners"]
        and said.said[index - 1] is not None
        and index - 1 not in place_words
        and said.tokens[index - 1] not in telling
        and not english_words.is_number(said.tokens[index - 1])
        # "church please the redeemed one r c c g": the place's own name said after tells it.
        and not any(hit > index for hit in entry.name_hits)
        for index, token in enumerate(said.tokens)
    )
