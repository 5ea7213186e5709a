"""Errors a service raises for its callers to show to a person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def N_(message: str) -> str:
    """Mark a message for translation; the web layer translates it when shown."""
    return message


class ServiceError(Exception):
    """A request that cannot be carried out, with a message fit to show."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


class NotFound(ServiceError):
    """The thing asked for does not exist (or is not the caller's to see)."""


class TransitionRefused(ServiceError):
    """A booking cannot move from its state by the event asked for."""


class ValidationError(ServiceError):
    """Input that breaks a rule, with one message per offending field."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        super().__init__(message, **params)
        self.errors: dict[str, tuple[str, dict[str, Any]]] = {field: (message, params)}

    @property
    def field(self) -> str:
        """The first field the error names."""
        return next(iter(self.errors))

    def merge(self, other: ValidationError) -> ValidationError:
        """Add another error's fields to this one, keeping the first message per field."""
        for field, value in other.errors.items():
            self.errors.setdefault(field, value)
        return self


class Collect:
    """Gather validation errors across several fields so a form shows them all at once."""

    def __init__(self) -> None:
        self.error: ValidationError | None = None

    def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Call `function`, keep its ValidationError, and return its value or None."""
        try:
            return function(*args, **kwargs)
        except ValidationError as error:
            self.error = error if self.error is None else self.error.merge(error)
            return None

    def check(self) -> None:
        """Raise the gathered errors, if any."""
        if self.error is not None:
            raise self.error
