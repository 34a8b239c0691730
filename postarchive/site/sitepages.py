"""The blog's own pages (About, Contact, projects): not posts, but pages of the site, linked from
the home page and in its navigation."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from postarchive.catalog.views import site_pages_key
from postarchive.site.domain import note_view
from postarchive.site.listing import doc_link, toctree


class SitePagesDirective(SphinxDirective):
    """``{postarchive-site-pages}``: a line of links to the pages in the site pages folder, and
    a hidden toctree over them, so the theme's navigation shows them too. Nothing without any."""

    def run(self) -> list[nodes.Node]:
        pages = note_view(self.env, site_pages_key())
        if not pages:
            return []
        line = nodes.paragraph(classes=["postarchive-site-pages"])
        for n, page in enumerate(pages):
            if n:
                line += nodes.Text(" · ")
            line += doc_link(page.docname, page.title, classes=["postarchive-site-page"])
        return [line, toctree(self.env.current_document.docname, [p.docname for p in pages])]
