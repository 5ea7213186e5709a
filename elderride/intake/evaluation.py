"""Measuring the intake parser on a labelled corpus: accuracy per intent and per slot, and what it
confused."""

import collections
import dataclasses
import datetime
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from elderride.intake.intent import Intent, When
from elderride.intake.parser import parse

SLOTS = ("place", "when", "choice")
# A label the corpus leaves out is not checked (most lines say nothing about a time).
UNCHECKED = object()


@dataclasses.dataclass(frozen=True)
class Case:
    """One labelled utterance: who said it, what they said, and what it means."""

    senior: str
    text: str
    # The intents that are right (a hard negative may be re-asked or taken as an address)
    intents: tuple[str, ...]
    slots: dict[str, Any]
    hard_negative: bool = False
    line: int = 0

    @property
    def intent_name(self) -> str:
        return "/".join(self.intents)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What the parser made of one case."""

    case: Case
    intent: str
    slots: dict[str, Any]

    @property
    def intent_right(self) -> bool:
        return self.intent in self.case.intents

    def slot_right(self, slot: str) -> bool:
        return bool(self.case.slots[slot] == self.slots[slot])

    @property
    def correct(self) -> bool:
        return self.intent_right and all(self.slot_right(slot) for slot in self.case.slots)

    @property
    def wrong_place(self) -> bool:
        """A place the caller did not mean: worse than no answer, because it is read back as if
        understood."""
        return self.slots["place"] is not None and self.slots["place"] != self.case.slots.get(
            "place"
        )


@dataclasses.dataclass
class Report:
    """The figures of one run over a corpus."""

    outcomes: list[Outcome]

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def correct(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def wrong_places(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.wrong_place]

    @property
    def hard_negatives(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.case.hard_negative]

    def per_intent(self) -> dict[str, tuple[int, int]]:
        """Return {expected intent: (right, total)}."""
        figures: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        for outcome in self.outcomes:
            figures[outcome.case.intent_name][0] += outcome.correct
            figures[outcome.case.intent_name][1] += 1
        return {name: (right, total) for name, (right, total) in sorted(figures.items())}

    def per_slot(self) -> dict[str, tuple[int, int]]:
        """Return {slot: (right, total)} over the cases that label the slot."""
        figures = {}
        for slot in SLOTS:
            labelled = [outcome for outcome in self.outcomes if slot in outcome.case.slots]
            figures[slot] = (sum(outcome.slot_right(slot) for outcome in labelled), len(labelled))
        return figures

    def confusions(self) -> list[tuple[str, str, int]]:
        """Return (expected, understood, count) for every wrong answer, most frequent first."""
        counts = collections.Counter(
            (_describe_expected(outcome.case), _describe(outcome.intent, outcome.slots))
            for outcome in self.outcomes
            if not outcome.correct
        )
        return [(expected, got, count) for (expected, got), count in counts.most_common()]

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as plain data (for --json and for tests)."""
        return {
            "total": self.total,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "wrong_places": [_miss(outcome) for outcome in self.wrong_places],
            "hard_negatives": {
                "total": len(self.hard_negatives),
                "wrong_places": sum(outcome.wrong_place for outcome in self.hard_negatives),
            },
            "per_intent": {
                name: {"right": right, "total": total}
                for name, (right, total) in self.per_intent().items()
            },
            "per_slot": {
                name: {"right": right, "total": total}
                for name, (right, total) in self.per_slot().items()
            },
            "confusions": [
                {"expected": expected, "understood": got, "count": count}
                for expected, got, count in self.confusions()
            ],
            "misses": [_miss(outcome) for outcome in self.outcomes if not outcome.correct],
        }


def _describe(intent: str, slots: dict[str, Any]) -> str:
    if intent == "place" or slots.get("place"):
        return f"{intent}: {slots.get('place')}"
    if intent == "menu":
        return f"menu: {slots.get('choice')}"
    return intent


def _describe_expected(case: Case) -> str:
    if case.hard_negative:
        return "not one of theirs"
    return _describe(case.intent_name, case.slots)


def _miss(outcome: Outcome) -> dict[str, Any]:
    return {
        "line": outcome.case.line,
        "senior": outcome.case.senior,
        "text": outcome.case.text,
        "expected": _describe_expected(outcome.case),
        "understood": _describe(outcome.intent, outcome.slots),
        **({"when": outcome.slots["when"]} if "when" in outcome.case.slots else {}),
    }


def case(row: dict[str, Any], line: int = 0) -> Case:
    """Return the Case of one labelled row: senior, text, intent (or a list of right ones) and the
    slots it labels."""
    intents = row["intent"]
    return Case(
        senior=row["senior"],
        text=row["text"],
        intents=tuple(intents) if isinstance(intents, list) else (intents,),
        slots={slot: row[slot] for slot in SLOTS if slot in row},
        hard_negative=bool(row.get("hard_negative")),
        line=line,
    )


def load_cases(path: str | Path) -> list[Case]:
    """Read a JSONL corpus: one labelled row per line (see `case`)."""
    cases = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                cases.append(case(json.loads(line), number))
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise ValueError(
                    f"{path}, line {number}: not a labelled utterance ({error})"
                ) from None
    return cases


def load_seniors(path: str | Path) -> tuple[datetime.datetime, dict[str, dict[str, Any]]]:
    """Read the seniors a corpus speaks for (language, time zone, places, contacts) and the moment
    it is spoken at."""
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    try:
        now = datetime.datetime.fromisoformat(data["now"])
        seniors = data["seniors"]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: needs a 'now' timestamp and 'seniors' ({error})") from None
    for senior in seniors.values():
        for number, place in enumerate(senior.get("places", []), start=1):
            place.setdefault("id", number)
            place.setdefault("aliases", [])
    return now, seniors


def _when(value: When | None) -> str | None:
    if value is None:
        return None
    return "now" if value.get("now") else value.get("local")


def heard(text: str, senior: Mapping[str, Any], *, now: datetime.datetime) -> Intent:
    """Return what the parser makes of `text` said on `senior`'s call: in their language, with their
    presets as the menu, their contacts and their time zone."""
    places = senior.get("places", [])
    return parse(
        text,
        language=senior.get("language", "en"),
        places=places,
        contacts=senior.get("contacts", []),
        now=now,
        timezone=senior.get("timezone", "UTC"),
        menu_size=len(places),
    )


def evaluate(
    cases: list[Case], seniors: dict[str, dict[str, Any]], *, now: datetime.datetime
) -> Report:
    """Run the parser over every case as its senior's call would, and return the report."""
    outcomes = []
    for case in cases:
        senior = seniors.get(case.senior)
        if senior is None:
            raise ValueError(f"line {case.line}: no senior {case.senior!r} in the places file")
        intent = heard(case.text, senior, now=now)
        slots = {
            "place": intent.place.label if intent.place else None,
            "when": _when(intent.when),
            "choice": intent.choice,
        }
        outcomes.append(Outcome(case=case, intent=intent.kind, slots=slots))
    return Report(outcomes)
