"""Views: what a page shows of the catalog, as frozen dataclasses, and their fingerprints.

A page that lists posts asks for its views by key (:class:`ViewKey`); the key's constructor fixes
the view's type, so ``views.get(journey_key(slug))`` is a :class:`JourneyView`. Each view has a
fingerprint made of every field it holds: a page records the fingerprints of the views it shows,
and is re-read when one of them changes (:mod:`postarchive.site.domain`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar, cast

from postarchive.catalog.model import Catalog, Tag, newest_first
from postarchive.catalog.related import related_posts
from postarchive.reading.posts import Post
from postarchive.reading.slugs import name_key

# -- what listings show ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLink:
    docname: str
    title: str


@dataclass(frozen=True)
class AuthorLink:
    """An author's name, and their page when the archive has author pages."""

    name: str
    docname: str | None


@dataclass(frozen=True)
class PostEntry:
    """What a listing shows of a post."""

    docname: str
    title: str
    date: date | None
    journeys: tuple[PageLink, ...] = ()
    summary: str | None = None
    minutes: int = 1  # reading time
    authors: tuple[AuthorLink, ...] = ()


@dataclass(frozen=True)
class AuthorEntry:
    name: str
    docname: str
    count: int


@dataclass(frozen=True)
class JourneyEntry:
    slug: str
    docname: str
    title: str
    first: date | None
    last: date | None
    count: int
    intro: str | None = None  # its description's excerpt
    cover: str | None = None  # a picture (see reading/covers.py)


@dataclass(frozen=True)
class TagEntry:
    key: str
    name: str
    docname: str
    count: int


@dataclass(frozen=True)
class TagUse:
    """A tag as a listing shows it, with how many of the listed posts have it."""

    name: str
    docname: str
    count: int


@dataclass(frozen=True)
class YearEntry:
    year: int | None  # None: the undated posts
    count: int
    docname: str

    @property
    def label(self) -> str:
        return str(self.year or "Undated")


@dataclass(frozen=True)
class PeriodEntry:
    """One page of a big tag's posts: its years ("2016-2018"), number of posts, page."""

    label: str
    count: int
    docname: str


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    count: int
    year_docname: str


@dataclass(frozen=True)
class JourneyPlace:
    """A post's place in one of its journeys."""

    journey: PageLink
    place: int  # 1-based
    count: int


@dataclass(frozen=True)
class Step:
    """The previous or next post on the way through the archive (catalog/steps.py): its title
    and date only, so that its other facts (excerpt, authors) changing re-reads no neighbour."""

    post: PageLink
    date: date | None
    # The journey the step goes into, when it leaves the post's own journey (or its lack of one).
    other_journey: PageLink | None = None


# -- the views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JourneyView:
    entry: JourneyEntry
    posts: tuple[PostEntry, ...]  # in reading order
    top_tags: tuple[TagUse, ...]


@dataclass(frozen=True)
class TagView:
    name: str
    count: int
    periods: tuple[PeriodEntry, ...]  # empty unless the tag has pages by years
    posts: tuple[PostEntry, ...]  # all its posts, or with periods the newest few


@dataclass(frozen=True)
class TagPeriodView:
    tag_name: str
    label: str
    posts: tuple[PostEntry, ...]


@dataclass(frozen=True)
class PostView:
    """What a post's own page shows of other pages: its journeys, its tags, its previous and
    next post, related posts."""

    places: tuple[JourneyPlace, ...]
    tags: tuple[PageLink, ...]  # (tag page, tag name)
    previous: Step | None
    next: Step | None
    related: tuple[PostEntry, ...]
    authors: tuple[AuthorLink, ...] = ()


@dataclass(frozen=True)
class AuthorView:
    name: str
    posts: tuple[PostEntry, ...]  # newest first


V = TypeVar("V")
V_co = TypeVar("V_co", covariant=True)


class ViewKind(StrEnum):
    JOURNEYS = "journeys"
    JOURNEY = "journey"
    TAGS = "tags"
    TAG = "tag"
    TAG_PERIOD = "tag-period"
    YEARS = "years"
    YEAR = "year"
    RECENT = "recent"
    MONTHS = "months"
    POST = "post"
    AUTHORS = "authors"
    AUTHOR = "author"
    SITE_PAGES = "site-pages"


@dataclass(frozen=True)
class ViewKey(Generic[V_co]):
    """Names a view; made by the functions below, which fix the type of view it names.

    Kept with the environment between builds (a page's recorded views), so it holds only text.
    """

    kind: ViewKind
    subject: str = ""  # a slug, a year ("" for the undated posts) or a docname
    part: str = ""  # a tag period's first year


def journeys_key() -> ViewKey[tuple[JourneyEntry, ...]]:
    return ViewKey(ViewKind.JOURNEYS)


def journey_key(slug: str) -> ViewKey[JourneyView]:
    return ViewKey(ViewKind.JOURNEY, slug)


def tags_key() -> ViewKey[tuple[TagEntry, ...]]:
    return ViewKey(ViewKind.TAGS)


def tag_key(slug: str) -> ViewKey[TagView]:
    return ViewKey(ViewKind.TAG, slug)


def tag_period_key(slug: str, first: int | None) -> ViewKey[TagPeriodView]:
    return ViewKey(ViewKind.TAG_PERIOD, slug, str(first or ""))


def years_key() -> ViewKey[tuple[YearEntry, ...]]:
    return ViewKey(ViewKind.YEARS)


def year_key(year: int | None) -> ViewKey[tuple[PostEntry, ...]]:
    return ViewKey(ViewKind.YEAR, str(year or ""))


def recent_key() -> ViewKey[tuple[PostEntry, ...]]:
    return ViewKey(ViewKind.RECENT)


def months_key() -> ViewKey[tuple[MonthCount, ...]]:
    return ViewKey(ViewKind.MONTHS)


def post_key(docname: str) -> ViewKey[PostView]:
    return ViewKey(ViewKind.POST, docname)


def authors_key() -> ViewKey[tuple[AuthorEntry, ...]]:
    """Every author with a page: none unless the archive has more than one author."""
    return ViewKey(ViewKind.AUTHORS)


def author_key(slug: str) -> ViewKey[AuthorView]:
    return ViewKey(ViewKind.AUTHOR, slug)


def site_pages_key() -> ViewKey[tuple[PageLink, ...]]:
    return ViewKey(ViewKind.SITE_PAGES)


class Gone(LookupError):
    """The view's subject (a journey, a tag, a year's page, a post) is not in the catalog."""


def _year(text: str) -> int | None:
    return int(text) if text else None


class Views:
    """The views of one catalog, each made once, with its fingerprint."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._made: dict[ViewKey[object], tuple[object, str]] = {}
        self._entries: dict[str, PostEntry] = {}
        self._makers: dict[ViewKind, Callable[[ViewKey[object]], object]] = {
            ViewKind.JOURNEYS: lambda key: self._journeys(),
            ViewKind.JOURNEY: lambda key: self._journey(key.subject),
            ViewKind.TAGS: lambda key: self._tags(),
            ViewKind.TAG: lambda key: self._tag(key.subject),
            ViewKind.TAG_PERIOD: lambda key: self._tag_period(key.subject, _year(key.part)),
            ViewKind.YEARS: lambda key: self._years(),
            ViewKind.YEAR: lambda key: self._year(_year(key.subject)),
            ViewKind.RECENT: lambda key: self._recent(),
            ViewKind.MONTHS: lambda key: self._months(),
            ViewKind.POST: lambda key: self._post(key.subject),
            ViewKind.AUTHORS: lambda key: self._authors(),
            ViewKind.AUTHOR: lambda key: self._author(key.subject),
            ViewKind.SITE_PAGES: lambda key: self._site_pages(),
        }

    def get(self, key: ViewKey[V]) -> V:
        """The view ``key`` names; raises :class:`Gone` when its subject no longer exists."""
        return cast(V, self._make(key)[0])

    def fingerprint(self, key: ViewKey[object]) -> str | None:
        """The view's fingerprint, or None when its subject is gone."""
        try:
            return self._make(key)[1]
        except Gone:
            return None

    def _make(self, key: ViewKey[V]) -> tuple[object, str]:
        if key not in self._made:
            data = self._makers[key.kind](key)
            self._made[key] = (data, hashlib.sha1(repr(data).encode()).hexdigest())
        return self._made[key]

    # -- entries ---------------------------------------------------------------------------

    def entry(self, post: Post) -> PostEntry:
        if post.docname not in self._entries:
            catalog = self.catalog
            journeys = tuple(
                PageLink(catalog.names.journey(slug), catalog.journeys[slug].title)
                for slug in post.journey_slugs
            )
            day = post.date.local if post.date else None
            minutes = post.reading_minutes(catalog.config.words_per_minute)
            # One author for the whole archive is not repeated on every line of every listing.
            authors = self.author_links(post) if catalog.has_author_pages else ()
            self._entries[post.docname] = PostEntry(
                post.docname, post.title, day, journeys, post.summary, minutes, authors
            )
        return self._entries[post.docname]

    def author_links(self, post: Post) -> tuple[AuthorLink, ...]:
        catalog = self.catalog
        return tuple(
            AuthorLink(name, catalog.author_docname(name)) for name in catalog.authors_of(post)
        )

    def entries(self, posts: list[Post]) -> tuple[PostEntry, ...]:
        return tuple(self.entry(p) for p in posts)

    # -- the makers ------------------------------------------------------------------------

    def _journeys(self) -> tuple[JourneyEntry, ...]:
        """Every journey, newest first (by its latest post)."""
        entries = []
        for journey in self.catalog.journeys.values():
            dates = [p.date.local for p in journey.posts if p.date]
            if journey.description and journey.description.date:
                dates.append(journey.description.date.local)
            first, last = (min(dates), max(dates)) if dates else (None, None)
            docname = self.catalog.names.journey(journey.slug)
            intro = journey.description.summary if journey.description else None
            entries.append(
                JourneyEntry(
                    journey.slug,
                    docname,
                    journey.title,
                    first,
                    last,
                    len(journey.posts),
                    intro,
                    self.catalog.journey_cover(journey),
                )
            )
        return tuple(sorted(entries, key=lambda e: (e.last or date.min, e.slug), reverse=True))

    def _journey(self, slug: str) -> JourneyView:
        journey = self.catalog.journeys.get(slug)
        if journey is None:
            raise Gone(slug)
        entry = next(e for e in self.get(journeys_key()) if e.slug == slug)
        used: Counter[str] = Counter(name_key(t) for p in journey.posts for t in p.tags)
        top_tags = tuple(
            TagUse(self.catalog.tags[key].name, self.catalog.tag_docname(self.catalog.tags[key]), n)
            for key, n in sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        )
        return JourneyView(entry, self.entries(self.catalog.journey_order(journey)), top_tags)

    def _tags(self) -> tuple[TagEntry, ...]:
        """Every tag, most used first, then by name."""
        entries = [
            TagEntry(tag.key, tag.name, self.catalog.tag_docname(tag), len(tag.posts))
            for tag in self.catalog.tags.values()
        ]
        return tuple(sorted(entries, key=lambda e: (-e.count, e.key)))

    def _tag_named(self, slug: str) -> Tag:
        # By slug, as the page is named, so that a tag taking another's slug changes the page.
        tag = self.catalog.tag_by_slug(slug)
        if tag is None:
            raise Gone(slug)
        return tag

    def _tag(self, slug: str) -> TagView:
        """Every post of the tag, or, with pages by years, the links to them and its newest."""
        tag = self._tag_named(slug)
        periods = self.catalog.tag_periods(tag)
        listed = newest_first(tag.posts)
        if periods:
            listed = listed[: self.catalog.config.recent_posts]
        names = self.catalog.names
        return TagView(
            tag.name,
            len(tag.posts),
            tuple(
                PeriodEntry(p.label, len(p.posts), names.tag_period(tag.slug, p.first))
                for p in periods
            ),
            self.entries(listed),
        )

    def _tag_period(self, slug: str, first: int | None) -> TagPeriodView:
        tag = self._tag_named(slug)
        for period in self.catalog.tag_periods(tag):
            if period.first == first:
                return TagPeriodView(tag.name, period.label, self.entries(period.posts))
        raise Gone(f"{slug} {first}")  # the tag has fewer posts or other years now

    def _years(self) -> tuple[YearEntry, ...]:
        return tuple(
            YearEntry(year, len(posts), self.catalog.names.year(year))
            for year, posts in self.catalog.years.items()
        )

    def _year(self, year: int | None) -> tuple[PostEntry, ...]:
        return self.entries(self.catalog.years.get(year, []))

    def _recent(self) -> tuple[PostEntry, ...]:
        dated = [p for p in self.catalog.newest if p.date]
        return self.entries(dated[: self.catalog.config.recent_posts])

    def _months(self) -> tuple[MonthCount, ...]:
        """Posts of every month from the first post's to the last's."""
        counts = Counter(
            (p.date.local.year, p.date.local.month) for p in self.catalog.posts.values() if p.date
        )
        if not counts:
            return ()
        (year, month), last = min(counts), max(counts)
        months = []
        while (year, month) <= last:
            months.append(
                MonthCount(year, month, counts[(year, month)], self.catalog.names.year(year))
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(months)

    def _post(self, docname: str) -> PostView:
        post = self.catalog.posts.get(docname)
        if post is None:
            raise Gone(docname)
        tags = tuple(
            PageLink(self.catalog.tag_docname(tag), tag_name)
            for tag, tag_name in zip(self.catalog.tags_of(post), post.tags, strict=True)
        )
        related = self.entries(related_posts(self.catalog, post))
        steps = self.catalog.way.of(post)
        return PostView(
            self._places(post),
            tags,
            self._step(post, steps.previous),
            self._step(post, steps.next),
            related,
            self.author_links(post),
        )

    def _step(self, post: Post, other: Post | None) -> Step | None:
        if other is None:
            return None
        target = PageLink(other.docname, other.title)
        day = other.date.local if other.date else None
        journey = other.journey_slugs[0] if other.journey_slugs else None
        if journey is None or post.journey_slugs[:1] == (journey,):
            return Step(target, day)
        link = PageLink(self.catalog.names.journey(journey), self.catalog.journeys[journey].title)
        return Step(target, day, link)

    def _authors(self) -> tuple[AuthorEntry, ...]:
        """Every author, most posts first, then by name; none without author pages."""
        if not self.catalog.has_author_pages:
            return ()
        entries = [
            AuthorEntry(author.name, self.catalog.names.author(author.slug), len(author.posts))
            for author in self.catalog.authors.values()
        ]
        return tuple(sorted(entries, key=lambda e: (-e.count, name_key(e.name))))

    def _author(self, slug: str) -> AuthorView:
        catalog = self.catalog
        author = next((a for a in catalog.authors.values() if a.slug == slug), None)
        if author is None or not catalog.has_author_pages:
            raise Gone(slug)
        return AuthorView(author.name, self.entries(newest_first(author.posts)))

    def _site_pages(self) -> tuple[PageLink, ...]:
        return tuple(
            PageLink(docname, title) for docname, title in sorted(self.catalog.site_pages.items())
        )

    def _places(self, post: Post) -> tuple[JourneyPlace, ...]:
        places = []
        for slug in post.journey_slugs:
            journey = self.catalog.journeys[slug]
            ordered = self.catalog.journey_order(journey)
            link = PageLink(self.catalog.names.journey(slug), journey.title)
            places.append(JourneyPlace(link, ordered.index(post) + 1, len(ordered)))
        return tuple(places)
