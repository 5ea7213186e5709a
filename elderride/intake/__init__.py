"""The intake parser: what an older caller said, turned into what they want (pure Python, no
Vosk)."""

from elderride.intake.intent import Intent, PlaceNamed, When
from elderride.intake.parser import parse

__all__ = ["Intent", "PlaceNamed", "When", "parse"]
