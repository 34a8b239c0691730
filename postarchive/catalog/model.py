"""The catalog: every post's metadata, gathered before Sphinx reads anything, and the views of it
that pages show (journeys, tags, years, recent posts).

It is built once per build from the post files, so the generated pages and the listings on any
page can be made and checked for change before Sphinx decides which documents to re-read.
"""

from __future__ import annotations

import hashlib
import heapq
import pickle
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import groupby
from pathlib import Path
from typing import Any

from sphinx_tags import Entry

from postarchive import __version__
from postarchive.config import ArchiveConfig
from postarchive.reading.links import old_path_key, redirect_source
from postarchive.reading.posts import Post, read_post
from postarchive.reading.problems import Problem, Severity, Subtype
from postarchive.reading.slugs import name_key, slugify, unique_slugs

# A view is identified by a key such as ("journey", "djangocon-europe-2016"); pages record the
# fingerprint of each view they show, and are re-read when it changes.
ViewKey = tuple[str, ...]


@dataclass(frozen=True)
class PostEntry:
    """What a listing shows of a post."""

    docname: str
    title: str
    date: date | None
    journeys: tuple[tuple[str, str], ...] = ()  # (docname, title)
    summary: str | None = None


@dataclass(frozen=True)
class JourneyEntry:
    slug: str
    docname: str
    title: str
    first: date | None
    last: date | None
    count: int


@dataclass(frozen=True)
class TagEntry:
    key: str
    name: str
    docname: str
    count: int


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
    key: str
    name: str = ""
    slug: str = ""
    variants: Counter[str] = field(default_factory=Counter)
    posts: list[Post] = field(default_factory=list)


def _by_time(post: Post) -> tuple[int, object, str]:
    """Oldest first; undated posts after all dated ones, by file."""
    return (0, post.date.instant, post.docname) if post.date else (1, 0, post.docname)


def newest_first(posts: list[Post]) -> list[Post]:
    dated = sorted((p for p in posts if p.date), key=_by_time, reverse=True)
    return dated + sorted((p for p in posts if not p.date), key=_by_time)


@dataclass
class Catalog:
    config: ArchiveConfig
    srcdir: Path
    posts: dict[str, Post] = field(default_factory=dict)
    drafts: list[Post] = field(default_factory=list)
    journeys: dict[str, Journey] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    slug_owners: dict[str, str] = field(default_factory=dict)  # slug -> docname of its first post
    # Old addresses: comparable path -> docname; redirect file -> (docname, old address, source).
    old_addresses: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # Views are asked for by many pages of one build; the catalog does not change within a build.
    _views: dict[ViewKey, tuple[object, str]] = field(default_factory=dict, repr=False)
    _entries: dict[str, PostEntry] = field(default_factory=dict, repr=False)

    # -- where things live -------------------------------------------------------------------

    def page(self, *parts: str) -> str:
        """Docname of a generated page, e.g. ``page("tags", "django")``."""
        return "/".join((self.config.pages_dir.strip("/"), *parts))

    def journey_docname(self, slug: str) -> str:
        return self.page("journeys", slug)

    def tag_docname(self, tag: Tag) -> str:
        return self.page("tags", tag.slug)

    def year_docname(self, year: int | None) -> str:
        return self.page(str(year) if year else "undated")

    def tag_period_docname(self, tag: Tag, period: TagPeriod) -> str:
        return self.page("tags", tag.slug, str(period.first) if period.first else "undated")

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

    def relative(self, path: Path) -> str:
        """A source path as messages show it: relative to the folder of conf.py."""
        return path.relative_to(self.srcdir).as_posix()

    def tag_for(self, name: str) -> Tag | None:
        return self.tags.get(name_key(name))

    # -- views -------------------------------------------------------------------------------

    def entry(self, post: Post) -> PostEntry:
        if post.docname not in self._entries:
            journeys = tuple(
                (self.journey_docname(slug), self.journeys[slug].title)
                for slug in post.journey_slugs
            )
            day = post.date.local if post.date else None
            self._entries[post.docname] = PostEntry(
                post.docname, post.title, day, journeys, post.summary
            )
        return self._entries[post.docname]

    def journey_entries(self) -> tuple[JourneyEntry, ...]:
        """Every journey, newest first (by its latest post)."""
        entries = []
        for journey in self.journeys.values():
            dates = [p.date.local for p in journey.posts if p.date]
            if journey.description and journey.description.date:
                dates.append(journey.description.date.local)
            first, last = (min(dates), max(dates)) if dates else (None, None)
            entries.append(
                JourneyEntry(
                    journey.slug,
                    self.journey_docname(journey.slug),
                    journey.title,
                    first,
                    last,
                    len(journey.posts),
                )
            )
        return tuple(sorted(entries, key=lambda e: (e.last or date.min, e.slug), reverse=True))

    def journey_view(self, slug: str) -> tuple[object, ...]:
        journey = self.journeys[slug]
        entry = next(e for e in self.view(("journeys",)) if e.slug == slug)
        posts = tuple(self.entry(p) for p in sorted(journey.posts, key=_by_time))
        used: Counter[str] = Counter(name_key(t) for p in journey.posts for t in p.tags)
        top_tags = tuple(
            (self.tags[key].name, self.tag_docname(self.tags[key]), count)
            for key, count in sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        )
        return (entry, posts, top_tags)

    def month_counts(self) -> tuple[tuple[int, int, int, str], ...]:
        """(year, month, posts, year page) for every month from the first post to the last."""
        counts = Counter(
            (p.date.local.year, p.date.local.month) for p in self.posts.values() if p.date
        )
        if not counts:
            return ()
        (year, month), last = min(counts), max(counts)
        months = []
        while (year, month) <= last:
            months.append((year, month, counts[(year, month)], self.year_docname(year)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(months)

    def tag_entries(self) -> tuple[TagEntry, ...]:
        """Every tag, most used first, then by name."""
        entries = [
            TagEntry(tag.key, tag.name, self.tag_docname(tag), len(tag.posts))
            for tag in self.tags.values()
        ]
        return tuple(sorted(entries, key=lambda e: (-e.count, e.key)))

    def tag_view(self, slug: str) -> tuple[object, ...]:
        """(name, number of posts, (label, posts, page) of each period page, posts listed):
        every post, or with period pages, the newest few. By slug, as the page is named, so that
        a tag taking another's slug changes the page."""
        tag = self.tag_by_slug(slug)
        periods = self.tag_periods(tag)
        listed = newest_first(tag.posts)
        return (
            tag.name,
            len(tag.posts),
            tuple((p.label, len(p.posts), self.tag_period_docname(tag, p)) for p in periods),
            tuple(
                self.entry(p) for p in (listed[: self.config.recent_posts] if periods else listed)
            ),
        )

    def tag_period_view(self, slug: str, first: int | None) -> tuple[object, ...]:
        """(tag name, period label, its posts) of the tag's page that begins with year ``first``."""
        tag = self.tag_by_slug(slug)
        for period in self.tag_periods(tag):
            if period.first == first:
                return (tag.name, period.label, tuple(self.entry(p) for p in period.posts))
        raise KeyError(first)  # the page is gone: the tag has fewer posts or other years now

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

    def year_entries(self) -> tuple[tuple[int | None, int], ...]:
        return tuple((year, len(posts)) for year, posts in self.years.items())

    def year_view(self, year: int | None) -> tuple[PostEntry, ...]:
        return tuple(self.entry(p) for p in self.years.get(year, []))

    def recent_view(self) -> tuple[PostEntry, ...]:
        dated = [p for p in self.newest if p.date]
        return tuple(self.entry(p) for p in dated[: self.config.recent_posts])

    def post_view(self, docname: str) -> tuple[object, ...]:
        """What a post's own header shows besides its file: journey titles and tag pages."""
        post = self.posts[docname]
        tags = tuple((name, self.tag_docname(self.tags[name_key(name)])) for name in post.tags)
        return (self.journey_positions(post), tags, self.related(post))

    def view(self, key: ViewKey) -> Any:
        """The data behind a view key; raises KeyError when the subject no longer exists."""
        if key not in self._views:
            data = self._make_view(key)
            self._views[key] = (data, hashlib.sha1(repr(data).encode()).hexdigest())
        return self._views[key][0]

    def fingerprint(self, key: ViewKey) -> str:
        try:
            self.view(key)
        except KeyError:
            return "gone"
        return self._views[key][1]

    def find_post(self, reference: str) -> Post | None:
        """The post a legacy link names: by file (with or without folders and suffix), by file
        stem (Jekyll's ``2016-11-06-slug``) or by slug."""
        if "_post_index" not in self.__dict__:
            self.__dict__["_post_index"] = self._index_posts()
        ref = reference.strip().lstrip("./")
        for prefix in ("content/", "_posts/", self.config.posts_dir.strip("/") + "/"):
            ref = ref.removeprefix(prefix)
        for suffix in (".md", ".markdown", ".html"):
            ref = ref.removesuffix(suffix)
        docname = self.__dict__["_post_index"].get(ref)
        return self.posts.get(docname) if docname else None

    def _index_posts(self) -> dict[str, str]:
        index: dict[str, str] = {}
        stems = Counter(post.path.stem for post in self.posts.values())
        posts_prefix = self.config.posts_dir.strip("/") + "/"
        for slug, docname in self.slug_owners.items():
            index[slug] = docname
        for docname, post in self.posts.items():
            if stems[post.path.stem] == 1:
                index[post.path.stem] = docname
            index[docname.removeprefix(posts_prefix)] = docname
        return index

    def find_old(self, url: str) -> str | None:
        """The docname now holding the page that had ``url`` on the old blog."""
        key = old_path_key(url, self.config.old_domains)
        return self.old_addresses.get(key) if key else None

    def journey_positions(self, post: Post) -> tuple[tuple[object, ...], ...]:
        """For each journey of the post: (journey docname, title, position, count, previous,
        next), previous and next being (docname, title) or None, in the journey's order."""
        positions = []
        for slug in post.journey_slugs:
            journey = self.journeys[slug]
            ordered = sorted(journey.posts, key=_by_time)
            i = ordered.index(post)
            before = (ordered[i - 1].docname, ordered[i - 1].title) if i else None
            after = (ordered[i + 1].docname, ordered[i + 1].title) if i + 1 < len(ordered) else None
            docname = self.journey_docname(slug)
            positions.append((docname, journey.title, i + 1, len(ordered), before, after))
        return tuple(positions)

    def related(self, post: Post) -> tuple[PostEntry, ...]:
        """A few other posts: most shared tags first, then nearest in time."""
        shared: Counter[str] = Counter()
        for name in post.tags:
            for other in self.tags[name_key(name)].posts:
                if other is not post:
                    shared[other.docname] += 1
        moment = post.date.timestamp if post.date else None

        def rank(other: Post) -> tuple[int, float, str]:
            if moment is None or other.date is None:
                return (-shared[other.docname], float("inf"), other.docname)
            return (-shared[other.docname], abs(other.date.timestamp - moment), other.docname)

        if self.related_by_time(post):
            candidates: Iterable[Post] = (p for p in self.posts.values() if p is not post)
        else:
            candidates = (self.posts[d] for d in shared)
        best = heapq.nsmallest(self.config.related_posts, candidates, key=rank)
        return tuple(self.entry(p) for p in best)

    def related_by_time(self, post: Post) -> bool:
        """Whether fewer posts share a tag with ``post`` than its related list holds, so that
        nearness in time among all posts fills the list (and any post's date can change it)."""
        wanted = self.config.related_posts
        sizes = [len(self.tags[name_key(name)].posts) - 1 for name in post.tags]
        if max(sizes, default=0) >= wanted:
            return False
        if sum(sizes) < wanted:
            return True
        others = {other.docname for name in post.tags for other in self.tags[name_key(name)].posts}
        return len(others - {post.docname}) < wanted

    def tag_by_slug(self, slug: str) -> Tag:
        return self._tags_by_slug[slug]

    @cached_property
    def _tags_by_slug(self) -> dict[str, Tag]:
        return {tag.slug: tag for tag in self.tags.values()}

    def _make_view(self, key: ViewKey) -> Any:
        kind, *args = key
        views: dict[str, Any] = {
            "journeys": self.journey_entries,
            "journey": self.journey_view,
            "tags": self.tag_entries,
            "tag": self.tag_view,
            "tag-period": lambda slug, y: self.tag_period_view(slug, int(y) if y else None),
            "years": self.year_entries,
            "year": lambda y: self.year_view(int(y) if y else None),
            "recent": self.recent_view,
            "months": self.month_counts,
            "post": self.post_view,
        }
        return views[kind](*args)


def build_catalog(srcdir: Path, config: ArchiveConfig, cache: Path | None = None) -> Catalog:
    """Read every post and journey description under ``srcdir``. Never raises on bad content.

    With ``cache`` (a file beside Sphinx's environment), a post whose file has not changed since
    the last build is not read again: an unchanged archive of thousands of posts starts at once.
    """
    catalog = Catalog(config, srcdir)
    known = _load_cache(cache)
    seen: dict[str, tuple[tuple[object, ...], Post]] = {}
    for path in _markdown_files(srcdir / config.posts_dir, catalog):
        relpath = path.relative_to(srcdir).as_posix()
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size, config.fix_mojibake)
        hit = known.get(relpath)
        if hit is not None and hit[0] == key:
            post = hit[1]
        else:
            post = read_post(
                path, relpath.removesuffix(".md"), relpath, fix_mojibake=config.fix_mojibake
            )
            post = _with_hand_written_tags(post)
        seen[relpath] = (key, post)
        if post.draft and not config.include_drafts:
            catalog.drafts.append(post)
        else:
            catalog.posts[post.docname] = post
    changed = seen.keys() != known.keys() or any(seen[k][0] != known[k][0] for k in seen)
    if cache is not None and changed:
        _save_cache(cache, seen)  # before the steps below add cross-post problems to posts
    _note_duplicate_slugs(catalog)
    _gather_journeys(catalog)
    _gather_tags(catalog)
    _gather_old_addresses(catalog)
    return catalog


def _reader_version() -> str:
    """Changes whenever any code of the package changes, so a cache never outlives the code that
    made it (a few milliseconds to hash)."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha1(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _load_cache(cache: Path | None) -> dict[str, tuple[tuple[object, ...], Post]]:
    if cache is None:
        return {}
    try:
        with cache.open("rb") as stream:
            version, posts = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
        return {}
    return posts if version == _reader_version() else {}


def _save_cache(cache: Path, posts: dict[str, tuple[tuple[object, ...], Post]]) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as stream:
        pickle.dump((_reader_version(), posts), stream, protocol=pickle.HIGHEST_PROTOCOL)


def _note_duplicate_slugs(catalog: Catalog) -> None:
    """Both posts keep their pages (pages are named by file); links by slug need one owner."""
    owners: dict[str, Post] = {}
    for post in catalog.posts.values():
        owner = owners.setdefault(post.slug, post)
        catalog.slug_owners.setdefault(post.slug, post.docname)
        if owner is not post:
            where = catalog.relative(post.path)
            message = f"slug {post.slug!r} is also the slug of {catalog.relative(owner.path)}"
            post.problems.append(Problem(where, None, message, Subtype.SLUG))


def _markdown_files(folder: Path, catalog: Catalog) -> list[Path]:
    if not folder.is_dir():
        return []
    files = []
    root = folder.resolve()
    for path in sorted(folder.rglob("*.md")):
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            catalog.problems.append(
                Problem(
                    str(path),
                    None,
                    "symbolic link leads outside the posts folder; skipped",
                    Subtype.READ,
                )
            )
            continue
        if path.is_file():
            files.append(path)
    return files


def _with_hand_written_tags(post: Post) -> Post:
    """Add tags from ``{tags}`` blocks written in the body, read the way sphinx-tags reads them."""
    if "{tags}" not in post.page_text:
        return post
    try:
        extra = Entry(post.path).tags
    except (OSError, UnicodeDecodeError, ValueError):
        return post
    post.tags = tuple(dict.fromkeys((*post.tags, *(t for t in extra if t))))
    return post


def _gather_journeys(catalog: Catalog) -> None:
    folder = catalog.srcdir / catalog.config.journeys_dir
    for path in _markdown_files(folder, catalog):
        relpath = path.relative_to(catalog.srcdir).as_posix()
        description = read_post(path, relpath, relpath, fix_mojibake=catalog.config.fix_mojibake)
        slug = slugify(path.stem)
        title = (
            description.title if description.title_source != "file name" else _title_from_slug(slug)
        )
        catalog.journeys[slug] = Journey(slug, title, description)
    for post in catalog.posts.values():
        for name in post.journeys:
            slug = slugify(name)
            if slug not in catalog.journeys:
                title = name if name != slug else _title_from_slug(slug)
                catalog.journeys[slug] = Journey(slug, title)
            catalog.journeys[slug].posts.append(post)


def _title_from_slug(slug: str) -> str:
    return " ".join(word.capitalize() for word in slug.split("-"))


def _gather_tags(catalog: Catalog) -> None:
    for post in newest_first(list(catalog.posts.values())):
        for name in post.tags:
            tag = catalog.tags.setdefault(name_key(name), Tag(name_key(name)))
            tag.variants[name] += 1
            if post not in tag.posts:
                tag.posts.append(post)
    slugs = unique_slugs(sorted(catalog.tags))
    for key, tag in catalog.tags.items():
        # The spelling most posts use names the tag; ties go to the newest post's spelling.
        tag.name = max(tag.variants, key=lambda v: tag.variants[v])
        tag.slug = slugs[key]


def _gather_old_addresses(catalog: Catalog) -> None:
    """The old blog's addresses of posts, journeys and tags: for links and redirect pages."""
    config = catalog.config
    claims: list[tuple[str, str, Post | None, bool]] = []  # (address, docname, post, explicit)
    for post in catalog.posts.values():
        for address in (post.permalink, *post.aliases):
            if address:
                claims.append((address, post.docname, post, True))
        for pattern in config.old_post_urls:
            if post.date is None and any(f"{{{k}}}" in pattern for k in ("year", "month", "day")):
                continue
            day = post.date.local if post.date else None
            address = pattern.format(
                year=day.year if day else "",
                month=f"{day.month:02d}" if day else "",
                day=f"{day.day:02d}" if day else "",
                slug=post.slug,
                stem=post.path.stem,
            )
            claims.append((address, post.docname, post, False))
    for slug in catalog.journeys:
        for pattern in config.old_journey_urls:
            claims.append(
                (pattern.format(slug=slug, name=slug), catalog.journey_docname(slug), None, False)
            )
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
        if source is None or key is None:
            if explicit and claimant:
                message = f"permalink {address!r} {reason}; no redirect is made for it"
                claimant.problems.append(Problem(where, line, message, Subtype.PERMALINK))
            continue
        owner = catalog.old_addresses.get(key)
        if owner is not None and owner != docname:
            if explicit and claimant:
                message = (
                    f"permalink {address!r} is also claimed by {claimed_by[key]}; not used here"
                )
                claimant.problems.append(
                    Problem(where, line, message, Subtype.PERMALINK, Severity.ERROR)
                )
            continue
        catalog.old_addresses[key] = docname
        claimed_by[key] = where
        catalog.redirects[source] = (docname, address, where)
