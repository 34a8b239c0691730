"""Atom feeds of the whole archive, each journey and each tag, made with feedgen.

Links are absolute, from ``html_baseurl``; without it no feed is written (feed readers need
absolute links). Entries carry the post's summary, or its whole body with
``postarchive_feed_content = "full"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from sphinx.util import logging

from postarchive.catalog import Catalog, newest_first
from postarchive.posts import Post

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from postarchive.rendered import PageStore

logger = logging.getLogger(__name__)

ARCHIVE_FEED = "feeds/atom.xml"


def journey_feed(slug: str) -> str:
    return f"feeds/journeys/{slug}.xml"


def tag_feed(slug: str) -> str:
    return f"feeds/tags/{slug}.xml"


def site_url(app: Sphinx) -> str | None:
    base = app.config.html_baseurl
    return base if not base or base.endswith("/") else base + "/"


def all_feeds(app: Sphinx, catalog: Catalog) -> list[tuple[str, str, str, list[Post]]]:
    """(feed path, title, page it belongs to, its posts) of every feed: the archive's, each
    journey's and each tag's."""
    project = app.config.project
    feeds = [(ARCHIVE_FEED, project, app.config.root_doc, list(catalog.posts.values()))]
    for slug, journey in catalog.journeys.items():
        title = f"{project}: {journey.title}"
        feeds.append((journey_feed(slug), title, catalog.journey_docname(slug), journey.posts))
    for tag in catalog.tags.values():
        title = f"{project}: {app.config.tags_page_title} {tag.name}"
        feeds.append((tag_feed(tag.slug), title, catalog.tag_docname(tag), tag.posts))
    return feeds


def write_feeds(app: Sphinx, catalog: Catalog, store: PageStore) -> None:
    base = site_url(app)
    if not base:
        logger.info("postarchive: no feeds are written without html_baseurl")
        return
    outdir = Path(app.outdir)
    for path, title, docname, posts in all_feeds(app, catalog):
        feed = _feed(app, base, path, title, docname, posts, store)
        if feed is not None:
            (outdir / path).parent.mkdir(parents=True, exist_ok=True)
            feed.atom_file(str(outdir / path), pretty=True)


def _feed(
    app: Sphinx,
    base: str,
    path: str,
    title: str,
    docname: str,
    posts: list[Post],
    store: PageStore,
) -> FeedGenerator | None:
    dated = [p for p in newest_first(posts) if p.date][: app.config.postarchive_feed_length]
    if not dated:
        return None
    builder = app.builder
    feed = FeedGenerator()
    feed.id(urljoin(base, path))
    feed.title(title)
    feed.link(href=urljoin(base, builder.get_target_uri(docname)), rel="alternate")
    feed.link(href=urljoin(base, path), rel="self")
    feed.author(name=app.config.author or app.config.project)
    feed.language(app.config.language or "en")
    feed.updated(max(p.date.instant for p in dated if p.date))
    full = app.config.postarchive_feed_content == "full"
    for post in dated:
        assert post.date is not None
        url = urljoin(base, builder.get_target_uri(post.docname))
        entry = feed.add_entry(order="append")
        entry.id(url)
        entry.title(post.title)
        entry.link(href=url, rel="alternate")
        entry.published(post.date.instant)
        entry.updated(post.date.instant)
        if post.summary:
            entry.summary(post.summary)
        body = store.pages.get(post.docname, {}).get("html")
        if full and body is not None:
            entry.content(_absolute_links(body, url), type="html")
        for name in post.tags:
            entry.category(term=name)
    return feed


def _absolute_links(html: str, page_url: str) -> str:
    """Feed readers show an entry away from its page: every link must be absolute."""
    from bs4 import BeautifulSoup  # only for full-content feeds, and slow to import

    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.select("a.headerlink"):
        anchor.decompose()
    for element in soup.find_all(True):
        for attribute in ("href", "src"):
            if element.has_attr(attribute):
                element[attribute] = urljoin(page_url, str(element[attribute]))
    return str(soup)
