"""A post's cover picture: the one a listing shows for it (a journey's card takes its posts').

The author's choice in front matter first, in the forms blog themes read (``image``, ``cover``
or ``cover.image``, Hugo's ``images`` list, ``featured_image``); else the first picture of the
body that is not inside code. Only pictures that exist are covers: a local path is checked on
disk (a listing must never show a broken picture), a web address is taken as it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from postarchive.reading.legacy import CodeSpans

_FIELDS = ("image", "cover", "images", "featured_image", "featuredImage", "thumbnail")
_BODY_PICTURES = re.compile(
    r"!\[[^\]\n]*\]\(\s*<?(?P<markdown>[^)\s>]+)"  # ![alt](path "title")
    r"|^[ ]{0,3}(?:`{3,}|:{3,})\{(?:figure|image)\}[ \t]+(?P<directive>\S+)"  # ```{figure} path
    r"""|<img\b[^>]*?\bsrc=["'](?P<html>[^"']+)""",  # <img src="path">
    re.MULTILINE | re.IGNORECASE,
)
_KEPT = 4  # candidates kept per post: the first that exists is enough
_PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}


def _given(fields: dict[str, Any]) -> list[str]:
    """The pictures front matter names, in the order themes prefer them."""
    found = []
    for key in _FIELDS:
        value = fields.get(key)
        if isinstance(value, dict):  # PaperMod and others: cover: {image: ..., alt: ...}
            value = value.get("image") or value.get("src")
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            found.append(value.strip())
    return found


def _in_body(body: str) -> list[str]:
    if "![" not in body and "{figure}" not in body and "{image}" not in body and "<img" not in body:
        return []
    code = CodeSpans.of(body)
    return [
        match.group(match.lastgroup or "markdown")
        for match in _BODY_PICTURES.finditer(body)
        if not code.holds(match.start())
    ]


def pictures_named(fields: dict[str, Any], body: str) -> tuple[str, ...]:
    """The post's candidate covers as written, best first (read once with the post; whether
    they exist is asked at each build, by :func:`existing_picture`)."""
    return tuple(dict.fromkeys([*_given(fields), *_in_body(body)]))[:_KEPT]


def existing_picture(pictures: tuple[str, ...], post_path: Path, srcdir: Path) -> str | None:
    """The first of ``pictures`` that exists, as a web address, or as a path from the archive's
    folder with a leading ``/`` (how Sphinx names a picture from any page)."""
    for written in pictures:
        if re.match(r"https?://", written):
            return written
        path = written.split("#", 1)[0].split("?", 1)[0]
        if not path or ":" in path or Path(path).suffix.lower() not in _PICTURE_SUFFIXES:
            continue
        # "/images/x.png" is from the archive's root (or the old site's static folder, which the
        # import brings next to the posts); anything else is next to the post.
        candidates = [srcdir / path.lstrip("/")] if path.startswith("/") else []
        candidates.append(post_path.parent / path.lstrip("/"))
        for candidate in candidates:
            try:
                resolved = candidate.resolve()
                inside = resolved.relative_to(srcdir.resolve())
            except (OSError, ValueError):  # outside the archive: never shown
                continue
            if resolved.is_file():
                return "/" + inside.as_posix()
    return None
