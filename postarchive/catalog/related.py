"""Related posts: the few other posts a post suggests, most shared tags first, then nearest in
time."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable

from postarchive.catalog.model import Catalog
from postarchive.reading.posts import Post


def related_posts(catalog: Catalog, post: Post) -> list[Post]:
    """Most shared tags first, then nearest in time, then by file."""
    shared: Counter[str] = Counter()
    for tag in catalog.tags_of(post):
        for other in tag.posts:
            if other is not post:
                shared[other.docname] += 1
    moment = post.date.timestamp if post.date else None

    def rank(other: Post) -> tuple[int, float, str]:
        if moment is None or other.date is None:
            return (-shared[other.docname], float("inf"), other.docname)
        return (-shared[other.docname], abs(other.date.timestamp - moment), other.docname)

    if related_by_time(catalog, post):
        candidates: Iterable[Post] = (p for p in catalog.posts.values() if p is not post)
    else:
        candidates = (catalog.posts[d] for d in shared)
    return heapq.nsmallest(catalog.config.related_posts, candidates, key=rank)


def related_by_time(catalog: Catalog, post: Post) -> bool:
    """Whether fewer posts share a tag with ``post`` than its related list holds, so that
    nearness in time among all posts fills the list (and any post's date can change it)."""
    wanted = catalog.config.related_posts
    tags = catalog.tags_of(post)
    sizes = [len(tag.posts) - 1 for tag in tags]
    if max(sizes, default=0) >= wanted:
        return False
    if sum(sizes) < wanted:
        return True
    others = {other.docname for tag in tags for other in tag.posts}
    return len(others - {post.docname}) < wanted
