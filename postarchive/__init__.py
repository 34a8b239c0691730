"""postarchive: a Sphinx extension that makes a folder of blog posts into an archive organized by
journey, with tag indexes, a chronological archive and search.

The package follows a build from the post files to the outputs, one stage per folder:

- ``reading/``: a post file read leniently into a :class:`~postarchive.reading.posts.Post`
  (front matter, dates, encodings, mojibake, legacy links); no Sphinx here.
- ``catalog/``: all posts gathered into journeys, tags and years, and the typed views that pages
  show of them, with fingerprints that tell which pages to re-read.
- ``site/``: the Sphinx side: the domain and the build's state, the generated pages and the
  directives that fill them, a post's page, the sidebar.
- ``publishing/``: what leaves the build besides pages: search, feeds, texts for search
  snippets, redirects, head tags, assets.
- ``importing/``: ``postarchive import``, a Hugo, Jekyll, Eleventy or Pelican blog into posts.
- ``cli/``: the ``postarchive`` command line.

:mod:`postarchive.wiring` connects every Sphinx event, in order; ``docs/architecture.md`` maps the
flow. :mod:`postarchive.config` declares the settings, :mod:`postarchive.reading.problems` the
warnings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Bump when the data kept in the environment changes shape: old environments are then discarded.
ENV_VERSION = 4


def setup(app: Sphinx) -> dict[str, Any]:
    from postarchive.wiring import setup_archive

    setup_archive(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
