"""Reading one source post of any kind into the fields the archive reads and its body as written."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from postarchive.importing import mau
from postarchive.importing.htmlposts import HTML_POSTS, html_post_to_myst
from postarchive.importing.restructuredtext import read_article
from postarchive.importing.sites import MAU, RESTRUCTUREDTEXT, Site
from postarchive.reading.covers import COVER_KEYS
from postarchive.reading.dates import (
    DateError,
    parse_date,
    rolled_over_message,
    rolled_over_text,
)
from postarchive.reading.frontmatter import read_front_matter
from postarchive.reading.problems import Problem, Subtype
from postarchive.reading.slugs import slugify
from postarchive.reading.sources import NotText, decode_with_encoding, repair_mojibake

_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})-(.+)$")
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]*):\s*(.*)$")
# Eleventy puts posts in a collection by tagging them; that tag is not a subject.
_COLLECTION_TAGS = {"post", "posts"}
# With the fields of the post's header picture, which the archive shows (reading/covers.py).
_PASSED_FIELDS = ("slug", "categories", "category", "author", "authors", "lang", *COVER_KEYS)


# Formats whose body the import converts to Markdown: the name its messages give each.
CONVERTED_FORMATS = {
    RESTRUCTUREDTEXT: "reStructuredText",
    MAU: "Mau",
    **dict.fromkeys(HTML_POSTS, "HTML"),
}


@dataclass
class SourcePost:
    path: Path
    rel: str  # relative to the source root, for messages and the import record
    fields: dict[str, Any]
    body: str
    encoding: str  # the file's own encoding, kept unless --fix-encoding
    problems: list[Problem] = field(default_factory=list)
    body_line: int = 1  # the file's line where the body starts, for messages
    translation: bool = False  # Pelican's ``Translation: true``
    # The format the body was converted from (its problems' lines are the Markdown's).
    converted_from: str | None = None
    # The ``permalink`` was made from the blog's configuration, not written in the post.
    address_from_config: bool = False
    # The front matter as written (keys lowercased), for template tags that name a field.
    front_matter: dict[str, Any] = field(default_factory=dict)
    # The front matter as written (keys as the author cased them), for the blog's templates.
    written_front_matter: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        """The title the archive will show: the field, or the body's first heading."""
        if self.fields.get("title"):
            return str(self.fields["title"])
        heading = re.match(r"\s*#\s+(.+?)\s*#*\s*(\n|$)", self.body)
        return heading.group(1) if heading else None

    @property
    def stem(self) -> str:
        """The name the old blog's links use: Jekyll's dated name, or a bundle's folder."""
        name = _JEKYLL_NAME.sub(r"\2", self.path.stem)  # 2017-03-08-index is an index too
        return self.path.parent.name if name in ("index", "_index") else self.path.stem


def read_source(site: Site, path: Path, *, fix_encoding: bool) -> SourcePost | None:
    """Read a post file; ``None`` (with nothing lost: the file stays in the source) when it
    cannot be read as text, which the caller reports."""
    rel = path.relative_to(site.root).as_posix()
    try:
        text, encoding, problems = decode_with_encoding(path.read_bytes(), rel)
    except (OSError, NotText):
        return None
    if fix_encoding:
        text, repairs = repair_mojibake(text, rel)
        problems += repairs
        encoding = "utf-8"
    lines = text.split("\n")
    if path.suffix.lower() in (RESTRUCTUREDTEXT, MAU):
        article = (
            mau.read_article(
                text, rel, folder=path.parent, root=site.root, settings=site.mau_settings
            )
            if path.suffix.lower() == MAU
            else read_article(text, rel)
        )
        problems += article.problems
        raw, lines, body_start = article.fields, article.body.split("\n"), 0
        date_line = None  # the field list's lines are not kept
    elif (
        site.kind == "pelican"
        and lines
        and _PELICAN_LINE.match(lines[0])
        and lines[0].strip() != "---"
    ):
        raw, body_start = _pelican_metadata(lines)
        date_line = None
    else:
        front, front_problems = read_front_matter(lines, rel)
        problems += front_problems
        raw, body_start = dict(front.fields), front.end + 1
        date_line = front.line_of("date")
    body = "\n".join(lines[body_start:])
    converted_from = CONVERTED_FORMATS.get(path.suffix.lower())
    if path.suffix.lower() in HTML_POSTS:  # chosen as a post only with front matter
        body = html_post_to_myst(body).text
    fields = _normalize(site, path, raw)
    problems += _date_as_published(fields, rel, path, date_line)
    address = None
    # A post that names its address (even one not usable here) is not given another.
    if not {"permalink", "url"} & {str(k).lower() for k in raw} and not fields.get("draft"):
        address = old_address(site, path, fields)
        if address:
            fields["permalink"] = address
    if site.kind == "hugo":
        _place_relative_aliases(fields)
    return SourcePost(
        path,
        rel,
        fields,
        body,
        encoding,
        problems,
        body_line=body_start + 1,
        translation=str(_lowered(raw).get("translation", "")).lower() == "true",
        converted_from=converted_from,
        address_from_config=address is not None,
        front_matter=_lowered(raw),
        written_front_matter=dict(raw),
    )


def _date_as_published(
    fields: dict[str, Any], rel: str, path: Path, line: int | None
) -> list[Problem]:
    """A date past its month's end written as the day the blog published the post, and a date
    the archive cannot read (``11-9-2017``) as the one in the file's name (which Jekyll gives
    its posts), so the archive reads it without a warning; reported once, here."""
    try:
        day = parse_date(fields["date"], roll_over=True) if "date" in fields else None
    except DateError as error:
        named = _JEKYLL_NAME.match(path.stem)
        if not named:
            return []
        fields["date"] = named.group(1)
        message = f"{error}; dated {named.group(1)}, the date of the file's name"
        return [Problem(rel, line, message, Subtype.IMPORT)]
    if day is None or not day.rolled_over:
        return []
    fields["date"] = rolled_over_text(day)
    return [Problem(rel, None, rolled_over_message(day), Subtype.IMPORT)]


def _pelican_metadata(lines: list[str]) -> tuple[dict[str, Any], int]:
    """Pelican's ``Key: value`` lines, up to the first blank line."""
    fields: dict[str, Any] = {}
    for number, line in enumerate(lines):
        match = _PELICAN_LINE.match(line)
        if not line.strip() or not match:
            return fields, number
        fields[match.group(1).strip().lower()] = match.group(2).strip()
    return fields, len(lines)


def _names(value: Any, *, split_spaces: bool = True) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(",") if "," in value or not split_spaces else value.split()
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _text(value: Any) -> str | None:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip() or None


def _lowered(raw: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in raw.items()}


def _normalize(site: Site, path: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """The archive's fields, from whatever the blog wrote, in a stable order."""
    raw = _lowered(raw)
    fields: dict[str, Any] = {}
    title = _text(raw.get("title"))
    if title:
        fields["title"] = title
    day = _text(raw.get("date"))
    jekyll = _JEKYLL_NAME.match(path.stem)
    if not day and jekyll:
        day = jekyll.group(1)  # Jekyll dates a post by its file name
    if day:
        fields["date"] = day
    tags = _names(raw.get("tags")) + _names(raw.get("tag"))
    if site.kind == "eleventy":
        tags = [t for t in tags if t.lower() not in _COLLECTION_TAGS]
    if tags:
        fields["tags"] = list(dict.fromkeys(tags))
    journeys = [j for key in site.journey_keys for j in _names(raw.get(key), split_spaces=False)]
    categories = _categories(site, path, raw)
    if site.categories_as == "tags":
        tags = list(dict.fromkeys([*tags, *categories]))
        if tags:
            fields["tags"] = tags
    else:
        journeys += categories
    if journeys:
        fields["journeys"] = list(dict.fromkeys(journeys))
    for key in _PASSED_FIELDS:
        value = raw.get(key)
        if value not in (None, "", []):
            fields[key] = _names(value) if key == "categories" else _text(value) or value
    if site.author_names:  # Jekyll's ``author: key``, named in ``_data/authors.yml``
        for key in ("author", "authors"):
            value = fields.get(key)
            if isinstance(value, str):
                fields[key] = site.author_names.get(value.lower(), value)
            elif isinstance(value, list):
                fields[key] = [site.author_names.get(str(v).lower(), v) for v in value]
    if "slug" not in fields and jekyll:
        # A dated bundle's index (``my-post/2017-03-08-index.md``) is named by its folder.
        name = jekyll.group(2)
        fields["slug"] = path.parent.name if name in ("index", "_index") else name
    permalink = next(
        (v for v in (raw.get("permalink"), raw.get("url")) if isinstance(v, str) and v.strip()),
        None,  # Eleventy's ``permalink: false`` is a page never written out
    )
    if permalink and "{" not in permalink:  # not an Eleventy template
        fields["permalink"] = (
            _eleventy_permalink(permalink) if site.kind == "eleventy" else permalink.strip()
        )
    aliases = [a for a in _names(raw.get("aliases")) if "{" not in a]
    if aliases:
        fields["aliases"] = aliases
    summary = (
        _text(raw.get("description")) or _text(raw.get("summary")) or _text(raw.get("excerpt"))
    )
    if summary:
        fields["description"] = summary
    status = str(raw.get("status", "")).lower()
    draft = raw.get("draft") in (True, "true") or raw.get("published") in (False, "false")
    if draft or status in ("draft", "hidden") or "_drafts" in path.parts:
        fields["draft"] = True
    return fields


def _categories(site: Site, path: Path, raw: dict[str, Any]) -> list[str]:
    """A post's categories (Jekyll's ``categories`` and ``category``, with the folders above its
    ``_posts``; Pelican's ``category``, else its folder's name as Pelican takes it)."""
    found: list[str] = []
    for key in site.category_keys:
        # Jekyll splits ``categories: a b`` at spaces; a lone ``category`` is one name.
        found += _names(raw.get(key), split_spaces=key == "categories")
    rel = path.relative_to(site.content).parts[:-1] if path.is_relative_to(site.content) else ()
    if site.kind == "jekyll" and "_posts" in rel:
        found = [*rel[: rel.index("_posts")], *found]
    elif site.kind == "pelican" and not found and rel:
        found = [rel[-1]]
    return list(dict.fromkeys(found))


def _place_relative_aliases(fields: dict[str, Any]) -> None:
    """Hugo serves an alias written without a leading ``/`` beside its page, in the folder of
    the page's address: ``gc-elections-2022`` of ``/blog/2022/gc-elections/`` is
    ``/blog/2022/gc-elections-2022``."""
    permalink, aliases = fields.get("permalink"), fields.get("aliases")
    if not aliases or not isinstance(permalink, str) or not permalink.startswith("/"):
        return
    folder = posixpath.dirname(permalink.rstrip("/")) or "/"
    fields["aliases"] = [
        alias if alias.startswith("/") or ":" in alias else posixpath.join(folder, alias)
        for alias in aliases
    ]


def _eleventy_permalink(permalink: str) -> str:
    """Eleventy's permalink names the output file, relative to the output folder:
    ``x/index.html`` is served as ``/x/``."""
    address = "/" + permalink.strip().lstrip("/")
    return address.removesuffix("index.html") if address.endswith("/index.html") else address


# -- The old blog's address of a post ------------------------------------------------------------

# Jekyll's and Hugo's permalink tokens: ``:year``, ``:title``...
_TOKEN = re.compile(r":(\w+)")


def old_address(
    site: Site, path: Path, fields: dict[str, Any], *, translation: bool = False
) -> str | None:
    """Where the old blog served the post, from its configuration; None when unknown."""
    if site.kind == "jekyll":
        return _jekyll_address(site, path, fields)
    if site.kind == "hugo":
        return _hugo_address(site, path, fields)
    if site.kind == "pelican":
        return _pelican_address(site, path, fields, translation)
    if site.kind == "eleventy":
        return _eleventy_address(site, path)
    return None


def _day(fields: dict[str, Any]) -> date | None:
    try:
        return parse_date(fields["date"]).local if "date" in fields else None
    except DateError:
        return None


def _date_tokens(day: date | None) -> dict[str, str | None]:
    """Jekyll's and Hugo's date tokens (None without a date)."""
    tokens = {
        "year": "%Y",
        "month": "%m",
        "day": "%d",
        "short_year": "%y",
        "y_day": "%j",
        "monthname": "%B",
        "weekdayname": "%A",
    }
    values: dict[str, str | None] = {k: day.strftime(f) if day else None for k, f in tokens.items()}
    values["i_month"] = str(day.month) if day else None
    values["i_day"] = str(day.day) if day else None
    values["yearday"] = str(day.timetuple().tm_yday) if day else None
    values["weekday"] = str(day.isoweekday() % 7) if day else None  # Go's: Sunday is 0
    return values


def _fill(pattern: str, values: dict[str, str | None]) -> str | None:
    """``pattern`` with its tokens replaced; None when one is unknown or has no value."""
    if any(values.get(name) is None for name in _TOKEN.findall(pattern)):
        return None
    address = _TOKEN.sub(lambda m: values[m.group(1)] or "", pattern)
    return "/" + re.sub(r"/{2,}", "/", address).lstrip("/")  # no category leaves "//"


def _jekyll_address(site: Site, path: Path, fields: dict[str, Any]) -> str | None:
    pattern = site.url_patterns.get("")
    if pattern is None or "_posts" not in path.relative_to(site.root).parts:
        return None
    title = str(fields.get("slug") or path.stem)  # the slug from the file name
    categories = _names(fields.get("categories")) + _names(fields.get("category"))
    values = _date_tokens(_day(fields)) | {
        "title": title,
        "slug": slugify(title),
        "categories": "/".join(c.lower() for c in dict.fromkeys(categories)),
        "output_ext": ".html",
    }
    return _fill(pattern, values)


def _hugo_address(site: Site, path: Path, fields: dict[str, Any]) -> str | None:
    if not path.is_relative_to(site.content):
        return None
    folders = list(path.relative_to(site.content).parts[:-1])
    bundle = path.stem == "index" and folders
    name = folders.pop() if bundle else path.stem  # a bundle is named by its folder
    slug = _text(fields.get("slug"))
    pattern = site.url_patterns.get(folders[0] if folders else "")
    if pattern is None:  # Hugo's default: the file's path, the slug replacing its name
        address: str | None = "/" + "/".join([*folders, slug or name]) + "/"
    else:
        address = _fill(pattern, _hugo_tokens(folders, name, slug, fields))
    return address.replace(" ", "-").lower() if address else None  # Hugo's paths are lowercase


def _hugo_tokens(
    folders: list[str], name: str, slug: str | None, fields: dict[str, Any]
) -> dict[str, str | None]:
    title = slugify(str(fields.get("title") or name))
    return _date_tokens(_day(fields)) | {
        "section": folders[0] if folders else "",
        "sections": "/".join(folders),
        "title": title,
        "slug": slugify(slug) if slug else title,
        "filename": name,
        "contentbasename": name,
        "slugorfilename": slug or name,
        "slugorcontentbasename": slug or name,
    }


def _pelican_address(
    site: Site, path: Path, fields: dict[str, Any], translation: bool
) -> str | None:
    pattern = site.url_patterns.get("translation" if translation else "")
    if pattern is None:
        return None
    # Pelican's slug comes from the title; its category, without one, from the post's folder.
    slug = str(fields.get("slug") or slugify(str(fields.get("title") or path.stem)))
    folder = path.parent.name if path.parent != site.content else "misc"
    try:
        address = pattern.format(
            slug=slug,
            date=_day(fields),
            category=slugify(str(fields.get("category") or folder)),
            lang=fields.get("lang") or site.default_lang,
            author=slugify(str(fields.get("author") or "")),
        )
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return None  # a placeholder Pelican would fill from what this post does not have
    return "/" + address.lstrip("/")


def _eleventy_address(site: Site, path: Path) -> str | None:
    """Eleventy's default: the file's path in the input folder, as a folder (index: its folder)."""
    if not path.is_relative_to(site.content) or _eleventy_data_permalink(site, path):
        return None
    parts = list(path.relative_to(site.content).with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    return "/" + "/".join(parts) + "/" if parts else None


_ELEVENTY_DATA = (".json", ".11tydata.json", ".11tydata.js", ".11tydata.cjs", ".11tydata.mjs")


def _eleventy_data_permalink(site: Site, path: Path) -> bool:
    """Whether a data file of the post or of a folder above it (``posts/posts.json``) sets the
    permalink: the default address is then not where the post was."""
    data = [path.with_name(path.stem + ext) for ext in _ELEVENTY_DATA[1:]]
    for folder in [path.parent, *path.parent.parents]:
        if not folder.is_relative_to(site.content):
            break
        data += [folder / (folder.name + ext) for ext in _ELEVENTY_DATA]
    return any(
        f.is_file() and "permalink" in f.read_text(encoding="utf-8", errors="replace") for f in data
    )
