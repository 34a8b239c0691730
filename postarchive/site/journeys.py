"""Journeys: a trip or a conference that groups posts, with a page whose toctree lists them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from postarchive.catalog.views import Gone, JourneyEntry, journey_key, journeys_key
from postarchive.site.domain import note_view
from postarchive.site.listing import (
    NOTHING_LISTED,
    add_label,
    date_range,
    doc_link,
    entry_title,
    leave_out_of_search,
    page_section,
    plural,
    post_list,
    tag_line,
    toctree,
)
from postarchive.site.reporting import names_nothing, report
from postarchive.site.state import build_state

NO_JOURNEYS = "No post belongs to a journey yet."


def journey_list(
    entries: tuple[JourneyEntry, ...], directive: SphinxDirective
) -> nodes.bullet_list:
    """A card per journey: its picture (in HTML), title, dates, number of posts and the
    start of its introduction."""
    items = nodes.bullet_list(classes=["postarchive-journey-list", "no-search"])
    for entry in entries:
        card = nodes.list_item(classes=["postarchive-journey-card"])
        if entry.cover:
            # The title next to it says what it shows: the picture is decoration (empty alt).
            # HTML only: a PDF's list of journeys reads better without a page of photos.
            only = addnodes.only(expr="html")
            only += nodes.image(
                uri=entry.cover, alt="", loading="lazy", classes=["postarchive-cover"]
            )
            card += only
        text = nodes.container(classes=["postarchive-card-text"])
        text += entry_title(entry.docname, entry.title, "postarchive-journey")
        details = f"{date_range(entry.first, entry.last, directive.config)} · "
        details += plural(entry.count, "post")
        text += nodes.paragraph(details, details, classes=["postarchive-entry-meta"])
        if entry.intro:
            text += nodes.paragraph(entry.intro, entry.intro, classes=["postarchive-summary"])
        card += text
        items += card
    return items


class JourneysDirective(SphinxDirective):
    """``{postarchive-journeys}``: the newest journeys (``:limit:``, 12 unless told), with dates
    and post counts, and a link to the page of all of them when there are more; so the page
    that shows it does not grow with the archive."""

    option_spec: ClassVar[dict[str, Any]] = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        entries = note_view(self.env, journeys_key())
        if not entries:  # alone under its heading, the heading goes too (EmptyListingTransform)
            return [nodes.paragraph(text=NO_JOURNEYS, classes=[NOTHING_LISTED])]
        limit = self.options.get("limit", 12)
        listing = journey_list(entries[:limit], self)
        if len(entries) > limit:
            more = nodes.paragraph(classes=["postarchive-more"])
            more += doc_link(
                build_state(self.env).catalog.names.journeys_index, f"All {len(entries)} journeys"
            )
            return [listing, more]
        return [listing]


class JourneysPageDirective(SphinxDirective):
    """The generated overview of all journeys."""

    def run(self) -> list[nodes.Node]:
        leave_out_of_search(self.env)
        entries = note_view(self.env, journeys_key())
        section = page_section("Journeys", "journeys")
        cards = self.config.postarchive_journeys_page_cards
        if not entries:
            section += nodes.paragraph(text=NO_JOURNEYS)
        elif len(entries) <= cards:
            section += journey_list(entries, self)
        else:
            # A page of every journey's card would grow with the archive (244 KB at 500
            # journeys); the older ones are reached by year, whose pages name their journeys.
            section += journey_list(entries[:cards], self)
            earlier = page_section("Earlier journeys", "journeys-earlier")
            earlier += _by_year(entries[cards:], build_state(self.env).catalog.names.year)
            section += earlier
        section += toctree(self.env.current_document.docname, [e.docname for e in entries])
        return [section]


def _by_year(
    entries: tuple[JourneyEntry, ...], year_page: Callable[[int | None], str]
) -> nodes.Node:
    """ "2016 — 4 journeys began", newest year first, each linking to the year's page."""
    began = Counter(entry.first.year if entry.first else None for entry in entries)
    items = nodes.bullet_list(classes=["postarchive-year-list", "no-search"])
    for year, count in sorted(began.items(), key=lambda item: item[0] or 0, reverse=True):
        line = nodes.paragraph()
        line += doc_link(year_page(year), str(year or "Undated"))
        line += nodes.Text(f" — {plural(count, 'journey')} began")
        items += nodes.list_item("", line, classes=["postarchive-year-entry"])
    return items


class JourneyDirective(SphinxDirective):
    """The generated page of one journey: title, dates, description and its posts in order."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0]
        try:
            view = note_view(self.env, journey_key(slug))
        except Gone:
            return names_nothing(self, "journey")
        entry = view.entry
        section = page_section(entry.title, slug)
        add_label(self.state.document, section, f"journey-{slug}")
        summary = (
            f"{date_range(entry.first, entry.last, self.config)} · {plural(entry.count, 'post')}"
        )
        section += nodes.paragraph(summary, summary, classes=["postarchive-journey-summary"])
        if view.top_tags:
            used = [(f"{tag.name} ({tag.count})", tag.docname) for tag in view.top_tags]
            section += tag_line(used, "Most used tags:")
        description = build_state(self.env).catalog.journeys[slug].description
        if description is not None:
            self.env.note_dependency(str(description.path))
            for problem in description.problems:
                report(problem)
            body = StringList(
                description.body.split("\n"),
                items=[
                    (str(description.path), description.body_line + i)
                    for i in range(description.body.count("\n") + 1)
                ],
            )
            container = nodes.container(classes=["postarchive-journey-description"])
            self.state.nested_parse(body, 0, container)
            section += container
        section += post_list(view.posts, show_journeys=False, show_summary=True)
        section += toctree(self.env.current_document.docname, [p.docname for p in view.posts])
        return [section]
