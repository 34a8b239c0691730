"""A feed with the posts' full text (RSS or Atom: Substack, Medium, most hosted blogs publish
one), and a Blogger export (Atom from Google Takeout, old and new forms), read with feedparser.

feedparser reads the whole file (exports of Blogger are a few MB); its HTML clean-up is turned
off, so embedded players and everything else the author wrote reach the converter.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import feedparser

from postarchive.importing.fromhtml import plain_text
from postarchive.importing.hosted import (
    HostedComment,
    HostedExport,
    HostedPost,
    LeftOut,
    old_path,
    post_slug,
)
from postarchive.reading.problems import Problem, Subtype

_KIND = "http://schemas.google.com/g/2005#kind"
_LABELS = "http://www.blogger.com/atom/ns#"


def _parse(path: Path) -> Any:
    parsed = feedparser.parse(str(path), sanitize_html=False)
    if not parsed.entries and parsed.get("bozo"):
        raise ValueError(f"{path.name} could not be read as a feed: {parsed.bozo_exception}")
    return parsed


def _problems(path: Path, parsed: Any) -> list[Problem]:
    if not parsed.get("bozo"):
        return []
    error = parsed.bozo_exception
    line = error.getLineNumber() if hasattr(error, "getLineNumber") else None
    message = f"the file is not well-formed: {error}; what could be read was imported"
    return [Problem(path.name, line, message, Subtype.IMPORT)]


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed) if parsed else None


def _html(entry: Any) -> tuple[str, bool]:
    """The entry's full text, or its summary (and False) when the feed gives no more."""
    contents = entry.get("content") or []
    html = next((c.value for c in contents if "html" in (c.get("type") or "")), None)
    if html is None and contents:
        html = contents[0].value
    if html is not None:
        return html, True
    return entry.get("summary", ""), False


def _post(entry: Any, key: str, site: str | None, source: str, *, page: bool = False) -> HostedPost:
    title = plain_text(entry.get("title", ""))
    link = entry.get("link", "")
    path = old_path(link, site) if link else None
    stem = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") if path else ""
    slug = post_slug(stem, title, fallback="post")
    html, full = _html(entry)
    post = HostedPost(key=key, line=None, page=page, title=title or slug, html=html, slug=slug)
    post.date = _date(entry)
    post.permalink = path
    authors = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
    post.authors = list(dict.fromkeys(authors))
    summary = plain_text(entry.get("summary") or "")
    # A summary of its own, not the blog's cut of the text ("As people may know, I [...]").
    cut = _letters(summary.removesuffix("[…]").removesuffix("[...]"))
    if entry.get("content") and cut and not _letters(plain_text(html)).startswith(cut):
        post.description = summary
    if not full:
        message = f"the feed gives only a summary of {post.title!r}; that is imported"
        post.problems.append(Problem(source, None, message, Subtype.IMPORT))
    return post


def _letters(text: str) -> str:
    """Only the letters and digits: the same text however its markup was spaced."""
    return re.sub(r"\W+", "", text)


def read_feed(path: Path) -> HostedExport:
    parsed = _parse(path)
    site = parsed.feed.get("link") or None

    def read(step: Callable[[], None]) -> Iterator[HostedPost]:
        for entry in parsed.entries:
            ident = entry.get("id") or entry.get("link") or entry.get("title", "")
            post = _post(entry, f"feed:{site or path.name}:{ident}", site, path.name)
            post.tags = [t.term for t in entry.get("tags", []) if t.get("term")]
            yield post
            step()

    return HostedExport(
        "feed", path, site, len(parsed.entries), read, problems=_problems(path, parsed)
    )


# -- Blogger ---------------------------------------------------------------------------------------


def _blogger_kind(entry: Any) -> str:
    """post, page, comment, settings, template... in either form of the export."""
    kind = entry.get("blogger_type")
    if kind:
        return str(kind).lower()
    for tag in entry.get("tags", []):
        if tag.get("scheme") == _KIND:
            return str(tag.get("term", "")).rsplit("#", 1)[-1]
    return "post"


def _blogger_status(entry: Any) -> str:
    status = str(entry.get("blogger_status") or "").lower()
    if status:
        return "published" if status == "live" else status
    return "draft" if str(entry.get("app_draft", "")).lower() == "yes" else "published"


def read_blogger(path: Path, *, comments: bool = True) -> HostedExport:
    parsed = _parse(path)
    site = next(
        (link.href for link in parsed.feed.get("links", []) if link.get("rel") == "alternate"),
        None,
    )
    replies: dict[str, list[HostedComment]] = {}
    for entry in parsed.entries if comments else []:
        if _blogger_kind(entry) != "comment" or _blogger_status(entry) != "published":
            continue
        reply_to = entry.get("thr_in-reply-to") or {}
        post_id = entry.get("blogger_parent") or reply_to.get("ref", "")
        author = next((a.get("name") for a in entry.get("authors", []) if a.get("name")), "")
        replies.setdefault(post_id, []).append(
            HostedComment(
                id=entry.get("id", ""),
                parent="",
                author=plain_text(author) or "Anonymous",
                date=(_date(entry) or "")[:16].replace("T", " "),
                html=_html(entry)[0],
            )
        )

    def read(step: Callable[[], None]) -> Iterator[HostedPost]:
        for entry in parsed.entries:
            kind = _blogger_kind(entry)
            if kind not in ("post", "page"):
                step()
                continue  # comments (above), the blog's settings and templates
            title = plain_text(entry.get("title", "")) or "(no title)"
            status = _blogger_status(entry)
            if status != "published":
                export.left_out.append(LeftOut(title, status, None))
                step()
                continue
            entry_id = entry.get("id", "")
            filename = entry.get("blogger_filename")
            if filename and not entry.get("link", "").startswith("http"):
                entry["link"] = (site or "").rstrip("/") + filename
            post = _post(entry, f"blogger:{entry_id}", site, path.name, page=kind == "page")
            post.tags = [
                t.term for t in entry.get("tags", []) if t.get("scheme") != _KIND and t.get("term")
            ]
            post.comments = replies.get(entry_id, [])
            yield post
            step()

    export = HostedExport(
        "blogger", path, site, len(parsed.entries), read, problems=_problems(path, parsed)
    )
    return export
