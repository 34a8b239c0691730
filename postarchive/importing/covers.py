"""The pictures a post's front matter names as its header picture (its cover, teaser, thumbnail:
the fields of ``reading/covers.py``) copied into the archive as its body images are, and the
fields pointed at the copies, so the archive's post page and listings show them.

A field names a picture the way the blog's theme reads it: a path next to the post (a page
bundle), a path from the site's root or static folder (``/images/x.png``, or ``assets/x.jpg``,
which Jekyll themes give to ``relative_url``), an address on the old site, or a bare name the
theme completes (Pelican's bengal: ``Image: python-mocks`` is ``/images/python-mocks.jpg``;
an Eleventy theme: ``featuredImage: dog.jpg`` is ``/assets/images/featured/dog.jpg``). A bare
name is looked for among the site's pictures by name, a path not found where the import knows
the site's files come from by its end; a picture found nowhere is kept as written and reported
at its line. Other web addresses are left to ``remote.py``.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property
from pathlib import Path, PurePosixPath

from postarchive.importing.readers import SourcePost
from postarchive.importing.remote import is_remote
from postarchive.importing.sites import Site
from postarchive.reading.covers import (
    PICTURE_SUFFIXES,
    NamedPicture,
    named_pictures,
    rename_pictures,
    with_lines,
)
from postarchive.reading.problems import Problem, Subtype

# Pelican's own prefixes for files of its content folder.
_PELICAN_PREFIX = re.compile(r"^\{(?:static|filename|attach)\}")
# Folders of a source tree that are no part of the site: tools, builds, version control.
_NOT_THE_SITE = {"node_modules", "_site", "public", "output", "resources", "vendor", "_build"}
_IMAGE_FOLDER = re.compile(r"^(?:images?|img|imgs|pictures|photos|media|assets|featured)$", re.I)


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.is_file() and path.resolve().is_relative_to(root)
    except OSError:
        return False


class SitePictures:
    """Every picture file of a site's source tree by its name and by its stem, gathered the first
    time a bare name is looked for (most blogs never need it)."""

    def __init__(self, site: Site) -> None:
        self.site = site

    @cached_property
    def _by_name(self) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = defaultdict(list)
        root = self.site.root.resolve()
        for folder, folders, files in os.walk(self.site.root):
            folders[:] = sorted(
                f for f in folders if not f.startswith(".") and f not in _NOT_THE_SITE
            )
            for name in files:
                path = Path(folder) / name
                # A link out of the source tree, or to nothing, is no picture of the site.
                if path.suffix.lower() in PICTURE_SUFFIXES and _inside(path, root):
                    found[name.lower()].append(path)
                    found[path.stem.lower()].append(path)
        return found

    def named(self, written: str) -> Path | None:
        """The site's picture a theme means by ``written``: a bare name (``python-mocks``,
        ``dog.jpg``) is the picture of that name or stem anywhere in the site; a path
        (``/img/x/header.jpg``) is a picture whose path ends so, under whatever folder the site
        serves it from. Pictures in the site's static and content folders first, then those in
        image folders. None when two different pictures are as likely (every page bundle has
        its own ``cover.jpg``): a wrong picture is worse than none."""
        path = PurePosixPath(written.split("?", 1)[0].split("#", 1)[0])
        if not path.name:
            return None
        candidates = self._by_name.get(path.name.lower(), [])
        if len(path.parts) > 1:
            tail = "/" + path.as_posix().lstrip("/").lower()
            candidates = [c for c in candidates if c.as_posix().lower().endswith(tail)]
        served = [*self.site.static_roots, self.site.content]

        def rank(path: Path) -> tuple[bool, bool]:
            in_image_folder = any(_IMAGE_FOLDER.match(part) for part in path.parent.parts)
            in_site = any(path.is_relative_to(folder) for folder in served)
            return (not in_site, not in_image_folder)

        candidates = sorted(candidates, key=rank)
        if not candidates:
            return None
        best = [path for path in candidates if rank(path) == rank(candidates[0])]
        if len(best) > 1 and len({path.read_bytes() for path in best}) > 1:
            return None
        return best[0]


def bring_cover_pictures(
    post: SourcePost,
    pictures: SitePictures,
    bring: Callable[[str, str], str | None],
) -> list[Problem]:
    """Copy the pictures ``post``'s front matter names into the archive, pointing its fields at
    the copies. ``bring(address, rel)`` copies the file an address names as the post's body
    would (the path to write, the address itself for another site's picture, or None: not found).
    The problems: each picture found nowhere, once, at its line."""
    problems: list[Problem] = []
    lines = _front_matter_lines(post)
    missing: set[str] = set()

    def copied(picture: NamedPicture) -> str | None:
        written = picture.written
        if is_remote(written):
            # The old site's own picture: its file in the source, if there.
            brought = bring(written, post.rel)
            return brought if brought != written else None
        found = _find(written, post, pictures, bring)
        if found is None and written not in missing:
            missing.add(written)
            (placed,) = with_lines([picture], lines)
            message = (
                f"{picture.field.name} names the picture {written!r}, which is not in the "
                "source; kept as written"
            )
            problems.append(Problem(post.rel, placed.line, message, Subtype.IMPORT))
        return found

    if any(named_pictures(post.fields)):
        rename_pictures(post.fields, copied)
    return problems


def _find(
    written: str, post: SourcePost, pictures: SitePictures, bring: Callable[[str, str], str | None]
) -> str | None:
    """The archive path of the picture ``written`` names, copied; None when not in the source."""
    if _PELICAN_PREFIX.match(written):
        return bring("pelican:" + _PELICAN_PREFIX.sub("", written), post.rel)
    tries = [written]
    if not written.startswith("/"):
        tries.append("/" + written)  # from the site's root, as Jekyll's relative_url reads it
    for address in tries:
        brought = bring(address, post.rel)
        if brought:
            return brought
    # A bare name the theme completes, or a path from a folder the site is served from that
    # the import does not know (a Makefile copying static/ to the site's root).
    found = pictures.named(written)
    if found is None:
        return None
    return bring(Path(os.path.relpath(found, post.path.parent)).as_posix(), post.rel)


def _front_matter_lines(post: SourcePost) -> list[str]:
    """The lines of the post's file before its body, where its fields are written."""
    try:
        text = post.path.read_text(encoding=post.encoding, errors="replace")
    except (OSError, LookupError):
        return []
    return text.split("\n")[: max(post.body_line - 1, 0)]
