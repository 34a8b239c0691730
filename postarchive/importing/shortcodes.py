"""WordPress's own markup in a post's content, made plain HTML before the HTML becomes MyST:
shortcodes (``[caption]``, ``[gallery]``, ``[embed]``, ``[code]``, ``[audio]``, ``[video]``...),
Gutenberg's block comments (``<!-- wp:image -->``), and the paragraphs WordPress adds when it
shows a classic post (its ``wpautop``: a blank line is a paragraph, a new line a line break).

What has no HTML form is reported with its line in the export, and stays visible.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape, unescape
from posixpath import basename
from urllib.parse import urlsplit

from postarchive.reading.problems import Problem, Subtype

# SyntaxHighlighter Evolved's shortcodes: [code], [sourcecode] and one per language.
_CODE_NAMES = ("code", "sourcecode", "source", "syntaxhighlighter")
_LANGUAGE_NAMES = ("bash", "c", "cpp", "csharp", "css", "diff", "go", "html", "java", "javascript",
                   "js", "json", "perl", "php", "plain", "powershell", "py", "python", "ruby",
                   "rust", "scala", "shell", "sql", "swift", "text", "typescript", "vb", "xml",
                   "yaml")  # fmt: skip
_KNOWN = ("caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "youtube",
          "vimeo", "tweet", "gist", "soundcloud")  # fmt: skip
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))|"([^"]*)"|(\S+)""")
_ANY_PAIR = re.compile(r"\[([a-zA-Z][\w-]*)\b([^\]]*)\](.*?)\[/\1\]", re.S)
_ANY_WITH_ATTRIBUTES = re.compile(r"\[([a-zA-Z][\w-]*)\s+[^\]\[]*=[^\]\[]*\]")
_BLOCK_COMMENT = re.compile(
    r"<!--\s*(/)?wp:([a-z][\w-]*(?:/[a-z][\w-]*)?)\s*(\{.*?\})?\s*(/)?\s*-->", re.S
)
# Blocks WordPress fills when it shows the page (lists of posts, archives): nothing to keep.
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_LINKED_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I | re.S)
_BLOCK_TAGS = (
    "address|article|aside|audio|blockquote|canvas|caption|col|colgroup|dd|details|div|dl|dt|"
    "embed|fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|iframe|li|main|map|"
    "math|menu|nav|object|ol|p|pre|script|section|style|summary|table|tbody|td|tfoot|th|thead|"
    "tr|ul|video"
)
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCK_TAGS})\b", re.I)
_ENDS_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>\s*$", re.I)
_PROTECTED = re.compile(r"<(pre|script|style|textarea)\b.*?</\1>", re.S | re.I)
# A picture drawn in the text: left whole, where it is (a block of its own, or in a sentence).
_SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)


@dataclass(frozen=True)
class Attachment:
    """A media file the export describes: where it is and what was written about it."""

    id: str
    url: str
    title: str = ""
    caption: str = ""
    alt: str = ""
    parent: str = ""  # the post it was uploaded to
    order: int = 0  # its place in that post's gallery
    link: str = ""  # its own page on the old blog


@dataclass
class Markup:
    """What one post's content needs from the export, and what the conversion found."""

    rel: str  # the export file, for messages
    first_line: int  # the line of the export where the content starts
    post_id: str
    attachments: dict[str, Attachment]
    # The attachments uploaded to this post, for a [gallery] that names none.
    own_attachments: Callable[[], list[Attachment]] = lambda: []
    conversions: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def report(self, text: str, index: int, message: str) -> None:
        line = self.first_line + text.count("\n", 0, index)
        self.problems.append(Problem(self.rel, line, message, Subtype.IMPORT))


def wordpress_html(content: str, markup: Markup) -> str:
    """A post's ``content:encoded`` as the HTML WordPress showed."""
    blocks = _BLOCK_COMMENT.search(content) is not None
    text = _code_shortcodes(content, markup)
    if blocks:
        text = _blocks(text, markup)
    text = _shortcodes(text, markup)
    text = _IMG.sub(lambda m: _described(m.group(0), markup), text)
    return text if blocks else autop(text)


_MEDIA_ID = re.compile(r"""\bwp-image-(\d+)\b""")
_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.S | re.I)


def _described(img: str, markup: Markup) -> str:
    """An image of the media library (``class="wp-image-12"``) without alt text gets the one
    its attachment record gives."""
    media = _MEDIA_ID.search(img)
    attachment = markup.attachments.get(media.group(1)) if media else None
    if attachment is None or not attachment.alt:
        return img
    alt = _ALT.search(img)
    if alt and alt.group(2).strip():
        return img  # the author's own
    markup.conversions["alt text from the media library"] += 1
    described = f' alt="{escape(attachment.alt)}"'
    if alt:
        return img[: alt.start()] + described.strip() + img[alt.end() :]
    return re.sub(r"^<img\b", "<img" + described, img, flags=re.I)


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for match in _ATTRIBUTE.finditer(unescape(text)):
        if match.group(1):
            named[match.group(1).lower()] = next(g for g in match.group(2, 3, 4) if g is not None)
        else:
            positional.append(next(g for g in match.group(5, 6) if g is not None))
    return positional, named


def _shortcode(names: tuple[str, ...]) -> re.Pattern[str]:
    """WordPress's shortcode grammar for ``names``: ``[name args]``, ``[name args /]``,
    ``[name args]content[/name]``, and ``[[name]]`` (written to show the brackets)."""
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"\[(\[?)({alternatives})(?![\w-])([^\]]*?)(/?)\](?:(.*?)\[/\2\])?(\]?)", re.S | re.I
    )


# -- Code: first, so that nothing inside it is read as markup -------------------------------------

_CODE = _shortcode(_CODE_NAMES + _LANGUAGE_NAMES)


def _code_shortcodes(text: str, markup: Markup) -> str:
    def code(match: re.Match[str]) -> str:
        if match.group(1) and match.group(6):
            return match.group(0)[1:-1]  # [[code]]: the brackets shown
        name, args, content = match.group(2).lower(), match.group(3), match.group(5)
        if content is None:
            return match.group(0)  # an opening without its end: not code
        _positional, named = _arguments(args)
        language = named.get("language") or named.get("lang") or named.get("brush") or ""
        if name in _LANGUAGE_NAMES:
            language = name
        markup.conversions[f"[{name}]"] += 1
        # Stored as typed, or with entities when typed in the visual editor: decoded once.
        code_text = unescape(content.strip("\n"))
        language_attribute = f' data-lang="{escape(language)}"' if language else ""
        lines = "\n" * (match.group(0).count("\n") - code_text.count("\n"))  # lines kept
        return f"<pre{language_attribute}>{escape(code_text, quote=False)}</pre>{lines}"

    return _CODE.sub(code, text)


# -- Gutenberg blocks ------------------------------------------------------------------------------

_DYNAMIC_OK = {"more", "nextpage", "separator", "spacer"}


def _blocks(text: str, markup: Markup) -> str:
    """Block comments removed, what they wrap kept; a code block's language put on its
    ``<pre>``, an embed made a link, and blocks WordPress filled when showing them reported."""
    out: list[str] = []
    position = 0
    embeds: list[tuple[int, str]] = []  # (where in out the embed's content starts, its URL)
    dynamic: dict[str, int] = {}  # blocks with no content, and where the first is
    for match in _BLOCK_COMMENT.finditer(text):
        closing, name, raw, self_closing = match.groups()
        out.append(text[position : match.start()])
        position = match.end()
        attributes = _block_attributes(raw)
        short = name.removeprefix("core/")
        if closing:
            if embeds and (short == "embed" or short.startswith("core-embed/")):
                start, url = embeds.pop()
                out[start:] = [_embed_html(url, "".join(out[start:]))]
            continue
        markup.conversions["block comment"] += 1
        language = attributes.get("language") or attributes.get("lang")
        if isinstance(language, str) and language:
            following = text[position:]
            pre = re.search(r"<(pre|code)\b", following)
            if pre:
                at = position + pre.end()
                out.append(text[position:at] + f' data-lang="{escape(language)}"')
                position = at
        if short == "embed" or short.startswith("core-embed/"):
            embedded = attributes.get("url")
            if isinstance(embedded, str) and not self_closing:
                embeds.append((len(out), embedded))
        elif self_closing and short not in _DYNAMIC_OK and not short.startswith("embed"):
            dynamic.setdefault(name, match.start())
    out.append(text[position:])
    if dynamic:  # one report a post: a page of widgets has dozens
        names = ", ".join(f"wp:{name}" for name in dynamic)
        message = f"blocks WordPress fills when it shows the page ({names}) have no content here"
        markup.report(text, min(dynamic.values()), message)
    return "".join(out)


def _block_attributes(raw: str | None) -> dict[str, object]:
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _embed_html(url: str, content: str) -> str:
    caption = re.search(r"<figcaption\b[^>]*>(.*?)</figcaption>", content, re.S | re.I)
    link = f'<p><a href="{escape(url)}">{escape(url)}</a></p>'
    return link + (f"<p>{caption.group(1)}</p>" if caption else "")


# -- Other shortcodes ----------------------------------------------------------------------------

_KNOWN_PATTERN = _shortcode(_KNOWN)


def _shortcodes(text: str, markup: Markup) -> str:
    """Every shortcode outside code blocks: the known ones made HTML, the others reported."""
    parts = re.split(r"(<pre\b.*?</pre>)", text, flags=re.S | re.I)
    done, line = [], markup.first_line
    for n, part in enumerate(parts):
        # The same lists of conversions and problems; lines counted from this part's first.
        done.append(part if n % 2 else _shortcodes_in(part, replace(markup, first_line=line)))
        line += part.count("\n")
    return "".join(done)


def _shortcodes_in(text: str, markup: Markup) -> str:
    def known(match: re.Match[str]) -> str:
        if match.group(1) and match.group(6):
            return match.group(0)[1:-1]
        name, args, content = match.group(2).lower(), match.group(3), match.group(5) or ""
        positional, named = _arguments(args)
        html = _known_shortcode(name, positional, named, content, markup)
        if html is None:
            markup.report(text, match.start(), f"[{name}] names nothing in the export; left out")
            return ""
        markup.conversions[f"[{name}]"] += 1
        return match.group(1) + html + match.group(6)

    text = _KNOWN_PATTERN.sub(known, text)

    def other_pair(match: re.Match[str]) -> str:
        markup.report(
            text,
            match.start(),
            f"shortcode [{match.group(1)}] has no HTML form; its text is kept, its effect is not",
        )
        return match.group(3)

    text = _ANY_PAIR.sub(other_pair, text)

    def other(match: re.Match[str]) -> str:
        if re.search(r"<[a-zA-Z]", match.group(0)):
            return match.group(0)
        markup.report(
            text, match.start(), f"shortcode {match.group(0)} has no HTML form; kept as code"
        )
        return f"<code>{escape(match.group(0), quote=False)}</code>"

    return _ANY_WITH_ATTRIBUTES.sub(other, text)


def _known_shortcode(
    name: str, positional: list[str], named: dict[str, str], content: str, markup: Markup
) -> str | None:
    if name in ("caption", "wp_caption"):
        return _caption(named, content)
    if name == "gallery":
        return _gallery(named, markup)
    if name == "embed":
        return _link_paragraph(content.strip())
    if name in ("audio", "video"):
        sources = [named[k] for k in ("src", "mp3", "m4a", "ogg", "wav", "mp4", "m4v", "webm",
                                      "ogv", "wmv", "flv") if named.get(k)]  # fmt: skip
        sources += [p for p in positional if "/" in p]  # wordpress.com's [audio URL]
        if not sources:
            return None
        label = f"{name.capitalize()}: {basename(urlsplit(sources[0]).path) or sources[0]}"
        return _link_paragraph(sources[0], label)
    if name == "playlist":
        items = _attachments(named.get("ids", ""), markup)
        links = "".join(f'<li><a href="{escape(a.url)}">{escape(a.title or a.url)}</a></li>'
                        for a in items)  # fmt: skip
        return f"<ul>{links}</ul>" if items else None
    url = named.get("url") or named.get("id") or (positional[0] if positional else content.strip())
    if not url:
        return None
    if name == "gist" and not url.startswith("http"):
        url = f"https://gist.github.com/{url}"
    return _link_paragraph(url)


def _link_paragraph(url: str, label: str | None = None) -> str:
    return f'<p><a href="{escape(url)}">{escape(label or url)}</a></p>'


def _caption(named: dict[str, str], content: str) -> str:
    """``[caption]<a><img></a> The caption[/caption]`` (or ``caption="..."``): a figure."""
    image = _LINKED_IMG.search(content)
    if image is None:
        return content
    caption = named.get("caption") or (content[: image.start()] + content[image.end() :])
    caption = caption.strip()
    return f"<figure>{image.group(0)}<figcaption>{caption}</figcaption></figure>"


def _attachments(ids: str, markup: Markup) -> list[Attachment]:
    wanted = [i.strip() for i in ids.split(",") if i.strip()]
    return [markup.attachments[i] for i in wanted if i in markup.attachments]


def _gallery(named: dict[str, str], markup: Markup) -> str | None:
    """A gallery: a figure for each of its images, with what the export says of it."""
    ids = named.get("ids") or named.get("include") or ""
    images = _attachments(ids, markup) if ids else markup.own_attachments()
    excluded = {i.strip() for i in named.get("exclude", "").split(",")}
    images = [a for a in images if a.id not in excluded]
    if not images:
        return None
    figures = []
    for image in images:
        alt = escape(image.alt or image.title)
        img = f'<img src="{escape(image.url)}" alt="{alt}">'
        caption = f"<figcaption>{image.caption}</figcaption>" if image.caption else ""
        figures.append(f"<figure>{img}{caption}</figure>")
    return "".join(figures)


# -- Paragraphs ----------------------------------------------------------------------------------


def autop(text: str) -> str:
    """WordPress's paragraphs for content written without them: blank lines part paragraphs,
    a single new line inside one is a line break; block elements and ``<pre>`` are left as
    they are."""
    kept: list[str] = []

    def protect(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\n\n\x00{len(kept) - 1}\x00\n\n"

    def protect_in_place(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _SVG.sub(protect_in_place, text.replace("\r\n", "\n"))
    text = _PROTECTED.sub(protect, text)
    # As WordPress does: every block element on lines of its own, apart from the text around.
    text = re.sub(rf"(<(?:{_BLOCK_TAGS})[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</(?:{_BLOCK_TAGS})>)", r"\1\n\n", text, flags=re.I)
    chunks = [c.strip("\n") for c in re.split(r"\n\s*\n", text)]
    out = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if re.fullmatch(r"\x00\d+\x00", chunk.strip()):
            out.append(chunk.strip())
        elif _STARTS_BLOCK.match(chunk) or _ENDS_BLOCK.search(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    joined = "\n\n".join(out)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], joined)
