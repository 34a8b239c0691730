"""Problems found in the archive's sources, each tied to a file and, where known, a line."""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.util import logging

logger = logging.getLogger(__name__)

WARNING_TYPE = "postarchive"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file, and what was done about it."""

    path: str
    line: int | None
    message: str
    # Warning subtype, so ``suppress_warnings = ["postarchive.mojibake"]`` works.
    subtype: str
    # "error" when something is lost or cannot be built; otherwise "warning".
    severity: str = "warning"

    @property
    def location(self) -> str:
        # A problem of the whole file is placed at its first line: Sphinx reads a location
        # without a line number as a document name, not a path.
        return f"{self.path}:{self.line or 1}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def report(problem: Problem) -> None:
    # Sphinx has no error level that keeps building; an error is a warning that says so.
    prefix = "error: " if problem.severity == "error" else ""
    logger.warning(
        prefix + problem.message,
        type=WARNING_TYPE,
        subtype=problem.subtype,
        location=problem.location,
    )
