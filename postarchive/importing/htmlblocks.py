"""Markdown inside HTML, written so that MyST renders it as kramdown (Jekyll) and Python-Markdown
(Pelican) did.

Those engines read Markdown inside ``<div markdown="1">``, inside inline tags such as ``<span>``
that start a line, and take a code fence inside HTML for code. CommonMark, which MyST follows,
takes all of these as raw HTML up to the next blank line: images showed as ``![..](..)`` and a
fence left open turned the rest of the post into code. Blank lines around the Markdown make
CommonMark read it as Markdown; the HTML around it is kept.
"""

from __future__ import annotations

import re
from textwrap import dedent

from markdown_it import MarkdownIt

from postarchive.reading.legacy import CodeSpans

_BLOCK_PARSER = MarkdownIt("commonmark").disable(["inline", "text_join"], ignoreInvalid=True)

# kramdown's and Python-Markdown's switch: markdown="1", "block", "span" (kramdown: "0" is off).
_MARKDOWN_OPENING = re.compile(
    r"""<(?P<name>[a-zA-Z][\w-]*)(?P<before>[^>]*?)\s+markdown\s*=\s*(?P<q>["']?)"""
    r"""(?P<mode>1|block|span|true)(?P=q)(?P<after>[^>]*)>""",
    re.I,
)
_INLINE_ELEMENTS = {"span", "a", "em", "strong", "b", "i", "u", "small", "big", "font",
                    "sup", "sub", "mark", "abbr", "cite", "label", "code", "kbd", "s", "del",
                    "ins"}  # fmt: skip
_BLOCK_OPENING = re.compile(r" {0,3}<(?P<name>[a-zA-Z][\w-]*)\b[^>]*>")
_BLOCK_ELEMENTS = {"div", "table", "ul", "ol", "dl", "section", "article", "aside", "figure",
                   "blockquote", "details", "form", "fieldset", "nav", "header", "footer",
                   "main", "center"}  # fmt: skip
_EMPTY_COMMENT = "<!-- -->"
_ALONE_INLINE_TAG = re.compile(r"^ {0,3}<([a-zA-Z][\w-]*)(?:\s[^>]*)?>\s*$")
_FENCE_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
# HTML blocks whose text is shown as written: a fence there is text.
_HOLDS_LITERAL = re.compile(r"<(?:pre|code)\b", re.I)
_LITERAL_BLOCK = re.compile(r"^\s*<(?:pre|script|style|textarea)\b|^\s*<!--", re.I)


def markdown_in_html(text: str) -> tuple[str, int]:
    """The text with Markdown inside HTML made Markdown for MyST, and how many places changed."""
    text, in_elements = _markdown_elements(text)
    text, fences = _fences_out_of_html(text)
    text, inline = _inline_tag_lines(text)
    return text, in_elements + fences + inline


def html_blocks_whole(text: str) -> tuple[str, int]:
    """A block element (``<div>``, ``<table>``) with blank lines inside: those engines read it
    as HTML up to its closing tag, CommonMark only up to the first blank line, and its indented
    lines after that became code. Its blank lines hold an empty comment, which keeps it one
    HTML block and shows nothing. Done first: what is code depends on it."""
    count = 0
    for _ in range(text.count("\n")):  # each pass joins one element; the parse changes with it
        lines = text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        for first, end in _html_blocks(lines):
            opening = _BLOCK_OPENING.match(text, starts[first])
            if not opening or opening["name"].lower() not in _BLOCK_ELEMENTS:
                continue
            if "markdown=" in opening.group(0).lower():
                continue  # its content is Markdown: see _markdown_elements
            close = matching_close(text, opening["name"], opening.end())
            if close is None or close[0] < starts[min(end, len(lines))]:
                continue
            last = next(n for n in range(len(lines)) if starts[n + 1] > close[0])
            for n in range(end, last):
                if not lines[n].strip():
                    lines[n] = _EMPTY_COMMENT
            text = "\n".join(lines)
            count += 1
            break
        else:
            break
    return text, count


def _markdown_elements(text: str) -> tuple[str, int]:
    """``<div markdown="1">...</div>``: the attribute dropped, the content set apart by blank
    lines (a span's content kept on the tag's line, as inline text)."""
    count, search_from = 0, 0
    while match := _MARKDOWN_OPENING.search(text, search_from):
        search_from = match.start() + 1
        if CodeSpans.of(text).holds(match.start()):
            continue
        close = matching_close(text, match.group("name"), match.end())
        if close is None:
            continue
        opening = f"<{match.group('name')}{match.group('before')}{match.group('after')}>"
        close_start, close_end = close
        closing = text[close_start:close_end]
        content = dedent(text[match.end() : close_start].strip("\n")).strip("\n")
        inline = match.group("name").lower() in _INLINE_ELEMENTS or match["mode"] == "span"
        made = (
            f"{opening}{content.strip()}{closing}"
            if inline
            else f"{opening}\n\n{content}\n\n{closing}"
        )
        text = text[: match.start()] + made + text[close_end:]
        count += 1
    return text, count


def matching_close(text: str, name: str, start: int) -> tuple[int, int] | None:
    """Where the closing tag of the element ``name`` opened before ``start`` is, nested ones
    counted."""
    depth = 1
    for tag in re.compile(rf"<(/?){re.escape(name)}\b[^>]*?(/?)>", re.I).finditer(text, start):
        if tag.group(2):
            continue  # <div/>
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.span()
    return None


def _html_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """The (first, end) lines of each HTML block as CommonMark sees it."""
    tokens = _BLOCK_PARSER.parse("\n".join(lines))
    return [tuple(t.map) for t in tokens if t.type == "html_block" and t.map]  # type: ignore[misc]


def _fences_out_of_html(text: str) -> tuple[str, int]:
    """A fenced code block inside an HTML block (a ``<li>``, after a ``<br>``) set apart by
    blank lines, and brought to the margin, so that it is code, and what follows it is not."""
    lines = text.split("\n")
    count = 0
    for _ in range(len(lines)):  # each pass frees one fence; the parse changes with it
        found = _fence_in_html(lines)
        if found is None:
            break
        opening, closing, indent = found
        block = [line.removeprefix(indent) for line in lines[opening : closing + 1]]
        after = [""] if closing + 1 < len(lines) and lines[closing + 1].strip() else []
        lines[opening : closing + 1] = ["", *block, *after]
        count += 1
    return "\n".join(lines), count


def _fence_in_html(lines: list[str]) -> tuple[int, int, str] | None:
    for first, end in _html_blocks(lines):
        if _LITERAL_BLOCK.match(lines[first]) or _HOLDS_LITERAL.search("\n".join(lines[first:end])):
            continue  # backticks in <pre> or <code> are text
        for index in range(first + 1, end):
            opening = _FENCE_LINE.match(lines[index])
            if not opening or "`" in opening["info"] or "<" in opening["info"]:
                continue
            closing = _closing_fence(lines, index + 1, opening["fence"])
            if closing is not None:
                return index, closing, opening["indent"]
    return None


def _closing_fence(lines: list[str], start: int, fence: str) -> int | None:
    for index in range(start, len(lines)):
        closing = _FENCE_LINE.match(lines[index])
        if closing and closing["fence"].startswith(fence) and not closing["info"].strip():
            return index
    return None


def _inline_tag_lines(text: str) -> tuple[str, int]:
    """A block starting with an inline tag alone on its line (``<span>``, ``<a href>``), whose
    content those engines read as Markdown: the tag joined to the next line, which makes the
    block a paragraph for CommonMark too (a blank line keeps the count of lines)."""
    lines = text.split("\n")
    count = 0
    for first, end in reversed(_html_blocks(lines)):
        tag = _ALONE_INLINE_TAG.match(lines[first])
        if not tag or tag.group(1).lower() not in _INLINE_ELEMENTS or end - first < 2:
            continue
        lines[first : first + 2] = [lines[first].rstrip() + lines[first + 1].lstrip()]
        lines.insert(end - 1, "")
        count += 1
    return "\n".join(lines), count
