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
        path = [pagename]
        while path[-1] in self.parents:
            path.append(self.parents[path[-1]])
        return self._level(self.env.config.root_doc, set(path), pagename, depth=1)

    def _level(self, docname: str, path: set[str], pagename: str, depth: int) -> str:
        children = [c for c in self.children.get(docname, ()) if c in self.env.titles]
        if not children:
            return ""
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
            below = self._level(child, path, pagename, depth + 1) if on_path else ""
            href = self._href(pagename, child)
            title = escape(self.env.titles[child].astext())
            link = f'<a class="{link_class}" href="{href}">{title}</a>'
            items.append(f'<li class="{classes}">{link}{below}</li>')
        if len(children) > len(shown):
            more = f"All {len(children)}…"
            items.append(
                f'<li class="toctree-l{depth} postarchive-more"><a class="reference internal" '
                f'href="{self._href(pagename, docname)}">{more}</a></li>'
            )
        ul_class = ' class="current"' if docname in path else ""
        return f"<ul{ul_class}>" + "".join(items) + "</ul>"

    def _href(self, pagename: str, target: str) -> str:
        if target == pagename:
            return "#"
        return escape(self.builder.get_relative_uri(pagename, target))


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
    """Give templates a ``toctree()`` that draws the bounded sidebar."""
    builder = app.builder
    if "toctree" not in context or not isinstance(builder, StandaloneHTMLBuilder):
        return
    if builder.name not in ("html", "dirhtml"):  # single page and EPUB draw their own
        return
    state = build_state(app.env)
    if state.sidebar is None:  # once per build, after reading, so the toctrees are complete
        state.sidebar = SidebarTree(builder, app.config.postarchive_sidebar_items)
    tree = state.sidebar
    context["toctree"] = lambda **kwargs: tree.html(pagename)
