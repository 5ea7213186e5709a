"""Why an English match is refused: what was said points at a place but names something else
(another kind, street, owner, or a place that did something)."""

import itertools
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from elderride.intake import (
    dialects,
    english_scores,
    english_streets,
    english_words,
    not_now,
    numbers,
    tidy,
)
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
    for index, spoken in enumerate(_with_home_words(said)):
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


def _other_name_after(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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
                and said.tokens[after] in english_words.function_words()
            ):
                after += 1
        elif english_words.says_a_kind(said.tokens[index]):
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
        # "culloden battlefield": a sight is another place, as a kind is.
        named = [
            position
            for position in run
            if (
                english_words.says_a_kind(said.tokens[position])
                or said.tokens[position] in vocabulary["sights"]
            )
            and position not in place_words
        ]
        if of or following.possessive or named:
            return True
    return False


def _another_name_of_one_word(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether the place is named by one word of its names alone and a word none of its own
    ends that name ("royal cornhill to visit my friend" for Aberdeen Royal Infirmary, "the prospect
    rsl for the meat raffle" for Prospect Bowling Club): the two words name another place."""
    if len(entry.name_hits) != 1:
        return False
    vocabulary = words("en")
    telling = {
        *vocabulary["said_after_places"],
        *vocabulary["sizes"],
        *vocabulary["looks"],
        *vocabulary["placeless"],
        # "morrisons if you would": a word that begins what else is said names nothing.
        *vocabulary["location_ends"],
        # "the legion hall in lively": the building the place is in is the place itself.
        *vocabulary["place_parts"],
        *vocabulary["kind_heads"],
        *vocabulary["departments"],
        *vocabulary["time_clause_starts"],
        # "morrisons pet if you would": a form of address after the place is no other name.
        *dialects.lexicon("en").get("address", ()),
    }
    (index,) = entry.name_hits
    after = index + 1

    def names_on(position: int) -> bool:
        return (
            position < len(said.tokens)
            and position not in entry.address_hits
            and said.said[position] is not None
            and said.tokens[position] not in telling
            and "'" not in said.tokens[position]
            # "the royal its urgent": a word that says no place neither begins nor runs on a name.
            and english_words.is_content(said.tokens[position])
        )

    # The other name may run on ("the royal british legion", "the royal albert dock") up to three
    # words; a word that names a number after it ("the eye man suite two ten") begins an address.
    last = after
    while (
        last + 1 < min(after + 3, len(said.tokens))
        and names_on(last + 1)
        and said.tokens[last + 1] not in vocabulary["number_names"]
    ):
        last += 1
    return (
        # "the surgery past two", "the hospital downtown": after a kind, words say which or when.
        not english_words.says_a_kind(said.tokens[index])
        and names_on(after)
        and not english_words.says_a_kind(said.tokens[after])
        and (last + 1 == len(said.tokens) or said.said[last + 1] is None)
        and (not entry.whole_name or _ends_what_is_said(said, last))
    )


def _ends_what_is_said(said: english_scores.Utterance, index: int) -> bool:
    """Tell whether the word at `index` is the last that can say which place, but for kinds ("the
    royal alexandra hospital please"): a short name said whole ("the royal") is another place's
    only with another name's word at the end, not with why the caller goes ("the royal about me
    chest")."""
    return not any(
        english_words.is_content(token) and not english_words.says_a_kind(token)
        for token in said.tokens[index + 1 :]
    )


def _kind_runs_on(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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
    return (
        after < len(said.tokens)
        and after not in place_words
        and said.said[after] is not None
        # "the grocery didn't i": a verb's contraction begins what the caller says of it.
        and "'" not in said.tokens[after]
        and said.tokens[after] not in {*own_parts, *words("en")["said_after_places"]}
        and not any(english_words.is_content(token) for token in said.tokens[after + 1 :])
    )


def _only_its_street_after_another(
    entry: english_scores.Score, said: english_scores.Utterance
) -> bool:
    """Tell whether the place is named only by its street's words, said after "on" and another
    name ("no frills on sheppard" for Yarl Foods, "sheppard grocery", on Sheppard Avenue): another
    place on that street."""
    hits = sorted(entry.name_hits)
    if not hits or not all(
        (spoken := said.said[index]) is not None and entry.profile.has_address_word(spoken)
        for index in hits
    ):
        return False
    before = hits[0] - 1
    if before < 1 or said.tokens[before] not in words("en")["on_streets"]:
        return False
    return any(
        spoken is not None and index not in entry.address_hits
        for index, spoken in enumerate(said.said[:before])
    )


def _run_end(hits: set[int]) -> int:
    """Return where the first run of name words ends: "kroger are delivering my groceries" tells
    what Kroger does before "groceries" names it again."""
    last = min(hits)
    while last + 1 in hits:
        last += 1
    return last


def _did_something(said: english_scores.Utterance, first: int, last: int) -> bool:
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
    return (
        bool(rest)
        and rest[0] in vocabulary["places_did"]
        # "grady told me to come in today": a place that calls the caller in is where to.
        and not not_now.called_in(" ".join(said.tokens[last + 1 :]), vocabulary)
    )


def _no_trip_to(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether the place is named only right after a call, a delivery or a refusal ("i phoned
    the chemist", "kroger delivered my groceries", "i don't need walgreens"): no trip is asked."""
    vocabulary = words("en")
    hits = sorted(entry.name_hits)
    # "kroger sent my groceries take me to publix": a name said again elsewhere still asks.
    if not hits or hits[-1] - hits[0] + 1 != len(hits):
        return False
    start = hits[0]
    while start > 0 and said.tokens[start - 1] in vocabulary["whose_words"]:
        start -= 1
    leading = f" {' '.join(said.tokens[:start])}"
    return any(leading.endswith(f" {verb}") for verb in vocabulary["no_trip_before"]) and not (
        not_now.called_in(" ".join(said.tokens[hits[-1] + 1 :]), vocabulary)
    )


def _named_for_its_town(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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


def _someone_elses_home(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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
            and english_words.is_content(owner)
            and owner[:-2] not in vocabulary["others"]
            and not entry.profile.has(english_words.word(owner))
        )
        if owner in vocabulary["others_whose"] or possessive:
            return True
    return False


def _proper_names(entry: english_scores.Score, said: english_scores.Utterance) -> dict[int, int]:
    """Return where each word of a whole name of the place stands, with where that name begins,
    for names whose first naming word is no kind of place ("mount zion", "st john"; not "the
    hospital")."""
    found: dict[int, int] = {}
    for start, end in tidy.spans(said.text, entry.profile.phrases, "en"):
        inside = range(said.text[:start].count(" "), said.text[:end].count(" ") + 1)
        # A title ("saint" of "st john") comes before the name's first naming word.
        first = min(
            (
                index
                for index in inside
                if index in entry.name_hits
                and not ((spoken := said.said[index]) and entry.profile.has_title(spoken))
            ),
            default=None,
        )
        if first is not None and not english_words.says_a_kind(said.tokens[first]):
            found |= {index: inside[0] for index in inside}
    return found


def _another_one(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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


def _only_its_locality(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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


def refused(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether what was said, though it points at this place, names something else.

    A different word right before a name word ("the eye hospital", "the golf club"), a kind of
    place this one is not ("mary's house" for St Mary's Church), a name word that is a street's
    ("church street"), or a street without its number beside other words ("the bank on lake
    street").
    """
    place_words = entry.name_hits | entry.address_hits
    ordinary = set(words("en")["ordinary_words"])
    if place_words and all(said.tokens[index] in ordinary for index in place_words):
        # "that's good to know", "cold the day": words of everyday speech alone name no Good
        # Companions Club or Day Centre, though each is that one place's own word.
        return True
    street = set(words("en")["street_words"])
    owners = set(words("en")["owner_words"])
    sizes = {*words("en")["sizes"], *words("en")["looks"]}
    occasions = set(words("en")["occasions"])
    said_after = set(words("en")["said_after_places"])
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
            if before - 1 in place_words and said.tokens[before] in said_after:
                # "the pharmacy first la familia": said after one of its names, "first" says
                # when; the name that follows is the same place again.
                continue
            if said.tokens[before - 1 : before] and said.tokens[before - 1] in owners:
                # "for my knee good hope": the knee is the caller's; before a kind ("my eye
                # hospital") it still says which kind.
                if not english_words.says_a_kind(said.tokens[index]):
                    continue
            return True
    if _only_its_street_after_another(entry, said):
        return True
    if _another_one(entry, said):
        return True
    openers = set(words("en")["name_openers"])
    for index in entry.name_hits:
        after = index + 1
        if (
            said.tokens[index] in openers
            and after < len(said.tokens)
            and after not in place_words
            and said.said[after] is not None
        ):
            # "st nicholas avenue" for St Mark's Church: the saint named is another.
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
    if _another_name_of_one_word(entry, said):
        return True
    if _kind_runs_on(entry, said):
        return True
    if entry.name_hits and _did_something(said, min(entry.name_hits), _run_end(entry.name_hits)):
        return True
    if _no_trip_to(entry, said):
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
    if english_streets.on_another_street(said, entry.profile.place, place_words):
        return True
    if english_streets.numbered_street_elsewhere(entry, said):
        return True
    if not entry.name_hits and any(
        said.tokens[index] in street
        and not english_streets.own_street_word(said.tokens[index], entry.profile)
        for index in entry.address_hits
    ):
        # Named by its street alone, "coronation street" is another street than the home's
        # Coronation Road ("the norwich hospital out colney way" is the hospital).
        return True
    if not entry.name_hits and not entry.whole_name and not entry.number_hit:
        if _only_its_locality(entry, said):
            # "raytown please", "out to knocknacarra": the one place in that suburb or town.
            return False
        # A street's name alone is the street only with its street word ("ashdown close", not "the
        # river"); "gardens" of the place's own Kemnay Gardens is one ("back up to kemnay
        # gardens"), as its address already says.
        own_street = street | set(words("en")["numbered_street_words"])
        if not any(said.tokens[index] in own_street for index in entry.address_hits) or all(
            said.tokens[index] in own_street for index in entry.address_hits
        ):
            return True
        if any(
            spoken is not None and index not in place_words
            for index, spoken in enumerate(said.said)
        ):
            return True
    return False
