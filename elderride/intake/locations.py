"""Whether a place of the senior's is said somewhere that is not its own ("the piggly wiggly over
in hueytown", "春熙路那边的红旗超市", 华西口腔医院), which makes it another place."""

from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import chinese_locations, english_locations, people

Place = Mapping[str, Any]


# Why the rule: a chain or a kind of place has many branches, and a caller who names one "over in
# hueytown" means the branch there. Read back as understood, the saved one elsewhere is the worst
# mistake the parser can make; no answer (asked again, or an address a person checks) is better.
# A place's own location words are data it already has: its label, aliases and address. Only a
# location that data can check counts: a landmark after a bare "by" or "near" ("the hospital by the
# roundabout") describes which place, and an address holds no landmarks (landmarks.py keeps that).
# docs/phone-flow.md says what a location phrase is in each language.
def elsewhere(
    spoken: str,
    place: Place,
    language: str,
    *,
    named_by: Sequence[str] = (),
    contacts: Sequence[Mapping[str, Any]] = (),
) -> bool:
    """Tell whether tidied `spoken` puts `place` (or the place the words `named_by` mean, such
    as an errand's) somewhere its label, aliases and address do not say: another branch, another
    town, another street, or a longer name that only begins like its own."""
    if language == "zh":
        return chinese_locations.elsewhere(spoken, place, people.people(contacts))
    return english_locations.elsewhere(spoken, place, named_by, people.people(contacts))


def errand_elsewhere(spoken: str, place: Place, named_by: Sequence[str]) -> bool:
    """Tell whether English `spoken`, an errand done at `place` though it names none of it, says
    where the errand is done and that is not the place's ("the acme on passyunk i need
    groceries")."""
    return english_locations.elsewhere(spoken, place, named_by, implied=True)
