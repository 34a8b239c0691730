"""Problems and warnings of the archive, reported through Sphinx's logging with their type and
subtype, so that ``-W --keep-going`` and ``suppress_warnings`` work on them."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from postarchive.reading.problems import WARNING_TYPE, Problem, Severity, Subtype

logger = logging.getLogger(__name__)


def report(problem: Problem) -> None:
    prefix = "error: " if problem.severity is Severity.ERROR else ""
    warn(prefix + problem.message, problem.subtype, problem.location)


def warn(message: str, subtype: Subtype, location: object = None) -> None:
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


def names_nothing(directive: SphinxDirective, what: str) -> list[nodes.Node]:
    """A directive whose argument names no journey or tag of the archive: a warning at its line,
    and nothing on the page."""
    location = (directive.env.current_document.docname, directive.lineno)
    message = (
        f"{{{directive.name}}} names no {what} of the archive: {' '.join(directive.arguments)!r}"
    )
    warn(message, Subtype.DIRECTIVE, location)
    return []
