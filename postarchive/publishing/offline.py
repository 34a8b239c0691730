"""Search snippets in the archive read from disk: see ``static/postarchive-offline-search.js``.

The page texts it needs are written to ``_static/postarchive-offline-pages.js``, which only the
search page loads, and only from ``file://``; online search is unchanged.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postarchive.publishing.pagestore import PageStore

PAGES_SCRIPT = "_static/postarchive-offline-pages.js"


def write_offline_pages(outdir: Path, store: PageStore) -> None:
    # Each text is wrapped as the part of a page Sphinx's search reads snippets from.
    pages = {
        docname: f'<div role="main">{escape(entry["text"])}</div>'
        for docname, entry in sorted(store.pages.items())
    }
    script = "window.postarchiveOfflinePages = " + json.dumps(pages, ensure_ascii=False) + ";\n"
    path = outdir / PAGES_SCRIPT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script, encoding="utf-8")
