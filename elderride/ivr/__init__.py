"""The phone line: Twilio voice webhooks that greet callers by name and book by key or by voice."""

from elderride.ivr import placed_calls  # noqa: F401 - registers the answers to calls we place
from elderride.ivr.texts import bp as texts_bp
from elderride.ivr.views import bp

__all__ = ["bp", "texts_bp"]
