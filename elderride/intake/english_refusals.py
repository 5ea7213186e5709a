"""Why an English match is refused: what was said points at a place but names something else
(another kind, street, owner, or a place that did something)."""

from elderride.intake import (
    english_kinds,
    english_localities,
    english_other_names,
    english_scores,
    english_streets,
    english_words,
    not_now,
    numbers,
    tidy,
)
from elderride.intake.vocabulary import words


def _run_end(hits: set[int]) -> int:
    """Return where the first run of name words ends: "kroger are delivering my groceries" tells
    what Kroger does before "groceries" names it again."""
    last = min(hits)
    while last + 1 in hits:
        last += 1
    return last


def _asked_after(said: english_scores.Utterance, last: int) -> bool:
    """Tell whether what follows token `last` ends in a plain ask for a ride ("... tonight i want
    to go", "... at two can you take me") that names nowhere else."""
    vocabulary = words("en")
    after = " ".join(said.tokens[last + 1 :])
    asked = tidy.spans(after, vocabulary["asks_after_told"], "en")
    if not asked:
        return False
    left = tidy.without_phrases(after[asked[-1][1] :], vocabulary["refers_back"], "en")
    return not tidy.strip_fillers(left.strip(), vocabulary["fillers"], "en")


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
        and not (rest[0] in vocabulary["places_have_on"] and _asked_after(said, last))
        # "grady told me to come in today": a place that calls the caller in is where to.
        and not not_now.called_in(" ".join(said.tokens[last + 1 :]), vocabulary)
    )


def _with_links(hits: set[int], said: english_scores.Utterance) -> set[int]:
    """Return the name words `hits` with each single word that only links two of them ("and" of
    "the n and n"), which is said as part of the name though it matches none of its words."""
    linking = set(words("en")["name_links"])
    return hits | {
        index
        for index in range(len(said.tokens))
        if index - 1 in hits and index + 1 in hits and said.tokens[index] in linking
    }


def _no_trip_to(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether the place is named only right after a call, a delivery or a refusal ("i phoned
    the chemist", "kroger delivered my groceries", "i don't need walgreens"): no trip is asked."""
    vocabulary = words("en")
    hits = sorted(_with_links(entry.name_hits, said))
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
    proper = english_other_names.proper_names(entry, said)
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
    if english_other_names.only_its_street_after_another(entry, said):
        return True
    if english_kinds.another_one(entry, said):
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
    if not english_kinds.kinds_agree(said, entry.profile.place, near=place_words or None):
        return True
    if english_other_names.other_name_after(entry, said):
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
        and said.tokens[last] not in words("en")["departments"]
    ):
        # "the royal oak" ends on a word the Royal Infirmary does not have: another place ("tesco
        # cafe" ends on a part of Tesco).
        return True
    if english_other_names.another_name_of_one_word(entry, said):
        return True
    if english_kinds.kind_runs_on(entry, said):
        return True
    if entry.name_hits and _did_something(
        said, min(entry.name_hits), _run_end(_with_links(entry.name_hits, said))
    ):
        return True
    if _no_trip_to(entry, said):
        return True
    if english_other_names.someone_elses_home(entry, said):
        return True
    if english_localities.named_for_its_town(entry, said):
        return True
    for index in entry.name_hits:
        word = said.said[index]
        after = index + 1
        # "church street" is a street, not the church, unless the place's name has the street word
        # too (Main Street Pharmacy); "the royal suite two" is a suite in it; "tan's place" is
        # someone's home, no Tan Place.
        if (
            after < len(said.tokens)
            and said.tokens[after] in street
            and said.tokens[after] not in words("en")["departments"]
            and after not in place_words
            and not (word is not None and entry.profile.has_address_word(word))
            and not (
                word is not None
                and word.possessive
                and said.tokens[after] in words("en")["owned_homes"]
            )
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
        if english_localities.only_its_locality(entry, said):
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
