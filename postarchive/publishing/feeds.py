"""Atom feeds of the whole archive, each journey and each tag, made with feedgen.

Links are absolute, from ``html_baseurl``; without it no feed is written (feed readers need
absolute links). Entries carry the post's summary, or its whole body with
``postarchive_feed_content = "full"``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from sphinx.util import logging

from postarchive.catalog.model import Catalog, newest_first
from postarchive.reading.posts import Post

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator
    from sphinx.application import Sphinx

    from postarchive.publishing.pagestore import PageStore

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
        feeds.append((journey_feed(slug), title, catalog.names.journey(slug), journey.posts))
    for tag in catalog.tags.values():
        title = f"{project}: {app.config.tags_page_title} {tag.name}"
        feeds.append((tag_feed(tag.slug), title, catalog.tag_docname(tag), tag.posts))
    return feeds


def write_feeds(app: Sphinx, catalog: Catalog, store: PageStore) -> None:
    """Write the feeds whose entries changed since the last build (all of them the first time),
    and remove those of journeys and tags that are gone."""
    base = site_url(app)
    if not base:
        logger.info("postarchive: no feeds are written without html_baseurl")
        return
    outdir = Path(app.outdir)
    written: dict[str, str] = {}
    for path, title, docname, posts in all_feeds(app, catalog):
        dated = [p for p in newest_first(posts) if p.date][: app.config.postarchive_feed_length]
        if not dated:
            continue
        feed = _Feed(app, base, path, title, docname, dated, store, catalog)
        written[path] = feed.digest()
        if store.feeds.get(path) != written[path] or not (outdir / path).exists():
            (outdir / path).parent.mkdir(parents=True, exist_ok=True)
            feed.generate().atom_file(str(outdir / path), pretty=True)
    for path in store.feeds.keys() - written.keys():
        (outdir / path).unlink(missing_ok=True)
    store.feeds = written


@dataclass
class _Feed:
    """One feed: its entries are the newest ``dated`` posts."""

    app: Sphinx
    base: str
    path: str
    title: str
    docname: str
    dated: list[Post]
    store: PageStore
    catalog: Catalog  # who wrote each post

    def _url(self, docname: str) -> str:
        # Target URIs are relative paths under the site (no "..", no leading slash): joining
        # them to the base address is appending, without urljoin's cost on every entry.
        return self.base + self.app.builder.get_target_uri(docname)

    def _body(self, post: Post) -> str | None:
        if self.app.config.postarchive_feed_content != "full":
            return None
        return self.store.pages.get(post.docname, {}).get("html")

    def digest(self) -> str:
        """Changes whenever the feed would: made of everything :meth:`generate` writes."""
        config = self.app.config
        made_of = (
            (self.base, self.path, self.title, self._url(self.docname)),
            (config.author, config.project, config.language),
            # Of the date, the instant the feed shows (the whole dataclass's repr is slow).
            [
                (
                    self._url(p.docname),
                    p.title,
                    p.date.instant if p.date else None,
                    p.summary,
                    p.tags,
                    self.catalog.authors_of(p),
                    self._body(p),
                )
                for p in self.dated
            ],
        )
        return hashlib.sha1(repr(made_of).encode()).hexdigest()

    def generate(self) -> FeedGenerator:
        from feedgen.feed import FeedGenerator  # lxml: slow to import, needed only to write

        config = self.app.config
        feed = FeedGenerator()
        feed.id(urljoin(self.base, self.path))
        feed.title(self.title)
        feed.link(href=self._url(self.docname), rel="alternate")
        feed.link(href=urljoin(self.base, self.path), rel="self")
        feed.author(name=config.author or config.project)
        feed.language(config.language or "en")
        feed.updated(max(p.date.instant for p in self.dated if p.date))
        for post in self.dated:
            assert post.date is not None
            url = self._url(post.docname)
            entry = feed.add_entry(order="append")
            entry.id(url)
            entry.title(post.title)
            entry.link(href=url, rel="alternate")
            for name in self.catalog.authors_of(post):
                entry.author(name=name)
            entry.published(post.date.instant)
            entry.updated(post.date.instant)
            if post.summary:
                entry.summary(post.summary)
            body = self._body(post)
            if body is not None:
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
