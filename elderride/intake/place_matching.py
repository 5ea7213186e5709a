"""Finding which of a senior's places a caller means: through the family they name, then by the
place's own words."""

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import (
    chinese_destinations,
    chinese_names,
    chinese_places,
    chinese_streets,
    dialects,
    english_kinds,
    english_own_streets,
    english_places,
    english_scores,
    english_streets,
    english_words,
    landmarks,
    locations,
    neighbours,
    numbers,
    people,
    tidy,
    together,
)
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]


def _names(place: Place, language: str) -> list[str]:
    tidy_one = tidy.chinese if language == "zh" else tidy.english
    return [tidy_one(name) for name in [place["label"], *(place.get("aliases") or ())]]


def _destination(spoken: str, language: str) -> str:
    """Return the part of `spoken` that says where to: "my son said to go to the pharmacy" is about
    the pharmacy."""
    if language == "zh":
        return chinese_destinations.core(spoken)
    markers = sorted(words("en")["destination_markers"], key=len, reverse=True)
    # "my son said to come over": the "to" of an invitation says no place after it.
    invited = tidy.spans(spoken, words("en")["invitations"], "en")
    ends = [
        match.end()
        for marker in markers
        for match in tidy.whole(marker).finditer(spoken)
        if not any(start <= match.start() < end for start, end in invited)
    ]
    rest = spoken[max(ends) :].strip() if ends else ""
    return rest or spoken


def related_places(
    mention: people.Mention,
    places: Sequence[Place],
    persons: Sequence[people.Person],
    language: str,
) -> list[Place]:
    """Return the places of the relations and contacts mentioned: named for them ("儿子家", "my
    daughter's") or for their name ("Tom's home")."""
    # A contact named is also their relation: "去王强家" is 儿子家 when 王强 is the son.
    relations = mention.relations | {
        person.relation for person in mention.people if person.relation
    }
    # "我娃" is the son or the daughter: whichever of them has a place here.
    groups = words(language).get("relation_groups", {})
    relations |= {member for key in relations for member in groups.get(key, ())}
    # "美玲那里": an in-law named by her name lives where her spouse does.
    households = words(language).get("households", {})
    relations |= {
        member
        for person in mention.people
        if person.relation
        for member in households.get(person.relation, ())
    }
    named = set(mention.people) | {person for person in persons if person.relation in relations}
    found = []
    for place in places:
        # A place's names are read the way a caller is heard, so 外孙女家 is not 外孙's; a name
        # said in dialect is read in Mandarin too, as the caller is: 幺女家 is the daughter's.
        names = _names(place, language)
        if language == "zh":
            names += [dialects.standard(name, language) for name in names]
        inside = [people.mentioned(name, language, persons) for name in names]
        if _anothers_by_name(mention, inside):
            continue
        if any(item.relations & relations or set(item.people) & named for item in inside):
            found.append(place)
    return found


def _anothers_by_name(mention: people.Mention, inside: Sequence[people.Mention]) -> bool:
    """Tell whether the contacts `mention` names by name only are none of those a relative's home
    is named for, though one of theirs is: with two sons, 建军屋里 is not 建华's."""
    if mention.relations or not mention.people:
        return False
    owners = {person for item in inside for person in item.people}
    kin = {person.relation for person in mention.people}
    return not owners & set(mention.people) and any(owner.relation in kin for owner in owners)


def best_place(
    spoken: str, places: Sequence[Place], language: str, contacts: Sequence[Mapping[str, Any]] = ()
) -> tuple[Place | None, float]:
    """Return (place, confidence) for the place `spoken` (tidied) names best, or (None, 0.0).

    Naming family decides first: "my son's place" is the son's place, or nothing when he has
    none here, never a place that merely shares a word. Two places that fit equally are no answer,
    and a place said somewhere that is not its own ("the cvs down in tucson") is none.
    """
    if language == "zh":
        spoken = chinese_destinations.kind_last(_without_takers(spoken, contacts))
    place, confidence = _named(spoken, places, language, contacts)
    # However it was found (its name, its kind, a relative's), the location said with it decides.
    if place is not None and locations.elsewhere(spoken, place, language, contacts=contacts):
        place, confidence = None, 0.0
    if place is None and language == "en" and landmarks.meant(spoken, language) is None:
        # "the house on northwest thirty fourth": named by its own street, with no other name.
        place, confidence = english_own_streets.by_own_street(spoken, places), 0.85
    if place is None:
        return None, 0.0
    if place is not None and language == "zh" and _another_at(spoken, place, places, contacts):
        return None, 0.0
    if place is not None and _another_relative(spoken, place, language, contacts):
        return None, 0.0
    if place is not None and language == "zh" and _relative_of_a_contact(spoken, place, contacts):
        return None, 0.0
    if place is not None and language != "zh" and _beside_home(spoken, place):
        return None, 0.0
    return place, confidence


def begins_with_a_name(
    spoken: str, places: Sequence[Place], contacts: Sequence[Mapping[str, Any]] = ()
) -> bool:
    """Tell whether English `spoken` (tidied) names one of `places` and begins with a word of its
    names ("southend hospital sorry mate"; not "better i might go to the hospital")."""
    place = best_place(spoken, places, "en", contacts)[0]
    first = spoken.split()[:1]
    return (
        place is not None
        and bool(first)
        and english_scores.profile(place).has(english_words.word(first[0]))
    )


def _beside_home(spoken: str, place: Place) -> bool:
    """Tell whether English `spoken` names a house beside the caller's home ("the house next door
    on fourteenth street", "the one across the road from mine") and `place` is that home."""
    vocabulary = words("en")
    home = place.get("is_home") or tidy.english(place["label"]) in vocabulary["home_labels"]
    # "take me home from next door": where the caller is fetched from is beside home, not where.
    beside = [
        start
        for start, _ in tidy.spans(spoken, vocabulary["beside_home"], "en")
        if not spoken[:start].endswith(tuple(f"{word} " for word in vocabulary["origin_words"]))
    ]
    return bool(home) and bool(beside)


def _another_relative(
    spoken: str, place: Place, language: str, contacts: Sequence[Mapping[str, Any]]
) -> bool:
    """Tell whether `spoken` tells a relative apart ("my younger daughter's", "my other son's",
    去小闺女家) and `place` is a relative's whose names do not say so: it may be another one's."""
    told = people.told_apart(spoken, language)
    if not told:
        return False
    names = _names(place, language)
    persons = people.people(contacts)
    # Only a place named for a relative ("my daughter's", 女儿家) may be another relative's.
    # Only those names can say which relative: 大 in 大安那边 (a district) is no 大女儿.
    relatives = [name for name in names if people.mentioned(name, language, persons)]
    # 老二 is the 二 of 二儿子家.
    return bool(relatives) and not all(
        any(
            tidy.has_phrase(name, [word, *([word[1:]] if word[:1] == "老" else [])], language)
            for name in relatives
        )
        for word in told
    )


def _relative_of_a_contact(
    spoken: str, place: Place, contacts: Sequence[Mapping[str, Any]]
) -> bool:
    """Tell whether Chinese `spoken` names a contact's own relative ("阿珍个女嫁去麻章", read
    阿珍女儿): that relative's home is not the contact's, unless the place's names say it."""
    relations = tidy.either(word for word in people.relation_words_all("zh") if len(word) > 1)
    for person in people.people(contacts):
        for name in person.names:
            if len(name) < 2:
                continue
            found = re.search(rf"{re.escape(name)}的?((?:{relations}))", spoken)
            if found and not any(name + found.group(1) in own for own in _names(place, "zh")):
                return True
    return False


def _another_at(
    spoken: str, place: Place, places: Sequence[Place], contacts: Sequence[Mapping[str, Any]]
) -> bool:
    """Tell whether Chinese `spoken` names another place at this one's district or street: a
    business there, or the home of someone who is none of the place's people ("金山万达",
    "十一街坊我干妈家"; "金山我女儿家" is the daughter's)."""
    persons = people.people(contacts)

    def theirs(owner: str) -> bool:
        mention = people.mentioned(owner, "zh", persons)
        return bool(mention) and place in related_places(mention, places, persons, "zh")

    return neighbours.another_at(spoken, place, theirs)


def _named(
    spoken: str, places: Sequence[Place], language: str, contacts: Sequence[Mapping[str, Any]]
) -> tuple[Place | None, float]:
    """Return (place, confidence) for the place `spoken` names by its words or its people."""
    # A name saved with a landmark in it ("家附近的超市") is the place itself.
    names = [name for place in places for name in chinese_names.names(place)]
    beside = landmarks.meant(spoken, language, names if language == "zh" else ())
    if beside == "":
        return None, 0.0  # "near the church" is not the church
    landmark = ""
    if beside and language != "zh":
        # What is beside it, without the street both are on ("next to the doctor's on tonge moor
        # road"): the words said between the two.
        shared = len(os.path.commonprefix([spoken, beside]))
        both_on = beside[shared:].strip()
        landmark = spoken[shared:].removesuffix(both_on) if both_on else spoken[shared:]
    spoken = spoken if beside is None else beside
    persons = people.people(contacts)
    destination = _destination(spoken, language)
    theirs = _theirs_not_home(destination, places, persons) if language != "zh" else None
    owners = destination
    if language != "zh" and (
        together.caller_goes_along(spoken, language, contacts)
        or together.takings(spoken, language, contacts)
        or together.with_fellows(spoken, contacts)
    ):
        # "tesco for my husband and me", "i'm taking the wife up the hospital": whom the caller
        # goes with rides, and is not whose place; nor is "my wife's" in "my wife's got an
        # appointment at the clinic and i'm going too", which begins what she does.
        if theirs is not None:
            owners = destination[:theirs] + destination[theirs:].partition(" ")[2]
        led = destination != spoken
        owners, theirs = together.without_fellows(owners, contacts, led=led), None
    # "去我儿那块": the relative is named with 我, which destination() drops as a filler.
    mention = people.mentioned(
        _without_companions(chinese_destinations.destination(spoken), contacts)
        if language == "zh"
        else owners,
        language,
        persons,
    )
    if theirs is not None:
        # "our karen's little one", "our karen's not in today": the person, not her house.
        cut = len(spoken) - len(destination) + theirs
        return _asked_before(spoken[:cut], spoken[cut:], places, contacts)
    if (
        mention
        and language != "zh"
        and not people.mentioned(people.without_subjects(destination, persons), language, persons)
    ):
        # "my daughter said i should", "my son's coming round": a relative named only as the one
        # who speaks or comes is not where to; "asda where karen works" names Asda, never her
        # house.
        vocabulary = words("en")
        done = tidy.spans(destination, vocabulary["subject_verbs"], language)
        after = destination[max(end for _, end in done) :] if done else destination
        # Said last, the relative's clause only describes the place; "the clinic where keisha
        # works at over in vestavia" goes on to say where that clinic is.
        described = not tidy.strip_fillers(
            tidy.without_phrases(after, vocabulary["described_ends"], language).strip(),
            vocabulary["fillers"],
            language,
        )
        found = english_places.best(people.without_subjects(destination, persons), places)
        related = related_places(mention, places, persons, language)
        # "the store where marcus works" says a store, not which: described so, only a whole
        # name of the place is it.
        if (
            found[0] is not None
            and found[0] not in related
            and found[1] >= english_places.WHOLE_NAME
            and (described or _said_of_it(after, found[0]))
        ):
            return found
        return None, 0.0
    chain = re.search(r"[\w]+'s ([\w]+'s)(?![\w'])", destination) if language != "zh" else None
    if chain and chain.group(1) in words("en")["after_homes"]:
        # "take me round our debbie's she's doing me tea": "she's" begins what she does.
        chain = None
    if mention and chain:
        # "jake's girlfriend's apartment" is hers, "paul's daughter's" his daughter's: the last
        # owner is whose place it is, and only a contact named so is one of the senior's own.
        mention = people.mentioned(chain.group(1), language, persons)
        if not mention.people or mention.relations:
            return None, 0.0
    # 我要跟李娜说: she is spoken of, not gone to; the words are then only matched as they are.
    # "我闺女等着我呢": waited for at theirs is going there.
    going = (
        language != "zh"
        or tidy.has_phrase(
            spoken, [*words("zh")["place_markers"], *words("zh")["invitations"]], "zh"
        )
        or _at_theirs_last(spoken, contacts)
    )
    if mention and going:
        if _former(spoken, language):
            # "jake's old apartment", "儿子以前的家": a place they had is not the one saved.
            return None, 0.0
        related = related_places(mention, places, persons, language)
        if len(related) == 1:
            # "tom's church" is not Tom's home, nor is "tom's on baker street": the kind of place
            # and the street said must fit.
            said = english_scores.utterance(destination)
            if language != "zh" and (
                not english_kinds.kinds_agree(said, related[0])
                or english_streets.on_another_street(said, related[0])
            ):
                return None, 0.0
            if language == "zh" and not chinese_names.kinds_agree(destination, related[0]):
                # "去女儿单位" is not 女儿家; "去医院看女儿" is the hospital, where she is seen.
                return chinese_places.best(people.without(spoken, mention, "zh"), places)
            return related[0], 0.9
        if not related:
            return None, 0.0
        places = related
    if language == "zh" and not mention and going:
        street = _relatives_street(spoken, destination, places, persons)
        if street is not None:
            return street, 0.8
    if language == "zh":
        # "儿子叫我别去": the son is spoken of, not gone to, so his words name no place.
        found = chinese_places.best(
            people.without(spoken, mention, "zh") if mention else spoken, places
        )
        if found[0] is not None and not _house_fits(spoken, found[0]):
            return None, 0.0
        return found
    # Where to comes first: "from the royal infirmary to sainsbury's" is Sainsbury's; then the
    # whole, for "the pharmacy to pick up my pills".
    # "i'll check with linda" when going with her: the one asked names none of the words.
    found = english_places.best(people.without_subjects(destination, persons), places)
    if found[0] is None and destination != spoken:
        found = english_places.best(people.without_subjects(spoken, persons), places)
    if (
        found[0] is not None
        and english_places.best(landmark, places)[0] is found[0]
        and not _where_it_is(landmark, found[0])
        and not _label_said_around(spoken, landmark, found[0])
    ):
        # "the dental hospital next to the rvi": a place beside the infirmary is another one.
        return None, 0.0
    beside_another = english_places.best(landmark, places)[0] if landmark.strip() else None
    if found[0] is not None and beside_another not in (None, found[0]):
        # "the chemist next to moira's", "the supermarket near the kirk": a kind placed by another
        # of the senior's places is some branch there; only its own name says it is theirs ("the
        # hospital near the river" places the one hospital they have).
        named = [token for token in destination.split() if english_words.is_content(token)]
        if named and all(english_words.says_a_kind(token) for token in named):
            return None, 0.0
    if found[0] is None:
        found = _marked_home(destination, places)
    if found[0] is not None and not _numbers_fit(spoken, found[0]):
        return None, 0.0
    return found


def _where_it_is(landmark: str, place: Place) -> bool:
    """Tell whether English `landmark` names `place` only by words of its address ("the chemist by
    sketty" of Boots Sketty on Gower Road, Sketty): where it is, not a place beside it."""
    said = english_scores.utterance(landmark)
    entry = english_scores.score(said, [english_scores.profile(place)])[0]
    return bool(entry.name_hits) and entry.name_hits <= entry.address_hits


def _label_said_around(beside: str, landmark: str, place: Place) -> bool:
    """Tell whether English `beside` and its `landmark` together say every word of `place`'s label
    and no other ("the senior center by wilson park" of Wilson Park Senior Center): the place told
    by its own name, not another beside it ("the big hospital across from kings county")."""
    said = [
        english_words.word(token)
        for token in f"{beside} {landmark}".split()
        if english_words.is_content(token)
    ]
    label = [
        english_words.word(token)
        for token in tidy.english(place["label"]).split()
        if english_words.is_content(token)
    ]
    own = english_scores.profile(place)
    return (
        bool(label)
        and all(any(name.matches(word) for word in said) for name in label)
        and all(own.has(word) for word in said)
    )


def _said_of_it(after: str, place: Place) -> bool:
    """Tell whether English `after`, said after a relative's clause that describes `place`, only
    says when it was and which one by the place's own words ("last year the big one on euclid" of
    17100 Euclid Street): no other place is said."""
    vocabulary = words("en")
    past = [*vocabulary["past"], *vocabulary["described_ends"]]
    rest = tidy.without_phrases(after, past, "en").split()
    # "stay last" ends the clause's verb: "year" of "last year" is left after it.
    periods = {phrase.split()[-1] for phrase in vocabulary["past"] if phrase.startswith("last ")}
    placeless = {*vocabulary["placeless"], *vocabulary["looks"], *vocabulary["sizes"], *periods}
    own = english_scores.profile(place)
    return bool(rest) and all(
        not english_words.is_content(token)
        or token in placeless
        or own.has(english_words.word(token))
        or own.has_address_word(english_words.word(token))
        for token in rest
    )


def _without_takers(spoken: str, contacts: Sequence[Mapping[str, Any]]) -> str:
    """Return Chinese `spoken` without whoever takes the caller ("女儿送我去医院" -> "去医院"): the
    daughter who drives is not her home."""
    for start, end in reversed(people.takers(spoken, "zh", contacts)):
        spoken = spoken[:start] + spoken[end:]
    return spoken


def _at_theirs_last(spoken: str, contacts: Sequence[Mapping[str, Any]]) -> bool:
    """Tell whether Chinese `spoken` ends in a relative or contact and 那 ("铁西人民路我儿子那"):
    said last, 那 is their place, as 那儿 is."""
    someone = people.someone("zh", tuple(people.others("zh", contacts)))
    ending = tidy.strip_fillers(spoken, words("zh")["fillers"], "zh")
    return re.search(rf"(?:{someone})那$", ending) is not None


def _without_companions(destination: str, contacts: Sequence[Mapping[str, Any]]) -> str:
    """Return Chinese `destination` without whom the caller is with there ("茶馆跟老朋友摆龙门阵"
    -> "茶馆摆龙门阵"): a companion is not whose place it is."""
    vocabulary = words("zh")
    with_ = tidy.either(vocabulary["companions_with"])
    others = tidy.either(people.others("zh", contacts))
    whose = tidy.either(vocabulary["whose_words"])
    return re.sub(rf"(?<=.)(?:{with_})(?:{whose})?(?:{others})", "", destination)


def _relatives_street(
    spoken: str, destination: str, places: Sequence[Place], persons: Sequence[people.Person]
) -> Place | None:
    """Return the relative's place whose own street is all that is said after the last 去
    ("到儿子那边去，滨江长河路那个"), the relative named before it, or None."""
    mention = people.mentioned(spoken, "zh", persons)
    if not mention:
        return None
    related = related_places(mention, places, persons, "zh")
    streets = chinese_streets.STREET.findall(destination)
    if (
        len(related) != 1
        or not streets
        or locations.elsewhere(destination, related[0], "zh")
        or not chinese_names.kinds_agree(destination, related[0])
    ):
        return None
    # Only the street and words that point at it: "长河路那个超市" names a shop there.
    vocabulary = words("zh")
    rest = destination
    for word in [*streets, *vocabulary["pointers"], *vocabulary["linking_words"]]:
        rest = rest.replace(word, "")
    return related[0] if not tidy.strip_fillers(rest, vocabulary["fillers"], "zh") else None


def _asked_before(
    before: str, after: str, places: Sequence[Place], contacts: Sequence[Mapping[str, Any]]
) -> tuple[Place | None, float]:
    """Return the place English `before` asks for ("take me to the freeman"), when `after` speaks
    of a person ("my daughter's meeting me there"), or (None, 0.0) when it asks for none."""
    vocabulary = words("en")
    # Only a ride asked for says where: "mount zion baptist in bessemer for my cousin's funeral"
    # names another church; "i won't need that ride to church, darlene's taking me" none.
    asked = tidy.has_phrase(before, [*vocabulary["asks"], *vocabulary["destination_markers"]], "en")
    taken_back = tidy.has_phrase(before, vocabulary["errand_negations"], "en")
    if not asked or taken_back or tidy.has_phrase(after, vocabulary["with_me"], "en"):
        return None, 0.0
    return best_place(before, places, "en", contacts)


def _theirs_not_home(
    spoken: str, places: Sequence[Place], persons: Sequence[people.Person]
) -> int | None:
    """Return where English `spoken` first follows a contact's or relative's "'s" with what is
    theirs or what they do ("our karen's little one", "karen's not in"), not with what may follow
    their home ("our karen's on queens drive", "karen's she's doing me tea"); None if nowhere."""
    vocabulary = words("en")
    owners = [
        *(name for person in persons for name in person.names),
        *(word for key in vocabulary["relations"] for word in people.relation_words(key, "en")),
    ]
    # The first word of a filler or a time ("thank you", "in the morning") is enough.
    phrases = [
        *vocabulary["fillers"],
        *vocabulary["numbers"],
        *(phrase for key in vocabulary["time"] for phrase in vocabulary["time"][key]),
    ]
    after = {*vocabulary["after_homes"], *(phrase.split()[0] for phrase in phrases)}
    # "linda's farm" is Linda's Farm: a place's own name goes on after the possessive.
    named = tidy.spans(spoken, [name for place in places for name in _names(place, "en")], "en")
    for found in tidy.compiled(rf"(?<![\w'])(?:{tidy.either(owners)})'s(?![\w'])").finditer(spoken):
        rest = spoken[found.end() :].split()
        following = rest[0] if rest else None
        # "me daughter's in laws": "in" begins whose they are, not where.
        in_laws = tidy.has_phrase(" ".join(rest[:2]), vocabulary["in_laws"], "en")
        # "my daughter's expecting me": she expects the caller at hers.
        invited = tidy.spans(" ".join(rest[:4]), vocabulary["invitations"], "en")
        hosts = any(start == 0 for start, _ in invited)
        if (following is None or following in after or hosts) and not in_laws:
            continue
        if following is not None and _their_own_word(found.group(), following, places, persons):
            # "me daughter's beechwood avenue": a word of her place's names or address goes on
            # to say which place of hers, as "on beechwood avenue" would.
            continue
        said = found.end() + len(f" {following}") if following else found.end()
        if not any(start <= found.start() and said <= end for start, end in named):
            return found.start()
    return None


def _their_own_word(
    owner: str, following: str, places: Sequence[Place], persons: Sequence[people.Person]
) -> bool:
    """Tell whether English `following`, said right after `owner` ("me daughter's"), is a word of
    the names or the address of the one place that is that person's."""
    mention = people.mentioned(owner, "en", persons)
    related = related_places(mention, places, persons, "en") if mention else []
    if len(related) != 1:
        return False
    said = english_words.word(following)
    own = english_scores.profile(related[0])
    return not english_words.says_a_kind(following) and (
        own.has(said) or own.has_address_word(said)
    )


def _former(spoken: str, language: str) -> bool:
    """Tell whether a relative's place is spoken of as one they had ("bob's old place")."""
    formers = words(language)["former_words"]
    if language == "zh":
        return tidy.has_phrase(spoken, formers, language)
    said = tidy.either(formers)
    # "where my son stayed before": dwelling there then is having had it.
    dwelt = rf"(?:{tidy.either(words(language)['dwelling_verbs'])})"
    before = rf"(?:{tidy.either(words(language)['former_times'])})"
    return (
        re.search(rf"(?:'s|s') (?:{said})(?![\w'])", spoken) is not None
        or re.search(rf"(?<![\w']){dwelt} {before}(?![\w'])", spoken) is not None
    )


def _numbers_fit(spoken: str, place: Place) -> bool:
    """Tell whether the numbers said (of two digits or more, or any said as "number three") are
    this place's own: "post 1124" is not VFW Post 1123, nor "number three" No. 2 Road, though "the
    vfw on 19 veterans way" is it."""
    own = " ".join([place["label"], *(place.get("aliases") or ()), place.get("address") or ""])
    named = set(re.findall(r"\d{2,}", own))
    if not _numbers_outside_names(spoken, place) <= named:
        return False
    # "number three" said to a place saved by a number ("No. 2 Road", "number two road") must say
    # that number: a choice read out at a menu is no road.
    # An address writes it "No. 2 Road"; a caller says "number".
    numbered = _numbered(tidy.english(own), ("number", "no"))
    return not numbered or _numbered(spoken) <= numbered


def _numbers_outside_names(spoken: str, place: Place) -> set[str]:
    """Return the numbers of two digits or more said in English `spoken`, but for those that say a
    name of the place made of numbers however written ("7 11" of 7-Eleven)."""
    tokens = spoken.split()
    names = set(english_scores.profile(place).numbers) - {()}
    runs = numbers.spoken_numbers(english_words.titled(tokens))
    in_names = {
        index
        for first in range(len(runs))
        for name in names
        if tuple(readings for _, _, readings in runs[first : first + len(name)]) == name
        for start, end, _ in runs[first : first + len(name)]
        for index in range(start, end)
    }
    return {
        number
        for index, token in enumerate(tokens)
        if index not in in_names
        for number in re.findall(r"\d{2,}", token)
    }


def _numbered(spoken: str, markers: tuple[str, ...] = ("number",)) -> set[str]:
    """Return the numbers said right after one of `markers` in English `spoken`, as digits."""
    tokens = spoken.split()
    said = {
        reading
        for start, _, readings in numbers.spoken_numbers(tokens)
        if start and tokens[start - 1] in markers
        for reading in readings
    }
    return said | {
        token for before, token in zip(tokens, tokens[1:]) if before in markers and token.isdigit()
    }


def _house_fits(spoken: str, place: Place) -> bool:
    """Tell whether the house numbers said on a road are this place's own: "解放路一百二十号" is not
    the market at 解放路40号, nor is "人民路三号" the 人民医院."""
    own = tidy.chinese_digits(tidy.chinese(place.get("address") or ""))
    return all(house in own for house in chinese_streets.house_numbers(spoken))


def _marked_home(spoken: str, places: Sequence[Place]) -> tuple[Place | None, float]:
    """Return the place the family marked home when only "home" is said ("take me home please"
    to a home called Maple Court) and no place's own words matched, else (None, 0.0)."""
    marked = [place for place in places if place.get("is_home")]
    vocabulary = words("en")
    function_words = set(vocabulary["function_words"])

    def content(text: str) -> list[str]:
        return [word for word in text.split() if word not in function_words]

    # Home is the place marked home, else the one called home.
    labelled = [
        place
        for place in places
        if tidy.english(place["label"]) in vocabulary["home_labels"] and not marked
    ]
    homes = marked or labelled
    said = content(spoken)
    # "my place" is home, but "that place" points back at something said: a home word must be
    # said as it is, not only its content word.
    if (
        len(homes) == 1
        and tidy.has_phrase(spoken, vocabulary["home_words"], "en")
        and any(said == content(phrase) for phrase in vocabulary["home_words"])
    ):
        return homes[0], 0.85
    if len(homes) == 1 and _home_on_its_street(spoken, homes[0]):
        return homes[0], 0.85
    return None, 0.0


def _home_on_its_street(spoken: str, home: Place) -> bool:
    """Tell whether `spoken` names home by its street ("my place on maple", "my house on queens
    road"): a home word, then on or in, then a word of the home's own address."""
    homes = tidy.either(words("en")["home_words"])
    street = english_scores.profile(home).address_words
    return any(
        any(item.text == english_words.word(match.group(1)).text for item in street)
        for match in re.finditer(rf"(?<![\w'])(?:{homes}) (?:on|in|off) ([\w']+)", spoken)
    )
