"""Text that becomes part of a Markdown file (a title as a heading, a link's label, the home
page's introduction), escaped so that it shows as written and never as markup or raw HTML."""

from __future__ import annotations

import re

# Markdown and HTML punctuation a title could hold (CommonMark lets any of them be escaped).
_MARKUP = re.compile(r"([\\`*_{}\[\]<>#|~$&!^=+])")
# What makes a line a list item: "1." or "1)" or a "-" at its start.
_LIST_MARK = re.compile(r"^(\d+)([.)])|^-")


def markdown_text(text: str) -> str:
    """``text`` on one line, with every character Markdown or HTML would read escaped."""
    escaped = _MARKUP.sub(r"\\\1", " ".join(text.split()))
    return _LIST_MARK.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped)
