"""The phone line: Twilio voice webhooks that greet callers by name and book by key or by voice."""

from elderride.ivr.views import bp

__all__ = ["bp"]
