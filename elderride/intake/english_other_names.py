"""Another place's name said with one of a place's own words ("the galway clinic", "the royal oak",
"susan's place"): the words name something else."""

import itertools

from elderride.intake import dialects, english_scores, english_words, tidy
from elderride.intake.vocabulary import words


def other_name_after(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
    """Tell whether another place's name follows one of this place's proper names ("covenant
    children's", "the galway clinic", "cahaba heights animal hospital") or its "of" ("lutheran
    church of hope"): a kind of place or a possessive this place does not have."""
    place_words = entry.name_hits | entry.address_hits
    vocabulary = words("en")
    # "the royal fracture clinic", "the royal car park": a department or a part of the place;
    # "asda after work" begins a clause of when.
    own_parts = {
        *vocabulary["place_parts"],
        *vocabulary["location_ends"],
        *vocabulary["departments"],
        *vocabulary["time_clause_starts"],
        *(part.split()[0] for part in vocabulary["place_parts"]),
    }
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


def another_name_of_one_word(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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
    if entry.whole_name:
        # "the legion remembrance service", "the club bingo": what happens at a place said by a
        # whole name of its own is no other name ("the northern meeting" is one).
        telling |= set(vocabulary["occasions"])
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


def only_its_street_after_another(
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


def proper_names(entry: english_scores.Score, said: english_scores.Utterance) -> dict[int, int]:
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


def someone_elses_home(entry: english_scores.Score, said: english_scores.Utterance) -> bool:
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
