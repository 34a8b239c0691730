"""The HTML of a hosted blog's post (WordPress, Blogger, Ghost, a feed), made into MyST.

html-to-markdown does the conversion; what it cannot know about the archive is done around it:
a figure with its caption becomes a MyST figure, a code block is fenced with its language and its
text exactly as shown (entities decoded once), an embedded frame becomes a link, inline styles,
scripts and forms go. Those blocks are put in as placeholders before the conversion and written
back after it, so the converter never re-reads them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import html_to_markdown
from bs4 import BeautifulSoup, Comment, PageElement, Tag

from postarchive.importing.convert import _fenced, _figure
from postarchive.importing.escaping import markdown_text

MORE = "<!--more-->"
# Text that no post contains, one per block put aside: letters only, so no converter escapes it.
_PLACEHOLDER = "POSTARCHIVEBLOCK{}X"
_PLACEHOLDERS = re.compile(r"POSTARCHIVEBLOCK(\d+)X")
_OPTIONS = html_to_markdown.ConversionOptions(
    heading_style="atx",
    bullets="-",
    # Text that Markdown would read as markup stays text: a line's leading "1.", "#" or ">"
    # (always escaped), "*"; "<" and entities are escaped here (``_keep_as_text``). "_" only
    # makes emphasis at word edges, and escaping it would cut the addresses in prose; the other
    # escapes ("-", ".", "!") would make the files hard to edit.
    escape_asterisks=True,
    escape_misc=False,
    escape_underscores=False,
    autolinks=False,
    extract_metadata=False,
    code_block_style="backticks",
)
# SyntaxHighlighter's "brush: python;", Prism's and highlight.js's "language-python"/"lang-py".
_LANGUAGE_CLASS = re.compile(r"^(?:language|lang|brush|highlight-source)-([\w+#-]+)$")
_BRUSH = re.compile(r"\bbrush:\s*([\w+#-]+)")
_DROPPED = ("script", "style", "noscript", "form", "input", "button", "select", "textarea")
_FRAMES = ("iframe", "embed", "object", "video", "audio")


@dataclass
class MystText:
    text: str
    conversions: Counter[str] = field(default_factory=Counter)
    # What a reader of the old blog saw that is now only a link, for the report.
    notes: list[str] = field(default_factory=list)


def html_to_myst(html: str, *, base: str | None = None, headings: bool = True) -> MystText:
    """``html`` as MyST Markdown. ``<!--more-->`` (the author's cut for the excerpt) is kept.
    Addresses relative to the old blog are made whole with ``base`` (its address): the archive
    has none of those pages at those paths. Without ``headings``, headings are bold paragraphs
    (in a comment, below the post's own)."""
    result = MystText("")
    soup = BeautifulSoup(html, "html.parser")
    blocks: list[str] = []

    def put_aside(node: PageElement, block: str, *, inline: bool = False) -> None:
        """Replace ``node`` by a placeholder (a paragraph, or text within its line) whose block
        is written back later."""
        placeholder = _PLACEHOLDER.format(len(blocks))
        blocks.append(block)
        if inline:
            node.replace_with(placeholder)
            return
        paragraph = soup.new_tag("p")
        paragraph.string = placeholder
        node.replace_with(paragraph)

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if comment.strip().lower() == "more":
            put_aside(comment, MORE)
        else:
            comment.extract()  # the editor's marks (Gutenberg's are read before)
    for node in soup.find_all(_DROPPED):
        link = _script_link(node) if node.name == "script" else None
        if link is None:
            result.conversions[f"<{node.name}> left out"] += 1
            node.decompose()
        else:  # an embed (a gist): what it showed is at its address
            result.conversions["<script> as a link"] += 1
            result.notes.append(f"an embedded script is now a link: {link}")
            put_aside(node, link)
    for svg in soup.find_all("svg"):
        if svg.find_parent("svg") is None:
            result.conversions["inline <svg>"] += 1
            put_aside(svg, _safe_svg(svg), inline=svg.find_parent(_BLOCKS) is not None)
    _addresses(soup, base, result)
    for pre in soup.find_all("pre"):
        if pre.find_parent("pre") is None:
            result.conversions["code block"] += 1
            put_aside(pre, _fenced(_code_language(pre), _code_text(pre)))
    # WordPress's captioned image as it shows it (in feeds): a div, not yet a figure.
    for shown in soup.select("div.wp-caption"):
        caption = shown.select_one(".wp-caption-text")
        if caption is not None:
            caption.name = "figcaption"
        shown.name = "figure"
    for figure in soup.find_all("figure"):
        block = _figure_block(figure)
        if block is not None:
            result.conversions["figure"] += 1
            put_aside(figure, block)
    for frame in soup.find_all(_FRAMES):
        if frame.parent is None:
            continue  # inside a frame already replaced
        link = _frame_link(frame)
        if link is None:
            frame.unwrap()  # its fallback content, if any, stays
        else:
            result.conversions[f"<{frame.name}> as a link"] += 1
            put_aside(frame, link)
    for tag in soup.find_all(True):
        for attribute in ("style", "class", "id", "align", "width", "height"):
            tag.attrs.pop(attribute, None)
    if not headings:
        for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            heading.name = "p"
            heading.wrap(soup.new_tag("strong"))
    _keep_as_text(soup)

    text = html_to_markdown.convert(str(soup), _OPTIONS).content or ""
    result.text = _put_back(_tidy_breaks(text), blocks)
    return result


_BREAK = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")
_NESTED_BREAK = re.compile(
    r"^(?:\s*>[> \t]*|\s{4,})(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$"
)
_FENCE = re.compile(r"^[\s>]*(`{3,}|~{3,})")


def _tidy_breaks(text: str) -> str:
    """Thematic breaks only between text: docutils refuses one at the start or end of a page
    or section (a Gutenberg separator after a heading) and two in a row."""
    lines = text.split("\n")
    kept: list[str] = []
    fence = ""
    for n, line in enumerate(lines):
        opened, stripped = _FENCE.match(line), line.strip()
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""  # the code block's end
        elif opened:
            fence = opened.group(1)
        elif _NESTED_BREAK.match(line):
            continue  # in a quote or a list: docutils has no break there
        elif _BREAK.match(line):
            before = next((k for k in reversed(kept) if k.strip()), "")
            after = next((k for k in lines[n + 1 :] if k.strip()), "")
            if not before or _BREAK.match(before) or before.lstrip().startswith("#"):
                continue
            if not after or after.lstrip().startswith("#"):
                continue
        kept.append(line)
    return "\n".join(kept)


_SCHEMES = {"http", "https", "mailto", "ftp", "tel", "data"}


def _addresses(soup: BeautifulSoup, base: str | None, result: MystText) -> None:
    """Links and images relative to the old blog made whole; a link whose scheme is not one
    (a typo such as "hhttps:") kept as text with its address shown, so MyST does not take it
    for a reference to a document."""
    for tag, attribute in (("a", "href"), ("img", "src")):
        for node in soup.find_all(tag):
            value = node.get(attribute)
            if not isinstance(value, str) or not value.strip():
                if tag == "a":
                    node.unwrap()
                continue
            value = value.strip()
            if tag == "a" and value.startswith("#"):
                node.unwrap()  # the ids it names are not kept: its text is
                continue
            parts = urlsplit(value)
            if parts.scheme and parts.scheme.lower() not in _SCHEMES:
                if tag == "a":
                    result.conversions["link to an unknown scheme as text"] += 1
                    node.append(f" ({value})")
                    node.unwrap()
                continue
            if value.startswith("//"):
                node[attribute] = "https:" + value
            elif not parts.scheme and base:
                node[attribute] = urljoin(base.rstrip("/") + "/", value)


_ENTITY = re.compile(r"&(#?\w+;)")


def _keep_as_text(soup: BeautifulSoup) -> None:
    """Text that reads as HTML in Markdown ("<tag>", "&amp;") written so that it shows as text:
    the converter decodes these once, so Markdown gets "&lt;tag>" and "&amp;amp;"."""
    for string in soup.find_all(string=True):
        if ("<" not in string and "&" not in string) or isinstance(string, Comment):
            continue  # most text: looked at without climbing the tree
        if string.find_parent(["code", "pre", "kbd", "samp"]) is None:
            string.replace_with(_ENTITY.sub(r"&amp;\1", str(string)).replace("<", "&lt;"))


def _put_back(text: str, blocks: list[str]) -> str:
    """Each placeholder replaced by its block, indented as the line it is on (a list item); a
    block of one line (a picture within a sentence) stays within its line."""
    lines = []
    for line in text.split("\n"):
        match = next(
            (m for m in _PLACEHOLDERS.finditer(line) if "\n" in blocks[int(m.group(1))]), None
        )
        if match is None:
            lines.append(line)
            continue
        prefix = line[: match.start()]
        # The block's other lines stay in the quote and list item its first line is in.
        indent = re.sub(r"[^>\s]", " ", prefix)
        block = blocks[int(match.group(1))].split("\n")
        lines.append(prefix + block[0])
        lines += [indent + b if b else "" for b in block[1:]]
        rest = line[match.end() :].strip()
        if rest:
            lines.append(indent + rest)
    text = "\n".join(lines)
    text = _PLACEHOLDERS.sub(lambda m: blocks[int(m.group(1))], text)  # two on one line
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def _code_language(pre: Tag) -> str:
    code = pre.find("code")
    for node in (code, pre) if code is not None else (pre,):
        assert isinstance(node, Tag)
        language = node.get("data-lang") or node.get("lang")
        if isinstance(language, str) and language:
            return language
        classes: list[str] = list(node.get("class") or [])
        for name in classes:
            match = _LANGUAGE_CLASS.match(name)
            if match:
                return match.group(1)
        brush = _BRUSH.search(" ".join(classes))
        if brush:
            return brush.group(1)
    return ""


def _code_text(pre: Tag) -> str:
    """The code as the reader saw it: text decoded once; ``<br>`` as new lines (some editors)."""
    for br in pre.find_all("br"):
        br.replace_with("\n")
    return pre.get_text()


def _figure_block(figure: Tag) -> str | None:
    """A figure of one image, with its caption, as a MyST figure; None for other figures."""
    images = figure.find_all("img")
    if len(images) != 1 or figure.find(["table", "pre", "ul", "ol", "figure"]):
        return None
    image = images[0]
    src = image.get("src")
    if not isinstance(src, str) or not src.strip():
        return None
    caption_node = figure.find("figcaption")
    caption = _inline(caption_node) if caption_node else ""
    link = image.find_parent("a")
    target = link.get("href") if link is not None else None
    alt = image.get("alt")
    return _figure(
        src.strip(),
        alt if isinstance(alt, str) else "",
        caption,
        target if isinstance(target, str) and target != src else None,
    )


def _inline(node: Tag) -> str:
    """A caption's HTML as one line of MyST (its links and emphasis kept)."""
    text = html_to_markdown.convert(node.decode_contents(), _OPTIONS).content or ""
    return " ".join(text.split())


def _frame_link(frame: Tag) -> str | None:
    """An embedded player or page, as a link to what it shows."""
    src = frame.get("src") or frame.get("data")
    if not isinstance(src, str) or not src.strip():
        source = frame.find("source")
        src = source.get("src") if source is not None else None
    if not isinstance(src, str) or not src.strip():
        return None
    src = src.strip()
    if src.startswith("//"):
        src = "https:" + src
    title = frame.get("title")
    if urlsplit(src).scheme.lower() not in _SCHEMES:
        return f"{markdown_text(src)}"  # not an address (a typo): shown, not linked
    host = urlsplit(src).hostname or src
    what = {"video": "Video", "audio": "Audio"}.get(frame.name, "Embedded content")
    label = title if isinstance(title, str) and title.strip() else f"{what} ({host})"
    return f"[{markdown_text(label)}]({src.replace(' ', '%20')})"


# Elements whose text is a line of prose: an <svg> in one is a picture within that line.
_BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "a", "span")
_SVG_ACTIVE = ("script", "foreignobject", "foreignObject", "iframe", "handler", "listener")
_LINK_ATTRIBUTES = ("href", "xlink:href", "src")


def _safe_svg(svg: Tag) -> str:
    """An inline SVG picture as raw HTML of one line, with nothing in it that runs: no scripts
    or foreign HTML, no event handlers, no ``javascript:`` links, no animation of links."""
    for node in svg.find_all(_SVG_ACTIVE):
        node.decompose()
    for node in [svg, *svg.find_all(True)]:
        if node.name in ("set", "animate") and str(node.get("attributename", "")).lower() in (
            "href",
            "xlink:href",
        ):
            node.decompose()
            continue
        for name in list(node.attrs):
            value = str(node.attrs[name])
            if name.lower().startswith("on") or (
                name.lower() in _LINK_ATTRIBUTES and not _safe_reference(value)
            ):
                del node.attrs[name]
    # One line: a blank line would end the raw HTML in Markdown.
    return re.sub(r"\s*\n\s*", " ", str(svg)).strip()


def _safe_reference(value: str) -> bool:
    """A link inside an SVG that loads nothing that runs: within it (``#id``), or http(s)."""
    value = "".join(value.split()).lower()
    return value.startswith("#") or urlsplit(value).scheme in ("http", "https", "")


def _script_link(script: Tag) -> str | None:
    """An embedding script (a gist, a widget) as a link to what it showed; None without a
    ``src``. A gist's script names its page with ``.js`` added."""
    src = script.get("src")
    if not isinstance(src, str) or not src.strip():
        return None
    src = src.strip()
    if src.startswith("//"):
        src = "https:" + src
    parts = urlsplit(src)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = parts.hostname or src
    if host == "gist.github.com" and parts.path.endswith(".js"):
        page = parts._replace(path=parts.path.removesuffix(".js"), query="", fragment="")
        name = markdown_text(page.path.strip("/"))
        return f"[Gist {name}]({page.geturl().replace(' ', '%20')})"
    return f"[Embedded content ({host})]({src.replace(' ', '%20')})"


def safe_html(html: str) -> str:
    """HTML the converter could not read, kept as the post's text: without what the converted
    posts lose too (scripts, styles, forms) and without event handlers or ``javascript:``
    links, so it shows and runs nothing."""
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if comment.strip().lower() != "more":
            comment.extract()
    for node in soup.find_all([*_DROPPED, "iframe", "object", "embed", "frame", "frameset"]):
        node.decompose()
    for node in soup.find_all(True):
        for name in list(node.attrs):
            value = str(node.attrs[name]).strip().lower()
            allowed = (
                _safe_reference(value)
                or (name == "href" and value.startswith("mailto:"))
                or (name == "src" and value.startswith("data:image/"))
            )
            if name.lower().startswith("on") or (
                name.lower() in (*_LINK_ATTRIBUTES, "action", "formaction", "data") and not allowed
            ):
                del node.attrs[name]
    return str(soup).strip()


# What SetAside puts in the HTML in place of a block: letters only, so no converter escapes it.
_ASIDE = "POSTARCHIVEASIDE{}X"
_ASIDES = re.compile(r"POSTARCHIVEASIDE(\d+)X")


class SetAside:
    """MyST blocks a converter of another format (reStructuredText, Mau) writes itself, where
    the HTML conversion would flatten them (code with a caption, admonitions, math, footnote
    references): each is taken out of ``soup`` before ``html_to_myst`` and written back after,
    blocks inside blocks too."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.blocks: list[str] = []

    def replace(self, node: Tag, block: str, *, inline: bool = False) -> None:
        """``node`` stands for ``block`` (a paragraph of its own unless ``inline``)."""
        placeholder = _ASIDE.format(len(self.blocks))
        self.blocks.append(block)
        if inline:
            node.replace_with(placeholder)
        else:
            paragraph = self.soup.new_tag("p")
            paragraph.string = placeholder
            node.replace_with(paragraph)

    def put_back(self, text: str) -> str:
        while _ASIDES.search(text):
            text = _ASIDES.sub(lambda m: self.blocks[int(m[1])], text)
        return text


def plain_text(html: str) -> str:
    """HTML (an excerpt, a title) as one line of plain text."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(_DROPPED):
        node.decompose()
    return " ".join(soup.get_text(" ").split())


__all__ = ["MORE", "MystText", "html_to_myst", "plain_text"]
