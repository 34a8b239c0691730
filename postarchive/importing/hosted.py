"""Posts from a hosted platform's export (WordPress, Blogger, Ghost) or a feed, in one form the
importer writes into the archive, whatever the platform was.

A platform's reader yields :class:`HostedPost` items, one at a time (an export of tens of MB is
never held whole), and notes what it left out and why.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from postarchive.reading.problems import Problem
from postarchive.reading.slugs import slugify

HOSTED_KINDS = ("wordpress", "blogger", "ghost", "feed")


@dataclass(frozen=True)
class HostedComment:
    id: str
    parent: str  # the comment it answers, or "" for one on the post itself
    author: str  # the name shown; never an e-mail address or IP
    date: str  # "2016-11-07 10:00"
    html: str


@dataclass
class HostedPost:
    key: str  # the same post in every export of the blog (its platform id)
    line: int | None  # where it is in the export, for messages (None: the export says not)
    page: bool  # a site page (About...), not a dated post
    title: str
    html: str  # the body, plain HTML (the platform's own markup already made HTML)
    slug: str
    date: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    description: str | None = None
    image: str | None = None
    permalink: str | None = None  # the old address, a path on the old blog
    aliases: list[str] = field(default_factory=list)
    # Front-matter fields kept for what the archive cannot serve (``wordpress_id: 12``: the
    # old ``/?p=12`` address).
    extra: dict[str, Any] = field(default_factory=dict)
    comments: list[HostedComment] = field(default_factory=list)
    conversions: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    # Keys that earlier versions of the importer gave this post, so that a record written by
    # them still finds it.
    former_keys: tuple[str, ...] = ()

    def digest_source(self) -> bytes:
        """What the export says of this post, to tell whether a later export changed it."""
        data = asdict(self)
        for key in ("key", "former_keys", "line", "conversions", "problems"):
            data.pop(key)
        return json.dumps(data, sort_keys=True, ensure_ascii=False).encode()


def post_slug(*names: str, fallback: str) -> str:
    """The slug of the first name with a letter or digit in it (WordPress writes its slugs
    percent-encoded: ``caf%c3%a9``); ``fallback`` (made of the post's id) when none has one,
    so untitled posts keep names of their own."""
    for name in names:
        name = unquote(name)
        if any(char.isalnum() for char in name):
            return slugify(name)
    return fallback


def old_path(link: str, site: str | None) -> str | None:
    """The path of ``link`` on the old blog at ``site``, or None: a query address
    (``/?p=12``), the home page, another site."""
    parts = urlsplit(link)
    if not parts.path or parts.path == "/" or parts.query:
        return None
    if site and parts.netloc and urlsplit(site).netloc not in ("", parts.netloc):
        return None
    # "https://blog.example//greek/" (seen in an export): a path, not "//host/..."
    return re.sub(r"/{2,}", "/", parts.path)


@dataclass(frozen=True)
class LeftOut:
    title: str
    why: str  # "draft", "private", "trash"...
    line: int | None


@dataclass
class HostedExport:
    kind: str
    path: Path
    site: str | None  # the old blog's address, from the export
    items: int  # what the progress bar counts
    # Read as they are iterated; ``step`` is called for every item of the export.
    read: Callable[[Callable[[], None]], Iterator[HostedPost]]
    left_out: list[LeftOut] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    other_types: Counter[str] = field(default_factory=Counter)  # items neither posts nor pages


def export_kind(path: Path) -> str | None:
    """What kind of export ``path`` is, from its first bytes; None when none."""
    try:
        with path.open("rb") as file:
            head = file.read(64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith(("{", "[")):
        return "ghost" if '"db"' in head or '"posts"' in head else None
    if not start.startswith("<"):
        return None
    if "wordpress.org/export/" in head:
        return "wordpress"
    if "schemas.google.com/blogger/" in head or "<generator>Blogger</generator>" in head:
        return "blogger"
    if "<rss" in head or "<feed" in head or "<rdf:RDF" in head:
        return "feed"
    return None
