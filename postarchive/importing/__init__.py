"""``postarchive import``: a Hugo, Jekyll, Eleventy, Pelican or plain Markdown blog, brought into
the archive's ``posts/`` (and ``journeys/``), with its images, so the next build shows it all.
An export file of a hosted platform (WordPress, Blogger, Ghost) or a feed is imported by
:mod:`postarchive.importing.platforms`, which writes through the same record.

Re-importing is safe: a record of what was written (``posts/.postarchive-import.json``) keeps each
source post on one archive file, updates it when the source changed, and never overwrites a post
edited in the archive since (unless forced).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from postarchive.config import ASSETS
from postarchive.importing.anchors import Written, link_old_heading_ids
from postarchive.importing.choosing import LeftOut, choose, journey_slug
from postarchive.importing.convert import Context, convert
from postarchive.importing.covers import SitePictures, bring_cover_pictures
from postarchive.importing.escaping import markdown_text
from postarchive.importing.readers import SourcePost, old_address, read_source
from postarchive.importing.references import (
    defined_twice,
    footnotes_never_referred_to,
    links_no_browser_follows,
    links_to_nowhere,
)
from postarchive.importing.remote import (
    FetchSettings,
    ImageFetcher,
    find_remote_images,
    is_remote,
    keep_field_pictures,
    keep_images,
    picture_counts,
    point_images_at,
)
from postarchive.importing.sites import Identity, NotABlog, Site, detect
from postarchive.importing.templates import eleventy_data
from postarchive.reading.dates import DateError, parse_date
from postarchive.reading.frontmatter import read_front_matter
from postarchive.reading.legacy import MARKDOWN, PostNames, ReferenceIndex
from postarchive.reading.problems import Problem, Subtype
from postarchive.reading.slugs import slugify

__all__ = ["FetchSettings", "Identity", "ImportReport", "NotABlog", "import_blog"]

RECORD = ".postarchive-import.json"
# Beside the record: which image address became which file of the posts' remote folder.
REMOTE_CACHE = ".postarchive-remote-images.json"
REMOTE_FOLDER = "remote"  # under the posts' assets folder


@dataclass
class ImportReport:
    kind: str
    source: Path
    dry_run: bool
    actions: list[tuple[str, str, str]] = field(default_factory=list)  # (what, source, target)
    journeys: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    images: set[str] = field(default_factory=set)
    # Remote images (each address once): downloaded, already in the archive, not fetched, ...
    remote: Counter[str] = field(default_factory=Counter)
    conversions: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    # Who the blog is, from its configuration (for ``postarchive init``).
    identity: Identity = field(default_factory=Identity)
    # Posts of an export not imported: (title, why, line), e.g. drafts.
    left_out: list[tuple[str, str, int | None]] = field(default_factory=list)
    # Files of a blog's folder not imported, each with why (other languages, documentation,
    # listings the engine fills, formats other than Markdown, files the engine ignores).
    files_left_out: list[LeftOut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what to do next, in sentences

    journeys_dir: str = "journeys"
    site_pages_dir: str = "pages"

    def counts(self, *, journeys: bool = False, pages: bool = False) -> Counter[str]:
        """What happened to the posts (or, with ``journeys``, to the journey pages; with
        ``pages``, to the site pages)."""
        wanted = self.journeys_dir if journeys else self.site_pages_dir if pages else None
        return Counter(
            what for what, _source, target in self.actions if self._folder(target) == wanted
        )

    def _folder(self, target: str) -> str | None:
        for folder in (self.journeys_dir, self.site_pages_dir):
            if target.startswith(folder + "/"):
                return folder
        return None


@dataclass
class _Planned:
    post: SourcePost
    target: str  # e.g. posts/2016/2016-11-06-recap.md
    key: str  # the post's key in the import record
    is_page: bool = False  # one of the blog's own pages (About), not a post


def import_blog(
    source: Path,
    archive: Path,
    *,
    posts_dir: str = "posts",
    journeys_dir: str = "journeys",
    site_pages_dir: str = "pages",
    kind: str | None = None,
    language: str | None = None,
    categories_as: str = "journeys",
    dry_run: bool = False,
    force: bool = False,
    fix_encoding: bool = False,
    download: bool = True,
    fetch_settings: FetchSettings | None = None,
    progress: Callable[[str, int], None] = lambda description, total: None,
    step: Callable[[], None] = lambda: None,
) -> ImportReport:
    """Import the blog in ``source`` into ``archive``. ``download``: hot-linked images are
    downloaded into the archive and the posts point at the copies; without it they keep their
    addresses. ``language`` picks the language imported from a multilingual blog;
    ``categories_as`` says what its categories become ("journeys" or "tags").
    ``progress(description, total)`` and ``step()`` follow the work, for a UI."""
    site = detect(source, kind, language=language, categories_as=categories_as)
    chosen = choose(site)
    if not chosen.posts:
        raise NotABlog(_no_posts(site, chosen.left_out))
    report = ImportReport(
        site.kind, source, dry_run, identity=site.identity,
        journeys_dir=journeys_dir, site_pages_dir=site_pages_dir,
        files_left_out=chosen.left_out,
    )  # fmt: skip
    record_path = archive / posts_dir / RECORD
    record = _read_record(record_path)
    journey_files, page_files, files = chosen.journeys, chosen.pages, chosen.posts

    progress("reading", len(files) + len(page_files))
    posts: list[SourcePost] = []
    pages: list[SourcePost] = []
    for path in [*files, *page_files]:
        post = read_source(site, path, fix_encoding=fix_encoding)
        if post is None:
            rel = path.relative_to(site.root).as_posix()
            report.problems.append(
                Problem(rel, None, "not a readable text file; not imported", Subtype.IMPORT)
            )
        else:
            (pages if path in page_files else posts).append(post)
            report.problems += post.problems
        step()

    if site.kind == "pelican":
        _pelican_translations(posts, site, report)
    taken = _taken_names(record)
    planned = _plan(
        posts, lambda post: _target_name(post, posts_dir), site, record, taken, archive, report
    )
    index = _post_index(planned, site, posts_dir)
    # Each page under ``pages/<its name>.md``: ``about.md`` and ``about/index.md`` alike.
    planned_pages = _plan(
        pages,
        lambda page: f"{site_pages_dir}/{slugify(page.stem)}.md",
        site,
        record,
        taken,
        archive,
        report,
        is_page=True,
    )

    imported = {item.post.path for item in [*planned, *planned_pages]}

    # A relative link is read from the page's address on the old blog (``../other/`` of
    # ``/blog/2025/this/``), as a browser read it there, when not from its file.
    addresses = {
        item.post.rel: str(item.post.fields["permalink"])
        for item in [*planned, *planned_pages]
        if str(item.post.fields.get("permalink", "")).startswith("/")
    }

    # Addresses the posts give themselves (not made from the configuration, which may guess
    # wrong): only from those is a page left out linked on the old site.
    written = {
        item.post.rel for item in [*planned, *planned_pages] if not item.post.address_from_config
    }
    # The blog's own pages, found by their whole old address when no post is (a page's link to
    # another page): by a name alone, ``/docs/api/`` would be the About page's ``/api/``.
    page_addresses = {
        _address_key(str(address)): item.target
        for item in planned_pages
        for address in [item.post.fields.get("permalink"), *item.post.fields.get("aliases", [])]
        if str(address or "").startswith("/")
    }

    def find(reference: str, from_rel: str = "") -> str | None:
        found = index.find(reference, from_rel)
        if found is None and reference.startswith("/"):
            found = page_addresses.get(_address_key(reference))
        return found

    def find_post(reference: str, from_rel: str) -> str | None:
        if _names_a_page_left_out(site, reference, imported):
            return None
        target = find(reference, from_rel)
        if target is None and from_rel in addresses and not urlsplit(reference).scheme:
            address = urljoin(addresses[from_rel], reference)
            target = find(address)
            if target is None and site.base_url and _page_like(reference) and from_rel in written:
                return urljoin(site.base_url, address)  # a page of the old site not imported
        return "/" + target if target else None

    items = [*planned, *planned_pages]
    blog_posts = _template_posts(site, [item.post for item in planned])
    progress("converting", len(items))
    site_pictures = SitePictures(site)
    bodies: list[str] = []
    for item in items:

        def bring_asset(url: str, rel: str, item: _Planned = item) -> str | None:
            return _bring_asset(url, item, site, archive, posts_dir, report, pictures=site_pictures)

        context = Context(
            item.post.rel,
            find_post,
            bring_asset,
            lambda name: _include(site, name),
            lambda path: _code_file(site, path),
            first_line=item.post.body_line,
            old_site=site.base_url,
            params=_page_params(site, item.post),
            data=_template_data(site, item.post, blog_posts),
            old_address=lambda path: _old_page_address(site, path),
        )
        converted = convert(item.post.body, site.kind, context)
        report.problems += bring_cover_pictures(item.post, site_pictures, bring_asset)
        report.conversions += converted.conversions
        report.problems += converted.problems
        for slips in (
            defined_twice,
            footnotes_never_referred_to,
            links_to_nowhere,
            links_no_browser_follows,
        ):
            report.problems += slips(item.post.body, item.post.rel, item.post.body_line)
        if not item.is_page:
            report.tags.update(item.post.fields.get("tags", []))
            report.journeys.update(item.post.fields.get("journeys", []))
        bodies.append(converted.body)
        step()

    relinked = link_old_heading_ids(
        [
            Written(item.target, item.post.body, body, item.post.rel, item.post.body_line)
            for item, body in zip(items, bodies, strict=True)
        ]
    )
    bodies = relinked.bodies
    if relinked.changed:
        report.conversions["link to a heading by its old id"] += relinked.changed
    report.problems += relinked.problems
    if download:
        with archive_fetcher(archive, posts_dir, fetch_settings, dry_run=dry_run) as fetcher:
            bodies = _keep_remote_images(
                items, bodies, fetcher, site, archive, posts_dir, report, progress, step
            )
            _keep_cover_pictures(items, fetcher, archive, report)
    else:
        report.remote["kept as links"] = len(
            {image.url for body in bodies for image in find_remote_images(body)}
        )
        bodies = [point_images_at(body) for body in bodies]  # //host/x.png made https
    for item, body in zip(items, bodies, strict=True):
        body = body.lstrip("\n")
        if item.is_page:
            body = _with_title(body, item.post.title or item.post.stem)
        text = _front_matter(item.post.fields) + body
        _write(archive, item.target, text, item.post, item.key, record, report, force)

    for path in sorted(journey_files):
        _import_journey(path, site, archive, journeys_dir, record, report, force, fix_encoding)
    described = {journey_slug(path) for path in journey_files}
    for item in items:
        _import_series_description(
            item, site, archive, journeys_dir, described, record, report, force
        )
    report.problems = _placed_in_conversions(report.problems, items)
    if not dry_run:
        record_path.parent.mkdir(parents=True, exist_ok=True)
        record_path.write_text(
            json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    return report


def _placed_in_conversions(problems: list[Problem], items: list[_Planned]) -> list[Problem]:
    """A post written in another format (HTML, reStructuredText, Mau) is imported as Markdown
    made from it: what the conversion finds is at a line of that Markdown, which is no line of
    the source file (nor of the post written, which the conversion changes further). Such a
    problem names the post written instead, and no line; what the format's reader found
    (before the conversion) keeps its line."""
    converted = {item.post.rel: item for item in items if item.post.converted_from}
    read = {id(problem) for item in converted.values() for problem in item.post.problems}
    placed = []
    for problem in problems:
        item = converted.get(problem.path)
        if item is None or problem.line is None or id(problem) in read:
            placed.append(problem)
            continue
        where = f"in {item.target}, made from its {item.post.converted_from}"
        placed.append(replace(problem, line=None, message=f"{problem.message} ({where})"))
    return placed


def _no_posts(site: Site, left_out: list[LeftOut]) -> str:
    """Why an import found no posts, with the first files it left out."""
    places = ", ".join(
        str(p.relative_to(site.root)) or "." for p in site.post_folders or [site.content]
    )
    where = ", ".join(site.post_globs) or places
    message = f"{site.root} holds no Markdown posts of a {site.kind} blog (looked in {where})"
    if left_out:
        shown = "; ".join(f"{item.rel}: {item.why}" for item in left_out[:3])
        message += f"; {len(left_out)} files left out, e.g. {shown}"
    return message


# -- Where each post goes ------------------------------------------------------------------------


def _pelican_translations(posts: list[SourcePost], site: Site, report: ImportReport) -> None:
    """Pelican keeps a translation under its original's slug; here it gets ``<slug>-<lang>``,
    so both are imported and neither is taken for a duplicate."""
    by_slug: dict[str, list[SourcePost]] = defaultdict(list)
    for post in posts:
        by_slug[_slug(post)].append(post)
    for slug, group in by_slug.items():
        if len(group) < 2:
            continue
        original = _original(group, site)
        for post in group:
            if post is original or not _is_translation(post, site):
                continue  # a duplicate, not a translation: named apart when planned
            lang = str(post.fields.get("lang") or site.default_lang)
            if post.address_from_config:  # Pelican's ARTICLE_LANG_URL, with the shared slug
                post.fields["permalink"] = old_address(
                    site, post.path, post.fields, translation=True
                )
            post.fields["slug"] = f"{slug}-{lang}"
            message = f"the {lang} translation of {original.rel}; imported as slug {slug}-{lang}"
            report.problems.append(Problem(post.rel, None, message, Subtype.IMPORT))


def _original(group: list[SourcePost], site: Site) -> SourcePost:
    """The original among articles sharing a slug: one not marked as a translation, in the
    site's language if there is one."""
    unmarked = [p for p in group if not p.translation] or group
    return next((p for p in unmarked if not _is_translation(p, site)), unmarked[0])


def _is_translation(post: SourcePost, site: Site) -> bool:
    return post.translation or post.fields.get("lang", site.default_lang) != site.default_lang


def _slug(post: SourcePost) -> str:
    return slugify(str(post.fields.get("slug") or post.title or post.stem))


def _taken_names(record: dict) -> set[str]:
    """The archive files the import record gives to posts already imported."""
    return {entry["target"] for entry in record["posts"].values()}


def free_name(base: str, taken: set[str], archive: Path) -> str:
    """``<base>.md``, or ``<base>-2.md``, ``-3``... when an imported post has that name or a
    file is there already (the user's own: an import never writes over it)."""
    target, n = f"{base}.md", 1
    while target in taken or (archive / target).exists():
        n += 1
        target = f"{base}-{n}.md"
    return target


def renamed_problem(
    rel: str, line: int | None, wanted: str, target: str, claimed: dict[str, str], archive: Path
) -> Problem:
    """Why a post or page was not written at the name it would have had."""
    if wanted in claimed:
        other = f"another post ({claimed[wanted]}) has the same name"
    elif (archive / wanted).exists():
        other = f"{wanted} is already in the archive and is kept"
    else:
        other = "another post (an earlier import) has the same name"
    return Problem(rel, line, f"{other}; imported as {target}", Subtype.IMPORT)


def archive_fetcher(
    archive: Path, posts_dir: str, settings: FetchSettings | None, *, dry_run: bool
) -> ImageFetcher:
    """The fetcher of every import into ``archive``: its downloads and their cache live in the
    posts' assets folder, so a blog folder's and an export's imports share them."""
    return ImageFetcher(
        archive / posts_dir / ASSETS / REMOTE_FOLDER,
        archive / posts_dir / REMOTE_CACHE,
        settings or FetchSettings(),
        offline=dry_run,
    )


def _plan(
    sources: list[SourcePost],
    wanted_name: Callable[[SourcePost], str],
    site: Site,
    record: dict,
    taken: set[str],
    archive: Path,
    report: ImportReport,
    *,
    is_page: bool = False,
) -> list[_Planned]:
    """Each post's (or page's) file in the archive: the one the record gave it, else the name it
    wants, or the next free one (said) when another file has that name."""
    planned: list[_Planned] = []
    claimed: dict[str, str] = {}
    for source in sources:
        key = f"{site.root.resolve().name}:{source.rel}"
        known = record["posts"].get(key)
        if known:
            target = known["target"]
        else:
            wanted = wanted_name(source)
            target = free_name(wanted.removesuffix(".md"), taken, archive)
            if target != wanted:
                report.problems.append(
                    renamed_problem(source.rel, None, wanted, target, claimed, archive)
                )
        claimed[target] = source.rel
        taken.add(target)
        planned.append(_Planned(source, target, key, is_page=is_page))
    return planned


def _with_title(body: str, title: str) -> str:
    """A page's text with its title as first heading (MyST shows no front-matter title)."""
    first = next((line for line in body.split("\n") if line.strip()), "")
    if first.startswith("# "):
        return body
    return f"# {markdown_text(title)}\n\n{body}"


def _target_name(post: SourcePost, posts_dir: str) -> str:
    fields = post.fields
    slug = _slug(post)
    try:
        day = parse_date(fields["date"]).local if "date" in fields else None
    except DateError:
        day = None
    if day is None:
        return f"{posts_dir}/undated/{slug}.md"
    return f"{posts_dir}/{day.year}/{day.isoformat()}-{slug}.md"


def _post_index(planned: list[_Planned], site: Site, posts_dir: str) -> ReferenceIndex:
    """Every name another post may use for a post -> its archive file."""
    names = []
    for item in planned:
        post = item.post
        paths = [post.rel]
        if post.path.is_relative_to(site.content):
            paths.append(post.path.relative_to(site.content).as_posix())
        paths.append(item.target)  # a link already converted names the archive file: it stays
        # Its old addresses, so links to the old blog's page of the post find it too.
        addresses = [post.fields.get("permalink"), *post.fields.get("aliases", [])]
        slug = str(post.fields.get("slug") or "")
        known = tuple(str(address) for address in addresses if address)
        names.append(PostNames(item.target, tuple(paths), post.stem, slug, known))
    return ReferenceIndex(names, posts_dir)


def _address_key(address: str) -> str:
    """An address as compared: its path, decoded, without ``index.html`` or slashes at its ends."""
    path = unquote(urlsplit(address).path).removesuffix("index.html").removesuffix("index.htm")
    return "/" + path.strip("/")


def _page_like(reference: str) -> bool:
    """Whether a relative link names a page (``../conduct.html``, ``../ambassadors/``), not a
    file to bring along."""
    path = urlsplit(reference).path
    return bool(path) and not path.startswith("/") and path.endswith(("/", ".html", ".htm"))


def _names_a_page_left_out(site: Site, reference: str, imported: set[Path]) -> bool:
    """Whether a root-relative link of a Hugo or Eleventy blog names a content file left out of
    the import (``/docs/collector/``: a docs page), which the engine served at its path: then it
    is that page, not a post whose file has the same name (``blog/2021/collector/``)."""
    if site.kind not in ("hugo", "eleventy") or not reference.startswith("/"):
        return False
    name = unquote(reference).partition("#")[0].strip("/")
    if not name or any(part in ("", ".", "..") for part in name.split("/")):
        return False
    for candidate in (f"{name}.md", f"{name}/index.md", f"{name}/_index.md"):
        file = site.content / candidate
        if file.is_file():
            return file not in imported
    return False


# -- Assets --------------------------------------------------------------------------------------


def _bring_asset(
    url: str,
    item: _Planned,
    site: Site,
    archive: Path,
    posts_dir: str,
    report: ImportReport,
    only_local: bool = False,
    *,
    pictures: SitePictures | None = None,
) -> str | None:
    """Copy the file ``url`` names into the archive; the path to write in the post, or None.

    An http(s) address is given back as it is (the remote images are fetched once the posts
    are converted), unless it is on the old site and its file is in the source folder;
    ``only_local`` gives None then. A picture named from the site's root that is in none of the
    folders the engine serves is looked for by the end of its path among the site's pictures
    (``pictures``): a site's own build may copy a folder to the root (fullstackpython's
    Makefile copies ``static/`` there, and its 600 pictures were reported missing)."""
    root = site.root.resolve()
    remote = is_remote(url)
    if remote and not _on_old_site(url, site):
        return None if only_local else url
    if url.startswith("pelican:"):
        path = url.removeprefix("pelican:")
        candidates = (
            [site.content / path.lstrip("/")]
            if path.startswith("/")
            else [item.post.path.parent / path, site.content / path]
        )
    else:
        path = unquote(urlsplit(url).path)
        if not path:
            return None
        if path.startswith("/"):
            candidates = _renamed_folders(path, site) + [
                folder / path.lstrip("/") for folder in [*site.static_roots, site.content]
            ]
        else:
            candidates = [item.post.path.parent / path]
    found = next((c for c in candidates if c.is_file() and c.resolve().is_relative_to(root)), None)
    if found is None and pictures is not None and path.startswith("/") and path.count("/") > 1:
        found = pictures.named(path)  # a folder and a name: never a lone name's namesake
    if found is None or found.suffix.lower() in site.writing:
        return url if remote and not only_local else None
    # No spaces in the copy's name: MyST writes them %20, which names no file.
    copy = f"{posts_dir}/{ASSETS}/{found.resolve().relative_to(root).as_posix()}".replace(" ", "-")
    destination = archive / copy
    if not report.dry_run and (
        not destination.exists() or destination.read_bytes() != found.read_bytes()
    ):
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found, destination)
    report.images.add(copy)
    return posixpath.relpath(copy, posixpath.dirname(item.target))


def _keep_remote_images(
    planned: list[_Planned],
    bodies: list[str],
    fetcher: ImageFetcher,
    site: Site,
    archive: Path,
    posts_dir: str,
    report: ImportReport,
    progress: Callable[[str, int], None],
    step: Callable[[], None],
) -> list[str]:
    """The posts' texts with their hot-linked images pointed at copies in the archive: the old
    site's own images from the source folder, the others downloaded (each address once)."""

    def own_copy(post: int, url: str) -> str | None:
        if not _on_old_site(url, site):
            return None
        return _bring_asset(url, planned[post], site, archive, posts_dir, report, True)

    targets = [item.target for item in planned]
    kept = keep_images(
        bodies, targets, fetcher, archive, own_copy=own_copy, progress=progress, step=step
    )
    report.remote += kept.counts
    for missed in kept.not_fetched:
        image, post = missed.image, planned[missed.post].post
        line = _source_line(post, bodies[missed.post][image.start : image.end], image.line)
        message = f"image {image.url} not fetched: {missed.failure}; its address is kept"
        report.problems.append(Problem(post.rel, line, message, Subtype.IMPORT))
    return kept.texts


def _keep_cover_pictures(
    planned: list[_Planned], fetcher: ImageFetcher, archive: Path, report: ImportReport
) -> None:
    """The pictures posts' front matter names (``images``, ``cover``, ``image``) downloaded,
    so that listings and journey cards show them offline too."""
    pictures = []
    for item in planned:
        folder = (archive / item.target).parent
        for picture in keep_field_pictures(item.post.fields, folder, fetcher):
            pictures.append(picture)
            if picture.fetched.file is None and not fetcher.offline and picture.new:
                message = (
                    f"{picture.field} {picture.fetched.url} not fetched: "
                    f"{picture.fetched.failure}; its address is kept"
                )
                report.problems.append(Problem(item.post.rel, None, message, Subtype.IMPORT))
    report.remote += picture_counts(pictures, fetcher.offline)


def _source_line(post: SourcePost, written: str, converted_line: int) -> int:
    """The line of the source file where an address is ``written`` (conversion may have moved
    it)."""
    at = post.body.find(written)
    line = post.body.count("\n", 0, at) + 1 if at >= 0 else converted_line
    return post.body_line + line - 1


def _on_old_site(url: str, site: Site) -> bool:
    host = urlsplit(site.base_url or "").hostname
    return host is not None and urlsplit(url).hostname == host


def _renamed_folders(path: str, site: Site) -> list[Path]:
    """Where a root-relative ``path`` is under folders served at another name (Eleventy's
    ``addPassthroughCopy({ images: "_images" })``), longest prefix first."""
    return [
        site.url_folders[prefix] / path.removeprefix(prefix)
        for prefix in sorted(site.url_folders, key=len, reverse=True)
        if path.startswith(prefix)
    ]


def _include(site: Site, name: str) -> str | None:
    """An include file's text (Jekyll's and Eleventy's ``_includes``): Markdown as it is, HTML
    as a raw HTML block. Names may climb out of the folder (``../_includes/x.md``), not out of
    the source tree."""
    root = site.root.resolve()
    for folder in site.include_folders if name else []:
        path = (folder / name).resolve()
        if path.is_file() and path.is_relative_to(root):
            text = path.read_text(encoding="utf-8", errors="replace").strip("\n")
            return text if path.suffix.lower() in MARKDOWN else f"\n{text}\n"
    return None


def _page_params(site: Site, post: SourcePost) -> dict[str, object]:
    """What Hugo's ``param`` finds: the page's front matter (and its ``params`` table, Hugo's
    newer place for them) over the site's ``[params]``."""
    page = post.front_matter
    own = page.get("params")
    table = {str(k).lower(): v for k, v in own.items()} if isinstance(own, dict) else {}
    return {**site.params, **page, **table}


def _template_post(post: SourcePost) -> dict[str, object]:
    """One post as the blog's templates saw it (Jekyll's ``post.url``, Eleventy's
    ``post.url`` and ``post.data.title``)."""
    fields = {
        "date": post.fields.get("date"),
        "title": post.title or post.stem,
        "url": post.fields.get("permalink") or "",
        "fileSlug": post.stem,
    }
    return {**fields, **post.written_front_matter, "data": {**fields, **post.written_front_matter}}


def _template_posts(site: Site, posts: list[SourcePost]) -> list[dict[str, object]]:
    """The blog's posts, newest first (Jekyll's ``site.posts``), drafts apart."""
    if site.kind not in ("jekyll", "eleventy"):
        return []
    published = [post for post in posts if not post.fields.get("draft")]
    made = [_template_post(post) for post in published]
    return sorted(made, key=lambda made: str(made["date"] or ""), reverse=True)


def _template_data(
    site: Site, post: SourcePost, blog_posts: list[dict[str, object]]
) -> dict[str, object]:
    """What the blog's templates see on this page: Jekyll's ``page`` (its front matter) and
    ``site`` (its configuration and posts); Eleventy's data cascade (global data, data files,
    front matter), its ``page`` and ``collections.posts``. What the old site showed from them
    at its last build is what the archive shows."""
    written = post.written_front_matter
    page = {**_template_post(post), "path": post.rel}
    if site.kind == "jekyll":
        groups: dict[str, dict[str, list[dict[str, object]]]] = {"categories": {}, "tags": {}}
        for made in blog_posts:
            for key, one in (("categories", "category"), ("tags", "tag")):
                names = made.get(key) or made.get(one) or []
                # Jekyll reads "a b" as two names
                listed = names.split() if isinstance(names, str) else names
                for name in listed if isinstance(listed, list) else []:
                    groups[key].setdefault(str(name), []).append(made)
        return {
            "page": {**page, **written},
            "site": {**site.site_variables, "posts": blog_posts, **groups},
        }
    if site.kind == "eleventy":
        oldest_first = list(reversed(blog_posts))
        collections = {"posts": oldest_first, "post": oldest_first, "all": oldest_first}
        data = eleventy_data(post.path, site.content, site.global_data, written)
        return {"collections": collections, **data, "page": page}
    return {}


def _old_page_address(site: Site, path: str) -> str | None:
    """Where the old site served a file of its source that the archive does not have (Jekyll's
    ``{% link teach.md %}``): its ``permalink``, else Jekyll's default for a page."""
    root = site.content.resolve()
    file = (root / path.lstrip("/")).resolve()
    if site.base_url is None or not file.is_file() or not file.is_relative_to(root):
        return None
    front, _problems = read_front_matter(file.read_text("utf-8", "replace").split("\n"), path)
    address = front.fields.get("permalink")
    if not isinstance(address, str) or not address.strip():
        # Jekyll's default for a page; with ``permalink: pretty`` (posts' addresses end in
        # "/"), a folder's.
        relative = file.relative_to(root).with_suffix("").as_posix()
        pretty = site.url_patterns.get("", "").endswith("/")
        if relative == "index" or relative.endswith("/index"):
            address = "/" + relative.removesuffix("index")
        else:
            address = f"/{relative}/" if pretty else f"/{relative}.html"
    return site.base_url.rstrip("/") + "/" + address.strip().lstrip("/")


def _code_file(site: Site, path: str) -> str | None:
    """A file of Pelican's CODE_DIR (``{% include_code x.py %}``), not out of the source tree."""
    if site.code_folder is None:
        return None
    found = (site.code_folder / path).resolve()
    if not found.is_file() or not found.is_relative_to(site.root.resolve()):
        return None
    return found.read_text(encoding="utf-8", errors="replace")


# -- Writing -------------------------------------------------------------------------------------


def _front_matter(fields: dict) -> str:
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{text}---\n\n"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(
    archive: Path,
    target: str,
    text: str,
    post: SourcePost,
    key: str,
    record: dict,
    report: ImportReport,
    force: bool,
) -> None:
    data = text.encode(post.encoding, errors="replace")  # the source's own encoding, kept
    source_digest = _digest(post.path.read_bytes())
    write_once(archive, target, data, source_digest, post.rel, key, record, report, force)


def write_once(
    archive: Path,
    target: str,
    data: bytes,
    source_digest: str,
    rel: str,
    key: str,
    record: dict,
    report: ImportReport,
    force: bool,
) -> None:
    """Write ``data`` at ``target`` unless it was edited in the archive since the last import
    (then kept, unless forced) or neither it nor its source changed; noted in the record."""
    path = archive / target
    known = record["posts"].get(key)
    current = _digest(path.read_bytes()) if path.is_file() else None
    if not known and path.exists():  # planning names around it: this only guards the user's file
        message = f"{target} is already in the archive and no import wrote it; kept, not imported"
        report.problems.append(Problem(rel, None, message, Subtype.IMPORT))
        report.actions.append(("kept (not imported)", rel, target))
        return
    if known and current is not None and current != known["written"] and not force:
        message = (
            f"{target} was edited in the archive since the last import; kept (--force replaces it)"
        )
        report.problems.append(Problem(rel, None, message, Subtype.IMPORT))
        report.actions.append(("kept (edited)", rel, target))
        return
    # Unchanged only if this import writes the same (other options may write it otherwise).
    if known and current == known["written"] == _digest(data):
        report.actions.append(("unchanged", rel, target))
        return
    what = "new" if not known else "updated" if current is not None else "restored"
    report.actions.append((what, rel, target))
    if not report.dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        record["posts"][key] = {"target": target, "source": source_digest, "written": _digest(data)}


def _import_journey(
    path: Path,
    site: Site,
    archive: Path,
    journeys_dir: str,
    record: dict,
    report: ImportReport,
    force: bool,
    fix_encoding: bool,
) -> None:
    post = read_source(site, path, fix_encoding=fix_encoding)
    if post is None:
        return
    slug = journey_slug(path)
    fields = {k: v for k, v in post.fields.items() if k in ("title", "date", "description")}
    text = _front_matter(fields) + post.body.lstrip("\n")
    key = f"{site.root.resolve().name}:{post.rel}"
    _write(archive, f"{journeys_dir}/{slug}.md", text, post, key, record, report, force)
    report.journeys.add(slug)


# Fields in which a post describes its whole series (Pelican themes' ``series_info``).
SERIES_DESCRIPTIONS = ("series_info", "series_description")


def _import_series_description(
    item: _Planned,
    site: Site,
    archive: Path,
    journeys_dir: str,
    described: set[str],
    record: dict,
    report: ImportReport,
    force: bool,
) -> None:
    """A series described in one of its posts gets that text as its journey's description,
    unless the blog has a page of its own for the series (``described``)."""
    fields = item.post.front_matter
    name = fields.get("series")
    text = next((fields[key] for key in SERIES_DESCRIPTIONS if fields.get(key)), None)
    journeys = item.post.fields.get("journeys") or []
    if item.is_page or not isinstance(text, str) or name not in journeys:
        return  # (a series the engine does not make a journey is described nowhere)
    slug = slugify(str(name))
    if not slug or slug in described:
        return
    described.add(slug)
    data = _front_matter({"title": name}) + text.strip() + "\n"
    key = f"{site.root.resolve().name}:{item.post.rel}#series"
    _write(archive, f"{journeys_dir}/{slug}.md", data, item.post, key, record, report, force)
    report.journeys.add(slug)


def _read_record(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(record.get("posts"), dict):
            return record
    except (OSError, ValueError, AttributeError):
        pass
    return {"posts": {}}
