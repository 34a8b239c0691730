"""``{postarchive-timeline}``: posts per month across the years, as an SVG bar chart drawn at build
time. It needs no JavaScript, so it works offline and in EPUB; each bar links to its month in the
chronological archive. Builders without HTML get a sentence instead.
"""

from __future__ import annotations

import posixpath
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.dates import format_skeleton
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from postarchive.domain import note_view

if TYPE_CHECKING:
    from sphinx.application import Sphinx

GAP = 2
# Bars are wide for a short archive and narrow (the chart then scales to the page) for a long one.
WIDEST_BAR, NARROWEST_BAR, NATURAL_WIDTH = 40, 8, 600
CHART_HEIGHT = 80
LABEL_HEIGHT = 16


class timeline(nodes.General, nodes.Element):
    """Placeholder for the chart; replaced once the page's builder is known."""


class TimelineDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = timeline()
        node["months"] = note_view(self.env, ("months",))
        return [node]


def svg_chart(months: list[tuple[int, int, int, str]], href: Any, locale: str) -> str:
    """The chart; ``href(year page, anchor)`` gives each bar's link (none when ``href`` is None)."""
    most = max((count for _y, _m, count, _d in months), default=1) or 1
    bar_width = max(NARROWEST_BAR, min(WIDEST_BAR, NATURAL_WIDTH // len(months) - GAP))
    width = len(months) * (bar_width + GAP)
    height = CHART_HEIGHT + LABEL_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="postarchive-timeline" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMax meet" aria-label="Posts per month">'
    ]
    for n, (year, month, count, year_doc) in enumerate(months):
        x = n * (bar_width + GAP)
        bar = round(CHART_HEIGHT * count / most) if count else 0
        name = format_skeleton("yMMMM", date(year, month, 1), locale=locale)
        label = f"{name}: {count} post{'s' if count != 1 else ''}"
        anchor = f"month-{year}-{month:02d}"
        rect = (
            f'<rect x="{x}" y="{CHART_HEIGHT - bar}" width="{bar_width}" height="{max(bar, 1)}" '
            f'data-month="{year}-{month:02d}" data-count="{count}" '
            f'class="postarchive-bar{" postarchive-empty" if not count else ""}">'
            f"<title>{escape(label)}</title></rect>"
        )
        linked = count and href is not None
        parts.append(f'<a href="{escape(href(year_doc, anchor))}">{rect}</a>' if linked else rect)
        # Each January is labelled with its year; so is the first bar unless January is near.
        if month == 1 or (n == 0 and month <= 10):
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
            total = sum(count for _y, _m, count, _d in months)
            first, last = months[0], months[-1]
            text = f"{total} posts from {first[0]}-{first[1]:02d} to {last[0]}-{last[1]:02d}."
            node.replace_self(nodes.paragraph(text=text))


def _epub_chart(app: Sphinx, docname: str, months: Any, locale: str) -> nodes.Element:
    """EPUB readers show an SVG file as an image (an inline one would have to be declared in the
    package, which Sphinx's EPUB builder does not do); the years below it are the links."""
    name = f"postarchive-timeline-{docname.replace('/', '-')}.svg"
    path = Path(app.outdir) / "_images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg_chart(months, None, locale), encoding="utf-8")
    src = posixpath.relpath(f"_images/{name}", posixpath.dirname(docname) or ".")
    box = nodes.container(classes=["postarchive-timeline-box"])
    box += nodes.raw("", f'<img src="{escape(src)}" alt="Posts per month"/>', format="html")
    years = nodes.paragraph(classes=["postarchive-timeline-years"])
    for n, (year, year_doc) in enumerate(dict.fromkeys((y, d) for y, _m, c, d in months if c)):
        if n:
            years += nodes.Text(" · ")
        # Made after references are resolved: the link is made here, not left to Sphinx.
        uri = app.builder.get_relative_uri(docname, year_doc)
        years += nodes.reference(str(year), str(year), refuri=uri, internal=True)
    box += years
    return box


def setup_timeline(app: Sphinx) -> None:
    app.add_node(timeline)
    app.add_directive("postarchive-timeline", TimelineDirective)
    app.connect("doctree-resolved", draw_timelines)
