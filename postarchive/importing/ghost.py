"""A Ghost export (the JSON of Settings > Labs > Export): posts and pages with their HTML, tags
and authors. Ghost keeps a post's text as mobiledoc or lexical and renders it to ``html`` in the
export; a post without ``html`` is listed as left out rather than guessed from those."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from postarchive.importing.fromhtml import plain_text
from postarchive.importing.hosted import HostedExport, HostedPost, LeftOut, post_slug
from postarchive.reading.problems import Problem, Subtype

# Newer exports write the site's address as this placeholder in every link and image.
GHOST_URL = "__GHOST_URL__"


def _data(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path.name} cannot be read: {error}") from None
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{path.name}:{error.lineno}: not valid JSON ({error.msg}, column {error.colno})"
        ) from None
    databases = document.get("db") if isinstance(document, dict) else None
    data = databases[0].get("data") if isinstance(databases, list) and databases else document
    if not isinstance(data, dict) or not isinstance(data.get("posts"), list):
        raise ValueError(f"{path.name} is JSON but not a Ghost export (no db[0].data.posts)")
    return data


def read_ghost(path: Path, *, site: str | None = None) -> HostedExport:
    """The export at ``path``. ``site``: the old blog's address, which a Ghost export does not
    say (its links name it ``__GHOST_URL__``)."""
    data = _data(path)
    problems: list[Problem] = []
    posts = _objects(data, "posts", path, problems)
    tags = {_ident(t.get("id")): t for t in _objects(data, "tags", path, problems)}
    users = {_ident(u.get("id")): u for u in _objects(data, "users", path, problems)}
    post_tags: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for link in _objects(data, "posts_tags", path, problems):
        tag = tags.get(_ident(link.get("tag_id")))
        if tag and tag.get("visibility", "public") == "public" and tag.get("name"):
            post_tags[_ident(link.get("post_id"))].append((_order(link), str(tag["name"])))
    post_authors: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for link in _objects(data, "posts_authors", path, problems):
        user = users.get(_ident(link.get("author_id")))
        if user and user.get("name"):
            post_authors[_ident(link.get("post_id"))].append((_order(link), str(user["name"])))
    placeholder_seen = False

    def read(step: Callable[[], None]) -> Iterator[HostedPost]:
        nonlocal placeholder_seen
        for record in posts:
            post = _post(record, post_tags, post_authors, users, export)
            if post is not None:
                if GHOST_URL in post.html or GHOST_URL in (post.image or ""):
                    placeholder_seen = True
                    base = (site or "").rstrip("/")
                    post.html = post.html.replace(GHOST_URL, base)
                    post.image = post.image.replace(GHOST_URL, base) if post.image else None
                yield post
            step()
        if placeholder_seen and not site:
            message = (
                "links and images name the old blog as __GHOST_URL__; they were made "
                "root-relative, as the export does not say the blog's address (--old-site URL "
                "gives it)"
            )
            export.problems.append(Problem(path.name, None, message, Subtype.IMPORT))

    export = HostedExport("ghost", path, site, len(posts), read, problems=problems)
    return export


def _objects(
    data: dict[str, Any], table: str, path: Path, problems: list[Problem]
) -> list[dict[str, Any]]:
    """The entries of one table of the export; a table that is not a list (``null``) and
    entries that are not objects are skipped, and said."""
    entries = data.get(table)
    if entries is None:
        return []
    if not isinstance(entries, list):
        message = f"{table} is not a list in the export ({type(entries).__name__}); skipped"
        problems.append(Problem(path.name, None, message, Subtype.IMPORT))
        return []
    found = [entry for entry in entries if isinstance(entry, dict)]
    if len(found) < len(entries):
        skipped = len(entries) - len(found)
        message = f"{skipped} entries of {table} are not JSON objects; skipped"
        problems.append(Problem(path.name, None, message, Subtype.IMPORT))
    return found


def _ident(value: object) -> str | int | None:
    """An id as a key (a damaged export may give a list or an object: it names nothing)."""
    return value if isinstance(value, str | int) else None


def _order(link: dict[str, Any]) -> int:
    order = link.get("sort_order")
    return order if isinstance(order, int) else 0


def _date(value: object) -> str | None:
    """A date as Ghost wrote it: ISO text, or (Ghost 0.x) milliseconds since 1970."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit()):
        try:
            moment = datetime.fromtimestamp(int(value) / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            return str(value)  # reported by the archive's date reading, as written
        return moment.isoformat()
    return str(value)


def _post(
    record: dict[str, Any],
    post_tags: dict[Any, list[tuple[int, str]]],
    post_authors: dict[Any, list[tuple[int, str]]],
    users: dict[Any, dict[str, Any]],
    export: HostedExport,
) -> HostedPost | None:
    title = plain_text(str(record.get("title") or ""))
    status = str(record.get("status") or "published")
    if status != "published" or record.get("visibility", "public") != "public":
        why = status if status != "published" else f"for {record.get('visibility')} members"
        export.left_out.append(LeftOut(title or "(no title)", why, None))
        return None
    html = record.get("html")
    if not isinstance(html, str):
        export.left_out.append(LeftOut(title or "(no title)", "no HTML in the export", None))
        return None
    page = record.get("type") == "page" or record.get("page") in (True, 1)
    slug = post_slug(str(record.get("slug") or ""), title, fallback=f"post-{record.get('id')}")
    post = HostedPost(
        key=f"ghost:{record.get('uuid') or record.get('id')}",
        line=None,
        page=page,
        title=title or slug,
        html=html,
        slug=slug,
    )
    post.date = _date(record.get("published_at")) or _date(record.get("created_at"))
    ident = _ident(record.get("id"))
    post.tags = [name for _order, name in sorted(post_tags.get(ident, []))]
    authors = [name for _order, name in sorted(post_authors.get(ident, []))]
    author = users.get(_ident(record.get("author_id")))
    if not authors and author and author.get("name"):  # exports before Ghost 1.22
        authors = [str(author["name"])]
    post.authors = authors
    excerpt = record.get("custom_excerpt") or record.get("meta_description")
    post.description = plain_text(str(excerpt)) if excerpt else None
    image = record.get("feature_image")
    post.image = str(image) if image else None
    post.permalink = f"/{slug}/"  # Ghost's default address of a post or page
    return post
