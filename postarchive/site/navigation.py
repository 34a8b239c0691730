"""A sidebar whose size does not grow with the archive.

Themes such as furo call ``toctree()`` on every page and draw the whole site tree: with thousands
of posts every page carries every title, and building it for each page makes the build quadratic.
Here ``toctree()`` shows all the root's entries and, along the path to the current page only, the
children of each ancestor, at most ``postarchive_sidebar_items`` per level (longer levels end with
a link to the page that lists them all); a year lists all its posts, journeys' too. The HTML has
the shape Sphinx gives a toctree, so a theme styles and folds it as usual. The journey > post
path is always shown.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from postarchive.site.domain import archive_domain
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def sidebar_children(env: BuildEnvironment) -> dict[str, list[str]]:
    """Each sidebar level's entries: a page's toctree, except that a year lists all its posts,
    oldest first (its toctree holds only the posts of no journey, whose parent it is)."""
    children = dict(env.toctree_includes)
    catalog = build_state(env).catalog
    for year, newest in catalog.years.items():
        children[catalog.names.year(year)] = [post.docname for post in reversed(newest)]
    return children


def first_parents(env: BuildEnvironment) -> dict[str, str]:
    """Each document's first parent in the toctree, from the root down."""
    parents: dict[str, str] = {}
    queue = [env.config.root_doc]
    seen = {env.config.root_doc}
    while queue:
        docname = queue.pop(0)
        for child in env.toctree_includes.get(docname, ()):
            if child not in seen:
                seen.add(child)
                parents[child] = docname
                queue.append(child)
    return parents


class SidebarTree:
    """Renders the bounded sidebar of one build; the parent map is made once per build."""

    def __init__(self, builder: StandaloneHTMLBuilder, limit: int) -> None:
        self.builder = builder
        self.env = builder.env
        self.limit = limit
        self.parents = first_parents(self.env)
        self.children = sidebar_children(self.env)

    def html(self, pagename: str) -> str:
        """The sidebar as Sphinx writes a toctree."""
        return self._draw(pagename, _Drawing(furo=False))

    def furo_html(self, pagename: str) -> str:
        """The sidebar as furo finishes a toctree for its navigation: an expander (checkbox and
        label) on every entry that shows its children, and the page's own entry marked, written
        as furo's BeautifulSoup writes it (tests compare the two)."""
        drawing = _Drawing(furo=True)
        html = self._draw(pagename, drawing)
        # furo marks the last entry on the path, in the order they are written
        last = html.rfind(_ON_PATH)
        if last >= 0:
            html = html[:last] + " current-page" + html[last + len(_ON_PATH) :]
        return html.replace(_ON_PATH, "")

    def _draw(self, pagename: str, drawing: _Drawing) -> str:
        path = [pagename]
        while path[-1] in self.parents:
            path.append(self.parents[path[-1]])
        return self._level(self.env.config.root_doc, set(path), pagename, 1, drawing)

    def _entries(self, docname: str) -> list[str]:
        return [c for c in self.children.get(docname, ()) if c in self.env.titles]

    def _level(
        self, docname: str, path: set[str], pagename: str, depth: int, drawing: _Drawing
    ) -> str:
        children = self._entries(docname)
        if not children:
            return ""
        text, attribute = (_soup_text, _soup_attribute) if drawing.furo else (escape, _attribute)
        # The root's entries (the archive's sections and the site's pages) do not grow with
        # the posts, and the sections must never hide behind "All N…" after a blog's pages.
        limit = len(children) if depth == 1 else self.limit
        shown = children[:limit]
        shown += [c for c in children[limit:] if c in path]
        items = []
        for child in shown:
            on_path = child in path
            classes = f"toctree-l{depth}" + (" current" if on_path else "")
            link_class = "reference internal"
            if child == pagename:
                link_class = "current reference internal"
            title = self.env.titles[child].astext()
            expander = ""
            if drawing.furo and on_path and self._entries(child):
                # numbered in the order the entries are written, parents first, as furo does
                drawing.expanders += 1
                classes += " has-children"
                expander = _furo_expander(drawing.expanders, title)
            if drawing.furo and on_path:
                classes += _ON_PATH
            below = self._level(child, path, pagename, depth + 1, drawing) if on_path else ""
            href = self._href(pagename, child)
            link = f'<a class="{link_class}" href={attribute(href)}>{text(title)}</a>'
            items.append(f'<li class="{classes}">{link}{expander}{below}</li>')
        if len(children) > len(shown):
            more = f"All {len(children)}…"
            href = self._href(pagename, docname)
            items.append(
                f'<li class="toctree-l{depth} postarchive-more">'
                f'<a class="reference internal" href={attribute(href)}>{more}</a></li>'
            )
        ul_class = ' class="current"' if docname in path else ""
        return f"<ul{ul_class}>" + "".join(items) + "</ul>"

    def _href(self, pagename: str, target: str) -> str:
        if target == pagename:
            return "#"
        return self.builder.get_relative_uri(pagename, target)


@dataclass
class _Drawing:
    """One sidebar being written: plain, or as furo finishes it (with its expanders counted)."""

    furo: bool
    expanders: int = 0


# Stands for the end of the class of an entry on the path, until the last one is known; it
# cannot occur in written text, whose "<" is escaped.
_ON_PATH = "<on-path>"


def _attribute(value: str) -> str:
    return f'"{escape(value)}"'


def _soup_text(value: str) -> str:
    """Text as BeautifulSoup writes it ("minimal" formatter): only &, < and > escaped."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _soup_attribute(value: str) -> str:
    """An attribute value as BeautifulSoup writes it: in double quotes, or in single quotes when
    it holds a double quote, or with &quot; when it holds both."""
    value = _soup_text(value)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _furo_expander(number: int, title: str) -> str:
    """furo's checkbox and label that fold an entry's children (always open on the path)."""
    name = f"toctree-checkbox-{number}"
    label = _soup_attribute(f"Toggle navigation of {title}")
    return (
        f'<input aria-label={label} checked="" class="toctree-checkbox" id="{name}" '
        f'name="{name}" role="switch" type="checkbox"/>'
        f'<label for="{name}"><span class="icon"><svg><use href="#svg-arrow-right"></use>'
        "</svg></span></label>"
    )


_JOINED_ANCHOR = re.compile(r'href="#document-[^"#]*#')


def single_page_toc_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """In a single-page build, Sphinx 9 writes the page's own table of contents with links such
    as ``#document-posts/x#section``, which lead nowhere; the section's anchor alone is right."""
    if app.builder.name == "singlehtml" and isinstance(context.get("toc"), str):
        context["toc"] = _JOINED_ANCHOR.sub('href="#', context["toc"])


def sidebar_levels(env: BuildEnvironment, limit: int) -> dict[str, str]:
    """A fingerprint of what each sidebar level shows: its entries' names and titles."""
    levels = {}
    for docname, children in sidebar_children(env).items():
        shown = [(c, env.titles[c].astext() if c in env.titles else "") for c in children]
        levels[docname] = hashlib.sha1(repr((limit, shown)).encode()).hexdigest()
    return levels


def pages_with_changed_sidebars(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Sphinx rewrites only the pages it re-read (and their parents), so a new post, a new tag
    or a new title would leave the sidebars of the other pages stale. Every page under a sidebar
    level whose entries changed is written again; pages under unchanged levels are not."""
    levels = sidebar_levels(env, app.config.postarchive_sidebar_items)
    domain = archive_domain(env)
    before: dict[str, str] = domain.data["sidebar"]
    changed = {
        docname
        for docname in levels.keys() | before.keys()
        if levels.get(docname) != before.get(docname)
    }
    domain.data["sidebar"] = levels
    if not changed or not before:  # a first build writes every page anyway
        return []
    children: dict[str, list[str]] = {}
    for child, parent in first_parents(env).items():
        children.setdefault(parent, []).append(child)
    stale, queue = set(), [d for d in changed if d in env.found_docs]
    while queue:
        docname = queue.pop()
        if docname not in stale:
            stale.add(docname)
            queue.extend(children.get(docname, ()))
    return sorted(stale)


def forget_sidebar(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The toctrees may have changed: the tree is made again when the first page is written."""
    build_state(env).sidebar = None
    return []


def bounded_sidebar(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give templates a ``toctree()`` that draws the bounded sidebar.

    furo (its handler runs at 500) would parse that HTML again with BeautifulSoup on every page
    to add its expanders, about a tenth of a full build: it is handed no toctree, so it has
    nothing to parse, and :func:`furo_navigation` gives it the finished tree after."""
    builder = app.builder
    if "toctree" not in context or not isinstance(builder, StandaloneHTMLBuilder):
        return
    if builder.name not in ("html", "dirhtml"):  # single page and EPUB draw their own
        return
    state = build_state(app.env)
    if state.sidebar is None:  # once per build, after reading, so the toctrees are complete
        state.sidebar = SidebarTree(builder, app.config.postarchive_sidebar_items)
    sidebar = Sidebar(state.sidebar, pagename)
    if "furo" in app.extensions:
        del context["toctree"]
        context[_FOR_FURO] = sidebar
    else:
        context["toctree"] = sidebar


def furo_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """After furo's handler: the ``toctree()`` back, and furo's navigation drawn from it, the
    same HTML furo makes. A page given another toctree meanwhile (sphinx-notfound-page's 404
    page) keeps it, and furo's navigation of it."""
    sidebar = context.pop(_FOR_FURO, None)
    if sidebar is None or "toctree" in context:
        return
    context["toctree"] = sidebar
    context["furo_navigation_tree"] = sidebar.tree.furo_html(pagename)


# Where the sidebar waits while furo's handler runs.
_FOR_FURO = "postarchive_sidebar_for_furo"


@dataclass(frozen=True)
class Sidebar:
    """A page's ``toctree()``: the bounded sidebar, whatever the template asks for."""

    tree: SidebarTree
    pagename: str

    def __call__(self, **kwargs: Any) -> str:
        return self.tree.html(self.pagename)
