"""Links the old blogs wrote, made into links inside the archive.

- Hugo ``{{< ref "x.md" >}}`` / ``{{< relref >}}``, Jekyll ``{% post_url 2016-11-06-slug %}`` and
  Pelican ``{filename}/x.md`` become links to the post's source file, which MyST resolves in every
  builder (and shows the post's title when the link has no text).
- Links to an old address of a post, journey or tag (its ``permalink``, or an address made by the
  configured patterns, root-relative or on one of the old blog's domains) become internal links too,
  so the archive read offline never sends a reader to the old site for a page it holds.

This runs on the Markdown before MyST parses it: none of these forms is Markdown MyST can parse
(the shortcodes hold spaces, so they are not even link destinations). Each line keeps its number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from posixpath import normpath
from urllib.parse import urlsplit

from postarchive.reading.problems import Problem, Subtype

# A legacy link form and the reference it names.
_SHORTCODES = [
    re.compile(r"""\{\{[<%]\s*(?:rel)?ref\s+["']?([^"'\s>%]+)["']?\s*[>%]\}\}"""),  # Hugo
    re.compile(r"""\{%\s*post_url\s+["']?([^"'\s%]+)["']?\s*%\}"""),  # Jekyll
    re.compile(r"""[{|]filename[}|]([^\s)"'>\]]+)"""),  # Pelican
]
# Markdown link destinations: inline ``](url)`` and reference definitions ``[id]: url``.
_DESTINATION = re.compile(
    r"(\]\(\s*<?)([^)\s>]+)|(^\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(?=>?(\s|$))", re.M
)


def old_path_key(url: str, domains: tuple[str, ...]) -> str | None:
    """The comparable path of a link to the old blog, or None when the link goes elsewhere.

    ``/blog/x/``, ``/blog/x/index.html`` and ``https://old.example/blog/x`` all give ``/blog/x``.
    """
    if not url or "\\" in url:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or (parts.hostname or "") not in domains:
            return None
    elif not url.startswith("/"):
        return None
    path = parts.path or "/"
    path = path.removesuffix("index.html").removesuffix("index.htm")
    return "/" + path.strip("/")


def redirect_source(permalink: str, domains: tuple[str, ...]) -> tuple[str | None, str]:
    """Where a redirect page for ``permalink`` goes, relative to the output folder, or the
    reason it may not be written: anything that could leave the output folder is refused."""
    if "\x00" in permalink or "\\" in permalink:
        return None, "holds a backslash or NUL"
    parts = urlsplit(permalink)
    if parts.scheme and re.fullmatch(r"[A-Za-z]", parts.scheme):
        return None, "is a Windows file path"
    elsewhere = parts.scheme not in ("http", "https") or (parts.hostname or "") not in domains
    if (parts.scheme or parts.netloc) and elsewhere:
        return None, "is not an address on the old blog (see postarchive_old_domains)"
    path = parts.path
    if not path.startswith("/"):
        return None, "must start with '/'"
    segments = [s for s in path.split("/") if s]
    if (
        any(s in (".", "..") for s in segments)
        or normpath(path) != path.rstrip("/")
        or not segments
    ):
        return None, "must be a plain path below the site root (no '.', '..' or '//')"
    last = segments[-1]
    if path.endswith("/") or not last.lower().endswith((".html", ".htm")):
        segments.append("index.html")
    return "/".join(segments), ""


def rewrite_links(
    text: str,
    path: str,
    find_post: Callable[[str], str | None],
    find_old: Callable[[str], str | None],
) -> tuple[str, list[Problem]]:
    """Rewrite legacy link forms in a post's Markdown; report the ones that name nothing.

    ``find_post`` maps a reference (file, stem or slug) to a docname; ``find_old`` maps a link
    destination to the docname of the page at that old address.
    """
    problems: list[Problem] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if "{" in line or "|filename|" in line:
            for pattern in _SHORTCODES:
                line = pattern.sub(partial(_shortcode, number, path, find_post, problems), line)
        if "](" in line or "]:" in line:
            line = _DESTINATION.sub(partial(_destination, find_old), line)
        lines[number - 1] = line
    return "\n".join(lines), problems


def _shortcode(
    number: int,
    path: str,
    find_post: Callable[[str], str | None],
    problems: list[Problem],
    match: re.Match[str],
) -> str:
    reference, _, anchor = match.group(1).partition("#")
    docname = find_post(reference)
    if docname is None:
        message = f"link {match.group(0)!r} names no post of the archive"
        problems.append(Problem(path, number, message, Subtype.LINK))
        return match.group(0)
    target = f"/{docname}.md" + (f"#{anchor}" if anchor else "")
    in_link = match.string[: match.start()].endswith(("](", "]( ", "](<"))
    return target if in_link else f"[]({target})"


def _destination(find_old: Callable[[str], str | None], match: re.Match[str]) -> str:
    prefix = match.group(1) or match.group(3)
    url = match.group(2) or match.group(4)
    base, _, anchor = url.partition("#")
    docname = find_old(base)
    if docname is None:
        return match.group(0)
    return prefix + f"/{docname}.md" + (f"#{anchor}" if anchor else "")
