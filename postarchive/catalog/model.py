"""The catalog's data: the posts of this build and how they group into journeys, tags and years.

Made by :func:`postarchive.catalog.gather.build_catalog`; read by the views (what pages show), the
legacy-link index and the outputs. It does not change within a build.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from postarchive.catalog.names import DocumentNames
from postarchive.config import ArchiveConfig
from postarchive.reading.covers import existing_picture
from postarchive.reading.posts import Post
from postarchive.reading.problems import Problem
from postarchive.reading.slugs import name_key

if TYPE_CHECKING:
    from postarchive.catalog.steps import WayThrough


@dataclass(frozen=True)
class TagPeriod:
    """Consecutive years of a tag's posts shown on one page; no years for the undated posts."""

    first: int | None
    last: int | None
    posts: list[Post]

    @property
    def label(self) -> str:
        if self.first is None:
            return "Undated"
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


@dataclass
class Journey:
    slug: str
    title: str
    description: Post | None = None
    posts: list[Post] = field(default_factory=list)


@dataclass
class Tag:
    key: str  # the name's identity (see name_key)
    name: str = ""  # as most posts write it
    slug: str = ""  # its page's name
    variants: Counter[str] = field(default_factory=Counter)
    posts: list[Post] = field(default_factory=list)


@dataclass
class Author:
    key: str  # the name's identity (see name_key)
    name: str  # as the newest post writes it
    slug: str  # its page's name
    posts: list[Post] = field(default_factory=list)


@dataclass(frozen=True)
class OldAddress:
    """A redirect to write: the old address of a page that the archive now has elsewhere."""

    docname: str  # the page now
    address: str  # as the old blog had it (a path, or a URL on one of its domains)
    claimed_in: str  # the file (or generated page) that gave the address, for messages


def by_time(post: Post) -> tuple[int, float, str]:
    """Oldest first; undated posts after all dated ones, by file. By the instant's timestamp,
    which orders as the instant does (to the microsecond): comparing two timezone-aware datetimes
    asks both for their offsets, and a build sorts every post many times."""
    return (0, post.date.timestamp, post.docname) if post.date else (1, 0.0, post.docname)


def newest_first(posts: list[Post]) -> list[Post]:
    dated = sorted((p for p in posts if p.date), key=by_time, reverse=True)
    return dated + sorted((p for p in posts if not p.date), key=by_time)


@dataclass
class Catalog:
    config: ArchiveConfig
    srcdir: Path
    posts: dict[str, Post] = field(default_factory=dict)
    drafts: list[Post] = field(default_factory=list)
    journeys: dict[str, Journey] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)  # by name_key
    # Who wrote posts that name no author: the site's author (conf.py's ``author``), if set.
    default_authors: tuple[str, ...] = ()
    authors: dict[str, Author] = field(default_factory=dict)  # by name_key
    # The blog's own pages (About, Contact) in the site pages folder, by docname: their titles.
    site_pages: dict[str, str] = field(default_factory=dict)
    # The same pages as read, for their old addresses (drafts apart, in ``drafts``).
    site_page_posts: dict[str, Post] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    slug_owners: dict[str, str] = field(default_factory=dict)  # slug -> docname of its first post
    # Old addresses: comparable path -> docname; redirect file -> what it redirects.
    old_addresses: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, OldAddress] = field(default_factory=dict)

    @cached_property
    def names(self) -> DocumentNames:
        return DocumentNames(self.config.pages_dir)

    def relative(self, path: Path) -> str:
        """A source path as messages show it: relative to the folder of conf.py."""
        return path.relative_to(self.srcdir).as_posix()

    def tag_for(self, name: str) -> Tag | None:
        return self.tags.get(name_key(name))

    def tag_by_slug(self, slug: str) -> Tag | None:
        return self._tags_by_slug.get(slug)

    @cached_property
    def _tags_by_slug(self) -> dict[str, Tag]:
        return {tag.slug: tag for tag in self.tags.values()}

    def tag_docname(self, tag: Tag) -> str:
        return self.names.tag(tag.slug)

    def authors_of(self, post: Post) -> tuple[str, ...]:
        """The names a post is shown with: its own, or the site's author."""
        return post.authors or self.default_authors

    @property
    def has_author_pages(self) -> bool:
        """Author pages only help when the archive has more than one author."""
        return len(self.authors) > 1

    def author_docname(self, name: str) -> str | None:
        """The page of the author called ``name``, when there are author pages."""
        author = self.authors.get(name_key(name))
        return self.names.author(author.slug) if author and self.has_author_pages else None

    def tags_of(self, post: Post) -> list[Tag]:
        return [self.tags[name_key(name)] for name in post.tags]

    @cached_property
    def newest(self) -> list[Post]:
        """Every post, newest first (undated last)."""
        return newest_first(list(self.posts.values()))

    @cached_property
    def years(self) -> dict[int | None, list[Post]]:
        """Posts by year, newest year first; ``None`` holds the undated posts."""
        years: dict[int | None, list[Post]] = {}
        for post in self.newest:
            years.setdefault(post.date.local.year if post.date else None, []).append(post)
        return years

    def tag_periods(self, tag: Tag) -> list[TagPeriod]:
        """A tag's pages of posts when it has more than one page's worth, newest first; else [].

        Consecutive years share a page while it holds at most ``tag_page_posts`` posts (a busier
        year gets its own), counted from the oldest, so a new post only changes the newest page.
        A page is named by its first year, which stays as later years join it.
        """
        limit = self.config.tag_page_posts
        if len(tag.posts) <= limit:
            return []
        periods: list[TagPeriod] = []
        dated = [p for p in reversed(newest_first(tag.posts)) if p.date]  # oldest first
        for year, in_year in groupby(dated, key=lambda p: p.date.local.year if p.date else 0):
            posts = list(in_year)
            if periods and len(periods[-1].posts) + len(posts) <= limit:
                periods[-1] = TagPeriod(periods[-1].first, year, periods[-1].posts + posts)
            else:
                periods.append(TagPeriod(year, year, posts))
        undated = [p for p in tag.posts if not p.date]
        if undated:
            periods.insert(0, TagPeriod(None, None, undated))
        return [TagPeriod(p.first, p.last, newest_first(p.posts)) for p in reversed(periods)]

    @cached_property
    def way(self) -> WayThrough:
        """The previous and next post of every post (see catalog/steps.py)."""
        from postarchive.catalog.steps import WayThrough  # it reads this module

        return WayThrough(self)

    def journey_cover(self, journey: Journey) -> str | None:
        """The picture of a journey's card: its description's, else its first post's that has
        one (reading/covers.py)."""
        holders = [journey.description] if journey.description else []
        for post in [*holders, *self.journey_order(journey)]:
            if post.pictures:
                found = existing_picture(post.pictures, post.path, self.srcdir)
                if found:
                    return found
        return None

    def journey_order(self, journey: Journey) -> list[Post]:
        """A journey's posts in reading order: oldest first."""
        return sorted(journey.posts, key=by_time)
