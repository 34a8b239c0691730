"""The author's slips in a post's references, reported with their lines so that the build's
warning about each names a defect the import already told of: a link reference defined twice
(``[6]: /a/`` and later ``[6]: /b/``: every engine, and MyST, uses the first;
``myst.duplicate_def``), a footnote never referred to (kramdown left it out, MyST shows it at the
page's end; ``ref.footnote``), a link with no address (``[source code]()``) or with one no
browser follows (``www.twilio.com/x`` without its scheme, ``localhost:5000/4/``,
``git@github.com:x.git``, ``"https://...``; ``myst.xref_missing``)."""

from __future__ import annotations

import re

from postarchive.reading.legacy import CodeSpans
from postarchive.reading.problems import Problem, Subtype
from postarchive.reading.schemes import OPENED_BY_PROGRAMS

_DESTINATION = re.compile(r"\]\(\s*<?(?P<address>[^)\s>]+)")
# A relative "path" that is a host name written without its scheme (www.x.com/y, amp.dev).
_BARE_HOST = re.compile(
    r"^(?:www\.[\w-]+(?:\.[\w-]+)*|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|dev|io|co|me|app|edu|gov))"
    r"(?:[/?#]|$)",
    re.I,
)
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:")  # git@github.com:owner/repo.git
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BROWSER_SCHEMES = {"http", "https", "mailto", "ftp", *OPENED_BY_PROGRAMS}
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


def links_no_browser_follows(body: str, path: str, first_line: int) -> list[Problem]:
    """A problem for each link address of ``body`` that leads nowhere on the blog either."""
    code = CodeSpans.of(body)
    problems = []
    for match in _DESTINATION.finditer(body):
        address = match["address"]
        why = _why_not_followed(address)
        if why is None or code.holds(match.start()):
            continue
        line = first_line + body.count("\n", 0, match.start())
        message = f"link address {address!r} {why}; kept as written"
        problems.append(Problem(path, line, message, Subtype.IMPORT))
    return problems


def _why_not_followed(address: str) -> str | None:
    if address[0] in "\"'":
        return "starts with a quote"
    if _SCP_LIKE.match(address):
        return "is a Git address, not a link"
    scheme = _SCHEME.match(address)
    if scheme and scheme[1].lower() not in _BROWSER_SCHEMES:
        return f"has a scheme no browser follows ({scheme[1]}:)"
    if not scheme and _BARE_HOST.match(address):
        return "names a site without https://, which browsers read as a file of the blog"
    return None
