"""The chronological archive: a page per year with its months, and the most recent posts.

Year pages hold, in their toctree, the posts that belong to no journey, so every post is reached
from the home page through toctrees (journey posts through their journey's page).
"""

from __future__ import annotations

from itertools import groupby

from babel.dates import format_skeleton
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from postarchive.catalog.views import authors_key, recent_key, year_key, years_key
from postarchive.site.domain import note_view
from postarchive.site.listing import (
    doc_link,
    journey_links,
    leave_out_of_search,
    page_section,
    plural,
    post_list,
    toctree,
    year_list,
)
from postarchive.site.state import build_state

NO_POSTS = (
    "No posts yet. `postarchive import path/to/blog` brings a blog's posts in; "
    '`postarchive new "Title"` writes a new one.'
)


class ArchiveDirective(SphinxDirective):
    """The generated archive overview: every year with its number of posts."""

    def run(self) -> list[nodes.Node]:
        leave_out_of_search(self.env)
        years = note_view(self.env, years_key())
        section = page_section("Archive", "archive")
        items = year_list((year.label, year.count, year.docname) for year in years)
        section += items if years else nodes.paragraph(text="No posts yet.")
        pages = [year.docname for year in years]
        # With more than one author, their pages hang under the archive, beside the years.
        if note_view(self.env, authors_key()):
            authors = build_state(self.env).catalog.names.authors_index
            line = nodes.paragraph(classes=["postarchive-by-author"])
            line += doc_link(authors, "Posts by author")
            section += line
            pages.append(authors)
        section += toctree(self.env.current_document.docname, pages)
        return [section]


class YearDirective(SphinxDirective):
    """The generated page of one year (or of the undated posts), month by month."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        leave_out_of_search(self.env)
        catalog = build_state(self.env).catalog
        year = int(self.arguments[0]) if self.arguments else None
        newest = note_view(self.env, year_key(year))
        posts = list(reversed(newest))  # oldest first
        section = page_section(str(year or "Undated posts"), f"year-{year or 'undated'}")
        section += nodes.paragraph(text=plural(len(posts), "post"))
        # The journeys page lists only the newest; older ones are reached by their years.
        journeys = list(dict.fromkeys(j for p in posts for j in p.journeys))
        if journeys:
            line = nodes.paragraph(classes=["postarchive-year-journeys"])
            line += nodes.inline("Journeys: ", "Journeys: ", classes=["postarchive-label"])
            line += journey_links(journeys)
            section += line
        locale = (self.config.language or "en").replace("-", "_")
        for month, in_month in groupby(posts, key=lambda p: p.date.month if p.date else 0):
            entries = list(in_month)
            if year and month:
                first = entries[0].date
                name = format_skeleton("yMMMM", first, locale=locale)
                month_section = page_section(name, f"month-{year}-{month:02d}")
                month_section["ids"] = [f"month-{year}-{month:02d}"]
                month_section += post_list(entries)
                section += month_section
            else:
                section += post_list(entries)
        # Posts of a journey are in their journey's toctree; the others are reached from here.
        loose = [p.docname for p in posts if not catalog.posts[p.docname].journeys]
        section += toctree(self.env.current_document.docname, loose)
        return [section]


class RecentDirective(SphinxDirective):
    """``{postarchive-recent}``: the most recent posts, newest first."""

    def run(self) -> list[nodes.Node]:
        entries = note_view(self.env, recent_key())
        if not entries:
            # A new archive's home page: say how posts come in.
            return [nodes.paragraph(text=NO_POSTS)]
        return [post_list(entries, show_summary=True)]
