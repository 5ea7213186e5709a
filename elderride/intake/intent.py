"""What a caller wants, as the intake parser understood it: an Intent, the place it names, a
time."""

import dataclasses
from typing import Any, Literal, TypedDict, get_args

Kind = Literal[
    "yes",
    "no",
    "cancel",
    "status",
    "operator",
    "family",
    "repeat",
    "menu",
    "place",
    "address",
    "time",
    "unknown",
]
KINDS: tuple[Kind, ...] = get_args(Kind)


class When(TypedDict, total=False):
    """A time the caller said: {"now": True}, or the moment in UTC ("at") and in their zone."""

    now: bool
    at: str
    local: str
    said: str


@dataclasses.dataclass(frozen=True)
class PlaceNamed:
    """One of the senior's preset places, as the caller named it."""

    id: int | None
    label: str
    address: str | None = None


@dataclasses.dataclass(frozen=True)
class Intent:
    """One utterance understood: its kind, the place, address, time or menu number it names, and
    a confidence from 0 to 1."""

    kind: Kind
    text: str
    language: str
    confidence: float = 0.0
    place: PlaceNamed | None = None
    address: str | None = None
    when: When | None = None
    choice: int | None = None
    # The caller asked for someone else's trip ("a taxi for my husband", "老伴要去医院"): the line
    # books rides for the caller only, and can say so when it asks again.
    for_someone_else: bool = False

    @property
    def pickup_at(self) -> str | None:
        """The pickup time asked for, in UTC, or None for now (or when no time was said)."""
        if self.when is None or self.when.get("now"):
            return None
        return self.when.get("at")

    @property
    def spoken_destination(self) -> str | None:
        """The words that say where to: the free address, the place's label, else all that was
        said."""
        return self.address or (self.place.label if self.place else None) or self.text or None

    def as_dict(self) -> dict[str, Any]:
        """The intent as JSON-ready data, "intent" naming its kind (as `parse-request` prints)."""
        data = dataclasses.asdict(self)
        return {"intent": data.pop("kind"), **data}
