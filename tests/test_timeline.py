"""The home page's timeline: one bar per month, as many posts as the month has, linked to it."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from postarchive.posts import read_post
from tests.conftest import read_html


def build(rootdir, tmp_path, builder: str) -> SphinxTestApp:
    shutil.copytree(rootdir / "test-basic", tmp_path / "src")
    app = SphinxTestApp(builder, srcdir=tmp_path / "src")
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def posts_per_month(srcdir: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in (srcdir / "posts").rglob("*.md"):
        post = read_post(path, "p", "p.md", fix_mojibake=True)
        if post.date and not post.draft:
            counts[post.date.local.strftime("%Y-%m")] += 1
    return counts


def test_bars_per_month_equal_posts_per_month(rootdir, tmp_path):
    app = build(rootdir, tmp_path, "html")
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


def test_single_page_links_bars_by_anchor(rootdir, tmp_path):
    app = build(rootdir, tmp_path, "singlehtml")
    page = read_html(Path(app.outdir), "index")
    links = {a.rect["data-month"]: a["href"] for a in page.select("svg.postarchive-timeline a")}
    assert links["2016-04"] == "#month-2016-04"
    assert page.select_one("#month-2016-04") is not None
