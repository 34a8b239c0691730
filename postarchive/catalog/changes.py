"""Which views can have changed since the last build, worked out from what listings show of each
post, so a rebuild does not recompute every post's related posts to find out.

Each build keeps the *facts*: per post, what any view can show of it or rank it by; per journey and
tag, what names them; and the settings. A view can only change when facts changed, and a post's
own view (its journeys, tags and related posts) only when a changed post shares a tag or journey
with it, or when its related posts are chosen by nearness in time among all posts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from postarchive.catalog.model import Catalog
from postarchive.catalog.related import related_by_time
from postarchive.catalog.views import ViewKey, ViewKind
from postarchive.config import ArchiveConfig
from postarchive.reading.slugs import name_key, slugify


@dataclass(frozen=True)
class PostFacts:
    """Everything a view shows of a post, or ranks it by."""

    title: str
    slug: str
    instant: datetime | None
    day: date | None
    tags: tuple[str, ...]
    journeys: tuple[str, ...]
    summary: str | None
    minutes: int  # reading time
    authors: tuple[str, ...]  # as shown: its own, or the site's author


@dataclass(frozen=True)
class JourneyFacts:
    title: str
    described_on: date | None  # the date of its description page, if any
    intro: str | None
    cover: str | None  # whether its picture exists is a fact of this build, not of its posts


@dataclass(frozen=True)
class CatalogFacts:
    """Kept with the environment from one build to the next."""

    settings: str
    posts: Mapping[str, PostFacts]
    journeys: Mapping[str, JourneyFacts]
    tag_slugs: Mapping[str, str]  # tag key -> its page's slug
    author_slugs: Mapping[str, str]  # author key -> its page's slug; empty without author pages
    site_pages: Mapping[str, str]  # docname -> title of the blog's own pages


def catalog_facts(catalog: Catalog) -> CatalogFacts:
    def journey_facts(slug: str) -> JourneyFacts:
        journey = catalog.journeys[slug]
        described = journey.description
        day = described.date.local if described and described.date else None
        intro = described.summary if described else None
        return JourneyFacts(journey.title, day, intro, catalog.journey_cover(journey))

    return CatalogFacts(
        settings=document_settings(catalog.config),
        posts={
            docname: PostFacts(
                post.title,
                post.slug,
                post.date.instant if post.date else None,
                post.date.local if post.date else None,
                post.tags,
                post.journeys,
                post.summary,
                post.reading_minutes(catalog.config.words_per_minute),
                catalog.authors_of(post),
            )
            for docname, post in catalog.posts.items()
        },
        journeys={slug: journey_facts(slug) for slug in catalog.journeys},
        tag_slugs={key: tag.slug for key, tag in catalog.tags.items()},
        author_slugs={key: author.slug for key, author in catalog.authors.items()}
        if catalog.has_author_pages
        else {},
        site_pages=dict(catalog.site_pages),
    )


def document_settings(config: ArchiveConfig) -> str:
    """The settings that change what documents show ("env"); a setting of the written pages
    only ("html") changes no view, and must not make every view checked again."""
    return repr(
        [
            getattr(config, f.name)
            for f in dataclasses.fields(config)
            if f.metadata.get("rebuild") == "env"
        ]
    )


def views_that_may_differ(
    old: CatalogFacts | None, new: CatalogFacts, catalog: Catalog
) -> Callable[[ViewKey[object]], bool]:
    """Which of the views recorded in the last build may show something else now. The views of
    listing pages (journeys, tags, years, the home page) are few and are checked whenever any
    fact changed; a post's own view only when it is affected."""
    if old == new:
        return lambda key: False
    if old is None or old.settings != new.settings:
        return lambda key: True
    # A journey's new title shows in every entry of its posts; a tag's new page (another tag took
    # its slug) in every post that has it.
    old_titles = {slug: facts.title for slug, facts in old.journeys.items()}
    new_titles = {slug: facts.title for slug, facts in new.journeys.items()}
    if _differs(old_titles, new_titles) or _differs(old.tag_slugs, new.tag_slugs):
        return lambda key: True
    # Author pages appearing or going away (a second author, or the last but one gone) change
    # the author links of every post; so does an author's page taking another slug.
    if bool(old.author_slugs) != bool(new.author_slugs) or _differs(
        old.author_slugs, new.author_slugs
    ):
        return lambda key: True
    affected = _affected_posts(old.posts, new.posts, catalog)
    return lambda key: key.kind is not ViewKind.POST or key.subject in affected


def _affected_posts(
    old: Mapping[str, PostFacts], new: Mapping[str, PostFacts], catalog: Catalog
) -> set[str]:
    """The changed posts, the posts sharing a tag or journey with one of them (before or after the
    change), the posts whose previous or next post may have changed with them, and the posts
    whose related posts are chosen among all posts by time."""
    changed = {
        docname for docname in old.keys() | new.keys() if old.get(docname) != new.get(docname)
    }
    tag_keys: set[str] = set()
    journey_slugs: set[str] = set()
    for docname in changed:
        for facts in (old.get(docname), new.get(docname)):
            if facts is not None:
                tag_keys.update(name_key(name) for name in facts.tags)
                journey_slugs.update(slugify(name) for name in facts.journeys)
    affected = changed & catalog.posts.keys()
    for key in tag_keys & catalog.tags.keys():
        affected.update(post.docname for post in catalog.tags[key].posts)
    for slug in journey_slugs & catalog.journeys.keys():
        affected.update(post.docname for post in catalog.journeys[slug].posts)
    affected.update(_steps_affected(old, new, changed, catalog))
    affected.update(d for d, post in catalog.posts.items() if related_by_time(catalog, post))
    return affected


def _steps_affected(
    old: Mapping[str, PostFacts],
    new: Mapping[str, PostFacts],
    changed: set[str],
    catalog: Catalog,
) -> set[str]:
    """Posts whose previous or next post may be one of the changed ones: the ends of every
    journey (a journey's end leads into the next journey in time), and the neighbours in time of
    each changed post of no journey, before and after the change."""
    facts = [f for d in changed for f in (old.get(d), new.get(d)) if f is not None]
    found: set[str] = set()
    if any(f.journeys for f in facts):
        found |= catalog.way.journey_ends()
    if any(not f.journeys for f in facts):
        for posts in (old, new):
            loose = sorted((f.instant, d) for d, f in posts.items() if not f.journeys and f.instant)
            for n, (_instant, docname) in enumerate(loose):
                if docname in changed:
                    found.update(d for _i, d in loose[max(0, n - 1) : n + 2])
    return found & catalog.posts.keys()


def _differs(old: Mapping[str, str], new: Mapping[str, str]) -> bool:
    """Whether any name kept across builds has a different value."""
    return any(old[name] != new[name] for name in old.keys() & new.keys())
