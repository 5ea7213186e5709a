"""The dispatch console: every request live, phone bookings to review, drivers to assign."""

from elderride.console import today  # noqa: F401 - its page registers on the blueprint
from elderride.console.views import bp

__all__ = ["bp"]
