"""Reading one source post of any kind into the fields the archive reads and its body as written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from postarchive.frontmatter import read_front_matter
from postarchive.importing.sites import Site
from postarchive.problems import Problem
from postarchive.sources import NotText, decode_with_encoding, repair_mojibake

_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})-(.+)$")
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]*):\s*(.*)$")
# Eleventy puts posts in a collection by tagging them; that tag is not a subject.
_COLLECTION_TAGS = {"post", "posts"}
_PASSED_FIELDS = ("slug", "categories", "category", "author", "authors", "lang")


@dataclass
class SourcePost:
    path: Path
    rel: str  # relative to the source root, for messages and the import record
    fields: dict[str, Any]
    body: str
    encoding: str  # the file's own encoding, kept unless --fix-encoding
    problems: list[Problem] = field(default_factory=list)

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
        return self.path.parent.name if self.path.stem in ("index", "_index") else self.path.stem


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
    if (
        site.kind == "pelican"
        and lines
        and _PELICAN_LINE.match(lines[0])
        and lines[0].strip() != "---"
    ):
        raw, body_start = _pelican_metadata(lines)
    else:
        front, front_problems = read_front_matter(lines, rel)
        problems += front_problems
        raw, body_start = dict(front.fields), front.end + 1
    body = "\n".join(lines[body_start:])
    return SourcePost(path, rel, _normalize(site, path, raw), body, encoding, problems)


def _pelican_metadata(lines: list[str]) -> tuple[dict[str, Any], int]:
    """Pelican's ``Key: value`` lines, up to the first blank line."""
    fields: dict[str, Any] = {}
    for number, line in enumerate(lines):
        match = _PELICAN_LINE.match(line)
        if not line.strip() or not match:
            return fields, number
        fields[match.group(1).strip().lower()] = match.group(2).strip()
    return fields, len(lines)


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(",") if "," in value else value.split()
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


def _normalize(site: Site, path: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """The archive's fields, from whatever the blog wrote, in a stable order."""
    raw = {str(k).lower(): v for k, v in raw.items()}
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
    journeys = [j for key in site.journey_keys for j in _names(raw.get(key))]
    if journeys:
        fields["journeys"] = list(dict.fromkeys(journeys))
    for key in _PASSED_FIELDS:
        value = raw.get(key)
        if value not in (None, "", []):
            fields[key] = _names(value) if key == "categories" else _text(value) or value
    if "slug" not in fields and jekyll:
        fields["slug"] = jekyll.group(2)
    permalink = _text(raw.get("permalink")) or _text(raw.get("url"))
    if permalink and "{" not in permalink:  # not an Eleventy template
        fields["permalink"] = permalink
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
