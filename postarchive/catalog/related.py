"""Related posts: the few other posts a post suggests, most shared tags first, then nearest in
time; never its previous or next post (catalog/steps.py), which its page shows already."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable

from postarchive.catalog.model import Catalog
from postarchive.reading.posts import Post


def neighbours(catalog: Catalog, post: Post) -> set[str]:
    """The post itself and its previous and next post."""
    steps = catalog.way.of(post)
    return {p.docname for p in (post, steps.previous, steps.next) if p is not None}


def related_posts(catalog: Catalog, post: Post) -> list[Post]:
    """Most shared tags first, then nearest in time, then by file."""
    near = neighbours(catalog, post)
    shared: Counter[str] = Counter()
    for tag in catalog.tags_of(post):
        for other in tag.posts:
            if other.docname not in near:
                shared[other.docname] += 1
    moment = post.date.timestamp if post.date else None

    def rank(other: Post) -> tuple[int, float, str]:
        if moment is None or other.date is None:
            return (-shared[other.docname], float("inf"), other.docname)
        return (-shared[other.docname], abs(other.date.timestamp - moment), other.docname)

    if related_by_time(catalog, post):
        candidates: Iterable[Post] = (p for d, p in catalog.posts.items() if d not in near)
    else:
        candidates = (catalog.posts[d] for d in shared)
    return heapq.nsmallest(catalog.config.related_posts, candidates, key=rank)


def related_by_time(catalog: Catalog, post: Post) -> bool:
    """Whether fewer posts share a tag with ``post`` than its related list holds, so that
    nearness in time among all posts fills the list (and any post's date can change it)."""
    wanted = catalog.config.related_posts
    tags = catalog.tags_of(post)
    near = neighbours(catalog, post)
    sizes = [len(tag.posts) - len(near) for tag in tags]  # at least the others, not near ones
    if max(sizes, default=0) >= wanted:
        return False
    others = {other.docname for tag in tags for other in tag.posts}
    return len(others - near) < wanted
