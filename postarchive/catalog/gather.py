"""Gathering the catalog: every post file read (or taken from the cache when unchanged), then
grouped into journeys and tags, with the old addresses of posts, journeys and tags.

Never raises on bad content: every problem is kept with the post or the catalog.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path

from sphinx_tags import Entry

from postarchive import __version__
from postarchive.catalog.addresses import gather_old_addresses, told_apart
from postarchive.catalog.model import Author, Catalog, Journey, Tag, newest_first
from postarchive.config import ArchiveConfig
from postarchive.reading.posts import Post, distinct_tags, read_post
from postarchive.reading.problems import Problem, Subtype
from postarchive.reading.slugs import name_key, slugify, unique_slugs

# Per post file: (modification time, size, fix_mojibake) when it was read, and the post read,
# pickled on its own: a rebuild after one edit pickles that post again, not every post.
_Cached = dict[str, tuple[tuple[object, ...], bytes]]
_UNPICKLING_ERRORS = (
    OSError,
    pickle.UnpicklingError,
    EOFError,
    ValueError,
    AttributeError,
    ImportError,
    TypeError,
)


def build_catalog(
    srcdir: Path,
    config: ArchiveConfig,
    cache: Path | None = None,
    *,
    default_authors: tuple[str, ...] = (),
) -> Catalog:
    """Read every post and journey description under ``srcdir``. Never raises on bad content.
    ``default_authors`` wrote the posts that name no author.

    With ``cache`` (a file beside Sphinx's environment), a post whose file has not changed since
    the last build is not read again: an unchanged archive of thousands of posts starts at once.
    """
    catalog = Catalog(config, srcdir, default_authors=default_authors)
    known = _load_cache(cache)
    seen: dict[str, tuple[tuple[object, ...], bytes | Post]] = {}
    for path in _markdown_files(srcdir / config.posts_dir, catalog):
        relpath = path.relative_to(srcdir).as_posix()
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size, config.fix_mojibake)
        hit = known.get(relpath)
        post = _cached_post(hit[1]) if hit is not None and hit[0] == key else None
        if hit is not None and post is not None:
            seen[relpath] = (key, hit[1])
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
    # Posts read now (new, changed, or not readable from the cache) or gone: save again.
    changed = seen.keys() != known.keys() or any(isinstance(p, Post) for _, p in seen.values())
    if cache is not None and changed:
        _save_cache(cache, seen)  # before the steps below add cross-post problems to posts
    _note_duplicate_slugs(catalog)
    _gather_journeys(catalog)
    _gather_tags(catalog)
    _gather_authors(catalog)
    _gather_site_pages(catalog)
    gather_old_addresses(catalog)
    return catalog


@functools.cache  # once a process: asked when the cache is loaded and again when it is saved
def _reader_version() -> str:
    """Changes whenever any code of the package changes, so a cache never outlives the code that
    made it (a few milliseconds to hash)."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha1(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _load_cache(cache: Path | None) -> _Cached:
    if cache is None:
        return {}
    try:
        with cache.open("rb") as stream:
            version, posts = pickle.load(stream)
    except _UNPICKLING_ERRORS:
        return {}
    return posts if version == _reader_version() else {}


def _cached_post(pickled: bytes) -> Post | None:
    try:
        post = pickle.loads(pickled)
    except _UNPICKLING_ERRORS:
        return None
    return post if isinstance(post, Post) else None


def _save_cache(cache: Path, posts: dict[str, tuple[tuple[object, ...], bytes | Post]]) -> None:
    pickled: _Cached = {
        relpath: (key, post if isinstance(post, bytes) else _pickled(post))
        for relpath, (key, post) in posts.items()
    }
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as stream:
        pickle.dump((_reader_version(), pickled), stream, protocol=pickle.HIGHEST_PROTOCOL)


def _pickled(post: Post) -> bytes:
    return pickle.dumps(post, protocol=pickle.HIGHEST_PROTOCOL)


def _note_duplicate_slugs(catalog: Catalog) -> None:
    """Both posts keep their pages (pages are named by file); links by slug need one owner,
    the first. Posts the old blog had at addresses of their own are no defect: no warning."""
    earlier: dict[str, list[Post]] = {}
    for post in catalog.posts.values():
        catalog.slug_owners.setdefault(post.slug, post.docname)
        same = earlier.setdefault(post.slug, [])
        patterns = catalog.config.old_post_urls
        clash = next((other for other in same if not told_apart(post, other, patterns)), None)
        same.append(post)
        if clash is not None:
            where = catalog.relative(post.path)
            message = f"slug {post.slug!r} is also the slug of {catalog.relative(clash.path)}"
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
    post.tags = distinct_tags((*post.tags, *(t for t in extra if t)))
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


def _gather_authors(catalog: Catalog) -> None:
    for post in newest_first(list(catalog.posts.values())):
        for name in catalog.authors_of(post):
            author = catalog.authors.setdefault(name_key(name), Author(name_key(name), name, ""))
            # A post naming one author twice ("Ana, ana") is listed once; posts come in order,
            # so a repeat can only be the last one listed (no scan of the whole list).
            if not author.posts or author.posts[-1] is not post:
                author.posts.append(post)
    slugs = unique_slugs(sorted(catalog.authors))
    for key, author in catalog.authors.items():
        author.slug = slugs[key]


def _gather_site_pages(catalog: Catalog) -> None:
    """The blog's own pages (About, Contact): their titles, for the home page's links to them,
    and their old addresses. A draft page is left out of the build as a draft post is."""
    config = catalog.config
    for path in _markdown_files(catalog.srcdir / config.site_pages_dir, catalog):
        relpath = path.relative_to(catalog.srcdir).as_posix()
        docname = relpath.removesuffix(".md")
        page = read_post(path, docname, relpath, fix_mojibake=config.fix_mojibake)
        if page.draft and not config.include_drafts:
            catalog.drafts.append(page)
            continue
        catalog.site_pages[docname] = page.title
        catalog.site_page_posts[docname] = page
