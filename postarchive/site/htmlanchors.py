"""Ids that a page's raw HTML sets (``<a name="1">``, ``<h4 id="srcset">``, ``<span id=...>``
in a heading) made anchors that Markdown links may name, on the page (``[1](#1)``) and from
other pages (``[x](other.md#srcset)``), as they could on the old blog. MyST knows only its
headings' anchors and warns for the rest although the id is on the written page."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from postarchive.reading.htmlids import html_ids


class HtmlAnchorsTransform(SphinxTransform):
    """The raw HTML's ids added to the page's heading anchors (MyST's ``myst_slugs``), which
    MyST resolves a link's fragment against; a heading's own anchor of the same name wins."""

    default_priority = 870  # before MyST resolves the page's own [x](#id) links (879)

    def apply(self, **kwargs: Any) -> None:
        found: dict[str, int | None] = {}
        for raw in self.document.findall(nodes.raw):
            if "html" in raw.get("format", "").split():
                for anchor in html_ids(raw.astext()):
                    found.setdefault(anchor, raw.line)
        if not found:
            return
        slugs: dict[str, tuple[int | None, str, str]] = getattr(self.document, "myst_slugs", {})
        for anchor, line in found.items():
            slugs.setdefault(anchor, (line, anchor, ""))
        self.document.myst_slugs = slugs
        self.env.metadata[self.env.docname]["myst_slugs"] = slugs
