"""A post's cover on its page: the header picture its front matter names (reading/covers.py),
under the title and the post's header, before the body.

It is a picture of the doctree, so HTML, EPUB, the single page and the PDF all show it. Shown
once: a post whose body already shows that picture (many repeat it as their first image) gets
no second copy. Its alt text is the theme field's (``cover.alt``), else empty: the title is next
to it. A named picture whose file is missing shows nothing (no broken picture at the top of a
page) and is reported at its line in the front matter.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from postarchive.reading.covers import NamedPicture, existing_picture, is_web_address
from postarchive.reading.posts import Post
from postarchive.reading.problems import Problem, Subtype
from postarchive.site.domain import archive_domain
from postarchive.site.reporting import report
from postarchive.site.state import build_state

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def cover_picture(env: BuildEnvironment, post: Post, document: nodes.document) -> nodes.Node | None:
    """The post's cover to put on its page, or None (no cover named, the body shows it, or its
    file is missing: then reported)."""
    if not post.covers:
        return None
    catalog = build_state(env).catalog
    shown: tuple[NamedPicture, str] | None = None
    missing: dict[str, NamedPicture] = {}
    for picture in post.covers:
        found = existing_picture((picture.written,), post.path, catalog.srcdir)
        if found is None:
            missing.setdefault(picture.written, picture)
            absolute = _file(env, picture.written) if not is_web_address(picture.written) else None
            if absolute is not None:
                archive_domain(env).note_missing_picture(
                    env.current_document.docname, str(absolute)
                )
        elif shown is None:
            shown = picture, found
    path = catalog.relative(post.path)
    for picture in missing.values():
        message = f"cover picture not found: {picture.written} ({picture.field.name})"
        report(Problem(path, picture.line, message, Subtype.PICTURE))
    if shown is None:
        return None
    picture, uri = shown
    if _in_body(env, uri, document):
        return None
    box = nodes.container(classes=["postarchive-post-cover"])
    box += nodes.image(uri=uri, alt=picture.alt, classes=["postarchive-cover-picture"])
    return box


def _in_body(env: BuildEnvironment, uri: str, document: nodes.document) -> bool:
    """Whether the page already shows the picture at ``uri``."""
    wanted = _file(env, uri)
    for image in document.findall(nodes.image):
        written = image.get("uri", "")
        if written == uri or (wanted is not None and _file(env, written) == wanted):
            return True
    return False


def _file(env: BuildEnvironment, uri: str) -> Path | None:
    if not uri or is_web_address(uri) or _REMOTE.match(uri):
        return None
    _relative, absolute = env.relfn2path(uri, env.current_document.docname)
    try:
        return Path(absolute).resolve()
    except OSError:
        return None
