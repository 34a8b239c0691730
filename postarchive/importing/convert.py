"""A post's body, made into MyST: shortcodes and template tags converted, links to other posts
pointed at their archive files, and images (also those in raw HTML) brought along.

What cannot be converted stays in the post, visible, and is reported with its line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from html import escape, unescape
from textwrap import dedent
from urllib.parse import urljoin, urlsplit

from postarchive.importing.htmlblocks import html_blocks_whole, markdown_in_html, matching_close
from postarchive.importing.templates import evaluate, html_lines, kept
from postarchive.reading.legacy import (
    GROUP_LINKS,
    HUGO_REF,
    LIQUID_LINK,
    MARKDOWN,
    MARKDOWN_DEFINITION,
    MARKDOWN_LINK,
    PELICAN_LINK,
    CodeSpans,
    LegacyLink,
    rewrite_legacy_links,
)
from postarchive.reading.problems import Problem, Subtype

# Hugo: {{< name args >}} and {{% name args %}}; closing forms {{< /name >}}.
_HUGO = re.compile(r"\{\{([<%])\s*(/?)\s*([\w-]+)\s*(.*?)\s*[>%]\}\}", re.S)
_HUGO_PAIR = re.compile(
    r"\{\{([<%])\s*([\w-]+)\b\s*(.*?)\s*[>%]\}\}\n?(.*?)\{\{[<%]\s*/\s*\2\s*[>%]\}\}", re.S
)
# Hugo's way to show a shortcode as text: {{</* name */>}}, {{%/* name */%}}.
_HUGO_ESCAPED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)
_RAW = re.compile(
    r"\{%-?\s*(?:raw|verbatim)\s*-?%\}(.*?)\{%-?\s*(?:endraw|endverbatim)\s*-?%\}", re.S
)
_KEPT = re.compile("\ue000(\\d+)\ue001")
_ARG = re.compile(r"""([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|'([^']*)'|(\S+)""")
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", re.S)
_LIQUID_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_SITE_URL = re.compile(
    r"""\{\{-?\s*(?:site\.baseurl|site\.url|site\.url\s*\}\}\{\{\s*site\.baseurl)\s*-?\}\}"""
)
_URL_FILTER = re.compile(
    r"""\{\{-?\s*["']([^"']+)["']\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}"""
)


def _site_path(path: str) -> str:
    """What Jekyll's ``relative_url`` gives a path: from the site's root (``atom.xml`` is
    ``/atom.xml``); an address with a scheme stays."""
    return path if urlsplit(path).scheme else "/" + path.lstrip("/")


# ![alt](src "title"): the alt text may hold a link, the source spaces inside <...>; the title
# is in double or single quotes or in parentheses, as CommonMark allows.
_MD_IMAGE = re.compile(
    r"(!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\()\s*(?:<([^>\n]+)>|([^)\s>]+))"
    r"((?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\))"
)
# A MyST picture made from HTML before this conversion (a reStructuredText or Mau figure):
# ```{figure} /images/x.svg
_MYST_PICTURE = re.compile(
    r"^([ \t>]*(?:`{3,}|:{3,})\{(?:figure|image)\}[ \t]+)(\S[^\n]*?)[ \t]*$", re.M
)
_IMG = re.compile(r"""<img\b((?:[^>"']|"[^"]*"|'[^']*')*?)/?>""", re.S | re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_CAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")
_BLOCKS = re.compile(r"(\n[ \t]*\n)")
# HTML that only wraps an image and its caption: such a block becomes a MyST figure.
_WRAPPERS = {"div", "p", "a", "img", "figure", "figcaption", "center", "span", "br", "em", "i",
             "strong", "b", "small"}  # fmt: skip
_ADMONITIONS = {"note": "note", "notice": "note", "info": "note", "tip": "tip", "hint": "tip",
                "warning": "warning", "caution": "warning", "danger": "danger",
                "alert": "warning", "callout": "note", "admonition": "note"}  # fmt: skip
# Python-Markdown's "CodeHilite" marker, first line of an indented code block (Pelican).
_CODEHILITE = re.compile(
    r"^( {4}|\t)(?::::|#!)([\w+-]+)[ \t]*\n((?:(?: {4}|\t).*\n|[ \t]*\n)*)", re.M
)
_INCLUDE_DEPTH = 3


@dataclass
class Converted:
    body: str
    conversions: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    # Paths this conversion wrote, which later steps leave alone.
    made: set[str] = field(default_factory=set)
    # The body as written and the file's line it starts at: problems are reported where the
    # source has what they name, since converting moves lines.
    source: str = ""
    first_line: int = 1
    # Texts that must reach the post as they are, stood for by marks until the end (``_keep``).
    kept: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the conversion needs from the importer."""

    rel: str  # the source file, for messages
    # A reference to another post (file, stem, slug) -> its archive path such as /posts/2016/x.md.
    find_post: Callable[[str, str], str | None]
    # A URL or path of an asset, as the post wrote it -> the path to write in the post, or None.
    bring_asset: Callable[[str, str], str | None]
    # Jekyll's and Eleventy's _includes: a name -> its text, or None.
    find_include: Callable[[str], str | None] = lambda name: None
    # Pelican's include_code: a path under its code folder -> the file's text, or None.
    find_code: Callable[[str], str | None] = lambda path: None
    # The line of the source file where the body starts (messages name the file's lines).
    first_line: int = 1
    # The old site's address (Hugo baseURL, Jekyll url + baseurl, Pelican SITEURL), if known:
    # root-relative links to pages not imported then point there.
    old_site: str | None = None
    # The post's front matter (keys lowercased), over Hugo's site ``[params]``: what Hugo's
    # ``param`` shortcode and template tags given a field's name show.
    params: Mapping[str, object] = field(default_factory=dict)
    # What the blog's templates see on this page (Jekyll's ``page`` and ``site``, Eleventy's
    # front matter and data files): template syntax that uses only these is computed.
    data: Mapping[str, object] = field(default_factory=dict)
    # A file of the source that is not imported (``teach.md``) -> its address on the old site.
    old_address: Callable[[str], str | None] = lambda path: None


def convert(body: str, kind: str, context: Context) -> Converted:
    """Convert the template forms of the blog's ``kind``, then images and links (all kinds)."""
    result = Converted(body, source=body, first_line=context.first_line)
    kept = result.kept
    if kind in ("jekyll", "pelican"):  # kramdown and Python-Markdown read HTML to its end
        result.body, whole = html_blocks_whole(result.body)
        if whole:
            result.conversions["HTML block kept whole"] += whole
    if kind in ("jekyll", "eleventy"):  # {% raw %}: shown as written, nothing in it converted
        result.body = _RAW.sub(lambda m: _keep(kept, m.group(1)), result.body)
    if kind == "hugo":
        result.body = _hugo_shortcodes(result.body, context, result)
        result.body = _HUGO_ESCAPED.sub(r"{{\1\2\3}}", result.body)  # as Hugo showed them
    if kind in ("jekyll", "eleventy", "pelican"):  # Liquid, Nunjucks, Pelican's liquid_tags
        result.body = _liquid(result.body, context, result, kind)
    if kind == "pelican":
        result.body = _pelican(result.body, context, result)
        result.body = _codehilite(result.body, result)
    if kind == "jekyll":
        result.body = _kramdown(result.body, context, result)
    if kind in ("hugo", "eleventy"):  # Goldmark and markdown-it-attrs read {#id} too
        result.body = _header_ids(result.body, context, result)
    if kind == "pelican":
        result.body = _outside_code(_TOC_MARKER, result.body, partial(_contents, result))
    if kind in ("jekyll", "pelican"):  # kramdown and Python-Markdown read Markdown in HTML
        result.body, changed = markdown_in_html(result.body)
        if changed:
            result.conversions["Markdown inside HTML"] += changed
    result.body = _html_images(result.body, context, result)
    result.body = _markdown_targets(result.body, context, result)
    result.body = _lone_footnotes(result.body, context, result)
    result.body = _links_to_html_anchors(result.body, result)
    while _KEPT.search(result.body):  # a kept text may hold another one ({% raw %} in a loop)
        result.body = _KEPT.sub(lambda m: kept[int(m.group(1))], result.body)
    for line in CodeSpans.of(result.body).unclosed:
        _report_line(
            result, context, line, "code block opened here is never closed: the rest shows as code"
        )
    return result


def _keep(kept: list[str], text: str) -> str:
    """A mark standing for ``text`` while the rest is converted (private-use characters, which
    no pattern here takes for anything)."""
    kept.append(text)
    return f"\ue000{len(kept) - 1}\ue001"


def _report(result: Converted, context: Context, text: str, index: int, message: str) -> None:
    written = text[index:].split("\n", 1)[0][:80]
    _report_line(result, context, text.count("\n", 0, index) + 1, message, written)


def _report_line(
    result: Converted, context: Context, line: int, message: str, written: str = ""
) -> None:
    """Report at the line of the source file that has ``written``, else at ``line`` of the
    converted text (from 1) as a line of the file."""
    # Of the places the source has it, the nearest to where it is now.
    lines = [
        result.source.count("\n", 0, at) + 1
        for at in (m.start() for m in re.finditer(re.escape(written), result.source))
    ] if written.strip() else []  # fmt: skip
    if lines:
        line = min(lines, key=lambda found: abs(found - line))
        line_in_file = result.first_line + line - 1
    else:
        line_in_file = context.first_line + line - 1
    result.problems.append(Problem(context.rel, line_in_file, message, Subtype.IMPORT))


def _kept_template(
    result: Converted, context: Context, text: str, start: int, end: int, why: str | None
) -> str:
    """Template syntax with no MyST form, which only the live site could fill in: reported,
    and kept as written in a marked literal (a block when it stands on lines of its own, else
    inline code; HTML inside raw HTML), never as raw syntax in the prose."""
    # As written: without the empty comments that keep an HTML block with blank lines whole.
    written = re.sub(r"(?m)^[ \t]*<!-- -->[ \t]*$", "", text[start:end])
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end : len(text) if line_end < 0 else line_end]
    block = not before.strip() and not after.strip()
    if before.rfind("<") > before.rfind(">"):  # in an HTML tag's attribute: never shown
        if why:  # the attribute (an image's address) does not work: say which
            message = f"{why}; kept as written in an HTML attribute: {written}"
            _report(result, context, text, start, message)
        return _keep(result.kept, written)
    in_html = text.count("\n", 0, start) in html_lines(text)
    if why:  # None: reported already
        _report(result, context, text, start, f"{why}; kept as written in a marked literal")
    result.conversions["template kept as written"] += 1
    shown = kept(written, block=block, in_html=in_html, indent=before if block else "")
    if not block and not in_html and "|" in shown and _in_table(text, line_start):
        # A table row splits at every "|", code or not, unless it is escaped (GFM's rule).
        shown = shown.replace("|", "\\|")
    # Marked, so that no later step reads the template in it again.
    return _keep(result.kept, shown.removeprefix(before) if block else shown)


_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")


def _in_table(text: str, line_start: int) -> bool:
    """Whether the line at ``line_start`` is a row of a table: a line of its block (the lines
    around it up to blank ones) is a table's delimiter row (``|---|:--:|``)."""
    block_start = text.rfind("\n\n", 0, line_start)
    block_end = text.find("\n\n", line_start)
    block = text[block_start + 2 if block_start >= 0 else 0 : None if block_end < 0 else block_end]
    return any(_TABLE_DELIMITER.match(line) for line in block.split("\n"))


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for match in _ARG.finditer(text):
        if match.group(1):
            named[match.group(1)] = next(g for g in match.group(2, 3, 4) if g is not None)
        else:
            positional.append(next(g for g in match.group(5, 6, 7) if g is not None))
    return positional, named


def _outside_code(
    pattern: re.Pattern[str], text: str, replace_match: Callable[[re.Match[str]], str]
) -> str:
    code = CodeSpans.of(text)

    def guarded(match: re.Match[str]) -> str:
        return match.group(0) if code.holds(match.start()) else replace_match(match)

    return pattern.sub(guarded, text)


def _fenced(language: str, code: str) -> str:
    """``code`` in a fence longer than any run of backticks in it (a fence in a fence, in a
    fence: admonitions of reStructuredText holding code blocks)."""
    run = max((len(r) for r in re.findall(r"`{3,}", code)), default=0)
    fence = "`" * max(3, run + 1)
    return f"{fence}{language}\n{code.strip(chr(10))}\n{fence}"


def _figure(src: str, alt: str, caption: str, target: str | None = None) -> str:
    lines = [f"```{{figure}} {src}" if caption else f"```{{image}} {src}"]
    if alt:
        lines.append(f":alt: {' '.join(alt.split())}")
    if target:
        lines.append(f":target: {target}")
    if caption:
        lines += ["", " ".join(caption.split())]
    return "\n".join([*lines, "```"])


def _bring(context: Context, result: Converted, url: str) -> str | None:
    if url in result.made:
        return url  # brought already: a path an earlier step of this conversion wrote
    made = context.bring_asset(url, context.rel)
    if made is not None:
        result.made.add(made)
    return made


# -- Hugo ----------------------------------------------------------------------------------------


def _hugo_shortcodes(text: str, context: Context, result: Converted) -> str:
    # Paired shortcodes first: what they wrap is code, an aside, or text to keep.
    def pair(match: re.Match[str]) -> str:
        name, args, inner = match.group(2).lower(), match.group(3), match.group(4)
        positional, named = _arguments(args)
        if "highlight" in name or name in ("code", "codeblock"):
            result.conversions[f"hugo {name}"] += 1
            return _fenced(named.get("lang") or (positional[0] if positional else ""), inner)
        if name == "blockquote":  # Octopress-style themes: author, source, link, title
            result.conversions["hugo blockquote"] += 1
            author = named.get("author") or (positional[0] if positional else "")
            source = named.get("source") or named.get("title") or named.get("cite") or ""
            link = named.get("link") or named.get("url") or ""
            return _quote(inner, author, source, link if urlsplit(link).scheme else "")
        # {{< notice warning >}}: the kind is the first argument; {{< warning >}}: the name.
        given = positional[0].lower() if positional and name in ("notice", "alert") else name
        kind = _ADMONITIONS.get(given) or _ADMONITIONS.get(name)
        if kind:
            result.conversions[f"hugo {name}"] += 1
            return f"```{{{kind}}}\n{inner.strip()}\n```"
        _report(
            result,
            context,
            text,
            match.start(),
            f"Hugo shortcode {{{{< {name} >}}}} unwrapped: its text is kept, its effect is not",
        )
        return inner

    text = _outside_code(_HUGO_PAIR, text, pair)
    text = rewrite_legacy_links(text, partial(_link_target, context, result), [HUGO_REF])

    def shortcode(match: re.Match[str]) -> str:
        closing, name, args = match.group(2), match.group(3).lower(), match.group(4)
        positional, named = _arguments(args)
        first = positional[0] if positional else ""
        if closing:
            return match.group(0)
        if name in ("ref", "relref") and HUGO_REF.pattern.fullmatch(match.group(0)):
            return match.group(0)  # a link to a post not found: reported by _link_target
        if name in ("figure", "image", "img"):  # themes name their own figure "image"
            written = named.get("src") or named.get("img") or first
            src = _bring(context, result, written)
            if src is None:
                _report(
                    result,
                    context,
                    text,
                    match.start(),
                    f"image {written!r} not found; figure kept",
                )
                return match.group(0)
            result.conversions[f"hugo {name}"] += 1
            caption = _TAGS.sub("", unescape(named.get("caption") or named.get("title") or ""))
            return _figure(src, named.get("alt", caption), caption, named.get("link"))
        if name in ("param", "_param"):  # _param: Docsy's, the same
            value = _param(context.params, first)
            if value is None:
                why = f"Hugo param {first!r} is set neither by the post nor by the site"
                return _kept_template(result, context, text, match.start(), match.end(), why)
            result.conversions["hugo param"] += 1
            return value
        if name in ("youtube", "vimeo"):
            video = named.get("id") or first
            base = "https://www.youtube.com/watch?v=" if name == "youtube" else "https://vimeo.com/"
            result.conversions[f"hugo {name}"] += 1
            return (
                f"[{named.get('title') or name.capitalize() + ' video'} ({video})]({base}{video})"
            )
        if name == "gist":
            user, gist, file = [*positional, "", "", ""][:3]
            result.conversions["hugo gist"] += 1
            anchor = f"#file-{file.replace('.', '-')}" if file else ""
            return f"[Gist {user}/{gist}{' ' + file if file else ''}](https://gist.github.com/{user}/{gist}{anchor})"
        if name in ("tweet", "x"):
            tweet = named.get("id") or (positional[-1] if positional else "")
            user = named.get("user", "i")
            result.conversions[f"hugo {name}"] += 1
            return f"[Post {tweet} on X](https://x.com/{user}/status/{tweet})"
        why = f"Hugo shortcode {{{{< {name} >}}}} has no MyST form"
        return _kept_template(result, context, text, match.start(), match.end(), why)

    return _outside_code(_HUGO, text, shortcode)


def _param(params: Mapping[str, object], key: str) -> str | None:
    """A Hugo param's value as text (``a.b`` looks inside the table ``a``), or None."""
    value: object = params
    for part in key.lower().split("."):
        if not isinstance(value, Mapping):
            return None
        value = {str(k).lower(): v for k, v in value.items()}.get(part)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if isinstance(value, (str, int, float)) else None


# -- Liquid: Jekyll, Eleventy, and Pelican's liquid_tags -----------------------------------------


# {% highlight lang [linenos] %} ... {% endhighlight [anything] %}, and Octopress's
# {% codeblock [title] [lang:x] %} ... {% endcodeblock %}, with the text around them on their lines.
_HIGHLIGHT = re.compile(
    r"^(?P<indent>[ \t]*)(?P<before>[^\n]*?)\{%-?\s*(?P<tag>highlight|codeblock)\b(?P<args>[^%]*?)"
    r"-?%\}[ \t]*\n?(?P<code>.*?)\{%-?\s*end(?P=tag)\b[^%]*?-?%\}[ \t]*(?P<after>[^\n]*)"
    r"(?=(?P<more>\n[ \t]*\S)?)",
    re.S | re.M,
)


def _highlight(result: Converted, kind: str, match: re.Match[str]) -> str:
    """A highlighted block as a fence on lines of its own: text before it stays on its line,
    text after it goes on the next (a blank line after, so that HTML there, such as a
    ``<br>``, does not take in the lines below). After a list item's text, the fence is
    indented as the item's text, so that it stays in the item."""
    words = match["args"].split()
    if match["tag"] == "highlight" and not words and kind == "eleventy":
        return _shared_highlight(result, match)
    result.conversions[f"liquid {match['tag']}"] += 1
    if match["tag"] == "codeblock":
        language = next((w.split(":", 1)[1] for w in words if w.startswith("lang:")), "")
    else:  # Eleventy's paired shortcode quotes it: {% highlight "js" %}
        language = words[0].strip("\"'") if words else ""
    indent, before, after = match["indent"], match["before"].rstrip(), match["after"].strip()
    item = _LIST_MARKER.match(before)
    inside = indent + " " * len(item[0]) if item else indent
    code = match["code"]
    if item and inside:  # the code's lines too, or the first one at the margin ends the list
        code = "\n".join(
            line if not line.strip() or line.startswith(inside) else inside + line
            for line in code.split("\n")
        )
    fence = _fenced(language, code).split("\n")
    fence[0], fence[-1] = inside + fence[0], inside + fence[-1]
    lines = [indent + before] if before.strip() else []
    if not lines and kind == "eleventy" and _after_html(match):
        # Eleventy made the code HTML before Markdown read the page: as a fence it must not
        # be read as part of the HTML block above it.
        lines = [""]
    lines += fence
    if after:
        lines += ["", indent + after, *([""] if match["more"] else [])]
    return "\n".join(lines)


def _shared_highlight(result: Converted, match: re.Match[str]) -> str:
    """``{% highlight %}`` with no language is not code (Eleventy's syntax highlighter needs
    one): it is eleventy-plugin-share-highlight's passage a reader may share, marked in the
    text. A passage of its own becomes a quote; one inside a sentence stays in it as text."""
    result.conversions["eleventy share-highlight as a quote"] += 1
    indent, before, after = match["indent"], match["before"], match["after"]
    passage = match["code"].strip()
    if before.strip() or after.strip():
        gap = " " if after and match.string[match.start("after") - 1] in " \t" else ""
        return f"{indent}{before}{passage}{gap}{after}"
    return "\n".join(f"{indent}> {line}".rstrip() for line in passage.split("\n"))


_LIST_MARKER = re.compile(r"(?:[*+-]|\d{1,9}[.)])[ \t]+")


def _after_html(match: re.Match[str]) -> bool:
    """Whether the line above the match is HTML (the start of a block CommonMark reads to the
    next blank line)."""
    above = match.string[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
    return above.lstrip().startswith("<")


def _liquid(text: str, context: Context, result: Converted, kind: str, depth: int = 0) -> str:
    text = _outside_code(_HIGHLIGHT, text, partial(_highlight, result, kind))
    text = _outside_code(_LIQUID_COMMENT, text, partial(_counted, result, "liquid comment", ""))
    text = _outside_code(_RENDER_TEMPLATE, text, partial(_render_template, context, result))
    text = _outside_code(_TABS, text, partial(_tabs, result))
    text = _outside_code(_LIQUID_PAIR, text, partial(_liquid_pair, context, result))
    text = _captures(text, result)
    text = _template_blocks(text, context, result)
    text = re.sub(r"\{%-?\s*(?:raw|endraw|literal|endliteral)\s*-?%\}", "", text)
    found = len(_SITE_URL.findall(text)) + len(_URL_FILTER.findall(text))
    if found:
        result.conversions["liquid site url"] += found
        text = _URL_FILTER.sub(lambda m: _site_path(m.group(1)), _SITE_URL.sub("", text))

    text = rewrite_legacy_links(text, partial(_link_target, context, result), [LIQUID_LINK])
    if kind != "pelican":  # Pelican does not run Liquid: {{ x }} there is the author's text
        text = _outside_code(_TEMPLATE_LINK, text, partial(_template_link, context, result))

    assigns = _page_assigns(text)

    def tag(match: re.Match[str]) -> str:
        name, args = match.group(1).lower(), match.group(2).strip()
        if name == "assign" and kind != "pelican" and (match.start(), match[0]) in assigns:
            return match[0]  # read by what comes after it, here and in the outputs below
        if LIQUID_LINK.pattern.fullmatch(match.group(0)):  # to nothing imported, reported
            return _kept_template(result, context, text, match.start(), match.end(), None)
        converted = _liquid_tag(name, args, match, text, context, result, kind, depth)
        if converted is None and kind != "pelican":  # Pelican does not run Liquid
            converted = evaluate(assigns_before(assigns, match.start()) + match[0], context.data)
            if converted is not None:
                name = "tag computed from the page's data"
        if converted is None:
            why = f"template tag {{% {name} %}} has no MyST form"
            return _kept_template(result, context, text, match.start(), match.end(), why)
        result.conversions[f"liquid {name}"] += 1
        return converted

    text = _outside_code(_LIQUID_TAG, text, tag)
    if kind == "pelican":  # Pelican does not run templates on content: {{ }} is just text
        return text

    assigns = _page_assigns(text)

    def output(match: re.Match[str]) -> str:
        value = evaluate(assigns_before(assigns, match.start()) + match[0], context.data)
        if value is not None:
            result.conversions["liquid output computed from the page's data"] += 1
            return value
        why = f"template output {match.group(0)!r} needs data the page does not have"
        return _kept_template(result, context, text, match.start(), match.end(), why)

    text = _outside_code(_LIQUID_OUTPUT, text, output)
    assigns = _page_assigns(text)

    def assign(match: re.Match[str]) -> str:
        """An assign shows nothing: gone once what reads it is computed, when the page's data
        gives its value; else kept as written, as the template tags above."""
        if evaluate(assigns_before(assigns, match.start()) + match[0], context.data) is not None:
            result.conversions["liquid assign"] += 1
            return ""
        why = "template tag {% assign %} needs data the page does not have"
        return _kept_template(result, context, text, match.start(), match.end(), why)

    return _outside_code(_ASSIGN_TAG, text, assign)


_ASSIGN_TAG = re.compile(r"\{%-?\s*assign\b(?:[^%]|%(?!\}))*?-?%\}")

# Liquid's and Nunjucks' block tags, whose part of the page is made when the site is built.
_BLOCK_TAGS = {"for", "if", "unless", "case", "tablerow", "macro"}
_ANY_TAG = re.compile(r"\{%-?\s*(\w+)\b(?:[^%]|%(?!\}))*?-?%\}")


# [text]({{ page.url }}x): a link whose address a template makes.
_TEMPLATE_LINK = re.compile(
    r"(?<!!)\[(?P<text>(?:[^\[\]\n]|\[[^\]\n]*\])+)\]\((?P<address>[^()\s]*"
    r"(?:\{\{[^{}\n]*\}\}|\{%[^%\n]*%\})[^()\s]*)\)"
)


def _template_link(context: Context, result: Converted, match: re.Match[str]) -> str:
    """A link whose address the old site's template made: computed from the page's data, or
    its text kept as text, the address after it as written in a literal (it leads nowhere
    here), reported."""
    address = evaluate(match["address"], context.data)
    if address is not None:
        result.conversions["link address computed from the page's data"] += 1
        return f"[{match['text']}]({address})"
    if not LIQUID_LINK.pattern.search(match["address"]):  # else reported by _link_target
        why = f"link address {match['address']!r} needs data the page does not have"
        message = f"{why}; its text kept, the address in a literal"
        _report(result, context, match.string, match.start(), message)
    result.conversions["template kept as written"] += 1
    literal = kept(match["address"], block=False, in_html=False)
    return f"{match['text']} ({_keep(result.kept, literal)})"


def _page_assigns(text: str) -> list[tuple[int, str]]:
    """The variables the page assigns outside code and outside blocks (an assign shows
    nothing itself), with where, for what uses them after; one inside a loop belongs to that
    loop."""
    code = CodeSpans.of(text)
    assigns: list[tuple[int, str]] = []
    depth = 0
    for match in _ANY_TAG.finditer(text):
        name = match[1].lower()
        if code.holds(match.start()):
            continue
        if name in _BLOCK_TAGS:
            depth += 1
        elif name.startswith("end") and name[3:] in _BLOCK_TAGS:
            depth = max(0, depth - 1)
        elif name == "assign" and depth == 0:
            assigns.append((match.start(), match[0]))
    return assigns


def assigns_before(assigns: list[tuple[int, str]], offset: int) -> str:
    """The assigns a template at ``offset`` sees: those above it, as on the old site."""
    return "".join(assign for at, assign in assigns if at < offset)


def _template_blocks(text: str, context: Context, result: Converted) -> str:
    """Each outermost ``{% for %}...{% endfor %}`` (``if``, ``unless``, ``case``) outside code:
    computed when the page's data gives all it uses (a loop over a front-matter list), else
    kept as written and reported."""
    code = CodeSpans.of(text)
    spans: list[tuple[int, int]] = []
    opened: list[tuple[str, int]] = []
    for match in _ANY_TAG.finditer(text):
        name = match[1].lower()
        if code.holds(match.start()):
            continue
        if name in _BLOCK_TAGS:
            opened.append((name, match.start()))
        elif name.startswith("end") and opened and opened[-1][0] == name[3:]:
            _name, start = opened.pop()
            if not opened:
                spans.append((start, match.end()))
    assigns = _page_assigns(text)
    for start, end in reversed(spans):  # from the end: the offsets before stay right
        value = evaluate(assigns_before(assigns, start) + text[start:end], context.data)
        if value is not None:
            result.conversions["template computed from the page's data"] += 1
            text = text[:start] + value + text[end:]
            continue
        tag = _ANY_TAG.match(text, start)
        why = f"{{% {tag[1] if tag else ''} %}} block needs data the page does not have"
        text = text[:start] + _kept_template(result, context, text, start, end, why) + text[end:]
    return text


# Plugin blocks with text inside: jekyll-figure's figure, Octopress's blockquote and pullquote,
# notices ({% notice warning %}) of blogs' own plugins.
_LIQUID_PAIR = re.compile(
    r"\{%-?\s*(?P<name>figure|blockquote|pullquote|notice|callout|alert|signup)\b"
    r"(?P<args>(?:[^%]|%(?!\}))*?)-?%\}\n?(?P<inner>.*?)"
    r"\{%-?\s*end(?P=name)\s*-?%\}",
    re.S,
)
_SINGLE_IMAGE = re.compile(
    r"""^\s*!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+"(?P<title>[^"]*)")?\s*\)\s*$"""
)
_CAPTURE = re.compile(
    r"\{%-?\s*capture\s+([\w-]+)\s*-?%\}\n?(.*?)\{%-?\s*endcapture\s*-?%\}\n?", re.S
)


# Liquid's comment, which the blog never showed.
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
# Eleventy's {% renderTemplate "webc" %}...{% endrenderTemplate %}: a template rendered in place.
_RENDER_TEMPLATE = re.compile(
    r"\{%-?\s*renderTemplate\b[^%]*?-?%\}(?P<inner>.*?)\{%-?\s*endrenderTemplate\s*-?%\}", re.S
)
_YOUTUBE_PLAYER = re.compile(
    r"""<(?:youtube-lite-player|lite-youtube)\b[^>]*?\s(?:@slug|videoid)=["']([\w-]+)"""
)


# Tabs of a Jekyll plugin (scala-lang): {% tabs name %}{% tab 'sbt' %}...{% endtab %}{% endtabs %}.
_TABS = re.compile(r"\{%-?\s*tabs\b[^%]*?-?%\}(?P<inner>.*?)\{%-?\s*endtabs\s*-?%\}", re.S)
_TAB = re.compile(
    r"""\{%-?\s*tab\s+(?:'(?P<single>[^']*)'|"(?P<double>[^"]*)"|(?P<bare>[^\s%]+))[^%]*?-?%\}"""
    r"(?P<inner>.*?)\{%-?\s*endtab\s*-?%\}",
    re.S,
)


def _tabs(result: Converted, match: re.Match[str]) -> str:
    """Tabs one after the other, each under its label (the archive's pages have no tabs)."""
    tabs = list(_TAB.finditer(match["inner"]))
    if not tabs:
        return match[0]
    result.conversions["liquid tabs"] += 1
    return "\n\n".join(
        f"**{tab['single'] or tab['double'] or tab['bare']}**\n\n{tab['inner'].strip()}"
        for tab in tabs
    )


def _counted(result: Converted, what: str, replacement: str, match: re.Match[str]) -> str:
    result.conversions[what] += 1
    return replacement


def _render_template(context: Context, result: Converted, match: re.Match[str]) -> str:
    """A WebC YouTube player becomes a link to the video; other templates keep their HTML,
    reported, since their components are not in the archive."""
    videos = _YOUTUBE_PLAYER.findall(match["inner"])
    if videos:
        result.conversions["eleventy renderTemplate (YouTube video)"] += 1
        return "\n\n".join(
            f"[YouTube video ({video})](https://www.youtube.com/watch?v={video})"
            for video in videos
        )
    message = "{% renderTemplate %}: its components are not in the archive; its text is kept"
    _report(result, context, match.string, match.start(), message)
    return match["inner"]


def _liquid_pair(context: Context, result: Converted, match: re.Match[str]) -> str:
    name, args, inner = match["name"], match["args"].strip(), match["inner"].strip("\n")
    result.conversions[f"liquid {name}"] += 1
    if name == "figure":  # {% figure caption:"..." %} ![alt](src) {% endfigure %}
        caption = re.search(r"""caption:\s*(?:"([^"]*)"|'([^']*)')""", args)
        text = (caption[1] or caption[2]) if caption else ""
        return _image_with_caption(inner, text, context, result)
    if name in ("notice", "callout", "alert"):
        given = args.split()[0].strip("\"',").lower() if args.split() else ""  # "tip" or tip
        kind = _NOTICE_KINDS.get(given) or _ADMONITIONS.get(given) or "note"
        return f"```{{{kind}}}\n{inner.strip()}\n```"
    if name == "signup":  # a newsletter box (mxb.dev): its title and text; the form is not kept
        title = " ".join(args.strip("\"'“”").split()) or "Newsletter"
        return f"```{{admonition}} {title}\n{inner.strip()}\n```"
    if name == "pullquote":  # the quoted part is marked {" ... "}; the paragraph is kept
        return inner.replace('{"', "").replace('"}', "")
    # {% blockquote [author[, source]] [link] [link title] %}
    words = args.split()
    link = next((w for w in words if re.match(r"https?://", w)), "")
    before, _, title = args.partition(link) if link else (args, "", "")
    author, _, source = before.partition(",")
    return _quote(inner, author.strip(), source.strip() or title.strip(), link)


def _image_with_caption(inner: str, caption: str, context: Context, result: Converted) -> str:
    """A figure: the MyST figure when it holds one image found, else its text and caption."""
    image = _SINGLE_IMAGE.match(inner)
    src = _bring(context, result, image["src"]) if image and not _external(image["src"]) else None
    if image and _external(image["src"]):
        src = image["src"]
    if image and src:
        return _figure(src, image["alt"], " ".join(caption.split()) or image["title"] or "")
    return f"{inner}\n\n{caption}" if caption else inner


def _quote(inner: str, author: str, source: str, link: str) -> str:
    """A quotation as a Markdown block quote, its attribution (who, where) as its last line."""
    lines = [f"> {line}".rstrip() for line in dedent(inner).strip("\n").split("\n")]
    where = f"[{source or link}]({link})" if link else source
    credit = ", ".join(part for part in (author, where) if part)
    return "\n".join([*lines, ">", f"> — {credit}"] if credit else lines)


def _captures(text: str, result: Converted) -> str:
    """``{% capture x %}...{% endcapture %}`` and its use ``{{ x | markdownify }}`` (how
    minimal-mistakes writes notices), or a theme's callout include given it
    (``{% include callout.html content=x %}``, benbalter.com): the captured text written where
    it is used, the callout as a note."""
    captured = {m[1]: m[2].strip("\n") for m in _CAPTURE.finditer(text)}
    if not captured:
        return text
    names = "|".join(map(re.escape, captured))
    uses = re.compile(r"\{\{-?\s*(" + names + r")\s*(?:\|\s*markdownify\s*)?-?\}\}")
    callouts = re.compile(
        r"\{%-?\s*include(?:_cached)?\s+[\"']?[\w/.-]*?(?:callout|alert|notice)[\w.-]*[\"']?"
        r"\s+content=(" + names + r")\s*-?%\}"
    )
    if not uses.search(text) and not callouts.search(text):
        return text
    result.conversions["liquid capture"] += len(captured)
    # {% assign x = x | markdownify %}: the text is Markdown already
    made_markdown = re.compile(
        r"\{%-?\s*assign\s+(" + names + r")\s*=\s*\1\s*\|\s*markdownify\s*-?%\}\n?"
    )
    text = made_markdown.sub("", _CAPTURE.sub("", text))
    text = callouts.sub(lambda m: "```{note}\n" + captured[m[1]].strip() + "\n```", text)
    return uses.sub(lambda m: "\n" + captured[m[1]] + "\n", text)


def _theme_include(args: str, context: Context, result: Converted) -> str | None:
    """Includes that themes bring (minimal-mistakes' ``figure`` and ``video``), when the blog
    does not have the file itself."""
    words = args.split(maxsplit=1)
    name = words[0].strip("\"'") if words else ""
    _positional, named = _arguments(words[1] if len(words) > 1 else "")
    if name == "figure" and named.get("image_path"):
        src = named["image_path"]
        found = src if _external(src) else _bring(context, result, src)
        if found is None:
            return None
        caption = " ".join(_TAGS.sub("", unescape(named.get("caption", ""))).split())
        return _figure(found, named.get("alt", ""), caption)
    if name == "video" and named.get("id"):
        provider = named.get("provider", "youtube").lower()
        base = {"youtube": "https://www.youtube.com/watch?v=", "vimeo": "https://vimeo.com/"}
        if provider in base:
            return f"[{provider.capitalize()} video ({named['id']})]({base[provider]}{named['id']})"
    return None


def _liquid_tag(
    name: str,
    args: str,
    match: re.Match[str],
    text: str,
    context: Context,
    result: Converted,
    kind: str,
    depth: int,
) -> str | None:
    """The MyST for one template tag, or None when it has none (then it is kept and reported)."""
    if name in ("include", "include_cached") and depth < _INCLUDE_DEPTH:
        included = _include(args, match, text, context, result, kind, depth)
        return included if included is not None else _theme_include(args, context, result)
    if name == "img":  # Pelican liquid_tags: {% img [class] path [width [height]] [title [alt]] %}
        return _liquid_img(args, context, result)
    if name in ("video", "youtube", "vimeo"):
        target = args.split()[0] if args.split() else ""
        if name == "youtube":
            return f"[YouTube video ({target})](https://www.youtube.com/watch?v={target})"
        if name == "vimeo":
            return f"[Vimeo video ({target})](https://vimeo.com/{target})"
        local = _bring(context, result, target)
        return f"[Video]({local or target})"
    if name == "include_code":
        return _include_code(args, context, result)
    if name == "notebook":  # Pelican liquid_tags: {% notebook path.ipynb [cells[i:j]] %}
        return _notebook(args, match, text, context, result)
    if name == "icon":  # Font Awesome's Eleventy plugin: {% icon "fas:check", attrs.yes %}
        shown = _icon(args, context, result)
        # Two icons side by side, or one against a word: their texts kept apart.
        joined = match.start() > 0 and (
            text[match.start() - 1].isalnum() or text[match.start() - 1] == "}"
        )
        return f" {shown}" if shown and joined else shown
    if name == "slides":  # zachleat.com's carousel of a talk's slides
        return _slides(args, context, result)
    if name == "github_edit_link":  # {% github_edit_link "text" %}: edit this page on GitHub
        return _edit_link(args, context)
    if name in ("indieavatar", "twitterimageavatar"):
        return ""  # a small picture fetched from the named site, before the name it links
    if name == "originalpostembed":  # a card of the post first published elsewhere
        written = args.split()[0] if args.split() else ""
        # "https://...", or a front-matter field that holds it (external_url)
        quoted = written[:1] in "\"'"
        address = written.strip("\"',") if quoted else _param(context.params, written) or ""
        return f"Originally published at <{address}>" if _external(address) else None
    return None


_QUOTED = re.compile(r"""["“”'‘’]([^"“”'‘’]*)["“”'‘’]""")


def _icon(args: str, context: Context, result: Converted) -> str | None:
    """An icon has no text of its own: a reader sees the text the author gave it for screen
    readers (its ``alt`` or ``title``), else its name ("(trophy icon)"), so that an icon that
    carries meaning (a tick or a cross in a table) keeps it. Counted, not reported one by one."""
    name = _QUOTED.match(args.strip())
    if name is None:
        return None
    found = _lookup(context.data, args[name.end() :].strip(" ,"))
    label = next(
        (str(found[k]) for k in ("alt", "title", "aria-label") if found.get(k)), ""
    ) if isinstance(found, Mapping) else ""  # fmt: skip
    result.conversions["icon shown as its text or name"] += 1
    if label:
        return escape(label, quote=False)
    words = name[1].rsplit(":", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return f"({escape(words, quote=False)} icon)"


def _slides(args: str, context: Context, result: Converted) -> str | None:
    """``{% slides slides.dir, "19-26", slides.alt %}``: the slides of that range that the blog
    has (``<dir>/019.jpeg``), one picture after the other, each with its alt text ("Slide 19"
    when none): the carousel's pictures without the carousel."""
    parts = [part.strip() for part in args.split(",")]
    if len(parts) < 2:
        return None
    prefix = _QUOTED.fullmatch(parts[0])
    folder = prefix[1] if prefix else _lookup(context.data, parts[0])
    span = re.fullmatch(r"""["'](\d+)(?:-(\d+))?["']""", parts[1])
    if not isinstance(folder, str) or span is None:
        return None
    alts = _lookup(context.data, parts[2]) if len(parts) > 2 else None
    alts = {str(k): v for k, v in alts.items()} if isinstance(alts, Mapping) else {}
    first, last = int(span[1]), int(span[2] or span[1])
    pictures = []
    for number in range(first, last + 1):
        src = _bring(context, result, "/" + f"{folder}{number:03d}.jpeg".lstrip("/"))
        if src is not None:  # the site showed the slides it had
            alt = " ".join(str(alts.get(str(number)) or f"Slide {number}").split())
            alt = alt.replace("[", "\\[").replace("]", "\\]")
            pictures.append(f"![{alt}]({src})")
    return "\n\n".join(pictures) if pictures else None


def _lookup(data: Mapping[str, object], path: str) -> object:
    """``attrs.supported`` in the page's data, or None."""
    value: object = data
    for part in path.split(".") if path else []:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value if path else None


def _edit_link(args: str, context: Context) -> str | None:
    """jekyll-github-metadata's edit link: to the post's file in the blog's repository."""
    repository = context.data.get("site", {})
    repository = repository.get("repository") if isinstance(repository, Mapping) else None
    if not isinstance(repository, str) or repository.count("/") != 1:
        return None
    quoted = _QUOTED.match(args.strip())
    text = quoted[1] if quoted else "Edit this page"
    address = f"https://github.com/{repository}/edit/HEAD/{context.rel}"
    return f"[{text}](<{address}>)"


def _notebook(
    args: str, match: re.Match[str], text: str, context: Context, result: Converted
) -> str | None:
    """The notebook, which the blog showed in place, as a note linking its file brought along
    (the archive does not run or show notebooks)."""
    words = args.split()
    if not words:
        return None
    path = words[0]
    found = _bring(context, result, "pelican:" + path) or _bring(context, result, path)
    if found is None:
        return None
    name = path.rsplit("/", 1)[-1]
    message = f"notebook {path} is not shown in the page: a note links its file"
    _report(result, context, text, match.start(), message)
    note = f"This post showed the notebook [{name}](<{found}>) here; open the file to read it."
    return f"```{{note}}\n{note}\n```"


def _include(
    args: str,
    match: re.Match[str],
    text: str,
    context: Context,
    result: Converted,
    kind: str,
    depth: int,
) -> str | None:
    """An include, with its parameters filled in and its own tags converted."""
    words = args.split(maxsplit=1)
    if not words:
        return None
    included = context.find_include(words[0].strip("\"'"))
    if included is None:
        return None
    _positional, parameters = _arguments(words[1] if len(words) > 1 else "")
    for key, value in parameters.items():
        parameter = re.compile(r"\{\{-?\s*include\." + re.escape(key) + r"\s*(\|[^}]*)?-?\}\}")
        included = parameter.sub(value.replace("\\", "\\\\"), included)
    # Problems inside the included file are reported at the include's line.
    at_include = replace(
        context, first_line=context.first_line + text.count("\n", 0, match.start())
    )
    return _liquid(included, at_include, result, kind, depth + 1)


def _liquid_img(args: str, context: Context, result: Converted) -> str | None:
    words = re.findall(r'"[^"]*"|\'[^\']*\'|\S+', args)
    path_index = next(
        (i for i, w in enumerate(words) if "/" in w or re.search(r"\.\w{2,4}$", w)), None
    )
    if path_index is None:
        return None
    rest = words[path_index + 1 :]
    while rest and rest[0].isdigit():
        rest = rest[1:]
    quoted = [w.strip("\"'") for w in rest if w[:1] in "\"'"]
    title = quoted[0] if quoted else " ".join(rest)
    alt = quoted[1] if len(quoted) > 1 else title
    src = _bring(context, result, words[path_index])
    return _figure(src, alt, title) if src else None


def _include_code(args: str, context: Context, result: Converted) -> str | None:
    """Pelican's {% include_code path [lang:x] [title] %}: the file, as a code block."""
    words = args.split()
    if not words:
        return None
    language = next((w.split(":", 1)[1] for w in words if w.startswith("lang:")), "")
    code = context.find_code(words[0])
    return _fenced(language, code) if code is not None else None


# -- kramdown: notices, attribute lists, its table of contents ------------------------------------

_NOTICE_KINDS = {"": "note", "info": "note", "primary": "note", "success": "tip",
                 "warning": "warning", "danger": "danger"}  # fmt: skip
# A paragraph followed by minimal-mistakes' {: .notice--info} line.
_NOTICE_AFTER = re.compile(
    r"(?P<paragraph>(?:^[ \t]*\S[^\n]*\n)+?)^[ \t]*\{:\s*\.notice(?:--(?P<kind>\w+))?\s*\}[ \t]*$",
    re.M,
)
_NOTICE_DIV = re.compile(
    r"""<div\s+class=["']notice(?:--(?P<kind>\w+))?["'](?:\s+markdown=["']?1["']?)?\s*>""", re.I
)
# kramdown's table of contents: a one-item list followed by {:toc}; Python-Markdown's [TOC].
_TOC_MARKER = re.compile(
    r"^[ \t]*(?:[*+-]|1\.)[ \t]+[^\n]*\n[ \t]*\{:\s*(?:\.no_toc\s*)?toc\s*\}[ \t]*$"
    r"|^[ \t]*\[TOC\][ \t]*$",
    re.M,
)
# Attribute lists: {: .class}, {:#id}, {:target="_blank"} alone on a line or after a link, image
# or emphasis. They style the old theme; the archive has its own.
_ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{:(?!\s*toc\b)[^}\n]*\}[ \t]*\n?", re.M)
_ATTRIBUTE_AFTER = re.compile(r"(?<=[)*_`\]])\{:[^}\n]*\}")
# kramdown's extensions: {::comment}...{:/comment} is not shown; {::nomarkdown}...{:/} is HTML
# (MyST shows HTML as it is); {::options ... /} sets the parser.
_KRAMDOWN_COMMENT = re.compile(r"\{::comment\}.*?\{:/(?:comment)?\}", re.S)
_KRAMDOWN_MARKERS = re.compile(r"\{::nomarkdown\}|\{:/(?:nomarkdown)?\}|\{::options\b[^}]*/\}")


# kramdown's header ids: ### Eraser {#eraser}
_HEADER_ID = re.compile(
    r"^(?P<heading>#{1,6}[ \t]+.*?)[ \t]*\{:?[ \t]*#(?P<id>[\w-]+)[ \t]*\}[ \t]*$", re.M
)


def _header_ids(text: str, context: Context, result: Converted) -> str:
    """A heading's ``{#id}`` left out: MyST gives the heading an anchor made from its text, the
    same as the id in most posts; where not, links to ``#id`` are reported."""

    renamed: dict[str, str] = {}

    def header(match: re.Match[str]) -> str:
        words = match["heading"].lstrip("#").strip().lower()
        anchor = re.sub(r"[^\w\- ]", "", words).replace(" ", "-")
        if anchor != match["id"]:
            renamed[match["id"]] = anchor
            message = (
                f"heading id {{#{match['id']}}} left out: the heading's anchor is {anchor!r} "
                "(links to it follow)"
            )
            _report(result, context, text, match.start(), message)
        result.conversions["kramdown heading id"] += 1
        return match["heading"]

    text = _outside_code(_HEADER_ID, text, header)
    if not renamed:
        return text
    in_post = re.compile(r"(?<=\]\(#)(" + "|".join(map(re.escape, renamed)) + r")(?=\))")
    return _outside_code(in_post, text, lambda m: renamed[m[1]])


def _kramdown(text: str, context: Context, result: Converted) -> str:
    text = _header_ids(text, context, result)

    def notice(match: re.Match[str]) -> str:
        result.conversions["notice"] += 1
        kind = _NOTICE_KINDS.get((match["kind"] or "").lower(), "note")
        return f"```{{{kind}}}\n{match['paragraph'].strip()}\n```"

    text = _outside_code(_NOTICE_AFTER, text, notice)
    text = _notice_divs(text, result)
    for pattern, what in ((_KRAMDOWN_COMMENT, "comment"), (_KRAMDOWN_MARKERS, "extension")):
        if found := len(pattern.findall(text)):
            result.conversions[f"kramdown {what}"] += found
            text = _outside_code(pattern, text, lambda m: "")
    text = _outside_code(_TOC_MARKER, text, partial(_contents, result))
    found = len(_ATTRIBUTE_LINE.findall(text)) + len(_ATTRIBUTE_AFTER.findall(text))
    if found:
        result.conversions["kramdown attributes left out"] += found
        text = _outside_code(_ATTRIBUTE_AFTER, text, lambda m: "")
        text = _outside_code(_ATTRIBUTE_LINE, text, lambda m: "")
    return text


def _notice_divs(text: str, result: Converted) -> str:
    """``<div class="notice--info">`` (minimal-mistakes) as the matching MyST admonition."""
    search_from = 0
    while match := _NOTICE_DIV.search(text, search_from):
        search_from = match.start() + 1
        close = matching_close(text, "div", match.end())
        if close is None or CodeSpans.of(text).holds(match.start()):
            continue
        kind = _NOTICE_KINDS.get((match["kind"] or "").lower(), "note")
        inner = dedent(text[match.end() : close[0]].strip("\n")).strip()
        result.conversions["notice"] += 1
        text = f"{text[: match.start()]}```{{{kind}}}\n{inner}\n```{text[close[1] :]}"
    return text


def _contents(result: Converted, match: re.Match[str]) -> str:
    result.conversions["table of contents"] += 1
    return "```{contents}\n:local:\n```"


# -- Pelican -------------------------------------------------------------------------------------


def _pelican(text: str, context: Context, result: Converted) -> str:
    return rewrite_legacy_links(text, partial(_link_target, context, result), [PELICAN_LINK])


def _codehilite(text: str, result: Converted) -> str:
    """Indented code starting with ``:::lang`` (or ``#!lang``) becomes a fenced block."""

    def fence(match: re.Match[str]) -> str:
        result.conversions["codehilite block"] += 1
        lines = [
            line[4:] if line.startswith("    ") else line.lstrip("\t")
            for line in match.group(3).split("\n")
        ]
        return _fenced(match.group(2), "\n".join(lines)) + "\n\n"

    return _CODEHILITE.sub(fence, text)


# -- Images in raw HTML --------------------------------------------------------------------------


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): unescape(next(g for g in m.group(2, 3, 4) if g is not None))
        for m in _ATTR.finditer(tag)
    }


def _html_images(text: str, context: Context, result: Converted) -> str:
    """Sphinx copies images it sees as images, not those in raw HTML. An HTML block that only
    wraps one image (and a caption) becomes a MyST figure. Images inside other HTML (a table, a
    gallery) stay HTML: the file is brought into the posts' assets folder, which the extension
    copies beside the HTML pages, and the path points there."""
    code = CodeSpans.of(text)
    parts = _BLOCKS.split(text)
    offset = 0
    for n, block in enumerate(parts):
        start, offset = offset, offset + len(block)
        if n % 2 or "<img" not in block.lower() or code.holds(start):
            continue
        images = _IMG.findall(block)
        names = {name.lower() for name in _TAG_NAME.findall(block)}
        if block.lstrip().startswith("<") and len(images) == 1 and names <= _WRAPPERS:
            parts[n] = _image_block(block, images[0], context, result, text, start)
        else:
            at = start
            parts[n] = _IMG.sub(lambda m, at=at: _html_img(m, context, result, text, at), block)
    return "".join(parts)


def _html_img(
    match: re.Match[str], context: Context, result: Converted, text: str, start: int
) -> str:
    src = _attributes(match.group(1)).get("src", "")
    if _external(src):
        return match.group(0)
    copied = _bring(context, result, src)
    if copied is None:
        _report(result, context, text, start, f"image {src!r} not found; HTML kept")
        return match.group(0)
    result.conversions["image in HTML"] += 1
    return re.sub(
        r"""(\bsrc\s*=\s*)(["']?)[^"'\s>]+\2""",
        lambda m: f'{m.group(1)}"{copied}"',
        match.group(0),
        count=1,
    )


def _image_block(
    block: str, img: str, context: Context, result: Converted, text: str, start: int
) -> str:
    attrs = _attributes(img)
    src = _bring(context, result, attrs.get("src", ""))
    if src is None:
        _report(result, context, text, start, f"image {attrs.get('src')!r} not found; HTML kept")
        return block
    caption_match = _CAPTION.search(block)
    caption_html = caption_match.group(1) if caption_match else _IMG.sub("", block)
    caption = " ".join(_TAGS.sub(" ", unescape(caption_html)).split())
    link = re.search(r"<a\b[^>]*href=[\"']([^\"']*)[\"'][^>]*>\s*<img", block, re.I)
    target = _link_of_image(context, result, unescape(link.group(1))) if link else None
    result.conversions["html figure" if caption else "html image"] += 1
    prefix = block[: len(block) - len(block.lstrip("\n"))]
    return prefix + _figure(src, attrs.get("alt", ""), caption, target)


def _link_of_image(context: Context, result: Converted, href: str) -> str:
    """Where a linked image leads: the file brought along (its large version), a post, or the
    page on the old site; not the old site's path, which leads nowhere in the archive."""
    if _external(href):
        return href
    found = context.find_post(href, context.rel) or _bring(context, result, href)
    if found is None and href.startswith("/") and context.old_site:
        return urljoin(context.old_site, href)
    return found or href


# -- Markdown images and links -------------------------------------------------------------------


def _markdown_targets(text: str, context: Context, result: Converted) -> str:
    def image(match: re.Match[str]) -> str:
        url = match.group(2) or match.group(3)
        if _external(url) or url in result.made or PELICAN_LINK.pattern.match(url):
            return match.group(0)  # Pelican's {static}: its link step brought or reported it
        src = _bring(context, result, url)
        if src is None:
            _report(result, context, text, match.start(), f"image {url!r} not found; kept")
            return match.group(0)
        result.conversions["image"] += 1
        return match.group(1) + (f"<{src}>" if " " in src else src) + match.group(4)

    text = _outside_code(_MD_IMAGE, text, image)

    def picture(match: re.Match[str]) -> str:
        url = match.group(2)
        if _external(url) or url in result.made:
            return match.group(0)
        src = _bring(context, result, url)
        if src is None:
            _report(result, context, text, match.start(), f"image {url!r} not found; kept")
            return match.group(0)
        result.conversions["image"] += 1
        return match.group(1) + src

    # Its fence is code to the pattern above; its path is the picture's all the same.
    text = _MYST_PICTURE.sub(picture, text)

    links = [MARKDOWN_LINK, MARKDOWN_DEFINITION]
    return rewrite_legacy_links(text, partial(_link_target, context, result), links)


# -- Links to posts and files: the forms are recognised in postarchive.reading.legacy ------------


def _link_target(context: Context, result: Converted, link: LegacyLink) -> str | None:
    """What to write for a legacy link: a post's archive file, a file brought along or, for a
    Markdown link to a page not imported, its address on the old site; None keeps it."""
    if link.form.name == "markdown":
        target = _markdown_link_target(context, result, link.reference)
        if target is None and _relative_page(link.reference):
            # The build cannot follow it either (it names no file of the archive): said here,
            # where the line is the author's.
            message = f"link to {link.reference!r} names no page imported; kept"
            _report_line(result, context, link.line, message, link.reference)
        return target
    if link.name in GROUP_LINKS:
        result.conversions["pelican link to a group's page"] += 1
        return None  # kept: the build links the archive's page of that tag, journey or author
    path = link.reference
    names_post = link.name in ("ref", "relref", "post_url", "link") or (
        link.name == "filename" and path.lower().endswith((*MARKDOWN, ".rst", ".mau"))
    )
    target = context.find_post(path, context.rel) if names_post else None
    if target is None and link.name == "link":  # Jekyll's {% link %} names any file
        target = _bring(context, result, "/" + path.lstrip("/"))
        if target is None and (address := context.old_address(path)):
            result.conversions["liquid link to a page of the old site"] += 1
            return address  # a site page not imported (teach.md): where the old site had it
    elif target is None and link.form.name == "pelican" and not names_post:
        target = _bring(context, result, "pelican:" + path)
    if target is None:
        message = f"{link.written!r} names nothing imported; kept"
        _report_line(result, context, link.line, message, link.written)
        return None
    result.conversions[f"{link.form.name} {link.name}"] += 1
    result.made.add(target)
    return target


def _markdown_link_target(context: Context, result: Converted, path: str) -> str | None:
    if not path or _external(path) or path in result.made:
        return None
    target = context.find_post(path, context.rel)
    if target is None and not path.lower().endswith((*MARKDOWN, ".html", "/")):
        target = _bring(context, result, path)  # a file to download: slides, notebooks
    if target is None and path.startswith("/") and context.old_site:
        result.conversions["link to the old site"] += 1
        return urljoin(context.old_site, path)  # a page of the old site not imported
    if target is not None:
        result.conversions["link"] += 1
    return target


def _relative_page(path: str) -> bool:
    """A relative link to a page of the old blog (``../future-directions.html``, ``../x/``)."""
    if not path or _external(path) or path.startswith(("/", "{")):
        return False
    return urlsplit(path).path.lower().endswith((".html", ".htm", "/"))


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith("#")


# -- Footnotes and anchors the post's Markdown does not define -----------------------------------

_FOOTNOTE_DEFINITION = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]+)\]:", re.M)
_FOOTNOTE_REFERENCE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")


def _lone_footnotes(text: str, context: Context, result: Converted) -> str:
    """A footnote reference whose footnote the author never wrote: kramdown and Python-Markdown
    show it as written, MyST stops the page with an error; it is escaped to show as written."""
    code = CodeSpans.of(text)
    defined = {
        m[1].lower() for m in _FOOTNOTE_DEFINITION.finditer(text) if not code.holds(m.start())
    }

    def reference(match: re.Match[str]) -> str:
        if match[1].lower() in defined:
            return match[0]
        at_line_start = match.start() == 0 or text[match.start() - 1] == "\n"
        if at_line_start and text.startswith(":", match.end()):
            return match[0]  # a definition
        message = f"footnote {match[0]} is never defined; shown as written"
        _report(result, context, text, match.start(), message)
        return "\\" + match[0]

    return _outside_code(_FOOTNOTE_REFERENCE, text, reference)


_HTML_ANCHOR = re.compile(
    r"""<a\b[^>]*?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)|\bid\s*=\s*["']([^"']+)""", re.I
)
# [text](#anchor) with a text of plain words (no Markdown in it to keep).
_ANCHOR_LINK = re.compile(r"(?<!!)\[([^\[\]*_`<>\\]+)\]\(#([^)\s]+)\)")


def _links_to_html_anchors(text: str, result: Converted) -> str:
    """A link to an anchor that the post's raw HTML sets (``<a name="1">``): MyST looks for a
    heading or target of that name and warns; written as an HTML link, it works as it did."""
    code = CodeSpans.of(text)
    anchors = {m[1] or m[2] for m in _HTML_ANCHOR.finditer(text) if not code.holds(m.start())}
    if not anchors:
        return text

    def link(match: re.Match[str]) -> str:
        if match[2] not in anchors:
            return match[0]
        result.conversions["link to an HTML anchor"] += 1
        return f'<a href="#{escape(match[2])}">{escape(match[1])}</a>'

    return _outside_code(_ANCHOR_LINK, text, link)
