"""The author's slips in a post's references, reported with their lines so that the build's
warning about each names a defect the import already told of: a link reference defined twice
(``[6]: /a/`` and later ``[6]: /b/``: every engine, and MyST, uses the first;
``myst.duplicate_def``), a footnote never referred to (kramdown left it out, MyST shows it at the
page's end; ``ref.footnote``), a link with no address (``[source code]()``;
``myst.xref_missing``)."""

from __future__ import annotations

import re

from postarchive.reading.legacy import CodeSpans
from postarchive.reading.problems import Problem, Subtype

_FOOTNOTE_DEFINITION = re.compile(r"^[ \t]{0,3}\[\^(?P<label>[^\]\s]+)\]:", re.M)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_EMPTY_LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*\)")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<address>[^\s>]*)", re.M)


def defined_twice(body: str, path: str, first_line: int) -> list[Problem]:
    """A problem for each definition of a label already defined in ``body``, whose first line
    is line ``first_line`` of the file ``path``."""
    code = CodeSpans.of(body)
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for match in _DEFINITION.finditer(body):
        if code.holds(match.start()) or match["label"].startswith("^"):  # code, a footnote
            continue
        line = first_line + body.count("\n", 0, match.start())
        label = " ".join(match["label"].casefold().split())  # as CommonMark matches labels
        if label not in first:
            first[label] = (line, match["address"])
            continue
        earlier, address = first[label]
        same = "the same address" if address == match["address"] else f"{address!r}"
        message = (
            f"link reference [{match['label']}] is defined again (first at line {earlier}, "
            f"to {same}); links use the first, as the blog showed them"
        )
        problems.append(Problem(path, line, message, Subtype.IMPORT))
    return problems


def footnotes_never_referred_to(body: str, path: str, first_line: int) -> list[Problem]:
    """A problem for each footnote ``body`` defines and never refers to."""
    code = CodeSpans.of(body)
    definitions = {m.start("label") for m in _FOOTNOTE_DEFINITION.finditer(body)}
    referred = {
        m["label"].casefold()
        for m in _FOOTNOTE_REFERENCE.finditer(body)
        if not code.holds(m.start()) and m.start("label") not in definitions
    }
    problems = []
    for match in _FOOTNOTE_DEFINITION.finditer(body):
        if code.holds(match.start()) or match["label"].casefold() in referred:
            continue
        line = first_line + body.count("\n", 0, match.start())
        message = (
            f"footnote [^{match['label']}] is never referred to; the blog left it out, the "
            "archive shows it with the other footnotes"
        )
        problems.append(Problem(path, line, message, Subtype.IMPORT))
    return problems


def links_to_nowhere(body: str, path: str, first_line: int) -> list[Problem]:
    """A problem for each link ``body`` gives no address (``[source code]()``)."""
    code = CodeSpans.of(body)
    return [
        Problem(
            path,
            first_line + body.count("\n", 0, match.start()),
            f"link [{match['text']}]() has no address; it leads nowhere, as on the blog",
            Subtype.IMPORT,
        )
        for match in _EMPTY_LINK.finditer(body)
        if not code.holds(match.start())
    ]
