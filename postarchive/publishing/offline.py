"""The texts of the pages, for search result snippets, shipped with the site.

Sphinx's search fetches each result's whole page to cut a snippet from it; read from disk
(``file://``) the browser refuses those fetches, and a post's page starts with its header (date,
reading time, journeys) and ends with its footer. The search page (``postarchive-search.js``)
instead takes the page's own text from here, over http and from disk alike.

The texts are split into a fixed number of scripts by document name, so the search page loads
only the few that its first results need, however big the archive; a build rewrites only the
scripts whose texts changed.
"""

from __future__ import annotations

import json
import zlib
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postarchive.publishing.pagestore import PageStore

TEXTS_FOLDER = "_static/postarchive-texts"
SHARDS = 64


def shard_of(docname: str) -> int:
    """Which of the text scripts holds the document's text; stable from build to build."""
    return zlib.crc32(docname.encode("utf-8")) % SHARDS


def write_page_texts(outdir: Path, store: PageStore) -> None:
    shards: list[dict[str, str]] = [{} for _ in range(SHARDS)]
    for docname, entry in sorted(store.pages.items()):
        # Wrapped as the part of a page that Sphinx's search reads snippets from.
        shards[shard_of(docname)][docname] = f'<div role="main">{escape(entry["text"])}</div>'
    folder = outdir / TEXTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for number, texts in enumerate(shards):
        script = "postarchiveTexts.add(" + json.dumps(texts, ensure_ascii=False) + ");\n"
        path = folder / f"{number}.js"
        if not path.exists() or path.read_text(encoding="utf-8") != script:
            path.write_text(script, encoding="utf-8")
