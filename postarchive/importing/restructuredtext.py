"""Pelican's reStructuredText articles (its first format, and many blogs' only one), made into
MyST posts.

docutils, which Sphinx already brings, reads an article as Pelican's own reader does: the title,
the field list under it as the metadata (``:date:``, ``:tags:``, ``:category:``...), Pelican's
``code-block`` and ``sourcecode`` directives. The HTML docutils writes then takes the path of a
hosted blog's posts (:mod:`postarchive.importing.fromhtml`), and the Markdown it gives the path
of every Markdown post: ``{static}`` and ``{filename}`` links, pictures copied along. Pelican's
older ``|static|`` and ``|filename|`` forms are read as the newer ones, as Pelican reads them.

What HTML would flatten is put back as MyST around that conversion: inline code, admonitions,
footnotes, math. A directive the import does not know (a Pelican plugin's ``youtube``) stays as
written, in a code block, and is reported with its line: nothing of the article is lost.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree, publish_parts
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.body import CodeBlock

from postarchive.importing.convert import _fenced
from postarchive.importing.fromhtml import SetAside, html_to_myst
from postarchive.reading.problems import Problem, Subtype

_OLD_LINKS = re.compile(r"^\|(static|filename|attach|category|tag|author)\|")
_DIRECTIVE = re.compile(r"^[ \t]*\.\. ([\w:.+-]+)::", re.MULTILINE)
# "<string>:12: (WARNING/2) Unknown interpreted text role ..."
_MESSAGE = re.compile(r"^[^:\n]*:(\d+): \((\w+)/\d\) (.+)$", re.MULTILINE)
_SETTINGS = {
    "report_level": 2,  # warnings and errors reported, with their lines
    "halt_level": 5,  # never stops: a post with an error is still imported, and reported
    "syntax_highlight": "none",  # the archive highlights code itself
    "math_output": "latex",  # the formula as written, for MyST's math
    "file_insertion_enabled": False,  # an article never reads other files (``include``)
    "raw_enabled": True,  # the author's own raw HTML, as Pelican shows it
    "input_encoding": "unicode",
    "_disable_config": True,  # no docutils.conf of this machine changes the reading
}
_ADMONITIONS = {"attention", "caution", "danger", "error", "hint", "important", "note", "tip",
                "warning", "seealso"}  # fmt: skip


@dataclass
class Article:
    fields: dict[str, Any]  # as Pelican's ``Key: value`` lines would give them
    body: str  # MyST Markdown
    problems: list[Problem] = field(default_factory=list)


def read_article(text: str, rel: str) -> Article:
    """The article's metadata and its body as Markdown; docutils' warnings and errors, and the
    directives kept as written, are problems naming the file and line."""
    stream = io.StringIO()
    with _pelican_directives(text) as unknown:
        doctree = publish_doctree(text, settings_overrides={**_SETTINGS, "warning_stream": stream})
        quiet = {**_SETTINGS, "report_level": 5, "warning_stream": io.StringIO()}
        html = publish_parts(text, writer="html5", settings_overrides=quiet)["fragment"]
    problems = [
        Problem(rel, int(line), f"reStructuredText {level.lower()}: {message}", Subtype.IMPORT)
        for line, level, message in _MESSAGE.findall(stream.getvalue())
    ]
    problems += [
        Problem(rel, line, f"directive {name!r} is not known here: kept as written, as code",
                Subtype.IMPORT)
        for line, name in unknown
    ]  # fmt: skip
    return Article(_metadata(doctree), _markdown(html), problems)


def _metadata(doctree: nodes.document) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if doctree.get("title"):
        fields["title"] = doctree["title"]
    for docinfo in doctree.findall(nodes.docinfo):
        for entry in docinfo.children:
            if isinstance(entry, nodes.field):
                name, value = entry[0].astext(), entry[1].astext()
            elif isinstance(entry, nodes.authors):  # ":authors: A; B"
                name, value = "authors", ", ".join(a.astext() for a in entry.children)
            else:  # the fields docutils knows by name: author, date, status...
                name, value = entry.tagname, entry.astext()
            fields[name.strip().lower()] = value.strip()
    return fields


def _markdown(html: str) -> str:
    """docutils' HTML as MyST: what the HTML conversion would flatten is set aside first."""
    soup = BeautifulSoup(html, "html.parser")
    aside = SetAside(soup)
    set_aside = aside.replace

    for node in soup.find_all(["a", "img"]):  # as Pelican reads them: in addresses only
        for name in ("href", "src"):
            address = node.get(name)
            if isinstance(address, str):
                node[name] = _OLD_LINKS.sub(r"{\1}", address)
    for literal in soup.select("span.docutils.literal"):
        literal.name, literal.attrs = "code", {}
    for pre in soup.select("pre.code"):  # <pre class="code python literal-block">
        languages = [c for c in pre.get("class") or [] if c not in ("code", "literal-block")]
        pre.attrs = {"data-lang": languages[0]} if languages else {}
    for problem in soup.select("a.problematic"):  # a role docutils does not know: its text
        problem.unwrap()
    for math in soup.select("pre.math, div.math"):
        set_aside(math, _fenced("{math}", math.get_text().strip("\n")))
    for math in soup.select("tt.math, span.math"):
        set_aside(math, "{math}`" + math.get_text() + "`", inline=True)
    notes: list[str] = []
    for note in soup.select("aside.footnote"):
        label = note.select_one("span.label")
        name = label.get_text().strip("[]") if label else str(len(notes) + 1)
        if label:
            label.decompose()
        text = html_to_myst(note.decode_contents()).text.strip("\n")
        notes.append(f"[^{name}]: " + text.replace("\n", "\n    "))
        note.decompose()
    for listing in soup.select("aside.footnote-list"):
        listing.decompose()
    for reference in soup.select("a[role=doc-noteref]"):
        set_aside(reference, f"[^{reference.get_text().strip('[]')}]", inline=True)
    for box in reversed(soup.select("aside.admonition, div.admonition")):  # innermost first
        title = box.select_one(".admonition-title")
        kinds = [c for c in box.get("class") or [] if c in _ADMONITIONS]
        heading = (
            f"{{{kinds[0]}}}" if kinds else f"{{admonition}} {title.get_text() if title else ''}"
        )
        if title:
            title.decompose()
        inner = aside.put_back(html_to_myst(box.decode_contents()).text)
        set_aside(box, _fenced(heading, inner.strip("\n")))
    text = aside.put_back(html_to_myst(str(soup)).text.strip("\n"))
    return "\n\n".join([text, *notes]) + "\n"


class _KeptAsWritten(Directive):
    """A directive the import does not know, shown as written (a code block)."""

    has_content = True
    optional_arguments = 100
    final_argument_whitespace = True

    class _AnyOption(dict[str, Any]):
        def __missing__(self, key: str) -> Any:
            return directives.unchanged

        def __contains__(self, key: object) -> bool:
            return True

    option_spec: ClassVar[dict[str, Any]] = _AnyOption()

    def run(self) -> list[nodes.Node]:
        return [nodes.literal_block(self.block_text, self.block_text.rstrip("\n"))]


@contextmanager
def _pelican_directives(text: str) -> Iterator[list[tuple[int, str]]]:
    """Pelican's names for docutils' ``code`` directive, and the article's unknown directives
    kept as written, only while it is read: docutils' registry is global, and Sphinx's builds
    use it too. Yields the unknown ones, with their lines."""
    saved = dict(directives._directives)
    for name in ("code-block", "sourcecode"):
        directives.register_directive(name, CodeBlock)
    known = set(directives._directive_registry) | set(directives._directives)
    unknown = []
    for match in _DIRECTIVE.finditer(text):
        if match[1] not in known and match[1].lower() not in known:
            unknown.append((text.count("\n", 0, match.start()) + 1, match[1]))
            directives.register_directive(match[1].lower(), _KeptAsWritten)  # as looked up
    try:
        yield unknown
    finally:
        directives._directives.clear()
        directives._directives.update(saved)
