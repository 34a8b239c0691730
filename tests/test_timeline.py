"""The home page's timeline: one bar per month, as many posts as the month has, linked to it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from postarchive.catalog.views import MonthCount
from postarchive.reading.posts import read_post
from postarchive.site.timeline import chart_bars, svg_chart
from tests.conftest import read_html


def posts_per_month(srcdir: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in (srcdir / "posts").rglob("*.md"):
        post = read_post(path, "p", "p.md", fix_mojibake=True)
        if post.date and not post.draft:
            counts[post.date.local.strftime("%Y-%m")] += 1
    return counts


def test_bars_per_month_equal_posts_per_month(basic_build):
    app = basic_build
    svg = read_html(Path(app.outdir), "index").select_one("article svg.postarchive-timeline")
    bars = {rect["data-month"]: int(rect["data-count"]) for rect in svg.select("rect")}
    expected = posts_per_month(Path(app.srcdir))
    assert {month: count for month, count in bars.items() if count} == dict(expected)
    assert list(bars) == sorted(bars)  # every month from the first to the last, in order
    assert len(bars) == 7  # 2015-12 to 2016-06, empty months included
    assert bars["2016-02"] == 0
    links = {a.rect["data-month"]: a["href"] for a in svg.select("a")}
    assert links["2016-04"] == "archive/2016.html#month-2016-04"
    assert links["2015-12"] == "archive/2015.html#month-2015-12"
    assert "2016-02" not in links  # an empty month leads nowhere
    month_page = read_html(Path(app.outdir), "archive/2016")
    assert month_page.select_one("section#month-2016-04") is not None


@pytest.mark.sphinx("singlehtml", testroot="basic", srcdir="basic-singlehtml")
def test_single_page_links_bars_by_anchor(app):
    app.build()
    page = read_html(Path(app.outdir), "index")
    links = {a.rect["data-month"]: a["href"] for a in page.select("svg.postarchive-timeline a")}
    assert links["2016-04"] == "#month-2016-04"
    assert page.select_one("#month-2016-04") is not None


def _months(first_year: int, years: int) -> list[MonthCount]:
    """Every month of ``years`` years; posts in March and August only."""
    return [
        MonthCount(year, month, 2 if month in (3, 8) else 0, f"archive/{year}")
        for year in range(first_year, first_year + years)
        for month in range(1, 13)
    ]


def test_a_long_archive_gets_a_bar_per_quarter_then_per_year():
    ten_years = chart_bars(_months(2000, 10), "en")
    assert len(ten_years) == 120 and ten_years[2].label == "March 2000"
    quarters = chart_bars(_months(2000, 15), "en")
    assert len(quarters) == 60
    assert [(b.label, b.count, b.anchor) for b in quarters[:3]] == [
        ("Q1 2000", 2, "month-2000-03"),  # leads to the first month with posts
        ("Q2 2000", 0, "month-2000-04"),
        ("Q3 2000", 2, "month-2000-08"),
    ]
    assert [b.labelled_year for b in quarters[:5]] == [True, False, False, False, True]
    years = chart_bars(_months(1990, 40), "en")
    assert [(b.label, b.count) for b in years[:2]] == [("1990", 4), ("1991", 4)]
    assert [b.first[0] for b in years if b.labelled_year] == list(range(1990, 2030, 5))
    assert sum(b.count for b in years) == 40 * 4
    svg = svg_chart(_months(1990, 40), lambda doc, anchor: f"{doc}.html#{anchor}", "en")
    assert svg.count("<rect") == 40 and 'href="archive/1995.html#month-1995-03"' in svg
