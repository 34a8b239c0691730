"""``{postarchive-timeline}``: posts per month across the years that have posts (per quarter or
year for a long archive), drawn at build time in HTML and CSS. It needs no JavaScript, so it works
offline and in EPUB. Each bar links to its month in the chronological archive and shows its
number of posts; under each year, its total. On a phone the chart becomes a line per year, each
a link big enough to tap. Builders without HTML get a sentence instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from itertools import groupby
from typing import TYPE_CHECKING

from babel.dates import format_skeleton
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from postarchive.catalog.views import MonthCount, months_key
from postarchive.site.domain import note_view

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Bars per year: a bar per month for up to ten years with posts, per quarter up to thirty, then
# one per year; the chart keeps a bounded width however long the archive is.
MONTHLY_YEARS, QUARTERLY_YEARS = 10, 30
# Up to this many bars, each shows its number of posts above it (wider bars have room for it).
COUNTED_BARS = 48


class timeline(nodes.General, nodes.Element):
    """Placeholder for the chart; replaced once the page's builder is known."""


class TimelineDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = timeline()
        node["months"] = note_view(self.env, months_key())
        return [node]


@dataclass(frozen=True)
class Bar:
    first: tuple[int, int]  # (year, month) the bar begins with
    label: str  # "March 2016", "Q1 2016" or "2016"
    count: int
    anchor: str  # the month section it leads to: its first month with posts


@dataclass(frozen=True)
class YearColumn:
    year: int
    count: int
    year_doc: str
    bars: tuple[Bar, ...]
    after_gap: bool  # years without posts come before it (they are not drawn)


def chart_years(months: Sequence[MonthCount], locale: str) -> list[YearColumn]:
    """The years that have posts, each with its bars; empty years are left out."""
    by_year = {year: list(group) for year, group in groupby(months, key=lambda m: m.year)}
    posted = [year for year, group in by_year.items() if any(m.count for m in group)]
    size = 1 if len(posted) <= MONTHLY_YEARS else 3 if len(posted) <= QUARTERLY_YEARS else 12
    columns = []
    for n, year in enumerate(posted):
        counts = {m.month: m.count for m in by_year[year]}
        bars = []
        for first in range(1, 13, size):
            in_bar = range(first, first + size)
            count = sum(counts.get(month, 0) for month in in_bar)
            with_posts = next((month for month in in_bar if counts.get(month)), first)
            day = date(year, first, 1)
            if size == 12:
                label = str(year)
            else:
                label = format_skeleton("yMMMM" if size == 1 else "yQQQ", day, locale=locale)
            bars.append(Bar((year, first), label, count, f"month-{year}-{with_posts:02d}"))
        total = sum(counts.values())
        gap = bool(n) and year != posted[n - 1] + 1
        columns.append(YearColumn(year, total, by_year[year][0].year_docname, tuple(bars), gap))
    return columns


def _posts(count: int) -> str:
    return f"{count} post" if count == 1 else f"{count} posts"


def timeline_html(
    months: Sequence[MonthCount], href: Callable[[str, str], str], locale: str
) -> str:
    """The chart as HTML and CSS: bars per month under each year for wide screens, a line per
    year for phones. postarchive.css shows one of them and hides the other from everyone
    (``display: none``), so a screen reader or the keyboard meets each link once.
    ``href(page, anchor)`` gives a link."""
    columns = chart_years(months, locale)
    most = max((bar.count for column in columns for bar in column.bars), default=1) or 1
    most_in_year = max((column.count for column in columns), default=1) or 1
    counted = sum(len(column.bars) for column in columns) <= COUNTED_BARS
    chart = [f'<div class="postarchive-tl-chart{" postarchive-tl-counted" if counted else ""}">']
    listing = ['<ol class="postarchive-tl-list">']
    for column in columns:
        gap = " postarchive-tl-after-gap" if column.after_gap else ""
        chart.append(f'<div class="postarchive-tl-year{gap}"><div class="postarchive-tl-bars">')
        for bar in column.bars:
            year, month = bar.first
            height = round(100 * bar.count / most)
            label = escape(f"{bar.label}: {_posts(bar.count)}")
            inside = (
                f'<span class="postarchive-tl-count">{bar.count or ""}</span>'
                f'<span class="postarchive-tl-fill" style="height: {height}%"></span>'
            )
            data = f'data-month="{year}-{month:02d}" data-count="{bar.count}" title="{label}"'
            if bar.count:
                link = escape(href(column.year_doc, bar.anchor))
                chart.append(
                    f'<a class="postarchive-tl-bar" href="{link}" aria-label="{label}" {data}>'
                    f"{inside}</a>"
                )
            else:  # nothing to read out or follow
                chart.append(
                    f'<span class="postarchive-tl-bar postarchive-empty" aria-hidden="true" '
                    f"{data}>{inside}</span>"
                )
        year_link = escape(href(column.year_doc, ""))
        total = _posts(column.count)
        chart.append(
            f'</div><a class="postarchive-tl-label" href="{year_link}">{column.year}'
            f'<span class="postarchive-tl-total">{total}</span></a></div>'
        )
        width = max(2, round(100 * column.count / most_in_year))
        listing.append(
            f'<li class="postarchive-tl-row{gap}"><a href="{year_link}">'
            f'<span class="postarchive-tl-row-year">{column.year}</span>'
            f'<span class="postarchive-tl-line"><span style="width: {width}%"></span></span>'
            f'<span class="postarchive-tl-total">{total}</span></a></li>'
        )
    chart.append("</div>")
    listing.append("</ol>")
    return (
        '<div class="postarchive-timeline" role="group" aria-label="Posts over time">'
        + "".join(chart)
        + "".join(listing)
        + "</div>"
    )


def draw_timelines(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    builder = app.builder
    locale = (app.config.language or "en").replace("-", "_")
    for node in list(doctree.findall(timeline)):
        months = node["months"]
        if not months:
            node.replace_self(nodes.paragraph(text="No dated posts yet."))
        elif builder.format == "html":  # pages, single page and EPUB alike

            def href(year_doc: str, anchor: str) -> str:
                uri = builder.get_relative_uri(docname, year_doc)
                if not anchor:
                    return uri or "#"
                # A single-page build links sections by anchor only.
                return f"#{anchor}" if uri.startswith("#") or not uri else f"{uri}#{anchor}"

            chart = nodes.raw("", timeline_html(months, href, locale), format="html")
            node.replace_self(nodes.container("", chart, classes=["postarchive-timeline-box"]))
        else:
            total = sum(m.count for m in months)
            first, last = months[0], months[-1]
            span = f"{first.year}-{first.month:02d} to {last.year}-{last.month:02d}"
            text = f"{total} posts from {span}."
            node.replace_self(nodes.paragraph(text=text))
