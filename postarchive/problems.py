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

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def report(problem: Problem) -> None:
    logger.warning(
        problem.message, type=WARNING_TYPE, subtype=problem.subtype, location=problem.location
    )
