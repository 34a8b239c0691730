"""Posts written as HTML with front matter (Jekyll's ``_posts/*.html``, Eleventy's ``.html``
posts), made into MyST posts.

The engine ran the body through its template language, then published it as it was: here the
body becomes MyST (:mod:`postarchive.importing.fromhtml`) first, and its template tags then take
the path of every Markdown post's (:mod:`postarchive.importing.convert`), as do its links and
pictures. The tags are set aside while the HTML is converted: a block whose text is code
(``{% highlight %}``, ``{% raw %}``) would be read as HTML, and a tag on its own line would join
the paragraph beside it.
"""

from __future__ import annotations

import re

from postarchive.importing.fromhtml import MystText, html_to_myst

HTML_POSTS = (".html", ".htm")
# Paired tags whose text is shown as written or as code, never read as HTML.
_CODE_BLOCKS = re.compile(
    r"\{%-?\s*(highlight|raw|codeblock|comment)\b.*?%\}.*?\{%-?\s*end\1\s*-?%\}", re.DOTALL
)
# A template tag or output on a line of its own: a block of the page (an include).
_TAG_LINE = re.compile(r"^[ \t]*(\{%.*?%\}|\{\{.*?\}\})[ \t]*$", re.MULTILINE)
_PLACEHOLDER = "POSTARCHIVETEMPLATE{}X"  # letters only: no converter escapes it
_PLACEHOLDERS = re.compile(r"POSTARCHIVETEMPLATE(\d+)X")


def html_post_to_myst(body: str) -> MystText:
    """An HTML post's body as MyST, its template tags kept as written for the conversion that
    follows."""
    kept: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        kept.append(match[0].strip())
        return f"\n<p>{_PLACEHOLDER.format(len(kept) - 1)}</p>\n"

    body = _TAG_LINE.sub(set_aside, _CODE_BLOCKS.sub(set_aside, body))
    result = html_to_myst(body)
    result.text = "\n".join(_put_back(line, kept) for line in result.text.split("\n"))
    return result


def _put_back(line: str, kept: list[str]) -> str:
    """The tags set aside on this line, written back; the other lines of a block stay in the
    list item or quote its first line is in."""
    match = _PLACEHOLDERS.search(line)
    if match is None:
        return line
    indent = re.sub(r"[^>\s]", " ", line[: match.start()])
    return _PLACEHOLDERS.sub(lambda m: kept[int(m[1])].replace("\n", "\n" + indent), line)
