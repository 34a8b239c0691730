"""A Ghost export (the JSON of Settings > Labs > Export): posts and pages with their HTML, tags
and authors. Ghost keeps a post's text as mobiledoc or lexical and renders it to ``html`` in the
export; a post without ``html`` is listed as left out rather than guessed from those."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from postarchive.importing.fromhtml import plain_text
from postarchive.importing.hosted import HostedExport, HostedPost, LeftOut
from postarchive.reading.problems import Problem, Subtype
from postarchive.reading.slugs import slugify

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
    data = _data(path)
    posts: list[dict[str, Any]] = [p for p in data["posts"] if isinstance(p, dict)]
    tags = {t.get("id"): t for t in data.get("tags", []) if isinstance(t, dict)}
    users = {u.get("id"): u for u in data.get("users", []) if isinstance(u, dict)}
    post_tags: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for link in data.get("posts_tags", []):
        tag = tags.get(link.get("tag_id"))
        if tag and tag.get("visibility", "public") == "public" and tag.get("name"):
            post_tags[link.get("post_id")].append((link.get("sort_order") or 0, tag["name"]))
    post_authors: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for link in data.get("posts_authors", []):
        user = users.get(link.get("author_id"))
        if user and user.get("name"):
            post_authors[link.get("post_id")].append((link.get("sort_order") or 0, user["name"]))
    export = HostedExport("ghost", path, site, len(posts), lambda step: iter(()))
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
                "root-relative, as the export does not say the blog's address"
            )
            export.problems.append(Problem(path.name, None, message, Subtype.IMPORT))

    export.read = read
    return export


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
        export.left_out.append(LeftOut(title or "(no title)", why, 0))
        return None
    html = record.get("html")
    if not isinstance(html, str):
        export.left_out.append(LeftOut(title or "(no title)", "no HTML in the export", 0))
        return None
    page = record.get("type") == "page" or record.get("page") in (True, 1)
    slug = slugify(str(record.get("slug") or title)) or str(record.get("id"))
    post = HostedPost(
        key=f"ghost:{record.get('uuid') or record.get('id')}",
        line=0,
        page=page,
        title=title or slug,
        html=html,
        slug=slug,
    )
    post.date = str(record.get("published_at") or record.get("created_at") or "") or None
    post.tags = [name for _order, name in sorted(post_tags.get(record.get("id"), []))]
    authors = [name for _order, name in sorted(post_authors.get(record.get("id"), []))]
    if not authors and users.get(record.get("author_id")):  # exports before Ghost 1.22
        authors = [str(users[record.get("author_id")].get("name"))]
    post.authors = authors
    excerpt = record.get("custom_excerpt") or record.get("meta_description")
    post.description = plain_text(str(excerpt)) if excerpt else None
    image = record.get("feature_image")
    post.image = str(image) if image else None
    post.permalink = f"/{slug}/"  # Ghost's default address of a post or page
    return post
