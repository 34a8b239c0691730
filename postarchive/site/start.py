"""The build's start: read the catalog, keep drafts and journey descriptions out of Sphinx's
documents, and bring the generated pages up to date before Sphinx looks for changed files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from postarchive.catalog.model import Catalog, build_catalog
from postarchive.config import ASSETS, ArchiveConfig
from postarchive.reading.sources import LENIENT_CODEC
from postarchive.site.domain import archive_domain
from postarchive.site.listing import plural
from postarchive.site.pages import write_pages
from postarchive.site.reporting import report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def setup_archive(app: Sphinx) -> None:
    # The catalog is read at config-inited, since the drafts it finds must be excluded before the
    # environment compares its configuration; it is handed to the domain at builder-inited.
    catalogs: dict[str, Catalog] = {}

    def read_catalog(app: Sphinx, config: Config) -> None:
        cache = Path(app.doctreedir) / "postarchive-catalog.pickle"
        catalog = build_catalog(Path(app.srcdir), ArchiveConfig.from_sphinx(config), cache)
        catalogs["current"] = catalog
        hidden = [
            *(post.path.relative_to(app.srcdir).as_posix() for post in catalog.drafts),
            f"{catalog.config.journeys_dir.strip('/')}/**",
        ]
        config.exclude_patterns = [*config.exclude_patterns, *hidden]
        if list(config.include_patterns) != ["**"]:  # a project that lists its sources
            config.include_patterns = [*config.include_patterns, f"{catalog.config.pages_dir}/**"]
        if config.source_encoding == "utf-8-sig":  # Sphinx's default: read old files leniently
            config.source_encoding = LENIENT_CODEC

    def start_build(app: Sphinx) -> None:
        catalog = catalogs["current"]
        archive_domain(app.env).catalog = catalog
        write_pages(catalog)
        for problem in catalog.problems:
            report(problem)
        counts = [
            plural(len(catalog.posts), "post"),
            plural(len(catalog.journeys), "journey"),
            plural(len(catalog.tags), "tag"),
        ]
        if catalog.drafts:
            counts.append(f"{plural(len(catalog.drafts), 'draft')} left out")
        logger.info("postarchive: " + ", ".join(counts))

    removed: set[str] = set()

    def note_removed(
        app: Sphinx, env: Any, added: set[str], changed: set[str], gone: set[str]
    ) -> list[str]:
        removed.update(gone)
        return []

    def drop_removed_pages(app: Sphinx, exception: Exception | None) -> None:
        """Sphinx leaves the page of a deleted post (or a tag no post has any more) in the
        output; a reader following an old link would find it. Remove it."""
        builder = app.builder
        if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
            return
        outdir = Path(builder.outdir).resolve()
        for docname in removed - set(app.env.found_docs):
            page = Path(builder.get_outfilename(docname)).resolve()
            if page.is_relative_to(outdir) and page.is_file():
                page.unlink()

    def copy_post_assets(app: Sphinx, exception: Exception | None) -> None:
        """Images that imported posts keep inside raw HTML (a table, a gallery) are not seen by
        Sphinx; their files, in the posts' assets folder, go beside the pages that use them."""
        if exception is not None or app.builder.name != "html":
            return
        posts_dir = catalogs["current"].config.posts_dir.strip("/")
        source = Path(app.srcdir) / posts_dir / ASSETS
        if source.is_dir():
            shutil.copytree(source, Path(app.outdir) / posts_dir / ASSETS, dirs_exist_ok=True)

    app.connect("config-inited", read_catalog, priority=800)
    app.connect("build-finished", copy_post_assets)
    app.connect("builder-inited", start_build)
    app.connect("env-get-outdated", note_removed)
    app.connect("build-finished", drop_removed_pages)
