"""Problems and warnings of the archive, reported through Sphinx's logging with their type and
subtype, so that ``-W --keep-going`` and ``suppress_warnings`` work on them."""

from __future__ import annotations

from sphinx.util import logging

from postarchive.reading.problems import WARNING_TYPE, Problem, Severity, Subtype

logger = logging.getLogger(__name__)


def report(problem: Problem) -> None:
    prefix = "error: " if problem.severity is Severity.ERROR else ""
    warn(prefix + problem.message, problem.subtype, problem.location)


def warn(message: str, subtype: Subtype, location: object = None) -> None:
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
