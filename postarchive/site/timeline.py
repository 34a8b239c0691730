"""``{postarchive-timeline}``: posts per month across the years (per quarter or year for a long
archive), as an SVG bar chart drawn at build time. It needs no JavaScript, so it works offline and
in EPUB; each bar links to its month in the chronological archive. Builders without HTML get a
sentence instead.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from babel.dates import format_skeleton
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from postarchive.catalog.views import MonthCount, months_key
from postarchive.site.domain import note_view

if TYPE_CHECKING:
    from sphinx.application import Sphinx

GAP = 2
# Bars are wide for a short archive and narrow (the chart then scales to the page) for a long one.
WIDEST_BAR, NARROWEST_BAR, NATURAL_WIDTH = 40, 8, 600
MOST_BARS = 120  # ten years of months
CHART_HEIGHT = 80
LABEL_HEIGHT = 16


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
    label: str
    count: int
    year_doc: str
    anchor: str  # the month section it leads to: its first month with posts
    labelled_year: bool  # whether the year is written under it


def chart_bars(months: Sequence[MonthCount], locale: str) -> list[Bar]:
    """A bar per month; per quarter for an archive longer than ``MOST_BARS`` months, per year
    beyond three times that: the chart keeps a bounded size however long the archive is."""
    size = 1 if len(months) <= MOST_BARS else 3 if len(months) <= 3 * MOST_BARS else 12
    bars = []
    for n, ((year, _part), group) in enumerate(
        groupby(months, key=lambda m: (m.year, (m.month - 1) // size))
    ):
        in_bar = list(group)
        first = in_bar[0].month
        count = sum(m.count for m in in_bar)
        posted = next((m.month for m in in_bar if m.count), first)
        day = date(year, first, 1)
        if size == 12:
            label = str(year)
        else:
            label = format_skeleton("yMMMM" if size == 1 else "yQQQ", day, locale=locale)
        # Years are written under the bar that starts them (every fifth year for yearly bars,
        # which are too narrow for more); the first bar too, unless the next year comes soon.
        labelled = (first == 1 and (size < 12 or year % 5 == 0)) or (
            n == 0 and (12 - first + 1) / size > 2
        )
        anchor = f"month-{year}-{posted:02d}"
        bars.append(Bar((year, first), label, count, in_bar[0].year_docname, anchor, labelled))
    return bars


def svg_chart(
    months: Sequence[MonthCount], href: Callable[[str, str], str] | None, locale: str
) -> str:
    """The chart; ``href(year page, anchor)`` gives each bar's link (none when ``href`` is None)."""
    bars = chart_bars(months, locale)
    most = max((bar.count for bar in bars), default=1) or 1
    bar_width = max(NARROWEST_BAR, min(WIDEST_BAR, NATURAL_WIDTH // len(bars) - GAP))
    width = len(bars) * (bar_width + GAP)
    height = CHART_HEIGHT + LABEL_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="postarchive-timeline" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMax meet" aria-label="Posts over time">'
    ]
    for n, bar in enumerate(bars):
        x = n * (bar_width + GAP)
        tall = round(CHART_HEIGHT * bar.count / most) if bar.count else 0
        label = f"{bar.label}: {bar.count} post{'s' if bar.count != 1 else ''}"
        year, month = bar.first
        rect = (
            f'<rect x="{x}" y="{CHART_HEIGHT - tall}" width="{bar_width}" '
            f'height="{max(tall, 1)}" data-month="{year}-{month:02d}" data-count="{bar.count}" '
            f'class="postarchive-bar{" postarchive-empty" if not bar.count else ""}">'
            f"<title>{escape(label)}</title></rect>"
        )
        if bar.count and href is not None:
            parts.append(f'<a href="{escape(href(bar.year_doc, bar.anchor))}">{rect}</a>')
        else:
            parts.append(rect)
        if bar.labelled_year:
            parts.append(f'<text x="{x}" y="{height - 3}" class="postarchive-year">{year}</text>')
    parts.append("</svg>")
    return "".join(parts)


def draw_timelines(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    builder = app.builder
    locale = (app.config.language or "en").replace("-", "_")
    for node in list(doctree.findall(timeline)):
        months = node["months"]
        if not months:
            node.replace_self(nodes.paragraph(text="No dated posts yet."))
        elif builder.name.startswith("epub"):
            node.replace_self(_epub_chart(app, docname, months, locale))
        elif builder.format == "html":

            def href(year_doc: str, anchor: str) -> str:
                uri = builder.get_relative_uri(docname, year_doc)
                # A single-page build links sections by anchor only.
                return f"#{anchor}" if uri.startswith("#") or not uri else f"{uri}#{anchor}"

            chart = nodes.raw("", svg_chart(months, href, locale), format="html")
            node.replace_self(nodes.container("", chart, classes=["postarchive-timeline-box"]))
        else:
            total = sum(m.count for m in months)
            first, last = months[0], months[-1]
            span = f"{first.year}-{first.month:02d} to {last.year}-{last.month:02d}"
            text = f"{total} posts from {span}."
            node.replace_self(nodes.paragraph(text=text))


def _epub_chart(
    app: Sphinx, docname: str, months: Sequence[MonthCount], locale: str
) -> nodes.Element:
    """EPUB readers show an SVG file as an image (an inline one would have to be declared in the
    package, which Sphinx's EPUB builder does not do); the years below it are the links."""
    name = f"postarchive-timeline-{docname.replace('/', '-')}.svg"
    path = Path(app.outdir) / "_images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg_chart(months, None, locale), encoding="utf-8")
    src = posixpath.relpath(f"_images/{name}", posixpath.dirname(docname) or ".")
    box = nodes.container(classes=["postarchive-timeline-box"])
    box += nodes.raw("", f'<img src="{escape(src)}" alt="Posts over time"/>', format="html")
    years = nodes.paragraph(classes=["postarchive-timeline-years"])
    for n, (year, year_doc) in enumerate(
        dict.fromkeys((m.year, m.year_docname) for m in months if m.count)
    ):
        if n:
            years += nodes.Text(" · ")
        # Made after references are resolved: the link is made here, not left to Sphinx.
        uri = app.builder.get_relative_uri(docname, year_doc)
        years += nodes.reference(str(year), str(year), refuri=uri, internal=True)
    box += years
    return box
