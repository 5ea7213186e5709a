"""The family portal: set up a senior once, keep their places and family numbers, book on their
behalf."""

# Each page module registers its routes on the blueprint as it is imported.
from elderride.family import (
    auth,
    dashboard,
    device,
    display,
    recurring,
    rides,
    senior_setup,
)
from elderride.family.blueprint import bp

__all__ = [
    "auth",
    "bp",
    "dashboard",
    "device",
    "display",
    "recurring",
    "rides",
    "senior_setup",
]
