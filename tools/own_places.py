"""Build the ways an English senior names each of their OWN presets (the street alone, the district,
the chain on its street, a purpose, a relative, a loose form of the label, fillers, everyday kind
words) and list those the parser does not answer with that preset; when two presets fit, none is
the right answer."""

import argparse
import random
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from elderride.intake import tidy
from elderride.intake.vocabulary import words
from tools import generated_lines

# Kind families: a caller's everyday words for a kind, and the words of a preset's names that
# make it one.
FAMILIES: dict[str, tuple[list[str], list[str]]] = {
    "hospital": (["hospital", "infirmary"], ["hospital", "infirmary", "medical center"]),
    "doctor": (
        ["surgery", "doctor's", "gp", "doctors", "health centre"],
        [
            "surgery",
            "doctor",
            "doctors",
            "gp",
            "practice",
            "health centre",
            "health center",
            "medical",
        ],
    ),
    "pharmacy": (
        ["chemist", "chemist's", "pharmacy", "drugstore"],
        ["pharmacy", "chemist", "chemists", "drugstore", "walgreens", "cvs", "boots", "rite aid"],
    ),
    "shop": (
        ["shops", "supermarket", "grocery store"],
        [
            "supermarket",
            "tesco",
            "asda",
            "sainsbury's",
            "morrisons",
            "aldi",
            "lidl",
            "coles",
            "woolworths",
            "kroger",
            "safeway",
            "publix",
            "winn dixie",
            "winn-dixie",
            "grocery",
            "foods",
            "co-op",
            "iga",
            "superstore",
        ],
    ),
    "church": (
        ["church", "chapel"],
        ["church", "chapel", "cathedral", "kirk", "parish", "basilica"],
    ),
    "club": (["club"], ["club", "legion", "rsl", "working men's", "social"]),
    "cemetery": (["cemetery", "graveyard"], ["cemetery", "grave", "crematorium", "memorial park"]),
    "salon": (
        ["hairdresser's", "hairdressers", "salon"],
        ["salon", "hairdresser", "hairdressers", "hair", "barber"],
    ),
    "library": (["library"], ["library"]),
}
# What a caller goes for, by kind family.
PURPOSES: dict[str, list[str]] = {
    "hospital": ["for my appointment at the hospital", "for my bloods at the hospital"],
    "doctor": ["to see the doctor", "for my check up with the doctor"],
    "pharmacy": ["to get my prescription", "to pick up my tablets"],
    "shop": ["to do my shopping", "to get a bit of shopping"],
    "church": ["for the service", "to go to mass"],
    "club": ["for my dinner at the club", "for a game of bingo at the club"],
    "cemetery": ["to put flowers on his grave", "to visit the grave"],
    "salon": ["to get my hair set", "to have my hair done"],
    "library": ["to change my books", "to take my library books back"],
}
# Fillers around a name, by what they add: hesitation, politeness, a restart, a time.
FILLERS = {
    "hesitation": "er um {name}",
    "endearment": "{name} please love",
    "restart": "the the {name}",
    "politeness": "could you take me to {name} please",
    "time": "{name} at half ten",
    "need by a time": "i need to get to {name} for eleven o'clock",
    "exclamation": "ooh {name} if you would dear",
}
KIN = {
    "daughter",
    "son",
    "sister",
    "brother",
    "niece",
    "nephew",
    "granddaughter",
    "grandson",
    "friend",
}


def _words(name: str) -> list[str]:
    return tidy.english(name).split()


def _names(place: Mapping[str, Any]) -> list[str]:
    return [tidy.english(n) for n in [place["label"], *(place.get("aliases") or ())]]


def _text(place: Mapping[str, Any]) -> str:
    return " " + " ".join(_names(place)) + " "


def _family(place: Mapping[str, Any]) -> str | None:
    """Return the kind family a preset belongs to by its names, or None."""
    text = _text(place)
    found = [
        family
        for family, (_, marks) in FAMILIES.items()
        if any(f" {mark} " in text for mark in marks)
    ]
    # "Roslyn Medical Centre, the gp" or "Mercy Medical Center": a place of two kinds is neither.
    return found[0] if len(found) == 1 else None


def _address_parts(address: str) -> tuple[str | None, list[str]]:
    """Return the street an address is on and its district or town parts, tidied."""
    street_words = set(words("en")["street_words"])
    street, districts = None, []
    for part in address.split(","):
        part = re.sub(r"\b[A-Z]{1,2}\d[\dA-Z]?\s*\d[A-Z]{2}\b", "", part)  # a UK postcode
        part = re.sub(
            r"\b[A-Z]{2}\s+\d{4,5}\b|\b\d{4,5}\b", "", part
        )  # a US state and ZIP, an AU postcode
        part = re.sub(r"\b(NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\b", "", part)
        part = re.sub(r"\b[A-Z]\d{2}\s?[A-Z0-9]{4}\b", "", part)  # an Irish Eircode
        tokens = [t for t in tidy.english(part).split() if not t.isdigit()]
        # "Suite 200", "Apt 7H": a door in the building, not a district.
        if not tokens or tokens[0] in ("suite", "apt", "apartment", "unit", "flat", "floor"):
            continue
        if tokens[-1] in street_words and len(tokens) >= 2 and street is None:
            street = " ".join(tokens)
        elif street is not None and len(tokens) <= 3:
            districts.append(" ".join(tokens))
    return street, districts


def _one(candidates: list[str]) -> str | None:
    """Return the one preset that fits, or None when none or two do."""
    return candidates[0] if len(set(candidates)) == 1 else None


def own_places(
    senior: Mapping[str, Any], rng: random.Random
) -> Iterator[tuple[str, str, str | None]]:
    """Yield (class, text, label expected or None) for the ways a senior names their own presets."""
    places = [p for p in senior["places"] if tidy.english(p["label"]) != "home"]
    parts = {p["label"]: _address_parts(p.get("address") or "") for p in places}
    contacts = senior.get("contacts", ())
    for place in places:
        label = place["label"]
        names = _names(place)
        street, districts = parts[label]
        family = _family(place)
        if street:
            # The street alone names the preset when no other preset is on it.
            on = _one(
                [p["label"] for p in places if parts[p["label"]][0] == street or street in _text(p)]
            )
            yield "street alone", f"down {street}", on
            yield "street alone", f"to the one on {street}", on
            chain = min(names, key=len)
            if not any(w in KINDS_OF_HOME for w in chain.split()):
                yield (
                    "name on its street",
                    f"the {chain} on {street}".replace("the the ", "the "),
                    label,
                )
        for district in districts:
            # A town every preset is in (Hull) names none; a district only this one is in names it.
            sharing = [
                p["label"]
                for p in senior["places"]
                if district in tidy.english(p.get("address") or "")
            ]
            if len(sharing) == 1 and district not in _text(place):
                yield "district", f"up to {district}", label
        if family:
            same = [p["label"] for p in places if _family(p) == family]
            for purpose in PURPOSES[family]:
                yield f"purpose: {family}", purpose, _one(same)
            for word in FAMILIES[family][0]:
                yield f"kind word: {family}", f"the {word}", _one(same)
        for contact in contacts:
            first = tidy.english(contact["name"]).split()[0]
            if any(first in name.split() or f"{first}'s" in name.split() for name in names):
                relation = tidy.english(contact["relation"])
                kin = [c for c in contacts if tidy.english(c["relation"]) == relation]
                housed = [
                    p["label"]
                    for p in places
                    for c in kin
                    if tidy.english(c["name"]).split()[0] in _text(p).replace("'s", " ").split()
                ]
                yield "relative", f"our {first}'s", label
                yield "relative", f"to see {first}", label
                if relation in KIN:
                    expected = (
                        label
                        if len(kin) == 1
                        else _one(housed)
                        if len(housed) == len(kin) == 1
                        else None
                    )
                    yield "relative", f"me {relation}'s", expected
                    yield "relative", f"round to my {relation}'s house", expected
        for loose in _loose(place, places):
            yield "loose label", loose, label
        for form in rng.sample(sorted(FILLERS), 3):
            name = rng.choice(names)
            said = FILLERS[form].format(name=name).replace("the the the ", "the the ")
            yield f"fillers: {form}", said, label


KINDS_OF_HOME = {"house", "home", "flat", "place"}


def _loose(place: Mapping[str, Any], places: list[Mapping[str, Any]]) -> Iterator[str]:
    """Yield partial forms of a preset's label that no other preset shares a word with."""
    label = _words(place["label"])
    others = {w for p in places if p is not place for n in _names(p) for w in n.split()}
    if len(label) < 3 or any(w.endswith("'s") and w != label[0] for w in label[1:]):
        return
    small = {"the", "of", "and", "st", "saint"}
    # Without its first word ("royal infirmary" of Hull Royal Infirmary) or its last ("st mary's").
    for part in (label[1:], label[:-1], label[:2] if label[0] in ("st", "saint") else []):
        if (
            part
            and not set(part) & others
            and not set(part) <= small
            and " ".join(part) != " ".join(label)
        ):
            yield "the " + " ".join(part) if part[0] not in ("st", "saint") else " ".join(part)


def misses(
    paths: list[Path], seed: int = 29, every: bool = False, step: int = 1
) -> tuple[dict[str, list[int]], list[str]]:
    """Return per class [lines, missed, wrong place] and the lines to show, parsing about one line
    in `step`, chosen by its text (the same ones for the same seed)."""
    by_class: dict[str, list[int]] = {}
    shown: list[str] = []
    for senior in generated_lines.seniors(paths, "en"):
        for kind, text, expected in own_places(senior.details, generated_lines.draw(senior, seed)):
            if not generated_lines.sampled(senior, text, step):
                continue
            got = generated_lines.place(senior, text)
            counts = by_class.setdefault(kind, [0, 0, 0])
            counts[0] += 1
            counts[1] += got != expected and got is None
            counts[2] += got is not None and got != expected
            if got != expected or every:
                mark = "WRONG" if got is not None and got != expected else "miss"
                shown.append(
                    f"{mark:5} {kind:18} {senior.name:10} {text!r:50} -> {got or '-'} "
                    f"(want {expected or 'none'})"
                )
    return by_class, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    generated_lines.add_sets_option(parser, corpus=True)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--all", action="store_true", help="print every line, not only misses")
    parser.add_argument("--summary", action="store_true", help="print only the counts")
    parser.add_argument("--step", type=int, default=1, help="parse about one line in STEP")
    options = parser.parse_args()
    by_class, shown = misses(options.sets, options.seed, options.all, options.step)
    if not options.summary:
        print("\n".join(shown))
    for kind, (count, missed, wrong) in sorted(by_class.items()):
        print(f"# {kind:20} missed {missed}/{count} wrong {wrong}")
    lines, missed, wrong = (sum(counts[i] for counts in by_class.values()) for i in range(3))
    print(f"# own places missed: {missed}/{lines} wrong {wrong}")


if __name__ == "__main__":
    main()
