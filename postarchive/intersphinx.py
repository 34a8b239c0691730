"""For other Sphinx projects that link into an archive.

``extensions = ["sphinx.ext.intersphinx", "postarchive.intersphinx"]`` gives them the
``postarchive`` domain's roles (``:postarchive:post:`slug```, ``:postarchive:journey:``,
``:postarchive:tag:``) without building an archive: the targets come from the archive's
``objects.inv`` through intersphinx. Std labels (``post-<slug>``, ``journey-<slug>``,
``tag-<slug>``) work with plain intersphinx too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from postarchive import __version__
from postarchive.site.domain import PostArchiveDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_domain(PostArchiveDomain)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
