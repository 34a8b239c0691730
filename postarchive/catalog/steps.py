"""One way through the archive: the previous and next post of every post.

A post of a journey steps through its journey in order (its first journey, when it has several);
at a journey's end the next step is the first post of the next journey in time, and at its start
the previous step is the last post of the journey before. A post of no journey steps by date
through the other posts of no journey. A reader who keeps pressing "next" reads every journey
from start to end, oldest journey first, and the loose posts in the order they were written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from postarchive.catalog.model import Catalog, Journey, by_time
from postarchive.reading.posts import Post


@dataclass(frozen=True)
class PostSteps:
    previous: Post | None
    next: Post | None


class WayThrough:
    """The steps of one catalog's posts, ordered once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    @cached_property
    def journeys(self) -> list[tuple[Journey, list[Post]]]:
        """The journeys with posts, each with its posts in reading order, oldest journey first
        (by its first post; by slug when undated)."""
        ordered = [
            (journey, self.catalog.journey_order(journey))
            for journey in self.catalog.journeys.values()
            if journey.posts
        ]
        return sorted(ordered, key=lambda item: (*by_time(item[1][0])[:2], item[0].slug))

    @cached_property
    def _journey_place(self) -> dict[str, int]:
        return {journey.slug: n for n, (journey, _posts) in enumerate(self.journeys)}

    @cached_property
    def loose(self) -> list[Post]:
        """The dated posts of no journey, oldest first (undated ones have no place in time)."""
        return sorted(
            (p for p in self.catalog.posts.values() if not p.journey_slugs and p.date),
            key=by_time,
        )

    @cached_property
    def _loose_place(self) -> dict[str, int]:
        return {post.docname: n for n, post in enumerate(self.loose)}

    def of(self, post: Post) -> PostSteps:
        if post.journey_slugs:
            return self._in_journey(post, post.journey_slugs[0])
        n = self._loose_place.get(post.docname)
        if n is None:
            return PostSteps(None, None)
        before = self.loose[n - 1] if n else None
        after = self.loose[n + 1] if n + 1 < len(self.loose) else None
        return PostSteps(before, after)

    def _in_journey(self, post: Post, slug: str) -> PostSteps:
        n = self._journey_place[slug]
        posts = self.journeys[n][1]
        i = posts.index(post)
        before = posts[i - 1] if i else None
        if before is None and n:
            before = self.journeys[n - 1][1][-1]
        after = posts[i + 1] if i + 1 < len(posts) else None
        if after is None and n + 1 < len(self.journeys):
            after = self.journeys[n + 1][1][0]
        return PostSteps(before, after)

    def journey_ends(self) -> set[str]:
        """The first and last post of every journey: the posts whose steps leave their journey."""
        return {p.docname for _journey, posts in self.journeys for p in (posts[0], posts[-1])}
