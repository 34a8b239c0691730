"""One post: its file read leniently into normalized fields and the clean page MyST parses."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from postarchive.reading.covers import NamedPicture, named_pictures, pictures_named, with_lines
from postarchive.reading.dates import DateError, PostDate, parse_date, rolled_over_message
from postarchive.reading.excerpts import excerpt
from postarchive.reading.frontmatter import FrontMatter, read_front_matter
from postarchive.reading.problems import Problem, Severity, Subtype
from postarchive.reading.slugs import name_key, slugify, strip_date_prefix
from postarchive.reading.sources import NotText, read_text

# The heading the page starts with; its text is replaced by the real title as a text node, so a
# title is never parsed as Markdown or HTML. It keeps every body line at its line number.
TITLE_PLACEHOLDER = "postarchive-title-placeholder"

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_WORD = re.compile(r"\w+")
_TRUE = {"true", "yes", "on", "1"}


@dataclass(eq=False)  # a post is itself, not its fields: comparing thousands of bodies is slow
class Post:
    """A post as the archive shows it."""

    path: Path
    docname: str
    title: str
    slug: str
    title_source: str = "front matter"  # or "heading" or "file name"
    date: PostDate | None = None
    tags: tuple[str, ...] = ()
    journeys: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # as the front matter names them; none: the site's author
    permalink: str | None = None
    aliases: tuple[str, ...] = ()  # more old addresses (Hugo's ``aliases``)
    field_lines: dict[str, int] = field(default_factory=dict)  # 1-based line of each field
    draft: bool = False
    summary: str | None = None
    words: int = 0
    # Pictures that may be its cover, as written, best first (see reading/covers.py).
    pictures: tuple[str, ...] = ()
    # The pictures its front matter names as its header picture, best first (reading/covers.py).
    covers: tuple[NamedPicture, ...] = ()
    page_text: str = ""
    # The body without front matter or title heading, and the 0-based line where it starts.
    body: str = ""
    body_line: int = 0
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def journey_slugs(self) -> tuple[str, ...]:
        return tuple(slugify(name) for name in self.journeys)

    def reading_minutes(self, words_per_minute: int) -> int:
        return max(1, math.ceil(self.words / words_per_minute))


def read_post(path: Path, docname: str, display_path: str, *, fix_mojibake: bool) -> Post:
    """Read one post file. Never raises for bad content: problems are collected on the post."""
    try:
        text, problems = read_text(path, display_path, fix_mojibake=fix_mojibake)
    except (OSError, NotText) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        problem = Problem(
            display_path, None, f"cannot read post: {reason}", Subtype.READ, Severity.ERROR
        )
        title = _title_from_file(path)
        slug = slugify(strip_date_prefix(path.stem))
        notice = f"# {TITLE_PLACEHOLDER}\n\nThis post could not be read: {reason}.\n"
        return Post(path, docname, title, slug, "file name", page_text=notice, problems=[problem])
    if not text.strip():
        problems.append(Problem(display_path, None, "the post is empty", Subtype.EMPTY))
    lines = text.split("\n")
    front, front_problems = read_front_matter(lines, display_path)
    problems += front_problems
    fields = _Fields(front, display_path, problems)
    body_start = front.end + 1
    body = lines[body_start:]
    heading_index, heading = _first_heading(body)
    given_title = fields.text("title")
    title = given_title or heading or _title_from_file(path)
    title_source = "front matter" if given_title else "heading" if heading else "file name"
    page = list(lines)
    # Without a front-matter title, the body's own first heading is the page title.
    placeholder_needed = given_title is not None or heading is None
    if (
        heading is not None
        and given_title is not None
        and name_key(heading) == name_key(given_title)
    ):
        page[body_start + heading_index] = ""  # an imported post repeating its title
    post = Post(
        path=path,
        docname=docname,
        title=title,
        title_source=title_source,
        slug=slugify(fields.text("slug") or strip_date_prefix(path.stem)),
        date=fields.date(),
        tags=distinct_tags(fields.names("tags")),
        journeys=fields.names("journeys", split_spaces=False)
        or fields.names("journey", split_spaces=False),
        authors=fields.authors(),
        permalink=fields.text("permalink"),
        aliases=fields.names("aliases", split_spaces=False),
        field_lines=front.key_lines,
        draft=fields.flag("draft"),
        summary=fields.text("description") or fields.text("summary"),
        words=len(_WORD.findall("\n".join(body))),
        problems=problems,
    )
    post.body_line = body_start
    body_lines = page[body_start:]
    if heading is not None and given_title is None:
        body_lines[heading_index] = ""  # it is the title, shown apart from the body
    post.body = "\n".join(body_lines)
    post.summary = post.summary or excerpt(body_lines)
    post.pictures = pictures_named(front.fields, post.body)
    post.covers = with_lines(named_pictures(front.fields), lines[:body_start])
    problems += _flatten_deep_nesting(page, body_start, display_path)
    title_line = body_start + heading_index if heading is not None and given_title is None else -1
    _headings_below_the_title(page, body_start, title_line)
    post.page_text = _page_text(page, front, placeholder_needed=placeholder_needed)
    return post


# The Markdown parser stops reading, and drops the text, past about nine nested lists or twenty
# nested quotes. Deeper lines are brought up to these depths so that no text is lost.
_MAX_INDENT = 16
_MAX_QUOTES = 8
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_QUOTES = re.compile(r"^\s*((?:>\s?)+)")


_ATX = re.compile(r"^(#{1,6})(?=\s|$)")


def _headings_below_the_title(page: list[str], start: int, title_line: int) -> None:
    """Shift the body's headings so the highest is level 2, under the level-1 title: posts often
    start their sections at ### (or at #, beside the title), which MyST would warn about or
    show as a second title."""
    fence = ""
    levels: dict[int, int] = {}
    for i in range(start, len(page)):
        opening = _FENCE.match(page[i])
        if fence:
            fence = "" if opening and opening.group(1).startswith(fence) else fence
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _ATX.match(page[i])
        if heading and i != title_line:
            levels[i] = len(heading.group(1))
    shift = 2 - min(levels.values(), default=2)
    for i, level in levels.items():
        page[i] = "#" * min(6, level + shift) + page[i][level:]


def _flatten_deep_nesting(page: list[str], start: int, path: str) -> list[Problem]:
    fence = ""
    flattened: list[int] = []
    verbatim = _verbatim_lines(page, start)
    for i in range(start, len(page)):
        if i in verbatim:
            continue
        line = page[i].expandtabs(4)
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1).startswith(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        quotes = _QUOTES.match(line)
        if quotes and quotes.group(1).count(">") > _MAX_QUOTES:
            page[i] = "> " * _MAX_QUOTES + line[quotes.end() :]
            flattened.append(i + 1)
        elif len(line) - len(line.lstrip(" ")) > _MAX_INDENT and line.strip():
            page[i] = " " * _MAX_INDENT + line.lstrip(" ")
            flattened.append(i + 1)
    if not flattened:
        return []
    message = (
        f"{len(flattened)} lines are nested too deeply to show as written; "
        f"they are shown {_MAX_QUOTES} quotes or {_MAX_INDENT} spaces deep"
    )
    return [Problem(path, flattened[0], message, Subtype.NESTING)]


def _verbatim_lines(page: list[str], start: int) -> set[int]:
    """The lines of code blocks and HTML blocks, also in lists and quotes: their indentation
    is what the author wrote (an XML file, an ASCII diagram in ``<pre>``), not nesting."""
    deep = (line.expandtabs(4) for line in page[start:])
    if not any(len(line) - len(line.lstrip()) > _MAX_INDENT for line in deep):
        return set()  # nothing to flatten: the parse is not needed
    lines: set[int] = set()
    for token in _BLOCKS.parse("\n".join(page[start:])):
        if token.type in ("code_block", "fence", "html_block") and token.map:
            lines.update(range(start + token.map[0], start + token.map[1]))
    return lines


# The block rules of CommonMark only: where code and HTML blocks are needs no inline parsing.
_BLOCKS = MarkdownIt("commonmark").disable(["inline", "text_join"], ignoreInvalid=True)


def _page_text(page: list[str], front: FrontMatter, *, placeholder_needed: bool) -> str:
    """The Markdown handed to MyST: front matter blanked out so line numbers stay true, and a
    title placeholder as first heading unless the body's own first heading is the title."""
    for i in range(front.start, front.end + 1):
        page[i] = ""
    if placeholder_needed:
        if front.start >= 0:
            page[front.start] = f"# {TITLE_PLACEHOLDER}"
        else:
            page.insert(0, f"# {TITLE_PLACEHOLDER}")
    return "\n".join(page)


def _first_heading(body: list[str]) -> tuple[int, str | None]:
    """The first level-1 ATX heading and its index, if it is the first thing in the body."""
    for index, line in enumerate(body):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        return (index, match.group(1)) if match else (index, None)
    return -1, None


def distinct_tags(names: Iterable[str]) -> tuple[str, ...]:
    """Tags as the post names them, each once: ``Django`` and ``django`` are one tag (the first
    spelling is kept), as they are one tag page."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name_key(name), name)
    return tuple(seen.values())


def _title_from_file(path: Path) -> str:
    words = re.split(r"[-_\s]+", strip_date_prefix(path.stem))
    return " ".join(words).strip().capitalize() or path.stem


class _Fields:
    """Typed access to front-matter fields; a value of the wrong type is reported, not fatal."""

    def __init__(self, front: FrontMatter, path: str, problems: list[Problem]) -> None:
        self.front = front
        self.path = path
        self.problems = problems

    def _warn(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.front.line_of(key), message, Subtype.FIELD))

    def text(self, key: str) -> str | None:
        value = self.front.fields.get(key)
        if value is None:
            return None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            return text or None
        self._warn(key, f"'{key}' should be text, got {type(value).__name__}; ignored")
        return None

    def flag(self, key: str) -> bool:
        value = self.front.fields.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, str):
            return value.strip().lower() in _TRUE
        self._warn(key, f"'{key}' should be true or false, got {value!r}; taken as false")
        return False

    def date(self) -> PostDate | None:
        value = self.front.fields.get("date")
        if value is None:
            return None
        try:
            parsed = parse_date(value, roll_over=True)
        except DateError as error:
            self._warn("date", f"{error}; the post is listed as undated")
            return None
        if parsed.rolled_over:
            self._warn("date", rolled_over_message(parsed))
        if parsed.instant > datetime.now(UTC):
            self._warn("date", f"the date {parsed.text!r} is in the future")
        return parsed

    def authors(self) -> tuple[str, ...]:
        """``authors`` (a list, or names split at commas, as Pelican's ``Authors:``) and
        ``author`` (one name, or a list); an entry may be a mapping with a ``name`` (Jekyll's
        and Eleventy's author objects)."""
        found: list[str] = []
        for key in ("authors", "author"):
            value = self.front.fields.get(key)
            if isinstance(value, str):
                items: list[Any] = value.split(",") if key == "authors" else [value]
            elif isinstance(value, list | tuple):
                items = list(value)
            else:
                items = [value]
            for item in items:
                if isinstance(item, dict):
                    item = item.get("name")
                if isinstance(item, str | int | float) and not isinstance(item, bool):
                    name = " ".join(str(item).split())
                    if name and name not in found:
                        found.append(name)
                elif item is not None:
                    self._warn(key, f"'{key}' entry {item!r} is not a name; ignored")
        return tuple(found)

    def names(self, key: str, *, split_spaces: bool = True) -> tuple[str, ...]:
        """Names given as a list, or as one string split at commas (or, Jekyll-style, spaces)."""
        value = self.front.fields.get(key)
        if value is None:
            return ()
        items: list[Any]
        if isinstance(value, str) and "," in value:
            items = value.split(",")
        elif isinstance(value, str):
            items = value.split() if split_spaces else [value]
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            self._warn(key, f"'{key}' should be a list, got {type(value).__name__}; ignored")
            return ()
        names: list[str] = []
        for item in items:
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                name = " ".join(str(item).split())
                if name and name not in names:
                    names.append(name)
            elif item is not None:
                self._warn(key, f"'{key}' entry {item!r} is not a name; ignored")
        return tuple(names)
