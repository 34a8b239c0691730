"""A post's body, made into MyST: shortcodes and template tags converted, links to other posts
pointed at their archive files, and images (also those in raw HTML figures) brought along.

What cannot be converted stays in the post, visible, and is reported with its line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from postarchive.problems import Problem

# Hugo: {{< name args >}} and {{% name args %}}; closing forms {{< /name >}}.
_HUGO = re.compile(r"\{\{([<%])\s*(/?)\s*([\w-]+)\s*(.*?)\s*[>%]\}\}", re.S)
_ARG = re.compile(r"""([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|'([^']*)'|(\S+)""")
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", re.S)
_LIQUID_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_SITE_URL = re.compile(
    r"""\{\{-?\s*(?:site\.baseurl|site\.url|site\.url\s*\}\}\{\{\s*site\.baseurl)\s*-?\}\}"""
)
_URL_FILTER = re.compile(
    r"""\{\{-?\s*["']([^"']+)["']\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}"""
)
_PELICAN = re.compile(r"""[{|](filename|static|attach)[}|]([^\s)"'>\]]+)""")
_MD_IMAGE = re.compile(r"(!\[[^\]]*\]\()\s*<?([^)\s>]+)>?((?:\s+\"[^\"]*\")?\s*\))")
_MD_LINK = re.compile(r"((?<!!)\[[^\]]*\]\()\s*<?([^)\s>]+)>?((?:\s+\"[^\"]*\")?\s*\))")
_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>", re.S | re.I)
_IMG = re.compile(r"<img\b([^>]*?)/?>", re.S | re.I)
_LONE_IMG = re.compile(
    r"^[ \t]*(?:<p>\s*)?(?:<a\b[^>]*href=\"([^\"]*)\"[^>]*>\s*)?"  # an optional paragraph and link
    r"(<img\b[^>]*>)(?:\s*</a>)?(?:\s*</p>)?[ \t]*$",
    re.M | re.I,
)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_CAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass
class Converted:
    body: str
    conversions: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)


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
    # The line of the source file where the body starts (messages name the file's lines).
    first_line: int = 1
    # The old site's address (Hugo baseURL, Jekyll url + baseurl, Pelican SITEURL), if known:
    # root-relative links to pages not imported then point there.
    old_site: str | None = None


def convert(body: str, kind: str, context: Context) -> Converted:
    """Convert the template forms of the blog's ``kind``, then images and links (all kinds)."""
    result = Converted(body)
    if kind == "hugo":
        result.body = _hugo_shortcodes(result.body, context, result)
    if kind in ("jekyll", "eleventy"):  # Eleventy's Liquid and Nunjucks share these tags
        result.body = _liquid(result.body, context, result)
    if kind == "pelican":
        result.body = _pelican(result.body, context, result)
    result.body = _html_images(result.body, context, result)
    result.body = _markdown_targets(result.body, context, result)
    return result


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _report(result: Converted, context: Context, text: str, index: int, message: str) -> None:
    result.problems.append(Problem(context.rel, _line_of(text, index), message, "import"))


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for match in _ARG.finditer(text):
        if match.group(1):
            named[match.group(1)] = next(g for g in match.group(2, 3, 4) if g is not None)
        else:
            positional.append(next(g for g in match.group(5, 6, 7) if g is not None))
    return positional, named


def _in_code(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks, whose text is shown as written and never converted."""
    spans, start, fence = [], 0, ""
    offset = 0
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence and match and match.group(1).startswith(fence):
            spans.append((start, offset + len(line)))
            fence = ""
        elif not fence and match:
            fence, start = match.group(1), offset
        offset += len(line) + 1
    if fence:
        spans.append((start, offset))
    return spans


def _outside_code(
    pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str]
) -> str:
    spans = _in_code(text)

    def guarded(match: re.Match[str]) -> str:
        if any(a <= match.start() < b for a, b in spans):
            return match.group(0)
        return replace(match)

    return pattern.sub(guarded, text)


def _fenced(language: str, code: str) -> str:
    fence = "````" if "```" in code else "```"
    return f"{fence}{language}\n{code.strip(chr(10))}\n{fence}"


def _figure(src: str, alt: str, caption: str, target: str | None = None) -> str:
    lines = [f"```{{figure}} {src}"]
    if alt:
        lines.append(f":alt: {' '.join(alt.split())}")
    if target:
        lines.append(f":target: {target}")
    if caption:
        lines += ["", " ".join(caption.split())]
    return "\n".join([*lines, "```"])


# -- Hugo ----------------------------------------------------------------------------------------


def _hugo_shortcodes(text: str, context: Context, result: Converted) -> str:
    # Paired highlight blocks first: their content is code, not Markdown.
    paired = re.compile(
        r"\{\{[<%]\s*highlight\s+([\w+-]*)[^>%]*[>%]\}\}\n?(.*?)\{\{[<%]\s*/highlight\s*[>%]\}\}",
        re.S,
    )

    def highlight(match: re.Match[str]) -> str:
        result.conversions["hugo highlight"] += 1
        return _fenced(match.group(1), match.group(2))

    text = paired.sub(highlight, text)

    def shortcode(match: re.Match[str]) -> str:
        closing, name, args = match.group(2), match.group(3).lower(), match.group(4)
        positional, named = _arguments(args)
        first = positional[0] if positional else ""
        if closing:
            return match.group(0)
        if name in ("ref", "relref"):
            reference = named.get("path") or first
            target = context.find_post(reference.split("#")[0], context.rel)
            if target is None:
                _report(
                    result,
                    context,
                    text,
                    match.start(),
                    f"{match.group(0)!r} names no imported post; kept",
                )
                return match.group(0)
            result.conversions[f"hugo {name}"] += 1
            anchor = "#" + reference.split("#", 1)[1] if "#" in reference else ""
            in_link = text[: match.start()].endswith(("](", "]( ", "](<"))
            return target + anchor if in_link else f"[]({target}{anchor})"
        if name == "figure":
            src = context.bring_asset(named.get("src", first), context.rel)
            if src is None:
                _report(
                    result,
                    context,
                    text,
                    match.start(),
                    f"image {named.get('src', first)!r} not found; figure kept",
                )
                return match.group(0)
            result.conversions["hugo figure"] += 1
            caption = named.get("caption") or named.get("title") or ""
            return _figure(
                src, named.get("alt", caption), _TAGS.sub("", unescape(caption)), named.get("link")
            )
        if name in ("youtube", "vimeo"):
            video = named.get("id") or first
            url = (
                f"https://www.youtube.com/watch?v={video}"
                if name == "youtube"
                else f"https://vimeo.com/{video}"
            )
            result.conversions[f"hugo {name}"] += 1
            return f"[{named.get('title') or name.capitalize() + ' video'} ({video})]({url})"
        if name == "gist":
            user, gist = [*positional, "", ""][:2]
            result.conversions["hugo gist"] += 1
            return f"[Gist {user}/{gist}](https://gist.github.com/{user}/{gist})"
        if name in ("tweet", "x"):
            tweet = named.get("id") or (positional[-1] if positional else "")
            user = named.get("user", "i")
            result.conversions[f"hugo {name}"] += 1
            return f"[Post {tweet} on X](https://x.com/{user}/status/{tweet})"
        _report(
            result,
            context,
            text,
            match.start(),
            f"Hugo shortcode {{{{< {name} >}}}} has no MyST form; kept as written",
        )
        return match.group(0)

    return _outside_code(_HUGO, text, shortcode)


# -- Jekyll (Liquid) -----------------------------------------------------------------------------


def _liquid(text: str, context: Context, result: Converted) -> str:
    paired = re.compile(
        r"\{%-?\s*highlight\s+([\w+-]+)[^%]*%\}\n?(.*?)\{%-?\s*endhighlight\s*-?%\}", re.S
    )

    def highlight(match: re.Match[str]) -> str:
        result.conversions["jekyll highlight"] += 1
        return _fenced(match.group(1), match.group(2))

    text = paired.sub(highlight, text)
    text = re.sub(r"\{%-?\s*(?:raw|endraw)\s*-?%\}", "", text)
    if _SITE_URL.search(text) or _URL_FILTER.search(text):
        result.conversions["jekyll site url"] += len(_SITE_URL.findall(text)) + len(
            _URL_FILTER.findall(text)
        )
        text = _URL_FILTER.sub(lambda m: m.group(1), _SITE_URL.sub("", text))

    def tag(match: re.Match[str]) -> str:
        name, args = match.group(1).lower(), match.group(2).strip().strip("\"'")
        if name in ("post_url", "link"):
            target = context.find_post(args, context.rel)
            if target is None and name == "link":
                target = context.bring_asset("/" + args.lstrip("/"), context.rel)
            if target is None:
                _report(
                    result,
                    context,
                    text,
                    match.start(),
                    f"{match.group(0)!r} names nothing imported; kept",
                )
                return match.group(0)
            result.conversions[f"jekyll {name}"] += 1
            return target
        if name == "include":
            included = context.find_include(args.split()[0] if args else "")
            if included is None:
                _report(
                    result,
                    context,
                    text,
                    match.start(),
                    f"{match.group(0)!r}: no such include; kept",
                )
                return match.group(0)
            result.conversions["jekyll include"] += 1
            return included
        _report(
            result,
            context,
            text,
            match.start(),
            f"Liquid tag {{% {name} %}} has no MyST form; kept as written",
        )
        return match.group(0)

    text = _outside_code(_LIQUID_TAG, text, tag)

    def output(match: re.Match[str]) -> str:
        _report(
            result,
            context,
            text,
            match.start(),
            f"Liquid output {match.group(0)!r} has no MyST form; kept",
        )
        return match.group(0)

    return _outside_code(_LIQUID_OUTPUT, text, output)


# -- Pelican -------------------------------------------------------------------------------------


def _pelican(text: str, context: Context, result: Converted) -> str:
    def placeholder(match: re.Match[str]) -> str:
        kind, path = match.group(1), match.group(2)
        if kind == "filename" and path.lower().endswith((".md", ".markdown", ".rst")):
            target = context.find_post(path, context.rel)
        else:
            target = context.bring_asset(("pelican:" + path), context.rel)
        if target is None:
            _report(
                result,
                context,
                text,
                match.start(),
                f"{match.group(0)!r} names nothing imported; kept",
            )
            return match.group(0)
        result.conversions[f"pelican {kind}"] += 1
        return target

    return _outside_code(_PELICAN, text, placeholder)


# -- Images in raw HTML --------------------------------------------------------------------------


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): unescape(next(g for g in m.group(2, 3, 4) if g is not None))
        for m in _ATTR.finditer(tag)
    }


def _html_images(text: str, context: Context, result: Converted) -> str:
    """Sphinx copies images it sees as images, not those in raw HTML: figures and lone images
    in HTML become MyST figures and images."""

    def figure(match: re.Match[str]) -> str:
        img = _IMG.search(match.group(1))
        if img is None:
            return match.group(0)
        attrs = _attributes(img.group(1))
        src = context.bring_asset(attrs.get("src", ""), context.rel)
        if src is None:
            _report(
                result,
                context,
                text,
                match.start(),
                f"image {attrs.get('src')!r} not found; HTML kept",
            )
            return match.group(0)
        caption_match = _CAPTION.search(match.group(1))
        caption = _TAGS.sub("", unescape(caption_match.group(1))) if caption_match else ""
        link = re.search(r"<a\b[^>]*href=\"([^\"]*)\"", match.group(1))
        result.conversions["html figure"] += 1
        return (
            "\n"
            + _figure(src, attrs.get("alt", ""), caption, link.group(1) if link else None)
            + "\n"
        )

    text = _outside_code(_FIGURE, text, figure)

    def lone(match: re.Match[str]) -> str:
        attrs = _attributes(match.group(2))
        src = context.bring_asset(attrs.get("src", ""), context.rel)
        if src is None:
            _report(
                result,
                context,
                text,
                match.start(),
                f"image {attrs.get('src')!r} not found; HTML kept",
            )
            return match.group(0)
        result.conversions["html image"] += 1
        lines = [f"```{{image}} {src}"]
        if attrs.get("alt"):
            lines.append(f":alt: {' '.join(attrs['alt'].split())}")
        if match.group(1):
            lines.append(f":target: {match.group(1)}")
        return "\n".join([*lines, "```"])

    text = _outside_code(_LONE_IMG, text, lone)

    def embedded(match: re.Match[str]) -> str:
        src = _attributes(match.group(1)).get("src", "")
        if not _external(src):
            message = f"image {src!r} inside other HTML is left as HTML; Sphinx will not copy it"
            _report(result, context, text, match.start(), message)
        return match.group(0)

    return _outside_code(_IMG, text, embedded)


# -- Markdown images and links -------------------------------------------------------------------


def _markdown_targets(text: str, context: Context, result: Converted) -> str:
    def image(match: re.Match[str]) -> str:
        url = match.group(2)
        if _external(url):
            return match.group(0)
        src = context.bring_asset(url, context.rel)
        if src is None:
            _report(result, context, text, match.start(), f"image {url!r} not found; kept")
            return match.group(0)
        result.conversions["image"] += 1
        return match.group(1) + src + match.group(3)

    text = _outside_code(_MD_IMAGE, text, image)

    def link(match: re.Match[str]) -> str:
        url = match.group(2)
        path, _, anchor = url.partition("#")
        if _external(url) or not path.lower().endswith((".md", ".markdown")):
            return match.group(0)
        target = context.find_post(path, context.rel)
        if target is None:
            return match.group(0)
        result.conversions["link"] += 1
        return match.group(1) + target + (f"#{anchor}" if anchor else "") + match.group(3)

    return _outside_code(_MD_LINK, text, link)


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith("#")
