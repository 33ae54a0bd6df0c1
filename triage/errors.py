"""The one error hierarchy. Library code raises these; the CLI maps them to exit codes."""

from __future__ import annotations

from typing import ClassVar


class TriageError(Exception):
    """Root of every error triage reports to a user. ``exit_code`` is what the CLI exits with."""

    exit_code: ClassVar[int] = 2

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.message} ({self.location})" if self.location else self.message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TriageError) or type(self) is not type(other):
            return NotImplemented
        return (self.message, self.location) == (other.message, other.location)

    def __hash__(self) -> int:
        return hash((type(self), self.message, self.location))


class UsageError(TriageError):
    """The command line asked for something that cannot be done."""


class BundleError(TriageError):
    """The input is not a readable EKS log bundle (not an archive, not a bundle, unreadable)."""


class CatalogError(TriageError):
    """A data file shipped with triage or given by the user (source catalog, signatures) is broken."""
