"""Demo mode only: a phone in the browser that plays Twilio's part, so the line can be tried without
an account."""

from elderride.demo.views import bp

__all__ = ["bp"]
