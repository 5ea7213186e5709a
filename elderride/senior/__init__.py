"""The senior page: the places a family preset, two taps to a car, and the ride's status."""

from elderride.senior import scheduled  # noqa: F401 - registers the trip back and the week
from elderride.senior.views import bp

__all__ = ["bp"]
