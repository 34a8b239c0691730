"""A WordPress export (WXR 1.0 to 1.2, the XML of Tools > Export), read as a stream.

The file is read twice, item by item: first for what posts refer to (attachments, authors, the
site's address), then for the posts and pages themselves. A malformed file is read on past its
errors (lxml's recovering parser); each error is reported with its line and the item it is in,
and every item that could be read is imported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from postarchive.importing.fromhtml import plain_text
from postarchive.importing.hosted import (
    HostedComment,
    HostedExport,
    HostedPost,
    LeftOut,
    old_path,
    post_slug,
)
from postarchive.importing.shortcodes import Attachment, Markup, wordpress_html
from postarchive.reading.problems import Problem, Subtype

_SHOWN = {"publish"}  # "future" posts were never shown either
# Items that hold no writing of the author's: media, menus, forms' and blocks' settings.
_NOT_WRITING = {"attachment", "nav_menu_item", "custom_css", "customize_changeset",
                "oembed_cache", "user_request", "wpcf7_contact_form"}  # fmt: skip
_ERRORS_SHOWN = 20


def _name(element: etree._Element) -> str:
    """``wp:post_id`` for any of the namespaces WordPress versions used (http or https, 1.0 to
    1.2), ``content:encoded`` and ``excerpt:encoded`` told apart."""
    qname = etree.QName(element)
    namespace = qname.namespace or ""
    if "wordpress.org/export" in namespace:
        prefix = "excerpt" if namespace.rstrip("/").endswith("excerpt") else "wp"
    elif "purl.org/rss/1.0/modules/content" in namespace:
        prefix = "content"
    elif "purl.org/dc/elements" in namespace:
        prefix = "dc"
    else:
        return qname.localname
    return f"{prefix}:{qname.localname}"


def _items(path: Path, errors: list[etree._LogEntry] | None = None) -> Iterator[etree._Element]:
    """Every ``<item>`` and the channel's own elements, as they end, then freed."""
    parser = etree.iterparse(
        str(path),
        events=("end",),
        recover=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
    )
    for _event, element in parser:
        parent = element.getparent()
        # An item is taken wherever it is: in a malformed file, the parser may nest it.
        if parent is None or (_name(parent) != "channel" and element.tag != "item"):
            continue
        yield element
        element.clear()
        while element.getprevious() is not None:  # what was read before: no longer needed
            del parent[0]
    if errors is not None:
        errors += [e for e in parser.error_log if e.level_name in ("ERROR", "FATAL")]


def _text(item: etree._Element, name: str) -> str:
    for child in item:
        if _name(child) == name:
            return (child.text or "").strip() if name not in _RAW else child.text or ""
    return ""


_RAW = {"content:encoded"}  # its spaces and new lines are the author's


def _meta(item: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    for child in item:
        if _name(child) == "wp:postmeta":
            key, value = _text(child, "wp:meta_key"), _text(child, "wp:meta_value")
            meta.setdefault(key, value)
    return meta


def read_wordpress(
    path: Path, *, categories_as: str = "journeys", comments: bool = True
) -> HostedExport:
    """The export at ``path``; its posts are read as the returned export's ``read`` is run."""
    rel = path.name
    authors: dict[str, str] = {}
    attachments: dict[str, Attachment] = {}
    by_parent: dict[str, list[Attachment]] = defaultdict(list)
    site = None
    count = 0
    for element in _items(path):
        name = _name(element)
        if name == "wp:author":
            login = _text(element, "wp:author_login")
            authors[login] = _text(element, "wp:author_display_name") or login
        elif name in ("wp:base_blog_url", "link") and site is None:
            site = (element.text or "").strip().rstrip("/") or None
        elif name == "item":
            count += 1
            if _text(element, "wp:post_type") == "attachment":
                attachment = _attachment(element)
                attachments[attachment.id] = attachment
                if attachment.parent not in ("", "0"):
                    by_parent[attachment.parent].append(attachment)
    for siblings in by_parent.values():
        siblings.sort(key=lambda a: (a.order, int(a.id) if a.id.isdigit() else 0))

    def read(step: Callable[[], None]) -> Iterator[HostedPost]:
        errors: list[etree._LogEntry] = []
        starts: list[tuple[int, str]] = []  # (line, title) of each item, for errors
        for element in _items(path, errors):
            if _name(element) != "item":
                continue
            title = plain_text(_text(element, "title"))
            starts.append((element.sourceline or 0, title))
            post = _post(element, rel, site, authors, attachments, by_parent, export)
            if post is not None:
                post.categories, post.tags = _terms(element)
                if categories_as == "tags":
                    post.tags = list(dict.fromkeys(post.tags + post.categories))
                    post.categories = []
                if comments:
                    post.comments = _comments(element)
                yield post
            step()
        export.problems += _parse_problems(rel, errors, starts)
        for kind, count in sorted(export.other_types.items()):
            message = f"items of type {kind!r} ({count}) are not posts or pages; not imported"
            export.problems.append(Problem(rel, None, message, Subtype.IMPORT))

    export = HostedExport("wordpress", path, site, count, read)
    return export


def _attachment(item: etree._Element) -> Attachment:
    meta = _meta(item)
    order = _text(item, "wp:menu_order")
    return Attachment(
        id=_text(item, "wp:post_id"),
        url=_text(item, "wp:attachment_url") or _text(item, "guid"),
        title=plain_text(_text(item, "title")),
        caption=_text(item, "excerpt:encoded"),
        alt=plain_text(meta.get("_wp_attachment_image_alt", "")),
        parent=_text(item, "wp:post_parent"),
        order=int(order) if order.lstrip("-").isdigit() else 0,
        link=_text(item, "link"),
    )


def _post(
    item: etree._Element,
    rel: str,
    site: str | None,
    authors: dict[str, str],
    attachments: dict[str, Attachment],
    by_parent: dict[str, list[Attachment]],
    export: HostedExport,
) -> HostedPost | None:
    kind = _text(item, "wp:post_type") or "post"
    line = item.sourceline
    if kind not in ("post", "page"):
        if kind not in _NOT_WRITING and not kind.startswith("wp_"):
            export.other_types[kind] += 1  # a plugin's type (portfolio, product): said
        return None  # attachments, menu items, templates
    title = plain_text(_text(item, "title"))
    status = _text(item, "wp:status") or "publish"
    if status not in _SHOWN or _text(item, "wp:post_password"):
        why = "password-protected" if status in _SHOWN else status
        if status != "auto-draft" or title:
            export.left_out.append(LeftOut(title or "(no title)", why, line))
        return None
    post_id = _text(item, "wp:post_id")
    content_line = next((c.sourceline for c in item if _name(c) == "content:encoded"), line)
    markup = Markup(
        rel,
        content_line or line or 1,
        post_id,
        attachments,
        own_attachments=lambda: by_parent.get(post_id, []),
    )
    html = wordpress_html(_text(item, "content:encoded"), markup)
    meta = _meta(item)
    slug = post_slug(_text(item, "wp:post_name"), title, fallback=f"post-{post_id}")
    post = HostedPost(
        key=_key(_text(item, "guid"), site, post_id),
        line=line,
        page=kind == "page",
        title=title or slug,
        html=html,
        slug=slug,
        conversions=markup.conversions,
        problems=markup.problems,
        former_keys=_former_keys(site or rel, post_id),
    )
    date = _text(item, "wp:post_date")
    if date and not date.startswith("0000"):
        post.date = date.replace(" ", "T")
    creator = _text(item, "dc:creator")
    if creator:
        post.authors = [authors.get(creator, creator)]
    excerpt = plain_text(_text(item, "excerpt:encoded"))
    if excerpt:
        post.description = excerpt
    thumbnail = attachments.get(meta.get("_thumbnail_id", ""))
    if thumbnail is not None:
        post.image = thumbnail.url
    _addresses(post, item, site, post_id, kind, by_parent)
    return post


def _key(guid: str, site: str | None, post_id: str) -> str:
    """The post's key in the import record: its GUID, which WordPress keeps when a blog moves
    to another address, without its scheme (a move to https may rewrite it), and its id."""
    where = _without_scheme(guid) or _without_scheme(site or "")
    return f"wordpress:{where}#{post_id}"


def _without_scheme(address: str) -> str:
    return address.split("://", 1)[-1].rstrip("/")


def _former_keys(site: str, post_id: str) -> tuple[str, ...]:
    """The keys the first importer gave: the site's address as the export wrote it, or the
    same site over the other scheme."""
    if "://" not in site:
        return (f"wordpress:{site}:{post_id}",)
    bare = _without_scheme(site)
    return tuple(f"wordpress:{scheme}://{bare}:{post_id}" for scheme in ("https", "http"))


def _addresses(
    post: HostedPost,
    item: etree._Element,
    site: str | None,
    post_id: str,
    kind: str,
    by_parent: dict[str, list[Attachment]],
) -> None:
    """The post's old address (its ``link``, when a path), its attachments' pages as aliases;
    the ``?p=ID`` form, which a static host cannot serve, kept as ``wordpress_id``."""
    path = old_path(_text(item, "link"), site)
    if path:
        post.permalink = path
    for attachment in by_parent.get(post_id, []):
        alias = old_path(attachment.link, site)
        if alias and alias != path:
            post.aliases.append(alias)
    if post_id:
        post.extra["wordpress_id"] = int(post_id) if post_id.isdigit() else post_id
        post.extra["wordpress_address"] = f"/?{'page_id' if kind == 'page' else 'p'}={post_id}"


def _terms(item: etree._Element) -> tuple[list[str], list[str]]:
    categories, tags = [], []
    for child in item:
        if _name(child) != "category":
            continue
        name = plain_text(child.text or "")
        if not name:
            continue
        domain = child.get("domain", "category")
        if domain == "category" and name.lower() != "uncategorized":
            categories.append(name)
        elif domain == "post_tag":
            tags.append(name)
    return list(dict.fromkeys(categories)), list(dict.fromkeys(tags))


def _comments(item: etree._Element) -> list[HostedComment]:
    """Approved comments (not pingbacks' notes, spam or trash); never e-mail or IP."""
    found = []
    for child in item:
        if _name(child) != "wp:comment":
            continue
        if _text(child, "wp:comment_approved") != "1":
            continue
        if _text(child, "wp:comment_type") not in ("", "comment"):
            continue  # pingbacks and trackbacks: other sites' notes, not readers' words
        found.append(
            HostedComment(
                id=_text(child, "wp:comment_id"),
                parent=_text(child, "wp:comment_parent").lstrip("0"),
                author=plain_text(_text(child, "wp:comment_author")) or "Anonymous",
                date=_text(child, "wp:comment_date")[:16],
                html=_text(child, "wp:comment_content"),
            )
        )
    return found


def _parse_problems(
    rel: str, errors: list[etree._LogEntry], starts: list[tuple[int, str]]
) -> list[Problem]:
    """The parser's errors, each with the item it is in (the last one started before it)."""
    problems = []
    for error in errors[:_ERRORS_SHOWN]:
        within = [(line, title) for line, title in starts if line <= error.line]
        where = f" in the <item> {within[-1][1]!r} from line {within[-1][0]}" if within else ""
        message = (
            f"the export is not well-formed XML: {error.message.strip()} (column {error.column})"
            f"{where}; what could be read was imported"
        )
        problems.append(Problem(rel, error.line, message, Subtype.IMPORT))
    if len(errors) > _ERRORS_SHOWN:
        more = len(errors) - _ERRORS_SHOWN
        problems.append(Problem(rel, None, f"and {more} more XML errors", Subtype.IMPORT))
    return problems
