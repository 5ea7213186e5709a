"""The dispatch API: bookings for an external dispatch system, and its status reports back."""

from elderride.api.views import bp

__all__ = ["bp"]
