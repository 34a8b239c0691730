"""What a rebuild re-reads after a draft is flipped or a setting that only changes the written
pages is changed: the post and the listings it joins, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from tests.conftest import article, copy_root, link_targets

pytestmark = pytest.mark.slow  # three builds each

DAY_TWO = "posts/2016/2016-04-02-day-two"
JOURNEY = "archive/journeys/djangocon-europe-2016"


@pytest.fixture
def srcdir(tmp_path) -> Path:
    return copy_root("basic", tmp_path / "src")


def reread_docnames(app) -> set[str]:
    status = strip_colors(app.status.getvalue())
    return {
        line.rsplit("] ", 1)[-1].strip()
        for line in status.splitlines()
        if line.startswith("reading sources... [")
    }


def set_draft(srcdir: Path, draft: bool) -> None:
    post = srcdir / f"{DAY_TWO}.md"
    text = post.read_text(encoding="utf-8").replace("draft = true\n", "")
    if draft:
        text = text.replace('title = "Day two"\n', 'title = "Day two"\ndraft = true\n')
    post.write_text(text, encoding="utf-8")


def test_flipping_a_draft_rereads_the_listings_it_joins_not_everything(srcdir, build_root):
    first = build_root(srcdir=srcdir)
    everything = set(first.env.found_docs)
    assert DAY_TWO in everything

    set_draft(srcdir, True)
    drafted = build_root(srcdir=srcdir)
    reread = reread_docnames(drafted)
    assert DAY_TWO not in drafted.env.found_docs and DAY_TWO not in drafted.env.all_docs
    # The listings that showed it (journey, year, its other tag, home, overviews) and the posts
    # whose journey neighbours or related posts it was; not the other year, tags or pages.
    assert reread == {
        JOURNEY,
        "archive/2016",
        "archive/index",
        "archive/journeys/index",
        "archive/tags/django",
        "archive/tags/index",
        "index",
        "posts/2015/2015-12-24-xmas",
        "posts/2016/2016-03-31-arrival",
        "posts/2016/2016-04-01-day-one",
        "posts/2016/2016-04-02-tokyo-night",
        "posts/2016/2016-06-01-markup",
    }
    assert "posts/2016/notes/undated-thoughts" in everything  # one of those not re-read
    assert "archive/tags/c-plus-plus" in everything  # only day two had it: the page is gone
    assert "archive/tags/c-plus-plus" not in drafted.env.found_docs
    outdir = Path(drafted.outdir)
    assert not (outdir / f"{DAY_TWO}.html").exists()  # its page is gone from the site
    assert "../../posts/2016/2016-04-02-day-two.html" not in link_targets(article(outdir, JOURNEY))
    assert "2 drafts left out" in strip_colors(drafted.status.getvalue())

    set_draft(srcdir, False)
    published = build_root(srcdir=srcdir)
    assert reread_docnames(published) == reread | {DAY_TWO, "archive/tags/c-plus-plus"}
    assert (outdir / f"{DAY_TWO}.html").exists()
    assert "../../posts/2016/2016-04-02-day-two.html" in link_targets(article(outdir, JOURNEY))


def test_a_setting_of_the_written_pages_only_rereads_nothing(srcdir, build_root):
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + 'html_baseurl = "https://archive.example.org/"\npostarchive_feed_length = 20\n',
        encoding="utf-8",
    )
    build_root(srcdir=srcdir)
    feed = srcdir / "_build" / "html" / "feeds" / "atom.xml"
    assert feed.read_text(encoding="utf-8").count("<entry>") > 2
    conf.write_text(
        conf.read_text(encoding="utf-8").replace("feed_length = 20", "feed_length = 2"),
        encoding="utf-8",
    )
    again = build_root(srcdir=srcdir)
    assert reread_docnames(again) == set()
    assert feed.read_text(encoding="utf-8").count("<entry>") == 2
