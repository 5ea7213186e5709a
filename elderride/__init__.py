"""elderride: rides for older people, booked from a large-font page or by phone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask application (imported lazily so services load without Flask)."""
    from elderride.app import create_app as build

    return build(test_config)
