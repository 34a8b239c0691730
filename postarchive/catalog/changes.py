"""Which views can have changed since the last build, worked out from what listings show of each
post, so a rebuild does not recompute every post's related posts to find out.

Each build keeps the *facts*: per post, what any view can show of it or rank it by; per journey and
tag, what names them; and the settings. A view can only change when facts changed, and a post's
own view (its journeys, tags and related posts) only when a changed post shares a tag or journey
with it, or when its related posts are chosen by nearness in time among all posts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from postarchive.catalog.model import Catalog, ViewKey
from postarchive.reading.posts import Post
from postarchive.reading.slugs import name_key, slugify

Facts = dict[str, Any]


def catalog_facts(catalog: Catalog) -> Facts:
    return {
        "settings": repr(catalog.config),
        "posts": {
            docname: (
                post.title,
                post.slug,
                (post.date.instant, post.date.local) if post.date else None,
                post.tags,
                post.journeys,
                post.summary,
            )
            for docname, post in catalog.posts.items()
        },
        "journeys": {
            slug: (journey.title, _date(journey.description))
            for slug, journey in catalog.journeys.items()
        },
        "tag slugs": {key: tag.slug for key, tag in catalog.tags.items()},
    }


def views_that_may_differ(old: Facts, new: Facts, catalog: Catalog) -> Callable[[ViewKey], bool]:
    """Which of the views recorded in the last build may show something else now. The views of
    listing pages (journeys, tags, years, the home page) are few and are checked whenever any
    fact changed; a post's own view only when it is affected."""
    if old == new:
        return lambda key: False
    if not old or old["settings"] != new["settings"]:
        return lambda key: True
    # A journey's new title shows in every entry of its posts; a tag's new page (another tag took
    # its slug) in every post that has it.
    old_titles = {slug: title for slug, (title, _) in old["journeys"].items()}
    new_titles = {slug: title for slug, (title, _) in new["journeys"].items()}
    if _differs(old_titles, new_titles) or _differs(old["tag slugs"], new["tag slugs"]):
        return lambda key: True
    affected = _affected_posts(old["posts"], new["posts"], catalog)
    return lambda key: key[0] != "post" or key[1] in affected


def _affected_posts(old: dict[str, tuple], new: dict[str, tuple], catalog: Catalog) -> set[str]:
    """The changed posts, the posts sharing a tag or journey with one of them (before or after the
    change), and the posts whose related posts are chosen among all posts by time."""
    changed = {
        docname for docname in old.keys() | new.keys() if old.get(docname) != new.get(docname)
    }
    tag_keys: set[str] = set()
    journey_slugs: set[str] = set()
    for docname in changed:
        for facts in (old.get(docname), new.get(docname)):
            if facts is not None:
                tag_keys.update(name_key(name) for name in facts[3])
                journey_slugs.update(slugify(name) for name in facts[4])
    affected = changed & catalog.posts.keys()
    for key in tag_keys & catalog.tags.keys():
        affected.update(post.docname for post in catalog.tags[key].posts)
    for slug in journey_slugs & catalog.journeys.keys():
        affected.update(post.docname for post in catalog.journeys[slug].posts)
    affected.update(d for d, post in catalog.posts.items() if catalog.related_by_time(post))
    return affected


def _date(post: Post | None) -> date | None:
    return post.date.local if post and post.date else None


def _differs(old: dict[str, str], new: dict[str, str]) -> bool:
    """Whether any name kept across builds has a different value."""
    return any(old[name] != new[name] for name in old.keys() & new.keys())
