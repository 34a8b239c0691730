"""Which files of a blog are its posts, which are its own pages (About, Contact), and which are
left out, each with why: nothing the author wrote is skipped without saying so."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pathspec import GitIgnoreSpec
from wcmatch import glob

from postarchive.importing.htmlposts import HTML_POSTS
from postarchive.importing.sites import SKIPPED_FOLDERS, Site, markdown_files
from postarchive.reading.frontmatter import read_front_matter
from postarchive.reading.legacy import MARKDOWN
from postarchive.reading.slugs import slugify

# Files of the repository rather than of the blog (no engine publishes them as posts).
REPOSITORY_FILES = {"readme", "changelog", "license", "contributing", "code_of_conduct"}
# A section's own page in Hugo (``_index.md``) lists its pages: not a post, not a page.
_SECTION_PAGES = {"_index", "index-disabled"}
# Pages of a blog that its engine fills from the posts (listings, feeds, search).
_LISTINGS = {
    "index", "404", "feed", "atom", "rss", "sitemap", "search", "archive", "archives",
    "blog", "posts", "tags", "tag", "categories", "category", "authors", "offline",
}  # fmt: skip
_LISTING_TEMPLATE = ("site.posts", "paginator", "site.tags", "site.categories", "collections.")
# Folders of templates and data, not of writing.
_TEMPLATE_FOLDERS = {"_includes", "_data", "_layouts", "_sass", "_plugins", "layouts"}
# Posts written in a format other than Markdown, which the import cannot read: their names.
_OTHER_FORMATS = {
    ".html": "HTML", ".htm": "HTML", ".ipynb": "Jupyter notebook", ".rst": "reStructuredText",
    ".mau": "Mau", ".adoc": "AsciiDoc", ".asciidoc": "AsciiDoc", ".org": "Org",
    ".textile": "Textile", ".njk": "Nunjucks", ".liquid": "Liquid",
}  # fmt: skip


@dataclass(frozen=True)
class LeftOut:
    """A file of the blog that is not imported, and why."""

    rel: str  # relative to the source root
    why: str


@dataclass
class Selection:
    posts: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    journeys: set[Path] = field(default_factory=set)  # Hugo's term pages of journeys
    left_out: list[LeftOut] = field(default_factory=list)


def choose(site: Site) -> Selection:
    """Sort the files of the blog's content folder into posts, pages and files left out."""
    chosen = Selection(journeys=journey_files(site))
    rules = [(GitIgnoreSpec.from_lines(patterns), why) for patterns, why in site.ignore_rules]
    for path in _content_files(site):
        rel = path.relative_to(site.root).as_posix()
        name = path.stem.lower()
        if path in chosen.journeys or name in REPOSITORY_FILES:
            continue
        why = next((why for spec, why in rules if spec.match_file(rel)), None)
        why = why or next(
            (why for folder, why in site.left_out_folders.items() if path.is_relative_to(folder)),
            None,
        )
        if why is None and _is_html_post(site, path):
            why = _why_not_a_post(site, path)
            if why is None:
                chosen.posts.append(path)
                continue
        elif why is None and path.suffix.lower() not in site.writing:
            kind = _OTHER_FORMATS.get(path.suffix.lower(), path.suffix)
            if site.html_posts and path.suffix.lower() in HTML_POSTS:
                if not _named_a_post(site, path):
                    continue  # the site's templates and HTML pages, not writing
                why = f"no front matter: {site.kind.capitalize()} does not publish it as a post"
            elif _is_post_place(site, path):
                why = f"a {kind} post: only Markdown posts are imported"
            elif site.kind == "hugo":  # Hugo's content folder holds nothing but writing
                why = f"a {kind} page: only Markdown pages are imported"
            else:
                continue  # the site's templates and HTML pages, not writing
        if why is None:
            if _is_page(site, path):
                chosen.pages.append(path)
                continue
            why = _why_not_a_post(site, path)
            if why is None:
                chosen.posts.append(path)
                continue
        if why:
            chosen.left_out.append(LeftOut(rel, why))
    return chosen


def _content_files(site: Site) -> list[Path]:
    """The files under the content folder that may be writing: Markdown, and the formats of
    posts the import cannot read (listed when they are in a place of posts)."""
    root = site.root.resolve()
    found = []
    # Other languages' folders are looked through too, to list what is left out.
    others = [f for f in site.left_out_folders if not f.is_relative_to(site.content)]
    folders = [site.content, *others]
    for path in sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*")):
        parts = path.relative_to(site.root).parts[:-1]
        if any(part in SKIPPED_FOLDERS or part in _TEMPLATE_FOLDERS for part in parts):
            continue
        if any(part.startswith(".") for part in parts):
            continue
        suffix = path.suffix.lower()
        wanted = suffix in MARKDOWN or suffix in _OTHER_FORMATS
        if wanted and path.is_file() and path.resolve().is_relative_to(root):
            found.append(path)
    return found


def _is_post_place(site: Site, path: Path) -> bool:
    """Whether a file is where the blog's posts are (its post folders or collection)."""
    if site.post_globs:
        rel = path.relative_to(site.root).as_posix()
        return glob.globmatch(rel, site.post_globs, flags=glob.GLOBSTAR | glob.BRACE)
    if not any(path.is_relative_to(folder) for folder in site.post_folders):
        return bool(site.post_tags) and path.suffix.lower() in site.writing and _tagged(site, path)
    apart = [*site.page_folders, *site.post_excludes]
    return not any(path.is_relative_to(folder) for folder in apart)


def _named_a_post(site: Site, path: Path) -> bool:
    """Whether a file is in a ``_posts`` folder or the posts collection's globs."""
    return "_posts" in path.relative_to(site.root).parts or (
        bool(site.post_globs) and _is_post_place(site, path)
    )


def _is_html_post(site: Site, path: Path) -> bool:
    """Whether a file is a post written in HTML: with front matter, where the posts are, not a
    listing. Where Eleventy's posts are is not known (every folder), only those in a ``_posts``
    folder or tagged as posts are: the others are the site's templates and pages."""
    if not site.html_posts or path.suffix.lower() not in HTML_POSTS:
        return False
    if not _is_post_place(site, path) or path.stem.lower() in _LISTINGS:
        return False
    unknown = (
        site.kind == "eleventy" and not site.post_globs and site.post_folders == [site.content]
    )
    if unknown and not _named_a_post(site, path) and not _tagged(site, path):
        return False
    text = _text(path)
    if any(mark in text for mark in _LISTING_TEMPLATE):
        return False
    return read_front_matter(text.split("\n"), path.name)[0].start >= 0


def _why_not_a_post(site: Site, path: Path) -> str | None:
    """None for a post; else why the file is not imported ("" for a section's listing page,
    which Hugo makes from its pages)."""
    name = path.stem.lower()
    if name in _SECTION_PAGES:
        return ""
    if any(path.is_relative_to(folder) for folder in site.page_folders):
        return "a listing the blog's engine fills from its posts"
    if not _is_post_place(site, path):
        if not path.is_relative_to(site.content):
            return site.post_rule or "not a post"
        parts = path.relative_to(site.content).parts
        if site.kind == "jekyll" and parts[0].startswith("_"):
            return f"in the {parts[0][1:]} collection, which is neither posts nor pages"
        top_level = len(parts) == 1 or (len(parts) == 2 and name == "index")
        if (
            top_level
            and site.kind == "jekyll"
            and read_front_matter(_text(path).split("\n"), path.name)[0].start < 0
        ):
            return "no front matter: Jekyll publishes it as a file, not as a page"
        if top_level:
            return "a listing the blog's engine fills from its posts"
        return site.post_rule or "not a post"
    if site.kind == "hugo":
        bundle = _leaf_bundle(path, site.content)
        if bundle:
            return f"a page resource of {bundle.relative_to(site.root).as_posix()}"
    return None


def _is_page(site: Site, path: Path) -> bool:
    """Whether a file is one of the blog's own pages (About, Contact, projects): Hugo's content
    outside sections (``about.md``, ``about/index.md``), Jekyll's pages at the root and in
    ``_pages``, Pelican's PAGE_PATHS, Eleventy's pages outside the posts collection. Listings
    and feeds the engine fills from the posts are not."""
    if site.kind == "plain":
        return False
    in_page_folder = any(path.is_relative_to(folder) for folder in site.page_folders)
    if site.kind == "pelican":
        return in_page_folder
    if not path.is_relative_to(site.content):
        return False
    parts = path.relative_to(site.content).parts
    top_level = len(parts) == 1 or (len(parts) == 2 and path.stem == "index")
    name = parts[0].rsplit(".", 1)[0].lower() if len(parts) == 2 else path.stem.lower()
    if not (top_level or in_page_folder) or name in _LISTINGS or parts[0].startswith("."):
        return False
    if parts[0].startswith("_") and not in_page_folder:
        return False
    if site.kind == "eleventy" and site.post_globs and _is_post_place(site, path):
        return False
    if site.kind == "hugo" and _dated_top_level(site, path):
        return False  # a flat blog's post, beside no section of posts
    return _is_own_page(site, path)


def _dated_top_level(site: Site, path: Path) -> bool:
    if site.post_folders != [site.content] or path.parent != site.content:
        return False
    front, _problems = read_front_matter(_text(path).split("\n"), path.name)
    return "date" in {str(k).lower() for k in front.fields}


def _is_own_page(site: Site, path: Path) -> bool:
    """Whether a file is a page the author wrote: with front matter (Jekyll copies files
    without it as they are), not a post of Eleventy's collection, not a listing."""
    text = _text(path)
    front, _problems = read_front_matter(text.split("\n"), path.name)
    if site.kind == "jekyll" and front.start < 0:
        return False
    if site.post_tags and _tagged(site, path):
        return False
    return not any(mark in text for mark in _LISTING_TEMPLATE)


def _tagged(site: Site, path: Path) -> bool:
    """Whether a page's front matter puts it in the posts collection by its tags."""
    front, _problems = read_front_matter(_text(path).split("\n"), path.name)
    tags = front.fields.get("tags")
    tags = [tags] if isinstance(tags, str) else tags if isinstance(tags, list) else []
    return bool({str(t).lower() for t in tags} & set(site.post_tags))


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _leaf_bundle(path: Path, content: Path) -> Path | None:
    """The index of the Hugo leaf bundle (a folder with an ``index.md``) ``path`` is a page
    resource of, if it is in one and is not that index."""
    for folder in path.parents:
        if folder == content or not folder.is_relative_to(content):
            return None
        for index in (folder / f"index{ext}" for ext in MARKDOWN):
            if index.is_file() and index != path:
                return index
    return None


def journey_files(site: Site) -> set[Path]:
    """Hugo taxonomy term pages of journeys: `<folder>/<slug>.md` or `<folder>/<slug>/_index.md`."""
    found: set[Path] = set()
    for folder in site.journey_folders:
        if folder.is_dir():
            found.update(
                p for p in markdown_files(site, folder) if p.parent != folder or p.stem != "_index"
            )
    return found


def journey_slug(path: Path) -> str:
    return slugify(path.parent.name if path.stem in ("_index", "index") else path.stem)
