"""The intake parser: what an older caller said, turned into what they want (pure Python, no
Vosk)."""

from elderride.intake.parser import parse

__all__ = ["parse"]
