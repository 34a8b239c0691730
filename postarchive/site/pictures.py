"""Pictures in a post as a reader meets them.

- Alt text is the author's, else the figure's caption, else empty. Never a path: docutils writes
  the picture's address as its alt when none is given, and imported posts often carry a file
  name as alt text (``![IMG_0042.jpg](IMG_0042.jpg)``); a screen reader would read it out.
- Every picture after a page's first loads lazily: a long travel post does not fetch its fortieth
  photo before the reader scrolls to it.
- A picture whose file is missing leaves no blank gap: a visible box says so, with its alt text
  (the caption of a figure stays under it), and a warning names the post and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from postarchive.reading.problems import Subtype
from postarchive.site.domain import archive_domain
from postarchive.site.reporting import warn

# A file name or path, as imports leave in alt text; a sentence has spaces.
_PATH_LIKE = re.compile(r"^\S*\.(?:png|jpe?g|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


class PictureTransform(SphinxTransform):
    default_priority = 400  # after MyST made the figures; before Sphinx collects the images

    def apply(self, **kwargs: Any) -> None:
        for n, image in enumerate(list(self.document.findall(nodes.image))):
            if self._missing(image):
                self._show_missing(image)
                continue
            _fix_alt(image)
            if n:
                image.setdefault("loading", "lazy")

    def _missing(self, image: nodes.image) -> bool:
        uri = image.get("uri", "")
        if not uri or _REMOTE.match(uri) or "*" in uri or "?" in uri:
            return False
        _relative, absolute = self.env.relfn2path(uri, self.env.current_document.docname)
        if Path(absolute).is_file():
            return False
        archive_domain(self.env).note_missing_picture(self.env.current_document.docname, absolute)
        return True

    def _show_missing(self, image: nodes.image) -> None:
        uri = image["uri"]
        name = uri.rsplit("/", 1)[-1]
        alt = " ".join(image.get("alt", "").split())
        # The author's words for it, unless they are a path; a figure's caption stays below.
        if alt and not _PATH_LIKE.match(alt) and alt != uri:
            text = f"Picture not found: {alt}"
        else:
            text = f"Picture not found ({name})"
        box = nodes.container(classes=["postarchive-missing-picture"])
        box += nodes.paragraph(text, text)
        where = image.parent if isinstance(image.parent, nodes.reference) else image
        where.replace_self(box)
        warn(f"picture not found: {uri}", Subtype.PICTURE, image)


def _fix_alt(image: nodes.image) -> None:
    alt = " ".join(image.get("alt", "").split())
    if alt and not _PATH_LIKE.match(alt) and alt != image.get("uri"):
        image["alt"] = alt
        return
    figure = image.parent
    while isinstance(figure, nodes.reference):  # a linked picture
        figure = figure.parent
    caption = (
        next(iter(figure.findall(nodes.caption)), None)
        if isinstance(figure, nodes.figure)
        else None
    )
    image["alt"] = " ".join(caption.astext().split()) if caption is not None else ""
