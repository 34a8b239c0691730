"""Links the old blogs wrote, recognised in one place for the importer and the build.

- Hugo ``{{< ref "x.md" >}}`` / ``{{< relref >}}``, Jekyll ``{% post_url 2016-11-06-slug %}`` and
  ``{% link _posts/x.md %}``, Pelican ``{filename}/x.md`` (and its ``{static}``, ``{attach}``)
  name a post or file of the old blog; Markdown link destinations (inline ``](url)`` and
  reference definitions ``[id]: url``) may point at an old address.
- :func:`rewrite_legacy_links` finds them outside code (fenced blocks and inline code spans are
  shown as the author wrote them) and writes what the caller's ``resolve`` gives for each. Each
  line keeps its number, since problems are reported at file lines.
- :class:`ReferenceIndex` finds the post a reference names, by the same keys on both sides:
  :func:`reference_keys` for a reference, :func:`post_keys` for a post.
- :func:`old_path_key` and :func:`redirect_source` read the old blog's addresses.

No Sphinx here: the importer runs without it, and the build calls this before MyST parses a post
(none of these forms is Markdown MyST could parse: the shortcodes hold spaces).
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

# The suffixes of Markdown post files, and what a reference to a post may end with (its file or
# its old page); one list for the importer and the build.
MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
SUFFIXES = (*MARKDOWN, ".html")
# Folders blogs keep posts in, which references may or may not spell out (the archive's own
# posts folder is added by :class:`ReferenceIndex`).
FOLDERS = ("content/", "_posts/", "posts/")


# -- The forms -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """One way old blogs wrote a link, and the pattern that finds it (with a ``reference`` group
    and, for the template forms, a ``name`` group)."""

    name: str  # "hugo", "liquid", "pelican", "markdown"
    pattern: re.Pattern[str]
    # Markdown destinations: only the address is replaced; template forms are replaced whole.
    destination_only: bool = False


HUGO_REF = Form(
    "hugo",
    re.compile(
        r"""\{\{[<%]\s*(?P<name>(?i:(?:rel)?ref))\s+(?:path=)?["']?(?P<reference>[^"'\s>%]+)"""
        r"""["']?[^>%]*[>%]\}\}"""
    ),
)
LIQUID_LINK = Form(
    "liquid",
    re.compile(r"""\{%-?\s*(?P<name>post_url|link)\s+["']?(?P<reference>[^"'\s%]+)["']?\s*-?%\}"""),
)
PELICAN_LINK = Form(
    "pelican",
    # A path may hold spaces where Python-Markdown read them: up to the link's ``)`` or title.
    # Not a MyST role: {tag}`django`.
    re.compile(
        r"""[{|](?P<name>filename|static|attach|tag|category|author)[}|](?!`)"""
        r"""(?P<reference>[^\s)"'>\]]+(?:[ ][^\s)"'>\]]+)*(?=\s*[)"'>\]])|[^\s)"'>\]]+)"""
    ),
)
# Pelican's links to a tag's, a category's or an author's page: the build links the archive's.
GROUP_LINKS = ("tag", "category", "author")
# Destinations that start with a template form are left to that form's pattern.
MARKDOWN_LINK = Form(
    "markdown",
    # Not an image's: ``[![img](src)](page)`` offers ``page`` only (link text may hold brackets).
    re.compile(r"\[(?<!!\[)(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<reference>[^)\s>{|][^)\s>]*)"),
    destination_only=True,
)
MARKDOWN_DEFINITION = Form(
    "markdown",
    re.compile(r"^[ \t]{0,3}\[[^\]]+\]:\s*<?(?P<reference>[^\s>{|]\S*?)(?=>?(?:\s|$))", re.M),
    destination_only=True,
)
FORMS = (HUGO_REF, LIQUID_LINK, PELICAN_LINK, MARKDOWN_LINK, MARKDOWN_DEFINITION)


@dataclass(frozen=True)
class LegacyLink:
    """One legacy link found in prose."""

    form: Form
    name: str  # ref, relref, post_url, link, filename, static, attach; "" for Markdown
    reference: str  # what it names, without its anchor
    anchor: str  # "#part" or ""
    line: int  # its line in the text, from 1
    written: str  # as the author wrote it (for Markdown, the destination)


def rewrite_legacy_links(
    text: str,
    resolve: Callable[[LegacyLink], str | None],
    forms: Iterable[Form] = FORMS,
) -> str:
    """Write what ``resolve`` gives for each legacy link outside code; keep a link it gives None.

    ``resolve`` returns the address to write (the anchor is added back). A post's file
    (``/posts/x.md``) named bare in prose, not as a link's destination, becomes ``[](...)``, a
    link showing the post's title. Each line keeps its number.
    """
    found = sorted(
        [
            (_replaced(match, form), match, form)
            for form in forms
            for match in form.pattern.finditer(text)
        ],
        key=lambda item: item[0],
    )
    if not found:
        return text
    code = CodeSpans.of(text)
    pieces, done = [], 0
    line, counted = 1, 0  # the line number at offset ``counted``
    for (start, end), match, form in found:
        if start < done or code.holds(start):
            continue  # inside a form already rewritten, or code
        line, counted = line + text.count("\n", counted, start), start
        written = text[start:end]
        reference, _, anchor = match.group("reference").partition("#")
        name = match.group("name").lower() if "name" in form.pattern.groupindex else ""
        link = LegacyLink(form, name, reference, anchor and "#" + anchor, line, written)
        target = resolve(link)
        if target is None:
            continue
        target += link.anchor
        if not form.destination_only and _is_post_file(target) and not _after_opening(text, start):
            target = f"[]({target})"
        elif " " in target and _in_markdown_destination(text, start):
            target = f"<{target}>"  # a Markdown destination holds spaces only between < and >
        # A shortcode written over several lines leaves its line breaks after the link.
        pieces += [text[done:start], target, "\n" * written.count("\n")]
        done = end
    return "".join([*pieces, text[done:]])


def _replaced(match: re.Match[str], form: Form) -> tuple[int, int]:
    """The span a link's rewriting replaces."""
    return match.span("reference") if form.destination_only else match.span()


# What stands before a link's destination: ``](``, ``[id]: ``, or an HTML attribute's ``="``.
_DESTINATION_OPENING = re.compile(r"""(?:\]\(\s*<?|\]:\s*<?|[\w-]=["']?)$""")


_MARKDOWN_OPENING = re.compile(r"\]\(\s*$")


def _in_markdown_destination(text: str, start: int) -> bool:
    return bool(_MARKDOWN_OPENING.search(text, _from_line_before(text, start), start))


def _after_opening(text: str, start: int) -> bool:
    return bool(_DESTINATION_OPENING.search(text, _from_line_before(text, start), start))


def _from_line_before(text: str, start: int) -> int:
    """Where to look back from: the start of the line before when ``start`` is the first thing
    on its line, as in a link whose destination begins on the next line (``[text](⏎path)``)."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start and not text[line_start:start].strip():
        return text.rfind("\n", 0, line_start - 1) + 1
    return line_start


def _is_post_file(target: str) -> bool:
    return target.partition("#")[0].endswith(".md")


# -- Code ----------------------------------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$", re.M)
_DIRECTIVE = re.compile(r"\{([\w:-]+)\}")
# MyST directives whose content is not Markdown; the others (note, figure, ...) hold prose.
_CODE_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "eval-rst", "raw", "math"}
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")


@dataclass(frozen=True)
class CodeSpans:
    """Where a Markdown text holds code, as (start, end) offsets: fenced and indented code
    blocks (also in lists and quotes) and inline code spans, which are shown as written and
    never converted. ``unclosed``: the lines (from 1) of fences never closed."""

    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = ()
    unclosed: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str) -> CodeSpans:
        if "`" not in text and "~~~" not in text and "    " not in text and "\t" not in text:
            return cls(())
        blocks, unclosed = _code_blocks(text)
        spans: list[tuple[int, int]] = []
        prose_start = 0
        for block_start, block_end, is_code in _merged(blocks):
            _inline_code(text, prose_start, block_start, spans)
            if is_code:
                spans.append((block_start, block_end))
            prose_start = max(prose_start, block_end)
        _inline_code(text, prose_start, len(text), spans)
        return cls(tuple(spans), tuple(start for start, _end in spans), unclosed)

    def holds(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.spans[index][1]


# The block rules of CommonMark only: inline parsing is not needed to know where code blocks are.
_BLOCK_PARSER = MarkdownIt("commonmark").disable(["inline", "text_join"], ignoreInvalid=True)


@lru_cache(maxsize=16)  # the importer asks again for a text no step has changed
def _code_blocks(text: str) -> tuple[tuple[tuple[int, int, bool], ...], tuple[int, ...]]:
    """Code blocks as MyST's parser sees them (indented code, fences in lists and quotes), and
    fences as a line scan finds them at any indentation (also inside HTML, where a line of
    backticks taken for code is shown as written, the safe mistake); with the lines of fences
    never closed."""
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def offset(line: int) -> int:
        return line_starts[line] if line < len(line_starts) else len(text)

    blocks = list(_fences(text))
    unclosed: list[int] = []
    for token in _BLOCK_PARSER.parse(text):
        if token.map is None or token.type not in ("fence", "code_block"):
            continue
        first, last = token.map
        if token.type == "fence":
            directive = _DIRECTIVE.match(token.info.strip())
            if directive and directive[1] not in _CODE_DIRECTIVES:
                continue  # prose inside: the line scan gives its fence lines
            closing = text[offset(last - 1) : offset(last)].strip().lstrip("> \t")
            if last - first < 2 or not (
                closing.startswith(token.markup) and not closing.strip(token.markup[0])
            ):
                unclosed.append(first + 1)
        blocks.append((offset(first), offset(last), True))
    return tuple(blocks), tuple(unclosed)


def _merged(blocks: Iterable[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Code blocks in order, those that overlap as one; prose fence lines inside code dropped."""
    merged: list[tuple[int, int, bool]] = []
    for start, end, is_code in sorted(blocks):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_code = merged[-1]
            if last_code or is_code:
                merged[-1] = (last_start, max(last_end, end), True)
            continue
        merged.append((start, end, is_code))
    return merged


def _fences(text: str) -> Iterable[tuple[int, int, bool]]:
    """Fenced code blocks, ``` or ~~~, closed by a fence of the same kind at least as long (or
    the end of the text), as (start, end, True); the fence lines of MyST directives that hold
    Markdown (``{note}``, ``{figure}``), as (start, end, False): what they enclose is prose.

    Fences are taken at any indentation: inside list items they are indented further, and a
    line of backticks taken for code is shown as written, which is the safe mistake."""
    directives: list[str] = []  # open directive fences, innermost last
    opened: tuple[str, int] | None = None  # the open code fence and where its block starts
    for match in _FENCE.finditer(text):
        fence, info = match.group("fence"), match.group("info").strip()
        if fence[0] == "`" and "`" in info:
            continue  # ```x``` is inline code, not a fence
        closes = not info
        if opened:
            if closes and fence.startswith(opened[0]):
                yield opened[1], match.end(), True
                opened = None
        elif closes and directives and fence.startswith(directives[-1]):
            directives.pop()
            yield match.start(), match.end(), False
        elif (directive := _DIRECTIVE.match(info)) and directive[1] not in _CODE_DIRECTIVES:
            directives.append(fence)
            yield match.start(), match.end(), False
        else:
            opened = fence, match.start()
    if opened:
        yield opened[1], len(text), True


def _inline_code(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Inline code spans between ``start`` and ``end``: a run of backticks up to the next run
    of the same length in the same paragraph; an unmatched run is literal backticks, and so is
    one escaped by a backslash (inside code a backslash is literal: it does not escape)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)]
    if not runs:
        return
    paragraph_ends = [m.start() for m in _BLANK_LINE.finditer(text, start, end)]
    index = 0
    while index < len(runs):
        opening_start, opening_end = runs[index]
        index += 1
        if text[opening_start - 1 : opening_start] == "\\":
            continue
        length = opening_end - opening_start
        limit_index = bisect_right(paragraph_ends, opening_start)
        limit = paragraph_ends[limit_index] if limit_index < len(paragraph_ends) else end
        for later in range(index, len(runs)):
            later_start, later_end = runs[later]
            if later_start >= limit:
                break
            if later_end - later_start == length:
                spans.append((opening_start, later_end))
                index = later + 1
                break


# -- References to posts -------------------------------------------------------------------------


class Known(IntEnum):
    """How a post is known by a key, strongest first: a key names the post that has it most
    strongly, and among equals the first."""

    PATH = 1  # its file, with or without the folders blogs keep posts in
    STEM = 2  # its file's name, when no other post has it
    SLUG = 3
    ADDRESS = 4  # an old address written in the post (the build also has old_path_key)


@dataclass(frozen=True)
class PostNames:
    """What the old blog's links may call a post, and what a reference to it gives."""

    target: str
    paths: tuple[str, ...]  # its files, relative to the folder links start from
    stem: str = ""  # the name links use for its file (Jekyll's dated name, a bundle's folder)
    slug: str = ""
    addresses: tuple[str, ...] = ()  # its old addresses (permalink, aliases)


_LEADING = re.compile(r"^(?:\.{1,2}/|/)+")


def _path_key(path: str) -> str:
    """A file or address as compared: decoded, without anchor, trailing slash or suffix."""
    path = unquote(path.strip()).partition("#")[0].rstrip("/")
    lower = path.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return path[: -len(suffix)]
    return path


def _without_folders(path: str, folders: Sequence[str]) -> str:
    while prefix := next((f for f in folders if path.startswith(f)), None):
        path = path.removeprefix(prefix)
    return path


def reference_keys(
    reference: str, relative_to: str = "", folders: Sequence[str] = FOLDERS
) -> list[str]:
    """The keys a reference may be found by, in order: as written (``/``, ``./``, ``../``
    apart), relative to the file it is in, without the posts folders, and its last part."""
    path = _path_key(reference)
    plain = _LEADING.sub("", path)
    keys = [plain]
    if relative_to:
        keys.append(posixpath.normpath(posixpath.join(posixpath.dirname(relative_to), path)))
    keys += [_without_folders(plain, folders), posixpath.basename(plain)]
    return list(dict.fromkeys(key for key in keys if key))


def post_keys(post: PostNames, folders: Sequence[str] = FOLDERS) -> list[tuple[Known, str]]:
    """The keys a post is known by, and how strongly. Give ``stem`` only when no other post
    has it (:class:`ReferenceIndex` does)."""
    keys: list[tuple[Known, str]] = []
    for path in post.paths:
        plain = _LEADING.sub("", _path_key(path))
        keys += [(Known.PATH, plain), (Known.PATH, _without_folders(plain, folders))]
    keys += [(Known.STEM, post.stem), (Known.SLUG, post.slug)]
    keys += [(Known.ADDRESS, _LEADING.sub("", _path_key(a))) for a in post.addresses]
    return [(known, key) for known, key in keys if key]


class ReferenceIndex:
    """Finds what a reference to a post gives, the same way for the importer and the build."""

    def __init__(self, posts: Iterable[PostNames], posts_dir: str = "posts") -> None:
        posts = list(posts)
        self.folders = tuple(dict.fromkeys([*FOLDERS, posts_dir.strip("/") + "/"]))
        stems = Counter(post.stem for post in posts)
        self._claims: dict[str, tuple[Known, str]] = {}
        for post in posts:
            unique = post if stems[post.stem] == 1 else replace(post, stem="")
            for known, key in post_keys(unique, self.folders):
                if key not in self._claims or known < self._claims[key][0]:
                    self._claims[key] = (known, post.target)

    def find(self, reference: str, relative_to: str = "") -> str | None:
        """The target of the post ``reference`` names, from the file ``relative_to``."""
        for key in reference_keys(reference, relative_to, self.folders):
            if key in self._claims:
                return self._claims[key][1]
        return None


# -- Old addresses -------------------------------------------------------------------------------


def old_path_key(url: str, domains: tuple[str, ...]) -> str | None:
    """The comparable path of a link to the old blog, or None when the link goes elsewhere.

    ``/blog/x/``, ``/blog/x/index.html`` and ``https://old.example/blog/x`` all give ``/blog/x``.
    """
    if not url or "\\" in url:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or (parts.hostname or "") not in domains:
            return None
    elif not url.startswith("/"):
        return None
    path = parts.path or "/"
    path = path.removesuffix("index.html").removesuffix("index.htm")
    return "/" + path.strip("/")


def redirect_source(permalink: str, domains: tuple[str, ...]) -> tuple[str | None, str]:
    """Where a redirect page for ``permalink`` goes, relative to the output folder, or the
    reason it may not be written: anything that could leave the output folder is refused."""
    if "\x00" in permalink or "\\" in permalink:
        return None, "holds a backslash or NUL"
    parts = urlsplit(permalink)
    if parts.scheme and re.fullmatch(r"[A-Za-z]", parts.scheme):
        return None, "is a Windows file path"
    elsewhere = parts.scheme not in ("http", "https") or (parts.hostname or "") not in domains
    if (parts.scheme or parts.netloc) and elsewhere:
        return None, "is not an address on the old blog (see postarchive_old_domains)"
    path = parts.path
    if not path.startswith("/"):
        return None, "must start with '/'"
    segments = [s for s in path.split("/") if s]
    if (
        any(s in (".", "..") for s in segments)
        or posixpath.normpath(path) != path.rstrip("/")
        or not segments
    ):
        return None, "must be a plain path below the site root (no '.', '..' or '//')"
    last = segments[-1]
    if path.endswith("/") or not last.lower().endswith((".html", ".htm")):
        segments.append("index.html")
    return "/".join(segments), ""
