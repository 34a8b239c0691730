"""Authors: who wrote each post, and, when the archive has more than one author, a page per
author and a page of them all (generated stubs, like tags')."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from postarchive.catalog.views import Gone, author_key, authors_key
from postarchive.site.domain import note_view
from postarchive.site.listing import (
    doc_link,
    leave_out_of_search,
    page_section,
    plural,
    post_list,
    toctree,
)
from postarchive.site.reporting import names_nothing

AUTHORS_TITLE = "Authors"


class AuthorsPageDirective(SphinxDirective):
    """The generated page of all authors, most posts first."""

    def run(self) -> list[nodes.Node]:
        leave_out_of_search(self.env)
        entries = note_view(self.env, authors_key())
        section = page_section(AUTHORS_TITLE, "authors")
        items = nodes.bullet_list(classes=["postarchive-author-list", "no-search"])
        for entry in entries:
            line = nodes.paragraph()
            line += doc_link(entry.docname, entry.name, classes=["postarchive-author"])
            line += nodes.Text(f" — {plural(entry.count, 'post')}")
            items += nodes.list_item("", line)
        section += items
        section += toctree(self.env.current_document.docname, [e.docname for e in entries])
        return [section]


class AuthorDirective(SphinxDirective):
    """The generated page of one author: their posts, newest first."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        leave_out_of_search(self.env)
        slug = self.arguments[0]
        try:
            view = note_view(self.env, author_key(slug))
        except Gone:
            return names_nothing(self, "author")
        section = page_section(view.name, f"author-{slug}")
        section += nodes.paragraph(text=plural(len(view.posts), "post"))
        section += post_list(view.posts, show_summary=True)
        return [section]
