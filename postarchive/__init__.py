"""postarchive: a Sphinx extension that makes a folder of blog posts into an archive organized by
journey, with tag indexes, a chronological archive and search."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# Bump when the data kept in the environment changes shape: old environments are then discarded.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    from postarchive.config import setup_config
    from postarchive.memory import setup_collector
    from postarchive.publishing.head import setup_sharing
    from postarchive.publishing.offline import add_offline_search
    from postarchive.publishing.pagestore import setup_rendered
    from postarchive.publishing.redirects import setup_redirects
    from postarchive.site.chronology import setup_chronology
    from postarchive.site.domain import setup_domain
    from postarchive.site.journeys import setup_journeys
    from postarchive.site.navigation import setup_navigation
    from postarchive.site.postpage import setup_post_pages
    from postarchive.site.start import setup_archive
    from postarchive.site.tags import setup_tags
    from postarchive.site.timeline import setup_timeline

    app.setup_extension("myst_parser")
    setup_config(app)
    setup_domain(app)
    setup_archive(app)
    setup_post_pages(app)
    setup_journeys(app)
    setup_tags(app)
    setup_chronology(app)
    setup_timeline(app)
    setup_navigation(app)
    setup_redirects(app)
    setup_rendered(app)
    setup_sharing(app)
    setup_collector(app)
    app.connect("builder-inited", add_offline_search)
    # At config-inited, so the setting Sphinx keeps with the environment already has the path and
    # a rebuild does not see "the configuration has changed".
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_stylesheet)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_path(app: Sphinx, config: Config) -> None:
    static = str(Path(__file__).parent / "static")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def _add_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("postarchive.css")
