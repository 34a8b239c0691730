"""Anchors Markdown links may name, on the page (``[1](#1)``) and from other pages
(``[x](other.md#srcset)``), as they could on the old blog: the ids a page's raw HTML sets
(``<a name="1">``, ``<h4 id="srcset">``, ``<span id=...>`` in a heading), and the headings
deeper than ``myst_heading_anchors`` (a blog's ``##### Deployment``). MyST knows only the
anchors of its shallower headings and warns for the rest although they are on the written
page."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from myst_parser.slugs import github_slugify, unique_slug
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import clean_astext

from postarchive.reading.htmlids import html_ids


class HtmlAnchorsTransform(SphinxTransform):
    """Deeper headings' anchors and the raw HTML's ids added to the page's heading anchors
    (MyST's ``myst_slugs``), which MyST resolves a link's fragment against; an anchor MyST
    gave a heading wins over one of the same name."""

    default_priority = 870  # before MyST resolves the page's own [x](#id) links (879)

    def apply(self, **kwargs: Any) -> None:
        mine = getattr(self.document, "myst_slugs", None)  # None: not a MyST page
        slugs: dict[str, tuple[int | None, str, str]] = {} if mine is None else mine
        found = dict(slugs)
        if mine is not None:
            for section in self.document.findall(nodes.section):
                if "slug" in section or not section.children or not section["ids"]:
                    continue  # MyST's own anchor, or nothing to name
                title = clean_astext(section[0])
                slug = unique_slug(github_slugify(title), found)
                if slug:
                    found[slug] = (section.line, section["ids"][0], title)
        for raw in self.document.findall(nodes.raw):
            if "html" in raw.get("format", "").split():
                for anchor in html_ids(raw.astext()):
                    found.setdefault(anchor, (raw.line, anchor, ""))
        if found == slugs:
            return
        self.document.myst_slugs = found
        self.env.metadata[self.env.docname]["myst_slugs"] = found
