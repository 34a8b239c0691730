"""The generated pages (journeys, tags, authors, years): small stub files, one directive each.

Sphinx only reads documents that exist as files, so each generated page is a file in the pages
folder. A stub names its subject only; the directive fills the page from the catalog at read time,
and :mod:`postarchive.site.domain` re-reads it when what it shows changes. A stub is written only
when it is new or different, so an unchanged archive re-reads nothing, and the folder ignores
itself in git, so a build never dirties a working tree.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.errors import ExtensionError

from postarchive.catalog.model import Catalog

MARKER = "# Written by postarchive on every build; do not edit, do not commit.\n*\n"


def _directive(name: str, argument: str = "") -> str:
    return f"```{{{name}}} {argument}".rstrip() + "\n```\n"


def planned_pages(catalog: Catalog) -> dict[str, str]:
    """Docname -> stub text of every generated page."""
    names = catalog.names
    pages = {
        names.archive_index: _directive("postarchive-archive"),
        names.journeys_index: _directive("postarchive-journeys-page"),
        names.tags_index: _directive("postarchive-tags-page"),
    }
    for year in catalog.years:
        pages[names.year(year)] = _directive("postarchive-year", str(year or ""))
    for slug in catalog.journeys:
        pages[names.journey(slug)] = _directive("postarchive-journey", slug)
    if catalog.has_author_pages:
        pages[names.authors_index] = _directive("postarchive-authors-page")
        for author in catalog.authors.values():
            pages[names.author(author.slug)] = _directive("postarchive-author", author.slug)
    for tag in catalog.tags.values():
        pages[names.tag(tag.slug)] = _directive("postarchive-tag", tag.slug)
        for period in catalog.tag_periods(tag):
            pages[names.tag_period(tag.slug, period.first)] = _directive(
                "postarchive-tag-period", f"{tag.slug} {period.first or ''}"
            )
    return pages


def write_pages(catalog: Catalog) -> None:
    """Bring the pages folder in line with the catalog, touching only what changed."""
    folder = catalog.srcdir / catalog.config.pages_dir
    marker = folder / ".gitignore"
    if folder.exists() and any(folder.iterdir()) and not _is_ours(marker):
        raise ExtensionError(
            f"postarchive_pages_dir {catalog.config.pages_dir!r} is a folder postarchive did not "
            f"create ({folder}); choose another name so its files are not overwritten"
        )
    folder.mkdir(parents=True, exist_ok=True)
    _write_if_changed(marker, MARKER)
    wanted = {
        folder / f"{docname.removeprefix(catalog.config.pages_dir.strip('/') + '/')}.md": text
        for docname, text in planned_pages(catalog).items()
    }
    for path, text in wanted.items():
        _write_if_changed(path, text)
    for path in folder.rglob("*.md"):
        if path not in wanted:
            path.unlink()


def _is_ours(marker: Path) -> bool:
    try:
        return marker.read_text(encoding="utf-8") == MARKER
    except OSError:
        return False


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
