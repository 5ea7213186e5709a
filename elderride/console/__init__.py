"""The dispatch console: every request live, phone bookings to review, drivers to assign."""

from elderride.console.views import bp

__all__ = ["bp"]
