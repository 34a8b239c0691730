"""Atom feeds, head tags and the texts behind search snippets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import read_html

BASE = "https://blog.example.org/archive/"
SITE = {"html_baseurl": BASE, "project": "Travels", "author": "A. Writer"}


@pytest.fixture(scope="module")
def summary_site(build_root):
    return build_root("basic", confoverrides=SITE)


def parse(app, path: str):
    feed = feedparser.parse((Path(app.outdir) / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_archive_feed_lists_dated_posts_newest_first_with_absolute_links(summary_site):
    feed = parse(summary_site, "feeds/atom.xml")
    assert feed.feed.title == "Travels"
    assert feed.feed.link == BASE + "index.html"
    titles = [e.title for e in feed.entries]
    assert titles[:3] == [
        "Less <script>alert(1)</script> & more",
        "Day two",
        "Day one at DjangoCon",
    ]
    assert "Undated thoughts" not in titles and "Unfinished draft" not in titles
    day_one = next(e for e in feed.entries if e.title == "Day one at DjangoCon")
    assert day_one.link == BASE + "posts/2016/2016-04-01-day-one.html"
    assert day_one.id == day_one.link
    assert day_one.summary == "The first day, from keynote to lightning talks."
    assert day_one.published == "2016-04-01T17:23:18+02:00"  # the instant, with its offset
    assert {t.term for t in day_one.tags} == {"Django", "session-notes"}
    assert "content" not in day_one  # summaries only, by default


def test_journey_and_tag_feeds(summary_site):
    journey = parse(summary_site, "feeds/journeys/djangocon-europe-2016.xml")
    assert journey.feed.title == "Travels: DjangoCon Europe 2016"
    assert [e.title for e in journey.entries] == [
        "Day two",
        "Day one at DjangoCon",
        "A call from Tokyo",
        "Arrival in Budapest",
    ]
    tag = parse(summary_site, "feeds/tags/django.xml")
    assert [e.title for e in tag.entries] == [
        "Day two",
        "Day one at DjangoCon",
        "Christmas at the café",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    srcdir="basic-full-content-feeds",
    confoverrides={**SITE, "postarchive_feed_content": "full"},
)
def test_full_content_feed_has_the_body_with_absolute_links(app):
    app.build()
    feed = parse(app, "feeds/atom.xml")
    day_one = next(e for e in feed.entries if e.title == "Day one at DjangoCon")
    html = day_one.content[0].value
    assert "The keynote speaker arrived by zeppelin." in html
    assert f'src="{BASE}_images/bars.png"' in html
    assert "Day one at DjangoCon" not in html  # the title is the entry's, not the body's
    assert "min read" not in html and "headerlink" not in html


@pytest.mark.slow
def test_a_rebuild_writes_only_the_feeds_whose_entries_changed(build_root):
    first = build_root("basic", confoverrides=SITE)
    feeds = Path(first.outdir) / "feeds"

    def written() -> dict[str, int]:
        return {p.relative_to(feeds).as_posix(): p.stat().st_mtime_ns for p in feeds.rglob("*.xml")}

    def edit_and_rebuild(old: str, new: str) -> SphinxTestApp:
        post = Path(first.srcdir) / "posts/2016/2016-04-01-day-one.md"
        post.write_text(post.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return build_root(srcdir=first.srcdir, confoverrides=SITE)

    before = written()
    assert "tags/session-notes.xml" in before
    edit_and_rebuild("arrived by zeppelin", "arrived by balloon")  # summaries carry no body
    assert written() == before
    app = edit_and_rebuild("title: Day one at DjangoCon\n", "title: Opening day\n")
    app = edit_and_rebuild("  - session-notes\n", "")
    after = written()
    assert {path for path in after if after[path] != before[path]} == {
        "atom.xml",
        "journeys/djangocon-europe-2016.xml",
        "tags/django.xml",
    }
    assert "tags/session-notes.xml" not in after  # the tag is gone, and so is its feed
    assert "Opening day" in [e.title for e in parse(app, "feeds/tags/django.xml").entries]


@pytest.mark.sphinx(
    "html", testroot="basic", srcdir="basic-no-feeds", confoverrides={**SITE, "html_baseurl": ""}
)
def test_no_feed_without_a_site_address(app):
    app.build()
    assert not (Path(app.outdir) / "feeds").exists()
    assert "application/atom+xml" not in (Path(app.outdir) / "index.html").read_text(
        encoding="utf-8"
    )


def test_pages_link_their_feeds_and_posts_describe_themselves(summary_site):
    out = Path(summary_site.outdir)
    journey = read_html(out, "archive/journeys/djangocon-europe-2016")
    feeds = [link["href"] for link in journey.select('link[type="application/atom+xml"]')]
    assert feeds == ["../../feeds/atom.xml", "../../feeds/journeys/djangocon-europe-2016.xml"]
    post = read_html(out, "posts/2016/2016-04-01-day-one")
    descriptions = post.select('meta[name="description"]')
    assert [d["content"] for d in descriptions] == [
        "The first day, from keynote to lightning talks."
    ]
    markup = read_html(out, "posts/2016/2016-06-01-markup")
    assert (
        markup.select_one('meta[name="description"]')["content"]
        == "Metadata shown as text, never as markup."
    )


def test_search_snippet_texts_cover_every_page(summary_site):
    out = Path(summary_site.outdir)
    pages = {}
    for script in sorted((out / "_static/postarchive-texts").glob("*.js")):
        texts = re.match(
            r"postarchiveTexts\.add\((.*)\);\n$", script.read_text(encoding="utf-8"), re.S
        ).group(1)
        pages.update(json.loads(texts))
    documents = {p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.html")}
    assert set(pages) == documents - {"genindex", "search"}
    day_one, day_one_line = pages["posts/2016/2016-04-01-day-one"]
    assert day_one.startswith('<div role="main">') and "arrived by zeppelin" in day_one
    assert day_one_line == "April 1, 2016 · DjangoCon Europe 2016"
    assert pages["archive/tags/django"][1] == ""  # only posts have a line under their result
    # The post's own text: not its title, header (date, reading time, journey) or footer.
    assert "Day one at DjangoCon" not in day_one and "min read" not in day_one
    assert "Related posts" not in day_one
    assert pages["posts/2016/2016-06-01-markup"][0].endswith(
        ">Metadata shown as text, never as markup.</div>"
    )
    search_page = (out / "search.html").read_text(encoding="utf-8")
    assert "postarchive-search.js" in search_page
    assert "postarchive-search.js" not in (out / "index.html").read_text(encoding="utf-8")
