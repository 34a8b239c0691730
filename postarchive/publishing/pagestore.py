"""What each written page says, kept across builds: its plain text (for search snippets)
and, for posts, its body as HTML (for full-content feeds); and what each feed was written from.

Collected when Sphinx resolves a page for writing, which happens in the main process even in
parallel builds, and kept in a JSON file beside the environment. An unchanged page is not
written again, so its entry stays as it was; a build with no change touches nothing.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STORE = "postarchive-pages.json"
FORMAT = 3


# Parts of a page that are not its own text: what the search index leaves out ("no-search": a
# post's footer, listings' summaries), a post's header (date, reading time, journeys, tags) and
# its lines of tags.
NOT_THE_TEXT = {"no-search", "postarchive-post-header", "postarchive-tags"}


class _TextCollector(nodes.NodeVisitor):
    """The words a reader reads as the page's text, without its title: a search result shows
    the title already, and the snippet is cut from the rest."""

    def __init__(self, document: nodes.document) -> None:
        super().__init__(document)
        self.parts: list[str] = []
        self.title = next(iter(document.findall(nodes.title)), None)

    def dispatch_visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.comment | nodes.raw | nodes.system_message):
            raise nodes.SkipNode
        if isinstance(node, nodes.Element) and NOT_THE_TEXT & set(node["classes"]):
            raise nodes.SkipNode
        if node is self.title:
            raise nodes.SkipNode
        if isinstance(node, nodes.Text):
            self.parts.append(node.astext())
        elif isinstance(node, nodes.TextElement | nodes.Structural):
            self.parts.append("\n")

    def dispatch_departure(self, node: nodes.Node) -> None:
        pass

    def unknown_visit(self, node: nodes.Node) -> None:
        pass


def page_text(doctree: nodes.document) -> str:
    collector = _TextCollector(doctree)
    doctree.walkabout(collector)
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class PageStore:
    """docname -> {"text": ..., "html": ...}; and the digests of what the outputs made from
    them were last written from (feed path -> digest; the snippet texts' digest). Read at the
    start of an HTML build."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pages: dict[str, dict[str, str]] = {}
        self.feeds: dict[str, str] = {}
        # Snippet script number -> digest of what it was last written from (see snippets.py).
        self.snippets: dict[str, str] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT:
                self.pages, self.feeds = data["pages"], data["feeds"]
                # One digest for all scripts before: a store of then keeps its pages.
                snippets = data["snippets"]
                self.snippets = snippets if isinstance(snippets, dict) else {}
        except (OSError, ValueError, KeyError):
            pass
        # Documents whose entry changed (or went) in this build.
        self.changed: set[str] = set()
        self._saved = (dict(self.feeds), dict(self.snippets))

    @property
    def pages_changed(self) -> bool:
        return bool(self.changed)

    def remember(self, docname: str, entry: dict[str, str]) -> None:
        if self.pages.get(docname) != entry:
            self.pages[docname] = entry
            self.changed.add(docname)

    def keep_only(self, docnames: set[str]) -> None:
        for docname in set(self.pages) - docnames:
            del self.pages[docname]
            self.changed.add(docname)

    def save(self) -> None:
        """Write the store if anything in it changed."""
        if not self.pages_changed and (self.feeds, self.snippets) == self._saved:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "pages": self.pages,
            "feeds": self.feeds,
            "snippets": self.snippets,
        }
        self.path.write_text(json.dumps(data), encoding="utf-8")
        self._saved = (dict(self.feeds), dict(self.snippets))


def open_store(app: Sphinx) -> None:
    if app.builder.format == "html" and app.builder.name in ("html", "dirhtml"):
        build_state(app.env).store = PageStore(Path(app.doctreedir) / STORE)


def remember_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Keep what a page says as it is written (after the other handlers have finished it)."""
    store = build_state(app.env).store
    if store is None:
        return
    entry = {"text": page_text(doctree)}
    # Only full-content feeds use the body as HTML; making it costs a copy of the page.
    if app.config.postarchive_feed_content == "full":
        body = _post_body(app, doctree, docname)
        if body is not None:
            entry["html"] = body
    store.remember(docname, entry)


def _post_body(app: Sphinx, doctree: nodes.document, docname: str) -> str | None:
    """A post's body as HTML, without its title, header and footer."""
    if docname not in build_state(app.env).catalog.posts:
        return None
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return ""
    body = section.deepcopy()
    for node in list(body.findall(nodes.Element)):
        if node is not body and (
            (isinstance(node, nodes.title) and node.parent is body)
            or {"postarchive-post-header", "postarchive-post-footer"} & set(node["classes"])
        ):
            node.parent.remove(node)
    # Images get their address in the built site only when the page is written, after this;
    # give them that address now (where Sphinx copies them: _images/<unique name>).
    for image in body.findall(nodes.image):
        if image["uri"] in app.env.images:
            copied = f"{app.builder.imagedir}/{app.env.images[image['uri']][1]}"
            image["uri"] = posixpath.relpath(copied, posixpath.dirname(docname) or ".")
    render = getattr(app.builder, "render_partial", None)
    return render(body)["fragment"] if render else None
