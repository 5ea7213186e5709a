"""Regional English read the standard way before any rule reads it, from the lexicon in
voice/intake/en-dialects.toml."""

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from elderride.intake import tidy
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


def _without_address(spoken: str, forms: Iterable[str], kept_after: Iterable[str]) -> str:
    """Return `spoken` without the forms of address in it ("the shops me son", "nay lad"): one is
    kept only after a word that makes it the person spoken of ("ring my son", "the lad")."""
    kept = set(kept_after)
    pattern = rf"(?<![\w'])([\w']+) (?:{tidy.either(forms)})(?![\w'])"
    return re.sub(
        pattern, lambda said: said.group(0) if said.group(1) in kept else said.group(1), spoken
    )


def standard(
    spoken: str,
    language: str,
    places: Iterable[Mapping[str, Any]] = (),
    contacts: Iterable[Mapping[str, Any]] = (),
) -> str:
    """Return tidied English `spoken` without its forms of address and with each regional word said
    the standard way, except the words of the senior's own places and people ("Kerk Street")."""
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
    spoken = _without_address(spoken, found["address"], [*found["address_kept_after"], *verbs])
    names = [
        *(place.get("label", "") for place in places),
        *(alias for place in places for alias in place.get("aliases") or ()),
        *(contact.get("name", "") for contact in contacts),
    ]
    # "the" of "the hospital" is no word of their own: only the words that name.
    common = set(vocabulary["function_words"])
    own = {token for name in names for token in tidy.english(name).split()} - common
    table = {said: meant for said, meant in _table(language).items() if not set(said.split()) & own}
    return tidy.standard_words(spoken, table, language)
