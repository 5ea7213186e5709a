"""The family portal: set up a senior once, keep their places and family numbers, book on their behalf."""

from elderride.family.views import bp

__all__ = ["bp"]
