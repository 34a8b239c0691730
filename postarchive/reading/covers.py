"""A post's cover picture: the header picture its page shows, and the one a listing shows for it
(a journey's card takes its posts').

The author's choice in front matter first, in the forms blog themes read (:data:`COVER_FIELDS`,
the one table the reading, the import and the download of remote pictures share); else, for
listings, the first picture of the body that is not inside code. Only pictures that exist are
covers: a local path is checked on disk (a listing must never show a broken picture), a web
address is taken as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from postarchive.reading.legacy import CodeSpans


@dataclass(frozen=True)
class CoverField:
    """Where themes read a post's header picture in its front matter, and its alt text."""

    keys: tuple[str, ...]  # ("header", "image") is ``header: {image: ...}``
    alt: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return ".".join(self.keys)


# In the order a post's page prefers them: the large header picture first, listing-sized teasers
# and thumbnails last. Keys are matched whatever their case (Pelican lowers them, Eleventy
# writes ``featuredImage``). Seen in the corpus (corpus/RESULTS.md) and in common themes.
COVER_FIELDS: tuple[CoverField, ...] = (
    CoverField(("cover", "image"), ("cover", "alt")),  # Hugo PaperMod and others
    CoverField(("cover", "src"), ("cover", "alt")),
    CoverField(("cover",)),
    CoverField(("header", "overlay_image"), ("header", "image_description")),  # Minimal Mistakes
    CoverField(("header", "image"), ("header", "image_description")),
    CoverField(("image", "feature")),  # made-mistakes: image: {feature:, path:, thumbnail:}
    CoverField(("image", "path")),
    CoverField(("image", "src"), ("image", "alt")),
    CoverField(("image",), ("image_alt",)),  # Pelican's bengal theme: a bare name
    CoverField(("featured_image",), ("featured_image_alt",)),  # Hugo
    CoverField(("featuredimage",)),  # Eleventy (mxb): a name in the theme's featured folder
    CoverField(("headerimage",), ("headeralt",)),  # Pelican (fullstackpython)
    CoverField(("images",)),  # Hugo: the first is the page's picture
    CoverField(("header", "teaser")),
    CoverField(("image", "thumbnail")),
    CoverField(("teaser",)),
    CoverField(("thumbnail",)),
)
# The front-matter keys that hold them, which an import carries into the archive.
COVER_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys(key for field in COVER_FIELDS for key in (field.keys[0], *field.alt[:1]))
)


@dataclass(frozen=True)
class NamedPicture:
    """One picture front matter names: where, as written, and its alt text (empty: none)."""

    field: CoverField
    written: str
    alt: str = ""
    line: int | None = None  # 1-based, in the file, once placed by :func:`with_lines`


def _key(mapping: Mapping[Any, Any], key: str) -> Any:
    """``mapping``'s own spelling of ``key``, whatever its case; None when absent."""
    if key in mapping:
        return key
    return next((k for k in mapping if str(k).lower() == key), None)


def _holder(fields: Mapping[Any, Any], keys: tuple[str, ...]) -> tuple[Any, Any] | None:
    """The mapping holding the last of ``keys`` and its key there, if the path is there."""
    holder: Any = fields
    for depth, name in enumerate(keys):
        if not isinstance(holder, Mapping):
            return None
        key = _key(holder, name)
        if key is None:
            return None
        if depth == len(keys) - 1:
            return holder, key
        holder = holder[key]
    return None


def _text_at(fields: Mapping[Any, Any], keys: tuple[str, ...]) -> str:
    found = _holder(fields, keys) if keys else None
    value = found[0][found[1]] if found else None
    return " ".join(value.split()) if isinstance(value, str) else ""


def named_pictures(fields: Mapping[Any, Any]) -> Iterator[NamedPicture]:
    """Every picture the front matter names, in :data:`COVER_FIELDS` order (each of a list)."""
    for field in COVER_FIELDS:
        found = _holder(fields, field.keys)
        if found is None:
            continue
        value = found[0][found[1]]
        alt = _text_at(fields, field.alt)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                yield NamedPicture(field, item.strip(), alt)


def with_lines(
    pictures: Iterable[NamedPicture], lines: list[str], first: int = 1
) -> tuple[NamedPicture, ...]:
    """``pictures`` with the line where each is written among the front matter's ``lines``
    (numbered from ``first``), for messages."""
    placed = []
    for picture in pictures:
        holding = [n for n, text in enumerate(lines, first) if picture.written in text]
        # The line that also names its field, when one value is written under two fields.
        key = re.compile(rf"(?<![\w-]){re.escape(picture.field.keys[-1])}\s*[:=]", re.I)
        named = [n for n in holding if key.search(lines[n - first])]
        line = next(iter(named or holding), None)
        placed.append(replace(picture, line=line))
    return tuple(placed)


def rename_pictures(fields: dict[Any, Any], renamed: Callable[[NamedPicture], str | None]) -> None:
    """Each picture of ``fields`` replaced, in place, by what ``renamed`` gives for it (None:
    kept as written); nothing else of the front matter changes."""
    for field in COVER_FIELDS:
        found = _holder(fields, field.keys)
        if found is None:
            continue
        holder, key = found
        alt = _text_at(fields, field.alt)

        def new(item: object, field: CoverField = field, alt: str = alt) -> object:
            if not isinstance(item, str) or not item.strip():
                return item
            return renamed(NamedPicture(field, item.strip(), alt)) or item

        value = holder[key]
        holder[key] = [new(item) for item in value] if isinstance(value, list) else new(value)


_BODY_PICTURES = re.compile(
    r"!\[[^\]\n]*\]\(\s*<?(?P<markdown>[^)\s>]+)"  # ![alt](path "title")
    r"|^[ ]{0,3}(?:`{3,}|:{3,})\{(?:figure|image)\}[ \t]+(?P<directive>\S+)"  # ```{figure} path
    r"""|<img\b[^>]*?\bsrc=["'](?P<html>[^"']+)""",  # <img src="path">
    re.MULTILINE | re.IGNORECASE,
)
_KEPT = 4  # candidates kept per post: the first that exists is enough
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})


def _in_body(body: str) -> list[str]:
    if "![" not in body and "{figure}" not in body and "{image}" not in body and "<img" not in body:
        return []
    code = CodeSpans.of(body)
    return [
        match.group(match.lastgroup or "markdown")
        for match in _BODY_PICTURES.finditer(body)
        if not code.holds(match.start())
    ]


def pictures_named(fields: Mapping[Any, Any], body: str) -> tuple[str, ...]:
    """The post's candidate covers for listings as written, best first (read once with the
    post; whether they exist is asked at each build, by :func:`existing_picture`)."""
    given = [picture.written for picture in named_pictures(fields)]
    return tuple(dict.fromkeys([*given, *_in_body(body)]))[:_KEPT]


def is_web_address(written: str) -> bool:
    return re.match(r"https?://", written) is not None


def existing_picture(pictures: tuple[str, ...], post_path: Path, srcdir: Path) -> str | None:
    """The first of ``pictures`` that exists, as a web address, or as a path from the archive's
    folder with a leading ``/`` (how Sphinx names a picture from any page)."""
    for written in pictures:
        if is_web_address(written):
            return written
        path = written.split("#", 1)[0].split("?", 1)[0]
        if not path or ":" in path or Path(path).suffix.lower() not in PICTURE_SUFFIXES:
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
