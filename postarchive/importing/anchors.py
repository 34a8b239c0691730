"""Links to a heading by the id the old engine gave it, made links to the archive's anchor of
that heading.

A post links a heading of another post (or of its own) by its id on the old blog:
kramdown's (``intro-tool-guide#ink-pen`` for ``### Ink pen (Write) {#ink-pen}``), Hugo's,
markdown-it-anchor's (``#1.-webc`` for ``## 1. WebC``), Python-Markdown's, or an id the author
set in HTML inside the heading (``## <span id="font-face">...</span>``). MyST names a heading's
anchor its own way (GitHub's), and warns for every such link. The import knows every post, so
once all are converted each link's fragment is written as the anchor MyST gives the heading
the id named. A link whose fragment names nothing on its page is left as written and reported,
with its line."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.slugs import github_slugify, unique_slug

from postarchive.reading.htmlids import html_ids
from postarchive.reading.legacy import CodeSpans
from postarchive.reading.problems import Problem, Subtype

# A heading's id written after it: kramdown's and Goldmark's ``{#id}``, Python-Markdown's
# ``{: #id .class}``.
_HEADING_ID = re.compile(r"\s*\{:?[^}#]*#(?P<id>[\w:.-]+)[^}]*\}\s*$")
# A link's destination, or a reference definition's, holding a fragment.
_DESTINATION = re.compile(
    r"(?:\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)(?P<page>[^)\s>#]*)#(?P<fragment>[^)\s>]+)",
    re.M,
)


@dataclass(frozen=True)
class Written:
    """One converted page of the import: its file in the archive (``posts/2016/x.md``), the
    text it had in the blog (its file ``rel``, the text starting at line ``first_line``) and
    the text it has now."""

    target: str
    source: str
    body: str
    rel: str = ""
    first_line: int = 1


@dataclass
class Relinked:
    bodies: list[str]
    changed: int = 0  # links given the archive's anchor
    problems: list[Problem] = field(default_factory=list)  # links to no anchor of the page


@dataclass(frozen=True)
class _Targets:
    """What a link's fragment may name on a page: its old ids (-> the archive's anchor) and the
    anchors it has as they are (its headings', its raw HTML's ids)."""

    old_ids: dict[str, str]
    anchors: frozenset[str]


def link_old_heading_ids(pages: Sequence[Written]) -> Relinked:
    """Every page's body with its links to old heading ids made links to the archive's
    anchors; a link to a fragment the page it names does not have is reported."""
    by_file = {page.target: page for page in pages}
    targets: dict[str, _Targets] = {}  # a page's file -> what its fragments may be
    result = Relinked([])
    for page in pages:
        code = CodeSpans.of(page.body)

        def retarget(match: re.Match[str], page: Written = page, code: CodeSpans = code) -> str:
            file = match["page"].lstrip("/")
            target = page if not file else by_file.get(file)
            if target is None or code.holds(match.start()):
                return match[0]
            if target.target not in targets:
                targets[target.target] = _targets(target.source, target.body)
            fragment = unquote(match["fragment"])
            anchor = targets[target.target].old_ids.get(fragment)
            if anchor is None:
                if fragment not in targets[target.target].anchors:
                    result.problems.append(_no_such_anchor(page, match, target))
                return match[0]
            result.changed += 1
            return f"{match[0][: match.start('fragment') - match.start()]}{anchor}"

        result.bodies.append(_DESTINATION.sub(retarget, page.body))
    return result


def _no_such_anchor(page: Written, match: re.Match[str], target: Written) -> Problem:
    written = f"#{match['fragment']}"
    at = page.source.find(written)
    line = page.first_line + (page.source.count("\n", 0, at) if at >= 0 else 0)
    where = "this post" if target is page else target.rel
    message = f"link to {written}: {where} has no heading or id of that name; kept as written"
    return Problem(page.rel, line if at >= 0 else None, message, Subtype.IMPORT)


def _targets(source: str, body: str) -> _Targets:
    taken: set[str] = set()
    for _level, text, _ids in _headings(body):  # headings of every level: the build names all
        taken.add(unique_slug(github_slugify(text), taken))
    anchors = frozenset((taken | set(html_ids(_without_code(body)))) - {""})
    return _Targets(_anchors(source, body), anchors)


def _without_code(body: str) -> str:
    """The page's text with its code blanked out: an id in a code sample (mxb's
    ``<ol id="webmentions">`` shown in a fence) is no anchor of the page."""
    pieces, at = [], 0
    for start, end in CodeSpans.of(body).spans:
        pieces += [body[at:start], " " * (end - start)]
        at = end
    return "".join([*pieces, body[at:]])


def _anchors(source: str, body: str) -> dict[str, str]:
    """The ids the old engines gave the headings of ``source`` -> MyST's anchor of the same
    heading in ``body``; ids that are already MyST's anchors are not in it."""
    mine: dict[str, deque[str]] = defaultdict(deque)  # a heading's words -> its anchors
    taken: set[str] = set()
    for _level, text, _ids in _headings(body):
        anchor = unique_slug(github_slugify(text), taken)
        taken.add(anchor)
        mine[_words(text)].append(anchor)
    found: dict[str, str] = {}
    seen: dict[Callable[[str], str], set[str]] = defaultdict(set)
    for _level, text, ids in _headings(source):
        heading = _HEADING_ID.search(text)
        if heading:
            ids = [*ids, heading["id"]]
            text = text[: heading.start()]
        anchors = mine.get(_words(text))
        if not anchors:
            continue
        anchor = anchors.popleft()
        for engine in ENGINES:  # each engine's ids, made unique as each engine does
            engine_id = unique_slug(engine(text), seen[engine])
            seen[engine].add(engine_id)
            ids.append(engine_id)
        for old in ids:
            if old and old not in taken:
                found.setdefault(old, anchor)
    return found


def _headings(text: str) -> Iterable[tuple[int, str, list[str]]]:
    """Each heading of a Markdown text: its level, its text as MyST reads it for its anchor
    (text and code, no markup) and the ids HTML inside it sets."""
    tokens = _parser().parse(text)
    for opening, inline in pairwise(tokens):
        if opening.type != "heading_open":
            continue
        children: list[Token] = inline.children or []
        words = "".join(c.content for c in children if c.type in ("text", "code_inline"))
        html = (child.content for child in children if child.type == "html_inline")
        ids = [anchor for content in html for anchor in html_ids(content)]
        yield int(opening.tag[1:]), words, ids


@cache  # one parser, made once: it holds no text
def _parser() -> MarkdownIt:
    return create_md_parser(MdParserConfig(), RendererHTML)


def _words(text: str) -> str:
    return " ".join(github_slugify(text.strip()).replace("-", " ").split())


def _kramdown(text: str) -> str:
    """kramdown's automatic header id (Jekyll)."""
    kept = re.sub(r"[^a-zA-Z0-9 -]", "", re.sub(r"^[^a-zA-Z]+", "", text.strip()))
    return kept.replace(" ", "-").lower() or "section"


def _goldmark(text: str) -> str:
    """Goldmark's GitHub-style id (Hugo)."""
    return github_slugify(text.strip())


def _markdown_it_anchor(text: str) -> str:
    """markdown-it-anchor's default id (Eleventy), before its URI encoding: fragments are
    compared decoded."""
    return re.sub(r"\s+", "-", text.strip().lower())


def _python_markdown(text: str) -> str:
    """Python-Markdown's ``toc`` id (Pelican)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", plain).strip().lower())


ENGINES: tuple[Callable[[str], str], ...] = (
    _kramdown,
    _goldmark,
    _markdown_it_anchor,
    _python_markdown,
)
