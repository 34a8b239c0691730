"""The home page's timeline: one bar per month, as many posts as the month has, linked to it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from postarchive.catalog.views import MonthCount
from postarchive.reading.posts import read_post
from postarchive.site.timeline import chart_years, timeline_html
from tests.conftest import read_html


def posts_per_month(srcdir: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in (srcdir / "posts").rglob("*.md"):
        post = read_post(path, "p", "p.md", fix_mojibake=True)
        if post.date and not post.draft:
            counts[post.date.local.strftime("%Y-%m")] += 1
    return counts


def _bars(chart) -> dict[str, int]:
    return {
        bar["data-month"]: int(bar["data-count"]) for bar in chart.select(".postarchive-tl-bar")
    }


def test_bars_per_month_equal_posts_per_month(basic_build):
    app = basic_build
    chart = read_html(Path(app.outdir), "index").select_one("article .postarchive-timeline")
    bars = _bars(chart)
    expected = posts_per_month(Path(app.srcdir))
    assert {month: count for month, count in bars.items() if count} == dict(expected)
    assert list(bars) == sorted(bars)  # every month of the years with posts, in order
    assert len(bars) == 24  # 2015 and 2016, a bar per month each
    assert bars["2016-02"] == 0
    links = {a["data-month"]: a["href"] for a in chart.select("a.postarchive-tl-bar")}
    assert links["2016-04"] == "archive/2016.html#month-2016-04"
    assert links["2015-12"] == "archive/2015.html#month-2015-12"
    assert "2016-02" not in links  # an empty month leads nowhere
    # Counts are written out, not only in a tooltip: each bar's, and each year's total.
    counted = chart.select_one('[data-month="2016-04"] .postarchive-tl-count')
    assert counted.get_text() == str(expected["2016-04"])
    totals = [t.get_text() for t in chart.select(".postarchive-tl-label .postarchive-tl-total")]
    assert totals == ["1 post", f"{sum(expected.values()) - 1} posts"]
    # The phone's version: a line per year, each a link to the year.
    rows = chart.select(".postarchive-tl-list a")
    assert (rows[0]["href"], rows[0].get_text(" ", strip=True)) == (
        "archive/2015.html",
        "2015 1 post",
    )
    month_page = read_html(Path(app.outdir), "archive/2016")
    assert month_page.select_one("section#month-2016-04") is not None


@pytest.mark.sphinx("singlehtml", testroot="basic", srcdir="basic-singlehtml")
def test_single_page_links_bars_by_anchor(app):
    app.build()
    page = read_html(Path(app.outdir), "index")
    links = {a["data-month"]: a["href"] for a in page.select("a.postarchive-tl-bar")}
    assert links["2016-04"] == "#month-2016-04"
    assert page.select_one("#month-2016-04") is not None


def _months(first_year: int, years: int, *, skip: range = range(0)) -> list[MonthCount]:
    """Every month of ``years`` years; posts in March and August only (none in ``skip``)."""
    return [
        MonthCount(year, month, 2 if month in (3, 8) and year not in skip else 0, f"archive/{year}")
        for year in range(first_year, first_year + years)
        for month in range(1, 13)
    ]


def test_a_long_archive_gets_a_bar_per_quarter_then_per_year():
    ten_years = chart_years(_months(2000, 10), "en")
    assert [len(c.bars) for c in ten_years] == [12] * 10
    assert ten_years[0].bars[2].label == "March 2000" and ten_years[0].count == 4
    quarters = chart_years(_months(2000, 15), "en")
    assert [len(c.bars) for c in quarters] == [4] * 15
    assert [(b.label, b.count, b.anchor) for b in quarters[0].bars[:3]] == [
        ("Q1 2000", 2, "month-2000-03"),  # leads to the first month with posts
        ("Q2 2000", 0, "month-2000-04"),
        ("Q3 2000", 2, "month-2000-08"),
    ]
    years = chart_years(_months(1990, 40), "en")
    assert [(c.bars[0].label, c.bars[0].count) for c in years[:2]] == [("1990", 4), ("1991", 4)]
    assert sum(c.count for c in years) == 40 * 4
    html = timeline_html(_months(1990, 40), lambda doc, anchor: f"{doc}.html#{anchor}", "en")
    assert html.count('class="postarchive-tl-bar"') == 40
    assert 'href="archive/1995.html#month-1995-03"' in html


def test_years_without_posts_are_left_out():
    """An archive with a long pause is drawn over the years that have posts, with a mark where
    years are left out, instead of a wide empty stretch."""
    columns = chart_years(_months(2010, 12, skip=range(2012, 2020)), "en")
    assert [c.year for c in columns] == [2010, 2011, 2020, 2021]
    assert [c.after_gap for c in columns] == [False, False, True, False]
