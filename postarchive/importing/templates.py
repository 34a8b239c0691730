"""Template syntax a blog's engine filled in when it built a page (Liquid, Nunjucks, Hugo's
shortcodes, Pelican's tags), once the converter knows no MyST form for it:

- evaluated here when the page's own data gives every value it uses (a loop over a list of
  the front matter or of an Eleventy data file beside the post, a date), with python-liquid:
  every name the template reads from outside is looked up first, and a filter or tag it does
  not know stops it, so what needs more is never guessed;
- else kept as written, in a literal a reader recognises (a marked block, or inline code),
  never as raw syntax in the prose: what it showed came from data only the live site had
  (all its posts, its collections, a script).

The caller reports each with its file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from liquid import Environment
from liquid.exceptions import LiquidError
from markdown_it import MarkdownIt

# What a reader sees above a part of the page the old site's template made.
KEPT_TITLE = "Made by the template of the old site"
KEPT_NOTE = (
    "The old site filled in this part of the page when it was built, from data the archive "
    "does not have. Its template, kept as written:"
)
_CSS_CLASS = "postarchive-template"


class _Bounded(Environment):
    """A post's template cannot make the import loop or write without end."""

    loop_iteration_limit = 100_000
    output_stream_limit = 5_000_000
    context_depth_limit = 30


@lru_cache(maxsize=1)
def _liquid() -> Environment:
    environment = _Bounded()
    # Jekyll's address filters: the path is kept, and the import's link step then points it at
    # the post in the archive, or at the old site.
    for name in ("relative_url", "absolute_url", "url"):
        environment.filters[name] = lambda value: value
    # Jekyll's markdownify: the HTML of a Markdown text (often stripped to text next).
    environment.filters["markdownify"] = lambda value: _MARKDOWN.render(str(value)).strip()
    environment.filters["jsonify"] = lambda value: json.dumps(value, default=str)
    return environment


def evaluate(template: str, data: Mapping[str, object]) -> str | None:
    """What ``template`` shows, computed from ``data``; None when it uses anything else (a
    variable, filter or tag not there) or is not Liquid."""
    if not data:
        return None
    try:
        parsed = _liquid().from_string(template)
        # What it reads from the page must be there; a field missing on one of the blog's
        # posts it loops over shows nothing, as it did on the old site.
        names = parsed.analyze().globals.values()
        if not all(_found(data, use.segments) for uses in names for use in uses):
            return None
        return parsed.render(**data)
    except (LiquidError, TypeError, ValueError, ArithmeticError, RecursionError):
        return None


def _found(data: Mapping[str, object], segments: list[Any]) -> bool:
    """Whether ``site.posts.size`` (its segments) names something in ``data``; a segment
    computed when the page is shown (``a[b]``) is taken as found."""
    value: object = data
    for segment in segments:
        if not isinstance(segment, (str, int)):
            return True
        if isinstance(value, Mapping) and segment in value:
            value = value[segment]
        elif isinstance(value, list) and isinstance(segment, int):
            if not -len(value) <= segment < len(value):
                return False
            value = value[segment]
        else:  # Liquid's own properties of a list, or nothing
            return segment in ("size", "first", "last") and isinstance(value, (list, Mapping))
    return True


def kept(written: str, *, block: bool, in_html: bool, indent: str = "") -> str:
    """``written`` shown as what it is: a marked block with the template in a literal, or
    inline code; inside raw HTML (where Markdown is not read) the same in HTML."""
    if in_html:
        text = escape(written).replace("\n", "&#10;")  # one line: the HTML block goes on
        title = escape(KEPT_TITLE)
        if block:
            return f'<pre class="{_CSS_CLASS}" title="{title}">{text}</pre>'
        return f'<code class="{_CSS_CLASS}" title="{title}">{text}</code>'
    if not block:
        return _code_span(" ".join(written.split()))
    run = max((len(r) for r in re.findall(r"`+", written)), default=0)
    inner, outer = "`" * max(3, run + 1), "`" * max(4, run + 2)
    lines = [
        f"{outer}{{admonition}} {KEPT_TITLE}",
        f":class: {_CSS_CLASS}",
        "",
        KEPT_NOTE,
        "",
        f"{inner}text",
        *written.strip("\n").split("\n"),
        inner,
        outer,
    ]
    return "\n".join(indent + line if line else line for line in lines)


def _code_span(text: str) -> str:
    run = max((len(r) for r in re.findall(r"`+", text)), default=0)
    ticks = "`" * (run + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{ticks}{padded}{ticks}"


_BLOCKS = MarkdownIt("commonmark").disable(["inline", "text_join"], ignoreInvalid=True)
_MARKDOWN = MarkdownIt("commonmark")


def html_lines(text: str) -> set[int]:
    """The lines (from 0) of ``text`` that CommonMark reads as raw HTML blocks."""
    lines: set[int] = set()
    for token in _BLOCKS.parse(text):
        if token.type == "html_block" and token.map:
            lines.update(range(*token.map))
    return lines


# -- The data a page's templates see --------------------------------------------------------------

_ELEVENTY_DATA = (".11tydata.json", ".json")


def eleventy_data(
    path: Path, input_folder: Path, global_data: Mapping[str, Any], front_matter: Mapping[str, Any]
) -> dict:
    """Eleventy's data cascade for one template, as far as it is data: the global data files,
    the JSON directory data files from the input folder down to the post's
    (``posts/posts.json``), its template data file (``x.json``, ``x.11tydata.json``), then
    its front matter. JavaScript data files are never run."""
    data: dict[str, Any] = dict(global_data)
    try:
        folders = path.parent.relative_to(input_folder).parts
    except ValueError:
        folders = ()
    folder = input_folder
    candidates = []
    for part in ("", *folders):
        folder = folder / part if part else folder
        candidates += [folder / f"{folder.name}{suffix}" for suffix in _ELEVENTY_DATA]
    candidates += [path.with_name(path.stem + suffix) for suffix in _ELEVENTY_DATA]
    for candidate in candidates:
        data.update(_json_object(candidate))
    data.update(front_matter)
    return data


def _json_object(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def eleventy_global_data(folder: Path) -> dict[str, Any]:
    """Eleventy's global data: each JSON file of its data folder under the file's name."""
    return {
        path.stem: value
        for path in sorted(folder.glob("*.json"))
        if (value := _json_any(path)) is not None
    }


def _json_any(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
