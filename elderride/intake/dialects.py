"""A caller's dialect read the standard way before any rule of the intake reads it (俺 -> 我,
屋头 -> 家, "me mam" -> "my mum"), from the lexicon voice/intake/<language>-dialects.toml."""

import functools
import itertools
import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from elderride.intake import chinese_names, people, tidy
from elderride.intake.vocabulary import words
from elderride.resources import resource_dir


@functools.cache
def lexicon(language: str) -> dict[str, Any]:
    """Return the dialect lexicon of `language`, or an empty one when it has none."""
    path = resource_dir("voice") / "intake" / f"{language}-dialects.toml"
    if not path.exists():
        return {}
    with open(path, "rb") as file:
        return tomllib.load(file)


@functools.cache
def _table(language: str) -> dict[str, str]:
    """Return every regional phrase of `language` with its standard words: the lexicon's own, and
    each owner word before each owned thing ("me hip" -> "my hip")."""
    found = lexicon(language)
    regional = found.get("words", {})
    relations = [word for said in words(language)["relations"].values() for word in said]
    owned = [*found.get("owned", ()), *relations]
    return {
        **{
            # "me mam" is "my mum": the owned word is said the standard way too.
            f"{owner} {thing}": f"{standard} {regional.get(thing, thing)}"
            for owner, standard in found.get("owners", {}).items()
            for thing in owned
        },
        **regional,
    }


@functools.cache
def _kept_in_full(language: str) -> frozenset[str]:
    """Return the words of `language` that end in "in" and are no dropped "g": those of the lexicon
    (its phrases and forms of address) and of its list ending_in_in."""
    found = lexicon(language)
    phrases = [*_table(language), *found.get("address", ())]
    return frozenset(
        {word for phrase in phrases for word in phrase.split()} | set(found.get("ending_in_in", ()))
    )


@functools.lru_cache(maxsize=64)
def _table_without(language: str, own: frozenset[str]) -> dict[str, str]:
    """Return the regional phrases of `language` that hold none of the words `own`, kept for the
    next call of the same senior."""
    return {said: meant for said, meant in _table(language).items() if not set(said.split()) & own}


def _without_address(spoken: str, forms: Iterable[str], kept_after: Iterable[str]) -> str:
    """Return `spoken` without the forms of address in it ("the shops me son", "nay lad"): one is
    kept only after a word that makes it the person spoken of ("ring my son", "the lad")."""
    kept = set(kept_after)
    pattern = rf"(?<![\w'])([\w']+) (?:{tidy.either(forms)})(?![\w'])"
    return re.sub(
        pattern, lambda said: said.group(0) if said.group(1) in kept else said.group(1), spoken
    )


@functools.cache
def _chinese_table() -> dict[str, str]:
    """Return each dialect word of voice/intake/zh-dialects.toml with its Mandarin, a go verb (上,
    克) only after the words that may come before it."""
    found = lexicon("zh")
    table = dict(found.get("dialect_words", {}))
    kept = found.get("dialect_kept", ())
    negations = ("", *found.get("dialect_verb_negations", ()))
    after = found.get("dialect_verbs_after", ())
    # "俺寻思上东市": a dialect word for one of the words before the go verb comes before it too.
    after = [*after, *(said for said, meant in table.items() if meant in after)]
    for verb, standard in found.get("dialect_verbs", {}).items():
        for before, negation in itertools.product(after, negations):
            # "俺上" is 我去, "俺不上" 我不去: the word before is read as Mandarin too, but for
            # the Mandarin words kept (上午 stays 上午).
            said = ("" if before == "^" else tidy.standard_words(before, table, kept)) + negation
            before += negation
            # "上不上医院", "俺克不克": the verb asked as A-not-A is the go verb both times.
            for asked in ("", "不", "没"):
                again, meant = (asked + verb, asked + standard) if asked else ("", "")
                table[before + verb + again] = said + standard + meant
    return table


@functools.cache
def chinese_go_verbs() -> str:
    """Return a pattern for a dialect word for 去 (上, 克) that begins no Mandarin word kept (上午,
    上班, 克服), wherever it is said."""
    found = lexicon("zh")
    kept = found.get("dialect_kept", ())
    verbs = []
    for verb, standard in found.get("dialect_verbs", {}).items():
        if standard != "去":
            continue
        # "老伴上午去过了": 上 before 午 is the morning, not the going.
        rests = [word[len(verb) :] for word in kept if word.startswith(verb)]
        verbs.append(f"{re.escape(verb)}(?!{tidy.either(rests)})" if rests else re.escape(verb))
    return "|".join(verbs)


def regional(language: str, standard: Iterable[str]) -> list[str]:
    """Return each phrase of the dialect lexicon of `language` that is read as one of the phrases
    `standard` ("ayuh" as "yes", 伐要 as 不要), but is none of them itself."""
    wanted = set(standard)
    table = _chinese_table() if language == "zh" else _table(language)
    return [said for said, meant in table.items() if meant in wanted and said not in wanted]


def _chinese(
    spoken: str, places: Iterable[Mapping[str, Any]], contacts: Iterable[Mapping[str, Any]]
) -> str:
    """Return tidied Chinese `spoken` with its dialect words said in Mandarin, leaving the
    senior's own place and people names as they are."""
    names = [name for place in places for name in chinese_names.names(place)]
    names += [name for person in people.people(contacts) for name in person.names]
    return tidy.standard_words(
        spoken, _chinese_table(), lexicon("zh").get("dialect_kept", ()), names
    )


def _g_restored(spoken: str, kept: frozenset[str]) -> str:
    """Return English `spoken` with the "g" a caller dropped said ("comin home" -> "coming home"):
    a word ending in "in" after a syllable of its own, not ending a stem on a, e, i or u, and not
    one of `kept`."""

    def restored(found: re.Match[str]) -> str:
        word = found.group()
        return word if word in kept else word + "g"

    syllable = r"(?=[a-z]*[aeiouy][a-z]*in(?![\w']))"
    return re.sub(rf"(?<![\w']){syllable}[a-z]*[b-df-hj-tv-z]in(?![\w'])", restored, spoken)


def standard(
    spoken: str,
    language: str,
    places: Iterable[Mapping[str, Any]] = (),
    contacts: Iterable[Mapping[str, Any]] = (),
) -> str:
    """Return tidied `spoken` with each dialect word said the standard way, and English without its
    forms of address, except the words of the senior's own places and people ("Kerk Street")."""
    if language == "zh":
        return _chinese(spoken, places, contacts)
    found = lexicon(language)
    if not found:
        return spoken
    vocabulary = words(language)
    # "dial my son", "visit my son", "fetch my son": after a call, a purpose or a fetching verb
    # of voice/intake/en.toml the son is the one spoken of.
    verbs = [
        *(phrase.split()[-1] for phrase in vocabulary["family_calls"]),
        *vocabulary["purpose_verbs"],
        *vocabulary["others_fetch"],
    ]
    names = [
        *(place.get("label", "") for place in places),
        *(alias for place in places for alias in place.get("aliases") or ()),
        *(contact.get("name", "") for contact in contacts),
    ]
    said = {token for name in names for token in tidy.english(name).split()}
    # "the walgreens on dauphin street": a word of their own places' addresses drops no "g".
    addressed = {
        token for place in places for token in tidy.english(place.get("address") or "").split()
    }
    # "round duck pond" to the Duck Pond Cafe, "up love lane": a word of their own is no form of
    # address.
    forms = [form for form in found["address"] if not set(form.split()) & said]
    # "the" of "the hospital", "la" of "la casa" is no word of their own: only the words that name.
    own = frozenset(said - set(vocabulary["function_words"]) - set(found.get("name_articles", ())))
    # The lexicon's own words and the senior's are read as they are: "gannin" is a word of the
    # lexicon, Kevin a son.
    spoken = _g_restored(spoken, _kept_in_full(language) | said | addressed)
    table = _table_without(language, own)
    kept_after = [*found["address_kept_after"], *verbs]
    # "de driver he coming or not", "dat lad": a dialect word for one of them keeps the form too.
    kept_after += [said for said, meant in table.items() if meant in kept_after]
    spoken = _without_address(spoken, forms, kept_after)
    particles = [particle for particle in found.get("particles", ()) if particle not in said]
    if particles:
        # "two lah": the particle only closes the sentence.
        closing = rf"(?<=\S)(?: (?:{tidy.either(particles)}))+$"
        spoken = re.sub(closing, "", spoken)
    spoken = _yes_at_ends(spoken, found, said)
    return tidy.standard_words(spoken, table, language=language)


def _yes_at_ends(spoken: str, found: Mapping[str, Any], own: set[str]) -> str:
    """Return English `spoken` with a regional yes said first or last read as "yeah" ("ya home
    then"), unless it is beside a word that makes it "you" ("see ya") or a word of their own."""
    tokens = spoken.split()
    yeses = set(found.get("yes_at_ends", ())) - own
    beside = set(found.get("yes_at_ends_not_beside", ()))
    if len(tokens) < 2:
        return spoken
    if tokens[0] in yeses and tokens[1] not in beside:
        tokens[0] = "yeah"
    if tokens[-1] in yeses and tokens[-2] not in beside:
        tokens[-1] = "yeah"
    return " ".join(tokens)
