"""The old blog's ways of naming a post, as an index: the references its legacy links use (file,
file stem, slug) and the old addresses of posts, journeys and tags (for links and redirects)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from postarchive.catalog.model import Catalog, OldAddress
from postarchive.reading.legacy import PostNames, ReferenceIndex, old_path_key, redirect_source
from postarchive.reading.posts import Post
from postarchive.reading.problems import Problem, Severity, Subtype


@dataclass
class PostIndex:
    """Finds the post a legacy link names, and the page now at an old address."""

    catalog: Catalog

    def __post_init__(self) -> None:
        catalog = self.catalog
        self._references = ReferenceIndex(
            (
                PostNames(
                    docname,
                    (docname,),
                    stem=post.path.stem,
                    slug=post.slug if catalog.slug_owners.get(post.slug) == docname else "",
                )
                for docname, post in catalog.posts.items()
            ),
            posts_dir=catalog.config.posts_dir,
        )

    def find_post(self, reference: str, relative_to: str = "") -> Post | None:
        """The post a legacy link names: by file (with or without folders and suffix, or
        relative to the file ``relative_to`` it is in), by file stem (Jekyll's
        ``2016-11-06-slug``) or by slug."""
        docname = self._references.find(reference, relative_to)
        return self.catalog.posts.get(docname) if docname else None

    def find_old(self, url: str) -> str | None:
        """The docname now holding the page that had ``url`` on the old blog."""
        key = old_path_key(url, self.catalog.config.old_domains)
        return self.catalog.old_addresses.get(key) if key else None


def pattern_addresses(post: Post, patterns: Sequence[str]) -> list[str]:
    """The addresses the old blog's patterns (``/{year}/{slug}/``) gave ``post``."""
    addresses = []
    for pattern in patterns:
        if post.date is None and any(f"{{{k}}}" in pattern for k in ("year", "month", "day")):
            continue
        day = post.date.local if post.date else None
        addresses.append(
            pattern.format(
                year=day.year if day else "",
                month=f"{day.month:02d}" if day else "",
                day=f"{day.day:02d}" if day else "",
                slug=post.slug,
                stem=post.path.stem,
            )
        )
    return addresses


def told_apart(post: Post, other: Post, patterns: Sequence[str]) -> bool:
    """Whether two posts with the same slug had addresses of their own on the old blog: blogs
    reuse a title every year ("Advent of Code", "Weekly", a transparency report) under dated
    addresses. The archive names their pages by file, distinct too."""
    ours, theirs = (
        {*pattern_addresses(p, patterns), *filter(None, (p.permalink, *p.aliases))}
        for p in (post, other)
    )
    return bool(ours) and bool(theirs) and not ours & theirs


def gather_old_addresses(catalog: Catalog) -> None:
    """The old blog's addresses of posts, the blog's own pages, journeys and tags: for links
    and redirect pages."""
    config = catalog.config
    claims: list[tuple[str, str, Post | None, bool]] = []  # (address, docname, post, explicit)
    for post in (*catalog.posts.values(), *catalog.site_page_posts.values()):
        for address in (post.permalink, *post.aliases):
            if address:
                claims.append((address, post.docname, post, True))
    for post in catalog.posts.values():
        for address in pattern_addresses(post, config.old_post_urls):
            claims.append((address, post.docname, post, False))
    for slug in catalog.journeys:
        for pattern in config.old_journey_urls:
            address = pattern.format(slug=slug, name=slug)
            claims.append((address, catalog.names.journey(slug), None, False))
    for tag in catalog.tags.values():
        hugo_name = "-".join(tag.name.lower().split())  # Hugo's urlize, for most names
        for pattern in config.old_tag_urls:
            address = pattern.format(slug=tag.slug, name=hugo_name)
            claims.append((address, catalog.tag_docname(tag), None, False))
    claimed_by: dict[str, str] = {}
    for address, docname, claimant, explicit in claims:
        source, reason = redirect_source(address, config.old_domains)
        key = old_path_key(address, config.old_domains)
        where = catalog.relative(claimant.path) if claimant else docname
        field = "permalink" if claimant and address == claimant.permalink else "aliases"
        line = claimant.field_lines.get(field) if claimant and explicit else None
        # A page's problems are the catalog's: only posts' pages report their own.
        problems = (
            catalog.problems
            if claimant is None or claimant.docname in catalog.site_page_posts
            else claimant.problems
        )
        if source is None or key is None:
            if explicit and claimant:
                message = f"permalink {address!r} {reason}; no redirect is made for it"
                problems.append(Problem(where, line, message, Subtype.PERMALINK))
            continue
        owner = catalog.old_addresses.get(key)
        if owner is not None and owner != docname:
            if explicit and claimant:
                message = (
                    f"permalink {address!r} is also claimed by {claimed_by[key]}; not used here"
                )
                problems.append(Problem(where, line, message, Subtype.PERMALINK, Severity.ERROR))
            continue
        catalog.old_addresses[key] = docname
        claimed_by[key] = where
        catalog.redirects[source] = OldAddress(docname, address, where)
