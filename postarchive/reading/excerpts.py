"""A post's excerpt when its author gave none: what listings, search engines, Open Graph and feeds
show of it.

Read from the parsed Markdown (markdown-it, the parser MyST is built on), not from the source
text: links and emphasis become their text, reference-style links (``[Poutineville][1]``) too,
and link definitions, headings, lists, code, tables, raw HTML and images are never prose. The
text before ``<!--more-->`` when the post has one; else its first paragraph of prose (one of at
least ``_PROSE_WORDS`` words; else the first list, if it says as much; else the first paragraph
at all), cut at a word.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.footnote import footnote_plugin

from postarchive.reading.legacy import CodeSpans

MORE = "<!--more-->"
LENGTH = 280
_PROSE_WORDS = 8
# Where to look first: a post's opening lines (and its link definitions), not its whole body;
# parsing every body would cost about 1.5 ms a post.
_OPENING_LINES = 12
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")  # links and footnotes
# Template tags an import could not convert stay in the text; they are not prose.
_TEMPLATE = ("{{", "{%")
_SENTENCE_ENDS = (".", "!", "?", ";", ":", "…", "。", "！", "？")

# As MyST reads posts: footnotes and ::: directives are not prose (their marks, texts and
# contents are left out).
_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .enable(["table", "strikethrough"])
    .use(footnote_plugin)
    .use(colon_fence_plugin)
)
# MyST's role before inline code ({post}`slug`): the role's name is not prose.
_ROLE = re.compile(r"\{[\w:-]+\}$")
# MyST's target before a heading: (label)=
_TARGET = re.compile(r"^\([^)]*\)=$")


def excerpt(body_lines: list[str]) -> str | None:
    """The excerpt of a post whose body (without front matter and title) is ``body_lines``."""
    text = "\n".join(body_lines)
    more = _more(text)
    if more is not None:
        before = _paragraphs(_parse(text[:more], body_lines))
        return _cut(" ".join(before)) if before else None
    opening = _opening(body_lines)
    chosen = _first_prose(_parse(opening, body_lines))
    short = chosen is None or len(chosen.split()) < _PROSE_WORDS
    if short and len(opening) < len(text):  # look further: the whole body
        chosen = _first_prose(_PARSER.parse(text)) or chosen
    return _cut(chosen) if chosen else None


def _more(text: str) -> int | None:
    """Where the ``<!--more-->`` mark is, unless it is only shown in code."""
    start = text.find(MORE)
    if start < 0:
        return None
    code = CodeSpans.of(text)
    while start >= 0 and code.holds(start):
        start = text.find(MORE, start + 1)
    return start if start >= 0 else None


def _opening(lines: list[str]) -> str:
    """The first lines, up to the end of the paragraph the limit falls in."""
    end = _OPENING_LINES
    while end < len(lines) and lines[end].strip():
        end += 1
    return "\n".join(lines[:end])


def _parse(part: str, body_lines: list[str]) -> list[Token]:
    """``part`` of the body, parsed with the body's link definitions (often at its end)."""
    definitions = [line for line in body_lines if _DEFINITION.match(line)]
    return _PARSER.parse(part + "\n\n" + "\n".join(definitions))


def _paragraphs(tokens: list[Token]) -> list[str]:
    """The plain text of every paragraph outside lists and quotes, in order."""
    found = []
    for n, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            text = _plain(tokens[n + 1])
            if text and not text.startswith(_TEMPLATE) and not _TARGET.match(text):
                found.append(text)
    return found


def _plain(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type == "code_inline" and parts and _ROLE.search(parts[-1]):
            parts[-1] = _ROLE.sub("", parts[-1])
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        # Images (their alt text is not the post's prose) and inline HTML are left out; links
        # and emphasis leave their text, which comes as text children.
    return " ".join("".join(parts).split())


def _first_prose(tokens: list[Token]) -> str | None:
    """The first paragraph of prose; else the first list's items, when they say enough (notes
    of a talk are often lists, with short questions at the end); else the first paragraph."""
    paragraphs = _paragraphs(tokens)
    for paragraph in paragraphs:
        if len(paragraph.split()) >= _PROSE_WORDS:
            return paragraph
    items = _first_list(tokens)
    if len(items.split()) >= _PROSE_WORDS:
        return items
    return paragraphs[0] if paragraphs else None


def _first_list(tokens: list[Token]) -> str:
    """The text of the first list's items, joined with semicolons (unless an item ends a
    sentence of its own)."""
    start = next(
        (n for n, t in enumerate(tokens) if t.type.endswith("_list_open") and t.level == 0), None
    )
    if start is None:
        return ""
    items = []
    for token in tokens[start + 1 :]:
        if token.type.endswith("_list_close") and token.level == 0:
            break
        if token.type == "inline" and (text := _plain(token)):
            items.append(text)
    return " ".join(
        item if n + 1 == len(items) or item.endswith(_SENTENCE_ENDS) else f"{item};"
        for n, item in enumerate(items)
    )


def _cut(text: str) -> str | None:
    if len(text) > LENGTH:
        text = text[:LENGTH].rsplit(" ", 1)[0] + " …"
    return text or None
