"""``postarchive import EXPORT``: a hosted platform's export (WordPress, Blogger, Ghost) or a
feed, written into the archive: posts into ``posts/``, site pages into ``pages/``, each post's
approved comments as a section at its end.

As for a blog's folder, a record keeps each post on one file across imports and never
overwrites a post edited in the archive since (unless forced).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from html_to_markdown import ConversionError

from postarchive.importing import (
    RECORD,
    ImportReport,
    NotABlog,
    _digest,
    _front_matter,
    _read_record,
    _taken_names,
    archive_fetcher,
    free_name,
    renamed_problem,
    write_once,
)
from postarchive.importing.escaping import markdown_text
from postarchive.importing.feeds import read_blogger, read_feed
from postarchive.importing.fromhtml import MORE, MystText, html_to_myst, plain_text, safe_html
from postarchive.importing.ghost import read_ghost
from postarchive.importing.hosted import (
    HostedComment,
    HostedExport,
    HostedPost,
    export_kind,
)
from postarchive.importing.remote import (
    FetchSettings,
    find_remote_images,
    keep_field_pictures,
    keep_images,
    picture_counts,
    point_images_at,
)
from postarchive.importing.shortcodes import autop
from postarchive.importing.wordpress import read_wordpress
from postarchive.reading.dates import DateError, parse_date
from postarchive.reading.excerpts import excerpt
from postarchive.reading.problems import Problem, Subtype

COMMENTS_HEADING = "## Comments"
# Replies are quoted one level deeper than what they answer, down to this depth (Markdown shows
# about eight; a thread of ten is shown at this depth from here on, in date order).
_DEEPEST_REPLY = 5


def import_export(
    source: Path,
    archive: Path,
    *,
    posts_dir: str = "posts",
    journeys_dir: str = "journeys",
    site_pages_dir: str = "pages",
    kind: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    categories_as: str = "journeys",
    comments: bool = True,
    old_site: str | None = None,
    download: bool = True,
    fetch_settings: FetchSettings | None = None,
    progress: Callable[[str, int], None] = lambda description, total: None,
    step: Callable[[], None] = lambda: None,
) -> ImportReport:
    export = read_export(
        source, kind, categories_as=categories_as, comments=comments, old_site=old_site
    )
    report = ImportReport(
        export.kind, source, dry_run, journeys_dir=journeys_dir, site_pages_dir=site_pages_dir
    )
    record_path = archive / posts_dir / RECORD
    record = _read_record(record_path)
    taken = _taken_names(record)
    claimed: dict[str, str] = {}
    progress("importing", export.items)
    converted: list[_Converted] = []
    for post in export.read(step):
        known = _known(record, post)
        if known:
            target = known["target"]
        else:
            wanted = _wanted_name(post, posts_dir, site_pages_dir)
            target = free_name(wanted.removesuffix(".md"), taken, archive)
            if target != wanted:
                report.problems.append(
                    renamed_problem(source.name, post.line, wanted, target, claimed, archive)
                )
        claimed[target] = _where(source, post)
        taken.add(target)
        fields, body = _markdown(post, export.site, report)
        converted.append(_Converted(target, fields, body, _digest(post.digest_source()), post))
    bodies = [item.body for item in converted]
    if download:
        bodies = _keep_remote_images(
            converted, archive, posts_dir, dry_run, fetch_settings, report, progress, step
        )
    else:
        report.remote["kept as links"] = len(
            {image.url for body in bodies for image in find_remote_images(body)}
        )
        bodies = [point_images_at(body) for body in bodies]
    for item, body in zip(converted, bodies, strict=True):
        rel = _where(source, item.post)
        data = (_front_matter(item.fields) + body).encode("utf-8")
        write_once(
            archive, item.target, data, item.digest, rel, item.post.key, record, report, force
        )
    report.left_out = [(item.title, item.why, item.line) for item in export.left_out]
    report.problems += export.problems
    _notes(export, report)
    if not dry_run:
        record_path.parent.mkdir(parents=True, exist_ok=True)
        record_path.write_text(
            json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    return report


@dataclass(frozen=True)
class _Converted:
    target: str  # its file in the archive
    fields: dict  # its front matter
    body: str  # MyST
    digest: str  # of what the export holds of it
    post: HostedPost


def _keep_remote_images(
    converted: list[_Converted],
    archive: Path,
    posts_dir: str,
    dry_run: bool,
    settings: FetchSettings | None,
    report: ImportReport,
    progress: Callable[[str, int], None],
    step: Callable[[], None],
) -> list[str]:
    """The posts' texts with the images they show from the old blog and elsewhere downloaded
    into the archive (as a blog folder's import does), each failure reported at its post; the
    pictures their front matter names (a cover) too."""
    with archive_fetcher(archive, posts_dir, settings, dry_run=dry_run) as fetcher:
        kept = keep_images(
            [item.body for item in converted],
            [item.target for item in converted],
            fetcher,
            archive,
            progress=progress,
            step=step,
        )
        pictures = []
        for item in converted:
            folder = (archive / item.target).parent
            for picture in keep_field_pictures(item.fields, folder, fetcher):
                pictures.append(picture)
                if picture.fetched.file is None and not dry_run and picture.new:
                    message = (
                        f"{picture.field} {picture.fetched.url} not fetched: "
                        f"{picture.fetched.failure}; its address is kept"
                    )
                    report.problems.append(
                        Problem(report.source.name, item.post.line, message, Subtype.IMPORT)
                    )
    report.remote += kept.counts + picture_counts(pictures, dry_run)
    for missed in kept.not_fetched:
        post = converted[missed.post].post
        message = f"image {missed.image.url} not fetched: {missed.failure}; its address is kept"
        report.problems.append(Problem(report.source.name, post.line, message, Subtype.IMPORT))
    return kept.texts


def read_export(
    source: Path,
    kind: str | None,
    *,
    categories_as: str,
    comments: bool,
    old_site: str | None = None,
) -> HostedExport:
    """The export at ``source``. ``old_site``: the old blog's address, for an export that does
    not say it (Ghost's)."""
    kind = kind or export_kind(source)
    try:
        if kind == "wordpress":
            return read_wordpress(source, categories_as=categories_as, comments=comments)
        if kind == "blogger":
            return read_blogger(source, comments=comments)
        if kind == "ghost":
            return read_ghost(source, site=old_site)
        if kind == "feed":
            return read_feed(source)
    except ValueError as error:  # a file that is not what it was taken for
        raise NotABlog(str(error)) from None
    raise NotABlog(
        f"{source} is not a WordPress, Blogger or Ghost export, nor a feed (give --kind)"
    )


def _known(record: dict, post: HostedPost) -> dict | None:
    """What the record says of the post, under its key or one an earlier version gave it (then
    moved to its key)."""
    for key in (post.key, *post.former_keys):
        if key in record["posts"]:
            record["posts"][post.key] = record["posts"].pop(key)
            return record["posts"][post.key]
    return None


def _wanted_name(post: HostedPost, posts_dir: str, site_pages_dir: str) -> str:
    """``pages/<slug>.md`` for a page, ``posts/<year>/<date>-<slug>.md`` for a post."""
    if post.page:
        base = f"{site_pages_dir}/{post.slug}"
    else:
        try:
            day = parse_date(post.date).local if post.date else None
        except DateError:
            day = None
        base = (
            f"{posts_dir}/{day.year}/{day.isoformat()}-{post.slug}"
            if day
            else f"{posts_dir}/undated/{post.slug}"
        )
    return f"{base}.md"


def _where(source: Path, post: HostedPost) -> str:
    """The post's place in the export, for the report: ``export.xml:12``, or the file alone
    where the export says no line (JSON, feeds)."""
    return f"{source.name}:{post.line}" if post.line else source.name


def _markdown(post: HostedPost, base: str | None, report: ImportReport) -> tuple[dict, str]:
    """The post's front matter, and its body in MyST with its comments."""
    report.problems += post.problems
    try:
        converted = html_to_myst(post.html, base=base)
    except ConversionError as error:  # never lose a post to the converter: keep its HTML
        message = (
            f"{post.title!r} could not be made Markdown ({error}); its HTML is kept, without "
            "scripts, as a raw HTML block (shown in HTML builds only)"
        )
        report.problems.append(Problem(report.source.name, post.line, message, Subtype.IMPORT))
        converted = MystText(_raw_html_block(safe_html(post.html)))
    for note in converted.notes:
        message = f"{post.title!r}: {note}"
        report.problems.append(Problem(report.source.name, post.line, message, Subtype.IMPORT))
    report.conversions += post.conversions + converted.conversions
    body = converted.text
    fields = _fields(post)
    if post.comments:
        report.conversions["comment"] += len(post.comments)
        section = _comments_section(post.comments, base)
        # The listing's excerpt of the post is its own text, never a reader's comment.
        own = with_comments = None
        if MORE not in body and "description" not in fields:  # else the excerpt is settled
            own = excerpt(body.split("\n"))
            with_comments = excerpt((body + section).split("\n"))
        if own != with_comments:
            if own:
                fields["description"] = own
            else:
                body = body.rstrip("\n") + f"\n\n{MORE}\n"
        body = body.rstrip("\n") + "\n\n" + section
    report.tags.update(post.tags)
    report.journeys.update(post.categories)
    if post.page:  # a page is not a post: its title is its first heading
        body = f"# {markdown_text(post.title)}\n\n{body}"
    return fields, body


def _raw_html_block(html: str) -> str:
    """``html`` as a MyST raw block: MyST passes it on as it is, never reading it as Markdown.
    The fence is longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", html)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{{raw}} html\n{html}\n{fence}\n"


def _fields(post: HostedPost) -> dict:
    given = {
        "date": post.date,
        "authors": post.authors,
        "tags": post.tags,
        "journeys": post.categories,
        "description": post.description,
        "image": post.image,
        "permalink": post.permalink,
        "aliases": post.aliases,
    }
    return {"title": post.title} | {k: v for k, v in given.items() if v} | post.extra


def _comments_section(comments: list[HostedComment], base: str | None) -> str:
    """Comments in threads: a reply quoted under the comment it answers, in date order."""
    ids = {c.id for c in comments}
    replies: dict[str, list[HostedComment]] = defaultdict(list)
    for comment in sorted(comments, key=lambda c: c.date):
        replies[comment.parent if comment.parent in ids else ""].append(comment)
    lines = [COMMENTS_HEADING, ""]

    def write(comment: HostedComment, depth: int, seen: set[str]) -> None:
        if comment.id in seen:
            return  # a comment answering itself, in a damaged export
        seen.add(comment.id)
        head = f"<p><strong>{_escape(comment.author)}</strong> · {_escape(comment.date)}</p>"
        html = head + autop(comment.html)
        try:
            text = html_to_myst(html, base=base, headings=False).text.rstrip("\n")
        except ConversionError:  # its words kept, if not its markup
            text = f"**{_escape(comment.author)}** · {comment.date}\n\n{plain_text(comment.html)}"
        prefix = "> " * min(depth, _DEEPEST_REPLY)
        lines.extend((prefix + line).rstrip() for line in text.split("\n"))
        lines.append("")
        for reply in replies.get(comment.id, []):
            write(reply, depth + 1, seen)

    seen: set[str] = set()
    for comment in replies[""]:
        write(comment, 0, seen)
    return "\n".join(lines).rstrip("\n") + "\n"


def _escape(text: str) -> str:
    return escape(text, quote=False)


def _notes(export: HostedExport, report: ImportReport) -> None:
    host = urlsplit(export.site).hostname if export.site else None
    if host:
        report.notes.append(
            f"Links in posts to the old blog are made links between posts when conf.py has "
            f'postarchive_old_domains = ["{host}"].'
        )
    if export.kind == "wordpress" and report.actions:
        report.notes.append(
            "Old addresses of the form /?p=ID and /?page_id=ID cannot be served by a static "
            "host; each post keeps its own as wordpress_address, for a server rule."
        )
