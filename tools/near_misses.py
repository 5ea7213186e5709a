"""Build hard negatives from each English senior's own presets (the same chain elsewhere, the same
kind by another name, a name sharing one word, another relative, someone else's or a past trip)
and list those the parser answers with a preset: a place not theirs must get none."""

import argparse
import functools
import random
import re
from collections.abc import Iterator, Mapping
from typing import Any

from elderride.intake import english_words, tidy
from elderride.intake.vocabulary import words as vocabulary
from tools import generated_lines
from tools.generated_lines import Senior

KINDS = (
    "hospital infirmary church chapel cathedral kirk basilica mosque temple market pharmacy "
    "chemist surgery clinic centre center club library cemetery supermarket drugs stores foods "
    "shed practice institute parish mandir gurdwara masjid"
).split()
SAINTS = "mary joseph patrick anne john paul michael george andrew margaret bride luke mark".split()
OTHER_HOSPITALS = ["the v a", "the r v i", "the q e", "the g r i", "the q m c", "the l g i"]
OTHER_RELATIVES = [
    "my other daughter's",
    "my eldest son's",
    "my sister's",
    "my brother's place",
    "my friend's house",
    "my neighbour's",
    "my cousin's",
]
WEEKDAYS = ["on tuesdays", "on a monday", "every friday"]


def _words(name: str) -> list[str]:
    return tidy.english(name).split()


def _proper(name: str) -> list[str]:
    """Return the words of `name` that are not kinds nor small words."""
    small = {"the", "of", "and", "st", "saint", "s", "our", "on", "a", "mt", "mount", "dr"}
    return [w for w in _words(name) if w not in KINDS and w not in small and not w.endswith("'s")]


def _said_words(value: object) -> Iterator[str]:
    """Yield each word of the strings in a word list (a table, a list, or a string)."""
    if isinstance(value, str):
        yield from value.split()
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _said_words(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _said_words(item)


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(_said_words(vocabulary("en")))


def _ordinary(word: str) -> bool:
    """Tell whether `word` is one the parser knows as ordinary English (a number, a kind of place,
    a word of its lists): "the seven church" or "the tesco public" names no other place."""
    return word in _known() or english_words.is_number(word) or english_words.says_a_kind(word)


def _streets(address: str) -> list[str]:
    """Return the street and district parts of an address, tidied, without house numbers."""
    parts = [re.sub(r"^\d+\w?\s+", "", part.strip()) for part in address.split(",")]
    return [tidy.english(part) for part in parts if part and not re.search(r"\d", part)]


def _kind(place: Mapping[str, Any]) -> str | None:
    for name in [place["label"], *(place.get("aliases") or ())]:
        for word in _words(name):
            if word in KINDS:
                return word
    return None


def _chain(place: Mapping[str, Any], names: list[str]) -> str | None:
    """Return the name another branch of the preset's chain would be called by, or None when
    its name is made of where it is ("Midland Chemist" in Midland): that names this place only."""
    chain = names[-1] if len(names[-1].split()) <= 2 else names[0]
    # "tesco riverside" is the Riverside branch wherever it is said to be; "tesco" is the chain.
    # "methodist hospital" is no branch of "methodist": words naming a kind are the place's own.
    shorter = [
        name
        for name in names
        if chain.startswith(name + " ")
        and not any(
            word in KINDS or english_words.says_a_kind(word)
            for word in chain.removeprefix(name).split()
        )
    ]
    chain = min(shorter, key=len) if shorter else chain
    # The words of its address, but for a part that is its own name ("CVS Pharmacy, 2101 ...").
    parts = [tidy.english(part) for part in (place.get("address") or "").split(",")]
    where = {
        word
        for part in parts
        if part not in names
        for word in part.split()
        if not any(character.isdigit() for character in word)
    }
    # An ordinary word ("city", "park") is no more the place's own than any other's.
    return None if {w for w in _proper(chain) if not _ordinary(w)} & where else chain


def near_misses(
    senior: Mapping[str, Any], pool: Mapping[str, list[str]], rng: random.Random
) -> Iterator[tuple[str, str]]:
    """Yield (class, text) hard negatives built from one senior's presets."""
    places = senior["places"]
    own = {
        w
        for p in places
        for n in [p["label"], *(p.get("aliases") or ()), p.get("address") or ""]
        for w in _words(n)
    }
    streets = [s for s in pool["streets"] if not set(s.split()) & own]
    propers = [w for w in pool["propers"] if w not in own]
    relations = {c["relation"] for c in senior.get("contacts", ())}
    for place in places:
        label, aliases = place["label"], place.get("aliases") or []
        names = [tidy.english(n) for n in [label, *aliases] if tidy.english(n) != "home"]
        kind = _kind(place)
        proper = _proper(label)
        if tidy.english(label) == "home":
            yield "old home", f"my old house on {rng.choice(streets)}"
            yield "old home", f"where i used to live on {rng.choice(streets)}"
            yield "old home", "the old house where we used to live"
            continue
        if any(w.endswith("'s") for w in _words(label)) and kind is None:
            continue  # a relative's house: see the relatives below
        chain = _chain(place, names)
        # The streets are drawn even when no line is built, so that the draws after stay put.
        elsewhere = [*rng.sample(streets, 2), rng.choice(streets)]
        if chain is not None:
            for street in elsewhere[:2]:
                yield "same name elsewhere", f"the {chain} on {street}".replace("the the ", "the ")
            yield (
                "same name elsewhere",
                f"{chain} over in {elsewhere[2]}".replace("the the ", "the "),
            )
        # A name the parser knows as an ordinary word is drawn but its line dropped, so that a
        # word added to the lists removes lines without redrawing every line after it.
        if kind:
            other = rng.choice(propers)
            if not _ordinary(other):
                yield "same kind other name", f"the {other} {kind}"
            if kind in ("church", "cathedral", "chapel"):
                saint = rng.choice([s for s in SAINTS if s not in own])
                yield "same kind other name", f"st {saint}'s {kind}"
            other = rng.choice(propers)
            if not _ordinary(other):
                yield "same kind other name", f"take me to {other} {kind} please"
        for word in proper[:2]:
            other = rng.choice(propers)
            if not _ordinary(other):
                yield "shares a word", f"the {word} {other}"
            other, also = rng.choice(propers), rng.choice(KINDS)
            if not _ordinary(other):
                yield "shares a word", f"{other} {word} {also}"
        alias = names[-1]
        relation = rng.choice(sorted(relations) or ["daughter"])
        yield "someone else's trip", f"my {relation} goes to {alias} {rng.choice(WEEKDAYS)}"
        yield (
            "someone else's trip",
            (f"my husband has to go to {alias} on wednesday he's going himself"),
        )
        yield "past or negated", f"i went to {alias} yesterday"
        yield "past or negated", f"i was at {alias} last week with my {relation}"
        yield "past or negated", f"i'm not going to {alias} today"
        if kind in ("hospital", "infirmary", "center", "centre"):
            own_initials = "".join(word[0] for word in _words(label) if word not in ("the", "of"))
            for initials in OTHER_HOSPITALS:
                if initials.removeprefix("the ").replace(" ", "") != own_initials:
                    yield "other initials", initials
    for text in OTHER_RELATIVES:
        # "my sister's" is another relative's only when the senior has no sister.
        if not set(text.replace("'s", "").split()) & relations:
            yield "other relative", text
    placed = " ".join(tidy.english(p["label"]) for p in places)
    for contact in senior.get("contacts", ()):
        first = tidy.english(contact["name"]).split()[0]
        if first not in placed:
            yield "contact without a place", f"{first}'s house please"
    yield "contact without a place", f"my friend {rng.choice(pool['people'])}'s house"


def word_pool(everyone: list[Senior]) -> dict[str, list[str]]:
    """Return the streets, proper names and first names of every senior, to build others from."""
    return {
        "streets": sorted(
            {
                s
                for senior in everyone
                for p in senior.places
                for s in _streets(p.get("address") or "")
            }
        ),
        "propers": sorted(
            {
                w
                for senior in everyone
                for p in senior.places
                for w in _proper(p["label"])
                if len(w) > 3
            }
        ),
        "people": sorted(
            {tidy.english(c["name"]).split()[0] for senior in everyone for c in senior.contacts}
        ),
    }


def placed(
    everyone: list[Senior], seed: int = 29, every: int = 1
) -> Iterator[tuple[str, str, str, str | None]]:
    """Yield (class, senior, text, label or None) for the near-misses of `everyone`, parsed; with
    `every` above one, only about one line in `every`, chosen by its text, is parsed."""
    pool = word_pool(everyone)
    for senior in everyone:
        for kind, text in near_misses(senior.details, pool, generated_lines.draw(senior, seed)):
            if generated_lines.sampled(senior, text, every):
                yield kind, senior.name, text, generated_lines.place(senior, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    generated_lines.add_sets_option(parser)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument(
        "--every", type=int, default=1, help="parse about one line in EVERY, chosen by its text"
    )
    parser.add_argument("--all", action="store_true", help="print every line, not only misses")
    options = parser.parse_args()
    total = given = 0
    by_class: dict[str, list[int]] = {}
    for kind, name, text, label in placed(
        generated_lines.seniors(options.sets, "en"), options.seed, options.every
    ):
        total += 1
        counts = by_class.setdefault(kind, [0, 0])
        counts[0] += 1
        if label is not None:
            given += 1
            counts[1] += 1
        if label is not None or options.all:
            print(f"{kind:24} {name:10} {text!r:60} -> {label or '-'}")
    for kind, (count, wrong) in sorted(by_class.items()):
        print(f"# {kind:24} {wrong}/{count}")
    print(f"# near-misses given a place: {given}/{total}")


if __name__ == "__main__":
    main()
