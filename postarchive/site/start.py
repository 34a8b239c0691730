"""The build's start: which files are Sphinx's sources, the catalog and the build's state, the
generated pages brought up to date, and drafts kept out of Sphinx's documents."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from postarchive.catalog.gather import build_catalog
from postarchive.config import ArchiveConfig
from postarchive.reading.sources import LENIENT_CODEC
from postarchive.site.domain import archive_domain
from postarchive.site.listing import plural
from postarchive.site.pages import write_pages
from postarchive.site.reporting import report
from postarchive.site.state import BuildState, build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

CATALOG_CACHE = "postarchive-catalog.pickle"
NO_AUTHOR = "Author name not set"  # Sphinx's default ``author``


def choose_sources(app: Sphinx, config: Config) -> None:
    """Journey descriptions are read into their journey's page, not as documents; the generated
    pages are documents even where a project lists its sources; old files decode leniently.
    Made from settings only, so these values are the same from build to build."""
    settings = ArchiveConfig.from_sphinx(config)
    config.exclude_patterns = [*config.exclude_patterns, f"{settings.journeys_dir.strip('/')}/**"]
    if list(config.include_patterns) != ["**"]:  # a project that lists its sources
        config.include_patterns = [
            *config.include_patterns,
            f"{settings.pages_dir.strip('/')}/**",
            f"{settings.site_pages_dir.strip('/')}/**",
        ]
    if config.source_encoding == "utf-8-sig":  # Sphinx's default: read old files leniently
        config.source_encoding = LENIENT_CODEC


def start_build(app: Sphinx) -> None:
    """Gather the catalog into the build's state, write the generated pages' stubs, and report
    what the catalog holds and every problem found in it."""
    cache = Path(app.doctreedir) / CATALOG_CACHE
    catalog = build_catalog(
        Path(app.srcdir),
        ArchiveConfig.from_sphinx(app.config),
        cache,
        default_authors=site_authors(app.config),
    )
    archive_domain(app.env).state = BuildState(catalog, app.builder)
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


def site_authors(config: Config) -> tuple[str, ...]:
    """conf.py's ``author``, who wrote the posts that name no author; Sphinx's stand-in for an
    author not set names nobody."""
    author = config.author.strip() if isinstance(config.author, str) else ""
    return (author,) if author and author != NO_AUTHOR else ()


def leave_out_drafts(
    env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> None:
    """Drafts are not documents of this build: not found, not read, and purged if they were
    documents last build (a post just made a draft).

    Sphinx has no setting or event to leave out single files between finding the sources and
    sorting them into added, changed and removed; ``exclude_patterns`` would do it, but it is an
    "env" setting, so flipping one draft would re-read every document. So the sets handed to
    ``env-get-outdated`` are corrected here, in place, as Sphinx goes on to use them.
    """
    drafts = {post.docname for post in build_state(env).catalog.drafts}
    if not drafts:
        return
    env.project.docnames.difference_update(drafts)  # the found documents
    added.difference_update(drafts)
    changed.difference_update(drafts)
    removed.update(drafts & env.all_docs.keys())


def gone_documents(env: BuildEnvironment, removed: Set[str]) -> None:
    """Remember what is gone since the last build, so its pages can be removed at the end."""
    build_state(env).removed.update(removed)
